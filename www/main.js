// Loads the WebAssembly module and the data file, then hands both to Rust, which draws
// everything and checks the data. This file only fetches, reports a failed fetch, and turns
// the download buttons into files.
import init, { Explainer } from '../pkg/lifeline.js';

const DATA_NAME = 'www/data/lifeline.json';

function showError(root, message) {
  const status = root.querySelector('.lifeline-status');
  if (status) status.textContent = message;
  console.error(message);
}

async function loadText(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`${DATA_NAME} could not be fetched (${e.message}). The charts cannot be drawn; the text is complete.`);
  }
  if (!res.ok) {
    throw new Error(`${DATA_NAME} could not be loaded (HTTP ${res.status}). The charts cannot be drawn; the text is complete.`);
  }
  return res.text();
}

function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function wireDownloads(root, explainer) {
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-download]');
    if (!button || !root.contains(button)) return;
    const kind = button.dataset.download;
    const stem = explainer.fileStem;
    if (kind === 'csv') {
      const csv = explainer.csv();
      if (csv) save(new Blob([csv], { type: 'text/csv' }), `${stem}.csv`);
    } else if (kind === 'svg') {
      save(new Blob([explainer.svg()], { type: 'image/svg+xml' }), `${stem}.svg`);
    } else if (kind === 'png') {
      root.querySelector('canvas.lifeline-canvas').toBlob((b) => b && save(b, `${stem}.png`), 'image/png');
    }
  });
}

async function start() {
  const root = document.querySelector('[data-lifeline]');
  if (!root) return;
  try {
    const [, text] = await Promise.all([init(), loadText(new URL('data/lifeline.json', import.meta.url))]);
    const explainer = new Explainer(root, text, DATA_NAME);
    wireDownloads(root, explainer);
    root.lifeline = explainer;
  } catch (e) {
    showError(root, e instanceof Error ? e.message : String(e));
  }
}

start();

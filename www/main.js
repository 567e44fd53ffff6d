// Loads the WebAssembly module and the data, then hands both to Rust. Everything the
// reader sees is drawn by Rust; this file only fetches and reports what went wrong.
import init, { Explainer } from '../pkg/lifeline.js';

const DATA_NAME = 'www/data/lifeline.json';

function showError(root, message) {
  const status = root && root.querySelector('.lifeline-status');
  if (status) status.textContent = message;
  console.error(message);
}

async function loadData(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`${DATA_NAME}: could not be fetched (${e.message}). The charts cannot be drawn; the text is complete.`);
  }
  if (!res.ok) {
    throw new Error(`${DATA_NAME}: could not be loaded (HTTP ${res.status}). The charts cannot be drawn; the text is complete.`);
  }
  try {
    return await res.json();
  } catch (e) {
    throw new Error(`${DATA_NAME}: is not valid JSON (${e.message}).`);
  }
}

async function start() {
  const root = document.querySelector('[data-lifeline]');
  if (!root) return;
  try {
    const [, data] = await Promise.all([init(), loadData(new URL('data/lifeline.json', import.meta.url))]);
    root.lifeline = new Explainer(root, data, DATA_NAME);
  } catch (e) {
    showError(root, e instanceof Error ? e.message : String(e));
  }
}

start();

// Loads the WebAssembly module and the data file, then hands both to Rust, which draws
// everything and checks the data. This file wires the page's controls (theme, motion,
// previous/next, the data panel, downloads) and reports a failed fetch.
import init, { Explainer } from '../pkg/lifeline.js';

const DATA_NAME = 'www/data/lifeline.json';
const html = document.documentElement;

function showError(root, message) {
  const status = root.querySelector('.lifeline-status');
  if (status) status.textContent = message;
  root.classList.add('is-static'); // show the charts drawn ahead of time instead
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

/** Theme and motion choices, remembered for the session and applied before the first draw. */
const settings = {
  form: document.querySelector('.settings'),
  get(k, fallback) { try { return sessionStorage.getItem(k) || fallback; } catch { return fallback; } },
  set(k, v) { try { sessionStorage.setItem(k, v); } catch { /* storage blocked */ } },
  apply() {
    html.dataset.theme = this.get('lifeline-theme', 'auto');
    html.dataset.motion = this.get('lifeline-motion', 'auto');
  },
  wire(explainer) {
    const form = this.form;
    if (!form) return;
    const theme = form.querySelector('[name="theme"]');
    const motion = form.querySelector('[name="motion"]');
    theme.value = html.dataset.theme;
    motion.checked = html.dataset.motion !== 'reduce';
    form.addEventListener('change', () => {
      this.set('lifeline-theme', theme.value);
      this.set('lifeline-motion', motion.checked ? 'auto' : 'reduce');
      this.apply();
      explainer.redraw();
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => explainer.redraw());
    form.hidden = false;
  },
};

function wireControls(root, explainer) {
  const steps = [...root.querySelectorAll('[data-step]')];
  const panel = root.querySelector('.lifeline-panel');
  const toggle = root.querySelector('.lifeline-data-toggle');
  const reduce = () => html.dataset.motion === 'reduce' || matchMedia('(prefers-reduced-motion: reduce)').matches;
  const setPanel = (open) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) panel.querySelector('h2').focus();
  };
  root.addEventListener('click', (event) => {
    const el = event.target.closest('button');
    if (!el || !root.contains(el)) return;
    if (el.dataset.go) {
      const next = steps[Math.min(steps.length - 1, Math.max(0, explainer.step + Number(el.dataset.go)))];
      next.scrollIntoView({ behavior: reduce() ? 'auto' : 'smooth', block: 'start' });
    } else if (el === toggle) {
      setPanel(panel.hidden);
    } else if (el.dataset.download) {
      const stem = explainer.fileStem;
      if (el.dataset.download === 'csv') {
        const csv = explainer.csv();
        if (csv) save(new Blob([csv], { type: 'text/csv' }), `${stem}.csv`);
      } else if (el.dataset.download === 'svg') {
        save(new Blob([explainer.svg()], { type: 'image/svg+xml' }), `${stem}.svg`);
      } else {
        root.querySelector('canvas.lifeline-canvas').toBlob((b) => b && save(b, `${stem}.png`), 'image/png');
      }
    }
  });
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { setPanel(false); toggle.focus(); } });
  root.querySelector('.lifeline-controls').hidden = false;
}

async function start() {
  const root = document.querySelector('[data-lifeline]');
  if (!root) return;
  try {
    const [, text] = await Promise.all([init(), loadText(new URL('data/lifeline.json', import.meta.url))]);
    settings.apply();
    const explainer = new Explainer(root, text, DATA_NAME);
    settings.wire(explainer);
    wireControls(root, explainer);
    root.lifeline = explainer;
  } catch (e) {
    showError(root, e instanceof Error ? e.message : String(e));
  }
}

start();

// Shared by the standalone page (main.js) and the script embed (embed.js): loads the wasm
// and the data, starts the Rust explainer in a root element, and wires the page's controls
// (theme, motion, previous/next, the data panel, downloads). Rust draws and checks the data.
import init, { Explainer } from '../pkg/lifeline.js';

/**
 * What the reader is told when the live chart cannot start (no WebAssembly, an old browser, a
 * failed download), in the story's words: templates on the explainer's root (`data-msg-wasm`,
 * `data-msg-fetch`, `data-msg-http`) with {name} and {status} slots. Each says that the charts
 * shown are still images; the browser's own error ("Type error") goes to the console only. The
 * English here only stands in for a page that lacks them.
 */
const MESSAGES = {
  wasm: 'The live chart could not start in this browser, so each step is followed by its chart as a still image. The text is complete.',
  fetch: '{name} could not be fetched, so each step is followed by its chart as a still image. The text is complete.',
  http: '{name} could not be loaded (HTTP {status}), so each step is followed by its chart as a still image. The text is complete.',
  position: 'Step {n} of {m}.',
  start: 'This is the first step.',
  end: 'This is the last step; the sources follow the story.',
  chart: 'Chart: {description}',
  mark: '{n} of {m}',
  first: 'First of {m}; no mark before it.',
  last: 'Last of {m}; no mark after it.',
};
function message(root, kind, slots) {
  const template = root.dataset[`msg${kind[0].toUpperCase()}${kind.slice(1)}`] || MESSAGES[kind];
  return template.replace(/\{(\w+)\}/g, (m, k) => (k in slots ? String(slots[k]) : m));
}

/** A failure to start, with the reader's words for it apart from the browser's own. */
class StartError extends Error {
  constructor(said, cause) {
    super(said);
    this.raw = cause instanceof Error ? cause.message : String(cause ?? '');
  }
}

let wasm;
/** The WebAssembly module, instantiated once however many explainers a page holds. */
function loadWasm(root) {
  // The URL is given here, not left to the glue, so it holds when `make dist` bundles the glue
  // into www/ (the glue would look for the .wasm beside itself).
  wasm ??= init({ module_or_path: new URL('../pkg/lifeline_bg.wasm', import.meta.url) });
  return wasm.catch((e) => {
    throw new StartError(message(root, 'wasm', {}), e);
  });
}

async function loadText(root, url, name) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new StartError(message(root, 'fetch', { name }), e);
  }
  if (!res.ok) {
    throw new StartError(message(root, 'http', { name, status: res.status }), `HTTP ${res.status} for ${url}`);
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

const store = {
  get(k, fallback) { try { return sessionStorage.getItem(k) || fallback; } catch { return fallback; } },
  set(k, v) { try { sessionStorage.setItem(k, v); } catch { /* storage blocked */ } },
};

/** The reader's theme and motion choices: on `target` (data-theme, data-motion), remembered. */
function applySettings(target, forced = {}) {
  target.dataset.theme = forced.theme || store.get('lifeline-theme', 'auto');
  target.dataset.motion = store.get('lifeline-motion', 'auto');
}

function wireSettings(scope, target, explainer, signal) {
  const form = scope.querySelector('.settings');
  if (!form) return;
  const theme = form.querySelector('[name="theme"]');
  const motion = form.querySelector('[name="motion"]');
  theme.value = target.dataset.theme;
  // The box shows what is in effect: unticked when the device asks for reduced motion and the
  // reader has not asked for animation here.
  const reduced = matchMedia('(prefers-reduced-motion: reduce)');
  const animates = () => target.dataset.motion === 'animate' || (target.dataset.motion !== 'reduce' && !reduced.matches);
  motion.checked = animates();
  reduced.addEventListener('change', () => { motion.checked = animates(); }, { signal });
  form.addEventListener('change', () => {
    store.set('lifeline-theme', theme.value);
    // 'animate' overrides a device that asks for less motion; 'auto' follows the device.
    store.set('lifeline-motion', motion.checked ? (reduced.matches ? 'animate' : 'auto') : 'reduce');
    applySettings(target);
    explainer.redraw();
  }, { signal });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => explainer.redraw(), { signal });
  form.hidden = false;
}

/**
 * What each step says to a screen reader besides its text, in the page's words: its position
 * ("Step 3 of 22.") at its start, and at its end the description of its chart, which the build
 * wrote as the alt text of the step's own chart (hidden while the live chart shows it).
 */
function markSteps(root, steps) {
  steps.forEach((step, i) => {
    if (step.querySelector('.step-position')) return;
    const hidden = (cls, text) => Object.assign(document.createElement('span'), { className: `visually-hidden ${cls}`, textContent: text });
    const parts = [...step.children].filter((c) => !c.matches('figure, .check'));
    parts[0]?.prepend(hidden('step-position', `${message(root, 'position', { n: i + 1, m: steps.length })} `));
    // The build puts each step's chart right after the step (src/prerender.rs).
    const next = step.nextElementSibling;
    const figure = next?.matches('figure.step-chart') ? next : step.querySelector('figure.step-chart');
    const alt = figure?.querySelector('img')?.alt;
    if (alt) parts.at(-1)?.append(hidden('step-summary', ` ${message(root, 'chart', { description: alt })}`));
  });
}

function wireControls(root, explainer, scrollToStep, signal) {
  const panel = root.querySelector('.lifeline-panel');
  const toggle = root.querySelector('.lifeline-data-toggle');
  const setPanel = (open) => {
    if (open) explainer.showTable();
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) panel.querySelector('h2').focus();
  };
  const steps = [...root.querySelectorAll('[data-step]')];
  const live = root.querySelector('.lifeline-live');
  markSteps(root, steps);
  root.addEventListener('click', (event) => {
    const el = event.target.closest('button');
    if (!el || !root.contains(el)) return;
    if (el.dataset.go) {
      // Previous and next move the reader, not only the chart: focus goes to the step, whose
      // text (opening with its position, "Step 3 of 22") is then read; past either end, the
      // reader is told so.
      const i = explainer.step + Number(el.dataset.go);
      if (i < 0 || i >= steps.length) {
        if (live) live.textContent = message(root, i < 0 ? 'start' : 'end', {});
        return;
      }
      scrollToStep(i);
      steps[i].tabIndex = -1;
      steps[i].focus({ preventScroll: true });
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
  }, { signal });
  panel.addEventListener('keydown', (e) => { if (e.key === 'Escape') { setPanel(false); toggle.focus(); } }, { signal });
  // The panel and its button are named after the chart on screen ("Data: Shares of …").
  const heading = panel.querySelector('h2');
  const base = { heading: heading.textContent, toggle: toggle.textContent.trim() };
  const name = () => {
    const title = explainer.chartTitle;
    heading.textContent = title ? `${base.heading}: ${title}` : base.heading;
    toggle.setAttribute('aria-label', title ? `${base.toggle}: ${title}` : base.toggle);
  };
  name();
  const named = new MutationObserver(name);
  named.observe(root, { attributes: true, attributeFilter: ['data-lifeline-step'] });
  signal.addEventListener('abort', () => named.disconnect());
  root.querySelector('.lifeline-controls').hidden = false;
}

/**
 * Reading exact values: a pointer over a bar, dot or line (or a tap on it) shows a tooltip; with
 * the chart focused, the arrow keys step through its marks, each shown and announced politely.
 * Rust keeps the marks of the chart as drawn (`markAt`, `markRect`, `markText`).
 */
function wireMarks(root, explainer, signal) {
  const canvas = root.querySelector('canvas.lifeline-canvas');
  const tip = root.querySelector('.lifeline-tooltip');
  const box = root.querySelector('.lifeline-focus');
  const live = root.querySelector('.lifeline-live');
  if (!canvas || !tip || !box) return;
  let current = -1;
  let saidUnits = null; // the unit said last: a readout says it once, not at every mark
  const hide = () => { tip.hidden = true; box.hidden = true; current = -1; saidUnits = null; };
  const show = (i, { outline = false, announce = false } = {}) => {
    if (i < 0) { hide(); return; }
    // The same mark under a moving pointer: nothing to redo.
    if (i === current && !tip.hidden && !outline && !announce) return;
    current = i;
    const [l, t, r, b] = explainer.markRect(i);
    const [name, value, units] = explainer.markText(i).split('\n');
    tip.replaceChildren(...[[name, 'name'], [value, 'value'], [units, 'units']].filter(([text]) => text).map(([text, cls]) => {
      const line = document.createElement('span');
      line.className = `lifeline-tooltip-${cls}`;
      line.textContent = text;
      return line;
    }));
    tip.hidden = false;
    // Above the mark, kept inside the chart.
    const w = canvas.clientWidth;
    const x = Math.min(Math.max((l + r) / 2, tip.offsetWidth / 2 + 4), w - tip.offsetWidth / 2 - 4);
    tip.style.left = `${x}px`;
    tip.style.top = `${Math.max(t - 8, tip.offsetHeight + 4)}px`;
    Object.assign(box.style, { left: `${l - 3}px`, top: `${t - 3}px`, width: `${r - l + 6}px`, height: `${b - t + 6}px` });
    box.hidden = !outline;
    if (announce && live) {
      const n = explainer.markCount;
      const said = [name, value, units !== saidUnits ? units : '', message(root, 'mark', { n: i + 1, m: n })];
      saidUnits = units;
      live.textContent = said.filter(Boolean).join(', ');
    }
  };
  const at = (e) => {
    const r = canvas.getBoundingClientRect();
    return explainer.markAt(e.clientX - r.left, e.clientY - r.top);
  };
  canvas.addEventListener('pointermove', (e) => { if (e.pointerType === 'mouse') show(at(e)); }, { signal });
  canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') hide(); }, { signal });
  // A tap (or click) shows the mark under it; a tap elsewhere hides it.
  canvas.addEventListener('click', (e) => show(at(e)), { signal });
  document.addEventListener('click', (e) => { if (!e.composedPath().includes(canvas)) hide(); }, { signal });
  canvas.addEventListener('keydown', (e) => {
    const n = explainer.markCount;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (e.key === 'Escape') { hide(); return; }
    // A chart with nothing to read (or one still moving) leaves the keys to the page's scroll.
    if (n === 0) return;
    let next;
    if (e.key in moves) next = current < 0 ? (moves[e.key] > 0 ? 0 : n - 1) : current + moves[e.key];
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else return;
    e.preventDefault();
    // At either end the reader is told so, instead of wrapping round without a word.
    if (next < 0 || next >= n) {
      if (live) live.textContent = message(root, next < 0 ? 'first' : 'last', { m: n });
      return;
    }
    show(next, { outline: true, announce: true });
  }, { signal });
  canvas.addEventListener('blur', hide, { signal });
  // A new step, a resize or a new theme redraws the chart: what was shown may no longer stand
  // where it was. (Nothing redraws while the page is idle.)
  const seen = new MutationObserver(hide);
  seen.observe(root, { attributes: true, attributeFilter: ['data-lifeline-step', 'data-lifeline-frames'] });
  signal.addEventListener('abort', () => seen.disconnect());
  canvas.tabIndex = 0;
}

/**
 * How far to scroll (a delta, in CSS pixels) to bring `step` just above the explainer's trigger
 * line, which Rust keeps (offset-aware: `data-offset` on the explainer for a fixed header), so a
 * step asked for (a deep link, the contents, previous and next) is the step that becomes active.
 */
export function toTrigger(explainer, step) {
  const vh = innerHeight;
  const offset = Math.min(Math.max(0, Number(step.closest('[data-lifeline]')?.dataset.offset) || 0), vh * 0.5);
  // Before the explainer has started, the stylesheet's share (the same as Rust's; the middle
  // of the view if the stylesheet did not load).
  const line = explainer ? explainer.triggerLine() : offset + (vh - offset) * (parseFloat(getComputedStyle(step).getPropertyValue('--lifeline-trigger')) || 0.5);
  return step.getBoundingClientRect().top - (line - LANDING * (vh - offset));
}

/** How far above the trigger line a step asked for lands, as a share of the view: far enough
 *  that it is the step that becomes active. */
export const LANDING = 0.05;

/** Smooth unless the reader asked for less motion. */
export function behaviour(target) {
  return target.dataset.motion === 'reduce' || matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/**
 * Starts an explainer in `root` (the element with [data-lifeline]).
 * - scope: where the settings form lives (the document, or a shadow root)
 * - target: the element that carries data-theme and data-motion
 * - dataUrl / dataName: the data file, and its name in messages
 * - scrollToStep(i): how to bring step i to the trigger line (the host may scroll for us)
 * - theme: a theme forced by the host ('light', 'dark' or 'auto')
 * Resolves to { explainer, destroy } — destroy() releases the listeners here and the Rust
 * side's observers and frames — or to null after showing what went wrong in the page.
 */
export async function mount(root, { scope, target, dataUrl, dataName, scrollToStep, theme }) {
  // Kept outside the try, so a failure after the explainer started still releases it.
  let explainer = null;
  const listeners = new AbortController();
  try {
    applySettings(target, { theme });
    const [exports, text] = await Promise.all([loadWasm(root), loadText(root, dataUrl, dataName)]);
    performance.mark('lifeline-ready'); // the wasm compiled and the data fetched
    explainer = new Explainer(root, text, dataName);
    performance.mark('lifeline-started'); // data checked, steps read, first frame drawn
    // For `make bench` (bench/bench.mjs): Rust's draw and step timings, and the wasm memory.
    // (Two functions: reading the timings allocates in the wasm, which must not skew its size.)
    root.lifelineBench = { timings: () => explainer.timings(), wasmBytes: () => exports.memory.buffer.byteLength };
    wireSettings(scope, target, explainer, listeners.signal);
    wireControls(root, explainer, scrollToStep, listeners.signal);
    wireMarks(root, explainer, listeners.signal);
    let alive = true;
    // In idle time after the first chart, each kind of chart (at the first step that shows
    // it) is drawn once out of sight (Explainer.warm), so the first step to it has no long task
    // for fonts and code.
    const idle = window.requestIdleCallback || ((f) => setTimeout(f, 100));
    const kinds = new Map();
    root.querySelectorAll('[data-step]').forEach((s, i) => kinds.has(s.dataset.chart) || kinds.set(s.dataset.chart, i));
    const todo = [...kinds.values()];
    const canvas = root.querySelector('canvas.lifeline-canvas');
    const spare = document.createElement('canvas');
    const warm = () => {
      if (!alive) return;
      spare.width = canvas.width;
      spare.height = canvas.height;
      if (todo.length && explainer.warm(todo.shift(), spare)) idle(warm, { timeout: 4000 });
      else {
        root.dataset.lifelineWarmed = String(kinds.size - todo.length);
        spare.width = 0; // its pixels are not kept
      }
    };
    idle(warm, { timeout: 4000 });
    const destroy = () => {
      if (!alive) return;
      alive = false;
      listeners.abort();
      delete root.lifelineBench;
      explainer.destroy();
      explainer.free();
    };
    return { explainer, destroy };
  } catch (e) {
    // Anything else (the explainer failing to start in an engine it does not suit) is told to
    // the reader as the wasm's failure; the browser's words go to the console.
    const said = e instanceof StartError ? e.message : message(root, 'wasm', {});
    const raw = e instanceof StartError ? e.raw : (e instanceof Error ? e.message : String(e));
    listeners.abort();
    if (explainer) {
      try { explainer.destroy(); explainer.free(); } catch { /* already gone */ }
      delete root.lifelineBench;
    }
    const status = root.querySelector('.lifeline-status');
    if (status) status.textContent = said;
    // The page becomes what it is without JavaScript: one column, each step followed by its
    // chart drawn ahead of time (www/style.css, `.is-static`).
    root.classList.remove('is-live');
    root.classList.add('is-static');
    console.error(`Lifeline: ${said} (${raw})`);
    return null;
  }
}

/** The step a URL asks for: `?step=N` (1-based) or `#id` of a step or scene, else -1. */
export function requestedStep(steps, url) {
  const n = Number(new URL(url).searchParams.get('step'));
  if (Number.isInteger(n) && n >= 1 && n <= steps.length) return n - 1;
  let id;
  try { id = decodeURIComponent(new URL(url).hash.slice(1)); } catch { return -1; }
  if (!id) return -1;
  const i = steps.findIndex((s) => s.id === id || s.closest(`[id="${CSS.escape(id)}"]`));
  return i;
}

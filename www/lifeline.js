// Shared by the standalone page (main.js) and the script embed (embed.js): loads the wasm
// and the data, starts the Rust explainer in a root element, and wires the page's controls
// (theme, motion, previous/next, the data panel, downloads). Rust draws and checks the data.

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

/**
 * The two WebAssembly modules, each instantiated once however many explainers a page holds:
 * the reader's (pkg-reader/), which draws the story as `make dist` compiled it, and the
 * checker's (pkg/, the whole crate), which reads, checks and binds a data file itself. The page
 * loads the checker only when the data file is not the one it was built with (see src/drawn.rs).
 * The URLs are given here, not left to the glue, so they hold once `make dist` bundles the glue.
 */
const modules = {};
function loadModule(root, kind) {
  // `make dist` bundles the reader's glue into the page's script (no request of its own) and
  // leaves the checker's apart (dist/pkg/lifeline.js). Without `make dist` (wasm-pack's pkg/
  // served from the repository's root) there is no reader's module: the checker draws.
  modules[kind] ??= kind === 'reader'
    ? import('../pkg-reader/reader.js').then(async (m) => {
      const exports = await m.default({ module_or_path: new URL('../pkg-reader/reader_bg.wasm', import.meta.url) });
      return { Explainer: m.Explainer, exports };
    })
    : import(new URL('../pkg/lifeline.js', import.meta.url).href).then(async (m) => {
      const exports = await m.default({ module_or_path: new URL('../pkg/lifeline_bg.wasm', import.meta.url) });
      return { Explainer: m.Explainer, exports };
    });
  return modules[kind].catch((e) => {
    throw new StartError(message(root, 'wasm', {}), e);
  });
}

/** The build's digest of a data file (src/drawn.rs, `digest`): FNV-1a over its UTF-8 bytes. */
export function digest(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

async function loadText(root, url, name, as = 'text') {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new StartError(message(root, 'fetch', { name }), e);
  }
  if (!res.ok) {
    throw new StartError(message(root, 'http', { name, status: res.status }), `HTTP ${res.status} for ${url}`);
  }
  return as === 'bytes' ? new Uint8Array(await res.arrayBuffer()) : res.text();
}

function save(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The chart drawn ahead of time for a step: right after it (src/prerender.rs), or inside it. */
function stepFigure(step) {
  const next = step?.nextElementSibling;
  return next?.matches('figure.step-chart') ? next : step?.querySelector('figure.step-chart');
}

/** Saves the file at `url` (a file the build wrote) as `name`; nothing if there is none. */
async function saveUrl(url, name) {
  if (!url) return;
  const res = await fetch(url);
  if (res.ok) save(await res.blob(), name);
}

/**
 * With the reader's module, which has no tables or downloads of its own: the files and tables
 * the build wrote into the page (src/prerender.rs). Each step is followed by its chart drawn
 * ahead of time; the first step of each chart also holds its table, with its CSV file named.
 */
function pageFile(root, explainer, kind) {
  if (kind === 'csv') {
    const details = root.querySelector(`.step-chart details[data-chart="${CSS.escape(explainer.chart)}"]`);
    return details?.dataset.csvHref ? new URL(details.dataset.csvHref, document.baseURI) : null;
  }
  // The chart on screen as the active step's SVG (light, wide).
  const img = stepFigure(root.querySelectorAll('[data-step]')[explainer.step])?.querySelector('picture.is-light img');
  return img ? new URL(img.getAttribute('src'), document.baseURI) : null;
}

/** The page's table of the chart on screen, copied into the data panel (unless it is there). */
function pageTable(root, explainer) {
  const body = root.querySelector('.lifeline-table-body');
  const id = explainer.chart;
  if (!body || body.dataset.chart === id) return;
  body.dataset.chart = id;
  const table = root.querySelector(`.step-chart details[data-chart="${CSS.escape(id)}"] table`);
  if (table) body.replaceChildren(table.cloneNode(true));
  else body.textContent = explainer.noTable;
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
    const alt = stepFigure(step)?.querySelector('img')?.alt;
    if (alt) parts.at(-1)?.append(hidden('step-summary', ` ${message(root, 'chart', { description: alt })}`));
  });
}

function wireControls(root, explainer, scrollToStep, signal) {
  const panel = root.querySelector('.lifeline-panel');
  const toggle = root.querySelector('.lifeline-data-toggle');
  // The checker builds the table itself; with the reader's module, the page's own is shown.
  const showTable = () => (explainer.showTable ? explainer.showTable() : pageTable(root, explainer));
  const setPanel = (open) => {
    if (open) showTable();
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
        // The checker writes it from the data; with the reader's module, the build's file.
        if (!explainer.csv) saveUrl(pageFile(root, explainer, 'csv'), `${stem}.csv`);
        else if (explainer.csv()) save(new Blob([explainer.csv()], { type: 'text/csv' }), `${stem}.csv`);
      } else if (el.dataset.download === 'svg') {
        if (explainer.svg) save(new Blob([explainer.svg()], { type: 'image/svg+xml' }), `${stem}.svg`);
        else saveUrl(pageFile(root, explainer, 'svg'), `${stem}.svg`);
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
    if (!explainer.showTable && !panel.hidden) pageTable(root, explainer);
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
  const line = explainer ? explainer.triggerLine() : triggerLine(step);
  return step.getBoundingClientRect().top - (line - LANDING * (vh - offset));
}

/** The trigger line (viewport CSS pixels) before the explainer has started: the stylesheet's
 *  share (the same as Rust's; the middle of the view if the stylesheet did not load) of the view
 *  under the explainer's `data-offset`. */
function triggerLine(el) {
  const vh = innerHeight;
  const offset = Math.min(Math.max(0, Number(el.closest('[data-lifeline]')?.dataset.offset) || 0), vh * 0.5);
  return offset + (vh - offset) * (parseFloat(getComputedStyle(el).getPropertyValue('--lifeline-trigger')) || 0.5);
}

/** How far above the trigger line a step asked for lands, as a share of the view: far enough
 *  that it is the step that becomes active. */
export const LANDING = 0.05;

/** Smooth unless the reader asked for less motion. */
export function behaviour(target) {
  return target.dataset.motion === 'reduce' || matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/**
 * Until the live chart starts, the chart under it follows the story: the chart drawn ahead of
 * time for the step at the trigger line (each step is followed by its own, src/prerender.rs)
 * takes the first chart's place, so a reader who scrolls before the wasm has arrived never sees
 * a chart that is not the step's. Returns a function that stops following.
 */
export function followBeforeLive(root) {
  const stage = root.querySelector('.lifeline-static');
  const steps = [...root.querySelectorAll('[data-step]')];
  if (!stage || !steps.length) return () => {};
  const first = [...stage.childNodes];
  let shown = 0;
  let queued = false;
  const update = () => {
    queued = false;
    if (root.classList.contains('is-live') || root.classList.contains('is-static')) return;
    // The step whose top has passed the trigger line, as the live chart decides (src/web/scroll.rs).
    const line = triggerLine(root);
    let i = 0;
    steps.forEach((s, k) => {
      const r = s.getBoundingClientRect();
      if (r.height > 0 && r.top <= line) i = k;
    });
    if (i === shown) return;
    shown = i;
    const pictures = i === 0 ? first : [...(stepFigure(steps[i])?.querySelectorAll('picture') ?? [])].map((p) => {
      const copy = p.cloneNode(true);
      // The wide drawing at every width, as the inline first chart is: the stage leaves room
      // under it for the note that shows until the live chart starts.
      copy.querySelectorAll('source').forEach((el) => el.remove());
      copy.querySelector('img')?.setAttribute('loading', 'eager');
      copy.querySelector('img')?.setAttribute('alt', '');
      return copy;
    });
    if (pictures.length) stage.replaceChildren(...pictures);
    root.dataset.lifelinePreview = String(i);
  };
  const onScroll = () => { if (!queued) { queued = true; requestAnimationFrame(update); } };
  // Captured at the document: the page's scroll, or a host's scrolling box around an embed.
  document.addEventListener('scroll', onScroll, { passive: true, capture: true });
  addEventListener('resize', onScroll, { passive: true });
  update();
  return () => {
    document.removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onScroll);
    // The live chart covers the stage; its first chart is put back for a later fallback.
    if (shown !== 0) stage.replaceChildren(...first);
  };
}

/**
 * The explainer started on the reader's module when the data file is the one the page was built
 * with (its digest is the page's `data-digest`) and the compiled story fits the page; else on
 * the checker's, which reads the data file itself. Resolves to { explainer, module }.
 */
async function begin(root, dataUrl, dataName, drawnUrl) {
  // The reader's module and the compiled story, with the data file to check them against.
  const reader = drawnUrl && root.dataset.digest ? loadModule(root, 'reader') : null;
  // Awaited only once the data file is checked: its failure (no WebAssembly) is handled there,
  // not reported meanwhile as an unhandled rejection.
  reader?.catch(() => {});
  const drawn = reader ? loadText(root, drawnUrl, drawnUrl.pathname.split('/').pop(), 'bytes').catch(() => null) : null;
  const text = await loadText(root, dataUrl, dataName);
  let explainer = null;
  let module = null;
  if (reader && digest(text) === root.dataset.digest && (await drawn) !== null) {
    try {
      module = await reader;
      performance.mark('lifeline-ready'); // the wasm compiled and the data fetched
      explainer = new module.Explainer(root, await drawn, drawnUrl.pathname);
    } catch (e) {
      // No reader's module, or a compiled file that does not fit the page: the checker reads
      // the data file itself.
      console.warn(`Lifeline: ${e instanceof StartError ? e.raw : e instanceof Error ? e.message : e}; reading the data file instead`);
    }
  }
  if (!explainer) {
    module = await loadModule(root, 'checker');
    if (!performance.getEntriesByName('lifeline-ready').length) performance.mark('lifeline-ready');
    explainer = new module.Explainer(root, text, dataName);
  }
  return { explainer, module };
}

/**
 * Starts an explainer in `root` (the element with [data-lifeline]).
 * - scope: where the settings form lives (the document, or a shadow root)
 * - target: the element that carries data-theme and data-motion
 * - dataUrl / dataName: the data file, and its name in messages
 * - drawnUrl: the story as `make dist` compiled it for the reader's module (`data-drawn-src`),
 *   used when the data file is the one the page was built with (its `data-digest`)
 * - scrollToStep(i): how to bring step i to the trigger line (the host may scroll for us)
 * - theme: a theme forced by the host ('light', 'dark' or 'auto')
 * Resolves to { explainer, destroy } — destroy() releases the listeners here and the Rust
 * side's observers and frames — or to null after showing what went wrong in the page.
 */
export async function mount(root, { scope, target, dataUrl, dataName, drawnUrl, scrollToStep, theme }) {
  // Kept outside the try, so a failure after the explainer started still releases it.
  let explainer = null;
  const listeners = new AbortController();
  const stopFollowing = followBeforeLive(root);
  try {
    applySettings(target, { theme });
    let module;
    ({ explainer, module } = await begin(root, dataUrl, dataName, drawnUrl));
    performance.mark('lifeline-started'); // data checked, steps read, first frame drawn
    stopFollowing();
    // For `make bench` (bench/bench.mjs): Rust's draw and step timings, and the wasm memory.
    // (Two functions: reading the timings allocates in the wasm, which must not skew its size.)
    root.lifelineBench = { timings: () => explainer.timings(), wasmBytes: () => module.exports.memory.buffer.byteLength };
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
    stopFollowing();
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

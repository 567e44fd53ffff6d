// Shared by bench.mjs and paint-floor.mjs.

/**
 * In the conventional page before its scripts: what the reader sees of its SVG chart, read
 * whenever d3 changes it. A change counts when a mark appears, goes, moves or resizes by half a
 * pixel or more, or changes its opacity by 2% or its colour, against the last state that
 * counted: a transition that starts slowly shows nothing until it has moved that far.
 */
export function convProbe() {
  const b = { longtasks: [], steps: [], changes: [], firstChart: undefined };
  window.__bench = b;
  b.raf = window.requestAnimationFrame.bind(window);
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => b.longtasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
  } catch { /* unsupported */ }
  new MutationObserver(() => b.steps.push({ at: performance.now(), step: document.documentElement.dataset.step }))
    .observe(document, { subtree: true, attributeFilter: ['data-step'] });
  const n = (e, a) => Number(e.getAttribute(a) ?? 0);
  const seen = (v) => v.o >= 0.02 && v.size > 0;
  let shown = new Map();
  // Sampled when d3 has changed the chart (a MutationObserver runs right after the animation
  // frame callback that changed it, in that frame), not on every frame: no work while nothing
  // moves, as Lifeline's probe does none.
  const look = () => {
    const now = new Map();
    const svg = document.getElementById('chart');
    if (svg) {
      for (const e of svg.querySelectorAll('rect, circle')) {
        const circle = e.tagName === 'circle';
        now.set(e, {
          x: circle ? n(e, 'cx') : n(e, 'x'), y: circle ? n(e, 'cy') : n(e, 'y'),
          w: circle ? n(e, 'r') : n(e, 'width'), h: circle ? n(e, 'r') : n(e, 'height'),
          size: circle ? n(e, 'r') : n(e, 'width') * n(e, 'height'),
          o: e.hasAttribute('opacity') ? n(e, 'opacity') : 1, f: e.getAttribute('fill'),
        });
      }
    }
    let changed = false;
    for (const [e, v] of now) {
      const p = shown.get(e);
      changed = p ? (Math.abs(v.x - p.x) >= 0.5 || Math.abs(v.y - p.y) >= 0.5 || Math.abs(v.w - p.w) >= 0.5
        || Math.abs(v.h - p.h) >= 0.5 || Math.abs(v.o - p.o) >= 0.02 || v.f !== p.f) && (seen(v) || seen(p)) : seen(v);
      if (changed) break;
    }
    if (!changed) for (const [e, p] of shown) if (!now.has(e) && seen(p)) { changed = true; break; }
    if (changed) {
      const at = performance.now();
      b.changes.push({ at });
      if (b.firstChart === undefined && [...now.values()].some(seen)) b.firstChart = at;
      shown = now;
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true, childList: true, attributes: true,
    attributeFilter: ['x', 'y', 'width', 'height', 'cx', 'cy', 'r', 'opacity', 'fill'],
  });
}

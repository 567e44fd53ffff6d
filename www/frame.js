// Lifeline iframe helper for host pages: <script async src="BASE/www/frame.js"></script>.
// Sizes each Lifeline iframe to its content, so the host page scrolls, and relays the host's
// viewport into it so the chart stays in view and the steps fire at the right place; passes the
// host page's ?step=N and #id on. The messages and the trust rules are in protocol.js; `make
// dist` bundles the two into one classic script (document.currentScript is this file).
import { askedByAddress, contentWidth, isMessage, message, perFrame, scrollerOf, storyFrames } from './protocol.js';


function start(origin, base) {
  const frames = () => storyFrames(base);
  // Not to an iframe still on about:blank (its document is not the story's yet).
  const loaded = (f) => { try { return f.contentWindow.location.href !== 'about:blank'; } catch { return true; } };
  const send = (f, type, fields) => f.contentWindow && loaded(f) && f.contentWindow.postMessage(message(type, fields), origin);
  const relay = (f) => {
    const v = view(f);
    const z = zoom(f);
    send(f, 'viewport', { top: (v.top - f.getBoundingClientRect().top) / z, height: v.height / z });
  };
  // The host's own address: ?step=N for the first story on the page, #id for any (the story
  // that has that step takes it).
  const greet = (f) => {
    const { step, id } = askedByAddress(location.href);
    send(f, 'start', { step: frames()[0] === f ? step : 0, id });
  };
  const all = perFrame(() => frames().forEach(relay));
  const still = matchMedia('(prefers-reduced-motion: reduce)');
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.origin !== origin || !isMessage(m)) return;
    const f = frames().find((x) => x.contentWindow === e.source);
    if (!f) return;
    if (m.type === 'hello') {
      fit(f);
      greet(f);
      relay(f);
    } else if (m.type === 'height' && m.height > 0) {
      f.style.height = `${Math.min(200000, Math.ceil(m.height))}px`;
      relay(f);
    } else if (m.type === 'scroll' && Number.isFinite(m.top) && Number.isFinite(m.at)) {
      const behavior = m.jump || still.matches ? 'auto' : 'smooth';
      requestAnimationFrame(() => {
        const v = view(f);
        (v.s || window).scrollBy({ top: f.getBoundingClientRect().top + (m.top - m.at) * zoom(f) - v.top, behavior });
      });
    }
  });
  // Captured, so the scroll of any element the page scrolls in is heard too.
  addEventListener('scroll', all, { passive: true, capture: true });
  addEventListener('resize', () => { frames().forEach(fit); all(); });
  // The page may move the iframe without a scroll (images, ads loading above it).
  new ResizeObserver(all).observe(document.documentElement);
  // Iframes that said hello before this script ran.
  frames().forEach((f) => { fit(f); greet(f); });
  all();
}

// The host's CSS zoom around the iframe (body { zoom: 1.25 }): its document's pixels are drawn
// this many times as large, so what is relayed in the host's pixels is divided by it.
const zoom = (f) => f.currentCSSZoom || 1;
// A fixed header over the host page (data-offset="80" on the iframe): the story sees the
// viewport below it, so its chart pins and its trigger line sit under the header. In the CSS
// pixels of the page around the iframe, so drawn `zoom` times as large.
const off = (f) => Math.min(Math.max(0, Number(f.dataset.offset) || 0) * zoom(f), innerHeight / 2);
// What the reader sees of the host: the window, or its part that the scroller shows, below the header.
const view = (f) => {
  const s = scrollerOf(f);
  const r = s ? s.getBoundingClientRect() : { top: 0, bottom: innerHeight };
  const top = Math.max(0, r.top) + off(f);
  return { top, height: Math.max(1, Math.min(innerHeight, r.bottom) - top), s };
};
// A block of the column's full width, whatever its alignment, and no border; set here rather
// than by attributes a host's reset (* { all: unset }) would undo, and allowed under a CSP
// without 'unsafe-inline'. A block, not an inline box: a theme's column centres its blocks
// (margin: auto), and an inline iframe would sit at the line's start instead (WordPress's
// Custom HTML block). Where the parent shrinks to fit its content (an inline-block, a float,
// fit-content: with the iframe at 0 px it has no content width left), 100% would be the
// iframe's default 300 px; there the width is the nearest ancestor's that has one.
const fit = (f) => {
  f.style.setProperty('border', '0', 'important');
  f.style.setProperty('display', 'block', 'important');
  let w = '100%';
  if (f.getClientRects().length) { // not while hidden (display: none): refitted on resize
    f.style.setProperty('width', '0px', 'important');
    let a = f.parentElement;
    if (a && contentWidth(a) < 1) {
      while (a && contentWidth(a) < 1) a = a.parentElement;
      if (a) w = `${Math.floor(contentWidth(a))}px`;
    }
  }
  f.style.setProperty('width', w, 'important');
};

// Once per page, after the definitions above (the helpers are constants).
const me = document.currentScript && new URL(document.currentScript.src);
const ns = (window.Lifeline = window.Lifeline || {}); // the one global Lifeline adds
if (me && !ns.frame) {
  ns.frame = true;
  start(me.origin, new URL('../', me).href);
}

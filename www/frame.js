// Lifeline iframe helper for host pages: <script async src="BASE/www/frame.js"></script>.
// Sizes each Lifeline iframe to its content, so the host page scrolls, and relays the host's
// viewport into it so the chart stays in view and the steps fire at the right place.
// Trusts only messages from the origin it was loaded from, from iframes showing BASE/index.html
// or another story or edition built beside it (BASE/stories/<name>/index.html, BASE/es/index.html).
(() => {
  const me = document.currentScript && new URL(document.currentScript.src);
  const ns = (window.Lifeline = window.Lifeline || {}); // the one global Lifeline adds
  if (!me || ns.frame) return;
  ns.frame = true;
  const origin = me.origin;
  const base = new URL('../', me).href;
  const story = /^(?:stories\/[a-z0-9-]+\/|[a-z]{2,3}\/)?index\.html(?:[?#]|$)/;
  const frames = () => [...document.querySelectorAll('iframe')].filter((f) => {
    try {
      const href = new URL(f.src, location.href).href;
      return href.startsWith(base) && story.test(href.slice(base.length));
    } catch { return false; }
  });
  // Not to an iframe still on about:blank (its document is not the story's yet).
  const loaded = (f) => { try { return f.contentWindow.location.href !== 'about:blank'; } catch { return true; } };
  const send = (f, m) => f.contentWindow && loaded(f) && f.contentWindow.postMessage({ lifeline: 1, ...m }, origin);
  // The host's CSS zoom around the iframe (body { zoom: 1.25 }): its document's pixels are drawn
  // this many times as large, so what is relayed in the host's pixels is divided by it.
  const zoom = (f) => f.currentCSSZoom || 1;
  // A fixed header over the host page (data-offset="80" on the iframe): the story sees the
  // viewport below it, so its chart pins and its trigger line sit under the header. In the CSS
  // pixels of the page around the iframe, so drawn `zoom` times as large.
  const off = (f) => Math.min(Math.max(0, Number(f.dataset.offset) || 0) * zoom(f), innerHeight / 2);
  // The element the page scrolls in, when it is not the window (an app-shell theme).
  const scroller = (f) => {
    for (let a = f.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const o = getComputedStyle(a).overflowY;
      if ((o === 'auto' || o === 'scroll') && a.scrollHeight > a.clientHeight + 1) return a;
    }
    return null;
  };
  // What the reader sees of the host: the window, or its part that the scroller shows, below the header.
  const view = (f) => {
    const s = scroller(f);
    const r = s ? s.getBoundingClientRect() : { top: 0, bottom: innerHeight };
    const top = Math.max(0, r.top) + off(f);
    return { top, height: Math.max(1, Math.min(innerHeight, r.bottom) - top), s };
  };
  // The column's full width, whatever its alignment. Only where the parent shrinks to fit its
  // content (an inline-block, a float, fit-content: with the iframe at 0 px it has no content
  // width left) would 100% be the iframe's own default 300 px; there the width is the nearest
  // ancestor's that has one. Elsewhere (a grid's column, a flex item) 100% is the column.
  const inner = (a) => {
    const cs = getComputedStyle(a);
    return a.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  };
  const fit = (f) => {
    f.style.setProperty('border', '0', 'important');
    // A block, not an inline box: a theme's column centres its blocks (margin: auto), and an
    // inline iframe would sit at the line's start instead (WordPress's Custom HTML block).
    f.style.setProperty('display', 'block', 'important');
    let a = f.parentElement;
    let w = '100%';
    if (f.getClientRects().length) { // not while hidden (display: none): refitted on resize
      f.style.setProperty('width', '0px', 'important');
      if (a && inner(a) < 1) {
        while (a && inner(a) < 1) a = a.parentElement;
        if (a) w = `${Math.floor(inner(a))}px`;
      }
    }
    f.style.setProperty('width', w, 'important');
  };
  const relay = (f) => {
    const v = view(f);
    const z = zoom(f);
    send(f, { type: 'viewport', top: (v.top - f.getBoundingClientRect().top) / z, height: v.height / z });
  };
  let queued = false;
  const all = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; frames().forEach(relay); });
  };
  // The host's own address may ask for a step (a link to the post with ?step=12 or #id): the
  // first story on the page takes ?step=N, and a story holding the #id takes that. An iframe
  // whose own src asks for a step keeps it.
  const asked = (f) => {
    const u = new URL(location.href);
    const n = Number(u.searchParams.get('step'));
    let id = '';
    try { id = decodeURIComponent(u.hash.slice(1)); } catch { /* a malformed #hash asks for nothing */ }
    return { type: 'start', step: frames()[0] === f && Number.isInteger(n) && n >= 1 ? n : 0, id };
  };
  const still = matchMedia('(prefers-reduced-motion: reduce)');
  addEventListener('message', (e) => {
    const m = e.data;
    if (e.origin !== origin || !m || m.lifeline !== 1) return;
    const f = frames().find((x) => x.contentWindow === e.source);
    if (!f) return;
    if (m.type === 'hello') {
      // The column's width and no border, set here rather than by attributes a host's reset
      // (* { all: unset }) would undo, and allowed under a CSP without 'unsafe-inline'.
      fit(f);
      send(f, asked(f));
      relay(f);
    }
    else if (m.type === 'height' && m.height > 0) {
      f.style.height = `${Math.min(200000, Math.ceil(m.height))}px`;
      relay(f);
    } else if (m.type === 'scroll' && Number.isFinite(m.top)) {
      const behavior = m.jump || still.matches ? 'auto' : 'smooth';
      // Just above the story's trigger line (src/web.rs: 60% of the view below the header).
      requestAnimationFrame(() => {
        const v = view(f);
        (v.s || window).scrollBy({ top: f.getBoundingClientRect().top + m.top * zoom(f) - v.top - v.height * 0.55, behavior });
      });
    }
  });
  // Captured, so the scroll of any element the page scrolls in is heard too.
  addEventListener('scroll', all, { passive: true, capture: true });
  addEventListener('resize', () => { frames().forEach(fit); all(); });
  // The page may move the iframe without a scroll (images, ads loading above it).
  new ResizeObserver(all).observe(document.documentElement);
  // Iframes that said hello before this script ran.
  frames().forEach((f) => { fit(f); send(f, asked(f)); });
  all();
})();

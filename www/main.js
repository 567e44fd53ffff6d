// The standalone page, also used inside an iframe (index.html?embed=1). In an iframe whose
// host runs frame.js, the iframe is sized to its content and the host relays its viewport
// (sticky positioning and IntersectionObserver margins do not work across frames); without
// frame.js the iframe keeps a fixed height and scrolls inside itself like the page.
import { mount, requestedStep, behaviour, toTrigger, LANDING } from './lifeline.js';
import { isMessage, message } from './protocol.js';

const html = document.documentElement;
const root = document.querySelector('[data-lifeline]');
const steps = root ? [...root.querySelectorAll('[data-step]')] : [];
const embedded = new URLSearchParams(location.search).has('embed') && window.parent !== window;
let relay = null; // { origin, top, height } once the host's frame.js has answered: its view, in this page's pixels

/** Messages to the host: only to the origin that answered, never '*' once it has. */
function tell(type, fields) {
  window.parent.postMessage(message(type, fields), relay ? relay.origin : '*');
}

/** Brings step i to the trigger line; `jump` for a deep link, which lands without animation. */
function scrollToStep(i, jump = false) {
  const step = steps[Math.min(steps.length - 1, Math.max(0, i))];
  if (!step) return;
  if (relay) {
    // The host scrolls: ask it to bring the step just above the trigger line, which the
    // explainer keeps in this page's pixels, measured from the top of the host's view.
    const at = root.lifeline.triggerLine() - relay.top - LANDING * relay.height;
    tell('scroll', { top: step.getBoundingClientRect().top + scrollY, at, jump: jump || behaviour(html) === 'auto' });
  } else {
    // Scroll this document only (scrollIntoView would scroll a host page around an iframe too).
    document.scrollingElement.scrollBy({ top: toTrigger(root.lifeline, step), behavior: jump ? 'auto' : behaviour(html) });
  }
}

// In an iframe the browser's own #fragment scroll would also scroll the host page, and keeps
// trying while the page loads: take the fragment over (it still selects the start step).
const startUrl = location.href;
if (embedded && location.hash) history.replaceState(history.state, '', location.pathname + location.search);

// index.html?lang=es (as an iframe's src may ask): the edition in that language, beside this page.
{
  const want = new URLSearchParams(location.search).get('lang');
  const here = document.documentElement.lang || 'en';
  // The page's own switch (a relative link): the <link rel="alternate"> may be absolute, made
  // for the address the explainer is published at (scripts/hreflang.py), not this one.
  const alt = want && want !== here && document.querySelector(`a[data-lang-switch][hreflang="${CSS.escape(want)}"]`);
  if (alt) {
    const params = new URLSearchParams(location.search);
    params.delete('lang');
    const q = params.toString();
    location.replace(new URL(alt.getAttribute('href'), location.href).pathname + (q ? `?${q}` : '') + location.hash);
  }
}

// The language switch keeps the reader's place: it opens the other edition at the active step.
for (const a of document.querySelectorAll('[data-lang-switch]')) {
  a.addEventListener('click', () => {
    const active = root?.querySelector('[data-step].is-active');
    if (active?.id) a.hash = active.id;
  });
}

async function start() {
  if (!root) return;
  if (embedded) html.classList.add('is-embedded');
  const mounted = await mount(root, {
    scope: document,
    target: html,
    // A story names its data file (relative to the page) with data-src; this one's is the default.
    dataUrl: root.dataset.src ? new URL(root.dataset.src, location.href) : new URL('data/lifeline.json', import.meta.url),
    // Named for editors as the page's source names it: without the build's content hash.
    dataName: root.dataset.src ? root.dataset.src.replace(/-[0-9a-f]{10}(\.json)$/, '$1') : 'www/data/lifeline.json',
    // The story as the build compiled it (`make dist` stamps it on the page, src/bin/compile.rs).
    drawnUrl: root.dataset.drawnSrc ? new URL(root.dataset.drawnSrc, location.href) : null,
    scrollToStep,
    theme: new URLSearchParams(location.search).get('theme') || undefined,
  });
  if (!mounted) return;
  const { explainer } = mounted;
  root.lifeline = explainer;
  const wanted = requestedStep(steps, startUrl);
  if (wanted >= 0 && !embedded) scrollToStep(wanted, true);
  if (embedded) relayFromHost(explainer, wanted);
}

/** Follows the host's viewport as frame.js relays it, and reports this page's height. */
function relayFromHost(explainer, wanted) {
  let reportedHeight = 0;
  let landed = false;
  let pending = wanted;
  let asked = false; // the host's address has been heard (once)
  const report = () => {
    const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (relay && Math.abs(h - reportedHeight) > 1) {
      reportedHeight = h;
      tell('height', { height: h });
    }
  };
  window.addEventListener('message', (event) => {
    const m = event.data;
    // Only the window that embeds us, speaking the protocol.
    if (event.source !== window.parent || !isMessage(m)) return;
    if (m.type === 'start') {
      // The host page's address (?step=N, #id), passed on by frame.js; this frame's own src wins.
      if (wanted >= 0 || landed || asked) return;
      asked = true;
      const u = new URL(location.pathname, location.href);
      if (Number.isInteger(m.step) && m.step >= 1) u.searchParams.set('step', String(m.step));
      if (typeof m.id === 'string' && m.id) u.hash = encodeURIComponent(m.id);
      pending = requestedStep(steps, u.href);
      return;
    }
    if (m.type !== 'viewport') return;
    const top = Number(m.top);
    const height = Number(m.height);
    if (!Number.isFinite(top) || !Number.isFinite(height) || height <= 0) return;
    relay = { origin: event.origin, top, height };
    // Everything sized in viewport heights follows the host's viewport, not this frame's.
    html.style.setProperty('--vh', `${height / 100}px`);
    root.classList.add('is-relayed');
    const box = root.getBoundingClientRect();
    const graphic = root.querySelector('.lifeline-graphic');
    const pin = Math.max(0, Math.min(top - (box.top + scrollY), box.height - graphic.offsetHeight));
    root.style.setProperty('--pin', `${pin}px`);
    explainer.setViewport(top, height);
    report();
    // Once the host has sized the frame to its content (this frame's viewport is then the
    // whole page), ask it to bring the wanted step into view; unless the frame, having heard
    // nothing for a while, already scrolled there itself.
    if (pending >= 0 && !landed && reportedHeight > 0 && Math.abs(innerHeight - reportedHeight) <= 2) {
      scrollToStep(pending, true);
      pending = -1;
    }
  });
  new ResizeObserver(report).observe(document.documentElement);
  tell('hello');
  // No frame.js on the host: a fixed-height iframe that scrolls itself, like the page.
  setTimeout(() => {
    if (!relay && wanted >= 0) {
      landed = true;
      scrollToStep(wanted, true);
    }
  }, 600);
}

start();

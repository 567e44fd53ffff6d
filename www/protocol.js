// What a story and the page around it share: the messages between a story's iframe and the
// host's frame.js, and how a host page is measured (the element it scrolls in, a column's
// width, one call per frame). Imported by the script embed (embed.js), the iframe's own page
// (main.js) and the host helper (frame.js, which `make dist` bundles into one classic script).
//
// Messages (window.postMessage; each is an object with `lifeline: 1` and a `type`):
//
// | from   | type       | fields         | meaning                                                        |
// | ------ | ---------- | -------------- | -------------------------------------------------------------- |
// | iframe | `hello`    |                | "relay to me"                                                  |
// | host   | `start`    | `step`, `id`   | the host page's own `?step=N` (for the first story iframe of  |
// |        |            |                | the page, else 0) and `#id`: the iframe opens there unless its |
// |        |            |                | own `src` asks for a step                                      |
// | host   | `viewport` | `top`, `height`| the host's view, in the iframe's CSS pixels (`top`: how far   |
// |        |            |                | below the iframe's top the view begins)                        |
// | iframe | `height`   | `height`       | the content's height: the helper sets the iframe to it         |
// | iframe | `scroll`   | `top`, `at`    | scroll the host so that this y of the iframe comes `at` pixels |
// |        |            |                | (iframe pixels) below the top of the host's view               |
//
// Who is trusted: frame.js only messages from the origin it was loaded from, and from its own
// story iframes (`storyFrames`); the iframe only its parent window. The trigger line is the
// iframe's business (Rust keeps it: `Explainer.triggerLine()`), so the helper holds no layout
// constant of the story's.

/** The protocol's version, carried by every message. */
export const VERSION = 1;

/** The message types (their fields: the table above). */
export const TYPES = ['hello', 'start', 'viewport', 'height', 'scroll'];

/** A message of ours: `{ lifeline: 1, type, ...fields }`. */
export const message = (type, fields = {}) => ({ lifeline: VERSION, type, ...fields });

/** Whether `m` is a message of ours of a known type (the sender is checked by the caller). */
export const isMessage = (m) => m?.lifeline === VERSION && TYPES.includes(m.type);

/** The element above `el`, crossing out of shadow roots. */
export const parentOf = (el) => el.parentElement || el.getRootNode().host || null;

/** The element the host page scrolls in around `el`, when it is not the window (an app-shell
 *  theme), or null. */
export function scrollerOf(el) {
  for (let a = parentOf(el); a && a !== document.documentElement; a = parentOf(a)) {
    const o = getComputedStyle(a).overflowY;
    if ((o === 'auto' || o === 'scroll') && a.scrollHeight > a.clientHeight + 1) return a;
  }
  return null;
}

/** The content width of `a` (its width less its padding). */
export function contentWidth(a) {
  const cs = getComputedStyle(a);
  return a.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
}

/**
 * Where a box that shrinks to fit its content (an inline-block, a float, `fit-content`) would
 * leave `el` as narrow as its longest word: the nearest ancestor from `el`'s parent up that has
 * a content width (skipping `display: contents`), or null when the parent has one itself.
 */
export function widthFrom(el) {
  let a = parentOf(el);
  while (a && getComputedStyle(a).display === 'contents') a = parentOf(a);
  if (!a || contentWidth(a) >= 1) return null;
  while (a && (getComputedStyle(a).display === 'contents' || contentWidth(a) < 1)) a = parentOf(a);
  return a;
}

/** `fn` at most once per animation frame, however often it is asked for. */
export function perFrame(fn) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fn(); });
  };
}

/**
 * The story iframes among `document`'s: iframes showing a page built beside `base` (the main
 * story, an edition such as es/index.html, or stories/<name>/index.html).
 */
export function storyFrames(base) {
  const story = /^(?:stories\/[a-z0-9-]+\/|[a-z]{2,3}\/)?index\.html(?:[?#]|$)/;
  return [...document.querySelectorAll('iframe')].filter((f) => {
    try {
      const href = new URL(f.src, location.href).href;
      return href.startsWith(base) && story.test(href.slice(base.length));
    } catch { return false; }
  });
}

/** What the host page's own address asks of the story (`?step=N`, `#id`). */
export function askedByAddress(href) {
  const u = new URL(href);
  const n = Number(u.searchParams.get('step'));
  let id = '';
  try { id = decodeURIComponent(u.hash.slice(1)); } catch { /* a malformed #hash asks for nothing */ }
  return { step: Number.isInteger(n) && n >= 1 ? n : 0, id };
}

// Script embed: <script type="module" src="BASE/www/embed.js"></script> and, where the story
// goes, <lifeline-explainer><a href="BASE/index.html">Read the explainer</a></lifeline-explainer>.
// The story is mounted in a shadow root, so the host's CSS and ours leave each other alone,
// and it follows the host page's own scroll. Attributes: step (1-based start step),
// theme (light, dark, auto), data-src (another data file), offset (px under a fixed header),
// story (another story built beside this one, by its folder: story="stories/russia-arms"),
// lang (an edition in another language: lang="es" takes es/index.html).
import { mount, requestedStep, behaviour, toTrigger } from './lifeline.js';
import { contentWidth, parentOf, scrollerOf, widthFrom } from './protocol.js';

const BASE = new URL('../', import.meta.url);
const pages = new Map();
/** A built story page (with its charts drawn ahead of time), fetched once per host page. */
function story(url) {
  if (!pages.has(url.href)) {
    pages.set(url.href, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url} could not be loaded (HTTP ${r.status})`);
      return r.text();
    }));
  }
  return pages.get(url.href);
}

/** The story's page: this one's, or another's by its folder under BASE (`story`); in another
 *  language (`lang="es"`), that edition's page beside it (`es/index.html`). */
function pageUrl(el) {
  let folder = (el.getAttribute('story') || '').trim().replace(/\/*$/, '/');
  if (folder === '/') folder = '';
  const lang = (el.getAttribute('lang') || '').trim().toLowerCase();
  const edition = /^[a-z]{2,3}$/.test(lang) && lang !== 'en' ? `${lang}/` : '';
  return new URL(`${folder}${edition}index.html`, BASE);
}

/** Relative links and images in the story point at its page, not at the host page. */
function rebase(node, base) {
  for (const el of node.querySelectorAll('[src], [srcset], a[href], [data-csv-href]')) {
    for (const attr of ['src', 'srcset', 'href', 'data-csv-href']) {
      const v = el.getAttribute(attr);
      if (v && !v.startsWith('#') && !/^[a-z]+:/i.test(v)) el.setAttribute(attr, new URL(v, base).href);
    }
  }
}

/** The host URL's ?step=N applies to the first explainer on the page; #id to the one holding it. */
function wantedFromHost(el, steps, shadow) {
  const url = new URL(location.href);
  if (url.searchParams.has('step') && document.querySelector('lifeline-explainer') !== el) return -1;
  let id = '';
  try { id = decodeURIComponent(url.hash.slice(1)); } catch { /* a malformed #hash asks for nothing */ }
  // A #hash of the host's own (a tab, a section) is not a step: ?step=N still applies.
  if (id && !shadow.getElementById(id)) url.hash = '';
  return requestedStep(steps, url.href);
}

/** The host's element as a reader of the console would find it: tag, id and classes. */
function describe(el) {
  if (el === document.documentElement) return 'html';
  return el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + [...el.classList].map((c) => `.${c}`).join('');
}

/**
 * Why a sticky chart cannot stay in view inside the host, or '' if it can: an ancestor that
 * clips (overflow hidden, auto or scroll, on either axis: `overflow-x: hidden` alone makes the
 * other axis auto) without scrolling itself becomes the box the chart sticks to, so the chart
 * scrolls away with it. `overflow: clip` does not. The body's overflow belongs to the viewport
 * unless the root element has one of its own.
 */
function clippedBy(el) {
  const clips = (v) => v === 'hidden' || v === 'auto' || v === 'scroll';
  const rootOverflow = getComputedStyle(document.documentElement);
  for (let a = parentOf(el); a && a !== document.documentElement; a = parentOf(a)) {
    const cs = getComputedStyle(a);
    if (!clips(cs.overflowX) && !clips(cs.overflowY)) continue;
    if (a === document.body && !clips(rootOverflow.overflowX) && !clips(rootOverflow.overflowY)) continue;
    // An element that really scrolls is the story's scroll container: the chart sticks in it,
    // and what clips above it does not matter.
    if (a.scrollHeight > a.clientHeight + 1 && clips(cs.overflowY) && cs.overflowY !== 'hidden') return '';
    const which = clips(cs.overflowX) && cs.overflowX !== 'visible' ? `overflow-x: ${cs.overflowX}` : `overflow-y: ${cs.overflowY}`;
    return `${describe(a)} has ${which}`;
  }
  return '';
}

/** In-story links (#scene-…) scroll within the shadow root, not the host's URL. */
function inStoryLinks(shadow, steps, scrollToStep, host) {
  shadow.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="#"]');
    if (!a) return;
    const target = shadow.getElementById(a.getAttribute('href').slice(1));
    if (!target) return;
    e.preventDefault();
    const i = steps.findIndex((s) => s === target || target.contains(s));
    if (i >= 0) scrollToStep(i);
    else target.scrollIntoView({ behavior: behaviour(host) });
  });
}

class LifelineExplainer extends HTMLElement {
  static get observedAttributes() { return ['step', 'theme', 'offset']; }

  /** A host script may change these after the story has started. */
  attributeChangedCallback(name, old, value) {
    if (!this.mounted || old === value) return;
    if (name === 'step') {
      const n = Number(value);
      if (Number.isInteger(n) && n >= 1) this.go?.(n - 1, true);
    } else if (name === 'theme') {
      this.shell.dataset.theme = value || 'auto';
      this.mounted.explainer.redraw();
    } else if (name === 'offset') {
      this.setOffset(Number(value));
      this.mounted.explainer.redraw();
    }
  }

  /** A fixed header's height: the trigger line, the scroll targets and the pinned chart all sit
   *  below it. */
  setOffset(offset) {
    const root = this.shell?.querySelector('[data-lifeline]');
    if (!root) return;
    this.offset = offset > 0 ? offset : 0;
    if (offset > 0) {
      this.shell.style.setProperty('--lifeline-top', `${offset}px`);
      // The trigger line is measured on screen, where the host's zoom has scaled the header.
      root.dataset.offset = String(Math.round(offset * this.zoom()));
    } else {
      this.shell.style.removeProperty('--lifeline-top');
      delete root.dataset.offset;
    }
  }

  /** The host's CSS zoom around the story (an accessibility plugin's body { zoom: 1.25 }). */
  zoom() {
    return this.currentCSSZoom || 1;
  }

  /**
   * Under a host's CSS zoom the story's lengths are drawn larger and the viewport is not: its
   * viewport heights (`--vh`) are the window's divided by the zoom, so the pinned chart still
   * fits the screen; the offset's trigger line is re-measured.
   */
  fitZoom() {
    const z = this.zoom();
    if (z === this.lastZoom) return;
    this.lastZoom = z;
    if (z === 1) this.shell.style.removeProperty('--vh');
    else this.shell.style.setProperty('--vh', `calc(1vh / ${z})`);
    this.setOffset(this.offset);
  }

  /**
   * Pinned or stacked, never blank: where the host keeps the chart from staying in view (a
   * clipping ancestor, or measured: the story fills the viewport and its chart has scrolled
   * away), each step is followed by its own chart instead, with a warning that names the cause.
   */
  watchLayout(root, signal) {
    const stack = (why) => {
      if (root.classList.contains('is-stacked')) return;
      root.classList.add('is-stacked');
      console.warn(`Lifeline: the chart cannot stay pinned in this page: ${why}, which stops position: sticky. `
        + 'The story is shown stacked, each step followed by its chart. To pin the chart, use overflow-x: clip '
        + 'instead on that element, or embed the explainer with the iframe (see docs/embedding.md).');
    };
    // The host's styles: at mount and when the window changes size (a theme's breakpoint).
    const styles = () => {
      if (root.classList.contains('is-stacked')) return;
      const why = clippedBy(this);
      if (why) stack(why);
    };
    // Where the chart is, measured: on every scroll frame, so two boxes and nothing more.
    const check = () => {
      if (root.classList.contains('is-stacked')) return;
      const graphic = root.querySelector('.lifeline-graphic');
      const story = root.getBoundingClientRect();
      const g = graphic.getBoundingClientRect();
      if (story.top < -innerHeight * 0.25 && story.bottom > innerHeight * 1.25 && g.height > 0 && (g.bottom < innerHeight * 0.1 || g.top > innerHeight * 0.9)) {
        stack('the chart scrolled out of view while the story fills the screen (an ancestor clips or transforms it)');
      }
    };
    // One check per frame while scrolling; the width only when the window changes size.
    let queued = false;
    const soon = (resized) => {
      this.resized ||= resized;
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        if (this.resized) { styles(); this.fit(); }
        check();
        this.resized = false;
      });
    };
    addEventListener('scroll', () => soon(false), { passive: true, signal, capture: true });
    addEventListener('resize', () => soon(true), { signal });
    styles();
    check();
  }

  /**
   * The full inline size the host offers, whatever its alignment. Where the parent shrinks to
   * fit its content (an inline-block, a float, fit-content: with the story at 0 px it has no
   * content width left) the story would be as narrow as its longest word; there it takes the
   * width of the nearest ancestor that has one. Elsewhere (a grid's column, an ordinary block)
   * it keeps the width it is given. (Too narrow to read: see `warnIfNarrow`.)
   */
  fit() {
    this.fitZoom();
    if (this.getClientRects().length) { // not while hidden: fitted again when first shown
      this.style.width = '0px';
      const from = widthFrom(this);
      let want = '';
      if (from) {
        want = `${Math.floor(contentWidth(from))}px`;
      } else {
        // An item centred in a flex column sizes to its content too: there it takes the
        // column's width, less its own margins (in its own pixels, under a host's zoom).
        const z = this.zoom();
        this.style.width = '';
        const auto = this.getBoundingClientRect().width / z;
        this.style.width = '100%';
        const cs = getComputedStyle(this);
        const room = this.getBoundingClientRect().width / z - parseFloat(cs.marginLeft) - parseFloat(cs.marginRight);
        if (auto < room - 1) want = `${Math.floor(room)}px`;
      }
      this.style.width = want;
    }
  }

  /** Once per story: a column too narrow to read is said on the console, not only seen. */
  warnIfNarrow() {
    if (this.warnedNarrow) return;
    const w = this.getBoundingClientRect().width;
    if (w > 0 && w < 280) {
      this.warnedNarrow = true;
      console.warn(`Lifeline: the explainer is ${Math.round(w)} px wide; it needs at least 280 px to be read. Give it a wider column.`);
    }
  }

  connectedCallback() {
    if (!this.mounting && !this.mounted) this.mounting = this.start().finally(() => { this.mounting = null; });
  }

  disconnectedCallback() {
    // A move (removed and appended again in one task) keeps the story; a removal releases
    // its observers, listeners and animation frames, and the Rust side.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.mounted?.destroy();
      this.mounted = null;
    });
  }

  async start() {
    const shadow = this.shadowRoot || this.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const host = document.createElement('div');
    host.className = 'lifeline-host';
    this.shell = host;
    const url = pageUrl(this);
    const root = await this.place(shadow, host, url);
    if (!root) return;
    this.setOffset(Number(this.getAttribute('offset')));
    this.fit();
    // The story's own size, whatever changes it (a window resize refitting it, a host column
    // narrowed with none, a sidebar opened), live or not; one observer for the element's life.
    this.sized ||= new ResizeObserver(() => this.warnIfNarrow());
    this.sized.observe(this);
    const steps = [...root.querySelectorAll('[data-step]')];
    const scrollToStep = (i, jump = false) => {
      const step = steps[Math.min(steps.length - 1, Math.max(0, i))];
      if (!step) return;
      (scrollerOf(this) || window).scrollBy({ top: toTrigger(this.mounted?.explainer, step), behavior: jump ? 'auto' : behaviour(host) });
    };
    inStoryLinks(shadow, steps, scrollToStep, host);
    // The host's data-src (relative to the host page), else the story's own (to its page).
    const dataSrc = this.getAttribute('data-src');
    const own = root.dataset.src;
    const mounted = await mount(root, {
      scope: shadow,
      target: host,
      dataUrl: dataSrc ? new URL(dataSrc, location.href) : own ? new URL(own, url) : new URL('www/data/lifeline.json', BASE),
      dataName: dataSrc || own || 'www/data/lifeline.json',
      // The story as the build compiled it, for its own data file (not a host's data-src).
      drawnUrl: !dataSrc && root.dataset.drawnSrc ? new URL(root.dataset.drawnSrc, url) : null,
      scrollToStep,
      theme: this.getAttribute('theme') || undefined,
    });
    if (!mounted) return;
    if (!this.isConnected) { // removed while it loaded
      mounted.destroy();
      return;
    }
    this.run(mounted, root, steps, scrollToStep, shadow);
  }

  /**
   * The story's page fetched, its article rebased and placed in the shadow root under `host`
   * once its stylesheet has loaded; its root ([data-lifeline]), or null (the element's fallback
   * link then stays in view, with the reason).
   */
  async place(shadow, host, url) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('www/style.css', BASE).href;
    const cssReady = new Promise((resolve) => { css.onload = resolve; css.onerror = resolve; });
    shadow.append(css);
    let article;
    try {
      const doc = new DOMParser().parseFromString(await story(url), 'text/html');
      article = doc.querySelector('.lifeline-article');
      if (!article) throw new Error('the page holds no .lifeline-article');
      // The story's own language and direction, not the host's.
      host.lang = doc.documentElement.lang || 'en';
      host.dir = doc.documentElement.dir || 'ltr';
    } catch (e) {
      const note = document.createElement('p');
      note.textContent = `The explainer could not be loaded here (${e.message}).`;
      shadow.append(note, document.createElement('slot'));
      return null;
    }
    rebase(article, url);
    await cssReady; // no flash of unstyled story, no layout shift in the host
    if (!this.isConnected) return null;
    host.append(document.adoptNode(article));
    shadow.append(host);
    return host.querySelector('[data-lifeline]');
  }

  /** The started story: its layout watched, and the step asked for (by the element or the host's
   *  address) brought into view once the story has a size. */
  run(mounted, root, steps, scrollToStep, shadow) {
    this.mounted = mounted;
    const layout = new AbortController();
    const destroy = mounted.destroy;
    mounted.destroy = () => { layout.abort(); destroy(); };
    this.watchLayout(root, layout.signal);
    // Content hidden at load (a tab, an accordion) is scrolled to when it is first shown.
    this.go = (i, jump) => {
      if (this.getClientRects().length && this.getBoundingClientRect().height > 0) { scrollToStep(i, jump); return; }
      const ro = new ResizeObserver(() => {
        if (!this.getBoundingClientRect().height) return;
        ro.disconnect();
        this.fit();
        scrollToStep(i, jump);
      });
      ro.observe(this);
      layout.signal.addEventListener('abort', () => ro.disconnect());
    };
    const attr = Number(this.getAttribute('step'));
    const wanted = Number.isInteger(attr) && attr >= 1 ? attr - 1 : wantedFromHost(this, steps, shadow);
    if (wanted >= 0) this.go(wanted, true);
  }


  /** The running explainer (for tests and host scripts), or null. */
  get explainer() {
    return this.mounted ? this.mounted.explainer : null;
  }
}

if (!customElements.get('lifeline-explainer')) customElements.define('lifeline-explainer', LifelineExplainer);

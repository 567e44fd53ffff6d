// Script embed: <script type="module" src="BASE/www/embed.js"></script> and, where the story
// goes, <lifeline-explainer><a href="BASE/index.html">Read the explainer</a></lifeline-explainer>.
// The story is mounted in a shadow root, so the host's CSS and ours leave each other alone,
// and it follows the host page's own scroll. Attributes: step (1-based start step),
// theme (light, dark, auto), data-src (another data file), offset (px under a fixed header),
// story (another story built beside this one, by its folder: story="stories/russia-arms"),
// lang (an edition in another language: lang="es" takes es/index.html).
import { mount, requestedStep, behaviour } from './lifeline.js';

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
  for (const el of node.querySelectorAll('[src], [srcset], a[href]')) {
    for (const attr of ['src', 'srcset', 'href']) {
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
  if (id && !shadow.getElementById(id)) return -1;
  return requestedStep(steps, url.href);
}

class LifelineExplainer extends HTMLElement {
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
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('www/style.css', BASE).href;
    const cssReady = new Promise((resolve) => { css.onload = resolve; css.onerror = resolve; });
    const host = document.createElement('div');
    host.className = 'lifeline-host';
    const offset = Number(this.getAttribute('offset'));
    if (offset > 0) host.style.setProperty('--lifeline-top', `${offset}px`);
    shadow.append(css);
    let article;
    const url = pageUrl(this);
    try {
      const doc = new DOMParser().parseFromString(await story(url), 'text/html');
      article = doc.querySelector('.lifeline-article');
      if (!article) throw new Error('the page holds no .lifeline-article');
      // The story's own language and direction, not the host's.
      host.lang = doc.documentElement.lang || 'en';
      host.dir = doc.documentElement.dir || 'ltr';
    } catch (e) {
      // Keep the element's own fallback link in view, with the reason.
      const note = document.createElement('p');
      note.textContent = `The explainer could not be loaded here (${e.message}).`;
      shadow.append(note, document.createElement('slot'));
      return;
    }
    rebase(article, url);
    await cssReady; // no flash of unstyled story, no layout shift in the host
    if (!this.isConnected) return;
    host.append(document.adoptNode(article));
    shadow.append(host);
    const root = host.querySelector('[data-lifeline]');
    const steps = [...root.querySelectorAll('[data-step]')];
    const scrollToStep = (i, jump = false) => {
      const step = steps[Math.min(steps.length - 1, Math.max(0, i))];
      if (!step) return;
      // The trigger line sits at 60% of the viewport: bring the step just above it.
      const y = step.getBoundingClientRect().top + scrollY - innerHeight * 0.55;
      scrollTo({ top: Math.max(0, y - Math.max(0, offset || 0)), behavior: jump ? 'auto' : behaviour(host) });
    };
    // In-story links (#scene-…) scroll within the shadow root, not the host's URL.
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
    // The host's data-src (relative to the host page), else the story's own (to its page).
    const dataSrc = this.getAttribute('data-src');
    const own = root.dataset.src;
    const mounted = await mount(root, {
      scope: shadow,
      target: host,
      dataUrl: dataSrc ? new URL(dataSrc, location.href) : own ? new URL(own, url) : new URL('www/data/lifeline.json', BASE),
      dataName: dataSrc || own || 'www/data/lifeline.json',
      scrollToStep,
      theme: this.getAttribute('theme') || undefined,
    });
    if (!mounted) return;
    if (!this.isConnected) { // removed while it loaded
      mounted.destroy();
      return;
    }
    this.mounted = mounted;
    const attr = Number(this.getAttribute('step'));
    const wanted = Number.isInteger(attr) && attr >= 1 ? attr - 1 : wantedFromHost(this, steps, shadow);
    if (wanted >= 0) scrollToStep(wanted, true);
  }

  /** The running explainer (for tests and host scripts), or null. */
  get explainer() {
    return this.mounted ? this.mounted.explainer : null;
  }
}

if (!customElements.get('lifeline-explainer')) customElements.define('lifeline-explainer', LifelineExplainer);

// The own-words check: no run of RUN or more consecutive words of the commentary may appear in
// the explainer outside <q>, <blockquote> and <cite>. Pure functions (tested directly by
// words.test.mjs), plus `extractBlocks`, which runs in the browser to collect the page's text.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export const RUN = 8;

/**
 * The same normalisation for the commentary and the page: lowercase, accents dropped, curly
 * quotes made straight, every dash a space, other punctuation a space except an apostrophe
 * inside a word, a decimal point inside a number (and a thousands comma, which is dropped).
 */
export function normalise(text) {
  return text
    .normalize('NFKD').replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '') // soft hyphen, zero-width characters
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\p{Pd}\u2212]/gu, ' ')
    .replace(/(?<=\p{N}),(?=\p{N}{3})/gu, '') // 5,539 -> 5539
    /* eslint-disable no-control-regex -- \u0001 and \u0002 hold marks aside while the rest is stripped */
    .replace(/'(?=[\p{L}\p{N}])(?<=[\p{L}\p{N}]')/gu, '\u0001') // keep in-word apostrophes
    .replace(/\.(?=\p{N})(?<=\p{N}\.)/gu, '\u0002') // keep decimal points
    .replace(/[^\p{L}\p{N}\u0001\u0002]+/gu, ' ')
    .replace(/\u0001/g, "'")
    .replace(/\u0002/g, '.')
    /* eslint-enable no-control-regex */
    .trim();
}

export const tokens = (text) => {
  const t = normalise(text);
  return t ? t.split(' ') : [];
};

/** Every run of `n` consecutive words of `text` (or of each text in an array). */
export function shingles(texts, n = RUN) {
  const set = new Set();
  for (const text of [].concat(texts)) {
    const w = tokens(text);
    for (let i = 0; i + n <= w.length; i++) set.add(w.slice(i, i + n).join(' '));
  }
  return set;
}

/**
 * The runs of `text` that are in `set` (made by `shingles`): overlapping matches merged into
 * the longest run. Returns [{ run, words }], `run` in normalised words.
 */
export function findRuns(text, set, n = RUN) {
  const w = tokens(text);
  const runs = [];
  let cur = null;
  for (let i = 0; i + n <= w.length; i++) {
    if (!set.has(w.slice(i, i + n).join(' '))) continue;
    if (cur && i <= cur.end) cur.end = i + n; // overlaps the run so far
    else runs.push(cur = { start: i, end: i + n });
  }
  return runs.map(({ start, end }) => ({ run: w.slice(start, end).join(' '), words: end - start }));
}

/** Checks blocks [{ where, text }]: one entry per run found, [{ where, run, words }]. */
export function check(blocks, set, n = RUN) {
  const out = [];
  for (const { where, text } of blocks) {
    for (const r of findRuns(text, set, n)) out.push({ where, ...r });
  }
  return out;
}

export function report(found, n = RUN) {
  return `${found.length} run(s) of ${n}+ words copied from the commentary outside <q>/<blockquote>/<cite>:\n`
    + found.map((f) => `  - ${f.where} (${f.words} words): "${f.run}"`).join('\n');
}

/**
 * The commentary's text: every .txt in ../shared/seed beside the repo. Returns null if there is
 * none (the caller skips, or fails under CI).
 */
export function commentary(root) {
  const dir = path.resolve(root, '..', 'shared', 'seed');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (!files.length) return null;
  return { dir, texts: files.map((f) => readFileSync(path.join(dir, f), 'utf8')) };
}

/**
 * Runs in the page (page.evaluate): the page's text as separate blocks [{ where, text }], read
 * from a clone of the document with q, blockquote and cite removed. A block is the text of one
 * block-level element, inline descendants included, and never joined across a nested block;
 * attribute values (alt, aria-label, title, meta content...) are blocks of their own.
 * With `svgMarkup`, reads that SVG document instead (a chart image's title, desc and labels).
 */
export function extractBlocks(svgMarkup) {
  const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'BR', 'BUTTON', 'CODE', 'DATA', 'DEL', 'DFN',
    'EM', 'FONT', 'I', 'INS', 'KBD', 'LABEL', 'MARK', 'OUTPUT', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG',
    'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'tspan', 'textPath', 'a']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'style', 'script']);
  const ATTRS = ['alt', 'title', 'aria-label', 'aria-description', 'aria-roledescription',
    'aria-valuetext', 'placeholder', 'content', 'label'];
  const doc = svgMarkup
    ? new DOMParser().parseFromString(svgMarkup, 'image/svg+xml').documentElement
    : document.documentElement.cloneNode(true);
  // With scripting on, <noscript> holds its markup as text: parse it to see it as the reader would.
  for (const ns of doc.querySelectorAll('noscript')) {
    if (ns.children.length) continue;
    const t = document.createElement('template');
    t.innerHTML = ns.textContent;
    ns.replaceChildren(t.content);
  }
  for (const el of doc.querySelectorAll('q, blockquote, cite')) el.remove();

  const describe = (el) => {
    const tag = el.localName;
    let own = tag;
    if (el.id) own = `${tag}#${el.id}`;
    else if (typeof el.className === 'string' && el.className.trim()) own = `${tag}.${el.className.trim().split(/\s+/).join('.')}`;
    const anchor = el.id ? null : el.parentElement?.closest('[id]');
    const step = el.closest('[data-step]');
    let where = anchor ? `#${anchor.id} ${own}` : own;
    if (step && step !== el && step !== anchor) where += ` (step #${step.id})`;
    return where;
  };

  const blocks = [];
  let cur = { where: 'document', text: '' };
  const flush = () => {
    if (cur.text.trim()) blocks.push({ where: cur.where, text: cur.text.replace(/\s+/g, ' ').trim() });
    cur = { where: cur.where, text: '' };
  };
  const walk = (el) => {
    if (SKIP.has(el.tagName)) return;
    for (const a of ATTRS) {
      const v = el.getAttribute(a);
      if (v && v.trim()) blocks.push({ where: `${describe(el)} [${a}]`, text: v });
    }
    if (el.tagName === 'BR') { cur.text += ' '; return; }
    const block = !INLINE.has(el.tagName);
    const outer = cur.where;
    if (block) { flush(); cur.where = describe(el); }
    for (const child of el.childNodes) {
      if (child.nodeType === 3) cur.text += child.data;
      else if (child.nodeType === 1) walk(child);
    }
    if (block) { flush(); cur.where = outer; }
  };
  walk(doc);
  return blocks;
}

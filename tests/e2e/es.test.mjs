// The Spanish edition (dist/es/), in the browser: the same story, chart by chart, in Spanish
// words and numbers, linked both ways with the English page at the reader's step.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, withBrowser, open, canvasInfo, scrollToStep } from './harness.mjs';

let server;
let b;
before(async () => {
  process.env.LIFELINE_CSP = '1';
  server = await serve();
  delete process.env.LIFELINE_CSP;
  b = await browser({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
});
after(async () => {
  await b?.close();
  server?.stop();
});

test('es: every step changes the chart; Spanish numbers and words; nothing reported', async () => {
  const { page, errors } = await open(b.ctx, `${server.url}es/index.html`);
  assert.equal(await page.$eval('html', (h) => h.lang), 'es');
  assert.equal(await page.$eval('[data-lifeline]', (e) => e.dataset.lang), 'es');
  const before = await page.$$eval('[data-figure]', (els) => els.map((e) => e.textContent));
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  let prev = null;
  for (const id of ids) {
    await scrollToStep(page, id);
    const info = await canvasInfo(page);
    assert.ok(info.ink > 0.005, `${id}: blank`);
    if (prev) assert.notEqual(info.hash, prev, `${id} did not change the chart`);
    prev = info.hash;
    const said = await page.$eval('#chart-description', (e) => e.textContent);
    for (const w of ['Source', 'million', 'Data', 'step ']) assert.ok(!said.includes(w), `${id}: "${w}" in "${said}"`);
  }
  // The figures the page printed are the ones the data give in Spanish: none was rewritten.
  assert.deepEqual(await page.$$eval('[data-figure]', (els) => els.map((e) => e.textContent)), before);
  assert.ok(before.includes('69,5\u00a0%'), 'a share written the Spanish way');
  assert.equal(await page.$eval('.lifeline-status', (e) => e.textContent), '');
  // The data panel: Spanish headers.
  await page.click('.lifeline-data-toggle');
  const heads = await page.$$eval('.lifeline-table-body th[scope="col"]', (t) => t.map((x) => x.textContent));
  assert.ok(heads.length > 0 && !heads.some((h) => /Year|Supplier|Share/.test(h)), heads.join());
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language switch opens the other edition at the reader\'s step, both ways; hreflang both ways', async () => {
  for (const [from, other] of [['index.html', 'es/index.html'], ['es/index.html', 'index.html']]) {
    const { page } = await open(b.ctx, `${server.url}${from}`);
    const alt = await page.$$eval('link[rel="alternate"][hreflang]', (l) => l.map((x) => x.hreflang).sort());
    assert.deepEqual(alt, ['en', 'es', 'x-default']);
    await scrollToStep(page, 'russia-by-year');
    // The switch beside the chart's controls: reached without leaving the step.
    await Promise.all([page.waitForNavigation(), page.click('.lifeline-controls [data-lang-switch]')]);
    assert.equal(new URL(page.url()).pathname, `/${other}`);
    assert.equal(new URL(page.url()).hash, '#russia-by-year');
    await page.waitForSelector('[data-lifeline].is-live');
    await page.waitForFunction(() => document.querySelector('[data-lifeline]').dataset.lifelineState === 'still');
    const active = await page.$eval('[data-lifeline]', (e) => e.dataset.lifelineStep);
    const want = await page.$$eval('[data-step]', (els) => String(els.findIndex((e) => e.id === 'russia-by-year')));
    assert.equal(active, want);
    await page.close();
  }
});

test('es: no English word of a fixed list in the visible text, with JavaScript on or off', async () => {
  const words = ['Source', 'Download', 'million', 'Data', 'step'];
  for (const js of [true, false]) {
    await withBrowser({ javaScriptEnabled: js, viewport: { width: 1440, height: 900 } }, async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(`${server.url}es/index.html`);
    if (js) await page.waitForSelector('[data-lifeline].is-live');
    // Text marked as English (the switch to the English page, the commentary's own title) is
    // English on purpose; everything else must be Spanish.
    const text = await page.evaluate(() => {
      for (const el of document.querySelectorAll('[lang]:not(html)')) if (!el.lang.startsWith('es')) el.remove();
      return document.body.innerText;
    });
    const alts = await page.$$eval('img[alt]', (i) => i.map((x) => x.alt).join(' '));
    for (const w of words) {
      const found = new RegExp(`\\b${w}s?\\b`).exec(`${text} ${alts}`);
      assert.equal(found, null, `"${w}" (${js ? 'JavaScript on' : 'off'}): …${found ? `${text} ${alts}`.slice(Math.max(0, found.index - 60), found.index + 60) : ''}…`);
    }
    await page.close();
    });
  }
});


test('hreflang: absolute language links from BASE_URL, with x-default; a bad BASE_URL stops the build', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, mkdirSync, cpSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { ROOT } = await import('./harness.mjs');
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-hreflang-'));
  mkdirSync(path.join(dir, 'es'));
  try {
    for (const f of ['index.html', 'es/index.html']) cpSync(path.join(ROOT, 'dist', f), path.join(dir, f), { recursive: true });
    // dist/ as built has x-default already; run the script again, as for a deployment.
    execFileSync('python3', [path.join(ROOT, 'scripts', 'hreflang.py'), dir], { env: { ...process.env, BASE_URL: 'https://example.org/lifeline' } });
    for (const [f, self] of [['index.html', 'en'], ['es/index.html', 'es']]) {
      const links = [...readFileSync(path.join(dir, f), 'utf8').matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
      assert.deepEqual(links, [
        ['en', 'https://example.org/lifeline/index.html'],
        ['es', 'https://example.org/lifeline/es/index.html'],
        ['x-default', 'https://example.org/lifeline/index.html'],
      ], `${f} (${self})`);
    }
    assert.throws(() => execFileSync('python3', [path.join(ROOT, 'scripts', 'hreflang.py'), dir], { env: { ...process.env, BASE_URL: 'example.org' }, stdio: 'pipe' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('es: the live chart says no English: at every step its name, description and every mark read out', async () => {
  // The same words as tests/access.rs (the charts drawn ahead of time): what a note, a source
  // line or a label not routed through the edition would leave.
  const english = new Set(['source', 'sources', 'refugees', 'attributed', 'russia', 'commentary', 'generated', 'delivered',
    'deliveries', 'supplier', 'suppliers', 'netherlands', 'spain', 'peak', 'million', 'millions', 'people', 'within',
    'matches', 'share', 'shares', 'arms', 'imports', 'year', 'years', 'the', 'and', 'of', 'unhcr']);
  const { page, errors } = await open(b.ctx, `${server.url}es/index.html`);
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  const found = [];
  for (const id of ids) {
    await scrollToStep(page, id);
    const said = await page.evaluate(() => {
      const root = document.querySelector('[data-lifeline]');
      const x = root.lifeline;
      const marks = Array.from({ length: x.markCount }, (_, i) => x.markText(i));
      return [root.querySelector('canvas.lifeline-canvas').getAttribute('aria-label'), root.querySelector('.lifeline-description').textContent, ...marks];
    });
    for (const text of said) {
      for (const word of text.split(/[^\p{L}\p{N}]+/u)) if (english.has(word.toLowerCase())) found.push(`${id}: "${word}" in ${text.slice(0, 100)}`);
    }
  }
  assert.deepEqual(found, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('quotation marks: « » on the Spanish page, “ ” on the English one, whatever the language quoted', async () => {
  // The marks a <q> gets are the first two of its computed `quotes` (its ::before only says
  // "open-quote").
  for (const [path, marks, other] of [['es/index.html', '"«" "»"', 'en'], ['', '"\u201C" "\u201D"', 'es']]) {
    const page = await b.ctx.newPage();
    await page.goto(`${server.url}${path}`);
    const got = await page.$$eval('.lifeline-steps q', (qs) => qs.map((q) => getComputedStyle(q).quotes.split(' ').slice(0, 2).join(' ')));
    assert.ok(got.length > 3, `${path}: ${got.length} quotations`);
    for (const m of got) assert.equal(m, marks, path || 'index.html');
    // A headline in another language, in the Sources' events, takes the marks of the page's.
    const quoted = await page.$$eval(`.events-list q[lang="${other}"]`, (qs) => qs.map((q) => getComputedStyle(q).quotes.split(' ').slice(0, 2).join(' ')));
    assert.ok(quoted.length > 0 && quoted.every((m) => m === marks), quoted.join());
    await page.close();
  }
});

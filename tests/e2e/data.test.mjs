// The data file as editors and readers meet it: broken files, edits, sources and downloads
// (sources and downloads on both editions, the English page and the Spanish one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EDITIONS, ROOT, asset, serve, browser, open, canvasInfo, scrollToStep } from './harness.mjs';

const DIST = path.join(ROOT, 'dist');
const DATA = asset('www/data/lifeline.json');
let good;
let b;
const temps = [];

/** A copy of dist/ whose data file is `edit(json)` (or the raw text it returns), served. */
/** The declaration of chart `id` in a parsed data file. */
const chart = (d, id) => d.charts.find((c) => c.id === id);

async function variant(edit) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-dist-'));
  temps.push(dir);
  cpSync(DIST, dir, { recursive: true });
  const file = path.join(dir, DATA);
  const out = edit(JSON.parse(readFileSync(file, 'utf8')));
  if (out === null) unlinkSync(file);
  else writeFileSync(file, typeof out === 'string' ? out : JSON.stringify(out, null, 1));
  return Object.assign(await serve(dir), { dir });
}

async function load(url) {
  const page = await b.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('.lifeline-status').textContent !== ''
    || document.querySelector('[data-lifeline]').dataset.lifelineState === 'still');
  return { page, errors };
}

const status = (page) => page.$eval('.lifeline-status', (e) => e.textContent);
const stepTexts = (page) => page.$$eval('[data-step]', (els) => els.map((e) => e.textContent.trim().length));

before(async () => {
  good = await serve();
  b = await browser({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
});
after(async () => {
  await b?.close();
  good?.stop();
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

test('a broken series is named in the page; the story and the other charts still work', async () => {
  const bad = await variant((d) => { chart(d, 'displacement-series').data.series[1].values[41] = -1; return d; });
  try {
    const { page, errors } = await load(bad.url);
    assert.equal(await status(page),
      'www/data/lifeline.json: charts[5].data.series[1].values[2021] is -1; a count cannot be negative');
    assert.ok(await page.isVisible('.lifeline-status'));
    assert.ok((await stepTexts(page)).every((n) => n > 40), 'narrative intact');
    // A chart with valid data draws exactly as with the good file.
    await page.waitForSelector('[data-lifeline].is-live');
    await scrollToStep(page, 'thesis');
    const { page: ref } = await open(b.ctx, good.url);
    await scrollToStep(ref, 'thesis');
    assert.equal((await canvasInfo(page)).hash, (await canvasInfo(ref)).hash);
    // The broken chart explains itself instead of drawing something wrong.
    await scrollToStep(page, 'since-displacement');
    await scrollToStep(ref, 'since-displacement');
    const [mine, theirs] = [await canvasInfo(page), await canvasInfo(ref)];
    assert.notEqual(mine.hash, theirs.hash);
    assert.ok(mine.ink > 0.002, 'the explanation is drawn, not a blank canvas');
    assert.deepEqual(errors, []);
    await ref.close();
    await page.close();
  } finally {
    bad.stop();
  }
});

test('a truncated file: a clear message, every chart explains, the text reads', async () => {
  const bad = await variant(() => readFileSync(path.join(DIST, DATA), 'utf8').slice(0, 4000));
  try {
    const { page, errors } = await load(bad.url);
    assert.match(await status(page), /^www\/data\/lifeline\.json is not valid JSON: /);
    assert.ok((await stepTexts(page)).every((n) => n > 40));
    assert.ok((await canvasInfo(page)).ink > 0.002);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    bad.stop();
  }
});

test('a missing file gets its own message', async () => {
  const bad = await variant(() => null);
  try {
    const page = await b.ctx.newPage();
    await page.goto(bad.url);
    await page.waitForFunction(() => document.querySelector('.lifeline-status').textContent !== '');
    assert.equal(await status(page),
      'www/data/lifeline.json could not be loaded (HTTP 404), so each step is followed by its chart as a still image. The text is complete.');
    assert.ok(await page.isVisible('.step-chart img'));
    await page.close();
    // The message is the page's (its data-msg-http), so a story in another language says it in its own.
    const html = path.join(bad.dir, 'index.html');
    writeFileSync(html, readFileSync(html, 'utf8').replace(/data-msg-http="[^"]*"/, 'data-msg-http="No se pudo cargar {name} (HTTP {status})."'));
    const es = await b.ctx.newPage();
    // A query of its own, so the browser cannot answer from the copy of the page it cached.
    await es.goto(new URL('?v=es', bad.url).href);
    await es.waitForFunction(() => document.querySelector('.lifeline-status').textContent !== '');
    assert.equal(await status(es), 'No se pudo cargar www/data/lifeline.json (HTTP 404).');
    await es.close();
  } finally {
    bad.stop();
  }
});

test('a chart of a type the engine lacks, and a step naming a chart the file lacks, are named in the page', async () => {
  const bad = await variant((d) => { chart(d, 'arms-shares').type = 'pie'; return d; });
  const html = path.join(bad.dir, 'index.html');
  // The step after the first shows a chart id no chart in the file has.
  const page0 = readFileSync(html, 'utf8');
  const edited = page0.replace(/(data-step[^>]*?)data-chart="arms-by-year"/, '$1data-chart="arms-by-yaer"');
  assert.notEqual(edited, page0);
  writeFileSync(html, edited);
  try {
    const { page, errors } = await load(bad.url);
    const said = await status(page);
    assert.match(said, /www\/data\/lifeline\.json: charts\[2\]\.type is "pie", which is not a chart type \(known: title, stacked-bars, share-bar, hbars, bars, lines, dot-plot, timeline\)/);
    assert.match(said, /data-chart is "arms-by-yaer", which is not a chart \(known: title, arms-by-year, /);
    assert.ok((await stepTexts(page)).every((n) => n > 40), 'narrative intact');
    // The share chart explains itself; the others still draw.
    await page.waitForSelector('[data-lifeline].is-live');
    await scrollToStep(page, 'thesis');
    assert.ok((await canvasInfo(page)).ink > 0.002, 'the explanation is drawn, not a blank canvas');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    bad.stop();
  }
});

test('a figure whose expression no longer resolves is named in the page; the printed figure stays', async () => {
  const edited = await variant((d) => { d.claims.items = d.claims.items.filter((c) => c.id !== 'since'); return d; });
  try {
    const { page, errors } = await load(edited.url);
    await page.waitForFunction(() => document.querySelector('.lifeline-status').textContent !== '');
    assert.match(await status(page), /data-figure "claim:since": no claim "since" in the data file's claims/);
    assert.equal(await page.$eval('[data-figure="claim:since"]', (e) => e.textContent), '1980');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    edited.stop();
  }
});

test('an editor changes a figure, reloads, and sees it in the prose', async () => {
  const edited = await variant((d) => { d.claims.items.find((c) => c.id === 'russia-share').value = 75; return d; });
  try {
    const { page } = await load(edited.url);
    const shown = await page.$$eval('[data-figure="claim:russia-share"]', (els) => els.map((e) => e.textContent));
    assert.ok(shown.length >= 2 && shown.every((t) => t === '75%'), shown.join());
    // A share is judged in percentage points: 75% against 69.5% is off by more than one.
    assert.equal(await page.$eval('[data-figure="verdict:russia-share"]', (e) => e.textContent), 'Off by more than 1 point');
    assert.equal(await status(page), '');
    await page.close();
  } finally {
    edited.stop();
  }
});

test('markup in a label is shown as text, never run', async () => {
  const evil = '<img src=x onerror="document.title=\'pwned\'">';
  const bad = await variant((d) => {
    chart(d, 'arms-by-year').data.series[2].name = evil;
    chart(d, 'arms-shares').data.parts[2].name = evil;
    chart(d, 'arms-by-year').source.dataset = `SIPRI ${evil}`;
    return d;
  });
  try {
    const { page, errors } = await load(bad.url);
    await scrollToStep(page, 'arms-by-year');
    assert.equal(await page.$$eval('img[src="x"]', (i) => i.length), 0);
    assert.notEqual(await page.title(), 'pwned');
    assert.ok((await page.$eval('.lifeline-source-full', (e) => e.textContent)).includes(evil));
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    bad.stop();
  }
});

test('a source link that is not http(s) is shown as text, not linked', async () => {
  const bad = await variant((d) => { chart(d, 'arms-by-year').source.url = 'javascript:document.title="pwned"'; return d; });
  try {
    const { page, errors } = await load(bad.url);
    await scrollToStep(page, 'arms-by-year');
    assert.equal(await page.$$eval('a[href^="javascript:"]', (a) => a.length), 0);
    await page.click('.lifeline-data-toggle');
    assert.match(await page.$eval('.lifeline-source-full', (e) => e.textContent), /^Source: SIPRI Arms Transfers Database.* \(generated 28 July 2022\)/);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    bad.stop();
  }
});

// What each edition's data panel and downloads say: its word for the source, each chart's
// source line, the CSV's column names, and the share chart's words as its SVG draws them.
const SAYS = {
  en: {
    source: 'Source',
    lines: { 'arms-by-year': 'generated 28 July 2022', 'russia-kinds': 'deliveries to Venezuela run from 1996 to 2014', 'displacement-claims': 'Carlos Solar', 'since-displacement': '2025.12.1' },
    header: 'years,supplier,tiv_millions,share_pct,source,vintage,url',
    vintage: 'generated 28 July 2022',
    headline: 'Russia: 69.5%',
    svg: ['Source: SIPRI', 'Netherlands', 'The commentary: 70%'],
  },
  es: {
    source: 'Fuente',
    lines: { 'arms-by-year': 'generados el 28 de julio de 2022', 'russia-kinds': 'a Venezuela registradas van de 1996 a 2014', 'displacement-claims': 'Carlos Solar', 'since-displacement': '2025.12.1' },
    header: 'años,proveedor,tiv_millones,proporción_pct,fuente,versión,url',
    vintage: 'datos generados el 28 de julio de 2022',
    headline: 'Rusia: 69,5\u00a0%',
    svg: ['Fuente: base de datos de transferencias', 'Países Bajos', 'El comentario: 70\u00a0%'],
    // English words the share chart would draw if its words were not this edition's.
    notInSvg: ['Source', 'Russia', 'Netherlands', 'Spain', 'Other suppliers', 'Shares', 'commentary', 'generated', 'delivered'],
  },
};
// Chart text loses its no-break spaces: wrap() in src/charts.rs splits at U+00A0 and joins with a
// plain space (see layout.test.mjs), so "69,5 %" is drawn with U+0020.

/** The fields of one CSV line (RFC 4180 quoting). */
const fields = (line) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"|"$/g, '').replaceAll('""', '"'));

for (const edition of EDITIONS) {
  const { lang } = edition;
  const says = SAYS[lang];

  test(`${lang}: each chart links its source once, in its data panel (the chart draws the source line)`, async () => {
    const { page } = await open(b.ctx, edition.url(good));
    assert.equal(await page.$$eval('.lifeline-meta', (m, w) => m.map((e) => e.textContent.includes(w)).filter(Boolean).length, says.source), 0);
    for (const [id, host] of [
      ['arms-by-year', 'https://www.sipri.org/'],
      ['russia-kinds', 'https://www.sipri.org/'],
      ['displacement-claims', 'https://rusi.org/'],
      ['since-displacement', 'https://www.unhcr.org/'],
    ]) {
      const text = says.lines[id];
      await scrollToStep(page, id);
      const src = await page.$eval('.lifeline-source-full', (e) => ({ text: e.textContent, href: e.querySelector('a')?.href }));
      assert.ok(src.href?.startsWith(host), `${id}: ${src.href}`);
      assert.ok(src.text.includes(text), `${id}: ${src.text}`);
    }
    await page.close();
  });

  test(`${lang}: downloads: the chart on screen as CSV, PNG and SVG`, async (t) => {
    const { page } = await open(b.ctx, edition.url(good));
    await scrollToStep(page, 'thesis');
    await page.click('.lifeline-data-toggle');
    const grab = async (kind) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-download="${kind}"]`)]);
      return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
    };
    const csv = await grab('csv');
    assert.equal(csv.name, 'lifeline-arms-shares.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    // Column names in the page's language; the values stay machine-readable in every edition:
    // the data's keys, and numbers with a decimal point and no thousands separator.
    assert.equal(lines[0], says.header);
    assert.ok(lines[1].startsWith('2000-2021,Russia,3851,69.53,'), lines[1]);
    assert.ok(lines.length > 5, `${lines.length} lines`);
    for (const line of lines.slice(1)) {
      const f = fields(line);
      assert.equal(f.length, 7, line);
      assert.match(f[2], /^\d+(\.\d+)?$/, line);
      assert.match(f[3], /^\d+(\.\d+)?$/, line);
      assert.equal(f[5], says.vintage, line);
    }
    const svg = await grab('svg');
    assert.equal(svg.name, 'lifeline-arms-shares.svg');
    const text = svg.bytes.toString('utf8');
    assert.ok(text.startsWith('<svg'));
    const drawn = [...text.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].trim().replaceAll('&apos;', "'")).join('\n');
    for (const w of says.svg.filter((w) => !w.includes('\u00a0'))) assert.ok(drawn.includes(w), `"${w}" is not in the SVG:\n${drawn}`);
    for (const w of says.notInSvg ?? []) assert.ok(!drawn.includes(w), `"${w}" in the ${lang} SVG:\n${drawn}`);
    const png = await grab('png');
    assert.equal(png.name, 'lifeline-arms-shares.png');
    assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await page.close();
    await t.test('the SVG writes the share as the edition writes a share', () => {
      for (const w of [says.headline, ...says.svg.filter((w) => w.includes('\u00a0'))]) assert.ok(drawn.includes(w), `"${w}" is not in the SVG:\n${drawn}`);
    });
  });
}

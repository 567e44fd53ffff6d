// A broken data file, read by the Spanish page: what is wrong is said in Spanish (the status
// line and the chart that cannot be drawn), from the edition's problem.* words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, asset, serve, browser, scrollToStep } from './harness.mjs';

let b;
let dir;
let server;
before(async () => {
  // dist/ with one count of the displacement series made negative.
  dir = mkdtempSync(path.join(tmpdir(), 'lifeline-es-'));
  cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
  // Each edition has its own file in dist/ (scripts/editions.py): the same count broken in both.
  for (const name of ['www/data/lifeline.json', 'www/data/lifeline.es.json']) {
    const file = path.join(dir, asset(name));
    const d = JSON.parse(readFileSync(file, 'utf8'));
    d.charts.find((c) => c.id === 'displacement-series').data.series[1].values[41] = -1;
    writeFileSync(file, JSON.stringify(d));
  }
  // The Spanish page pointed at the English page's file, which has no Spanish edition.
  const es = readFileSync(path.join(dir, 'es', 'index.html'), 'utf8');
  const english = `../${asset('www/data/lifeline.json')}`;
  writeFileSync(path.join(dir, 'es', 'wrong-file.html'), es.replace(/data-src="[^"]*"/, `data-src="${english}"`));
  server = await serve(dir);
  b = await browser({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
});
after(async () => {
  await b?.close();
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('es: a broken series is named in Spanish, in the status line and in the chart that cannot be drawn', async () => {
  const page = await b.ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}es/index.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  const status = await page.$eval('.lifeline-status', (e) => e.textContent);
  assert.equal(status, '../www/data/lifeline.es.json: charts[5].data.series[1].values[2021] es -1; no se admite un número negativo como un recuento');
  await scrollToStep(page, 'since-displacement');
  const described = await page.$eval('.lifeline-description', (e) => e.textContent);
  assert.match(described, /no se admite un número negativo como un recuento/, described);
  assert.doesNotMatch(described, /cannot be negative|a count/, described);
  // The English page, with the same file, says it in English.
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  assert.match(await page.$eval('.lifeline-status', (e) => e.textContent), /is -1; a count cannot be negative$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each edition fetches only its own data file, and a page whose file lacks its edition says so', async () => {
  const page = await b.ctx.newPage();
  const fetched = [];
  page.on('request', (r) => { if (/\.(json|bin)$/.test(r.url())) fetched.push(new URL(r.url()).pathname); });
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  // Its data file, and the story compiled from it for the reader's module (src/drawn.rs).
  assert.deepEqual(fetched.sort(), [`/${asset('www/data/lifeline.drawn.bin')}`, `/${asset('www/data/lifeline.json')}`].sort());
  fetched.length = 0;
  await page.goto(`${server.url}es/index.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  assert.deepEqual(fetched.sort(), [`/${asset('www/data/lifeline.es.drawn.bin')}`, `/${asset('www/data/lifeline.es.json')}`].sort());
  // The English file has no "es" edition: the status line says so (in the file's own words).
  await page.goto(`${server.url}es/wrong-file.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  const status = await page.$eval('.lifeline-status', (e) => e.textContent);
  assert.match(status, /has no "es" edition \(editions\.es\): the charts keep the file's own words/, status);
  await page.close();
});

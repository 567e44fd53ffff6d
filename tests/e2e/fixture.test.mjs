// The engine's fixture story (tests/fixtures/story/: every chart type, step attribute, note and
// figure expression, with made-up figures) in the browser, served from the repository root
// with wasm-pack's pkg/ as it is: every step draws a chart that differs from the step before,
// every figure stays as printed, and nothing is reported.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ROOT, serve, browser, open, canvasInfo, scrollToStep } from './harness.mjs';

let repo;
let b;
before(async () => {
  repo = await serve(ROOT);
  b = await browser({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
});
after(async () => {
  await b?.close();
  repo?.stop();
});

test('the fixture story: every step changes the chart; every figure resolves; no problem reported', async () => {
  const { page, errors } = await open(b.ctx, `${repo.url}tests/fixtures/story/index.html`);
  const before = await page.$$eval('[data-figure]', (els) => els.map((e) => e.textContent));
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  assert.ok(ids.length >= 15, `${ids.length} steps`);
  let prev = null;
  for (const id of ids) {
    await scrollToStep(page, id);
    const info = await canvasInfo(page);
    assert.ok(info.ink > 0.003, `${id}: blank`);
    if (prev) assert.notEqual(info.hash, prev.hash, `${id} did not change the chart from ${prev.id}`);
    prev = { id, hash: info.hash };
    // Each step's description says what its chart shows, in full.
    const said = await page.$eval('#chart-description', (e) => e.textContent);
    assert.ok(said.length > 30 && !said.includes('{'), `${id}: "${said}"`);
  }
  assert.deepEqual(await page.$$eval('[data-figure]', (els) => els.map((e) => e.textContent)), before);
  assert.equal(await page.$eval('.lifeline-status', (e) => e.textContent), '');
  assert.deepEqual(errors, []);
  await page.close();
});

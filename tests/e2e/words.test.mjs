// The explainer is in its own words: no run of 8 or more consecutive words of the commentary
// (../shared/seed/*.txt) appears outside <q>, <blockquote> or <cite>, in the built page as it
// is served (JavaScript off, chart images included) or in the text the live page writes at
// each step (chart description, aria-live text, canvas label, data panel).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, serve, browser, withBrowser, open, scrollToStep } from './harness.mjs';
import { RUN, shingles, findRuns, check, report, commentary, extractBlocks } from './words.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };
const SEED = path.resolve(ROOT, '..', 'shared', 'seed');
const source = commentary(ROOT);
const missing = `no commentary text (*.txt) in ${SEED}`;
// Without the commentary there is nothing to compare with: a failure under CI, a skip elsewhere.
const skip = !source && !process.env.CI ? `${missing}; set CI=1 to make this a failure` : false;
const set = source ? shingles(source.texts) : new Set();

let server;
let desktop;
before(async () => {
  if (skip || !source) return;
  server = await serve();
  desktop = await browser(DESKTOP);
});
after(async () => {
  await desktop?.close();
  server?.stop();
});

test('the commentary is there to compare with', { skip }, () => {
  assert.ok(source, missing);
  assert.ok(set.size > 1000, `only ${set.size} runs of ${RUN} words in ${source.dir}`);
});

test('the checker finds a planted run of 8 words and passes 7', () => {
  const text = 'Venezuela’s partnership with Russia is likely to become ever closer as a result of Moscow’s growing international isolation.';
  const own = shingles(text);
  // Different punctuation, case, quotes and dashes do not hide a run.
  const planted = 'We read that "VENEZUELA\'S partnership with Russia is likely — to become" something.';
  assert.deepEqual(findRuns(planted, own), [{ run: "venezuela's partnership with russia is likely to become", words: 8 }]);
  assert.deepEqual(findRuns('We read that Venezuela’s partnership with Russia is likely to, we think, grow.', own), []);
  // Overlapping matches are one run, as long as the copy.
  assert.deepEqual(findRuns(`Yes: ${text} No.`, own).map((r) => r.words), [18]);
  // Two separate runs are both reported, each with where it is.
  const found = check([{ where: '#a', text: `${text.split(' ').slice(0, 8).join(' ')} and then ${text.split(' ').slice(10).join(' ')}` }], own);
  assert.deepEqual(found.map((f) => [f.where, f.words]), [['#a', 8], ['#a', 8]]);
  assert.match(report(found), /#a \(8 words\): "venezuela's partnership/);
  if (!source) return;
  // And with the commentary itself: 8 of its words in a row are found, 7 are not.
  const words = source.texts[0].split(/\s+/).filter(Boolean);
  const at = Math.floor(words.length / 2);
  assert.equal(findRuns(`Our words. ${words.slice(at, at + 8).join(' ')} More of ours.`, set).length, 1);
  assert.deepEqual(findRuns(`Our words. ${words.slice(at, at + 7).join(' ')} More of ours.`, set), []);
});

test('the page text is read block by block, without <q>, <blockquote> and <cite>', async () => {
  await withBrowser({ javaScriptEnabled: true }, async (ctx) => {
    const page = await ctx.newPage();
    const eight = 'one two three four five six seven eight';
    await page.setContent(`<title>${eight}</title>
      <p id="a">Inline <strong>one two three</strong> <a href="#">four five</a> six <span>seven eight</span>.</p>
      <p id="b"><q>${eight}</q> <cite>${eight}</cite></p><blockquote><p>${eight}</p></blockquote>
      <div id="c">one two three four <p>x</p> five six seven eight</div>
      <ul><li>one two three four</li><li>five six seven eight</li></ul>
      <img alt="${eight}" src="data:,"><div aria-label="${eight}"></div>
      <meta name="description" content="${eight}"><script>var s = '${eight}';</script>`);
    const blocks = await page.evaluate(extractBlocks);
    const found = check(blocks, shingles(eight));
    assert.deepEqual(found.map((f) => f.where).sort(),
      ['div [aria-label]', 'img [alt]', 'meta [content]', 'p#a', 'title'], report(found));
  });
});

test('the built page (JavaScript off, chart images included) is in its own words', { skip }, async () => {
  assert.ok(source, missing);
  await withBrowser({ ...DESKTOP, javaScriptEnabled: false }, async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(server.url);
    const blocks = await page.evaluate(extractBlocks);
    assert.ok(blocks.length > 50, `only ${blocks.length} blocks of text read`);
    // The charts drawn ahead of time are images: their titles, descriptions and labels count too.
    const svgs = await page.$$eval('img[src$=".svg"]', (imgs) => [...new Set(imgs.map((i) => i.getAttribute('src')))]);
    for (const src of svgs) {
      const res = await fetch(new URL(src, server.url));
      assert.equal(res.status, 200, src);
      const inSvg = await page.evaluate(extractBlocks, await res.text());
      blocks.push(...inSvg.map((b) => ({ ...b, where: `${src}: ${b.where}` })));
    }
    const found = check(blocks, set);
    assert.equal(found.length, 0, report(found));
    await page.close();
  });
});

test('the live page, at every step and with the data panel open, is in its own words', { skip }, async () => {
  assert.ok(source, missing);
  const { page, errors } = await open(desktop.ctx, server.url);
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  assert.ok(ids.length > 0, 'no steps');
  const seen = new Map(); // where + run -> { where, run, words, steps }
  for (const id of ids) {
    await scrollToStep(page, id);
    if (await page.$eval('.lifeline-panel', (p) => p.hidden)) {
      await page.click('.lifeline-data-toggle');
      await page.waitForFunction(() => !document.querySelector('.lifeline-panel').hidden
        && document.querySelector('.lifeline-table-body').textContent.trim() !== '');
      await scrollToStep(page, id); // opening the panel moves the focus; make sure of the step
    }
    const blocks = await page.evaluate(extractBlocks);
    const live = await page.evaluate(() => ({
      description: document.getElementById('chart-description')?.textContent.trim(),
      label: document.querySelector('canvas.lifeline-canvas')?.getAttribute('aria-label'),
      table: document.querySelector('.lifeline-table-body')?.textContent.trim(),
    }));
    assert.ok(live.description && live.label && live.table, `${id}: the live text was not written ${JSON.stringify(live)}`);
    for (const f of check(blocks, set)) {
      const key = `${f.where}\u0000${f.run}`;
      if (!seen.has(key)) seen.set(key, { ...f, steps: [] });
      seen.get(key).steps.push(id);
    }
  }
  const found = [...seen.values()].map((f) => ({
    ...f, where: `${f.where} [live, ${f.steps.length === ids.length ? 'at every step' : `at step ${f.steps.join(', ')}`}]`,
  }));
  assert.equal(found.length, 0, report(found));
  assert.deepEqual(errors, []);
  await page.close();
});

// What a screen reader hears as the reader moves through the story: the live region, recorded
// at every step of both editions. It must name charts and highlights by their display names
// (never an id), speak the page's language, say a chart's name only when the chart is new, and
// say something at every step (each step changes the chart).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EDITIONS, serve, browser, open, scrollToStep } from './harness.mjs';

let server;
let b;
before(async () => {
  server = await serve();
  b = await browser({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
});
after(async () => {
  await b?.close();
  server?.stop();
});

// Words of the other edition that must not be heard (the chart furniture's words).
const OTHER = {
  en: ['Gráfico', 'primer plano', 'Barras', 'millones', 'Fuente'],
  es: ['Chart', 'Highlighted', 'highlighting', 'Bars of', 'million', 'Source'],
};

for (const edition of EDITIONS) {
  test(`${edition.lang}: every step is announced in the page's words, by display names, the chart's name only when it is new`, async () => {
    const { page, errors } = await open(b.ctx, edition.url(server));
    await page.evaluate(() => {
      window.__heard = [];
      const live = document.querySelector('.lifeline-live');
      new MutationObserver(() => window.__heard.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    });
    const steps = await page.$$eval('[data-step]', (els) => els.map((e) => ({ id: e.id, chart: e.dataset.chart, highlight: e.dataset.highlight || '' })));
    // Ids a reader must never hear: every step's highlighted names that are ids (kebab-case).
    const ids = [...new Set(steps.flatMap((s) => s.highlight.split(',')).filter((h) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(h)))];
    assert.ok(ids.length > 3);
    const heard = [];
    for (const [i, step] of steps.entries()) {
      if (i === 0) continue;
      await page.evaluate(() => { window.__heard = []; });
      await scrollToStep(page, step.id);
      const [said, title] = await page.evaluate(() => [window.__heard.at(-1) || '', document.querySelector('[data-lifeline]').lifeline.chartTitle]);
      heard.push([step, steps[i - 1], said, title]);
    }
    for (const [step, prev, said, title] of heard) {
      assert.ok(said.length > 0, `${step.id}: nothing said`);
      for (const id of ids) assert.ok(!said.includes(id), `${step.id}: heard the id ${id}: ${said}`);
      for (const w of OTHER[edition.lang]) assert.ok(!said.includes(w), `${step.id}: heard "${w}": ${said}`);
      // A new chart is named; the same chart is not named again, only what changed is said.
      if (step.chart === prev.chart) assert.ok(!said.includes(title), `${step.id}: the chart's name again: ${said}`);
      else assert.ok(said.includes(title), `${step.id}: a new chart without its name: ${said}`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// The accessibility tree of the chart and of the step it follows, at the first step of each
// kind of chart in both editions, as a reader's screen reader gets it, kept in
// tests/e2e/aria/<lang>-<step>.yml. A change to what is heard shows as a diff to review;
// UPDATE_ARIA=1 writes the snapshots anew.
test('the accessibility tree at one step per kind of chart matches its snapshot', async () => {
  const { mkdirSync, readFileSync, writeFileSync, existsSync } = await import('node:fs');
  const path = await import('node:path');
  const { ROOT } = await import('./harness.mjs');
  const dir = path.join(ROOT, 'tests', 'e2e', 'aria');
  mkdirSync(dir, { recursive: true });
  const differ = [];
  for (const edition of EDITIONS) {
    const { page } = await open(b.ctx, edition.url(server));
    const steps = await page.$$eval('[data-step]', (els) => els.map((e) => ({ id: e.id, chart: e.dataset.chart })));
    const firsts = steps.filter((s, i) => steps.findIndex((t) => t.chart === s.chart) === i);
    for (const { id } of firsts) {
      await scrollToStep(page, id);
      const tree = `# chart\n${await page.locator('figure.lifeline-graphic').ariaSnapshot()}\n# step\n${await page.locator(`[id="${id}"]`).ariaSnapshot()}\n`;
      const file = path.join(dir, `${edition.lang}-${id}.yml`);
      if (process.env.UPDATE_ARIA === '1') writeFileSync(file, tree);
      else if (!existsSync(file)) differ.push(`${file} is missing (UPDATE_ARIA=1 writes it)`);
      else if (readFileSync(file, 'utf8') !== tree) differ.push(`${file} differs:\n${tree}`);
    }
    await page.close();
  }
  assert.deepEqual(differ, []);
});

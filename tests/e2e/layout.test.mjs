// What the reader sees, tested as a reader would meet it: nothing covers the chart at any step or
// between two steps, and every control in the chart panel is what a click or a tap lands on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, withBrowser, open, scrollToStep, settle } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 };

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

const stepIds = (page) => page.$$eval('[data-step]', (els) => els.map((e) => e.id));

/** Samples a grid over the canvas; returns the points where something outside the chart panel is on top. */
function coverage(page) {
  return page.evaluate(() => {
    const graphic = document.querySelector('.lifeline-graphic');
    const c = document.querySelector('canvas.lifeline-canvas').getBoundingClientRect();
    const cols = 16; const rows = 20;
    const covered = [];
    let n = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const x = c.left + (j + 0.5) * c.width / cols;
        const y = c.top + (i + 0.5) * c.height / rows;
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        n++;
        const el = document.elementFromPoint(x, y);
        if (!el || !graphic.contains(el)) {
          covered.push({ row: i, rows, by: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}` : 'nothing' });
        }
      }
    }
    return { n, covered };
  });
}

function assertClear(where, { n, covered }) {
  assert.ok(n > 100, `${where}: the chart is not on screen`);
  const top = covered.filter((p) => p.row < p.rows / 5);
  assert.equal(top.length, 0, `${where}: the top fifth of the chart (title, legend) is covered by ${[...new Set(top.map((p) => p.by))].join(', ')}`);
  assert.ok(covered.length / n <= 0.03, `${where}: ${covered.length} of ${n} points covered by ${[...new Set(covered.map((p) => p.by))].join(', ')}`);
}

for (const [name, opts] of [['phone 390x844', PHONE], ['desktop 1440x900', DESKTOP]]) {
  test(`${name}: nothing covers the chart at any step or halfway between two steps`, async () => {
    await withBrowser(opts, async (ctx) => {
      const { page } = await open(ctx, server.url);
      const ids = await stepIds(page);
      for (const [i, id] of ids.entries()) {
        await scrollToStep(page, id);
        assertClear(`at ${id}`, await coverage(page));
        if (i + 1 < ids.length) {
          // Halfway between this step's place and the next one's, where cards are on the move.
          await page.evaluate(([a, b]) => {
            const at = (id) => document.getElementById(id).getBoundingClientRect().top + scrollY - innerHeight * 0.58;
            scrollTo(0, (at(a) + at(b)) / 2);
          }, [id, ids[i + 1]]);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          assertClear(`between ${id} and ${ids[i + 1]}`, await coverage(page));
        }
      }
      await page.close();
    });
  });

  test(`${name}: every chart control is what a click lands on, at every step`, async () => {
    await withBrowser(opts, async (ctx) => {
      const { page } = await open(ctx, server.url);
      for (const id of await stepIds(page)) {
        await scrollToStep(page, id);
        const misses = await page.evaluate(() => {
          const out = [];
          for (const el of document.querySelectorAll('.lifeline-controls button')) {
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height) continue;
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            if (!hit || !(hit === el || el.contains(hit))) out.push(`${el.textContent.trim() || el.dataset.go} is under ${hit?.tagName.toLowerCase()}.${[...(hit?.classList ?? [])].join('.')}`);
          }
          return out;
        });
        assert.deepEqual(misses, [], `at ${id}`);
      }
      await page.close();
    });
  });
}

for (const [name, opts] of [['phone 390x844', PHONE], ['desktop 1440x900', DESKTOP]]) {
  test(`${name}: the first screen shows the headline share as a chart, drawn with the first paint`, async () => {
    await withBrowser(opts, async (ctx) => {
      // The chart painted with the page is the one drawn into it at build time (the canvas then
      // draws the same state over it); its place is measured at the top of the page.
      const { page } = await open(ctx, server.url);
      assert.equal(await page.evaluate(() => scrollY), 0);
      const first = await page.evaluate(() => {
        const svg = document.querySelector('.lifeline-static svg.is-light');
        const r = svg.getBoundingClientRect();
        const bar = [...svg.querySelectorAll("text")].find((t) => /^Russia: \d/.test(t.textContent.trim()));
        return { top: r.top, height: r.height, vh: innerHeight, headline: bar?.textContent.trim(), barBottom: bar && bar.getBoundingClientRect().bottom + 60 };
      });
      assert.ok(first.height > 200 && first.top >= 0, `the first chart is not laid out on the first screen (${JSON.stringify(first)})`);
      assert.match(first.headline ?? '', /^Russia: \d+\.\d%$/);
      assert.ok(first.barBottom < first.vh, `the share bar ends at ${first.barBottom} px, below the fold at ${first.vh}`);
      await page.close();
    });
  });
}

test('phone: the chart keeps at least 40% of the screen height', async () => {
  await withBrowser(PHONE, async (ctx) => {
    const { page } = await open(ctx, server.url);
    const ids = await stepIds(page);
    await scrollToStep(page, ids[5]);
    const share = await page.evaluate(() => document.querySelector('canvas.lifeline-canvas').getBoundingClientRect().height / innerHeight);
    assert.ok(share >= 0.4, `the chart has ${Math.round(share * 100)}% of the screen`);
    await page.close();
  });
});

test('phone: a tap on Data opens the panel, and the step buttons answer taps', async () => {
  await withBrowser(PHONE, async (ctx) => {
    const { page } = await open(ctx, server.url);
    const ids = await stepIds(page);
    for (const id of [ids[3], ids[Math.floor(ids.length / 2)], ids[ids.length - 2]]) {
      await scrollToStep(page, id);
      await page.tap('.lifeline-data-toggle');
      await page.waitForSelector('#chart-data:not([hidden])');
      assert.equal(await page.getAttribute('.lifeline-data-toggle', 'aria-expanded'), 'true');
      await page.tap('.lifeline-data-toggle');
      await page.waitForSelector('#chart-data', { state: 'hidden' });
      const before = await page.evaluate(() => document.querySelector('[data-lifeline]').dataset.lifelineStep);
      await page.tap('[data-go="1"]');
      await page.waitForFunction((b) => document.querySelector('[data-lifeline]').dataset.lifelineStep === String(Number(b) + 1), before);
      await settle(page);
    }
    await page.close();
  });
});

test('the browser draws chart text with the widths the layout measures (src/text/widths.rs)', async () => {
  // The static charts and the label tests lay text out with Arial's widths; the canvas draws in
  // the first font of the same stack it finds. Here, each printable character as the browser
  // measures it in that stack, against the table, regular and bold.
  const src = fs.readFileSync(new URL('../../src/text/widths.rs', import.meta.url), 'utf8');
  const table = (name) => src.match(new RegExp(`const ${name}: \\[u16; \\d+\\] = \\[([^\\]]*)\\]`))[1].split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  const font = fs.readFileSync(new URL('../../src/text.rs', import.meta.url), 'utf8').match(/pub const FONT: &str = "([^"]+)"/)[1];
  await withBrowser(DESKTOP, async (ctx) => {
    const { page } = await open(ctx, server.url);
    for (const [name, weight] of [['REGULAR', 'normal'], ['BOLD', 'bold']]) {
      const widths = table(name).slice(0, 95);
      const measured = await page.evaluate(({ font, weight }) => {
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${weight} 1000px ${font}`;
        return Array.from({ length: 95 }, (_, i) => ctx.measureText(String.fromCharCode(32 + i)).width);
      }, { font, weight });
      const off = widths.map((w, i) => [String.fromCharCode(32 + i), w, Math.round(measured[i])]).filter(([, w, m]) => Math.abs(w - m) > 1);
      assert.deepEqual(off, [], `${name}: characters whose width in the browser differs from the table`);
    }
    await page.close();
  });
});

/** The tooltip's lines, or null while it is hidden. */
const tooltip = (page) => page.$eval('.lifeline-tooltip', (t) => (t.hidden ? null : [...t.children].map((c) => c.textContent)));

test('desktop: the arrow keys read each mark aloud, and pointing at it shows the same values', async () => {
  const data = JSON.parse(fs.readFileSync(new URL('../../www/data/lifeline.json', import.meta.url), 'utf8'));
  const byYear = data.charts.find((c) => c.id === 'arms-by-year').data;
  const russia = byYear.series.find((s) => s.name === 'Russia');
  const tiv2013 = Math.round(russia.values[byYear.x.indexOf(2013)]).toLocaleString('en-GB');
  await withBrowser(DESKTOP, async (ctx) => {
    const { page, errors } = await open(ctx, server.url);
    await scrollToStep(page, 'arms-by-year');
    await page.focus('canvas.lifeline-canvas');
    let lines = null;
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('ArrowRight');
      lines = await tooltip(page);
      if (lines?.[0] === 'Russia' && lines[1].startsWith('2013:')) break;
    }
    assert.deepEqual(lines?.slice(0, 2), ['Russia', `2013: ${tiv2013}`]);
    assert.match(lines[2], /TIV/, 'the units are given');
    assert.equal(await page.$eval('.lifeline-live', (e) => e.textContent), lines.join(', '));
    // The outlined mark is where the mouse finds the same values.
    const box = await page.$eval('.lifeline-focus', (b) => { const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, hidden: b.hidden }; });
    assert.equal(box.hidden, false);
    await page.keyboard.press('Escape');
    assert.equal(await tooltip(page), null);
    await page.mouse.move(box.x, box.y);
    assert.deepEqual((await tooltip(page))?.slice(0, 2), ['Russia', `2013: ${tiv2013}`]);
    // Off the chart, it goes.
    await page.mouse.move(5, 5);
    assert.equal(await tooltip(page), null);
    assert.deepEqual(errors, []);
    await page.close();
  });
});

test('phone: a tap on a bar shows its value, a tap elsewhere hides it', async () => {
  await withBrowser(PHONE, async (ctx) => {
    const { page } = await open(ctx, server.url);
    await scrollToStep(page, 'russia-kinds');
    // The first bar of the weapon kinds (the largest), tapped in its middle.
    const c = await page.$eval('canvas.lifeline-canvas', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
    let lines = null;
    for (let y = c.y + 20; y < c.y + c.h && !lines; y += 6) {
      await page.touchscreen.tap(c.x + 40, y);
      lines = await tooltip(page);
    }
    assert.ok(lines, 'a tap on the chart found a mark');
    const data = JSON.parse(fs.readFileSync(new URL('../../www/data/lifeline.json', import.meta.url), 'utf8'));
    const kind = data.charts.find((c) => c.id === 'russia-by-category').data.rows.find((k) => k.name === lines[0]);
    assert.ok(kind, `the tooltip names a kind of weapon: ${lines}`);
    assert.equal(lines[1], Math.round(kind.value).toLocaleString('en-GB'));
    await page.touchscreen.tap(10, 10);
    assert.equal(await tooltip(page), null);
    await page.close();
  });
});

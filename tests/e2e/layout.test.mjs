// What the reader sees, tested as a reader would meet it: nothing covers the chart at any step or
// between two steps, and every control in the chart panel is what a click or a tap lands on.
// Every test runs on both editions of the story, the English page and the Spanish one (es/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { EDITIONS, serve, withBrowser, open, scrollToStep, settle, wordsOf } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 };
const DATA = JSON.parse(fs.readFileSync(new URL('../../www/data/lifeline.json', import.meta.url), 'utf8'));
// Each edition's ways with numbers: the headline share as the first chart prints it, and a whole
// number (English groups thousands with commas; Spanish from five digits on, with a no-break
// space: CLDR's Spanish rule with the RAE's mark).
const WAYS = {
  en: { whole: (n) => n.toLocaleString('en-GB'), seized: 'Maduro seized' },
  es: { whole: (n) => n.toLocaleString('es-ES').replaceAll('.', '\u00a0'), seized: 'Captura de Maduro' },
};


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

/** The tooltip's lines, or null while it is hidden. */
const tooltip = (page) => page.$eval('.lifeline-tooltip', (t) => (t.hidden ? null : [...t.children].map((c) => c.textContent)));

/** The chart controls a click at their centre would miss, and what it would land on instead. */
function missedControls(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('.lifeline-controls button')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit))) out.push(`${el.textContent.trim() || el.dataset.go} is under ${hit?.tagName.toLowerCase()}.${[...(hit?.classList ?? [])].join('.')}`);
    }
    return out;
  });
}

// One walk through the story per page and device serves the two tests below: at every step,
// what covers the chart and which controls a click misses; half way to the next step, what
// covers the chart. Each test asserts its own findings, in order. The reader asked for reduced
// motion, so each step's chart is drawn at once: what covers it is the page's layout, not the
// chart's animation, and the walk takes a few seconds instead of half a minute.
const walks = new Map();
function walk(edition, opts) {
  const key = `${edition.lang} ${opts.viewport.width}`;
  if (!walks.has(key)) {
    walks.set(key, withBrowser({ ...opts, reducedMotion: 'reduce' }, async (ctx) => {
      const found = { coverage: [], clicks: [] };
      const { page } = await open(ctx, edition.url(server));
      const ids = await stepIds(page);
      for (const [i, id] of ids.entries()) {
        await scrollToStep(page, id);
        found.coverage.push([`at ${id}`, await coverage(page)]);
        found.clicks.push([`at ${id}`, await missedControls(page)]);
        if (i + 1 < ids.length) {
          // Halfway between this step's place and the next one's, where cards are on the move.
          await page.evaluate(([a, b]) => {
            const at = (id) => document.getElementById(id).getBoundingClientRect().top + scrollY - innerHeight * 0.58;
            scrollTo(0, (at(a) + at(b)) / 2);
          }, [id, ids[i + 1]]);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          found.coverage.push([`between ${id} and ${ids[i + 1]}`, await coverage(page)]);
        }
      }
      await page.close();
      return found;
    }));
  }
  return walks.get(key);
}

for (const edition of EDITIONS) {
  const { lang } = edition;
  const url = () => edition.url(server);

  for (const [name, opts] of [['phone 390x844', PHONE], ['desktop 1440x900', DESKTOP]]) {
    test(`${lang}, ${name}: nothing covers the chart at any step or halfway between two steps`, async () => {
      const { coverage: found } = await walk(edition, opts);
      assert.ok(found.length > 0);
      for (const [where, c] of found) assertClear(where, c);
    });

    test(`${lang}, ${name}: every chart control is what a click lands on, at every step`, async () => {
      const { clicks } = await walk(edition, opts);
      assert.ok(clicks.length > 0);
      for (const [where, misses] of clicks) assert.deepEqual(misses, [], where);
    });
  }

  for (const [name, opts] of [['phone 390x844', PHONE], ['desktop 1440x900', DESKTOP]]) {
    test(`${lang}, ${name}: the first screen shows the answer's chart, drawn with the first paint`, async (t) => {
      await withBrowser(opts, async (ctx) => {
        // The chart painted with the page is the one drawn into it at build time (the canvas then
        // draws the same state over it); its place is measured at the top of the page. The story
        // opens on its answer: the timeline with the events after the commentary.
        const { page } = await open(ctx, url());
        assert.equal(await page.evaluate(() => scrollY), 0);
        const first = await page.evaluate((label) => {
          const svg = document.querySelector('.lifeline-static svg.is-light');
          const r = svg.getBoundingClientRect();
          const event = [...svg.querySelectorAll('text')].find((e) => e.textContent.trim().startsWith(label));
          return { top: r.top, height: r.height, vh: innerHeight, found: Boolean(event), eventBottom: event && event.getBoundingClientRect().bottom + 60 };
        }, WAYS[lang].seized);
        assert.ok(first.height > 200 && first.top >= 0, `the first chart is not laid out on the first screen (${JSON.stringify(first)})`);
        await t.test('the event the answer turns on is labelled in the edition\'s words, on the first screen', () => {
          assert.ok(first.found, `no label "${WAYS[lang].seized}"`);
          assert.ok(first.eventBottom < first.vh, `the label ends at ${first.eventBottom} px, below the fold at ${first.vh}`);
        });
        await page.close();
      });
    });
  }

  test(`${lang}, phone: the chart keeps at least 40% of the screen height`, async () => {
    await withBrowser(PHONE, async (ctx) => {
      const { page } = await open(ctx, url());
      const ids = await stepIds(page);
      await scrollToStep(page, ids[5]);
      const share = await page.evaluate(() => document.querySelector('canvas.lifeline-canvas').getBoundingClientRect().height / innerHeight);
      assert.ok(share >= 0.4, `the chart has ${Math.round(share * 100)}% of the screen`);
      await page.close();
    });
  });

  test(`${lang}, phone: a tap on the data button opens the panel, and the step buttons answer taps`, async () => {
    await withBrowser(PHONE, async (ctx) => {
      const { page } = await open(ctx, url());
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

  test(`${lang}: the browser draws chart text with the widths the layout measures (src/text/widths.rs)`, async () => {
    // The static charts and the label tests lay text out with Arial's widths; the canvas draws in
    // the first font of the same stack it finds. Here, each printable character as the browser
    // measures it in that stack, against the table, regular and bold; on a page in another
    // language, also every other character its edition of the data writes (accents, quotes,
    // no-break spaces), found in the table's Latin-1 part or its extra characters.
    const src = fs.readFileSync(new URL('../../src/text/widths.rs', import.meta.url), 'utf8');
    const table = (name) => src.match(new RegExp(`const ${name}: \\[u16; \\d+\\] = \\[([^\\]]*)\\]`))[1].split(',').map((x) => x.trim()).filter(Boolean).map(Number);
    const extra = (name) => new Map([...src.match(new RegExp(`const ${name}_EXTRA: \\[\\(char, u16\\); \\d+\\] = \\[([^\\]]*)\\]`))[1]
      .matchAll(/\('\\u\{([0-9a-f]+)\}', (\d+)\)/g)].map(([, c, w]) => [String.fromCodePoint(parseInt(c, 16)), Number(w)]));
    const font = fs.readFileSync(new URL('../../src/text.rs', import.meta.url), 'utf8').match(/pub const FONT: &str = "([^"]+)"/)[1];
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    const others = lang === 'en' ? [] : [...new Set(JSON.stringify(DATA.editions[lang]))].filter((c) => c.codePointAt(0) > 126).sort();
    if (lang !== 'en') assert.ok(others.includes('\u00e1') && others.includes('\u00f1'), `the ${lang} edition's characters: ${others.join('')}`);
    await withBrowser(DESKTOP, async (ctx) => {
      const { page } = await open(ctx, url());
      for (const [name, weight] of [['REGULAR', 'normal'], ['BOLD', 'bold']]) {
        const latin1 = table(name);
        const more = extra(name);
        const chars = [...ascii, ...others];
        const widths = chars.map((c) => {
          const code = c.codePointAt(0);
          if (code <= 126) return latin1[code - 32];
          if (code >= 0xa0 && code <= 0xff) return latin1[95 + code - 0xa0];
          return more.get(c);
        });
        assert.deepEqual(chars.filter((c, i) => widths[i] === undefined), [], `${name}: characters the ${lang} edition writes that the table lacks`);
        const measured = await page.evaluate(({ font, weight, chars }) => {
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = `${weight} 1000px ${font}`;
          return chars.map((c) => ctx.measureText(c).width);
        }, { font, weight, chars });
        const off = widths.map((w, i) => [chars[i], w, Math.round(measured[i])]).filter(([, w, m]) => Math.abs(w - m) > 1);
        assert.deepEqual(off, [], `${name}: characters whose width in the browser differs from the table`);
      }
      await page.close();
    });
  });

  test(`${lang}, desktop: the arrow keys read each mark aloud, and pointing at it shows the same values`, async () => {
    const byYear = DATA.charts.find((c) => c.id === 'arms-by-year').data;
    const russia = byYear.series.find((s) => s.name === 'Russia');
    const tiv2013 = WAYS[lang].whole(Math.round(russia.values[byYear.x.indexOf(2013)]));
    const name = wordsOf(lang).name('Russia');
    await withBrowser(DESKTOP, async (ctx) => {
      const { page, errors } = await open(ctx, url());
      await scrollToStep(page, 'arms-by-year');
      await page.focus('canvas.lifeline-canvas');
      let lines = null;
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press('ArrowRight');
        lines = await tooltip(page);
        if (lines?.[0] === name && lines[1].startsWith('2013:')) break;
      }
      assert.deepEqual(lines?.slice(0, 2), [name, `2013: ${tiv2013}`]);
      assert.match(lines[2], /TIV/, 'the units are given');
      // Read aloud: name and value, the unit only when it changes (it was said at the first
      // mark), and the mark's place among them ("2 of 5").
      const said = await page.$eval('.lifeline-live', (e) => e.textContent);
      assert.ok(said.startsWith(`${lines[0]}, ${lines[1]}, `) && !said.includes(lines[2]) && /\d+ (of|de) \d+$/.test(said), said);
      // The outlined mark is where the mouse finds the same values.
      const box = await page.$eval('.lifeline-focus', (b) => { const r = b.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, hidden: b.hidden }; });
      assert.equal(box.hidden, false);
      await page.keyboard.press('Escape');
      assert.equal(await tooltip(page), null);
      await page.mouse.move(box.x, box.y);
      assert.deepEqual((await tooltip(page))?.slice(0, 2), [name, `2013: ${tiv2013}`]);
      // Off the chart, it goes.
      await page.mouse.move(5, 5);
      assert.equal(await tooltip(page), null);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });

  test(`${lang}, phone: a tap on a bar shows its value, a tap elsewhere hides it`, async () => {
    await withBrowser(PHONE, async (ctx) => {
      const { page } = await open(ctx, url());
      await scrollToStep(page, 'russia-kinds');
      // The first bar of the weapon kinds (the largest), tapped in its middle.
      const c = await page.$eval('canvas.lifeline-canvas', (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; });
      let lines = null;
      for (let y = c.y + 20; y < c.y + c.h && !lines; y += 6) {
        await page.touchscreen.tap(c.x + 40, y);
        lines = await tooltip(page);
      }
      assert.ok(lines, 'a tap on the chart found a mark');
      const { name } = wordsOf(lang);
      const kind = DATA.charts.find((c) => c.id === 'russia-by-category').data.rows.find((k) => name(k.name) === lines[0]);
      assert.ok(kind, `the tooltip names a kind of weapon: ${lines}`);
      assert.equal(lines[1], WAYS[lang].whole(Math.round(kind.value)));
      await page.touchscreen.tap(10, 10);
      assert.equal(await tooltip(page), null);
      await page.close();
    });
  });
}

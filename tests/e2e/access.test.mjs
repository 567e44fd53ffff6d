// Every reader: axe-core in light, dark and reduced-motion modes, the keyboard, print,
// layout stability while the canvas takes over, and valid HTML; on both editions of the story,
// the English page and the Spanish one (es/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { EDITIONS, ROOT, serve, withBrowser, open, settle, canvasInfo, scrollToStep } from './harness.mjs';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 };
let server;

before(async () => { server = await serve(); });
after(() => server?.stop());

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  });
}

for (const edition of EDITIONS) {
  const { lang } = edition;
  const url = () => edition.url(server);

  for (const [name, opts] of [
    ['light', { colorScheme: 'light' }],
    ['dark', { colorScheme: 'dark' }],
    ['reduced motion', { reducedMotion: 'reduce' }],
    ['phone', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true }],
  ]) {
    // On the Spanish page, stories.test.mjs runs axe in light mode on the desktop and the phone.
    if (lang !== 'en' && (name === 'light' || name === 'phone')) continue;
    test(`${lang}: axe-core finds no violations: ${name}, at the top and mid-story`, async () => {
      await withBrowser({ ...DESKTOP, ...opts }, async (ctx) => {
        const { page } = await open(ctx, url());
        assert.deepEqual(await axe(page), []);
        await scrollToStep(page, 'shares');
        assert.deepEqual(await axe(page), []);
        await page.close();
      });
    });
  }

  test(`${lang}: dark mode draws a dark chart; the in-page choice overrides the device`, async () => {
    await withBrowser({ ...DESKTOP, colorScheme: 'dark' }, async (ctx) => {
      const { page } = await open(ctx, url());
      const corner = () => page.evaluate(() => [...document.querySelector('canvas.lifeline-canvas').getContext('2d').getImageData(2, 2, 1, 1).data].slice(0, 3));
      assert.deepEqual(await corner(), [18, 18, 18]);
      await page.selectOption('.settings select', 'light');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
      assert.deepEqual(await corner(), [255, 255, 255]);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(bg, 'rgb(255, 255, 255)');
      // Remembered for the session.
      await page.reload();
      await page.waitForSelector('[data-lifeline].is-live');
      await settle(page);
      assert.deepEqual(await corner(), [255, 255, 255]);
      await page.close();
    });
  });

  test(`${lang}: the in-page motion switch turns transitions off`, async () => {
    await withBrowser(DESKTOP, async (ctx) => {
      const { page } = await open(ctx, url());
      await page.uncheck('.settings input[name="motion"]');
      await scrollToStep(page, 'arms-by-year');
      const f0 = await page.evaluate(() => Number(document.querySelector('[data-lifeline]').dataset.lifelineFrames));
      await scrollToStep(page, 'russia-by-year');
      const f1 = await page.evaluate(() => Number(document.querySelector('[data-lifeline]').dataset.lifelineFrames));
      assert.equal(f1 - f0, 1);
      await page.close();
    });
  });

  // English with the charts animated (focus must stay put through the smooth scroll); the
  // Spanish page, whose words are what differs, with reduced motion, which halves the walk.
  test(`${lang}: keyboard only: skip link, then step through every scene with the next button`, async () => {
    await withBrowser(lang === 'en' ? DESKTOP : { ...DESKTOP, reducedMotion: 'reduce' }, async (ctx) => {
      const { page } = await open(ctx, url());
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
      assert.ok(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle !== 'none'), 'visible focus');
      // Tab on to the "next step" button.
      let found = false;
      for (let i = 0; i < 40 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement.dataset.go === '1');
      }
      assert.ok(found, 'the next-step button is reachable by Tab');
      const total = await page.$$eval('[data-step]', (e) => e.length);
      const seen = new Set();
      for (let i = 0; i < total - 1; i++) {
        const before = await page.evaluate(() => document.querySelector('[data-lifeline]').dataset.lifelineStep);
        await page.keyboard.press('Enter');
        await page.waitForFunction((b) => {
          const r = document.querySelector('[data-lifeline]');
          return r.dataset.lifelineStep !== b && r.dataset.lifelineState === 'still';
        }, before);
        const now = await page.evaluate(() => document.querySelector('[data-lifeline]').dataset.lifelineStep);
        seen.add(now);
        // Focus moves to the step, whose text opens with its position ("Step 2 of 22.").
        const focus = await page.evaluate(() => {
          const a = document.activeElement;
          const steps = [...document.querySelectorAll('[data-step]')];
          return { index: steps.indexOf(a), opening: a.textContent.trim().slice(0, 40) };
        });
        assert.equal(String(focus.index), now, `step ${now}: focus is not in the step`);
        assert.match(focus.opening, new RegExp(`^\\D*${Number(now) + 1}\\D+${total}\\.`), `step ${now}: ${focus.opening}`);
        // Back to the button for the next press (Shift+Tab reaches it from any step; tested below).
        await page.focus('.lifeline-controls [data-go="1"]');
      }
      // Past the last step, the reader is told so, and nothing moves.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /last step|último paso/.test(document.querySelector('.lifeline-live').textContent));
      // From a step, Shift+Tab gets back to the chart's controls.
      await page.evaluate(() => { const st = document.querySelectorAll('[data-step]')[3]; st.tabIndex = -1; st.focus(); });
      let back = false;
      for (let i = 0; i < 60 && !back; i++) {
        await page.keyboard.press('Shift+Tab');
        back = await page.evaluate(() => Boolean(document.activeElement.closest('.lifeline-controls')));
      }
      assert.ok(back, 'the chart\'s controls are reachable by Shift+Tab from a step');
      await page.focus('.lifeline-controls [data-go="1"]');
      assert.equal(seen.size, total - 1, 'every step reached in turn');
      // The data panel opens from the keyboard and closes with Escape.
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Enter');
      assert.ok(await page.isVisible('.lifeline-panel table'));
      await page.keyboard.press('Escape');
      assert.ok(await page.isHidden('.lifeline-panel'));
      await page.close();
    });
  });

  test(`${lang}: the list of scenes moves text and chart together`, async () => {
    await withBrowser(DESKTOP, async (ctx) => {
      const { page } = await open(ctx, url());
      const before = (await canvasInfo(page)).hash;
      // The list is folded on the first screen; a reader opens it first.
      await page.click('.contents summary');
      await page.focus('.contents a[href="#scene-data"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const r = document.querySelector('[data-lifeline]');
        const first = document.querySelector('#scene-data [data-step]');
        return r.dataset.lifelineState === 'still' && r.querySelectorAll('[data-step]')[Number(r.dataset.lifelineStep)] === first;
      });
      assert.notEqual((await canvasInfo(page)).hash, before);
      await page.close();
    });
  });

  test(`${lang}: the canvas takes over from the pre-drawn chart without shifting the layout`, async () => {
    await withBrowser(DESKTOP, async (ctx) => {
      const page = await ctx.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(url());
      // Before the wasm runs, a real chart is already there, inline in the page.
      assert.ok(await page.$eval('.lifeline-static svg.is-light', (s) => s.getBoundingClientRect().height > 200 && s.querySelectorAll('text').length > 2));
      await page.waitForSelector('[data-lifeline].is-live');
      await settle(page);
      await page.waitForTimeout(300);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls < 0.01, `CLS ${cls}`);
      await page.close();
    });
  });

  test(`${lang}: print: the narrative unrolled with a chart wherever the kind of chart changes, and the sources written out`, async () => {
    await withBrowser(DESKTOP, async (ctx) => {
      const { page } = await open(ctx, url());
      await page.emulateMedia({ media: 'print' });
      const state = await page.evaluate(() => ({
        charts: [...document.querySelectorAll('.step-chart picture.is-light img')].map((i) => i.getBoundingClientRect().height).filter((h) => h > 0),
        changes: document.querySelectorAll('.step-chart.is-change').length,
        sticky: getComputedStyle(document.querySelector('.lifeline-graphic')).display,
        url: getComputedStyle(document.querySelector('.sources a[href^="https"]'), '::after').content,
      }));
      assert.equal(state.sticky, 'none');
      assert.equal(state.charts.length, state.changes);
      assert.ok(state.changes >= 10, `${state.changes} charts on paper`);
      assert.ok(state.charts.every((h) => h > 50), `${state.charts}`);
      assert.match(state.url, /https:\/\//);
      // Scroll through so every lazy chart image has loaded, then print.
      for (const el of await page.$$('.step-chart.is-change picture.is-light img')) await el.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => [...document.querySelectorAll('.step-chart.is-change picture.is-light img')].every((i) => i.complete && i.naturalWidth > 0));
      mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      const pdf = await page.pdf({ path: path.join(ROOT, 'test-results', lang === 'en' ? 'print.pdf' : `print-${lang}.pdf`), format: 'A4' });
      assert.ok(pdf.length > 50_000, `${pdf.length} bytes`);
      await page.close();
    });
  });

  test(`${lang}: the built page is valid HTML`, () => {
    const page = edition.path || 'index.html';
    for (const file of [`dist/${page}`, page]) {
      const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'html-validate'), [file], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `${file}:\n${r.stdout}${r.stderr}`);
    }
  });
}

test('settings tell the truth: with the device asking for less motion, "Animate the charts" is unticked, and ticking it animates', async () => {
  await withBrowser({ ...DESKTOP, reducedMotion: 'reduce' }, async (ctx) => {
    const { page } = await open(ctx, EDITIONS[0].url(server));
    assert.equal(await page.isChecked('.settings input[name="motion"]'), false);
    await page.check('.settings input[name="motion"]');
    await scrollToStep(page, 'arms-by-year');
    const f0 = await page.evaluate(() => Number(document.querySelector('[data-lifeline]').dataset.lifelineFrames));
    await scrollToStep(page, 'russia-by-year');
    const f1 = await page.evaluate(() => Number(document.querySelector('[data-lifeline]').dataset.lifelineFrames));
    assert.ok(f1 - f0 > 3, `ticked, the transition is animated (${f1 - f0} frames)`);
    await page.close();
  });
});

for (const edition of EDITIONS) {
  test(`${edition.lang}: the data panel and its button are named after the chart on screen`, async () => {
    await withBrowser(DESKTOP, async (ctx) => {
      const { page } = await open(ctx, edition.url(server));
      await scrollToStep(page, 'shares');
      const title = await page.evaluate(() => document.querySelector('[data-lifeline]').lifeline.chartTitle);
      assert.ok(title.length > 10);
      assert.ok((await page.getAttribute('.lifeline-data-toggle', 'aria-label')).endsWith(`: ${title}`));
      await page.click('.lifeline-data-toggle');
      assert.ok((await page.textContent('#chart-data-title')).endsWith(`: ${title}`));
      await page.close();
    });
  });
}


// Host pages built like common CMS themes (embed-demo/): a fixed header with an offset, for both
// embeds; clipping ancestors (the chart falls back to a stacked layout, with a warning);
// shrink-to-fit parents; content hidden at load. All under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, hostPage } from './harness.mjs';

let csp;
const sizes = { desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 }, phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } };
const browsers = {};

before(async () => {
  process.env.LIFELINE_CSP = '1';
  csp = await serve();
  delete process.env.LIFELINE_CSP;
  for (const [k, o] of Object.entries(sizes)) browsers[k] = await browser(o);
});
after(async () => {
  for (const b of Object.values(browsers)) await b.close();
  csp?.stop();
});

/** Opens a host page in the browser of `size`. */
const host = (size, url) => hostPage(browsers[size].ctx, url);

/** The script embed's state: active step, steps, and where its chart is. */
const scriptState = (page) => page.evaluate(() => {
  const el = document.querySelector('lifeline-explainer');
  const r = el.shadowRoot.querySelector('[data-lifeline]');
  const c = el.shadowRoot.querySelector('canvas.lifeline-canvas').getBoundingClientRect();
  return { step: Number(r.dataset.lifelineStep), still: r.dataset.lifelineState === 'still', n: r.querySelectorAll('[data-step]').length,
    stacked: r.classList.contains('is-stacked'), live: r.classList.contains('is-live'), chart: { top: c.top, bottom: c.bottom, height: c.height }, vh: innerHeight,
    width: el.getBoundingClientRect().width };
});

const waitStep = (page, i) => page.waitForFunction((i) => {
  const r = document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-lifeline]');
  return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
}, i, { timeout: 10000 });

const live = (page) => page.waitForFunction(() => document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline].is-live'), null, { timeout: 15000 });

/** The part of the chart in the viewport below the header, as a share of its height. */
const inView = (chart, top, vh) => Math.max(0, Math.min(chart.bottom, vh) - Math.max(chart.top, top)) / chart.height;

for (const size of Object.keys(sizes)) {
  test(`${size}: under a fixed 80 px header (offset="80"), ?step=N and #id land on that step, and next advances step by step`, async () => {
    const { page, errors, violations } = await host(size, `${csp.url}embed-demo/header.html?step=14`);
    await live(page);
    await waitStep(page, 13);
    let s = await scriptState(page);
    assert.ok(inView(s.chart, 80, s.vh) >= 0.5, `step 14: chart out of view ${JSON.stringify(s.chart)}`);
    // "Next" (the ↓ button in the chart's controls), five times: one step each.
    for (let i = 14; i < 19; i++) {
      await page.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-go="1"]').click());
      await waitStep(page, i);
      s = await scriptState(page);
      assert.ok(inView(s.chart, 80, s.vh) >= 0.5, `step ${i + 1}: chart out of view ${JSON.stringify(s.chart)}`);
    }
    // Previous goes back one.
    await page.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-go="-1"]').click());
    await waitStep(page, 17);
    // A deep link by id.
    await page.goto(`${csp.url}embed-demo/header.html#displacement-check`);
    await live(page);
    const want = await page.evaluate(() => [...document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]')].findIndex((e) => e.id === 'displacement-check'));
    await waitStep(page, want);
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), []);
    await page.close();
  });

  test(`${size}: an iframe under a fixed header (data-offset="80") keeps its chart below the header; ?step=N lands on N and next advances`, async () => {
    const { page, errors, violations } = await host(size, `${csp.url}embed-demo/header-iframe.html`);
    const frame = await (await page.waitForSelector('iframe.lifeline-frame')).contentFrame();
    await frame.waitForSelector('[data-lifeline].is-live', { timeout: 15000 });
    const state = () => frame.evaluate(() => {
      const r = document.querySelector('[data-lifeline]');
      return { step: Number(r.dataset.lifelineStep), still: r.dataset.lifelineState === 'still' };
    });
    const chartInHost = () => page.evaluate(() => {
      const f = document.querySelector('iframe.lifeline-frame').getBoundingClientRect();
      return f.top;
    }).then(async (ftop) => {
      const c = await frame.evaluate(() => { const r = document.querySelector('canvas.lifeline-canvas').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; });
      return { top: c.top + ftop, bottom: c.bottom + ftop, height: c.height };
    });
    const waitFrameStep = (i) => frame.waitForFunction((i) => {
      const r = document.querySelector('[data-lifeline]');
      return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
    }, i, { timeout: 10000 });
    // Steps 5 to 9 with "next", each landing on the step asked for, the chart under the header.
    await frame.evaluate(() => document.querySelectorAll('[data-step]')[4].scrollIntoView());
    await page.evaluate(() => { const f = document.querySelector('iframe.lifeline-frame'); scrollTo(0, scrollY + f.getBoundingClientRect().top + f.contentDocument.querySelectorAll('[data-step]')[4].getBoundingClientRect().top - 80 - (innerHeight - 80) * 0.55); });
    await waitFrameStep(4);
    for (let i = 5; i < 9; i++) {
      await frame.evaluate(() => document.querySelector('[data-go="1"]').click());
      await waitFrameStep(i);
      const c = await chartInHost();
      const vh = await page.evaluate(() => innerHeight);
      assert.ok(c.top >= 79 && inView(c, 80, vh) >= 0.5, `step ${i + 1}: chart ${JSON.stringify(c)}`);
    }
    assert.equal((await state()).step, 8);
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), []);
    await page.close();
  });
}

for (const [file, cause] of [['clip-body', 'body has overflow-x: hidden'], ['clip-wrapper', 'div#page.site-wrapper.clearfix has overflow-x: hidden']]) {
  test(`${file}: a clipping ancestor stacks the story (each step followed by its chart), with a warning naming the cause and the fix`, async () => {
    const { page, errors, warnings, violations } = await host('desktop', `${csp.url}embed-demo/${file}.html`);
    await live(page);
    const s = await scriptState(page);
    assert.ok(s.stacked, 'stacked');
    assert.ok(warnings.some((w) => w.includes(cause) && w.includes('overflow-x: clip') && w.includes('iframe')), warnings.join('\n'));
    // Every step is followed by a chart in view as the host scrolls to it, and the steps still
    // follow the reader in order.
    const n = s.n;
    for (let i = 0; i < n; i += 7) {
      const shown = await page.evaluate((i) => {
        const step = document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]')[i];
        step.scrollIntoView({ block: 'start' });
        const fig = step.querySelector('.step-chart') || step.nextElementSibling;
        const img = fig && fig.querySelector('img');
        const r = img ? img.getBoundingClientRect() : null;
        return r && { w: r.width, h: r.height, visible: getComputedStyle(fig).display !== 'none' };
      }, i);
      assert.ok(shown && shown.visible && shown.w > 200 && shown.h > 100, `step ${i}: no chart after it ${JSON.stringify(shown)}`);
    }
    assert.deepEqual(errors, []);
    assert.deepEqual(await violations(), []);
    await page.close();
  });
}

test('plain host pages are not stacked: the chart stays pinned', async () => {
  const { page, warnings } = await host('desktop', `${csp.url}embed-demo/plain.html?step=5`);
  await live(page);
  await waitStep(page, 4);
  const s = await scriptState(page);
  assert.ok(!s.stacked && inView(s.chart, 0, s.vh) >= 0.9, JSON.stringify(s));
  assert.deepEqual(warnings.filter((w) => w.includes('Lifeline')), []);
  await page.close();
});

// The centred flex column on a phone, the inline-block on a desktop.
for (const [file, size] of [['shrink', 'phone'], ['shrink-inline', 'desktop']]) {
  {
    test(`${size}: ${file}: a shrink-to-fit parent still gives the story the column's full width, and the chart draws`, async () => {
      const { page, errors } = await host(size, `${csp.url}embed-demo/${file}.html?step=3`);
      await live(page);
      await waitStep(page, 2);
      const s = await scriptState(page);
      const column = await page.evaluate(() => { const m = document.querySelector('main'); const cs = getComputedStyle(m); return m.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); });
      assert.ok(Math.abs(s.width - column) <= 2, `width ${s.width} against the column's ${column}`);
      assert.ok(s.chart.height > 150 && inView(s.chart, 0, s.vh) >= 0.9, JSON.stringify(s.chart));
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

test('a story hidden at load (a tab) lands on its step="10" when it is first shown; attributes step and theme apply later too', async () => {
  const { page, errors } = await host('desktop', `${csp.url}embed-demo/tabs.html`);
  await page.waitForFunction(() => document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline].is-live'), null, { state: 'attached', timeout: 15000 });
  await page.click('a.tab');
  await waitStep(page, 9);
  const s = await scriptState(page);
  assert.ok(inView(s.chart, 0, s.vh) >= 0.9, JSON.stringify(s));
  // A host script moves the story and changes its theme.
  await page.evaluate(() => document.querySelector('lifeline-explainer').setAttribute('step', '20'));
  await waitStep(page, 19);
  await page.evaluate(() => document.querySelector('lifeline-explainer').setAttribute('theme', 'dark'));
  const bg = await page.evaluate(() => {
    const c = document.querySelector('lifeline-explainer').shadowRoot.querySelector('canvas.lifeline-canvas');
    const d = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return d[0] + d[1] + d[2];
  });
  assert.ok(bg < 150, `dark background expected, got ${bg}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a right-to-left host (lang="ar" dir="rtl") leaves the story in its own direction and language', async () => {
  const { page, errors } = await host('desktop', `${csp.url}embed-demo/rtl.html?step=9`);
  await live(page);
  await waitStep(page, 8);
  const d = await page.evaluate(() => {
    const el = document.querySelector('lifeline-explainer');
    const inner = el.shadowRoot.querySelector('.lifeline-host');
    const step = el.shadowRoot.querySelector('[data-step]');
    const c = el.shadowRoot.querySelector('canvas.lifeline-canvas');
    return { host: getComputedStyle(el).direction, story: getComputedStyle(step).direction, canvas: getComputedStyle(c).direction,
      lang: inner.closest('[lang]').lang, text: getComputedStyle(step).textAlign };
  });
  assert.deepEqual({ ...d, text: undefined }, { host: 'ltr', story: 'ltr', canvas: 'ltr', lang: 'en', text: undefined });
  const s = await scriptState(page);
  assert.ok(inView(s.chart, 0, s.vh) >= 0.9, JSON.stringify(s));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an app-shell page (it scrolls inside an element): the script embed pins its chart, ?step=N lands, next advances, steps follow the scroll', async () => {
  const { page, errors, warnings, violations } = await host('desktop', `${csp.url}embed-demo/app-shell.html?step=8`);
  await live(page);
  await waitStep(page, 7);
  for (let i = 8; i < 11; i++) {
    await page.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-go="1"]').click());
    await waitStep(page, i);
  }
  // The host's own scroll (of .app) drives the steps, in order, with the chart in view.
  const n = (await scriptState(page)).n;
  for (let i = 12; i < n; i += 6) {
    await page.evaluate((i) => {
      const app = document.querySelector('.app');
      const step = document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]')[i];
      app.scrollBy(0, step.getBoundingClientRect().top - innerHeight * 0.58);
    }, i);
    await waitStep(page, i);
    const s = await scriptState(page);
    assert.ok(!s.stacked && inView(s.chart, 0, s.vh) >= 0.9, `step ${i}: ${JSON.stringify(s)}`);
  }
  assert.deepEqual(warnings.filter((w) => w.includes('Lifeline')), []);
  assert.deepEqual(errors, []);
  assert.deepEqual(await violations(), []);
  await page.close();
});

test('an app-shell page with the iframe: frame.js follows the element the page scrolls in; steps fire, next advances', async () => {
  const { page, errors, violations } = await host('desktop', `${csp.url}embed-demo/app-shell-iframe.html`);
  const frame = await (await page.waitForSelector('iframe.lifeline-frame')).contentFrame();
  await frame.waitForSelector('[data-lifeline].is-live', { timeout: 15000 });
  const waitFrameStep = (i) => frame.waitForFunction((i) => {
    const r = document.querySelector('[data-lifeline]');
    return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
  }, i, { timeout: 10000 });
  for (const i of [3, 9, 15]) {
    await page.evaluate((i) => {
      const f = document.querySelector('iframe.lifeline-frame');
      const step = f.contentDocument.querySelectorAll('[data-step]')[i];
      document.querySelector('.app').scrollBy(0, f.getBoundingClientRect().top + step.getBoundingClientRect().top - innerHeight * 0.58);
    }, i);
    await waitFrameStep(i);
    const c = await page.evaluate(() => {
      const f = document.querySelector('iframe.lifeline-frame');
      const r = f.contentDocument.querySelector('canvas.lifeline-canvas').getBoundingClientRect();
      const t = f.getBoundingClientRect().top;
      return { top: r.top + t, bottom: r.bottom + t, height: r.height, vh: innerHeight };
    });
    assert.ok(inView(c, 0, c.vh) >= 0.9, `step ${i}: chart ${JSON.stringify(c)}`);
  }
  await frame.evaluate(() => document.querySelector('[data-go="1"]').click());
  await waitFrameStep(16);
  assert.deepEqual(errors, []);
  assert.deepEqual(await violations(), []);
  await page.close();
});

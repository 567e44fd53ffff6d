// The engine's other pages, each through the browser tests the main article passes: the other
// stories (stories/<name>/, built at dist/stories/<name>/) and the editions in other languages
// (es/, built at dist/es/). Every step changes the chart, deep links, no-JS, axe, CSP, and the
// three embeds (script, iframe with frame.js, wasm-pack's pkg/ from the repo root).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, serve, browser, withBrowser, open, canvasInfo, scrollToStep } from './harness.mjs';

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const STORIES = fs.readdirSync(path.join(ROOT, 'stories')).filter((n) => fs.existsSync(path.join(ROOT, 'stories', n, 'index.html')));
// name, page (from the site's root), its data file's built name, its host pages in embed-demo/
// (which take the story as a parameter: embed-demo/story.js).
const PAGES = [
  ...STORIES.map((n) => ({ name: n, page: `stories/${n}/index.html`, data: /^data-[0-9a-f]{10}\.json$/, script: `story-script.html?story=${n}`, iframe: `story-iframe.html?story=${n}` })),
  { name: 'es', page: 'es/index.html', data: /^\.\.\/www\/data\/lifeline\.es-[0-9a-f]{10}\.json$/, script: 'es-script.html', iframe: 'es-iframe.html' },
];

let server; // dist/ under the strict Content-Security-Policy a CMS may set
let desktop;

before(async () => {
  process.env.LIFELINE_CSP = '1';
  server = await serve();
  delete process.env.LIFELINE_CSP;
  // Reduced motion: each step's chart is drawn at once (the animation is tested on the first
  // story's page, story.test.mjs); here it is which chart each step brings.
  desktop = await browser({ ...DESKTOP, reducedMotion: 'reduce' });
});
after(async () => {
  await desktop?.close();
  server?.stop();
});

/** Records CSP violations in the page and its frames. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => (await Promise.all(page.frames().map((f) => f.evaluate(() => window.__violations || []).catch(() => [])))).flat();
}

const stepKeys = (root) => root.$$eval('[data-step]', (els) => els.map((e) => ({
  id: e.id,
  key: [e.dataset.chart, e.dataset.highlight || '', e.hasAttribute('data-dim'), e.dataset.window || '', e.dataset.annotate || ''].join('|'),
})));

test('there is a second story', () => {
  assert.ok(STORIES.length >= 1, 'stories/ holds no story');
});

for (const { name, page: file, data: dataName, script, iframe } of PAGES) {
  const page = () => `${server.url}${file}`;

  test(`${name}: every step changes the chart, with no console error or CSP violation`, async () => {
    const { page: p, errors } = await open(desktop.ctx, page());
    const list = await stepKeys(p);
    assert.ok(list.length >= 8, `${list.length} steps`);
    // Its own data file, not the main story's.
    assert.match(await p.$eval('[data-lifeline]', (e) => e.dataset.src), dataName);
    let prev = null;
    for (const s of list) {
      await scrollToStep(p, s.id);
      const info = await canvasInfo(p);
      assert.ok(info.ink > 0.005, `step ${s.id}: canvas blank`);
      if (prev) assert.notEqual(info.hash, prev.hash, `${s.id} (${s.key}) did not change the chart from ${prev.id} (${prev.key})`);
      prev = { ...s, hash: info.hash };
    }
    // Every figure in the prose is the data's (the page printed them; nothing was rewritten
    // into something else) and no problem is listed.
    assert.equal(await p.$eval('.lifeline-status', (e) => e.textContent.trim()).catch(() => ''), '');
    assert.deepEqual(errors, []);
    await p.close();
    const p2 = await desktop.ctx.newPage();
    const v = await watchCsp(p2);
    await p2.goto(page());
    await p2.waitForSelector('[data-lifeline].is-live');
    await p2.click('.lifeline-data-toggle');
    assert.deepEqual(await v(), []);
    await p2.close();
  });

  test(`${name}: #anchor and ?step=N land on their step`, async () => {
    const { page: p0 } = await open(desktop.ctx, page());
    const list = await stepKeys(p0);
    await p0.close();
    const mid = Math.floor(list.length / 2);
    for (const url of [`${page()}#${list[mid].id}`, `${page()}?step=${mid + 1}`]) {
      const { page: p, errors } = await open(desktop.ctx, url);
      await p.waitForFunction((i) => document.querySelector('[data-lifeline]').dataset.lifelineStep === String(i), mid, { timeout: 10000 });
      assert.deepEqual(errors, []);
      await p.close();
    }
  });

  for (const [device, opts] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name}: axe-core finds no violations (${device}), at the top and mid-story`, async () => {
      // axe is injected as an inline script, which the strict policy (rightly) refuses.
      await withBrowser({ ...opts, bypassCSP: true }, async (ctx) => {
        const { page: p } = await open(ctx, page());
        const list = await stepKeys(p);
        for (const at of [null, list[Math.floor(list.length / 2)].id]) {
          if (at) await scrollToStep(p, at);
          await p.addScriptTag({ path: AXE });
          const found = await p.evaluate(async () => {
            const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
            return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
          });
          assert.deepEqual(found, []);
        }
        await p.close();
      });
    });
  }

  test(`${name}: with JavaScript off, every step is followed by its own chart and the text is whole`, async () => {
    await withBrowser({ ...PHONE, javaScriptEnabled: false }, async (ctx) => {
      const p = await ctx.newPage();
      await p.goto(page());
      const steps = await p.$$eval('[data-step]', (els) => els.map((e) => {
        const fig = e.nextElementSibling;
        const img = fig?.matches('figure.step-chart') ? fig.querySelector('img') : null;
        return { id: e.id, text: e.textContent.trim().length, src: img?.getAttribute('src'), alt: img?.alt || '' };
      }));
      assert.ok(steps.length >= 8);
      for (const s of steps) {
        assert.ok(s.text > 40, `${s.id}: ${s.text} characters`);
        assert.match(s.src || '', new RegExp(`^www/charts/${s.id}-[0-9a-f]{10}\\.svg$`), s.id);
        assert.ok(s.alt.length > 60, `${s.id}: alt text "${s.alt}"`);
      }
      // The images load (relative to the story's own folder).
      const first = await p.$('.step-chart img');
      await first.scrollIntoViewIfNeeded();
      await p.waitForFunction(() => { const im = document.querySelector('.step-chart img'); return im.complete && im.naturalWidth > 0; });
      // Each kind of chart gives its data as a table.
      assert.ok(await p.$$eval('.step-chart table tbody tr', (r) => r.length) > 10);
      await p.close();
    });
  });

  test(`${name}: the script embed (${script}) follows the host's scroll through every step`, async () => {
    const host = await desktop.ctx.newPage();
    const violations = await watchCsp(host);
    const errors = [];
    host.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    host.on('pageerror', (e) => errors.push(String(e)));
    await host.goto(`${server.url}embed-demo/${script}`);
    await host.waitForFunction(() => document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline].is-live'), null, { timeout: 15000 });
    const n = await host.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]').length);
    // The story's own page, not the main one.
    const title = await host.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelector('h1').textContent);
    const own = fs.readFileSync(path.join(ROOT, file), 'utf8').match(/<h1[^>]*>([\s\S]*?)<\/h1>/)[1].replace(/<[^>]+>/g, '');
    assert.equal(title.trim(), own.replace(/&#39;|&apos;/g, "'").trim());
    // The story's own language, not the host's.
    assert.equal(await host.evaluate(() => document.querySelector('lifeline-explainer').shadowRoot.querySelector('.lifeline-host').lang), fs.readFileSync(path.join(ROOT, file), 'utf8').match(/<html lang="([a-z]+)"/)[1]);
    let prev = null;
    for (let i = 0; i < n; i++) {
      await host.evaluate((i) => {
        const steps = document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]');
        window.scrollTo(0, steps[i].getBoundingClientRect().top + window.scrollY - innerHeight * 0.58);
      }, i);
      await host.waitForFunction((i) => {
        const r = document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-lifeline]');
        return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
      }, i, { timeout: 10000 });
      const box = await host.evaluate(() => {
        const c = document.querySelector('lifeline-explainer').shadowRoot.querySelector('canvas.lifeline-canvas');
        const r = c.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, vh: innerHeight, hash: c.toDataURL().length + c.toDataURL().slice(-200) };
      });
      assert.ok(box.top >= -1 && box.bottom <= box.vh + 1, `step ${i}: chart out of view ${JSON.stringify({ ...box, hash: 0 })}`);
      if (prev !== null) assert.notEqual(box.hash, prev, `step ${i} did not change the chart`);
      prev = box.hash;
    }
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await host.close();
  });

  test(`${name}: the iframe with frame.js (${iframe}) is sized to its content and driven by the host's scroll`, async () => {
    const host = await desktop.ctx.newPage();
    const violations = await watchCsp(host);
    await host.goto(`${server.url}embed-demo/${iframe}`);
    const frame = await (await host.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector('[data-lifeline].is-live');
    await host.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 3000);
    const n = await frame.evaluate(() => document.querySelectorAll('[data-step]').length);
    for (const i of [0, Math.floor(n / 2), n - 1]) {
      const y = await frame.evaluate((i) => document.querySelectorAll('[data-step]')[i].getBoundingClientRect().top + scrollY, i);
      await host.evaluate((y) => {
        const f = document.querySelector('iframe');
        window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY + y - innerHeight * 0.58);
      }, y);
      await frame.waitForFunction((i) => {
        const r = document.querySelector('[data-lifeline]');
        return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
      }, i, { timeout: 10000 });
    }
    assert.deepEqual(await violations(), []);
    await host.close();
  });

  test(`${name}: wasm-pack's pkg/ as it is: the repo root serves the story`, async () => {
    const repo = await serve(ROOT);
    try {
      const { page: p, errors } = await open(desktop.ctx, `${repo.url}${file}`);
      assert.ok((await canvasInfo(p)).ink > 0.01);
      assert.deepEqual(errors, []);
      await p.close();
    } finally {
      repo.stop();
    }
  });
}

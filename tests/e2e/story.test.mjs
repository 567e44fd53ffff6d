// End-to-end tests of the built dist/ in Debian's headless Chromium, on both editions of the
// story: the English page and the Spanish one (es/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EDITIONS, serve, browser, withBrowser, open, settle, canvasInfo, scrollToStep } from './harness.mjs';

const DESKTOP = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };

let server;
let desktop;
const hashes = new Map(); // "lang:step id" -> canvas hash on the desktop layout
// What each edition says when the wasm cannot be loaded (its page's data-msg-wasm): that the
// charts are still images, in the page's language, with no browser error in it.
const NO_WASM = {
  en: /^The live chart could not start in this browser, so each step is followed by its chart as a still image\. The text is complete\.$/,
  es: /^El gráfico interactivo no pudo iniciarse en este navegador: cada paso va seguido de su gráfico como imagen fija\. El texto está completo\.$/,
};

before(async () => {
  server = await serve();
  desktop = await browser(DESKTOP);
});
after(async () => {
  await desktop?.close();
  server?.stop();
});

async function steps(page) {
  return page.$$eval('[data-step]', (els) => els.map((e) => ({
    id: e.id,
    key: [e.dataset.chart, e.dataset.highlight || '', e.hasAttribute('data-dim'),
      e.dataset.window || '', e.dataset.annotate || ''].join('|'),
  })));
}

/** The canvas hash of step `id` of `edition`, reached by scrolling in a fresh page (same layout). */
async function reference(edition, id) {
  const key = `${edition.lang}:${id}`;
  if (hashes.has(key)) return hashes.get(key);
  const { page } = await open(desktop.ctx, edition.url(server));
  await scrollToStep(page, id);
  const { hash } = await canvasInfo(page);
  await page.close();
  hashes.set(key, hash);
  return hash;
}

const frames = (page) => page.evaluate(() => Number(document.querySelector('[data-lifeline]').dataset.lifelineFrames));

for (const edition of EDITIONS) {
  const { lang } = edition;
  const url = () => edition.url(server);

  test(`${lang}: loads without console errors and draws a sharp, non-blank chart`, async () => {
    const { page, errors } = await open(desktop.ctx, url());
    const info = await canvasInfo(page);
    assert.ok(info.ink > 0.01, `canvas mostly blank (${info.ink})`);
    assert.equal(info.width, Math.round(info.cssWidth * 2), 'backing store is CSS width x DPR');
    assert.equal(info.height, Math.round(info.cssHeight * 2));
    assert.deepEqual(errors, []);
    await page.close();
  });

  // On the Spanish page, stories.test.mjs and es.test.mjs walk every step.
  if (lang === 'en') test(`${lang}: every step changes the chart from the step before`, async () => {
    const { page, errors } = await open(desktop.ctx, url());
    const list = await steps(page);
    assert.ok(list.length >= 15 && list.length <= 45, `${list.length} steps`);
    let prev = null;
    for (const s of list) {
      await scrollToStep(page, s.id);
      const info = await canvasInfo(page);
      assert.ok(info.ink > 0.005, `step ${s.id}: canvas blank`);
      hashes.set(`${lang}:${s.id}`, info.hash);
      if (prev) assert.notEqual(info.hash, prev.hash, `${s.id} (${s.key}) did not change the chart from ${prev.id} (${prev.key})`);
      prev = { ...s, hash: info.hash };
    }
    // The active step is marked for readers, and only one.
    assert.equal(await page.$$eval('.step.is-active', (e) => e.length), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${lang}: an #anchor load lands on that step without replaying the steps before it`, async () => {
    const id = 'shares';
    const { page, errors } = await open(desktop.ctx, `${url()}#${id}`);
    const list = await steps(page);
    const idx = list.findIndex((s) => s.id === id);
    assert.equal(await page.evaluate(() => document.querySelector('[data-lifeline]').dataset.lifelineStep), String(idx));
    assert.ok((await frames(page)) <= 2, 'drawn directly, not by stepping through');
    assert.equal((await canvasInfo(page)).hash, await reference(edition, id));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test(`${lang}: a reload half-way down lands on the same step`, async () => {
    const { page } = await open(desktop.ctx, url());
    const id = 'russia-kinds';
    await scrollToStep(page, id);
    const before = await page.evaluate(() => document.querySelector('[data-lifeline]').dataset.lifelineStep);
    await page.addInitScript(() => {
      window.__seen = [];
      new MutationObserver((records) => {
        for (const r of records) if (r.target.dataset) window.__seen.push(r.target.dataset.lifelineStep);
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lifeline-step'] });
    });
    await page.reload();
    await page.waitForSelector('[data-lifeline].is-live');
    // The browser may restore the scroll position just after the explainer starts.
    await page.waitForFunction((b) => {
      const r = document.querySelector('[data-lifeline]');
      return r.dataset.lifelineStep === b && r.dataset.lifelineState === 'still';
    }, before);
    assert.equal((await canvasInfo(page)).hash, await reference(edition, id));
    // No step between the top and this one was shown on the way.
    const seen = await page.evaluate(() => window.__seen);
    assert.ok(seen.every((s) => s === before || s === '0'), `visited ${seen}`);
    await page.close();
  });

  test(`${lang}: a fast scroll to the end goes straight to the last step`, async () => {
    const { page } = await open(desktop.ctx, url());
    await page.evaluate(() => {
      window.__seen = [];
      const root = document.querySelector('[data-lifeline]');
      new MutationObserver(() => window.__seen.push(root.dataset.lifelineStep))
        .observe(root, { attributes: true, attributeFilter: ['data-lifeline-step'] });
    });
    const list = await steps(page);
    const last = list[list.length - 1].id;
    const f0 = await frames(page);
    await scrollToStep(page, last);
    const seen = await page.evaluate(() => window.__seen);
    assert.deepEqual([...new Set(seen)], [String(list.length - 1)], `visited ${seen}`);
    const drawn = (await frames(page)) - f0;
    assert.ok(drawn >= 2 && drawn < 60, `one animated transition, ${drawn} frames`);
    assert.equal((await canvasInfo(page)).hash, await reference(edition, last));
    await page.close();
  });

  test(`${lang}: nothing is drawn while nothing changes`, async () => {
    const { page } = await open(desktop.ctx, url());
    await scrollToStep(page, 'diplomacy');
    const f0 = await frames(page);
    await page.waitForTimeout(1000);
    assert.equal(await frames(page), f0, 'frames drawn while idle');
    await page.close();
  });

  test(`${lang}: a step visited again is drawn as a fresh page draws it, with no label measured again`, async () => {
    // The canvas keeps what it measured and the text state it set (src/canvas.rs): a chart
    // drawn a second time, after another chart, asks the browser to measure nothing, and its
    // pixels are those of a page that scrolled straight to it.
    await withBrowser({ ...DESKTOP, reducedMotion: 'reduce' }, async (ctx) => {
      const { page, errors } = await open(ctx, url());
      await page.waitForFunction(() => document.querySelector('[data-lifeline]').dataset.lifelineWarmed, null, { timeout: 15000 });
      await page.evaluate(() => {
        window.measured = 0;
        const measure = CanvasRenderingContext2D.prototype.measureText;
        CanvasRenderingContext2D.prototype.measureText = function counted(...a) { window.measured += 1; return measure.apply(this, a); };
      });
      await scrollToStep(page, 'thesis');
      const first = await canvasInfo(page);
      await scrollToStep(page, 'displacement-claims');
      const between = await canvasInfo(page);
      await page.evaluate(() => { window.measured = 0; });
      await scrollToStep(page, 'thesis');
      const again = await canvasInfo(page);
      assert.notEqual(between.hash, first.hash, 'the step in between drew another chart');
      assert.equal(await page.evaluate(() => window.measured), 0, 'labels measured again');
      assert.equal(again.hash, first.hash);
      assert.equal(again.hash, await reference(edition, 'thesis'));
      assert.deepEqual(errors, []);
      await page.close();
    });
  });

  test(`${lang}: in idle time after the first chart, each kind of chart is drawn once out of sight; the reader's chart is untouched`, async () => {
    const { page } = await open(desktop.ctx, url());
    const before = await canvasInfo(page);
    const f0 = await frames(page);
    await page.waitForFunction(() => document.querySelector('[data-lifeline]').dataset.lifelineWarmed, null, { timeout: 15000 });
    const { warmed, kinds } = await page.evaluate(() => ({
      warmed: Number(document.querySelector('[data-lifeline]').dataset.lifelineWarmed),
      kinds: new Set([...document.querySelectorAll('[data-step]')].map((s) => s.dataset.chart)).size,
    }));
    assert.equal(warmed, kinds);
    assert.equal(await frames(page), f0, 'the reader\'s canvas was drawn on');
    assert.equal((await canvasInfo(page)).hash, before.hash);
    await page.close();
  });

  test(`${lang}: the transition is animated over several frames and lasts 400-700 ms`, async () => {
    const { page } = await open(desktop.ctx, url());
    await scrollToStep(page, 'russia-by-year');
    const target = (await steps(page)).findIndex((s) => s.id === 'shares');
    const result = await page.evaluate(async (target) => {
      const root = document.querySelector('[data-lifeline]');
      const f0 = Number(root.dataset.lifelineFrames);
      const el = document.getElementById('shares');
      const t0 = performance.now();
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - innerHeight * 0.58);
      await new Promise((resolve) => {
        const check = () => (root.dataset.lifelineState === 'still' && root.dataset.lifelineStep === String(target)
          ? resolve() : requestAnimationFrame(check));
        requestAnimationFrame(check);
      });
      return { ms: performance.now() - t0, frames: Number(root.dataset.lifelineFrames) - f0 };
    }, target);
    // 550 ms in Rust; allow for a loaded machine, but it must be animated, not a jump.
    assert.ok(result.frames >= 3, `only ${result.frames} frames`);
    assert.ok(result.ms >= 400 && result.ms <= 1500, `${result.ms} ms`);
    await page.close();
  });

  test(`${lang}: reduced motion jumps to the final state in one frame`, async () => {
    await withBrowser({ ...DESKTOP, reducedMotion: 'reduce' }, async (ctx) => {
      const { page } = await open(ctx, url());
      await scrollToStep(page, 'arms-by-year');
      const f0 = await frames(page);
      await scrollToStep(page, 'russia-by-year');
      assert.equal((await frames(page)) - f0, 1);
      await page.close();
    });
  });

  for (const [name, opts] of [['phone 390x844 @3x', PHONE], ['desktop 1440x900 @2x', DESKTOP]]) {
    test(`${lang}, ${name}: text and chart both visible, not overlapping, chart sharp`, async () => {
      await withBrowser(opts, async (ctx) => {
        const { page, errors } = await open(ctx, url());
        for (const id of ['arms-by-year', 'thesis', 'russia-kinds', 'displacement-claims', 'since-displacement']) {
          await scrollToStep(page, id);
          const g = await page.evaluate((id) => {
            const r = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right }; };
            return { step: r(document.getElementById(id)), canvas: r(document.querySelector('canvas.lifeline-canvas')), vw: innerWidth, vh: innerHeight };
          }, id);
          const overlap = !(g.step.bottom <= g.canvas.top || g.step.top >= g.canvas.bottom || g.step.right <= g.canvas.left || g.step.left >= g.canvas.right);
          assert.ok(!overlap, `${id}: step ${JSON.stringify(g.step)} overlaps chart ${JSON.stringify(g.canvas)}`);
          assert.ok(g.canvas.top >= 0 && g.canvas.bottom <= g.vh && g.canvas.right <= g.vw, `${id}: chart not in view`);
          assert.ok(g.step.top < g.vh && g.step.bottom > 0, `${id}: text not in view`);
          const info = await canvasInfo(page);
          assert.equal(info.width, Math.round(info.cssWidth * opts.deviceScaleFactor));
          assert.ok(info.ink > 0.005);
        }
        assert.deepEqual(errors, []);
        await page.close();
      });
    });
  }

  test(`${lang}: resizing and rotating redraw the chart at the new size`, async () => {
    await withBrowser(PHONE, async (ctx) => {
      const { page } = await open(ctx, url());
      await scrollToStep(page, 'thesis');
      const portrait = await canvasInfo(page);
      await page.setViewportSize({ width: 844, height: 390 });
      await page.waitForFunction((w) => document.querySelector('canvas.lifeline-canvas').width !== w, portrait.width);
      await settle(page);
      const landscape = await canvasInfo(page);
      assert.equal(landscape.width, Math.round(landscape.cssWidth * 3));
      assert.ok(landscape.ink > 0.005, 'blank after rotation');
      assert.notEqual(landscape.hash, portrait.hash);
      await page.close();
    });
  });

  for (const [name, opts, narrow] of [['desktop 1440x900', DESKTOP, false], ['phone 390x844', PHONE, true]]) {
    test(`${lang}, with JavaScript off, ${name}: every step followed by its own chart, in a normal rhythm, text legible`, async () => {
      await withBrowser({ ...opts, javaScriptEnabled: false }, async (ctx) => {
        const page = await ctx.newPage();
        await page.goto(url());
        const steps = await page.$$eval('[data-step]', (els) => els.map((e) => {
          const fig = e.nextElementSibling;
          const img = fig?.matches('figure.step-chart') ? [...fig.querySelectorAll('img')].find((i) => i.getBoundingClientRect().height > 0) : null;
          const r = e.getBoundingClientRect();
          const f = fig?.getBoundingClientRect();
          // What the reader meets after the chart: the next step, or the next scene's heading.
          const after = fig?.nextElementSibling ?? e.closest('section.scene')?.nextElementSibling?.firstElementChild;
          return { id: e.id, text: e.textContent.trim().length, top: r.top, bottom: r.bottom, figTop: f?.top, figBottom: f?.bottom,
            afterTop: after?.getBoundingClientRect().top,
            img: img && { src: img.getAttribute('src'), alt: img.alt, width: img.getBoundingClientRect().width, drawn: Number(img.getAttribute('width')) } };
        }));
        assert.ok(steps.length >= 15 && steps.every((s) => s.text > 40));
        for (const [i, s] of steps.entries()) {
          assert.ok(s.img, `${s.id}: no chart after the step`);
          assert.match(s.img.src, new RegExp(`^www/charts/${s.id}-[0-9a-f]{10}\\.svg$`), s.id);
          assert.ok(s.img.alt.length > 60, `${s.id}: alt text "${s.img.alt}"`);
          assert.ok(s.figTop - s.bottom < 40, `${s.id}: ${s.figTop - s.bottom} px between the text and its chart`);
          if (i + 1 < steps.length) assert.ok(s.afterTop - s.figBottom < 80, `${s.id}: ${s.afterTop - s.figBottom} px of blank after its chart`);
        }
        // The picture drawn for the screen: on a phone, the phone drawing, never shrunk below its
        // size, so its 11 px text stays at least 11 CSS px.
        const shown = await page.$$eval('.step-chart picture.is-light img', (imgs) => imgs.slice(0, 6).map((i) => ({
          current: i.currentSrc, width: i.getBoundingClientRect().width })));
        for (const [i, el] of (await page.$$('.step-chart picture.is-light img')).slice(0, 6).entries()) {
          await el.scrollIntoViewIfNeeded();
          await page.waitForFunction((k) => { const im = document.querySelectorAll('.step-chart picture.is-light img')[k]; return im.complete && im.naturalWidth > 0; }, i);
        }
        const loaded = await page.$$eval('.step-chart picture.is-light img', (imgs) => imgs.slice(0, 6).map((i) => ({ current: i.currentSrc, natural: i.naturalWidth, width: i.getBoundingClientRect().width })));
        for (const im of loaded) {
          assert.equal(/-narrow-/.test(im.current), narrow, im.current);
          if (narrow) assert.ok(im.width >= 340, `phone chart shrunk to ${im.width} px`);
        }
        assert.ok(shown.length > 0);
        // Every kind of chart in the story is there, each kind's data table once.
        const kinds = await page.$$eval('[data-step]', (els) => new Set(els.map((e) => e.dataset.chart)).size);
        assert.equal(await page.$$eval('.step-chart details', (d) => d.length), kinds);
        assert.ok(await page.$$eval('.step-chart table tbody tr', (r) => r.length) > 30);
        assert.ok(await page.isVisible('a[href*="rusi.org"]'));
        await page.close();
      });
    });
  }

  test(`${lang}: built assets carry content hashes; the server sends the cache headers docs/deploying.md gives`, async () => {
    const page = await desktop.ctx.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    await page.goto(url());
    await page.waitForSelector('[data-lifeline].is-live');
    await settle(page);
    const byPath = new Map(responses.map((r) => [new URL(r.url()).pathname, r]));
    const hashed = /-[0-9a-f]{10}\.(js|css|wasm|json|svg)$/;
    // Every script, stylesheet, wasm and data file the page fetched has a hashed name…
    const assets = [...byPath.keys()].filter((p) => /\.(js|css|wasm|json)$/.test(p));
    assert.ok(assets.some((p) => p.endsWith('.wasm')) && assets.some((p) => p.endsWith('.json')), assets.join(' '));
    for (const p of assets) {
      assert.match(p, hashed, `${p} has no content hash`);
      assert.equal(await byPath.get(p).headerValue('cache-control'), 'public, max-age=31536000, immutable', p);
    }
    // …which is the hash of its content, so a changed file is a new URL.
    const { createHash } = await import('node:crypto');
    for (const p of assets) {
      const body = await byPath.get(p).body();
      assert.ok(p.includes(`-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.`), `${p}: name and content disagree`);
    }
    // The entry points keep their names and are revalidated.
    assert.equal(await byPath.get(new URL(url()).pathname).headerValue('cache-control'), 'no-cache');
    const embed = await fetch(new URL('www/embed.js', server.url));
    assert.equal(embed.headers.get('cache-control'), 'no-cache');
    assert.equal(embed.status, 200);
    // A missing file is never cached, even under a hashed-looking name.
    const miss = await fetch(new URL('www/missing-0123456789.js', server.url));
    assert.equal(miss.status, 404);
    assert.equal(miss.headers.get('cache-control'), 'no-cache');
    // The wasm is compiled while it downloads.
    assert.equal(await byPath.get(assets.find((p) => p.endsWith('.wasm'))).headerValue('content-type'), 'application/wasm');
    await page.close();
  });

  test(`${lang}: a jump over the whole story (end of the page to its top, and back) moves the chart too`, async () => {
    // On the desktop the story is on screen at the top and at the end of the page. On the phone
    // it is off screen at both, so the test brings the last step into view instead of the end.
    for (const [options, end] of [[DESKTOP, 'end'], [PHONE, 'last']]) {
      await withBrowser(options, async (ctx) => {
        const { page, errors } = await open(ctx, url());
        const last = await page.$$eval('[data-step]', (els) => els.length - 1);
        for (const [where, want] of [[end, last], [0, 0], [end, last]]) {
          await page.evaluate((w) => {
            const steps = document.querySelectorAll('[data-step]');
            const top = w === 'end' ? document.scrollingElement.scrollHeight
              : w === 'last' ? steps[steps.length - 1].getBoundingClientRect().top + scrollY : w;
            window.scrollTo({ top, behavior: 'instant' });
          }, where);
          await page.waitForFunction((w) => document.querySelector('[data-lifeline]').dataset.lifelineStep === String(w), want, { timeout: 5000 });
          await settle(page);
        }
        assert.deepEqual(errors, []);
      });
    }
  });

  test(`${lang}: when the wasm cannot be loaded, the page says so and the charts drawn ahead of time stand in`, async () => {
    const page = await desktop.ctx.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(url());
    await page.waitForSelector('[data-lifeline].is-static');
    assert.match(await page.$eval('.lifeline-status', (e) => e.textContent), NO_WASM[lang]);
    assert.ok(await page.isVisible('.lifeline-status'));
    // One column: the steps take the story's width, each followed by its chart.
    assert.ok(await page.$eval('[data-lifeline]', (r) => {
      const cs = getComputedStyle(r);
      const content = r.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      return Math.abs(r.querySelector('.lifeline-steps').getBoundingClientRect().width - content) < 1;
    }));
    assert.ok(await page.isVisible('.step-chart img'));
    // A dark theme chosen in the page (here by the URL) is followed by the charts drawn ahead of
    // time too, whatever the device's setting.
    await page.goto(`${url()}?theme=dark`);
    await page.waitForSelector('[data-lifeline].is-static');
    const shown = await page.$$eval('.lifeline-static svg, .step-chart picture', (els) => els
      .filter((e) => e.getBoundingClientRect().height > 0).map((e) => e.getAttribute('class')));
    assert.ok(shown.length >= 8 && shown.every((c) => c === 'is-dark'), shown.join(' '));
    await page.close();
  });
}

// On the Spanish page, stories.test.mjs serves es/ from the repo root too.
test("wasm-pack's own pkg/ works as it is: the repo root serves the explainer", async () => {
  // `make dist` runs `wasm-pack build --target web`; index.html at the repo root loads pkg/ directly.
  const { ROOT } = await import('./harness.mjs');
  const fs = await import('node:fs');
  const pkg = JSON.parse(fs.readFileSync(`${ROOT}/pkg/package.json`, 'utf8'));
  assert.equal(pkg.main, 'lifeline.js');
  assert.equal(pkg.type, 'module');
  assert.ok(fs.existsSync(`${ROOT}/pkg/lifeline.d.ts`));
  const repo = await serve(ROOT);
  try {
    const { page, errors } = await open(desktop.ctx, repo.url);
    assert.ok((await canvasInfo(page)).ink > 0.01);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    repo.stop();
  }
});

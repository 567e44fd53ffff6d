// Embedding in host pages: the script embed (shadow root) in plain, hostile and fixed-header
// pages, the iframe sized by frame.js (same origin and cross-origin), the fixed iframe with no
// host script, all under a strict Content-Security-Policy where the page allows it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, browser, hostPage } from './harness.mjs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

let csp; // dist/ served with the strict CSP header on every response
let other; // the host pages on a second origin, for the cross-origin iframe
let b;

before(async () => {
  process.env.LIFELINE_CSP = '1';
  csp = await serve();
  delete process.env.LIFELINE_CSP;
  other = await serve(path.join(ROOT, 'dist', 'embed-demo'));
  // Reduced motion: each step's chart is drawn at once. The animation itself is tested on the
  // page (story.test.mjs); here it is which step and which chart the host's scroll brings.
  b = await browser({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
});
after(async () => {
  await b?.close();
  csp?.stop();
  other?.stop();
});

/** Opens a host page, recording console errors and CSP violations. */
const host = (url) => hostPage(b.ctx, url);

/** In the host page: scroll so that step i of the explainer (in `el`'s shadow) reaches the trigger line. */
async function scrollHostToStep(page, selector, i) {
  await page.evaluate(([sel, i]) => {
    const steps = document.querySelector(sel).shadowRoot.querySelectorAll('[data-step]');
    window.scrollTo(0, steps[i].getBoundingClientRect().top + window.scrollY - innerHeight * 0.58);
  }, [selector, i]);
  await page.waitForFunction(([sel, i]) => {
    const r = document.querySelector(sel).shadowRoot.querySelector('[data-lifeline]');
    return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
  }, [selector, i], { timeout: 10000 });
}

const chartBox = (page, selector) => page.evaluate((sel) => {
  const c = document.querySelector(sel).shadowRoot.querySelector('canvas.lifeline-canvas');
  const r = c.getBoundingClientRect();
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < data.length; i += 16) h = Math.imul(h ^ data[i] ^ (data[i + 1] << 8), 16777619) >>> 0;
  return { top: r.top, bottom: r.bottom, height: r.height, hash: h, vh: innerHeight };
}, selector);

for (const [name, file, headerHeight] of [['plain article', 'plain', 0], ['aggressive global CSS', 'hostile', 0], ['fixed 80 px header', 'header', 80]]) {
  test(`script embed, ${name}: the host's scroll drives every step; chart in view; no CSP violation`, async () => {
    const { page, errors, violations } = await host(`${csp.url}embed-demo/${file}.html`);
    const el = 'lifeline-explainer';
    await page.waitForFunction(() => document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline].is-live'));
    const keys = await page.evaluate(() => [...document.querySelector('lifeline-explainer').shadowRoot.querySelectorAll('[data-step]')]
      .map((s) => [s.dataset.chart, s.dataset.highlight || '', s.hasAttribute('data-dim'), s.dataset.window || '', s.dataset.annotate || ''].join('|')));
    assert.ok(keys.length >= 15);
    let prev = null;
    for (let i = 0; i < keys.length; i++) {
      await scrollHostToStep(page, el, i);
      const box = await chartBox(page, el);
      assert.ok(box.top >= headerHeight - 1 && box.bottom <= box.vh + 1 && box.height > 150, `step ${i}: chart out of view ${JSON.stringify(box)}`);
      if (prev && prev.key !== keys[i]) assert.notEqual(box.hash, prev.hash, `step ${i} did not change the chart`);
      prev = { key: keys[i], hash: box.hash };
    }
    // Styles stay apart both ways: the host's CSS did not reach in, ours did not leak out.
    const styles = await page.evaluate(() => {
      const shadow = document.querySelector('lifeline-explainer').shadowRoot;
      return {
        sectionsShown: [...shadow.querySelectorAll('section.scene')].every((s) => getComputedStyle(s).display !== 'none'),
        stepFont: getComputedStyle(shadow.querySelector('.step p')).fontFamily,
        hostH1: getComputedStyle(document.querySelector('h1')).fontFamily,
      };
    });
    assert.ok(styles.sectionsShown, 'host CSS hid the scenes');
    assert.ok(!/Times|Georgia/.test(styles.stepFont), `host font leaked in: ${styles.stepFont}`);
    assert.ok(/Times|Georgia/.test(styles.hostH1), 'our CSS leaked out');
    assert.deepEqual(await violations(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('script embed: two on a page both work; removing, moving and early removal are clean', async () => {
  const { page, errors, violations } = await host(`${csp.url}embed-demo/two.html`);
  await page.waitForFunction(() => [...document.querySelectorAll('lifeline-explainer')]
    .every((e) => e.shadowRoot?.querySelector('[data-lifeline].is-live')));
  await scrollHostToStep(page, '#second', 12);
  await scrollHostToStep(page, '#first', 3);
  // Moving an element keeps its story running.
  await page.evaluate(() => { const f = document.querySelector('#first'); f.parentNode.append(f); });
  await scrollHostToStep(page, '#first', 5);
  // Removing one releases it: no explainer left, nothing it listened to can reach it.
  const removed = await page.evaluate(async () => {
    const f = document.querySelector('#first');
    f.remove();
    await new Promise((r) => setTimeout(r, 50));
    return f.explainer;
  });
  assert.equal(removed, null);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.emulateMedia({ colorScheme: 'light' });
  // The other still follows the host's scroll.
  await scrollHostToStep(page, '#second', 20);
  // One removed before it finished loading never starts.
  await page.evaluate(() => {
    const e = document.createElement('lifeline-explainer');
    e.id = 'early';
    document.querySelector('main').append(e);
    e.remove();
    window.__early = e;
  });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__early.explainer), null);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('script embed: ?step=N and #anchor on the host page land on that step', async () => {
  for (const [query, id] of [['?step=13', null], ['#thesis', 'thesis']]) {
    const { page } = await host(`${csp.url}embed-demo/plain.html${query}`);
    await page.waitForFunction(() => document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline].is-live'));
    await page.waitForFunction(([id]) => {
      const r = document.querySelector('lifeline-explainer').shadowRoot.querySelector('[data-lifeline]');
      const steps = [...r.querySelectorAll('[data-step]')];
      const want = id ? steps.findIndex((s) => s.id === id) : 12;
      return r.dataset.lifelineStep === String(want) && r.dataset.lifelineState === 'still';
    }, [id], { timeout: 10000 });
    await page.close();
  }
});

/** Waits for the iframe's explainer, and returns its frame. */
async function lifelineFrame(page) {
  await page.waitForFunction(() => document.querySelector('iframe'));
  const handle = await page.$('iframe');
  const frame = await handle.contentFrame();
  await frame.waitForSelector('[data-lifeline].is-live');
  return frame;
}

async function iframeFollowsHost(page, frame) {
  // The helper sized the iframe to its content (within 2 px), so the host scrolls.
  const sized = async () => {
    const outer = await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height);
    const inner = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
    return Math.abs(outer - inner);
  };
  await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 3000);
  assert.ok((await sized()) <= 2, `iframe ${await sized()} px off its content`);
  const keys = await frame.evaluate(() => [...document.querySelectorAll('[data-step]')]
    .map((s) => [s.dataset.chart, s.dataset.highlight || '', s.hasAttribute('data-dim'), s.dataset.window || '', s.dataset.annotate || ''].join('|')));
  let prev = null;
  for (let i = 0; i < keys.length; i++) {
    const y = await frame.evaluate((i) => document.querySelectorAll('[data-step]')[i].getBoundingClientRect().top + scrollY, i);
    await page.evaluate((y) => {
      const f = document.querySelector('iframe');
      window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY + y - innerHeight * 0.58);
    }, y);
    await frame.waitForFunction((i) => {
      const r = document.querySelector('[data-lifeline]');
      return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
    }, i, { timeout: 10000 });
    // The chart is pinned into the host's viewport.
    const box = await frame.evaluate(() => document.querySelector('canvas.lifeline-canvas').getBoundingClientRect());
    const frameTop = await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().top);
    const vh = await page.evaluate(() => innerHeight);
    assert.ok(frameTop + box.top >= -1 && frameTop + box.bottom <= vh + 1, `step ${i}: chart at ${frameTop + box.top}..${frameTop + box.bottom} of ${vh}`);
    const hash = await frame.evaluate(() => document.querySelector('canvas.lifeline-canvas').toDataURL());
    if (prev && prev.key !== keys[i]) assert.notEqual(hash, prev.hash, `step ${i} did not change the chart`);
    prev = { key: keys[i], hash };
  }
  // After a resize the height follows again.
  await page.setViewportSize({ width: 700, height: 800 });
  await page.waitForTimeout(800);
  assert.ok((await sized()) <= 2, `after resize: ${await sized()} px off`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('iframe with frame.js (same origin): sized to its content and driven by the host scroll, under CSP', async () => {
  const { page, errors, violations } = await host(`${csp.url}embed-demo/iframe.html`);
  const frame = await lifelineFrame(page);
  await iframeFollowsHost(page, frame);
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('iframe with frame.js from another origin: the same, across origins', async () => {
  const base = csp.url; // the explainer's origin; the host page is on `other`
  const { page, errors } = await host(`${other.url}cross.html?base=${encodeURIComponent(base)}`);
  const frame = await lifelineFrame(page);
  assert.notEqual(new URL(frame.url()).origin, new URL(page.url()).origin);
  await iframeFollowsHost(page, frame);
  assert.deepEqual(errors, []);
  await page.close();
});

test('frame.js stays under 2 KB gzip, and docs/embedding.md says its size', async () => {
  const { gzipSync } = await import('node:zlib');
  const { readFileSync } = await import('node:fs');
  const size = gzipSync(readFileSync(path.join(ROOT, 'dist', 'www', 'frame.js')), { level: 9 }).length;
  assert.ok(size <= 2048, `${size} bytes`);
  // docs/embedding.md gives its size: within 64 bytes of the truth.
  const said = readFileSync(path.join(ROOT, 'docs', 'embedding.md'), 'utf8').match(/`frame\.js` \(([\d,]+) bytes gzip/);
  assert.ok(said, 'docs/embedding.md states the size of frame.js');
  assert.ok(Math.abs(Number(said[1].replace(',', '')) - size) <= 64, `docs/embedding.md says ${said[1]} bytes, it is ${size}`);
});

// A frame that is not Lifeline's, inside a host page on a second origin, forges the protocol:
// to frame.js "shrink me" and "scroll the page away", and to the explainer's iframe "your
// viewport is elsewhere". It comes from the host's origin (an advert's frame) and from
// Lifeline's own origin (another page of the site that is not a story). Nothing moves.
test('frame.js and the iframe ignore Lifeline messages forged by another frame inside the host page, from either origin', async () => {
  for (const from of [`${other.url}poster.html`, `${csp.url}embed-demo/poster.html`]) {
    const { page, errors } = await host(`${other.url}cross.html?base=${encodeURIComponent(csp.url)}`);
    const frame = await lifelineFrame(page);
    await page.waitForFunction(() => document.querySelector('iframe').getBoundingClientRect().height > 3000);
    // Somewhere in the middle of the story, at rest.
    const y = await frame.evaluate(() => document.querySelectorAll('[data-step]')[10].getBoundingClientRect().top + scrollY);
    await page.evaluate((y) => scrollTo(0, document.querySelector('iframe').getBoundingClientRect().top + scrollY + y - innerHeight * 0.58), y);
    await frame.waitForFunction(() => document.querySelector('[data-lifeline]').dataset.lifelineStep === '10' && document.querySelector('[data-lifeline]').dataset.lifelineState === 'still');
    const state = async () => ({
      host: await page.evaluate(() => ({ height: document.querySelector('iframe').style.height, scrollY: Math.round(scrollY) })),
      story: await frame.evaluate(() => {
        const r = document.querySelector('[data-lifeline]');
        return { step: r.dataset.lifelineStep, pin: r.style.getPropertyValue('--pin'), vh: document.documentElement.style.getPropertyValue('--vh') };
      }),
    });
    const before = await state();
    await page.evaluate((src) => new Promise((done, fail) => {
      addEventListener('message', (e) => { if (e.data?.forger === 'done') done(); });
      setTimeout(() => fail(new Error(`${src} did not load`)), 10000);
      const forger = document.createElement('iframe');
      forger.src = src;
      forger.title = 'Advert';
      document.querySelector('main').append(forger);
    }), from);
    await page.waitForTimeout(400);
    assert.deepEqual(await state(), before, `forged from ${from}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('iframes: ?step=N and #anchor in the src land on that step, with and without frame.js', async () => {
  for (const [file, src, want] of [
    ['iframe-fixed.html', '../index.html?embed=1&step=7', 'shares'],
    ['iframe-fixed.html', '../index.html?embed=1#russia-kinds', 'russia-kinds'],
    ['iframe.html', '../index.html?embed=1&step=7', 'shares'],
    // A new document (not a same-document #fragment change of the one already loaded).
    ['iframe.html', '../index.html?embed=1&v=2#displacement-claims', 'displacement-claims'],
  ]) {
    const { page } = await host(`${csp.url}embed-demo/${file}`);
    const url = await page.evaluate((src) => {
      const f = document.querySelector('iframe');
      f.src = new URL(src, location.href).href;
      return f.src;
    }, src);
    // Wait for the new document, not the one being replaced.
    await page.waitForFunction((url) => {
      const w = document.querySelector('iframe').contentWindow;
      return w.location.href.split('#')[0] === url.split('#')[0] && w.document.querySelector('[data-lifeline].is-live');
    }, url, { timeout: 15000 });
    const frame = await lifelineFrame(page);
    try {
      await frame.waitForFunction((id) => {
        const r = document.querySelector('[data-lifeline]');
        return r.querySelectorAll('[data-step]')[Number(r.dataset.lifelineStep)].id === id && r.dataset.lifelineState === 'still';
      }, want, { timeout: 10000 });
    } catch (e) {
      const state = await frame.evaluate(() => [document.querySelector('[data-lifeline]').dataset.lifelineStep, innerHeight, scrollY]);
      const hostState = await page.evaluate(() => [scrollY, document.querySelector('iframe').getBoundingClientRect().height]);
      throw new Error(`${file} ${src}: frame ${state}, host ${hostState}: ${e.message}`);
    }
    await page.close();
  }
});

test('iframe with no host script: a fixed height that scrolls inside itself, still a scroll story', async () => {
  const { page, errors, violations } = await host(`${csp.url}embed-demo/iframe-fixed.html`);
  const frame = await lifelineFrame(page);
  assert.equal(await page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height), 700);
  for (const id of ['arms-by-year', 'shares', 'since-displacement']) {
    await frame.evaluate((id) => {
      const el = document.getElementById(id);
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - innerHeight * 0.58);
    }, id);
    await frame.waitForFunction((id) => {
      const r = document.querySelector('[data-lifeline]');
      return r.querySelectorAll('[data-step]')[Number(r.dataset.lifelineStep)].id === id && r.dataset.lifelineState === 'still';
    }, id, { timeout: 10000 });
  }
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the standalone page and the embeds raise no CSP violation', async () => {
  const { page, errors, violations } = await host(`${csp.url}index.html`);
  await page.waitForSelector('[data-lifeline].is-live');
  await page.click('.lifeline-data-toggle');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(errors, []);
  // One global at most: nothing of ours on window.
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /lifeline|wasm|explainer/i.test(k)));
  assert.deepEqual(globals, []);
  await page.close();
});

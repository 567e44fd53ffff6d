// The explainer in all three browser engines (engines.mjs): Chromium, Firefox and WebKit, the
// engine of Safari and of every iPhone browser. For each engine, on every page (both editions
// and every story in dist/stories/): the live chart starts, every step changes the chart,
// `?step=N` and `#id` land, the "next" button advances; the script embed and the iframe with
// frame.js work; a page without WebAssembly becomes the one-column static page; no error.
// The strict CSP is on throughout. `XENGINES=webkit` runs one engine.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/harness.mjs';
import { ENGINES, launch, serve } from './engines.mjs';

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const PAGES = ['', 'es/index.html',
  ...readdirSync(path.join(ROOT, 'dist', 'stories')).map((s) => `stories/${s}/index.html`)];
// Each page's embeds, as the host pages in embed-demo/ carry them.
const HOSTS = [['plain', 'script'], ['es-script', 'script'], ['story-script', 'script'],
  ['iframe', 'iframe'], ['es-iframe', 'iframe'], ['story-iframe', 'iframe']];

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

// In the page (or the document inside a script embed's shadow root or an iframe): the story's
// root. `where` is 'page', 'script' or 'iframe'.
function story(where) {
  if (where === 'script') return document.querySelector('lifeline-explainer')?.shadowRoot?.querySelector('[data-lifeline]');
  if (where === 'iframe') return document.querySelector('iframe')?.contentDocument?.querySelector('[data-lifeline]');
  return document.querySelector('[data-lifeline]');
}

/** A page-side function with story() in scope. */
const inStory = (body) => `(where, ...args) => { const story = ${story.toString()}; return (${body.toString()})(story(where), ...args); }`;
const evalIn = (e, where, body, ...args) => e.eval(inStory(body), where, ...args);
const waitIn = (e, where, body, args = [], ms) => e.waitFor(inStory(body), [where, ...args], ms);

const live = (e, where = 'page') => waitIn(e, where, (r) => !!r && r.classList.contains('is-live') && r.dataset.lifelineState === 'still', [], 30000);
const stepCount = (e, where = 'page') => evalIn(e, where, (r) => r.querySelectorAll('[data-step]').length);
const still = (e, where, i) => waitIn(e, where, (r, i) => r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still', [i]);

/** A hash of the canvas's pixels. */
const canvasHash = (e, where = 'page') => evalIn(e, where, (r) => {
  const c = r.querySelector('canvas.lifeline-canvas');
  const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
  let h = 2166136261 >>> 0;
  for (let i = 0; i < data.length; i += 4) h = Math.imul(h ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16), 16777619) >>> 0;
  return h;
});

/** Scrolls the top page so that step i of the story reaches the trigger line. */
async function scrollTo(e, where, i) {
  await evalIn(e, where, (r, i) => {
    const step = r.querySelectorAll('[data-step]')[i];
    const frame = r.ownerDocument === document ? 0 : document.querySelector('iframe').getBoundingClientRect().top;
    window.scrollTo(0, frame + step.getBoundingClientRect().top + window.scrollY - innerHeight * 0.58);
  }, i);
  await still(e, where, i);
}

/** Walks steps `which` in order: each must change the chart drawn for the step before. */
async function walk(e, where, which) {
  let prev = null;
  for (const i of which) {
    await scrollTo(e, where, i);
    const hash = await canvasHash(e, where);
    assert.notEqual(hash, prev, `${e.name}: step ${i} did not change the chart`);
    prev = hash;
  }
}

async function noErrors(e) {
  assert.deepEqual(await e.errors(), [], `${e.name}: errors in the page`);
}

for (const name of ENGINES) {
  describe(name, () => {
    let e;
    before(async () => { e = await launch(name); });
    after(async () => { await e?.close(); });

    for (const page of PAGES) {
      test(`${name}, ${page || 'index.html'}: goes live, and every step changes the chart`, async () => {
        await e.open(server.url + page, WIDE);
        await live(e);
        const n = await stepCount(e);
        assert.ok(n >= 8, `${n} steps`);
        await walk(e, 'page', [...Array(n).keys()]);
        await noErrors(e);
      });
    }

    test(`${name}: ?step=N and #id land on their step; "next" advances`, async () => {
      await e.open(`${server.url}?step=12`, WIDE);
      await live(e);
      await still(e, 'page', 11);
      const id = await e.eval(() => document.querySelectorAll('[data-step]')[20].id);
      await e.open(`${server.url}es/index.html#${id}`, PHONE);
      await live(e);
      await still(e, 'page', 20);
      await e.click('.lifeline-controls button[data-go="1"]');
      await still(e, 'page', 21);
      await noErrors(e);
    });

    for (const [file, where] of HOSTS) {
      test(`${name}, embed-demo/${file}.html: the ${where} embed goes live and follows the host's scroll`, async () => {
        await e.open(`${server.url}embed-demo/${file}.html`, WIDE);
        await live(e, where);
        if (where === 'iframe') {
          // frame.js sizes the iframe to its content, so the host page scrolls.
          await e.waitFor(() => document.querySelector('iframe').getBoundingClientRect().height > 3000);
        }
        const n = await stepCount(e, where);
        await walk(e, where, [1, Math.floor(n / 2), n - 1]);
        await noErrors(e);
      });
    }

    test(`${name}: without WebAssembly the page is one column, each step followed by its chart, and says so`, async () => {
      await e.open(`${server.url}?__nowasm`, WIDE);
      await e.waitFor(() => !!document.querySelector('[data-lifeline].is-static'));
      const got = await e.eval(() => {
        const r = document.querySelector('[data-lifeline]');
        const box = (el) => el.getBoundingClientRect();
        const charts = [...r.querySelectorAll('.step-chart img')].filter((i) => box(i).height > 100);
        return {
          status: r.querySelector('.lifeline-status').textContent,
          said: r.dataset.msgWasm,
          // The story's content box: its width less its padding.
          story: r.clientWidth - parseFloat(getComputedStyle(r).paddingLeft) - parseFloat(getComputedStyle(r).paddingRight),
          steps: box(r.querySelector('.lifeline-steps')).width,
          stage: box(r.querySelector('.lifeline-stage')).height,
          sticky: getComputedStyle(r.querySelector('.lifeline-graphic')).position,
          charts: charts.length,
          // Where the charts sit: their centres, against the story's own centre.
          offCentre: Math.max(...charts.slice(0, 5).map((i) => Math.abs((box(i).left + box(i).right) / 2 - (box(r).left + box(r).right) / 2))),
          steps_: r.querySelectorAll('[data-step]').length,
        };
      });
      assert.equal(got.status, got.said, 'the status line says, in the page\'s words, that the charts are still images');
      assert.ok(!/type ?error|webassembly is not/i.test(got.status));
      assert.ok(Math.abs(got.steps - got.story) < 1, `the steps take the whole story's width: one column (${got.steps} of ${got.story} px)`);
      assert.equal(got.stage, 0, 'no empty chart stage');
      assert.notEqual(got.sticky, 'sticky');
      assert.equal(got.charts, got.steps_, 'every step is followed by its chart');
      assert.ok(got.offCentre < 40, `charts ${got.offCentre} px off the column's centre`);
      // The browser's own words go to the console only.
      const errors = await e.errors();
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^console\.error: Lifeline: /);
    });
  });
}

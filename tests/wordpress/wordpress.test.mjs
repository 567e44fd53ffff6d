// The explainer in a real WordPress (tests/wordpress/wordpress.mjs). Posts are published through
// WordPress's REST API, as the block editor saves them, by an Administrator, an Editor and an
// Author: the plugin's block and shortcode (in the page and in an iframe), a pasted link
// (oEmbed), docs/embedding.md's snippets pasted into a Custom HTML block, and, for the Author, an
// Editor's synced pattern holding the snippet. Each post that should show the explainer is read
// in Chromium at 1440 and 390 px: live, its chart in view at every step in order, ?step=N and #id
// in the post's address, no console error. The Author's pasted snippets are expected to be
// stripped by WordPress (KSES). Then the block is used in the editor itself, and the settings
// page is tried with wrong addresses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, serve, freePort, browser } from '../e2e/harness.mjs';
import { startWordPress } from './wordpress.mjs';

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const SIZES = {
  1440: { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, reducedMotion: 'reduce' },
  390: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, reducedMotion: 'reduce' },
};

let dist; let wp; let site; const browsers = {};

before(async () => {
  if (!root) return;
  // dist/ as a think-tank publishes it: a copy whose social and oEmbed links name the address
  // it is served at (`make dist BASE_URL=…` runs the same step).
  site = mkdtempSync(path.join(tmpdir(), 'lifeline-site-'));
  cpSync(path.join(ROOT, 'dist'), site, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  execFileSync('python3', [path.join(ROOT, 'scripts', 'share.py'), site], { env: { ...process.env, BASE_URL: base }, stdio: 'inherit' });
  dist = await serve(site, port);
  wp = await startWordPress(base);
  for (const [k, o] of Object.entries(SIZES)) browsers[k] = await browser(o);
});

after(async () => {
  for (const b of Object.values(browsers)) await b.close();
  await wp?.stop();
  dist?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

// The fifth step's id, read from the built page: the #id deep link's target.
const FIFTH = [...readFileSync(path.join(ROOT, 'dist', 'index.html'), 'utf8').matchAll(/<div[^>]*\bid="([^"]+)"[^>]*\bdata-step\b|<div[^>]*\bdata-step\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1] || m[2])[4];

/** What each role publishes: [name, way the reader should get ('script', 'iframe', or null
 *  for stripped), post content]. */
const posts = (role) => {
  const b = dist.url;
  const list = [
    ['block', 'script', '<!-- wp:lifeline/explainer /-->'],
    ['block-iframe', 'iframe', '<!-- wp:lifeline/explainer {"way":"iframe","align":"full"} /-->'],
    ['shortcode', 'script', `<!-- wp:shortcode -->\n[lifeline align="wide"${role === 'editor' ? ' lang="es"' : ''}]\n<!-- /wp:shortcode -->`],
    ['shortcode-iframe', 'iframe', `<!-- wp:shortcode -->\n[lifeline way="iframe"${role === 'author' ? ' lang="es"' : ''}]\n<!-- /wp:shortcode -->`],
    // docs/embedding.md's snippets, pasted into a Custom HTML block.
    ['pasted', role === 'author' ? null : 'script', `<!-- wp:html -->\n<lifeline-explainer><a href="${b}index.html">Read the explainer</a></lifeline-explainer>\n<script type="module" src="${b}www/embed.js"></script>\n<!-- /wp:html -->`],
    ['pasted-iframe', role === 'author' ? null : 'iframe', `<!-- wp:html -->\n<iframe src="${b}index.html?embed=1" title="Explainer" width="100%" height="800" style="border:0"></iframe>\n<script async src="${b}www/frame.js"></script>\n<!-- /wp:html -->`],
  ];
  // The snippet in an Editor's synced pattern, which an Author inserts (docs/wordpress.md).
  if (role === 'author') list.push(['pattern', 'script', async () => `<!-- wp:block {"ref":${(await wp.post('editor', 'Explainer pattern', list[4][2], 'blocks')).id}} /-->`]);
  // A link pasted on its own (an Embed block, as the editor makes of a pasted URL).
  if (role === 'author') list.push(['link', 'iframe', `<!-- wp:embed {"url":"${b}index.html","type":"rich","providerNameSlug":"lifeline"} -->\n<figure class="wp-block-embed is-type-rich is-provider-lifeline"><div class="wp-block-embed__wrapper">\n${b}index.html\n</div></figure>\n<!-- /wp:embed -->`]);
  return list;
};

/** Opens a post and records console errors (the host's missing favicon aside). */
async function openPost(size, url) {
  const page = await browsers[size].ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url || '')) errors.push(`${m.text()} (${m.location().url})`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { page, errors };
}

/** The story in either way: where its steps and chart are on the host's screen, its active step. */
async function story(page, way) {
  if (way === 'script') {
    return page.evaluate(() => {
      const el = document.querySelector('lifeline-explainer');
      const r = el?.shadowRoot?.querySelector('[data-lifeline]');
      if (!r) return null;
      const box = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right }; };
      return { live: r.classList.contains('is-live'), step: Number(r.dataset.lifelineStep), still: r.dataset.lifelineState === 'still',
        steps: [...r.querySelectorAll('[data-step]')].map((s) => ({ id: s.id, ...box(s) })), chart: box(r.querySelector('canvas.lifeline-canvas')),
        frame: null, vw: innerWidth, vh: innerHeight };
    });
  }
  const frameBox = await page.evaluate(() => {
    const f = [...document.querySelectorAll('iframe')].find((x) => x.src.includes('embed=1'));
    if (!f) return null;
    const b = f.getBoundingClientRect();
    return { top: b.top, left: b.left, right: b.right, bottom: b.bottom, display: getComputedStyle(f).display };
  });
  const frame = page.frames().find((f) => f.url().includes('embed=1'));
  if (!frameBox || !frame) return null;
  const inner = await frame.evaluate(() => {
    const r = document.querySelector('[data-lifeline]');
    if (!r) return null;
    const box = (e) => { const b = e.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, left: b.left, right: b.right }; };
    return { live: r.classList.contains('is-live'), step: Number(r.dataset.lifelineStep), still: r.dataset.lifelineState === 'still',
      steps: [...r.querySelectorAll('[data-step]')].map((s) => ({ id: s.id, ...box(s) })), chart: box(r.querySelector('canvas.lifeline-canvas')) };
  }).catch(() => null);
  if (!inner) return null;
  const shift = (b) => ({ ...b, top: b.top + frameBox.top, bottom: b.bottom + frameBox.top, left: b.left + frameBox.left, right: b.right + frameBox.left });
  const vw = await page.evaluate(() => innerWidth);
  const vh = await page.evaluate(() => innerHeight);
  return { ...inner, steps: inner.steps.map(shift), chart: shift(inner.chart), frame: frameBox, vw, vh };
}

/** Waits for the story to be live and still at step `i` (or at any step when i < 0). */
async function waitFor(page, way, i, what) {
  const end = Date.now() + 15000;
  let s;
  while (Date.now() < end) {
    s = await story(page, way);
    if (s && s.live && s.still && (i < 0 || s.step === i)) return s;
    await page.waitForTimeout(100);
  }
  assert.fail(`${what}: the story did not reach step ${i + 1} (${s ? `live ${s.live}, at step ${s.step + 1}` : 'no story'})`);
}

/** The share of the chart inside the viewport. */
const inView = (c, vh) => Math.max(0, Math.min(c.bottom, vh) - Math.max(c.top, 0)) / (c.bottom - c.top);

/** Every step in order: each brought to just above the trigger line, the chart pinned in view. */
async function walk(page, way, what) {
  let s = await waitFor(page, way, -1, what);
  const n = s.steps.length;
  assert.ok(n >= 10, `${what}: ${n} steps`);
  for (let i = 0; i < n; i++) {
    s = await story(page, way);
    const y = s.steps[i].top - s.vh * 0.5;
    await page.evaluate((dy) => window.scrollBy(0, dy), y);
    s = await waitFor(page, way, i, `${what}, step ${i + 1}`);
    assert.ok(inView(s.chart, s.vh) >= 0.5, `${what}, step ${i + 1}: the chart is out of view (${JSON.stringify(s.chart)}, viewport ${s.vh})`);
  }
  return s;
}

for (const role of ['administrator', 'editor', 'author']) {
  test(`${role}: the block, the shortcode${role === 'author' ? ', a pasted link, an Editor\'s pattern' : ''} and the pasted snippets`, { skip: !root && 'needs root (Apache, /etc/wordpress)' }, async () => {
    for (const [name, way, content] of posts(role)) {
      const what = `${role}'s ${name}`;
      const post = await wp.post(role, `${role} ${name}`, typeof content === 'function' ? await content() : content);
      if (!way) {
        // KSES: an Author may not post <script> or <iframe>; WordPress removes them on save.
        assert.doesNotMatch(post.raw, /<script|<iframe|<lifeline-explainer/, `${what}: WordPress kept the snippet`);
        const served = await (await fetch(post.link)).text();
        assert.doesNotMatch(served, /<lifeline-explainer|<iframe[^>]*embed=1|<script[^>]*\/www\/(embed|frame)\.js/, `${what}: the post's page still embeds the story`);
        const { page, errors } = await openPost(1440, post.link);
        await page.waitForLoadState('load');
        assert.equal(await story(page, 'script'), null, `${what}: a story appeared`);
        assert.equal(await story(page, 'iframe'), null, `${what}: a story appeared in an iframe`);
        assert.deepEqual(errors, []);
        await page.close();
        continue;
      }
      for (const size of Object.keys(SIZES)) {
        const at = `${what} at ${size} px`;
        const { page, errors } = await openPost(size, post.link);
        const s = await walk(page, way, at);
        if (way === 'iframe') {
          // A block centred with the theme's column, not an inline box at the line's start.
          assert.equal(s.frame.display, 'block', `${at}: the iframe is ${s.frame.display}`);
          const gap = Math.abs(s.frame.left - (s.vw - s.frame.right));
          assert.ok(gap <= 2, `${at}: the iframe is off-centre (${s.frame.left} | ${s.vw - s.frame.right})`);
        }
        if (size === '1440' && /^(block|shortcode|link)/.test(name)) {
          // Wide or full: the chart beside the text, not above it.
          const text = s.steps[s.step];
          assert.ok(s.chart.left >= text.right - 1 || s.chart.right <= text.left + 1, `${at}: the chart is not beside the text`);
        }
        // Deep links in the post's own address.
        const deep = [[`${post.link}${post.link.includes('?') ? '&' : '?'}step=12`, 11], [`${post.link}#${FIFTH}`, 4]];
        for (const [url, i] of deep) {
          await page.goto(url);
          const d = await waitFor(page, way, i, `${at}, ${url.slice(post.link.length)}`);
          assert.ok(inView(d.chart, d.vh) >= 0.5, `${at}, ${url.slice(post.link.length)}: the chart is out of view`);
        }
        assert.deepEqual(errors, [], `${at}: console errors`);
        await page.close();
      }
    }
    const log = wp.log().split('\n').filter((l) => /lifeline/i.test(l) && /PHP (Warning|Notice|Fatal|Deprecated)/.test(l));
    assert.deepEqual(log, [], 'PHP reported problems in the plugin');
  });
}

test('a pasted link to an edition with ?step=N opens that edition at that step', { skip: !root && 'needs root (Apache, /etc/wordpress)' }, async () => {
  const link = `${dist.url}es/index.html?step=6`;
  const post = await wp.post('author', 'A link with a step', `<!-- wp:embed {"url":"${link}","type":"rich","providerNameSlug":"lifeline"} -->\n<figure class="wp-block-embed is-type-rich is-provider-lifeline"><div class="wp-block-embed__wrapper">\n${link}\n</div></figure>\n<!-- /wp:embed -->`);
  const { page, errors } = await openPost(1440, post.link);
  await waitFor(page, 'iframe', 5, 'the pasted link with ?step=6');
  const src = await page.evaluate(() => document.querySelector('iframe.lifeline-frame').src);
  assert.ok(src.startsWith(`${dist.url}es/index.html?embed=1`) && src.includes('step=6'), src);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Logs `role` in through WordPress's login form (a fresh session). */
async function logIn(page, role) {
  await page.context().clearCookies();
  await page.goto(`${wp.url}wp-login.php`);
  await page.fill('#user_login', wp.users[role].login);
  await page.fill('#user_pass', wp.users[role].password);
  await Promise.all([page.waitForURL(/\/wp-admin\//, { waitUntil: 'commit' }), page.click('#wp-submit')]);
}

test("an Author inserts the block in WordPress's editor, sets its start step in the sidebar, and publishes", { skip: !root && 'needs root (Apache, /etc/wordpress)' }, async () => {
  const page = await browsers[1440].ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && /lifeline/i.test(`${m.text()} ${m.location().url}`)) errors.push(m.text()); });
  await logIn(page, 'author');
  await page.goto(`${wp.url}wp-admin/post-new.php`);
  await page.waitForFunction(() => window.wp?.blocks?.getBlockType('lifeline/explainer') && window.wp.data.select('core/editor').getCurrentPostId(), null, { timeout: 60000 });
  // The block as the inserter adds it, selected, then its sidebar used as an author would.
  await page.evaluate(() => {
    const { dispatch } = window.wp.data;
    dispatch('core/edit-post').toggleFeature?.('welcomeGuide');
    const block = window.wp.blocks.createBlock('lifeline/explainer', { way: 'iframe' });
    dispatch('core/block-editor').insertBlocks(block);
    dispatch('core/block-editor').selectBlock(block.clientId);
    dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    dispatch('core/editor').editPost({ title: 'Written in the editor' });
  });
  const placeholder = page.locator('.wp-block-lifeline-explainer .components-placeholder');
  await placeholder.waitFor();
  assert.match(await placeholder.innerText(), /Lifeline explainer/);
  await page.getByLabel('Start at step').fill('7');
  await page.waitForFunction(() => /Starts at: 7\./.test(document.querySelector('.wp-block-lifeline-explainer').innerText));
  const id = await page.evaluate(async () => {
    const { dispatch, select } = window.wp.data;
    dispatch('core/editor').editPost({ status: 'publish' });
    await dispatch('core/editor').savePost();
    return select('core/editor').getCurrentPostId();
  });
  const saved = await (await fetch(`${wp.url}?rest_route=/wp/v2/posts/${id}`)).json();
  await page.context().clearCookies(); // read as a reader, not as the Author
  assert.equal(saved.status, 'publish');
  const { page: reader, errors: readerErrors } = await openPost(1440, saved.link);
  await waitFor(reader, 'iframe', 6, 'the post written in the editor');
  assert.deepEqual(readerErrors, []);
  assert.deepEqual(errors, []);
  await reader.close();
  await page.close();
});

test('Settings → Lifeline refuses an address that is not one, takes a page\'s address as its folder, and warns when nothing answers', { skip: !root && 'needs root (Apache, /etc/wordpress)' }, async () => {
  const page = await browsers[1440].ctx.newPage();
  await logIn(page, 'administrator');
  const save = async (value) => {
    await page.goto(`${wp.url}wp-admin/options-general.php?page=lifeline`);
    await page.fill('#lifeline_base_url', value);
    // The field is type="url", so the browser already refuses '/explainers/'; the server's own
    // check is what is tried here.
    await page.$eval('#lifeline_base_url', (i) => { i.form.noValidate = true; });
    await Promise.all([page.waitForNavigation(), page.click('#submit')]);
    return { notices: await page.locator('.notice, .error, .updated').allInnerTexts(), value: await page.inputValue('#lifeline_base_url') };
  };
  let r = await save('ftp://example.org/x/');
  assert.ok(r.notices.some((n) => /must start with https:\/\//.test(n)), JSON.stringify(r.notices));
  assert.equal(r.value, dist.url, 'a refused address replaced the old one');
  r = await save('/explainers/');
  assert.ok(r.notices.some((n) => /must be a full URL/.test(n)), JSON.stringify(r.notices));
  r = await save(`${dist.url}index.html`);
  assert.equal(r.value, dist.url);
  assert.ok(!r.notices.some((n) => /could not be reached/.test(n)), JSON.stringify(r.notices));
  // A folder where no explainer answers is saved, with a warning that names the file.
  const nowhere = `http://127.0.0.1:${await freePort()}/lifeline/`;
  r = await save(nowhere);
  assert.equal(r.value, nowhere);
  assert.ok(r.notices.some((n) => n.includes(`${nowhere}www/embed.js could not be reached`)), JSON.stringify(r.notices));
  r = await save(dist.url);
  assert.equal(r.value, dist.url);
  await page.close();
});

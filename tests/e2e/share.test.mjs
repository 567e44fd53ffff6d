// Shared as a link: every story page's card tags, article record and picture as `make dist`
// built them, then, published at an address (scripts/share.py with BASE_URL, on a copy of
// dist/), its canonical link, absolute addresses and oEmbed file, read back over HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, serve, freePort, withBrowser } from './harness.mjs';

const DIST = path.join(ROOT, 'dist');
// The main story's editions and every other story's page.
const PAGES = ['index.html', 'es/index.html',
  ...readdirSync(path.join(ROOT, 'stories')).map((n) => `stories/${n}/index.html`)];

/** The `content` of each <meta property|name="KEY">, and the page's article record. */
function card(html) {
  const tags = {};
  for (const m of html.matchAll(/<meta (?:property|name)="((?:og|twitter|article):[^"]+)" content="([^"]*)">/g)) tags[m[1]] = m[2];
  const ld = html.match(/<script type="application\/ld\+json" data-article>([^]*?)<\/script>/);
  return { tags, record: ld ? JSON.parse(ld[1]) : null };
}

/** A PNG's width and height, from its header. */
function pngSize(file) {
  const b = readFileSync(file);
  assert.equal(b.subarray(1, 4).toString(), 'PNG', `${file} is not a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('every page: card tags, an article record the build completed, and a 1200 x 630 picture of its headline chart', () => {
  for (const rel of PAGES) {
    const html = readFileSync(path.join(DIST, rel), 'utf8');
    const { tags, record } = card(html);
    const lang = html.match(/<html lang="([^"]+)"/)[1];
    assert.equal(tags['og:type'], 'article', rel);
    assert.equal(tags['twitter:card'], 'summary_large_image', rel);
    assert.equal(tags['og:title'], html.match(/<title>([^<]+)<\/title>/)[1].replace(/'/g, '&#39;'), `${rel}: og:title is the <title>`);
    assert.equal(tags['og:description'], html.match(/<meta name="description" content="([^"]+)">/)[1], rel);
    assert.equal(tags['og:image'], 'social.png', rel);
    assert.deepEqual([tags['og:image:width'], tags['og:image:height']], ['1200', '630'], rel);
    assert.ok(tags['og:image:alt'].length > 10 && tags['og:image:alt'].length < 420, `${rel}: alt text of ${tags['og:image:alt'].length} characters`);
    assert.deepEqual(pngSize(path.join(DIST, path.dirname(rel), 'social.png')), [1200, 630], rel);
    assert.ok(record, `${rel}: no article record`);
    assert.equal(record['@type'], 'Article', rel);
    assert.ok(record.headline && record.author?.length && record.publisher?.name, rel);
    assert.ok(record.inLanguage === lang || record.inLanguage.startsWith(`${lang}-`), rel);
    assert.equal(record.image, 'social.png', rel);
    if (!rel.startsWith('stories/')) {
      // The work the explainer restates: its author and publisher, as the byline credits them.
      const byline = html.match(/<p class="byline">([^]*?)<\/p>/)[1];
      assert.ok(record.isBasedOn?.author?.name && byline.includes(record.isBasedOn.author.name), `${rel}: the commentary's author`);
      assert.ok(record.isBasedOn.publisher?.name && byline.includes(record.isBasedOn.publisher.name), `${rel}: the commentary's publisher`);
      assert.ok(html.includes(`href="${record.isBasedOn.url}"`), `${rel}: the commentary's link`);
    }
    const asOf = html.match(/<time datetime="([^"]+)" data-as-of>/);
    if (asOf) {
      assert.equal(record.dateModified, asOf[1], `${rel}: dateModified is the page's as-of date`);
      assert.equal(tags['article:modified_time'], asOf[1], rel);
    }
  }
});

test("the picture is a chart with figures, drawn with its words: ink, and dark text", async () => {
  const site = await serve();
  try {
    await withBrowser({}, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${site.url}index.html`);
      for (const rel of PAGES) {
        const ink = await page.evaluate(async (src) => {
          const img = new Image();
          img.src = src;
          await img.decode();
          const c = document.createElement('canvas');
          c.width = img.width; c.height = img.height;
          const g = c.getContext('2d');
          g.drawImage(img, 0, 0);
          const { data } = g.getImageData(0, 0, c.width, c.height);
          let dark = 0; let any = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) any++;
            if (data[i] < 60 && data[i + 1] < 60 && data[i + 2] < 60) dark++; // the title's and labels' ink
          }
          return { any: any / (data.length / 4), dark: dark / (data.length / 4) };
        }, `${site.url}${path.posix.join(path.posix.dirname(rel), 'social.png')}`);
        assert.ok(ink.any > 0.05, `${rel}: the picture is nearly blank (${ink.any})`);
        assert.ok(ink.dark > 0.002, `${rel}: the picture has no text (${ink.dark})`);
      }
    });
  } finally {
    site.stop();
  }
});

let published; let site;
before(async () => {
  published = mkdtempSync(path.join(tmpdir(), 'lifeline-share-'));
  cpSync(DIST, published, { recursive: true });
  const port = await freePort();
  execFileSync('python3', [path.join(ROOT, 'scripts', 'share.py'), published], { env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}/` } });
  site = await serve(published, port);
});
after(() => {
  site?.stop();
  if (published) rmSync(published, { recursive: true, force: true });
});

test('published with BASE_URL: canonical address, absolute picture, and an oEmbed file found from its discovery link', async () => {
  for (const rel of PAGES) {
    const url = `${site.url}${rel}`;
    const html = await (await fetch(url)).text();
    const { tags, record } = card(html);
    assert.ok(html.includes(`<link rel="canonical" href="${url}">`), `${rel}: no canonical link to itself`);
    assert.equal(tags['og:url'], url, rel);
    const image = new URL('social.png', url).href;
    assert.equal(tags['og:image'], image, rel);
    assert.equal((await fetch(image)).headers.get('content-type'), 'image/png', rel);
    assert.equal(record.url, url, rel);
    assert.equal(record.image, image, rel);
    const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/);
    assert.ok(link, `${rel}: no oEmbed discovery link`);
    const res = await fetch(link[1]);
    assert.equal(res.status, 200, `${rel}: ${link[1]}`);
    const o = await res.json();
    assert.equal(o.version, '1.0');
    assert.equal(o.type, 'rich');
    assert.ok(o.width > 0 && o.height > 0 && o.title && o.provider_name && o.author_name, rel);
    assert.equal(o.thumbnail_url, image);
    assert.ok(o.html.startsWith(`<iframe src="${url}?embed=1" title="`) && o.html.includes('" class="lifeline-frame"'), `${rel}: ${o.html}`);
    assert.ok(o.html.endsWith(`<script async src="${site.url}www/frame.js"></script>`), `${rel}: ${o.html}`);
  }
});

test('share.py refuses a folder it has already published, and a BASE_URL that is not an address', () => {
  let r = spawnSync('python3', [path.join(ROOT, 'scripts', 'share.py'), published], { env: { ...process.env, BASE_URL: 'https://example.org/x/' } });
  assert.notEqual(r.status, 0);
  assert.match(String(r.stderr), /already has absolute addresses; run it on a fresh `make dist`/);
  // On the published copy, never on dist/ (which the other suites read).
  r = spawnSync('python3', [path.join(ROOT, 'scripts', 'share.py'), published], { env: { ...process.env, BASE_URL: 'example.org' } });
  assert.notEqual(r.status, 0);
  assert.match(String(r.stderr), /BASE_URL must be an http\(s\) address/);
  assert.ok(!existsSync(path.join(DIST, 'oembed.json')), 'dist/ has an oEmbed file without BASE_URL');
});

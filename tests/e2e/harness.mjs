// Shared set-up for the browser tests: a static server on a free loopback port serving
// dist/, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

/** Where `make dist` put a file by its source name (assets get content-hashed names). */
export function asset(name) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'asset-manifest.json'), 'utf8'));
  if (!manifest[name]) throw new Error(`${name} is not in dist/asset-manifest.json`);
  return manifest[name];
}

/**
 * The main story's editions, for tests that run on each: the English page at the site's root
 * (where the tests have always opened it) and the Spanish one, `es/index.html`. `url(server)`
 * gives the page under a server from `serve()`.
 */
export const EDITIONS = [
  { lang: 'en', path: '' },
  { lang: 'es', path: 'es/index.html' },
].map((e) => ({ ...e, url: (server) => `${server.url}${e.path}` }));

/** The data file's words for edition `lang`: `name(key)` is what it calls a series, part or column. */
export function wordsOf(lang) {
  const data = JSON.parse(readFileSync(path.join(ROOT, 'www', 'data', 'lifeline.json'), 'utf8'));
  const words = lang === 'en' ? data.words : data.editions[lang].words;
  return { words, name: (key) => words[`name.${key}`] ?? key };
}

/** A free TCP port on the loopback address. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** Serves `dir` with scripts/serve.py (on `port`, or a free one); resolves to { url, stop }. */
export async function serve(dir = path.join(ROOT, 'dist'), port = 0) {
  port ||= await freePort();
  const proc = spawn('python3', [path.join(ROOT, 'scripts', 'serve.py'), dir], {
    env: { ...process.env, PORT: String(port), QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    proc.stdout.on('data', (b) => { if (String(b).includes('Serving')) resolve(); });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => proc.kill() };
}

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh persistent Chromium context; `options` go to launchPersistentContext. */
export async function browser(options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: FLAGS,
    headless: true,
    ...options,
  });
  return { ctx, close: async () => { await ctx.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Runs `fn(ctx)` in a fresh browser context made with `options`, and always closes it. */
export async function withBrowser(options, fn) {
  const b = await browser(options);
  try {
    return await fn(b.ctx);
  } finally {
    await b.close();
  }
}

/** Opens `url` in a new page, recording console errors and page errors. */
export async function open(ctx, url) {
  const page = await ctx.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-lifeline].is-live', { timeout: 15000 });
  await settle(page);
  return { page, errors };
}

/** Waits until no transition is running. */
export async function settle(page) {
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-lifeline]');
    return r && r.dataset.lifelineState === 'still';
  }, null, { timeout: 10000 });
}

/** A hash of the canvas's pixels and the share of pixels that are not background. */
export async function canvasInfo(page) {
  return page.evaluate(() => {
    const c = document.querySelector('canvas.lifeline-canvas');
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let h = 2166136261 >>> 0; let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) ink++;
      h = Math.imul(h ^ data[i] ^ (data[i + 1] << 8) ^ (data[i + 2] << 16), 16777619) >>> 0;
    }
    return { hash: h, ink: ink / (c.width * c.height), width: c.width, height: c.height,
      cssWidth: c.getBoundingClientRect().width, cssHeight: c.getBoundingClientRect().height };
  });
}

/** Scrolls so that step `id` is at the trigger line, and waits for the chart to settle. */
export async function scrollToStep(page, id) {
  await page.evaluate((id) => {
    const el = document.getElementById(id);
    const top = el.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, top - window.innerHeight * 0.58);
  }, id);
  await page.waitForFunction((id) => {
    const r = document.querySelector('[data-lifeline]');
    const steps = [...r.querySelectorAll('[data-step]')];
    return r.dataset.lifelineStep === String(steps.findIndex((s) => s.id === id)) && r.dataset.lifelineState === 'still';
  }, id, { timeout: 10000 });
}

/** Opens a host page in `ctx`, recording console errors and warnings, page errors and CSP
 *  violations (in the page and in every iframe: `await violations()`). */
export async function hostPage(ctx, url) {
  const page = await ctx.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  const violations = async () => (await Promise.all(page.frames().map((f) => f.evaluate(() => window.__violations || []).catch(() => [])))).flat();
  return { page, errors, warnings, violations };
}

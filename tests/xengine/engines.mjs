// The three browser engines behind one small API, so one test walks the explainer in each:
// - chromium: Debian's Chromium, through playwright-core (as tests/e2e/);
// - firefox: Debian's Firefox ESR, through puppeteer-core over WebDriver BiDi;
// - webkit: WebKitGTK's MiniBrowser (the engine of Safari and of every iPhone browser), through
//   Debian's WebKitWebDriver (classic WebDriver, selenium-webdriver), on an Xvfb display.
// Classic WebDriver cannot run a script before the page's own, so every engine reads the page's
// errors from the probe that scripts/serve.py loads first in each page (probe.js).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { serve as serveDir, browser as chromium, freePort } from '../e2e/harness.mjs';

const HERE = path.dirname(new URL(import.meta.url).pathname);

/** The engines to run: all three, or those named in XENGINES (comma-separated). */
export const ENGINES = (process.env.XENGINES || 'chromium,firefox,webkit').split(',').filter(Boolean);

/** dist/ served with the strict CSP and the error probe. */
export function serve() {
  process.env.LIFELINE_PROBE = path.join(HERE, 'probe.js');
  process.env.LIFELINE_CSP = '1';
  return serveDir();
}

/**
 * `fn` (a function or its source) called with `args`, as one expression: each driver evaluates
 * it as its protocol's own script, which a strict CSP does not block (a page-side eval would be).
 */
const call = (fn, args) => `(${fn.toString()})(...${JSON.stringify(args)})`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `cmd` and resolves once `ready()` holds (polled), or fails after `ms`. */
async function until(what, ready, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    try { if (await ready()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what} did not start in ${ms} ms`);
    await sleep(100);
  }
}

/** An Xvfb display of its own (the number chosen by Xvfb): { display, stop }. */
async function xvfb() {
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const n = await new Promise((resolve, reject) => {
    proc.stdio[3].once('data', (b) => resolve(String(b).trim()));
    proc.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display: `:${n}`, stop: () => proc.kill() };
}

/**
 * Every engine offers: open(url, {width, height}), eval(fn, ...args), waitFor(fn, args, ms),
 * click(selector), screenshot(file), close(). `fn` runs in the page; its arguments and result
 * must be JSON.
 */
/** What playwright's and puppeteer's pages offer alike; `resize(size)` sets the viewport. */
function pageDriver(page, resize, close) {
  return {
    async open(url, size) {
      await resize(size);
      await page.goto(url);
    },
    eval: (fn, ...args) => page.evaluate(call(fn, args)),
    click: (sel) => page.click(sel),
    screenshot: (file) => page.screenshot({ path: file }),
    close,
  };
}

const LAUNCH = {
  async chromium() {
    const b = await chromium({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await b.ctx.newPage();
    return pageDriver(page, (size) => page.setViewportSize(size), () => b.close());
  },

  async firefox() {
    const { default: puppeteer } = await import('puppeteer-core');
    const b = await puppeteer.launch({ browser: 'firefox', executablePath: process.env.FIREFOX || '/usr/bin/firefox-esr', headless: true });
    const page = await b.newPage();
    return pageDriver(page, (size) => page.setViewport(size), () => b.close());
  },

  async webkit() {
    const { Builder, By } = await import('selenium-webdriver');
    const x = await xvfb();
    const port = await freePort();
    const driver = spawn('WebKitWebDriver', [`--port=${port}`], { env: { ...process.env, DISPLAY: x.display }, stdio: 'ignore' });
    const stop = () => { driver.kill(); x.stop(); };
    try {
      await until('WebKitWebDriver', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok);
      const d = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
      }).build();
      const run = (fn, ...args) => d.executeScript(`return ${call(fn, args)}`);
      return {
        async open(url, { width, height }) {
          // The window's size is the viewport plus the browser's own bars: measure them.
          await d.manage().window().setRect({ width, height });
          const [iw, ih] = await run(() => [innerWidth, innerHeight]);
          await d.manage().window().setRect({ width: width + (width - iw), height: height + (height - ih) });
          await d.get(url);
        },
        eval: run,
        click: async (sel) => (await d.findElement(By.css(sel))).click(),
        screenshot: async (file) => writeFileSync(file, Buffer.from(await d.takeScreenshot(), 'base64')),
        close: async () => { await d.quit().catch(() => {}); stop(); },
      };
    } catch (e) {
      stop();
      throw e;
    }
  },
};

/** Starts engine `name`; the result also has waitFor(fn, args, ms) and errors(). */
export async function launch(name) {
  const e = await LAUNCH[name]();
  e.name = name;
  e.waitFor = async (fn, args = [], ms = 15000) => {
    const end = Date.now() + ms;
    let last;
    for (;;) {
      last = await e.eval(fn, ...args).catch((err) => `(${err.message})`);
      if (last === true) return;
      if (Date.now() > end) throw new Error(`${name}: timed out waiting for ${fn.toString().slice(0, 160)} (last: ${JSON.stringify(last)})`);
      await sleep(100);
    }
  };
  /** What the probe recorded in the page and its same-origin frames. */
  // A page the probe never reached says so, so a missing probe cannot pass for "no errors".
  e.errors = () => e.eval(() => [window, ...[...document.querySelectorAll('iframe')].map((f) => f.contentWindow)]
    .flatMap((w) => { try { return w.__lifelineErrors || [`no error probe in ${w.location.href}`]; } catch { return []; } }));
  return e;
}

// How soon can any page paint here? Issue 15 asks Lifeline's first chart for at most 0.6x the
// conventional build's. This loads, alternately and cold, pages cut from dist/index.html down
// to what every explainer needs (its first screen's text, then with its stylesheet in a file),
// the whole Lifeline page, and the conventional build, and prints the medians of first
// contentful paint, and of the conventional build's first chart (the frame its first mark
// shows, read as bench.mjs reads it). Where a page of text with its stylesheet in a file paints
// later than 0.6x the conventional first chart, no page with a stylesheet in a file meets the
// goal on this machine (see docs/performance.md).
//
//   node bench/paint-floor.mjs [--runs N] [--cpu R] [--device desktop|phone]   (after make dist)
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, serve, browser } from '../tests/e2e/harness.mjs';
import { buildConventional } from './conventional/build.mjs';
import { convProbe } from './conventional/probe.mjs';
import { DEVICES, median } from './common.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const RUNS = Number(opt('runs', 5));
const CPU = Number(opt('cpu', 1));
const DEVICE = opt('device', 'desktop');

// The pages, beside dist/'s own files so that their relative URLs hold.
const dir = mkdtempSync(path.join(tmpdir(), 'lifeline-floor-'));
cpSync(path.join(ROOT, 'dist'), dir, { recursive: true });
const page = readFileSync(path.join(dir, 'index.html'), 'utf8');
if (!page.includes('id="lifeline-first-chart"')) throw new Error('dist/index.html has no first chart: run make dist');
// The first screen: the page up to the end of its first scene (the masthead, the chart's
// figure and the first scene's text); the figure holds sections of its own (the data panel).
const scene = page.indexOf('<section class="scene"');
const firstScreen = page.slice(0, page.indexOf('</section>', scene) + '</section>'.length) + '</div></div></article></main></body></html>';
const textOnly = firstScreen
  .replace(/<svg[\s\S]*?<\/svg>/g, '')
  .replace(/<script[\s\S]*?<\/script>\n?/g, '')
  .replace(/<link rel="(preload|expect|stylesheet)"[^>]*>\n?/g, '');
const stylesheet = page.match(/<link rel="stylesheet"[^>]*>/)[0];
writeFileSync(path.join(dir, 'floor-text.html'), textOnly);
writeFileSync(path.join(dir, 'floor-text-css.html'), textOnly.replace('</head>', `${stylesheet}\n</head>`));
buildConventional(ROOT, path.join(dir, 'conventional'));

const PAGES = [
  ['first screen, text only', 'floor-text.html'],
  ['first screen, text and its stylesheet (a file)', 'floor-text-css.html'],
  ['Lifeline (first chart at first paint)', 'index.html'],
  ['conventional build', 'conventional/index.html'],
];

const server = await serve(dir);
const got = Object.fromEntries(PAGES.map(([name]) => [name, { fcp: [], chart: [] }]));
try {
  for (let r = 0; r < RUNS; r++) {
    for (const [name, url] of PAGES) {
      const b = await browser(DEVICES[DEVICE]);
      try {
        const p = await b.ctx.newPage();
        const cdp = await b.ctx.newCDPSession(p);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
        const conventional = url.startsWith('conventional/');
        if (conventional) await p.addInitScript(convProbe);
        await p.goto('about:blank');
        await p.goto(server.url + url);
        if (conventional) await p.waitForFunction(() => window.__bench.firstChart !== undefined, null, { timeout: 60000 });
        await p.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length, null, { timeout: 60000 });
        const m = await p.evaluate(() => ({
          fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
          chart: window.__bench?.firstChart,
        }));
        got[name].fcp.push(m.fcp);
        if (m.chart !== undefined) got[name].chart.push(m.chart);
      } finally {
        await b.close();
      }
    }
  }
} finally {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`first paint, ${DEVICE} ${CPU}x, medians of ${RUNS} cold loads each (ms; every run in brackets)`);
for (const [name] of PAGES) {
  const g = got[name];
  console.log(`${name.padEnd(50)} ${median(g.fcp).toFixed(0).padStart(6)}   [${g.fcp.map((x) => x.toFixed(0)).join(', ')}]`);
}
const conv = median(got['conventional build'].chart);
console.log(`${'conventional build, its first chart'.padEnd(50)} ${conv.toFixed(0).padStart(6)}   [${got['conventional build'].chart.map((x) => x.toFixed(0)).join(', ')}]`);
console.log(`${'0.6x the conventional first chart (the goal)'.padEnd(50)} ${(0.6 * conv).toFixed(0).padStart(6)}`);

// Lighthouse 12's mobile run (the tool web teams use: a Moto G-sized phone, 150 ms RTT,
// 1.6 Mbps down, 750 kbps up, 4x CPU, simulated), on the built explainer and on the
// conventional build, each served by scripts/serve.py compressed as a CDN would. Part of
// `make bench`; prints the scores side by side and writes test-results/lighthouse.json.
//
//   node bench/lighthouse.mjs [--runs N]     (after make dist; the median run by performance)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { ROOT, serve } from '../tests/e2e/harness.mjs';
import { buildConventional } from './conventional/build.mjs';

const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;

/** What the report says of one page: scores out of 100, times in ms, bytes in KiB. */
async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'seo'] });
    const a = (id) => lhr.audits[id]?.numericValue;
    return {
      performance: Math.round(lhr.categories.performance.score * 100),
      seo: Math.round(lhr.categories.seo.score * 100),
      fcp: a('first-contentful-paint'),
      lcp: a('largest-contentful-paint'),
      tti: a('interactive'),
      tbt: a('total-blocking-time'),
      cls: a('cumulative-layout-shift'),
      kib: a('total-byte-weight') / 1024,
      // What cost SEO points, by audit id.
      seoFailed: lhr.categories.seo.auditRefs.filter((r) => r.weight > 0 && lhr.audits[r.id].score !== null && lhr.audits[r.id].score < 1).map((r) => r.id),
      warnings: lhr.runWarnings,
    };
  } finally {
    await chrome.kill();
  }
}

/** The median run by performance score, then by largest contentful paint. */
function median(runs) {
  const s = [...runs].sort((x, y) => x.performance - y.performance || y.lcp - x.lcp);
  return s[Math.floor((s.length - 1) / 2)];
}

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function main() {
  const convDir = buildConventional(ROOT);
  const lifeline = await serve(path.join(ROOT, 'dist'));
  const conventional = await serve(convDir);
  const out = { lifeline: [], conventional: [] };
  try {
    for (let i = 0; i < RUNS; i += 1) {
      process.stderr.write(`lighthouse: run ${i + 1} of ${RUNS}\n`);
      out.lifeline.push(await audit(lifeline.url));
      out.conventional.push(await audit(conventional.url));
    }
  } finally {
    lifeline.stop();
    conventional.stop();
  }
  const [l, c] = [median(out.lifeline), median(out.conventional)];
  const rows = [
    ['Lighthouse 12, mobile (median of runs)', 'Lifeline', 'conventional', 'goal'],
    ['performance score', f(l.performance), f(c.performance), '100'],
    ['first contentful paint, ms', f(l.fcp), f(c.fcp), ''],
    ['largest contentful paint, ms', f(l.lcp), f(c.lcp), '≤ conventional'],
    ['time to interactive, ms', f(l.tti), f(c.tti), '≤ conventional'],
    ['total blocking time, ms', f(l.tbt), f(c.tbt), ''],
    ['cumulative layout shift', f(l.cls, 3), f(c.cls, 3), ''],
    ['bytes, KiB', f(l.kib), f(c.kib), ''],
    ['SEO score', f(l.seo), f(c.seo), '100'],
    ['SEO audits failed', l.seoFailed.join(' ') || 'none', c.seoFailed.join(' ') || 'none', ''],
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  console.log(rows.map((r) => r.map((x, i) => (i ? String(x).padStart(w[i]) : String(x).padEnd(w[i]))).join('  ')).join('\n'));
  for (const warning of [...l.warnings, ...c.warnings]) console.log(`warning: ${warning}`);
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'test-results', 'lighthouse.json'), `${JSON.stringify(out, null, 1)}\n`);
}

main().catch((e) => { console.error(e); process.exit(1); });

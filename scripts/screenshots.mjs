// Takes a screenshot of every step at phone and desktop sizes, for people to look at.
// Usage: node scripts/screenshots.mjs [outdir]   (needs `make dist` first)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { serve, browser, open, scrollToStep } from '../tests/e2e/harness.mjs';

const out = process.argv[2] || 'test-results/screens';
mkdirSync(out, { recursive: true });
const server = await serve();
const only = process.env.STEPS ? process.env.STEPS.split(',') : null;
for (const [name, viewport, dpr] of [['phone', { width: 390, height: 844 }, 3], ['desktop', { width: 1440, height: 900 }, 2]]) {
  const b = await browser({ viewport, deviceScaleFactor: dpr });
  const { page } = await open(b.ctx, server.url);
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  for (const [i, id] of ids.entries()) {
    if (only && !only.includes(id)) continue;
    await scrollToStep(page, id);
    await page.screenshot({ path: path.join(out, `${name}-${String(i).padStart(2, '0')}-${id}.png`) });
  }
  await b.close();
}
server.stop();
console.log(`screenshots in ${out}/`);

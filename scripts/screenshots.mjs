// Takes a screenshot of the first screen and of every step at phone and desktop sizes, and one
// contact sheet per size (every step in one image), for people to look at.
// Usage: node scripts/screenshots.mjs [outdir]   (needs `make dist` first; STEPS=a,b limits the
// steps; STORY=stories/russia-arms/ takes another story's page). Then the same page in Firefox and
// WebKit (Safari's engine) at both sizes: the first screen and every fourth step
// (`firefox-phone-04-….png`; XENGINES=webkit picks engines).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serve, browser, open, scrollToStep } from '../tests/e2e/harness.mjs';
import { ENGINES, launch, serve as serveProbed } from '../tests/xengine/engines.mjs';

const out = process.argv[2] || 'test-results/screens';
mkdirSync(out, { recursive: true });
const server = await serve();
const only = process.env.STEPS ? process.env.STEPS.split(',') : null;
const sheets = [];
for (const [name, viewport, dpr, cols] of [['phone', { width: 390, height: 844 }, 3, 8], ['desktop', { width: 1440, height: 900 }, 2, 5]]) {
  const b = await browser({ viewport, deviceScaleFactor: dpr });
  const { page } = await open(b.ctx, server.url + (process.env.STORY || ''));
  const shots = [];
  const shoot = async (file, label) => {
    await page.screenshot({ path: path.join(out, file) });
    shots.push({ file, label });
  };
  await shoot(`${name}-first-screen.png`, 'first screen');
  const ids = await page.$$eval('[data-step]', (els) => els.map((e) => e.id));
  for (const [i, id] of ids.entries()) {
    if (only && !only.includes(id)) continue;
    await scrollToStep(page, id);
    await shoot(`${name}-${String(i).padStart(2, '0')}-${id}.png`, `${i} ${id}`);
  }
  // The contact sheet: a page of the screenshots in a grid, itself screenshot by the browser.
  const cells = shots.map((s) => `<figure><img src="data:image/png;base64,${readFileSync(path.join(out, s.file)).toString('base64')}"><figcaption>${s.label}</figcaption></figure>`).join('');
  const sheet = `<!DOCTYPE html><style>body{margin:8px;font:14px sans-serif;display:grid;grid-template-columns:repeat(${cols},1fr);gap:8px}`
    + `figure{margin:0}img{width:100%;border:1px solid #999}figcaption{padding:2px 0}</style>${cells}`;
  const sheetFile = path.join(out, `contact-${name}.html`);
  writeFileSync(sheetFile, sheet);
  sheets.push([name, sheetFile, cols * (name === 'phone' ? 200 : 400)]);
  await b.close();
}
const plain = await browser({ deviceScaleFactor: 1 });
for (const [name, file, width] of sheets) {
  const p = await plain.ctx.newPage();
  await p.setViewportSize({ width, height: 800 });
  await p.goto(`file://${path.resolve(file)}`);
  await p.screenshot({ path: path.join(out, `contact-${name}.png`), fullPage: true });
  await p.close();
}
await plain.close();
server.stop();

const probed = await serveProbed();
for (const name of ENGINES.filter((n) => n !== 'chromium')) {
  const e = await launch(name);
  for (const [size, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1440, height: 900 }]]) {
    await e.open(probed.url + (process.env.STORY || ''), viewport);
    await e.waitFor(() => document.querySelector('[data-lifeline]')?.dataset.lifelineState === 'still', [], 30000);
    await e.screenshot(path.join(out, `${name}-${size}-first-screen.png`));
    const ids = await e.eval(() => [...document.querySelectorAll('[data-step]')].map((s) => s.id));
    for (const [i, id] of ids.entries()) {
      if (only ? !only.includes(id) : i % 4) continue;
      await e.eval((id) => {
        const el = document.getElementById(id);
        window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.58);
      }, id);
      await e.waitFor((i) => {
        const r = document.querySelector('[data-lifeline]');
        return r.dataset.lifelineStep === String(i) && r.dataset.lifelineState === 'still';
      }, [i]);
      await e.screenshot(path.join(out, `${name}-${size}-${String(i).padStart(2, '0')}-${id}.png`));
    }
    const errors = await e.errors();
    if (errors.length) console.warn(`${name} ${size}: ${errors.join('; ')}`);
  }
  await e.close();
}
probed.stop();
console.log(`screenshots and contact sheets (contact-phone.png, contact-desktop.png) in ${out}/, and Firefox's and WebKit's (firefox-*.png, webkit-*.png)`);

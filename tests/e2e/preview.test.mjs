// make preview (scripts/preview.py): a story served, rebuilt when a file of it is saved, its page
// reloaded with the change, and its problems listed in the page (and gone once fixed). Run on a
// copy of stories/russia-arms in a folder of its own, so no story of the repository is touched.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, freePort, withBrowser } from './harness.mjs';

const NAME = 'preview-under-test';
let dir;
let proc;
let url;
let said = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifeline-preview-'));
  fs.cpSync(path.join(ROOT, 'stories', 'russia-arms'), path.join(dir, NAME), { recursive: true });
  const port = await freePort();
  proc = spawn('python3', [path.join(ROOT, 'scripts', 'preview.py'), NAME, '--dir', path.join(dir, NAME), '--port', String(port)], {
    cwd: ROOT, env: { ...process.env, QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  proc.stdout.on('data', (b) => { said += String(b); });
  await new Promise((resolve, reject) => {
    const t = setInterval(() => { if (said.includes('Serving')) { clearInterval(t); resolve(); } }, 100);
    proc.on('exit', (code) => reject(new Error(`preview exited with ${code}: ${said}`)));
  });
  url = `http://127.0.0.1:${port}/stories/${NAME}/`;
});

after(async () => {
  // preview.py stops its server when it is stopped; wait for both, so nothing holds the pipe.
  if (proc && proc.exitCode === null) {
    const gone = new Promise((resolve) => proc.on('exit', resolve));
    proc.kill();
    await gone;
  }
  proc?.stdout.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
  // Out of dist/, so later suites (tests/xengine/ walks dist/stories/) never meet it.
  fs.rmSync(path.join(ROOT, 'dist', 'stories', NAME), { recursive: true, force: true });
});

const file = (f) => path.join(dir, NAME, f);
const edit = (f, from, to) => {
  const text = fs.readFileSync(file(f), 'utf8');
  assert.ok(text.includes(from), `${f} holds ${from}`);
  fs.writeFileSync(file(f), text.replace(from, to));
};

test('a saved page reloads with its change; a broken word is listed in the page and gone once fixed', async () => {
  assert.match(said, /built, no problems/);
  await withBrowser({ viewport: { width: 1440, height: 900 } }, async (ctx) => {
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('[data-lifeline].is-live');
    assert.equal(await page.$('aside[data-preview]'), null, 'no problems listed');
    const h1 = await page.$eval('h1', (e) => e.textContent.trim());

    // The page saved with a new headline: the build runs, the page reloads with it.
    edit('index.html', `>${h1}<`, '>A headline saved a moment ago<');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('saved a moment ago'), null, { timeout: 30000 });
    await page.waitForSelector('[data-lifeline].is-live');

    // A word with a slot the engine does not fill: named in the page and in the terminal.
    const data = JSON.parse(fs.readFileSync(file('data.json'), 'utf8'));
    const good = data.words['stacked.last'] ?? null;
    data.words['stacked.last'] = 'Last from {series} in {year}';
    fs.writeFileSync(file('data.json'), JSON.stringify(data, null, 1));
    const listed = await page.waitForSelector('aside[data-preview]', { timeout: 30000 });
    assert.match(await listed.textContent(), /words\.stacked\.last has \{year\}, which is not filled here/);
    assert.match(said, /words\.stacked\.last has \{year\}/);

    // Fixed: the list goes.
    if (good === null) delete data.words['stacked.last'];
    else data.words['stacked.last'] = good;
    fs.writeFileSync(file('data.json'), JSON.stringify(data, null, 1));
    await page.waitForFunction(() => !document.querySelector('aside[data-preview]'), null, { timeout: 30000 });
    await page.waitForSelector('[data-lifeline].is-live');
    await page.close();
  });
});

// Assembles the conventional build (see main.js) into test-results/conventional/: the built
// page's steps (its text, without Lifeline's no-JavaScript figures), the same data file as the
// built page fetches, and
// main.js bundled and minified with d3 and scrollama by esbuild, as such a page would ship.
import { mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const CSS = `body { margin: 0; font: 18px/1.5 Georgia, serif; color: #222; background: #fff; }
.story { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); }
.graphic { position: sticky; top: 0; height: 100vh; display: flex; align-items: center; grid-column: 2; grid-row: 1; }
#chart { width: 100%; height: auto; max-height: 90vh; font: 12px sans-serif; }
#chart .title { font-size: 16px; font-weight: 700; }
.lifeline-steps { grid-column: 1; grid-row: 1; padding: 45vh 1rem 40vh; }
.step { padding-bottom: 75vh; }
.step > * { background: #f4f4f4; margin: 0; padding: .6rem 1rem; }
.scene > h2 { margin: 0 0 2rem; }
@media (max-width: 700px) { .story { display: block; } .graphic { height: 50vh; z-index: 0; } .lifeline-steps { position: relative; z-index: 1; } }
`;

/** Builds it from `dist` into `out`; returns `out`. */
export function buildConventional(root, out = path.join(root, 'test-results', 'conventional')) {
  const page = readFileSync(path.join(root, 'dist', 'index.html'), 'utf8');
  const start = page.indexOf('<div class="lifeline-steps">');
  if (start < 0) throw new Error('dist/index.html has no .lifeline-steps');
  // The steps' element ends where its <div>s balance.
  let depth = 0;
  let end = start;
  const tag = /<\/?div\b[^>]*>/g;
  tag.lastIndex = start;
  for (let m; (m = tag.exec(page));) {
    depth += m[0][1] === '/' ? -1 : 1;
    if (depth === 0) { end = tag.lastIndex; break; }
  }
  const steps = page.slice(start, end).replace(/<figure class="step-chart[^"]*"[\s\S]*?<\/figure>/g, '');
  const lang = /<html[^>]*lang="([^"]+)"/.exec(page)?.[1] ?? 'en';
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // The data file the English page fetches (dist/'s, without the other editions' words).
  const manifest = JSON.parse(readFileSync(path.join(root, 'dist', 'asset-manifest.json'), 'utf8'));
  copyFileSync(path.join(root, 'dist', manifest['www/data/lifeline.json']), path.join(out, 'data.json'));
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [path.join(root, 'bench', 'conventional', 'main.js'), '--bundle', '--minify',
    '--format=esm', '--target=es2020', '--log-level=warning', `--outfile=${path.join(out, 'main.js')}`]);
  // Its stylesheet in a file of its own, as Lifeline's is (and as a build tool writes it): both
  // pages then wait for one stylesheet before their first paint.
  writeFileSync(path.join(out, 'style.css'), CSS);
  writeFileSync(path.join(out, 'index.html'), `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Conventional build (d3 + scrollama), for the benchmark</title>
<link rel="stylesheet" href="style.css">
<script type="module" src="main.js"></script>
</head>
<body>
<main class="story">
<div class="graphic"><svg id="chart" data-src="data.json" role="img" aria-label="Chart"></svg></div>
${steps}
</main>
</body>
</html>
`);
  return out;
}

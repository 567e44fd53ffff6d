#!/usr/bin/env bash
# Builds the release and assembles dist/: a static folder with relative URLs only,
# which can be copied to any web server or CDN path as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm-pack build --target web --release
# wasm-opt from npm binaryen (Debian's binaryen 108 writes a module that fails to load);
# --converge repeats -Oz until the module stops shrinking (docs/performance.md).
node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  pkg/lifeline_bg.wasm -o pkg/lifeline_bg.wasm
# The reader's module: the crate without its checker (src/drawn.rs says why), all that most
# readers load. The page loads the checker (pkg/) only for a data file edited after the build.
wasm-pack build --target web --release --out-dir pkg-reader --out-name reader --no-pack -- --no-default-features
node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  pkg-reader/reader_bg.wasm -o pkg-reader/reader_bg.wasm

rm -rf dist
mkdir -p dist/www/data dist/pkg
# index.html with each scene's chart drawn ahead of time (SVG), its description and data table.
cargo run --quiet --bin prerender -- index.html www/data/lifeline.json dist
# Each entry script bundled with lifeline.js and the wasm-bindgen glue into one minified file
# (one request, and no module-by-module waterfall), and the stylesheet minified, by esbuild.
# The reader's glue is bundled in; the checker's, imported only when it is needed (a data file
# edited after the build), stays a file of its own (dist/pkg/lifeline.js), minified.
node_modules/.bin/esbuild www/main.js www/embed.js --bundle --minify --format=esm \
  --target=es2020 --log-level=warning --outdir=dist/www
node_modules/.bin/esbuild pkg/lifeline.js --minify --format=esm --target=es2020 --log-level=warning \
  --outfile=dist/pkg/lifeline.js
node_modules/.bin/esbuild www/style.css --minify --log-level=warning --outfile=dist/www/style.css
# The iframe helper, with the protocol it shares (www/protocol.js), as one minified classic
# script: host pages load it with <script async src>, on every page view.
node_modules/.bin/esbuild www/frame.js --bundle --minify --format=iife --target=es2020 \
  --log-level=warning --outfile=dist/www/frame.js
cp www/favicon.svg dist/www/
# The data file, one per edition: each page fetches only its own language's words.
python3 scripts/editions.py www/data/lifeline.json dist/www/data
# Each edition in another language (<lang>/index.html, e.g. es/), built with the same data
# file's edition at dist/<lang>/.
for page in */index.html; do
  lang=$(dirname "$page")
  case "$lang" in [a-z][a-z]|[a-z][a-z][a-z]) ;; *) continue ;; esac
  cargo run --quiet --bin prerender -- "$page" www/data/lifeline.json "dist/$lang"
  # Its own edition's data file (scripts/editions.py wrote it): its data-src and its preload.
  # A page marked data-lang must end up naming that file; anything else is a build error.
  if grep -q "data-lang=\"$lang\"" "dist/$lang/index.html"; then
    if [ ! -f "dist/www/data/lifeline.$lang.json" ]; then
      echo "dist: $page is marked data-lang=\"$lang\" but www/data/lifeline.json has no editions.$lang" >&2
      exit 1
    fi
    sed -i "s|=\"../www/data/lifeline.json\"|=\"../www/data/lifeline.$lang.json\"|g" "dist/$lang/index.html"
    if ! grep -q "data-src=\"../www/data/lifeline.$lang.json\"" "dist/$lang/index.html"; then
      echo "dist: $page must name its data file as data-src=\"../www/data/lifeline.json\" (it is pointed at lifeline.$lang.json)" >&2
      exit 1
    fi
  fi
done
# Every other story (stories/<name>/: its page and data file) at dist/stories/<name>/, drawn
# by the same engine; its page names its data file (data-src) and the shared assets (../../).
# A half-made or broken story is named with its problem and left out; the others still build,
# and dist.sh fails at the end (LIFELINE_KEEP_GOING=1, as `make serve` sets, serves the rest).
left_out=()
for story in stories/*/; do
  name=$(basename "$story")
  if [ ! -f "${story}index.html" ] || [ ! -f "${story}data.json" ]; then
    echo "dist: stories/$name is not a story yet: it needs index.html and data.json (make new-story NAME=$name starts one)" >&2
    left_out+=("$name")
    continue
  fi
  if ! cargo run --quiet --bin prerender -- "${story}index.html" "${story}data.json" "dist/stories/$name"; then
    echo "dist: stories/$name does not build (its problems are above); the other stories still build" >&2
    rm -rf "dist/stories/$name"
    left_out+=("$name")
    continue
  fi
  cp "${story}data.json" "dist/stories/$name/"
done
# The WordPress plugin (integrations/wordpress/lifeline/), as the zip Plugins → Upload takes.
mkdir -p dist/integrations
python3 -m zipfile -c dist/integrations/lifeline-wordpress.zip integrations/wordpress/lifeline
# Host pages for the embed tests and demos.
cp -r embed-demo dist/
cp pkg/lifeline_bg.wasm dist/pkg/
mkdir -p dist/pkg-reader
cp pkg-reader/reader_bg.wasm dist/pkg-reader/
# Each page's story compiled for the reader's module, from the data file it is served with; the
# page is stamped with the file's digest and the compiled file's name (src/bin/compile.rs).
compile() { cargo run --quiet --bin compile -- "$@"; }
compile dist/index.html dist/www/data/lifeline.json dist/www/data/lifeline.drawn.bin www/data/lifeline.drawn.bin
for page in dist/[a-z][a-z]/index.html dist/[a-z][a-z][a-z]/index.html; do
  [ -f "$page" ] || continue
  lang=$(basename "$(dirname "$page")")
  compile "$page" "dist/www/data/lifeline.$lang.json" "dist/www/data/lifeline.$lang.drawn.bin" "../www/data/lifeline.$lang.drawn.bin"
done
for story in dist/stories/*/; do
  [ -f "${story}index.html" ] || continue
  compile "${story}index.html" "${story}data.json" "${story}drawn.bin" drawn.bin
done
# The language links made absolute from BASE_URL (make dist BASE_URL=...), with x-default.
python3 scripts/hreflang.py dist
# Shared as a link: canonical and picture addresses from BASE_URL, an oEmbed file per page.
python3 scripts/share.py dist
# Content-hashed names for everything but the entry points (see docs/deploying.md).
python3 scripts/fingerprint.py dist

if [ ${#left_out[@]} -gt 0 ]; then
  echo "dist: left out, each named above: ${left_out[*]/#/stories/}" >&2
  [ -n "${LIFELINE_KEEP_GOING:-}" ] || exit 1
fi
echo "dist/ is built; \`make bench\` prints each file's size and checks the budgets."

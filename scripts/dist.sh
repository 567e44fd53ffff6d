#!/usr/bin/env bash
# Builds the release and assembles dist/: a static folder with relative URLs only,
# which can be copied to any web server or CDN path as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

wasm-pack build --target web --release
# wasm-opt from npm binaryen (Debian's binaryen 108 writes a module that fails to load).
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  pkg/lifeline_bg.wasm -o pkg/lifeline_bg.wasm

rm -rf dist
mkdir -p dist/www/data dist/pkg
# index.html with each scene's chart drawn ahead of time (SVG), its description and data table.
cargo run --quiet --bin prerender -- index.html www/data/lifeline.json dist
cp www/style.css www/main.js www/lifeline.js www/embed.js www/frame.js www/favicon.svg dist/www/
cp www/data/lifeline.json dist/www/data/
# Host pages for the embed tests and demos.
cp -r embed-demo dist/
cp pkg/lifeline.js pkg/lifeline_bg.wasm dist/pkg/
# Content-hashed names for everything but the entry points (see the README, "Publishing").
python3 scripts/fingerprint.py dist

printf '\n%-28s %10s %10s\n' "dist/ file" "bytes" "gzip"
total=0; gtotal=0
while IFS= read -r f; do
  raw=$(wc -c < "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total=$((total + raw)); gtotal=$((gtotal + gz))
  printf '%-28s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done < <(find dist -type f | sort)
printf '%-28s %10d %10d\n' "total" "$total" "$gtotal"

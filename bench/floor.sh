#!/usr/bin/env bash
# The byte floor of the required crates (issue 15, item 4): bench/floor/ reads a data file with
# serde-wasm-bindgen and draws one bar chart with plotters-canvas (and, built again, a second and a third kind of chart), built as `make dist` builds
# the explainer (same profile, allocator, wasm-bindgen and wasm-opt). Prints the .wasm sizes beside the explainer's,
# gzip by Node's zlib at level 9, in KB of 1,000 bytes, as the benchmark counts them. Run after `make dist`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for features in "" second-chart third-chart; do
  (cd bench/floor && cargo build --quiet --release --target wasm32-unknown-unknown --features "$features")
  wasm-bindgen --target web --out-dir "$out" bench/floor/target/wasm32-unknown-unknown/release/lifeline_floor.wasm
  node_modules/.bin/wasm-opt -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals "$out/lifeline_floor_bg.wasm" -o "$out/floor${features:+-$features}.wasm"
done
node -e '
const fs = require("fs"), zlib = require("zlib");
const kb = (f) => { const b = fs.readFileSync(f); return `${(b.length / 1000).toFixed(1)} KB raw, ${(zlib.gzipSync(b, { level: 9 }).length / 1000).toFixed(1)} KB gzip`; };
const dist = fs.existsSync("dist/pkg") && fs.readdirSync("dist/pkg").find((n) => n.endsWith(".wasm"));
console.log(`floor, one bar chart from a data file:        ${kb(process.argv[1] + "/floor.wasm")}`);
console.log(`floor, and a second kind (lines with points): ${kb(process.argv[1] + "/floor-second-chart.wasm")}`);
console.log(`floor, and a third kind (a labelled dot plot):  ${kb(process.argv[1] + "/floor-third-chart.wasm")}`);
console.log(`the explainer (${dist || "no dist/: run make dist"}): ${dist ? kb("dist/pkg/" + dist) : "-"}`);
' "$out"

#!/usr/bin/env bash
# Fails if a story's data file (www/data/lifeline.json, stories/*/data.json) or src/text/widths.rs differs from a fresh derivation: no
# figure and no font width may be edited by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 scripts/derive_metrics.py --check
# The engine's fixture story follows the engine's words (it needs no shared data).
fixture=$(mktemp)
python3 tests/fixtures/story/make.py --out "$fixture" >/dev/null
if ! diff -u tests/fixtures/story/data.json "$fixture"; then
  rm -f "$fixture"
  echo "check-derived: tests/fixtures/story/data.json is not what tests/fixtures/story/make.py writes; run it" >&2
  exit 1
fi
rm -f "$fixture"
shared=${SHARED:-../shared}
if [ ! -d "$shared/data" ] || [ ! -d "$shared/seed" ]; then
  if [ -n "${CI:-}" ]; then
    echo "check-derived: $shared/data or $shared/seed not found; CI must check the data file" >&2
    exit 1
  fi
  echo "check-derived: $shared/data not found; skipped (set SHARED=path to check)"
  exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 scripts/derive_data.py --shared "$shared" --out "$tmp" >/dev/null
if ! diff -u www/data/lifeline.json "$tmp"; then
  echo "check-derived: www/data/lifeline.json is not what scripts/derive_data.py derives; run 'make data'" >&2
  exit 1
fi
echo "check-derived: www/data/lifeline.json matches a fresh derivation from $shared/data"
# Every other story's data file, by its own derivation script.
for story in stories/*/; do
  python3 "${story}derive.py" --shared "$shared" --out "$tmp" >/dev/null
  if ! diff -u "${story}data.json" "$tmp"; then
    echo "check-derived: ${story}data.json is not what ${story}derive.py derives; run 'make data'" >&2
    exit 1
  fi
  echo "check-derived: ${story}data.json matches a fresh derivation from $shared/data"
done

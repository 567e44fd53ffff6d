#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there.
#   scripts/setup.sh          build tools: wasm target, wasm-pack, wasm-bindgen-cli, npm packages,
#                             and the Python packages of scripts/requirements.txt and of
#                             every story's own stories/<name>/requirements.txt
#   scripts/setup.sh --test   the same, plus the three browser engines the tests drive: Debian's
#                             Chromium, Firefox ESR, and WebKitGTK's WebKitWebDriver (the engine
#                             of Safari) with Xvfb for its window
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
# wasm-pack looks for a wasm-bindgen CLI of exactly the crate's version; pin it from Cargo.lock.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

log() { printf '[setup] %s\n' "$*"; }

# The style gates of `make lint` (first in `make test`).
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
  log "adding rustfmt and clippy"
  rustup component add rustfmt clippy
fi
if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  log "installing wasm-pack $WASM_PACK_VERSION (about 2 minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $BINDGEN_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/eslint ] || [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages (binaryen, esbuild, eslint, playwright-core, puppeteer-core, selenium-webdriver, axe-core, html-validate, lighthouse)"
  npm ci --no-audit --no-fund
fi
# Debian packages: Liberation Sans, whose widths (Arial's) the charts lay out text with
# (scripts/derive_metrics.py reads it; browsers draw with it); with --test, Chromium and the
# DejaVu fonts the screenshots are checked with, and WordPress.
pkgs=()
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || pkgs+=(fonts-liberation)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  [ -x /usr/bin/firefox-esr ] || pkgs+=(firefox-esr)
  [ -x /usr/bin/WebKitWebDriver ] || pkgs+=(webkit2gtk-driver)
  [ -x /usr/bin/Xvfb ] || pkgs+=(xvfb)
  [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pkgs+=(fonts-dejavu-core)
  # A real WordPress for tests/wordpress/: Debian's 6.1 with Twenty Twenty-Three, Apache with
  # mod_php, MariaDB (each started by the test on loopback ports, not as services).
  [ -e /usr/share/wordpress/wp-load.php ] || pkgs+=(wordpress)
  [ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || pkgs+=(wordpress-theme-twentytwentythree)
  [ -x /usr/sbin/mariadbd ] || pkgs+=(mariadb-server)
  [ -x /usr/sbin/apache2 ] || pkgs+=(apache2)
  [ -e /usr/lib/apache2/modules/libphp8.2.so ] || pkgs+=(libapache2-mod-php)
  php -m 2>/dev/null | grep -qx mysqli || pkgs+=(php-mysql)
fi
if [ ${#pkgs[@]} -gt 0 ]; then
  log "installing Debian's ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $(command -v sudo || true) apt-get update -qq
  $(command -v sudo || true) apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
# Every line of scripts/requirements.txt and of each story's own requirements.txt, at its pinned
# version (scripts/requirements_met.py names what is missing). Then a start of coco, as importing
# is not enough: coco 1.3.2 imports under pandas 3 but fails when it starts.
reqs=(scripts/requirements.txt)
for r in stories/*/requirements.txt; do [ -f "$r" ] && reqs+=("$r"); done
if ! python3 scripts/requirements_met.py "${reqs[@]}" 2>/dev/null \
  || ! python3 -c 'import country_converter as c; c.CountryConverter()' 2>/dev/null; then
  log "installing the Python packages of ${reqs[*]}"
  python3 scripts/requirements_met.py "${reqs[@]}" || true
  args=()
  for r in "${reqs[@]}"; do args+=(-r "$r"); done
  # Debian's own Python refuses installs outside a virtual environment (PEP 668); then the
  # packages go in beside it, as they would in a CI image.
  python3 -m pip install --quiet "${args[@]}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages "${args[@]}"
fi
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "[setup] Node.js 20 or newer is needed (found $(node --version))" >&2
  exit 1
fi
log "ready"

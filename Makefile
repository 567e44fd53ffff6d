# Lifeline: the two commands a reader of the README needs are `make serve` and `make test`.
PORT ?= 8000
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve preview dist setup lint test test-native test-e2e test-wordpress test-xengine test-bench bench data metrics check-data screenshots clean

# A broken story is named and left out; the rest are served (make dist fails on it).
serve: setup
	LIFELINE_KEEP_GOING=1 BASE_URL="$(BASE_URL)" bash scripts/dist.sh
	python3 scripts/serve.py dist

# One story, rebuilt when one of its files is saved, its page reloaded, its problems listed in the
# page and here: make preview STORY=<name> (scripts/preview.py).
preview: setup
	python3 scripts/preview.py "$(STORY)"

# BASE_URL=https://…/ : where dist/ will be published (absolute language links for search engines).
dist: setup
	BASE_URL="$(BASE_URL)" bash scripts/dist.sh

setup:
	bash scripts/setup.sh

# Re-derive every story's data file from ../shared/data (see docs/data.md, "Updating the figures").
data: setup
	python3 scripts/derive_data.py
	@for d in $(wildcard stories/*); do python3 $$d/derive.py || exit 1; done

# Re-derive src/text/widths.rs, the font widths charts lay out text with (see src/text.rs).
metrics: setup
	python3 scripts/derive_metrics.py

# Every story's data file, and its page against it: each problem named by file and field.
# STORY=<name> checks stories/<name>/ alone (about a second once built). Every story is checked,
# each problem named, before it fails.
check-data: setup
ifdef STORY
	cargo run --quiet --bin check-data -- stories/$(STORY)/data.json stories/$(STORY)/index.html
else
	cargo run --quiet --bin check-data -- www/data/lifeline.json index.html
	@for p in $(wildcard [a-z][a-z]/index.html); do cargo run --quiet --bin check-data -- www/data/lifeline.json $$p || exit 1; done
	@fail=0; for d in $(wildcard stories/*); do cargo run --quiet --bin check-data -- $$d/data.json $$d/index.html || fail=1; done; exit $$fail
endif

test: lint test-native test-e2e test-wordpress test-xengine test-bench

# The style gates, first and fast (under a minute): Rust formatting and clippy (native and
# wasm32, the checker and the reader's module, warnings are errors), ESLint over our JavaScript, Ruff over our Python.
lint: setup
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet --lib --no-default-features --target wasm32-unknown-unknown -- -D warnings
	node_modules/.bin/eslint --max-warnings 0 .
	python3 -m ruff check scripts stories tests bench

test-native: setup
	bash scripts/check_derived.sh
	cargo test

test-e2e: dist
	bash scripts/setup.sh --test
	node --test --test-concurrency=1 tests/e2e/

# The WordPress plugin in a real WordPress (Debian's, with Apache and MariaDB on loopback ports):
# every role that can publish, the block, the shortcode, a pasted link and pasted snippets.
test-wordpress: dist
	bash scripts/setup.sh --test
	@for f in $$(find integrations/wordpress -name '*.php'); do php -l $$f >/dev/null || exit 1; done
	node --test --test-concurrency=1 tests/wordpress/

# The explainer in Chromium, Firefox and WebKit (Safari's engine): every page, step and embed.
# XENGINES=webkit picks engines.
test-xengine: dist
	bash scripts/setup.sh --test
	node --test --test-concurrency=1 tests/xengine/

# One run of the benchmark as a smoke test: fails only on the byte budgets (see docs/performance.md).
test-bench: dist
	bash scripts/setup.sh --test
	node bench/bench.mjs --runs 1 --check-bytes --conventional-once

# The benchmark: 3 runs of each device and CPU speed, and of the phone on a phone network; prints
# a table, writes test-results/bench.json. Then Lighthouse's mobile run beside the conventional
# build (test-results/lighthouse.json).
bench: dist
	bash scripts/setup.sh --test
	node bench/bench.mjs
	node bench/lighthouse.mjs

# Screenshots of every step at 390 px and 1440 px into test-results/screens/, to look at.
screenshots: dist
	bash scripts/setup.sh --test
	node scripts/screenshots.mjs

clean:
	rm -rf dist pkg target node_modules

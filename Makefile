# Lifeline: the two commands a reader of the README needs are `make serve` and `make test`.
PORT ?= 8000
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: serve dist setup test test-native test-e2e data check-data screenshots clean

serve: dist
	python3 scripts/serve.py dist

dist: setup
	bash scripts/dist.sh

setup:
	bash scripts/setup.sh

# Re-derive www/data/lifeline.json from ../shared/data (see README, "Updating the figures").
data:
	python3 scripts/derive_data.py

check-data:
	cargo run --quiet --bin check-data -- www/data/lifeline.json

test: test-native test-e2e

test-native:
	bash scripts/check_derived.sh
	cargo test

test-e2e: dist
	bash scripts/setup.sh --test
	node --test --test-concurrency=1 tests/e2e/

# Screenshots of every step at 390 px and 1440 px into test-results/screens/, to look at.
screenshots: dist
	bash scripts/setup.sh --test
	node scripts/screenshots.mjs

clean:
	rm -rf dist pkg target node_modules

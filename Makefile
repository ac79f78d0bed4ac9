# Org Console. Every target installs what it is missing first (scripts/setup.sh), so a fresh
# machine needs only `make serve` or `make test`. The first run takes about 20 minutes.

SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
# Where the app is hosted: `/` at a domain's root, `/org-console/` under a sub-path.
BASE ?= /
PORT ?= 8080

.PHONY: setup serve test lint test-rules test-browser build dist preview bench-rules bench-storage bench

setup:
	@bash scripts/setup.sh

serve: setup
	trunk serve --port $(PORT)

test: setup lint test-rules test-browser build
	@echo "make test: formatting, lints, rules tests, browser tests and the release build all passed"

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p org-console --target wasm32-unknown-unknown --all-targets -- -D warnings

test-rules:
	cargo test -p org-rules

test-browser:
	cargo test -p org-console --target wasm32-unknown-unknown --test browser

build:
	trunk build --release
	bash scripts/check-csp.sh

dist: setup
	trunk build --release --public-url $(BASE)
	cp dist/index.html dist/404.html

preview: dist
	python3 scripts/preview.py --port $(PORT) --base $(BASE) dist

bench-rules:
	cargo bench -p org-rules --bench apply

bench-storage:
	cargo bench -p org-rules --bench storage

# Issue 12's measuring harness: the release build and a plain HTML/JS baseline of the Users list,
# timed in headless Chromium over the large workspace (bench/README.md). Prints a table and
# writes target/bench/<commit>.json and target/bench/latest.json; a missed target is marked,
# never a failure. Takes a while: a release build, then several minutes in the browser.
BENCH_RUNS ?= 5
bench:
	@bash scripts/setup.sh bench
	trunk build --release --dist target/bench/dist
	cargo run --quiet --release -p org-rules --bin org-bench-data -- target/bench/data
	node bench/run.mjs --dist target/bench/dist --data target/bench/data --runs $(BENCH_RUNS)

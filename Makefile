# JOKATSU Asahikawa — the two commands: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
WASM := --target wasm32-unknown-unknown

.PHONY: serve test dist size setup setup-test fmt lint test-native test-wasm test-e2e feed-check budget clean

## serve: install what is missing, build the release app and serve it on the demo feed
serve: dist
	@echo "JOKATSU: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@python3 scripts/serve.py dist $(PORT)

## test: install what is missing and run every check
test: setup-test
	@bash scripts/test.sh

## dist: release build into dist/ (JOKATSU_PRODUCTION=1 for a production build)
dist: setup
	@bash scripts/dist.sh

## size: first-load transfer size of dist/ (wasm + js + css), raw and brotli
size: setup-test
	@[ -f dist/index.html ] || bash scripts/dist.sh
	@python3 scripts/size.py dist

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

clean:
	rm -rf dist target/wasm32-unknown-unknown

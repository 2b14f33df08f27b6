# JOKATSU Asahikawa — the two commands: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
OFFICE_PORT ?= 8081

.PHONY: serve serve-office test dist office size pages bench setup setup-test clean

## serve: install what is missing, build the release app and serve it on the demo feed
serve: dist
	@echo "JOKATSU: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	@python3 scripts/serve.py dist $(PORT)

## test: install what is missing and run every check
test: setup-test
	@bash scripts/test.sh

## dist: release build: the public site into dist/, the office bundle into dist-office/
## (JOKATSU_PRODUCTION=1 for a production build)
dist: setup
	@bash scripts/dist.sh

## office: build the city office's internal bundle (dist-office/; built with dist/)
office: dist

## serve-office: serve the office bundle locally (for the city's internal web server)
serve-office: dist
	@echo "JOKATSU office: http://127.0.0.1:$(OFFICE_PORT)/office.html  (Ctrl-C to stop)"
	@python3 scripts/serve.py dist-office $(OFFICE_PORT)

## size: first-load transfer size of dist/ (wasm + js + css), raw and brotli
size: setup-test
	@[ -f dist/index.html ] || bash scripts/dist.sh
	@python3 scripts/size.py dist

## bench: the benchmark suite (not part of `make test`): writes docs/performance.md's tables
bench: setup-test
	@bash scripts/bench.sh

## pages: rewrite the entry HTML files from the page table (src/site/mod.rs)
pages:
	@cargo run --quiet --bin jokatsu -- pages

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

clean:
	rm -rf dist dist-office target/wasm32-unknown-unknown

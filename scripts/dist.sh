#!/usr/bin/env bash
# Release build. The pages come from the page table (src/site/mod.rs, printed by
# `jokatsu pages-json`): the public pages are built by Trunk one by one and merged into dist/;
# the office app (internal bundle) into dist-office/. Then the post-build step (CSP per
# page, service-worker precache list) runs on each result.
# JOKATSU_PRODUCTION=1 builds for production: demo tickets and demo keys are refused.
# JOKATSU_PAGES="w.html office.html" (development only) rebuilds just those pages into the
# existing dist/ and dist-office/ (stale hashed files stay until the next full build).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
features=()
if [ "${JOKATSU_PRODUCTION:-0}" = 1 ]; then features=(--features production); fi
log=target/jokatsu-trunk.log
mkdir -p target
cargo run --quiet --bin jokatsu -- pages --check
apps=$(cargo run --quiet --bin jokatsu -- pages-json)
pages() { python3 -c 'import json,sys; [print(a["page"]) for a in json.loads(sys.argv[1]) if a["bundle"]==sys.argv[2]]' "$apps" "$1"; }
# Trunk preloads every JS snippet in its wasm-bindgen staging dir: start it clean so no
# stale snippet from an earlier build is listed.
only=${JOKATSU_PAGES:-}
if [ -z "$only" ]; then rm -rf dist dist-office; fi
rm -rf target/dist-pages target/wasm-bindgen
: >"$log"
build_into() { # bundle dir [trunk options]
  local bundle=$1 out=$2
  shift 2
  mkdir -p "$out"
  for page in $(pages "$bundle"); do
    if [ -n "$only" ] && [[ " $only " != *" $page "* ]]; then continue; fi
    local tmp="target/dist-pages/${page%.html}"
    rm -rf "$tmp"
    trunk build "${features[@]}" --release "$@" --dist "$tmp" "$page" >>"$log" 2>&1 || { cat "$log"; exit 1; }
    # Trunk names its output index.html: each page is renamed as it merges in.
    [ "$page" = index.html ] || mv "$tmp/index.html" "$tmp/$page"
    cp -r "$tmp/." "$out/"
  done
}
build_into public dist
# The office bundle is built for speed, not size (Cargo.toml, profile `office`).
build_into office dist-office --cargo-profile office
# The office bundle is served on its own (the city's internal server): it gets the shared
# static files too, and never the public pages.
cp -r public/icons public/manifest.webmanifest public/sw.js dist-office/
# The subscribable calendar (webcal) of the demo feed's next three months.
cargo run --quiet --example publish-ics -- public/feed/feed.json 3 > dist/feed/calendar.ics
# A partial build (JOKATSU_PAGES without index.html) has not copied the worker afresh:
# start from the template so that its precache list is filled in again.
cp public/sw.js dist/sw.js
python3 scripts/postbuild.py dist "$apps" public
python3 scripts/postbuild.py dist-office "$apps" office
# Precompressed copies for hosts that serve them (docs/operations.md, "Compression and caching").
python3 scripts/precompress.py dist dist-office

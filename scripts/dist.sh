#!/usr/bin/env bash
# Release build. The pages come from the page table (src/site/mod.rs, printed by
# `jokatsu pages-json`): the public pages are built by Trunk one by one and merged into
# dist/; the office page (internal bundle) into dist-office/. Then the post-build step (CSP
# per page, service-worker precache list) runs on each result.
#
# Only what changed is done again:
# - the whole build is skipped when its inputs (scripts/build-stamp.py: sources, styles,
#   static files, settings, environment, tool versions) are those of the last build;
# - wasm-opt and brotli keep their output by their input's hash (scripts/wasm-opt-cached.py,
#   scripts/precompress.py), so a page whose WebAssembly did not change is not optimised
#   or compressed again; cargo rebuilds only what changed;
# - wasm-opt runs for two pages at a time before Trunk goes page by page
#   (scripts/wasm-opt-ahead.py), and brotli for two files at a time; the office bundle is
#   compiled beside the public pages.
# One line per page says what happened and how long it took.
#
# JOKATSU_PRODUCTION=1 builds for production: demo tickets and demo keys are refused; the
# city's root public key comes from JOKATSU_ROOT_PUBLIC_KEY (docs/operations.md).
# JOKATSU_DIST / JOKATSU_DIST_OFFICE: where to write (default dist/ and dist-office/).
# JOKATSU_PAGES="w.html office.html": only those pages (into the existing output, or, with a
# fresh JOKATSU_DIST, a partial site: the production end-to-end test builds the pages its
# chain uses).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
features=()
if [ "${JOKATSU_PRODUCTION:-0}" = 1 ]; then features=(--features production); fi
out_public=${JOKATSU_DIST:-dist}
out_office=${JOKATSU_DIST_OFFICE:-dist-office}
mkdir -p target/build-stamps
stamp_file="target/build-stamps/$(echo "$out_public" | tr '/' '_').stamp"
stamp=$(python3 scripts/build-stamp.py)
if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$stamp" ] \
  && [ -f "$out_public/sw.js" ] && [ -d "$out_office" ]; then
  echo "dist: nothing changed since the last build of $out_public/ and $out_office/"
  exit 0
fi
rm -f "$stamp_file"
log=target/jokatsu-trunk.log
cargo run --quiet --bin jokatsu -- pages --check
apps=$(cargo run --quiet --bin jokatsu -- pages-json)
pages() { python3 -c 'import json,sys; [print(a["page"]) for a in json.loads(sys.argv[1]) if a["bundle"]==sys.argv[2]]' "$apps" "$1"; }
bin_of() { python3 -c 'import json,sys; print(*[a["bin"] for a in json.loads(sys.argv[1]) if a["page"]==sys.argv[2]])' "$apps" "$1"; }
# Trunk preloads every JS snippet in its wasm-bindgen staging dir: start it clean so no
# stale snippet from an earlier build is listed.
only=${JOKATSU_PAGES:-}
partial=()
if [ -z "$only" ]; then
  rm -rf "$out_public" "$out_office"
else
  # Some pages only: the worker precaches the pages that are there.
  partial=(--partial)
fi
rm -rf target/dist-pages target/wasm-bindgen
: >"$log"
# Each step's time (the benchmark report prints the last full build's: docs/performance.md).
times="target/build-stamps/$(echo "$out_public" | tr '/' '_').times.tsv"
: >"$times"
# A bundle's WebAssembly compiled in one cargo run before Trunk goes page by page: each
# page's final link (whole-program optimisation, one core each) then runs beside another's
# on a 2-core machine, and Trunk's own cargo run finds it done.
compile_bundle() { # bundle cargo-output-dir [cargo profile options]
  local bundle=$1 cargo_out=$2 bins=() pairs=() t0=$SECONDS
  shift 2
  for page in $(pages "$bundle"); do
    if [ -n "$only" ] && [[ " $only " != *" $page "* ]]; then continue; fi
    bins+=(--bin "$(bin_of "$page")")
    pairs+=("$page=$(bin_of "$page")")
  done
  [ ${#bins[@]} -gt 0 ] || return 0
  printf 'dist: %-15s compiling…' "$bundle"
  cargo build --target wasm32-unknown-unknown "${features[@]}" "$@" "${bins[@]}" >>"$log" 2>&1 \
    || { echo; cat "$log"; exit 1; }
  printf '\rdist: %-15s compiled in %3d s\n' "$bundle" $((SECONDS - t0))
  printf 'compile (%s pages)\t%d\n' "$bundle" $((SECONDS - t0)) >>"$times"
  # wasm-opt for the bundle's pages two at a time, into its cache, where Trunk finds them.
  t0=$SECONDS
  printf 'dist: %-15s optimising the WebAssembly (two pages at a time)…' "$bundle"
  python3 scripts/wasm-opt-ahead.py "$cargo_out" "${pairs[@]}" >>"$log" 2>&1 \
    || { echo; cat "$log"; exit 1; }
  printf '\rdist: %-15s WebAssembly optimised in %3d s                \n' "$bundle" $((SECONDS - t0))
  printf 'wasm-opt (%s pages, two at a time)\t%d\n' "$bundle" $((SECONDS - t0)) >>"$times"
}
build_into() { # bundle dir [trunk options]
  local bundle=$1 out=$2
  shift 2
  mkdir -p "$out"
  for page in $(pages "$bundle"); do
    if [ -n "$only" ] && [[ " $only " != *" $page "* ]]; then continue; fi
    local tmp="target/dist-pages/${page%.html}" t0=$SECONDS
    rm -rf "$tmp"
    printf 'dist: %-15s building…' "$page"
    trunk build "${features[@]}" --release "$@" --dist "$tmp" "$page" >>"$log" 2>&1 \
      || { echo; cat "$log"; exit 1; }
    # Trunk names its output index.html: each page is renamed as it merges in.
    [ "$page" = index.html ] || mv "$tmp/index.html" "$tmp/$page"
    cp -r "$tmp/." "$out/"
    printf '\rdist: %-15s built in %3d s\n' "$page" $((SECONDS - t0))
    printf '%s\t%d\n' "$page" $((SECONDS - t0)) >>"$times"
  done
}
# The office bundle is built for speed, not size (Cargo.toml, profile `office`). Its
# compilation runs beside the public pages' (each profile has its own build directory and
# lock): the steps that keep one core busy (a crate's front end, a page's final link,
# Trunk's steps) leave the other to it. Its lines are printed when the public pages are done.
office_out=target/dist-office-compile.out
compile_bundle office target/wasm32-unknown-unknown/office --profile office >"$office_out" 2>&1 &
office_pid=$!
compile_bundle public target/wasm32-unknown-unknown/release --release
build_into public "$out_public"
if ! wait "$office_pid"; then cat "$office_out"; exit 1; fi
tr '\r' '\n' <"$office_out" | grep -E ' (compiled|optimised) in ' || true
build_into office "$out_office" --cargo-profile office
# The office bundle is served on its own (the city's internal server): it gets the shared
# static files too, and never the public pages.
cp -r public/icons public/manifest.webmanifest public/sw.js "$out_office/"
if [ ! -d "$out_public/feed" ]; then cp -r public/feed public/icons public/manifest.webmanifest "$out_public/"; fi
# The subscribable calendar (webcal) of the demo feed's next three months.
cargo run --quiet --example publish-ics -- public/feed/feed.json 3 > "$out_public/feed/calendar.ics"
# A partial build (JOKATSU_PAGES without index.html) has not copied the worker afresh:
# start from the template so that its precache list is filled in again.
cp public/sw.js "$out_public/sw.js"
# wasm-bindgen's JavaScript minified (Trunk leaves it as written), before the worker's lists.
python3 scripts/minify-js.py "$out_public"
python3 scripts/minify-js.py "$out_office"
python3 scripts/postbuild.py "$out_public" "$apps" public "${partial[@]}"
python3 scripts/postbuild.py "$out_office" "$apps" office
# Precompressed copies for hosts that serve them (docs/operations.md, "Compression and caching").
t0=$SECONDS
python3 scripts/precompress.py "$out_public" "$out_office"
printf 'compress (brotli, gzip)\t%d\n' $((SECONDS - t0)) >>"$times"
printf 'all\t%d\n' "$SECONDS" >>"$times"
echo "$stamp" >"$stamp_file"
echo "dist: $out_public/ and $out_office/ ready"

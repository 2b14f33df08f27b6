#!/usr/bin/env bash
# Release build into dist/: the entry pages (index.html: career health room; w.html:
# tickets; s.html: camera scanner; c.html: self-checks) are built by Trunk separately and merged, then the post-build step
# (CSP per page, service-worker precache list) runs on the result.
# JOKATSU_PRODUCTION=1 builds for production: demo tickets and demo keys are refused.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
features=()
if [ "${JOKATSU_PRODUCTION:-0}" = 1 ]; then features=(--features production); fi
log=target/jokatsu-trunk.log
mkdir -p target
# Trunk preloads every JS snippet in its wasm-bindgen staging dir: start it clean so no
# stale snippet from an earlier build is listed.
rm -rf dist target/dist-c target/dist-w target/dist-s target/wasm-bindgen
trunk build "${features[@]}" --release --dist dist index.html >"$log" 2>&1 || { cat "$log"; exit 1; }
# Trunk names its output index.html: the other entry pages are renamed as they merge in.
for page in c w s; do
  trunk build "${features[@]}" --release --dist "target/dist-$page" "$page.html" >>"$log" 2>&1 || { cat "$log"; exit 1; }
  mv "target/dist-$page/index.html" "target/dist-$page/$page.html"
  cp -r "target/dist-$page/." dist/
done
# The subscribable calendar (webcal) of the demo feed's next three months.
cargo run --quiet --example publish-ics -- public/feed/feed.json 3 > dist/feed/calendar.ics
python3 scripts/postbuild.py dist

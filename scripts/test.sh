#!/usr/bin/env bash
# Every check, in order of cost. Run through `make test` (which installs what is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
start=$(date +%s)
# Each step's name and time, printed at the end (where the time goes).
timings=()
step_name=""
step_start=$start
end_step() {
  if [ -n "$step_name" ]; then timings+=("$(printf '%5d s  %s' $(( $(date +%s) - step_start )) "$step_name")"); fi
}
step() {
  end_step
  step_name="$*"
  step_start=$(date +%s)
  printf '\n== %s\n' "$*"
}

step "format"
cargo fmt --check

step "entry pages match the page table (src/site/mod.rs)"
cargo run --quiet --bin jokatsu -- pages --check && echo "ok: every page's HTML is current"

step "demo feed is assembled from feed-src/"
python3 scripts/build-demo-feed.py --check

step "clippy (host)"
cargo clippy --quiet --all-targets -- -D warnings

step "native tests"
export JOKATSU_REQUIRE_ICS_CHECK=1
# cargo's own exit status decides; the log is shown whole when it fails.
if ! cargo test --quiet >/tmp/jokatsu-native.log 2>&1; then
  cat /tmp/jokatsu-native.log
  exit 1
fi
grep -E "^test result" /tmp/jokatsu-native.log | awk '{p+=$4; f+=$6} END {print "native: " p " passed, " f " failed"}'

step "ticket vectors checked by an independent implementation (Python cryptography)"
python3 tests/vectors/check_vectors.py >/dev/null && echo "ok: every vector gives its expected verdict"

step "release build"
bash scripts/dist.sh

step "a second build with nothing changed rebuilds nothing"
again=$(bash scripts/dist.sh)
echo "$again"
if ! grep -q "nothing changed" <<<"$again" || grep -q "built in" <<<"$again"; then
  echo "the second build rebuilt pages although nothing changed" >&2
  exit 1
fi

step "clippy (wasm32)"
# After the release build and in its profile: the proc macros and build scripts the pages
# use (Leptos's among them) are then already compiled (in the dev profile they would be
# compiled again, ~3 minutes here). No code of ours depends on the profile.
cargo clippy --quiet --release --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "browser tests (wasm-bindgen-test in headless Chromium)"
# After the release build: compiled in the office profile, they reuse the library and the
# dependencies its office bundle compiled (Cargo.toml, profile `office`). No `--quiet`:
# cargo hands it to wasm-bindgen-test-runner, which refuses it.
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=120 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --profile office --target wasm32-unknown-unknown --example browser-tests

step "size budget (first load <= 250 KB brotli, the shop's pages 300 KB; a holder's whole first visit, page and service worker, <= 1.2 MB)"
python3 scripts/size.py dist --budget 250000 --staff-budget 300000 --first-visit-budget 1200000
python3 scripts/size.py dist-office

step "office-only code is in no public page (built WebAssembly)"
python3 scripts/office-only-check.py dist dist-office

step "end-to-end (Playwright + Debian Chromium against dist/)"
# Feed variants for the trust tests, made from the very feed under test.
cargo run --quiet --example trust-fixtures -- dist/feed/feed.json tests/e2e/generated
(cd tests/e2e && npx playwright test)

step "production build (the city's root key made by the office's own tool)"
# A test root key, made once per machine by `jokatsu-office keys gen-root` (real Argon2id),
# compiled into a production build of the pages the going-live chain uses.
keys=target/prod/keys
mkdir -p "$keys"
if [ ! -s "$keys/root.pub" ]; then
  rm -f "$keys/root.key"
  head -c 24 /dev/urandom | base64 >"$keys/passphrase.txt"
  cargo run --quiet --bin jokatsu-office -- keys gen-root --out "$keys/root.key" \
    --passphrase-file "$keys/passphrase.txt" >"$keys/root.pub"
fi
JOKATSU_PRODUCTION=1 JOKATSU_ROOT_PUBLIC_KEY="$(cat "$keys/root.pub")" \
  JOKATSU_DIST=target/prod/dist JOKATSU_DIST_OFFICE=target/prod/dist-office \
  JOKATSU_PAGES="w.html r.html shop.html shop-desk.html office.html" bash scripts/dist.sh

step "end-to-end on the production build (keys made in the office page, a month to used data)"
(cd tests/e2e && npx playwright test -c playwright.production.config.ts)

end_step
echo
echo "time per step:"
printf '%s\n' "${timings[@]}"
echo "make test: all checks passed in $(( $(date +%s) - start )) s"
# Kept for the benchmark report (docs/performance.md: "Build and test times").
mkdir -p target/bench
printf '%s\n' "${timings[@]}" >target/bench/make-test-steps.txt

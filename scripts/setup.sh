#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already present at the
# right version. Idempotent and quiet when there is nothing to do.
#   scripts/setup.sh build   -> wasm32 target, trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh test    -> the above + chromium, chromedriver, zbar-tools, npm packages
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-build}"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.4
log() { printf 'setup: %s\n' "$*" >&2; }
export PATH="$HOME/.cargo/bin:$PWD/.tools/bin:$PATH"

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >/dev/null
fi
if ! rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
  rustup component add clippy rustfmt >/dev/null
fi

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (takes a few minutes)"
  cargo install --quiet --locked "trunk@$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$wb_version"; then
  log "installing wasm-bindgen-cli $wb_version (takes a few minutes)"
  cargo install --quiet --locked "wasm-bindgen-cli@$wb_version" \
    || cargo install --quiet "wasm-bindgen-cli@$wb_version"
fi

# wasm-opt from the npm package binaryen (Debian's wasm-opt 108 breaks wasm-bindgen's
# externref table), exposed through a wrapper in .tools/bin.
mkdir -p .tools/bin
if ! [ -x .tools/node_modules/binaryen/bin/wasm-opt ]; then
  log "installing wasm-opt (npm binaryen@$BINARYEN_VERSION)"
  npm install --silent --no-audit --no-fund --prefix .tools "binaryen@$BINARYEN_VERSION" >/dev/null
fi
# terser minifies wasm-bindgen's JavaScript (scripts/minify-js.py; Trunk leaves it as written).
if [ "$(node -p "require('./.tools/node_modules/terser/package.json').version" 2>/dev/null)" != "$TERSER_VERSION" ]; then
  log "installing terser $TERSER_VERSION (npm)"
  npm install --silent --no-audit --no-fund --prefix .tools "terser@$TERSER_VERSION" >/dev/null
fi
# The wrapper keeps wasm-opt's output by its input's hash (scripts/wasm-opt-cached.py): a page
# whose WebAssembly did not change is not optimised again.
wrapper='#!/usr/bin/env bash
exec python3 "$(dirname "$0")/../../scripts/wasm-opt-cached.py" "$@"'
if [ "$(cat .tools/bin/wasm-opt 2>/dev/null)" != "$wrapper" ]; then
  printf '%s\n' "$wrapper" > .tools/bin/wasm-opt
  chmod +x .tools/bin/wasm-opt
fi

# brotli: `make dist` writes precompressed copies (scripts/precompress.py), `make size` measures.
if ! command -v brotli >/dev/null; then
  log "installing Debian package: brotli"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null
fi

if [ "$what" = test ]; then
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v zbarimg >/dev/null || missing+=(zbar-tools)
  # pdftotext: the office print test reads the text of the A4 PDF Chromium prints.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  python3 -c 'import icalendar' 2>/dev/null || { log "installing python icalendar"; pip install -q icalendar >/dev/null; }
  python3 -c 'import cryptography' 2>/dev/null || { log "installing python cryptography"; pip install -q cryptography >/dev/null; }
  if ! [ -d tests/e2e/node_modules/@playwright/test ] || ! [ -d tests/e2e/node_modules/axe-core ]; then
    log "installing e2e node packages"
    (cd tests/e2e && npm ci --silent --no-audit --no-fund >/dev/null 2>&1 || npm install --silent --no-audit --no-fund >/dev/null)
  fi
fi

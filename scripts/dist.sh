#!/usr/bin/env bash
# Release build into dist/, then the post-build step (CSP, service-worker precache list).
# JOKATSU_PRODUCTION=1 builds for production: demo tickets and demo keys are refused.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$HOME/.cargo/bin:$PATH"
features=()
if [ "${JOKATSU_PRODUCTION:-0}" = 1 ]; then features=(--features production); fi
trunk build --release "${features[@]}" >/tmp/jokatsu-trunk.log 2>&1 || { cat /tmp/jokatsu-trunk.log; exit 1; }
python3 scripts/postbuild.py dist

#!/usr/bin/env python3
"""Optimise a bundle's pages' WebAssembly ahead of Trunk, two pages at a time.

Trunk builds the pages one by one, and wasm-opt, the slowest step of a page (~13 s for a
holder page on the 2-core build machine), keeps only one core busy. Run by scripts/dist.sh
right after a bundle's cargo build, this does what Trunk will do for each page's
WebAssembly (wasm-bindgen, then wasm-opt with the page's level and parameters from its
entry HTML) with two pages at once, through scripts/wasm-opt-cached.py: Trunk then finds each
page's optimised WebAssembly in that cache. Only time is at stake: if an output here differs
from Trunk's in any way, the cache is keyed by the input's bytes, so Trunk misses it and
runs wasm-opt itself.

Usage: wasm-opt-ahead.py CARGO_OUT_DIR PAGE=BIN...   (e.g. target/wasm32-unknown-unknown/release
index.html=jokatsu)"""
import re, subprocess, sys, tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "target/wasm-opt-ahead"


def options(page):
    """The wasm-opt options Trunk passes for `page`: `-O<level>`, then the page's parameters."""
    html = (ROOT / page).read_text(encoding="utf-8")
    level = re.search(r'data-wasm-opt="([^"]+)"', html)
    params = re.search(r'data-wasm-opt-params="([^"]*)"', html)
    if not level:
        return None
    return [f"-O{level.group(1)}"], (params.group(1).split() if params else [])


def ahead(cargo_out, page, binary):
    opts = options(page)
    wasm = Path(cargo_out) / f"{binary}.wasm"
    if opts is None or not wasm.is_file():
        return f"{page}: skipped"
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        # As Trunk calls it (its out-dir aside, which does not change the WebAssembly).
        subprocess.run(
            ["wasm-bindgen", "--target=web", f"--out-dir={tmp}", f"--out-name={binary}", str(wasm), "--no-typescript"],
            check=True,
        )
        level, params = opts
        subprocess.run(
            [sys.executable, str(ROOT / "scripts/wasm-opt-cached.py"), f"--output={tmp}/out.wasm", *level,
             f"{tmp}/{binary}_bg.wasm", *params],
            check=True,
        )
    return f"{page}: ready"


def main(argv):
    cargo_out, pairs = argv[0], [a.split("=", 1) for a in argv[1:]]
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(ahead, cargo_out, page, binary) for page, binary in pairs]
        for job in jobs:
            print(f"wasm-opt-ahead: {job.result()}")
    # Each page's temporary folder is gone; WORK itself stays: another bundle's run
    # (scripts/dist.sh compiles the office beside the public pages) may be using it.


if __name__ == "__main__":
    main(sys.argv[1:])

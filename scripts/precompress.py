#!/usr/bin/env python3
"""Writes FILE.br (brotli -q 11) and FILE.gz (gzip -9) beside each compressible file of a
finished build, for hosts that serve precompressed files (docs/operations.md, "Hosting").
Not the feed (feed/): staff replace feed.json on its own, and a stale feed.json.br beside a
new feed.json would be served instead of it. Run after postbuild (the worker's precache list
names the plain files only). Usage: precompress.py DIR..."""
import gzip, hashlib, subprocess, sys, threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Brotli at quality 11 is slow on a large WebAssembly file: its output is kept by the hash
# of its input, so an unchanged file is not compressed again (`make dist` after a small change).
CACHE = Path(__file__).resolve().parent.parent / "target/precompress-cache"


def brotli(data):
    cached = CACHE / (hashlib.sha256(data).hexdigest() + ".br")
    if cached.is_file():
        return cached.read_bytes()
    # The largest window brotli's standard format has (16 MB, which every browser decodes):
    # a pack of the service worker (scripts/postbuild.py, precache-*.bin, ~4 MB) gains only if
    # the copies of the same code in its files are within reach of each other.
    out = subprocess.run(["brotli", "-c", "-q", "11", "-w", "24"], input=data, capture_output=True, check=True).stdout
    CACHE.mkdir(parents=True, exist_ok=True)
    # Whole or not at all (two files with the same content may be compressed at once).
    tmp = cached.with_suffix(f".tmp{threading.get_ident()}")
    tmp.write_bytes(out)
    tmp.replace(cached)
    return out


COMPRESSIBLE = {".html", ".js", ".wasm", ".css", ".json", ".webmanifest", ".svg", ".bin"}


def compress(p):
    data = p.read_bytes()
    br = brotli(data)
    Path(f"{p}.br").write_bytes(br)
    Path(f"{p}.gz").write_bytes(gzip.compress(data, 9, mtime=0))


# Two files at a time: brotli runs as its own process, and the build machine has two cores.
with ThreadPoolExecutor(max_workers=2) as pool:
    for root in map(Path, sys.argv[1:]):
        files = []
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root).as_posix()
            if p.is_file() and p.suffix in COMPRESSIBLE and not rel.startswith("feed/"):
                files.append(p)
        # list(): an error in any file stops the build.
        list(pool.map(compress, files))
        print(f"precompress: {len(files)} files in {root} (.br and .gz beside each)")

#!/usr/bin/env python3
"""The fingerprint of everything a release build reads: the sources, styles, static files,
entry pages, build scripts and settings, plus the build's environment (production, feed
URL, root key) and tool versions. scripts/dist.sh skips a build whose output already carries
this fingerprint. Usage: build-stamp.py (prints the hex digest)."""
import hashlib, os, subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ["src", "style", "public", "vendor", "examples/publish-ics.rs"]
FILES = ["Cargo.toml", "Cargo.lock", "Trunk.toml", "scripts/dist.sh", "scripts/postbuild.py",
         "scripts/precompress.py", "scripts/wasm-opt-cached.py", "scripts/minify-js.py",
         ".tools/node_modules/terser/package.json"]
ENV = ["JOKATSU_PRODUCTION", "JOKATSU_FEED_URL", "JOKATSU_ROOT_PUBLIC_KEY", "JOKATSU_PAGES"]

h = hashlib.sha256()
paths = [ROOT / f for f in FILES] + sorted(ROOT.glob("*.html"))
for t in TREES:
    p = ROOT / t
    paths += sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
for p in paths:
    if p.is_file():
        h.update(p.relative_to(ROOT).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
for name in ENV:
    h.update(f"{name}={os.environ.get(name, '')}\0".encode())
for tool in (["trunk", "--version"], ["wasm-bindgen", "--version"], ["rustc", "--version"]):
    try:
        h.update(subprocess.run(tool, capture_output=True, text=True).stdout.encode())
    except OSError:
        pass
print(h.hexdigest())

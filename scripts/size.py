#!/usr/bin/env python3
"""First-load transfer size: the wasm, js and css that index.html loads, raw and brotli
(quality 11, as a static host would pre-compress). `--budget N` fails above N bytes brotli."""
import re, subprocess, sys
from pathlib import Path

args = [a for a in sys.argv[1:] if not a.startswith("--")]
root = Path(args[0] if args else "dist")
budget = None
if "--budget" in sys.argv:
    budget = int(sys.argv[sys.argv.index("--budget") + 1])
html = (root / "index.html").read_text(encoding="utf-8")
names = set(re.findall(r"""['"]\./([^'"]+\.(?:wasm|js|css))['"]""", html))
names |= {p.relative_to(root).as_posix() for p in (root / "snippets").rglob("*.js")} if (root / "snippets").exists() else set()
names.add("index.html")
total_raw = total_br = 0
for name in sorted(names):
    data = (root / name).read_bytes()
    br = len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)
    total_raw += len(data); total_br += br
    print(f"  {name:60s} {len(data):>9,d} B  brotli {br:>8,d} B")
print(f"first load: {total_raw:,d} B raw, {total_br:,d} B brotli ({total_br/1000:.1f} KB)")
if budget is not None:
    if total_br > budget:
        sys.exit(f"size budget exceeded: {total_br:,d} B brotli > {budget:,d} B")
    print(f"size budget ok: {total_br:,d} B <= {budget:,d} B brotli")

#!/usr/bin/env python3
"""First-load transfer size of each entry page in dist/ and dist-office/: the page and
the wasm, js and css it loads, raw, gzip (-9) and brotli (quality 11, as a static host
would pre-compress). `--budget N` fails if any entry's first load is above N bytes brotli;
`--json FILE` also writes the totals per page (the benchmarks)."""
import gzip, json, re, subprocess, sys
from pathlib import Path

json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
args = [a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit() and a != json_out]
totals = {}
root = Path(args[0] if args else "dist")
budget = None
if "--budget" in sys.argv:
    budget = int(sys.argv[sys.argv.index("--budget") + 1])


def br(data):
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)


failed = False
pages = sorted(p.name for p in root.glob("*.html"))
if not pages:
    sys.exit(f"no pages in {root}")
for page in pages:
    html = (root / page).read_text(encoding="utf-8")
    # Quoted or not (Trunk's minifier drops the quotes of attribute values).
    names = [page] + sorted(set(re.findall(r"""(?:['"]|=)\./([^'"\s>]+\.(?:wasm|js|css))""", html)))
    js = [n for n in names if n.endswith(".js")]
    for j in js:
        names += sorted(set(re.findall(r"""['"]\./(snippets/[^'"]+\.js)['"]""", (root / j).read_text(encoding="utf-8"))))
    # Each file once: the page preloads the snippets that its JavaScript also imports, and
    # the browser downloads them once.
    names = list(dict.fromkeys(names))
    total_raw = total_br = total_gz = 0
    print(f"{page}:")
    for name in names:
        data = (root / name).read_bytes()
        b = br(data)
        total_raw += len(data)
        total_br += b
        total_gz += len(gzip.compress(data, 9))
        print(f"  {name:60s} {len(data):>9,d} B  brotli {b:>8,d} B")
    print(f"  first load of {page}: {total_raw:,d} B raw, {total_gz:,d} B gzip, {total_br:,d} B brotli ({total_br/1000:.1f} KB)")
    totals[page] = {"raw": total_raw, "gzip": total_gz, "brotli": total_br}
    if budget is not None and total_br > budget:
        print(f"  size budget exceeded: {total_br:,d} B brotli > {budget:,d} B")
        failed = True
if budget is not None:
    if failed:
        sys.exit("size budget exceeded")
    print(f"size budget ok: every entry's first load <= {budget:,d} B brotli")
if json_out:
    with open(json_out, "w", encoding="utf-8") as f:
        json.dump(totals, f, indent=2)

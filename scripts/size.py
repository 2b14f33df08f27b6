#!/usr/bin/env python3
"""First-load transfer size of each entry page in dist/ and dist-office/: the page and
the wasm, js and css it loads, raw, gzip (-9) and brotli (quality 11, as a static host
would pre-compress). `--budget N` fails if any entry's first load is above N bytes brotli (`--staff-budget N`:
another limit for the shop's pages);
`--json FILE` also writes the totals per page (the benchmarks).

Then a first visit per audience, as the service worker makes it (public/sw.js, the lists
scripts/postbuild.py wrote into DIR/sw.js): the page opened, plus every file the worker
keeps on install (the bundle's first audience: `holder`, or `office`) and of the page's own
audience, plus the feed; each file once (the worker takes what the page downloaded from the
browser's cache), and the audience's pack instead of the files it holds (the build's
`.bin.br`). `shop` counts a fresh device opening shop.html; `shop, after holder` what
a holder's device adds when shop mode is opened there; `holder, first page X` a first visit
that starts on another of her pages. `--first-visit-budget N` fails if the first audience's
first visit (the holder's), from whichever of its pages, is above N bytes brotli;
`--first-visit-json FILE` writes these totals."""
import gzip, json, re, subprocess, sys
from pathlib import Path

def option(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


json_out = option("--json")
visit_json = option("--first-visit-json")
args = [a for a in sys.argv[1:] if not a.startswith("--") and not a.isdigit() and a not in (json_out, visit_json)]
totals = {}
root = Path(args[0] if args else "dist")
budget = None
if "--budget" in sys.argv:
    budget = int(sys.argv[sys.argv.index("--budget") + 1])


def br(data, memo={}):
    if data not in memo:
        memo[data] = len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)
    return memo[data]


# The shop's pages (the till and the desk: audience `shop` in the service worker's lists)
# may have a budget of their own (`--staff-budget N`): they run on the shop's own phone,
# tablet or PC, and the desk carries claim signing and its key's backup. Every other page
# (a holder's) has `--budget N`.
staff_budget = int(option("--staff-budget")) if option("--staff-budget") else None
_sw_text = (root / "sw.js").read_text(encoding="utf-8") if (root / "sw.js").is_file() else ""
_aud = re.search(r"^const AUDIENCES = (.*);$", _sw_text, flags=re.M)
shop_pages = set(n for n in json.loads(_aud.group(1)).get("shop", []) if n.endswith(".html")) if _aud else set()


def page_budget(page):
    if staff_budget is not None and page in shop_pages:
        return staff_budget
    return budget


failed = False
loads = {}
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
    loads[page] = names
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
    limit = page_budget(page)
    if limit is not None and total_br > limit:
        print(f"  size budget exceeded: {total_br:,d} B brotli > {limit:,d} B")
        failed = True
if budget is not None:
    if failed:
        sys.exit("size budget exceeded")
    print(f"size budget ok: every entry's first load <= {budget:,d} B brotli (the shop's pages <= {staff_budget or budget:,d} B)")
if json_out:
    with open(json_out, "w", encoding="utf-8") as f:
        json.dump(totals, f, indent=2)


sw = (root / "sw.js").read_text(encoding="utf-8") if (root / "sw.js").is_file() else ""
m = re.search(r"^const AUDIENCES = (.*);$", sw, flags=re.M)
f = re.search(r"^const FIRST = '([a-z]+)';$", sw, flags=re.M)
if m and f:
    audiences, first = json.loads(m.group(1)), f.group(1)
    packs_m = re.search(r"^const PACKS = (.*);$", sw, flags=re.M)
    packs = json.loads(packs_m.group(1)) if packs_m else {}
    feed = [n for n in ["feed/feed.json"] if (root / n).is_file()]
    page_of = {a: next(n for n in files if n.endswith(".html")) for a, files in audiences.items()}

    def packed(names, opened, audience_list):
        """What the worker fetches for `names` (public/sw.js, `unpack`): of each kept
        audience's packs, the first that holds every packed file the page did not load,
        instead of those files, when they are half of it or more."""
        fetched = list(names)
        for a in dict.fromkeys(audience_list):
            candidates = packs.get(a, [])
            wanted = [n for n in names if n not in loads[opened]]
            packable = [n for n in wanted if any(n in {e[0] for e in c["entries"]} for c in candidates)]
            pack = next((c for c in candidates if set(packable) <= {e[0] for e in c["entries"]}), None)
            inside = [e for e in pack["entries"] if e[0] in wanted] if pack else []
            if len(inside) >= 2 and 2 * sum(e[2] for e in inside) >= pack["size"]:
                fetched = [n for n in fetched if n not in {e[0] for e in inside}] + [pack["file"]]
        return fetched

    def brotli_of(name):
        pre = root / (name + ".br")
        data = (root / name).read_bytes()
        if name.endswith(".bin") and pre.is_file():
            return len(pre.read_bytes())  # the build's (scripts/precompress.py: a 16 MB window)
        if name.endswith(".bin"):
            return len(subprocess.run(["brotli", "-c", "-q", "11", "-w", "24"], input=data, capture_output=True, check=True).stdout)
        return br(data)

    visits = {}
    for audience, files in audiences.items():
        opened = page_of[audience]
        names = packed(list(dict.fromkeys(loads[opened] + audiences[first] + files + feed)), opened, [first, audience])
        visits[audience] = {"page": opened, "files": len(names), "brotli": sum(brotli_of(n) for n in names)}
        if audience == first:
            # The first visit may start on any of its pages (a link to a ticket, r.html).
            for other in [n for n in files if n.endswith(".html") and n != opened and n in loads]:
                names = packed(list(dict.fromkeys(loads[other] + files + feed)), other, [first])
                visits[f"{audience}, first page {other}"] = {"page": other, "files": len(names), "brotli": sum(brotli_of(n) for n in names)}
        if audience != first:
            extra = packed([n for n in files if n not in audiences[first]], opened, [audience])
            visits[f"{audience}, after {first}"] = {"page": opened, "files": len(extra), "brotli": sum(brotli_of(n) for n in extra)}
    for name, v in visits.items():
        print(f"first visit, {name} (opens {v['page']}): {v['files']} files, {v['brotli']:,d} B brotli ({v['brotli']/1000:.1f} KB)")
    limit = option("--first-visit-budget")
    if limit is not None:
        # Whichever of her pages she opens first.
        worst = max((v for name, v in visits.items() if name == first or name.startswith(f"{first}, first page")), key=lambda v: v["brotli"])
        if worst["brotli"] > int(limit):
            sys.exit(f"first-visit budget exceeded: a {first}'s first visit from {worst['page']} {worst['brotli']:,d} B brotli > {int(limit):,d} B")
        print(f"first-visit budget ok: a {first}'s first visit <= {worst['brotli']:,d} B brotli (from {worst['page']}) <= {int(limit):,d} B")
    if visit_json:
        with open(visit_json, "w", encoding="utf-8") as out:
            json.dump(visits, out, indent=2)
elif option("--first-visit-budget") is not None:
    sys.exit(f"{root}/sw.js has no per-audience lists (run scripts/postbuild.py)")

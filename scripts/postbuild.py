#!/usr/bin/env python3
"""Post-build step, run by scripts/dist.sh on dist/ (and dist-office/):
`postbuild.py DIR APPS_JSON BUNDLE` where APPS_JSON is `jokatsu apps` (the one app list).

1. Content-Security-Policy: allow only this origin; Trunk's inline loader script is
   allowed by its SHA-256 hash, no other inline script. Inserted as a <meta> at the top
   of <head> (hosts may also send it as a header: see docs/security.md). Trunk's preloads
   of the page's WebAssembly and JavaScript move up to just after it: Trunk writes them at
   the end of <head>, after the stylesheets, and the browser then asks for the largest file
   of the page only once the stylesheets have arrived (a round trip lost on a phone).
2. Service worker: fill in the files to keep for offline use per audience (the page
   table's `audience`: each page with the files its HTML and JavaScript load, Trunk's
   hashed names) and a version derived from the content, so each deploy installs a new
   worker. The bundle's first page's audience (`holder`, `office`) is kept on the first
   visit and also gets the files no page names (icons, manifest); the others (`shop`) once
   opened on a device (public/sw.js).
3. Packs: an audience's code files (but its first page's) in one file, which the worker
   fetches compressed as one (see below).
"""
import base64, hashlib, json, re, sys
from pathlib import Path

root = Path(sys.argv[1])
apps = json.loads(sys.argv[2])
bundle = sys.argv[3]
def finish_head(page):
    """The CSP meta tag and Trunk's preloads, first in <head> (1. above)."""
    html = page.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = ["'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in scripts]
    csp = "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob: mediastream:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    html = re.sub(r'\s*<meta http-equiv="?Content-Security-Policy"?[^>]*>', "", html)
    # Trunk's preloads (`rel=modulepreload`, `rel=preload`), first after the CSP.
    preload_link = r'<link\b[^>]*\brel="?(?:modulepreload|preload)"?[^>]*>'
    preloads = "".join(re.findall(preload_link, html))
    html = re.sub(r'\s*' + preload_link, "", html)
    # Right after the charset (as written, or as Trunk's minifier leaves it).
    html, n = re.subn(r'<meta charset="?utf-8"?\s*/?>', lambda m: m.group(0) + meta + preloads, html, count=1)
    if n != 1 or meta not in html:
        sys.exit(f"postbuild: could not insert the CSP meta tag in {page}")
    page.write_text(html, encoding="utf-8")
    return len(hashes)


pages = [root / a["page"] for a in apps if a["bundle"] == bundle]
missing = [str(p) for p in pages if not p.exists()]
# `--partial`: a build of some pages only (JOKATSU_PAGES into a fresh directory, e.g. the
# production end-to-end test's): the worker precaches what is there.
if missing and "--partial" in sys.argv[4:]:
    pages = [p for p in pages if p.exists()]
elif missing:
    sys.exit(f"postbuild: pages missing from the build: {missing}")
n_hashes = sum(finish_head(p) for p in pages)

# The packs of an earlier run on this folder (3. below) are written afresh.
for old in root.glob("precache-*.bin*"):
    old.unlink()
files = sorted(
    p.relative_to(root).as_posix()
    for p in root.rglob("*")
    if p.is_file() and p.relative_to(root).as_posix() != "sw.js" and not p.relative_to(root).as_posix().startswith("feed/")
    # The precompressed copies (scripts/precompress.py) are the host's business, not the worker's.
    and p.suffix not in (".br", ".gz")
)


def page_files(page):
    """The page and the files it loads: what its HTML names (quoted or not: Trunk's
    minifier drops the quotes of attribute values) and the snippets its JavaScript imports."""
    html = (root / page).read_text(encoding="utf-8")
    names = [page] + re.findall(r"""(?:['"]|=)\./([^'"\s>]+\.(?:wasm|js|css))""", html)
    for js in [n for n in names if n.endswith(".js")]:
        names += re.findall(r"""['"]\./(snippets/[^'"]+\.js)['"]""", (root / js).read_text(encoding="utf-8"))
    missing = [n for n in names if not (root / n).is_file()]
    if missing:
        sys.exit(f"postbuild: {page} loads files that are not in the build: {missing}")
    return list(dict.fromkeys(names))


audiences = {}
for a in apps:
    if a["bundle"] == bundle and (root / a["page"]).exists():
        listed = audiences.setdefault(a["audience"], [])
        claimed = {f for files_of in audiences.values() for f in files_of}
        listed += [f for f in page_files(a["page"]) if f not in claimed and f not in listed]
first = next(iter(audiences))
claimed = {f for files_of in audiences.values() for f in files_of}
audiences[first] += [f for f in files if f not in claimed]
digest = hashlib.sha256()
for f in files:
    digest.update(f.encode())
    digest.update((root / f).read_bytes())
version = digest.hexdigest()[:16]

# 3. Packs: the pages of one audience each carry their own copy of the framework, the JSON
# code and the shared domain, and brotli compresses each file alone. Compressed together,
# in one stream (scripts/precompress.py: a 16 MB window), the copies after the first cost
# little: the holder's pages but the home page, 1.34 MB brotli one by one, are 0.72 MB as
# one pack. The worker fetches a pack instead of those files when it installs
# (public/sw.js, `PACKS`) and keeps each file cut out of it. Two packs per audience, the
# worker taking the first that holds every file it still needs: without the audience's
# first page's files (a first visit there has just downloaded them), and, for the bundle's
# first audience, with them (a first visit that starts on another page of it: that page's
# files come twice, once inside, which costs less than the first page's files one by one).
# Only packs of three WebAssembly files or more (with fewer, the saving is small and an
# update pays for the rest). A pack is the files one after the other; `entries` says where.
TYPES = {".wasm": "application/wasm", ".js": "text/javascript", ".css": "text/css"}
packs = {}
for audience, listed in audiences.items():
    entry = next(a["page"] for a in apps if a["bundle"] == bundle and a["audience"] == audience and (root / a["page"]).exists())
    own = set(page_files(entry))
    code = [f for f in listed if Path(f).suffix in TYPES]
    for inside in [[f for f in code if f not in own]] + ([code] if audience == first else []):
        if sum(f.endswith(".wasm") for f in inside) < 3:
            continue
        blob, entries = bytearray(), []
        for f in inside:
            data = (root / f).read_bytes()
            entries.append([f, len(blob), len(data), TYPES[Path(f).suffix]])
            blob += data
        name = f"precache-{audience}-{hashlib.sha256(blob).hexdigest()[:16]}.bin"
        (root / name).write_bytes(blob)
        packs.setdefault(audience, []).append({"file": name, "size": len(blob), "entries": entries})

sw = root / "sw.js"
text = sw.read_text(encoding="utf-8")
text = (text.replace("__JOKATSU_VERSION__", version).replace("__JOKATSU_FIRST__", first)
        .replace("__JOKATSU_AUDIENCES__", json.dumps(audiences)).replace("__JOKATSU_PACKS__", json.dumps(packs)))
sw.write_text(text, encoding="utf-8")
kept = "; ".join(f"{a} {len(fs)}" for a, fs in audiences.items())
packed = "; ".join(f"{a}: {len(p['entries'])} files in {p['file']}" for a, ps in packs.items() for p in ps) or "none"
print(f"postbuild: CSP on {len(pages)} pages ({n_hashes} script hashes); service worker {version} keeps files per audience: {kept} (first visit: {first}); packs: {packed}")

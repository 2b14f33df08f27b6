#!/usr/bin/env python3
"""Post-build step, run by scripts/dist.sh on dist/ (and dist-office/):
`postbuild.py DIR APPS_JSON BUNDLE` where APPS_JSON is `jokatsu apps` (the one app list).

1. Content-Security-Policy: allow only this origin; Trunk's inline loader script is
   allowed by its SHA-256 hash, no other inline script. Inserted as a <meta> at the top
   of <head> (hosts may also send it as a header: see docs/security.md).
2. Service worker: fill in the precache list (Trunk's hashed file names) and a version
   derived from the content, so each deploy installs a new worker.
"""
import base64, hashlib, json, re, sys
from pathlib import Path

root = Path(sys.argv[1])
apps = json.loads(sys.argv[2])
bundle = sys.argv[3]
def add_csp(page):
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
    # Right after the charset (as written, or as Trunk's minifier leaves it).
    html, n = re.subn(r'<meta charset="?utf-8"?\s*/?>', lambda m: m.group(0) + meta, html, count=1)
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
n_hashes = sum(add_csp(p) for p in pages)

files = sorted(
    p.relative_to(root).as_posix()
    for p in root.rglob("*")
    if p.is_file() and p.relative_to(root).as_posix() != "sw.js" and not p.relative_to(root).as_posix().startswith("feed/")
    # The precompressed copies (scripts/precompress.py) are the host's business, not the worker's.
    and p.suffix not in (".br", ".gz")
)
digest = hashlib.sha256()
for f in files:
    digest.update(f.encode())
    digest.update((root / f).read_bytes())
version = digest.hexdigest()[:16]
sw = root / "sw.js"
text = sw.read_text(encoding="utf-8")
precache = "[" + ", ".join('"%s"' % f for f in ["./"] + files) + "]"
text = text.replace("__JOKATSU_VERSION__", version).replace("__JOKATSU_PRECACHE__", precache)
sw.write_text(text, encoding="utf-8")
print(f"postbuild: CSP on {len(pages)} pages ({n_hashes} script hashes); service worker {version} precaches {len(files)} files")

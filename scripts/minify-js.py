#!/usr/bin/env python3
"""Minify the pages' JavaScript (wasm-bindgen's glue, ~50 KB as written, with its comments
and indentation, and the app's own JS snippets it imports) with terser, in place, and update
the `integrity` of the entry pages' links to it. Run by scripts/dist.sh on each finished
folder, before scripts/postbuild.py.

Trunk minifies the HTML and CSS but leaves wasm-bindgen's JavaScript as written; minified it
is ~1.8 KB brotli less on every page (docs/performance.md), and the service worker's
registration snippet (`snippets/…/sw_register.js`, which every page imports) ~0.3 KB less.
A file keeps its name: Trunk's hash in it is of the unminified file, which changes whenever
the minified one does.

Usage: minify-js.py DIR"""
import base64, hashlib, re, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TERSER = ROOT / ".tools/node_modules/.bin/terser"
# wasm-bindgen's output (`<crate>-<hash>.js`; Trunk writes its 64-bit hash in hex without
# leading zeros, so 15 digits or fewer now and then) and the snippets it imports (these have
# no `integrity`: the glue imports them by path). Not sw.js: postbuild.py rewrites it.
GLUE = re.compile(r"^jokatsu[\w-]*-[0-9a-f]{1,16}\.js$")

out = Path(sys.argv[1])
if not TERSER.is_file():
    sys.exit("minify-js: terser is missing (scripts/setup.sh installs it into .tools/)")
pages = sorted(out.glob("*.html"))
done = 0
scripts = sorted(p for p in out.glob("*.js") if GLUE.match(p.name)) + sorted(out.glob("snippets/**/*.js"))
for js in scripts:
    before = js.read_bytes()
    # `--module`: an ES module (its own top-level names may be renamed; exports keep theirs).
    # The result is deterministic, so a rebuild of an unchanged page gives the same file.
    result = subprocess.run(
        [str(TERSER), "--module", "--compress", "--mangle", "--comments", "false"],
        input=before, capture_output=True, check=False)
    if result.returncode != 0 or not result.stdout:
        sys.exit(f"minify-js: terser failed on {js.name}: {result.stderr.decode(errors='replace')}")
    after = result.stdout
    if after == before:
        continue
    js.write_bytes(after)
    old = "sha384-" + base64.b64encode(hashlib.sha384(before).digest()).decode()
    new = "sha384-" + base64.b64encode(hashlib.sha384(after).digest()).decode()
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if old in html:
            page.write_text(html.replace(old, new), encoding="utf-8")
    done += 1
# Every script an entry page links must be one of those (a name the pattern missed would
# go out as written, ~1.6 KB brotli more on that page, and nothing else would notice).
minified = {p.relative_to(out).as_posix() for p in scripts}
for page in pages:
    for name in re.findall(r'(?:href|src)="?\./([^" >]+\.js)', page.read_text(encoding="utf-8")):
        if name != "sw.js" and name not in minified:
            sys.exit(f"minify-js: {page.name} links {name}, which is not minified")
print(f"minify-js: {done} files in {out}")

#!/usr/bin/env python3
"""Assemble the demo feed public/feed/feed.json from the fragments in feed-src/.

base.json holds the header; every other fragment contributes its top-level keys. A key
defined twice is an error. `--check` fails if the committed feed is out of date (CI).
"""
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
src = root / "feed-src"
feed = json.loads((src / "base.json").read_text(encoding="utf-8"))
for frag in sorted(src.glob("*.json")):
    if frag.name == "base.json":
        continue
    data = json.loads(frag.read_text(encoding="utf-8"))
    for key, value in data.items():
        if key in feed:
            sys.exit(f"build-demo-feed: {frag.name} redefines {key!r}")
        feed[key] = value
out = json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
target = root / "public" / "feed" / "feed.json"
if "--check" in sys.argv:
    if not target.exists() or target.read_text(encoding="utf-8") != out:
        sys.exit("build-demo-feed: public/feed/feed.json is out of date; run scripts/build-demo-feed.py")
else:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(out, encoding="utf-8")

#!/usr/bin/env python3
"""Office-only code never reaches a public page: no WebAssembly of the public bundle
(dist/) holds the office's file-format names (key files, the issuance register, the
settlement state), while the office bundle (dist-office/) does — so the check can fail.

`office-only-check.py DIST DIST_OFFICE`; exit 1 naming the file and the marker."""
import pathlib
import sys

MARKERS = [b"jokatsu-keyfile", b"jokatsu-issuance-register", b"jokatsu-settlement-state"]


def wasm_files(root):
    return sorted(p for p in pathlib.Path(root).rglob("*.wasm"))


def main():
    public, office = sys.argv[1], sys.argv[2]
    bad = []
    files = wasm_files(public)
    if not files:
        print(f"no WebAssembly in {public}", file=sys.stderr)
        return 1
    for f in files:
        data = f.read_bytes()
        bad += [f"{f}: {m.decode()}" for m in MARKERS if m in data]
    office_data = b"".join(p.read_bytes() for p in wasm_files(office))
    missing = [m.decode() for m in MARKERS if m not in office_data]
    if missing:
        print(f"the office bundle lacks {missing}: the markers are stale", file=sys.stderr)
        return 1
    if bad:
        print("office-only code in a public page:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    print(f"ok: none of {len(files)} public WebAssembly files holds office-only code")
    return 0


if __name__ == "__main__":
    sys.exit(main())

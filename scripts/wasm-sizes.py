#!/usr/bin/env python3
"""Where a page's WebAssembly bytes go: function body sizes summed by crate and module.

Reads the WebAssembly as cargo writes it (before wasm-bindgen and wasm-opt), which still has
the `name` custom section, e.g.

    cargo build --release --target wasm32-unknown-unknown --bin jokatsu-tickets
    scripts/wasm-sizes.py target/wasm32-unknown-unknown/release/jokatsu-tickets.wasm
    scripts/wasm-sizes.py --depth 3 --top 40 FILE     # group by crate::module::module
    scripts/wasm-sizes.py --functions --top 50 FILE   # the largest single functions
    scripts/wasm-sizes.py --grep serde FILE           # functions whose name contains "serde"

Sizes are of the un-optimised (pre wasm-opt) code section, so they rank the contributors; the
served page is wasm-opt -Oz then brotli (about a third of these bytes). Names are demangled
roughly (Rust legacy `_ZN…E` mangling, hash dropped); a generic function is grouped under the
path of its impl (`<T as Trait>::f` under T's crate), so "core"/"alloc" rows are mostly code
monomorphised for this crate's types. Data (string constants, tables) is reported as one row.
No dependencies beyond the Python standard library.
"""
import argparse, re, sys
from collections import defaultdict


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(b):
    if b[:4] != b"\0asm":
        sys.exit("not a WebAssembly file")
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        yield sid, j, j + size
        i = j + size


def imported_functions(b, start, end):
    n, i = leb(b, start)
    count = 0
    for _ in range(n):
        for _ in range(2):
            ln, i = leb(b, i)
            i += ln
        kind = b[i]
        i += 1
        if kind == 0:
            _, i = leb(b, i)
            count += 1
        elif kind == 1:
            i += 1
            flags, i = leb(b, i)
            _, i = leb(b, i)
            if flags & 1:
                _, i = leb(b, i)
        elif kind == 2:
            flags, i = leb(b, i)
            _, i = leb(b, i)
            if flags & 1:
                _, i = leb(b, i)
        elif kind == 3:
            i += 2
        elif kind == 4:
            i += 1
            _, i = leb(b, i)
    return count


def names(b, start, end):
    ln, i = leb(b, start)
    if b[i:i + ln] != b"name":
        return None
    i += ln
    out = {}
    while i < end:
        sub = b[i]
        size, i = leb(b, i + 1)
        if sub == 1:
            n, k = leb(b, i)
            for _ in range(n):
                idx, k = leb(b, k)
                sl, k = leb(b, k)
                out[idx] = b[k:k + sl].decode("utf-8", "replace")
                k += sl
        i += size
    return out


ESC = {"$LT$": "<", "$GT$": ">", "$RF$": "&", "$BP$": "*", "$C$": ",", "$u20$": " ",
       "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}", "$u7e$": "~",
       "$u3b$": ";", "$u2b$": "+", "$u22$": '"', "$SP$": "@"}


def demangle_v0(name):
    """Rust v0 mangling (the standard library uses it), very roughly: the identifiers in order,
    which puts the crate first: `_RNvNtCs…_5alloc6string4from` -> `alloc::string::from`."""
    i, parts = 2, []
    while i < len(name):
        if name[i].isdigit():
            j = i
            while j < len(name) and name[j].isdigit():
                j += 1
            n = int(name[i:j])
            if j < len(name) and name[j] == "_":
                j += 1
            parts.append(name[j:j + n])
            i = j + n
        elif name[i] == "C" and name[i + 1:i + 2] == "s":
            i = name.index("_", i) + 1
        else:
            i += 1
    return "::".join(p for p in parts if p)


def demangle(name):
    """Rust legacy mangling, roughly: `_ZN3foo3bar17h0123456789abcdefE` -> `foo::bar`."""
    if name.startswith("_R"):
        return demangle_v0(name)
    if not name.startswith("_ZN"):
        # wasm-bindgen's output has the names demangled already, hash kept.
        # (and the standard library's v0 names with their crate hashes: `core[c593…]`).
        return re.sub(r"\[[0-9a-f]{16}\]", "", re.sub(r"::h[0-9a-f]{16}$", "", name))
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        parts.append(name[j:j + n])
        i = j + n
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    s = "::".join(parts)
    for k, v in ESC.items():
        s = s.replace(k, v)
    s = s.replace("..", "::")
    if s.startswith("_<"):
        s = s[1:]
    return s


def group(name, depth):
    """The crate/module path a function is counted under."""
    d = demangle(name)
    if d.startswith("<"):
        # `<T as Trait>::f` or `<T>::f`: count under T's path.
        inner = d[1:]
        inner = re.sub(r"^(&mut |&|\*const |\*mut |\[)+", "", inner)
        # A blanket impl (`<T as Trait>`): count under the trait's path.
        m = re.match(r"^[A-Z]\w{0,2} as (.*)", inner)
        d = m.group(1) if m else inner
    d = re.split(r"[<> ,;]", d, 1)[0]
    parts = [p for p in d.split("::") if p]
    if not parts:
        return "?"
    if not name.startswith(("_ZN", "_R")) and "::" not in name:
        return "(unmangled) " + name.split("$")[0][:40] if depth > 1 else "(unmangled)"
    return "::".join(parts[:depth])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("wasm")
    ap.add_argument("--depth", type=int, default=2, help="path segments to group by (default 2)")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--functions", action="store_true", help="list single functions")
    ap.add_argument("--grep", help="only functions whose demangled name contains this")
    a = ap.parse_args()
    b = open(a.wasm, "rb").read()
    nimp, bodies, fnames, data, total = 0, [], {}, 0, len(b)
    for sid, s, e in sections(b):
        if sid == 2:
            nimp = imported_functions(b, s, e)
        elif sid == 10:
            n, i = leb(b, s)
            for _ in range(n):
                size, j = leb(b, i)
                bodies.append(size)
                i = j + size
        elif sid == 11:
            data = e - s
        elif sid == 0:
            got = names(b, s, e)
            if got is not None:
                fnames = got
    if not fnames:
        sys.exit("no name section: use the WebAssembly cargo writes, before wasm-opt")
    rows = defaultdict(lambda: [0, 0])
    code = sum(size for k, size in enumerate(bodies)
               if not fnames.get(nimp + k, "").startswith("__wbindgen_describe")
               and "WasmDescribe>::describe" not in fnames.get(nimp + k, ""))
    for k, size in enumerate(bodies):
        name = fnames.get(nimp + k, f"func{nimp + k}")
        if name.startswith("__wbindgen_describe") or "WasmDescribe>::describe" in name:
            continue  # wasm-bindgen's type descriptions: it removes them
        if a.grep and a.grep not in demangle(name):
            continue
        key = demangle(name) if a.functions else group(name, a.depth)
        rows[key][0] += size
        rows[key][1] += 1
    shown = sorted(rows.items(), key=lambda kv: -kv[1][0])
    print(f"{a.wasm}: {total} bytes, code {code} ({len(bodies)} functions), data {data}")
    sel = sum(v[0] for v in rows.values())
    if a.grep:
        print(f"matching '{a.grep}': {sel} bytes in {sum(v[1] for v in rows.values())} functions")
    print(f"{'bytes':>9} {'%code':>6} {'fns':>5}  {'function' if a.functions else 'crate/module'}")
    for key, (size, n) in shown[:a.top]:
        print(f"{size:9d} {100 * size / code:6.1f} {n:5d}  {key[:160]}")
    if not a.functions and not a.grep:
        print(f"{data:9d} {'':6} {'':5}  (data section: strings, tables)")


if __name__ == "__main__":
    main()

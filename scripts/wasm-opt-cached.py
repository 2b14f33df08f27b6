#!/usr/bin/env python3
"""wasm-opt with a cache: Trunk calls this (as `wasm-opt` on PATH, .tools/bin) once per page.
The output is kept under target/wasm-opt-cache/ by the hash of the input WebAssembly and the
arguments, so a page whose WebAssembly did not change since the last build is not optimised
again (wasm-opt is the slowest per-page step: tens of seconds on a busy 2-core machine).
Anything it cannot follow (no input or output named) runs wasm-opt as it is."""
import hashlib, os, shutil, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / ".tools/node_modules/binaryen/bin/wasm-opt"
CACHE = ROOT / "target/wasm-opt-cache"


def main(argv):
    out, inputs, rest, i = None, [], [], 0
    while i < len(argv):
        a = argv[i]
        if a in ("-o", "--output") and i + 1 < len(argv):
            out = argv[i + 1]
            i += 2
            continue
        if a.startswith("--output="):
            out = a.split("=", 1)[1]
        elif not a.startswith("-") and a.endswith(".wasm") and Path(a).is_file():
            inputs.append(a)
        else:
            rest.append(a)
        i += 1
    if out is None or len(inputs) != 1:
        return subprocess.call([str(REAL), *argv])
    h = hashlib.sha256()
    h.update(Path(inputs[0]).read_bytes())
    h.update("\0".join(rest).encode())
    h.update(str(REAL.resolve()).encode())
    cached = CACHE / f"{h.hexdigest()}.wasm"
    if cached.is_file():
        shutil.copyfile(cached, out)
        print(f"wasm-opt: {Path(out).name} from the cache", file=sys.stderr)
        return 0
    code = subprocess.call([str(REAL), *argv])
    if code == 0 and Path(out).is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        shutil.copyfile(out, tmp)
        tmp.replace(cached)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

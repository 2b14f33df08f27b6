#!/usr/bin/env python3
"""Independent check of tests/vectors/tickets.json using only docs/ticket-format.md and the
Python `cryptography` package (RFC 8032 Ed25519). Run: python3 tests/vectors/check_vectors.py

Implements the documented check order except the strict small-order rules (the vectors do
not exercise them)."""
import base64, datetime, json, pathlib, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature

EPOCH = datetime.date(1970, 1, 1)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

def b64u(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

def b32(s):
    if any(c not in B32 for c in s) or len(s) != 143:
        raise ValueError("bad base32")
    return base64.b32decode(s + "=" * (-len(s) % 8))

def ok(pk, msg, sig):
    try:
        Ed25519PublicKey.from_public_bytes(pk).verify(sig, msg)
        return True
    except InvalidSignature:
        return False

def day(n):
    return EPOCH + datetime.timedelta(days=n)

def load_keys(keys, root):
    msg = b"jokatsu-keys-v1" + bytes([len(keys["issuers"])])
    for k in keys["issuers"]:
        nb = (datetime.date.fromisoformat(k["not_before"]) - EPOCH).days
        na = (datetime.date.fromisoformat(k["not_after"]) - EPOCH).days
        msg += bytes([k["id"]]) + b64u(k["public_key"]) + nb.to_bytes(2, "big") + na.to_bytes(2, "big") + bytes([1 if k["demo"] else 0])
    if not ok(root, msg, b64u(keys["signature"])):
        return None
    return {k["id"]: (b64u(k["public_key"]), datetime.date.fromisoformat(k["not_before"]), datetime.date.fromisoformat(k["not_after"]), k["demo"]) for k in keys["issuers"]}

def used_set(used):
    out = set()
    for b in used:
        bits = b64u(b["bits"])
        out |= {(b["batch"], i) for i in range(b["count"]) if bits[i // 8] >> (i % 8) & 1}
    return out

def verdict(text, keys, accept_demo, today, used):
    if not text.startswith("JK1:"):
        return "malformed"
    try:
        raw = b32(text[4:])
    except ValueError:
        return "malformed"
    body, sig = raw[:25], raw[25:]
    if len(raw) != 89 or body[0] != 1 or body[1] & 0xFE or body[2] == 0:
        return "malformed"
    batch, index = int.from_bytes(body[3:7], "big"), int.from_bytes(body[7:9], "big")
    face, share = int.from_bytes(body[9:13], "big"), int.from_bytes(body[13:17], "big")
    vf, vu = day(int.from_bytes(body[21:23], "big")), day(int.from_bytes(body[23:25], "big"))
    if face == 0 or share > face or vu < vf:
        return "malformed"
    if body[2] not in keys:
        return "unknown_key"
    pk, nb, na, demo_key = keys[body[2]]
    if not ok(pk, b"jokatsu-ticket-v1" + body, sig):
        return "forged"
    if (body[1] & 1 or demo_key) and not accept_demo:
        return "demo_not_accepted"
    if not (nb <= vf <= na):
        return "key_not_valid_for_ticket"
    if today < vf:
        return "not_yet_valid"
    if today > vu:
        return "expired"
    if (batch, index) in used:
        return "already_used"
    return "valid"

def main():
    v = json.loads((pathlib.Path(__file__).parent / "tickets.json").read_text())
    root = b64u(v["root_public_key"])
    failures = 0
    for kl in v["key_lists"]:
        got = "ok" if load_keys(kl["keys"], root) is not None else "not_signed_by_root"
        failures += got != kl["expected"]
        print(f"key list {kl['name']}: {got} (expected {kl['expected']})")
    keys = load_keys(v["keys"], root)
    used = used_set(v["used"])
    today = datetime.date.fromisoformat(v["today"])
    for c in v["cases"]:
        got = verdict(c["ticket"], keys, c["policy"] == "demo", today, used)
        failures += got != c["expected"]
        print(f"ticket {c['name']}: {got} (expected {c['expected']})")
    sys.exit(1 if failures else 0)

main()

#!/usr/bin/env python3
"""Independent check of tests/vectors/tickets.json using only docs/ticket-format.md,
docs/feed-tickets.md and the Python `cryptography` package (RFC 8032 Ed25519).
Run: python3 tests/vectors/check_vectors.py

Implements the documented check order, the key list v2 and used data v2 signed bytes and
the sequence rule, except the strict small-order rules (the vectors do not exercise them)."""
import base64, datetime, json, pathlib, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.exceptions import InvalidSignature

EPOCH = datetime.date(1970, 1, 1)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
ROLES = {"issuer": 1, "used": 2}

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

def days(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days

def u16(n):
    return n.to_bytes(2, "big")

def key_list_message(kl):
    msg = b"jokatsu-keys-v2" + kl["sequence"].to_bytes(8, "big") + u16(days(kl["signed_at"])) + u16(days(kl["expires"]))
    msg += bytes([len(kl["keys"])])
    for k in kl["keys"]:
        msg += bytes([k["id"], ROLES[k["role"]]]) + b64u(k["public_key"])
        msg += u16(days(k["not_before"])) + u16(days(k["not_after"]))
        msg += u16(k["max_validity_days"]) + k["max_face_value"].to_bytes(4, "big") + bytes([1 if k["demo"] else 0])
    return msg

def load_keys(kl, root):
    """None if the root signature does not verify; else the list's header and keys."""
    if kl.get("version") != 2 or not ok(root, key_list_message(kl), b64u(kl["signature"])):
        return None
    keys = {k["id"]: dict(k, pk=b64u(k["public_key"]),
                           nb=datetime.date.fromisoformat(k["not_before"]),
                           na=datetime.date.fromisoformat(k["not_after"])) for k in kl["keys"]}
    return {"sequence": kl["sequence"], "expires": datetime.date.fromisoformat(kl["expires"]), "keys": keys}

def sequence_rule(held, offered):
    if held is None or offered > held:
        return "accept"
    return "same" if offered == held else "rolled_back"

def used_message(u):
    msg = b"jokatsu-used-v2" + u["sequence"].to_bytes(8, "big") + u16(days(u["signed_at"])) + bytes([u["signer"]])
    msg += len(u["batches"]).to_bytes(4, "big")
    for b in u["batches"]:
        msg += bytes([1 if b["demo"] else 0, b["key"]]) + b["batch"].to_bytes(4, "big") + b["count"].to_bytes(4, "big") + b64u(b["bits"])
    return msg

def load_used(u, root, keys):
    """(outcome, set of identities (demo, key, batch, index))."""
    if isinstance(u, list) or "signature" not in u or not u["signature"]:
        return "unsigned", None
    if u["signer"] == 0:
        pk = root
    else:
        k = keys["keys"].get(u["signer"])
        if k is None or k["role"] != "used":
            return "unknown_signer", None
        if not (k["nb"] <= datetime.date.fromisoformat(u["signed_at"]) <= k["na"]):
            return "signer_not_valid", None
        pk = k["pk"]
    if not ok(pk, used_message(u), b64u(u["signature"])):
        return "bad_signature", None
    out = set()
    for b in u["batches"]:
        bits = b64u(b["bits"])
        if len(bits) != (b["count"] + 7) // 8:
            return "invalid", None
        out |= {(b["demo"], b["key"], b["batch"], i) for i in range(b["count"]) if bits[i // 8] >> (i % 8) & 1}
    return "ok", out

def ident(t):
    demo, key, batch, index = t
    return f"{'DEMO-' if demo else ''}K{key}-{batch}-{index:05d}"

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
    k = keys["keys"].get(body[2])
    if k is None or k["role"] != "issuer":
        return "unknown_key"
    if not ok(k["pk"], b"jokatsu-ticket-v1" + body, sig):
        return "forged"
    if (body[1] & 1 or k["demo"]) and not accept_demo:
        return "demo_not_accepted"
    if not (k["nb"] <= vf <= k["na"]):
        return "key_not_valid_for_ticket"
    maxd = k["max_validity_days"]
    if (vu - vf).days > maxd or vu > k["na"] + datetime.timedelta(days=maxd) or face > k["max_face_value"]:
        return "outside_key_bounds"
    if today < vf:
        return "not_yet_valid"
    if today > vu:
        return "expired"
    if (bool(body[1] & 1), body[2], batch, index) in used:
        return "already_used"
    return "valid"

def main():
    v = json.loads((pathlib.Path(__file__).parent / "tickets.json").read_text())
    root = b64u(v["root_public_key"])
    today = datetime.date.fromisoformat(v["today"])
    failures = 0
    def check(what, got, expected):
        nonlocal failures
        failures += got != expected
        print(f"{what}: {got} (expected {expected})")
    check("key list message bytes", key_list_message(v["keys"]).hex(), v["keys_signed_message_hex"])
    for kl in v["key_lists"]:
        if kl["keys"] is None:
            got, expired = "missing", False
        else:
            loaded = load_keys(kl["keys"], root)
            if loaded is None:
                got, expired = "not_signed_by_root", False
            else:
                got, expired = sequence_rule(kl["held_sequence"], loaded["sequence"]), today > loaded["expires"]
        check(f"key list {kl['name']}", (got, expired), (kl["expected"], kl.get("expired", False)))
    keys = load_keys(v["keys"], root)
    check("used message bytes", used_message(v["used"]).hex(), v["used_signed_message_hex"])
    for ul in v["used_lists"]:
        outcome, ids = load_used(ul["used"], root, keys)
        if outcome == "ok":
            outcome = sequence_rule(ul["held_sequence"], ul["used"]["sequence"])
            if ul["expected"] == "accept":
                check(f"used list {ul['name']} ids", sorted(map(ident, ids)), sorted(ul["used_ids"]))
        check(f"used list {ul['name']}", outcome, ul["expected"])
    outcome, used = load_used(v["used"], root, keys)
    check("used section", outcome, "ok")
    for c in v["cases"]:
        got = verdict(c["ticket"], keys, c["policy"] == "demo", today, used)
        check(f"ticket {c['name']}", got, c["expected"])
    sys.exit(1 if failures else 0)

main()

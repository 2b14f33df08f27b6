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

# --- parse_scanned (docs/ticket-format.md, "Reading scanned or pasted text") ---
BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))

def stripped(c):
    o = ord(c)
    return (o < 0x20 or 0x7F <= o <= 0x9F or o in BIDI or o in (0x2028, 0x2029, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)
            or 0xE000 <= o <= 0xF8FF or 0xFDD0 <= o <= 0xFDEF or (o & 0xFFFE) == 0xFFFE)

def clean_line(t):
    return "".join(c for c in t if not stripped(c)).strip()

def clean_multiline(t):
    t = t.replace("\r\n", "\n").replace("\r", "\n")
    out, breaks = [], 0
    for c in t:
        if c == "\n":
            breaks += 1
            if breaks <= 2:
                out.append(c)
        elif not stripped(c):
            breaks = 0
            out.append(c)
    return "".join(out).strip()

class ScanErr(Exception):
    pass

def read_code(s, is_code, needed):
    code, rest = "", s
    while True:
        end = 0
        while end < len(rest) and is_code(rest[end]):
            end += 1
        code += rest[:end]
        rest = rest[end:]
        if not code or len(code) >= needed(code):
            return code, rest
        for brk in ("\r\n", "\n", "\r"):
            if rest.startswith(brk):
                nxt = rest[len(brk):].lstrip(" \t")
                break
        else:
            return code, rest
        if not nxt or not is_code(nxt[0]):
            return code, rest
        rest = nxt

def is_b32(c):
    return c in B32

def is_b64u(c):
    return c.isascii() and (c.isalnum() or c in "-_")

def bundle_len(code):
    try:
        head = b64u(code[:4]) if len(code) >= 4 else None
    except Exception:
        head = None
    if head is None:
        return 4
    if head[0] != 1:
        return 0
    count = min(int.from_bytes(head[1:3], "big"), 100)
    return ((3 + count * 89) * 8 + 5) // 6

def ticket_struct(raw):
    """Structural ticket check (docs: bytes table); raises on malformed."""
    if len(raw) != 89 or raw[0] != 1 or raw[1] & 0xFE or raw[2] == 0:
        raise ValueError
    face, share = int.from_bytes(raw[9:13], "big"), int.from_bytes(raw[13:17], "big")
    if face == 0 or share > face or int.from_bytes(raw[23:25], "big") < int.from_bytes(raw[21:23], "big"):
        raise ValueError

def to_text(raw):
    return "JK1:" + base64.b32encode(raw).decode().rstrip("=")

def pct_decode(s):
    out, i, b = bytearray(), 0, s.encode()
    while i < len(b):
        if b[i:i+1] == b"%":
            h = b[i+1:i+3]
            if len(h) != 2 or any(x not in b"0123456789abcdefABCDEF" for x in h):
                raise ScanErr("gift_encoding")
            out.append(int(h, 16)); i += 3
        elif b[i:i+1] == b"+":
            out.append(0x20); i += 1
        else:
            out.append(b[i]); i += 1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise ScanErr("gift_encoding")

def parse_scanned(text):
    if len(text.encode()) > 16 * 1024:
        raise ScanErr("too_long")
    if "JKB1:" in text:
        pos = text.index("JKB1:")
        code, rest = read_code(text[pos + 5:], is_b64u, bundle_len)
        if "JKB1:" in rest or "JK1:" in text:
            raise ScanErr("ambiguous")
        try:
            if len(code) % 4 == 1:
                raise ValueError
            raw = b64u(code)
        except Exception:
            raise ScanErr("bundle_encoding")
        if len(raw) < 1 or raw[0] != 1:
            raise ScanErr("bundle_version" if raw else "bundle_length")
        if len(raw) < 3:
            raise ScanErr("bundle_length")
        count = int.from_bytes(raw[1:3], "big")
        if not 1 <= count <= 100:
            raise ScanErr("bundle_count")
        if len(raw) != 3 + 89 * count:
            raise ScanErr("bundle_length")
        tickets, seen = [], set()
        for i in range(count):
            t = raw[3 + 89 * i: 3 + 89 * (i + 1)]
            try:
                ticket_struct(t)
            except ValueError:
                raise ScanErr("bundle_ticket")
            tickets.append(t)
        for t in tickets:
            ident = (t[1] & 1, t[2], t[3:9])
            if ident in seen:
                raise ScanErr("bundle_duplicate")
            seen.add(ident)
        return {"kind": "bundle", "tickets": [to_text(t) for t in tickets]}
    if "JK1:" not in text:
        raise ScanErr("nothing_found")
    pos = text.index("JK1:")
    code, rest = read_code(text[pos + 4:], is_b32, lambda _: 143)
    if "JK1:" in rest:
        raise ScanErr("ambiguous")
    if rest[:1].isascii() and rest[:1].isalnum():
        raise ScanErr("damaged")
    try:
        raw = b32(code)
        ticket_struct(raw)
    except Exception:
        raise ScanErr("damaged")
    if not text[:pos].endswith("/gift/"):
        return {"kind": "ticket", "ticket": to_text(raw)}
    fields = {"from": None, "msg": None}
    if rest.startswith("?"):
        query = ""
        for c in rest[1:]:
            if c.isspace() or not c.isascii():
                break
            query += c
        seen = set()
        for pair in filter(None, query.split("&")):
            key, _, value = pair.partition("=")
            if key not in fields:
                continue
            if key in seen:
                raise ScanErr("gift_encoding")
            seen.add(key)
            fields[key] = pct_decode(value)
    frm = clean_line(fields["from"]) if fields["from"] is not None else None
    msg = clean_multiline(fields["msg"]) if fields["msg"] is not None else None
    frm, msg = frm or None, msg or None
    if frm is not None and len(frm) > 40:
        raise ScanErr("gift_from_too_long")
    if msg is not None and len(msg) > 140:
        raise ScanErr("gift_message_too_long")
    return {"kind": "gift", "ticket": to_text(raw), "from": frm, "msg": msg}

def scan_outcome(text):
    try:
        return parse_scanned(text)
    except ScanErr as e:
        return {"kind": "error", "code": str(e)}

def main():
    v = json.loads((pathlib.Path(__file__).parent / "tickets.json").read_text())
    root = b64u(v["root_public_key"])
    today = datetime.date.fromisoformat(v["today"])
    failures = 0
    def check(what, got, expected):
        nonlocal failures
        failures += got != expected
        if len(repr(got)) > 100:
            print(f"{what}: {'ok' if got == expected else 'MISMATCH'}")
        else:
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
    for c in v["scan_cases"]:
        check(f"scan {c['name']}", scan_outcome(c["input"]), c["expected"])
    for c in v["cases"]:
        got = verdict(c["ticket"], keys, c["policy"] == "demo", today, used)
        check(f"ticket {c['name']}", got, c["expected"])
    sys.exit(1 if failures else 0)

main()

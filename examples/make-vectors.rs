//! Generates `tests/vectors/tickets.json`:
//! `cargo run --example make-vectors > tests/vectors/tickets.json`
//!
//! Deterministic: fixed seeds (all PUBLIC test/demo seeds), fixed dates.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use jokatsu::domain::shared::base64url;
use jokatsu::domain::tickets::core::bundle::{parse_scanned, Bundle, Gift, Scanned};
use jokatsu::domain::tickets::core::keys::{
    demo, key_list_message, sign_key_list, IssuerKey, KeyId, KeyListHeader, KeyRole,
};
use jokatsu::domain::tickets::core::ticket::{
    issue, EmployerId, Serial, Ticket, TicketId, TicketSpec, Yen, BODY_LEN, TICKET_LEN,
};
use jokatsu::domain::tickets::core::used::{UsedHeader, UsedSet};
use serde_json::{json, Value};

/// Seed of the non-demo test-vector issuer key (id 2). PUBLIC: test vectors only.
const VECTOR_KEY_SEED: [u8; 32] = *b"JOKATSU-TEST-VECTOR-KEY-2-PUBLIC";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base_spec() -> TicketSpec {
    TicketSpec {
        demo: false,
        key_id: KeyId::new(2).expect("id"),
        serial: Serial::new(202612, 3),
        face_value: Yen(1000),
        employer_share: Yen(500),
        employer: EmployerId(4242),
        valid_from: d(2026, 12, 1),
        valid_until: d(2027, 2, 28),
    }
}

fn case(name: &str, text: String, policy: &str, expected: &str, note: &str) -> Value {
    let mut v = json!({
        "name": name,
        "ticket": text,
        "policy": policy,
        "expected": expected,
        "note": note,
    });
    if let Ok(t) = Ticket::from_text(v["ticket"].as_str().unwrap_or_default()) {
        let bytes = t.to_bytes();
        v["body_hex"] = json!(hex(&bytes[..BODY_LEN]));
        v["signed_message_hex"] = json!(hex(&t.body().signed_message()));
        v["signature_hex"] = json!(hex(&bytes[BODY_LEN..]));
    }
    v
}

fn header(sequence: u64, expires: NaiveDate) -> KeyListHeader {
    KeyListHeader {
        sequence,
        signed_at: d(2026, 11, 1),
        expires,
    }
}

fn main() {
    let key2 = SigningKey::from_bytes(&VECTOR_KEY_SEED);
    let issuer2 = IssuerKey {
        id: KeyId::new(2).expect("id"),
        role: KeyRole::Issuer,
        public_key: key2.verifying_key(),
        not_before: d(2026, 7, 1),
        not_after: d(2027, 6, 30),
        max_validity_days: 92,
        max_face_value: Yen(1000),
        demo: false,
        label: "test-vector key (not a real city key)".into(),
        revoked_from: None,
    };
    let root = demo::root_signing_key();
    let listed = [demo::issuer_key(), issuer2.clone(), demo::used_key()];
    let good_header = header(5, d(2027, 6, 30));
    let keys = sign_key_list(&good_header, &listed, &root).expect("key list");
    let keys_message = key_list_message(&good_header, &listed).expect("message");
    let mut tampered = keys.clone();
    tampered.keys[1].not_after = "2099-12-31".into();
    let mut tampered_sequence = keys.clone();
    tampered_sequence.sequence = 9;
    let mut tampered_bounds = keys.clone();
    tampered_bounds.keys[1].max_face_value = 4_294_967_295;
    let other_root = SigningKey::from_bytes(&[0x55; 32]);
    let foreign =
        sign_key_list(&good_header, std::slice::from_ref(&issuer2), &other_root).expect("key list");
    let older = sign_key_list(&header(3, d(2027, 6, 30)), &listed, &root).expect("key list");
    let expired_list =
        sign_key_list(&header(6, d(2026, 11, 30)), &listed, &root).expect("key list");

    let sign = |spec: TicketSpec, key: &SigningKey| issue(spec, key).expect("issue");
    let valid = sign(base_spec(), &key2);

    let mut forged = valid.to_bytes();
    forged[TICKET_LEN - 1] ^= 0x01;
    let forged = Ticket::from_bytes(&forged).expect("structure");

    let expired = sign(
        TicketSpec {
            serial: Serial::new(202609, 10),
            valid_from: d(2026, 9, 1),
            valid_until: d(2026, 11, 30),
            ..base_spec()
        },
        &key2,
    );
    let not_yet = sign(
        TicketSpec {
            serial: Serial::new(202701, 10),
            valid_from: d(2027, 1, 1),
            valid_until: d(2027, 3, 31),
            ..base_spec()
        },
        &key2,
    );
    let unknown = sign(
        TicketSpec {
            key_id: KeyId::new(7).expect("id"),
            ..base_spec()
        },
        &SigningKey::from_bytes(&[0x77; 32]),
    );
    let demo_ticket = sign(
        TicketSpec {
            demo: true,
            key_id: demo::DEMO_ISSUER_KEY_ID,
            employer: EmployerId(9001),
            ..base_spec()
        },
        &demo::issuer_signing_key(),
    );
    let outside_window = sign(
        TicketSpec {
            serial: Serial::new(202606, 1),
            valid_from: d(2026, 6, 1),
            valid_until: d(2027, 1, 31),
            ..base_spec()
        },
        &key2,
    );
    let used = sign(
        TicketSpec {
            serial: Serial::new(202612, 4),
            ..base_spec()
        },
        &key2,
    );
    let mut bad_version = valid.to_bytes();
    bad_version[0] = 2;
    let bad_version = format!(
        "JK1:{}",
        jokatsu::domain::tickets::core::base32::encode(&bad_version)
    );

    let out_of_bounds_face = sign(
        TicketSpec {
            serial: Serial::new(202612, 7),
            face_value: Yen(5000),
            ..base_spec()
        },
        &key2,
    );
    let out_of_bounds_days = sign(
        TicketSpec {
            serial: Serial::new(202612, 8),
            valid_until: d(2027, 6, 30),
            ..base_spec()
        },
        &key2,
    );
    // A demo ticket with the same batch and index as the used real ticket: another
    // identity, so not used.
    let demo_same_serial = sign(
        TicketSpec {
            demo: true,
            key_id: demo::DEMO_ISSUER_KEY_ID,
            serial: Serial::new(202612, 4),
            employer: EmployerId(9001),
            ..base_spec()
        },
        &demo::issuer_signing_key(),
    );

    let mut used_set = UsedSet::new();
    used_set.mark(used.body().id());
    used_set.mark(TicketId {
        demo: true,
        key: demo::DEMO_ISSUER_KEY_ID,
        serial: Serial::new(202612, 9),
    });
    let used_header = UsedHeader {
        sequence: 3,
        signed_at: d(2026, 12, 10),
        signer: Some(demo::DEMO_USED_KEY_ID),
    };
    let used_signed = used_set
        .sign(&used_header, &demo::used_signing_key())
        .expect("used");
    let used_message = used_set.signed_message(&used_header).expect("message");
    let by_root = used_set
        .sign(
            &UsedHeader {
                signer: None,
                ..used_header
            },
            &root,
        )
        .expect("used");
    let mut used_tampered = used_signed.clone();
    used_tampered.batches[0].bits = "AA".into();
    let mut used_unsigned = serde_json::to_value(&used_signed).expect("json");
    if let Some(o) = used_unsigned.as_object_mut() {
        o.remove("signature");
    }
    let used_v1 = json!([{"batch": 202612, "count": 5, "bits": "EA"}]);
    let used_older = UsedSet::new()
        .sign(
            &UsedHeader {
                sequence: 2,
                ..used_header
            },
            &demo::used_signing_key(),
        )
        .expect("used");
    let used_by_issuer = used_set
        .sign(
            &UsedHeader {
                signer: Some(KeyId::new(2).expect("id")),
                ..used_header
            },
            &key2,
        )
        .expect("used");
    // Key 2 leaked: list 7 revokes it from 2026-12-10 (the revocation trailer).
    let mut revoked2 = issuer2.clone();
    revoked2.revoked_from = Some(d(2026, 12, 10));
    let revoking = [demo::issuer_key(), revoked2, demo::used_key()];
    let revoking_header = header(7, d(2027, 6, 30));
    let revoking_keys = sign_key_list(&revoking_header, &revoking, &root).expect("key list");
    let revoking_message = key_list_message(&revoking_header, &revoking).expect("message");
    let mut revocation_removed = revoking_keys.clone();
    revocation_removed.keys[1].revoked_from = None;
    let scan_cases = scan_vectors(&valid, &demo_ticket, &expired);
    let ids = |set: &UsedSet| -> Vec<String> { set.ids().map(|id| id.to_string()).collect() };

    let out = json!({
        "description": "JOKATSU ticket v1 test vectors, key list v2 and used data v2. See docs/ticket-format.md and docs/feed-tickets.md. Verify each ticket with `keys` (checked against root_public_key), `used` (checked against the root or the used-role key), the policy and `today`; expect the verdict code. key_lists and used_lists: verify, then compare with held_sequence.",
        "generated_by": "cargo run --example make-vectors",
        "root_public_key": jokatsu_b64(root.verifying_key().as_bytes()),
        "root_public_key_hex": hex(root.verifying_key().as_bytes()),
        "today": "2026-12-15",
        "keys": keys,
        "keys_signed_message_hex": hex(&keys_message),
        "used": used_signed,
        "used_signed_message_hex": hex(&used_message),
        "key_lists": [
            {"name": "signed_by_root", "keys": keys, "held_sequence": 4, "expected": "accept", "expired": false},
            {"name": "first_list", "keys": keys, "held_sequence": null, "expected": "accept", "expired": false},
            {"name": "edited_after_signing", "keys": tampered, "held_sequence": 4, "expected": "not_signed_by_root",
             "note": "keys[1].not_after changed from 2027-06-30"},
            {"name": "sequence_edited", "keys": tampered_sequence, "held_sequence": 4, "expected": "not_signed_by_root",
             "note": "sequence changed from 5 to 9"},
            {"name": "bounds_edited", "keys": tampered_bounds, "held_sequence": 4, "expected": "not_signed_by_root",
             "note": "keys[1].max_face_value changed from 1000"},
            {"name": "signed_by_another_key", "keys": foreign, "held_sequence": 4, "expected": "not_signed_by_root"},
            {"name": "rolled_back", "keys": older, "held_sequence": 5, "expected": "rolled_back",
             "note": "a genuine older list (sequence 3) replayed after 5 was accepted"},
            {"name": "same", "keys": keys, "held_sequence": 5, "expected": "same"},
            {"name": "expired", "keys": expired_list, "held_sequence": 5, "expected": "accept", "expired": true,
             "note": "sequence 6, expires 2026-11-30 < today: accepted (newest there is), with a warning"},
            {"name": "missing", "keys": null, "held_sequence": 5, "expected": "missing",
             "note": "a feed without `keys`: the held list stays in force"},
        ],
        "used_lists": [
            {"name": "signed_by_used_key", "used": used_signed, "held_sequence": 2, "expected": "accept", "used_ids": ids(&used_set)},
            {"name": "signed_by_root", "used": by_root, "held_sequence": null, "expected": "accept", "used_ids": ids(&used_set)},
            {"name": "tampered", "used": used_tampered, "held_sequence": 2, "expected": "bad_signature",
             "note": "batches[0].bits cleared (K2-202612-00004 unmarked) without re-signing"},
            {"name": "unsigned_v1_array", "used": used_v1, "held_sequence": 2, "expected": "unsigned",
             "note": "the version-1 unsigned array form"},
            {"name": "unsigned_no_signature", "used": used_unsigned, "held_sequence": 2, "expected": "unsigned"},
            {"name": "older", "used": used_older, "held_sequence": 3, "expected": "rolled_back",
             "note": "a genuine sequence-2 list after 3 was accepted"},
            {"name": "same", "used": used_signed, "held_sequence": 3, "expected": "same"},
            {"name": "signed_by_issuer_key", "used": used_by_issuer, "held_sequence": 2, "expected": "unknown_signer",
             "note": "key 2 is an issuer key, not a used-data key"},
        ],
        "revocation": {
            "note": "key 2 revoked from 2026-12-10 (keys[1].revoked_from): the same genuine ticket checked (or redeemed, at settlement) before that day is valid, on or after it key_revoked. Removing revoked_from without re-signing breaks the signature.",
            "keys": revoking_keys,
            "keys_signed_message_hex": hex(&revoking_message),
            "revocation_removed": revocation_removed,
            "revocation_removed_expected": "not_signed_by_root",
            "cases": [
                {"ticket": valid.to_text(), "policy": "production", "today": "2026-12-09", "expected": "valid"},
                {"ticket": valid.to_text(), "policy": "production", "today": "2026-12-10", "expected": "key_revoked"},
                {"ticket": expired.to_text(), "policy": "production", "today": "2026-12-10", "expected": "key_revoked",
                 "note": "key_revoked comes before not_yet_valid / expired"},
            ],
        },
        "scan_cases": scan_cases,
        "cases": [
            case("valid", valid.to_text(), "production", "valid", "key 2, batch 202612 index 3, 1000 yen, valid 2026-12-01..2027-02-28"),
            case("forged", forged.to_text(), "production", "forged", "the valid ticket with the last signature bit flipped"),
            case("expired", expired.to_text(), "production", "expired", "valid until 2026-11-30"),
            case("not_yet_valid", not_yet.to_text(), "production", "not_yet_valid", "valid from 2027-01-01"),
            case("unknown_key", unknown.to_text(), "production", "unknown_key", "key id 7 is not listed"),
            case("demo_rejected", demo_ticket.to_text(), "production", "demo_not_accepted", "demo flag + demo key 1"),
            case("demo_accepted", demo_ticket.to_text(), "demo", "valid", "same ticket under the demo policy"),
            case("key_window", outside_window.to_text(), "production", "key_not_valid_for_ticket", "valid_from 2026-06-01 is before key 2's not_before 2026-07-01"),
            case("already_used", used.to_text(), "production", "already_used", "K2-202612-00004 is set in `used`"),
            case("demo_same_serial_not_used", demo_same_serial.to_text(), "demo", "valid", "DEMO-K1-202612-00004: same batch and index as the used real ticket, another identity"),
            case("outside_bounds_face_value", out_of_bounds_face.to_text(), "production", "outside_key_bounds", "5000 yen > key 2's max_face_value 1000"),
            case("outside_bounds_validity", out_of_bounds_days.to_text(), "production", "outside_key_bounds", "valid 2026-12-01..2027-06-30 = 211 days > key 2's max_validity_days 92"),
            case("bad_version", bad_version, "production", "malformed", "version byte 2"),
        ],
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}

fn jokatsu_b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

/// What `parse_scanned` makes of `input`, as the vector's `expected` object.
fn scan_outcome(input: &str) -> Value {
    match parse_scanned(input) {
        Ok(Scanned::Ticket(t)) => json!({"kind": "ticket", "ticket": t.to_text()}),
        Ok(Scanned::Gift(g)) => {
            json!({"kind": "gift", "ticket": g.ticket.to_text(), "from": g.from, "msg": g.message})
        }
        Ok(Scanned::Bundle(b)) => json!({
            "kind": "bundle",
            "tickets": b.tickets().iter().map(Ticket::to_text).collect::<Vec<_>>(),
        }),
        Err(e) => json!({"kind": "error", "code": e.code()}),
    }
}

fn wrap(text: &str, width: usize, brk: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % width == 0 {
            out.push_str(brk);
        }
        out.push(c);
    }
    out
}

fn bundle_text(bytes: &[u8]) -> String {
    format!("JKB1:{}", jokatsu_b64(bytes))
}

fn scan_vectors(a: &Ticket, b: &Ticket, c: &Ticket) -> Vec<Value> {
    const BASE: &str = "https://www.city.asahikawa.hokkaido.jp/jokatsu/";
    let text = a.to_text();
    let bundle = Bundle::new(vec![a.clone(), b.clone(), c.clone()]).expect("bundle");
    let bytes = bundle.to_bytes();
    let mut bad_ticket = bytes.clone();
    bad_ticket[3 + 89] = 2; // version byte of ticket 1
    let mut duplicate = bytes.clone();
    duplicate[3 + 2 * 89..].copy_from_slice(&a.to_bytes());
    let mut count0 = bytes[..3].to_vec();
    count0[2] = 0;
    let mut version2 = bytes.clone();
    version2[0] = 2;
    let gift = Gift::new(
        a.clone(),
        Some("山田".into()),
        Some("ありがとう\nまたね".into()),
    )
    .expect("gift");
    let padded = format!("{text}{}", " ".repeat(16 * 1024 - text.len()));
    let cases: Vec<(&str, String, &str)> = vec![
        ("bare", text.clone(), "the text form"),
        ("ticket_link", a.to_link(BASE), "a ticket link"),
        (
            "in_sentence",
            format!("使ってね {} ありがとう", a.to_link(BASE)),
            "words around a link",
        ),
        (
            "followed_by_japanese",
            format!("{text}です"),
            "a chat app pastes text right after the code",
        ),
        (
            "wrapped_lf",
            wrap(&text, 76, "\n"),
            "a mail client wrapped the code at 76 characters",
        ),
        (
            "wrapped_crlf_indent",
            wrap(&text, 60, "\r\n  "),
            "CR LF and indentation of the next line",
        ),
        (
            "complete_then_capitals",
            format!("{text}\nABC"),
            "a complete code is never continued",
        ),
        (
            "exactly_16384_bytes",
            padded.clone(),
            "16 KiB counts bytes: exactly 16,384 is read",
        ),
        (
            "16385_bytes",
            format!("{padded} "),
            "one byte more is refused",
        ),
        (
            "16_kib_of_chars_is_more_bytes",
            format!("{text}{}", "あ".repeat(5_420)),
            "5,420 three-byte characters: under 16,384 characters but over 16,384 bytes",
        ),
        (
            "gift",
            gift.to_link(BASE),
            "from and a message with a line break",
        ),
        (
            "gift_followed_by_japanese",
            format!("{}です", gift.to_link(BASE)),
            "the query ends at the first non-ASCII character",
        ),
        (
            "gift_empty_from",
            format!("{BASE}#/gift/{text}?from=&msg=%E3%81%82"),
            "an empty from= is absent",
        ),
        (
            "gift_crlf_and_bidi",
            format!(
                "{BASE}#/gift/{text}?from=%E2%80%AE%E5%B1%B1%E7%94%B0%07&msg=a%0D%0Ab%0Dc%E2%81%A6"
            ),
            "CR LF and CR read as LF; control and bidi characters removed",
        ),
        (
            "gift_unknown_param",
            format!("{BASE}#/gift/{text}?x=1&from=A"),
            "unknown parameters are ignored",
        ),
        (
            "gift_repeated_param",
            format!("{BASE}#/gift/{text}?from=A&from=B"),
            "a repeated parameter is an error",
        ),
        (
            "gift_from_41",
            format!("{BASE}#/gift/{text}?from={}", "A".repeat(41)),
            "from is at most 40 characters",
        ),
        (
            "gift_msg_140",
            format!("{BASE}#/gift/{text}?msg={}", "%E3%81%82".repeat(140)),
            "msg is at most 140 characters",
        ),
        (
            "gift_msg_141",
            format!("{BASE}#/gift/{text}?msg={}", "a".repeat(141)),
            "141 is too long",
        ),
        ("bundle_link", bundle.to_link(BASE), "a bundle link"),
        (
            "bundle_wrapped",
            wrap(&bundle.to_text(), 76, "\r\n"),
            "a wrapped bundle",
        ),
        (
            "bundle_followed_by_japanese",
            format!("{}です", bundle.to_text()),
            "text after a bundle",
        ),
        (
            "bundle_one_malformed_ticket",
            bundle_text(&bad_ticket),
            "one malformed ticket refuses the whole bundle",
        ),
        (
            "bundle_duplicate",
            bundle_text(&duplicate),
            "the same ticket identity twice",
        ),
        ("bundle_count_0", bundle_text(&count0), "1 to 100 tickets"),
        (
            "bundle_version_2",
            bundle_text(&version2),
            "bundle version must be 1",
        ),
        (
            "bundle_truncated",
            bundle_text(&bytes[..bytes.len() - 1]),
            "length must be 3 + 89 × count",
        ),
        ("nothing", "こんにちは".into(), "no marker"),
        (
            "lowercase",
            text.to_lowercase(),
            "markers and code are uppercase only",
        ),
        (
            "ascii_letter_after",
            format!("{text}b"),
            "an ASCII letter or digit right after the code: damaged",
        ),
        ("two_tickets", format!("{text} {text}"), "two codes"),
        (
            "ticket_and_bundle",
            format!("{} {text}", bundle.to_text()),
            "a ticket and a bundle",
        ),
    ];
    cases
        .into_iter()
        .map(|(name, input, note)| {
            json!({"name": name, "input": input, "note": note, "expected": scan_outcome(&input)})
        })
        .collect()
}

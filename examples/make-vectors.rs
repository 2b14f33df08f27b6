//! Generates `tests/vectors/tickets.json`:
//! `cargo run --example make-vectors > tests/vectors/tickets.json`
//!
//! Deterministic: fixed seeds (all PUBLIC test/demo seeds), fixed dates.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use jokatsu::domain::tickets::keys::{demo, sign_key_list, IssuerKey, KeyId};
use jokatsu::domain::tickets::ticket::{
    issue, EmployerId, Serial, Ticket, TicketSpec, Yen, BODY_LEN, TICKET_LEN,
};
use jokatsu::domain::tickets::used::UsedSet;
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

fn main() {
    let key2 = SigningKey::from_bytes(&VECTOR_KEY_SEED);
    let issuer2 = IssuerKey {
        id: KeyId::new(2).expect("id"),
        public_key: key2.verifying_key(),
        not_before: d(2026, 7, 1),
        not_after: d(2027, 6, 30),
        demo: false,
        label: "test-vector key (not a real city key)".into(),
    };
    let root = demo::root_signing_key();
    let keys = sign_key_list(&[demo::issuer_key(), issuer2.clone()], &root).expect("key list");
    let mut tampered = keys.clone();
    tampered.issuers[1].not_after = "2099-12-31".into();
    let other_root = SigningKey::from_bytes(&[0x55; 32]);
    let foreign = sign_key_list(&[issuer2], &other_root).expect("key list");

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
        jokatsu::domain::tickets::base32::encode(&bad_version)
    );

    let mut used_set = UsedSet::new();
    used_set.mark(used.serial());

    let out = json!({
        "description": "JOKATSU ticket v1 test vectors. See docs/ticket-format.md. Verify each ticket with `keys` (checked against root_public_key), `used`, the policy and `today`; expect the verdict code.",
        "generated_by": "cargo run --example make-vectors",
        "root_public_key": jokatsu_b64(root.verifying_key().as_bytes()),
        "root_public_key_hex": hex(root.verifying_key().as_bytes()),
        "today": "2026-12-15",
        "keys": keys,
        "used": used_set.to_dto(),
        "key_lists": [
            {"name": "signed_by_root", "keys": keys, "expected": "ok"},
            {"name": "edited_after_signing", "keys": tampered, "expected": "not_signed_by_root",
             "note": "issuers[1].not_after changed from 2027-06-30"},
            {"name": "signed_by_another_key", "keys": foreign, "expected": "not_signed_by_root"},
        ],
        "cases": [
            case("valid", valid.to_text(), "production", "valid", "key 2, batch 202612 index 3, 1000 yen, valid 2026-12-01..2027-02-28"),
            case("forged", forged.to_text(), "production", "forged", "the valid ticket with the last signature bit flipped"),
            case("expired", expired.to_text(), "production", "expired", "valid until 2026-11-30"),
            case("not_yet_valid", not_yet.to_text(), "production", "not_yet_valid", "valid from 2027-01-01"),
            case("unknown_key", unknown.to_text(), "production", "unknown_key", "key id 7 is not listed"),
            case("demo_rejected", demo_ticket.to_text(), "production", "demo_not_accepted", "demo flag + demo key 1"),
            case("demo_accepted", demo_ticket.to_text(), "demo", "valid", "same ticket under the demo policy"),
            case("key_window", outside_window.to_text(), "production", "key_not_valid_for_ticket", "valid_from 2026-06-01 is before key 2's not_before 2026-07-01"),
            case("already_used", used.to_text(), "production", "already_used", "index 4 of batch 202612 is set in `used`"),
            case("bad_version", bad_version, "production", "malformed", "version byte 2"),
        ],
    });
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}

fn jokatsu_b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

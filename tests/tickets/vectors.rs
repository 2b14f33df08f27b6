//! Checks tests/vectors/tickets.json (made by `cargo run --example make-vectors`) against
//! the verifier, and measures the ticket QR size.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use jokatsu::domain::tickets::core::keys::{
    acceptance, demo, parse_public_key, Acceptance, KeyListDto, KeyListError, KeySet,
};
use jokatsu::domain::tickets::core::ticket::{
    demo_month, verify, Ticket, VerifyPolicy, YearMonth, BODY_LEN, SIGNING_PREFIX,
};
use jokatsu::domain::tickets::core::used::{parse_used_section, UsedData, UsedError, UsedListDto};
use qrcode::{EcLevel, QrCode, Version};
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    root_public_key: String,
    today: NaiveDate,
    keys: KeyListDto,
    keys_signed_message_hex: String,
    used: UsedListDto,
    used_signed_message_hex: String,
    key_lists: Vec<KeyListCase>,
    used_lists: Vec<UsedListCase>,
    scan_cases: Vec<ScanCase>,
    cases: Vec<Case>,
    revocation: Revocation,
}

#[derive(Deserialize)]
struct Revocation {
    keys: KeyListDto,
    keys_signed_message_hex: String,
    revocation_removed: KeyListDto,
    revocation_removed_expected: String,
    cases: Vec<RevocationCase>,
}

#[derive(Deserialize)]
struct RevocationCase {
    ticket: String,
    today: NaiveDate,
    expected: String,
}

#[derive(Deserialize)]
struct KeyListCase {
    name: String,
    keys: Option<KeyListDto>,
    held_sequence: Option<u64>,
    expected: String,
    #[serde(default)]
    expired: bool,
}

#[derive(Deserialize)]
struct ScanCase {
    name: String,
    input: String,
    expected: serde_json::Value,
}

#[derive(Deserialize)]
struct UsedListCase {
    name: String,
    used: serde_json::Value,
    held_sequence: Option<u64>,
    expected: String,
    #[serde(default)]
    used_ids: Vec<String>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    ticket: String,
    policy: String,
    expected: String,
    body_hex: Option<String>,
    signed_message_hex: Option<String>,
    signature_hex: Option<String>,
}

fn vectors() -> Vectors {
    serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/tickets.json"
    )))
    .expect("vectors json")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn vector_root_is_the_demo_root() {
    let v = vectors();
    assert_eq!(
        parse_public_key(&v.root_public_key).expect("root"),
        demo::root_signing_key().verifying_key()
    );
}

/// The outcome of offering a key list to a device that holds `held` (sequence).
fn key_list_outcome(
    case: &KeyListCase,
    root: &ed25519_dalek::VerifyingKey,
    today: NaiveDate,
) -> (String, bool) {
    let Some(dto) = &case.keys else {
        return ("missing".into(), false);
    };
    match KeySet::from_feed(dto, root) {
        Err(KeyListError::NotSignedByRoot) => ("not_signed_by_root".into(), false),
        Err(e) => (format!("error: {e}"), false),
        Ok(set) => {
            let outcome = match acceptance(case.held_sequence, set.sequence()) {
                Acceptance::Accept => "accept",
                Acceptance::Same => "same",
                Acceptance::RolledBack { .. } => "rolled_back",
            };
            (outcome.into(), set.is_expired(today))
        }
    }
}

#[test]
fn key_list_vectors() {
    let v = vectors();
    let root = parse_public_key(&v.root_public_key).expect("root");
    let mut seen = Vec::new();
    for case in &v.key_lists {
        let (outcome, expired) = key_list_outcome(case, &root, v.today);
        assert_eq!(outcome, case.expected, "{}", case.name);
        assert_eq!(expired, case.expired, "{}", case.name);
        seen.push(case.name.as_str());
    }
    for needed in [
        "signed_by_root",
        "edited_after_signing",
        "rolled_back",
        "expired",
        "missing",
    ] {
        assert!(seen.contains(&needed), "no key list vector {needed}");
    }
    // The documented message bytes.
    let set = KeySet::from_feed(&v.keys, &root).expect("keys");
    let keys: Vec<_> = set.iter().cloned().collect();
    let header = jokatsu::domain::tickets::core::keys::KeyListHeader {
        sequence: set.sequence(),
        signed_at: set.signed_at(),
        expires: set.expires(),
    };
    let message =
        jokatsu::domain::tickets::core::keys::key_list_message(&header, &keys).expect("message");
    assert_eq!(hex(&message), v.keys_signed_message_hex);
    assert_eq!(message.len(), 15 + 8 + 2 + 2 + 1 + 3 * 45);
}

#[test]
fn used_list_vectors() {
    let v = vectors();
    let root = parse_public_key(&v.root_public_key).expect("root");
    let keys = KeySet::from_feed(&v.keys, &root).expect("keys");
    let mut seen = Vec::new();
    for case in &v.used_lists {
        let outcome = match parse_used_section(&case.used.to_string()) {
            Err(UsedError::Unsigned) => "unsigned".to_string(),
            Err(e) => format!("error: {e}"),
            Ok(dto) => match UsedData::from_feed(&dto, &root, &keys) {
                Err(UsedError::BadSignature) => "bad_signature".into(),
                Err(UsedError::UnknownSigner(_)) => "unknown_signer".into(),
                Err(e) => format!("error: {e}"),
                Ok(data) => {
                    if case.expected == "accept" {
                        let ids: Vec<String> = data.set().ids().map(|id| id.to_string()).collect();
                        assert_eq!(ids, case.used_ids, "{}", case.name);
                    }
                    match acceptance(case.held_sequence, data.sequence()) {
                        Acceptance::Accept => "accept".into(),
                        Acceptance::Same => "same".into(),
                        Acceptance::RolledBack { .. } => "rolled_back".into(),
                    }
                }
            },
        };
        assert_eq!(outcome, case.expected, "{}", case.name);
        seen.push(case.name.as_str());
    }
    for needed in [
        "signed_by_used_key",
        "tampered",
        "unsigned_v1_array",
        "older",
    ] {
        assert!(seen.contains(&needed), "no used vector {needed}");
    }
    let data = UsedData::from_feed(&v.used, &root, &keys).expect("used");
    assert_eq!(
        hex(&data.set().signed_message(&data.header()).expect("message")),
        v.used_signed_message_hex
    );
}

#[test]
fn ticket_vectors_give_the_expected_verdicts() {
    let v = vectors();
    let root = parse_public_key(&v.root_public_key).expect("root");
    let keys = KeySet::from_feed(&v.keys, &root).expect("keys");
    let used = UsedData::from_feed(&v.used, &root, &keys).expect("used");
    let mut codes = Vec::new();
    for case in &v.cases {
        let policy = match case.policy.as_str() {
            "production" => VerifyPolicy::PRODUCTION,
            "demo" => VerifyPolicy::DEMO,
            other => panic!("unknown policy {other}"),
        };
        let verdict = verify(case.ticket.as_str().into(), &keys, policy, v.today, &used);
        assert_eq!(verdict.code(), case.expected, "{}: {verdict}", case.name);
        codes.push(case.expected.as_str());
        if let (Some(body), Some(message), Some(sig)) = (
            &case.body_hex,
            &case.signed_message_hex,
            &case.signature_hex,
        ) {
            let t = Ticket::from_text(&case.ticket).expect("structure");
            let bytes = t.to_bytes();
            assert_eq!(&hex(&bytes[..BODY_LEN]), body, "{}", case.name);
            assert_eq!(&hex(&bytes[BODY_LEN..]), sig, "{}", case.name);
            assert_eq!(
                message,
                &format!("{}{}", hex(SIGNING_PREFIX), body),
                "{}",
                case.name
            );
        }
    }
    for needed in [
        "valid",
        "forged",
        "expired",
        "not_yet_valid",
        "unknown_key",
        "demo_not_accepted",
        "key_not_valid_for_ticket",
        "already_used",
        "malformed",
        "outside_key_bounds",
    ] {
        assert!(codes.contains(&needed), "no vector for {needed}");
    }
}

fn qr_version(text: &str) -> i16 {
    let code = QrCode::with_error_correction_level(text, EcLevel::M).expect("qr");
    match code.version() {
        Version::Normal(n) => n,
        Version::Micro(n) => -n,
    }
}

/// QR size of a ticket at error correction M. The measured versions are quoted in
/// docs/ticket-format.md; change both together.
#[test]
fn ticket_qr_sizes() {
    let ticket = demo_month(YearMonth::new(2026, 12).expect("month")).expect("demo")[0].clone();
    let bare = ticket.to_text();
    assert_eq!(bare.len(), 147);
    // What the wallet shows at the shop: bare `JK1:…`, all QR-alphanumeric.
    assert_eq!(qr_version(&bare), 6);
    // A link on the city site: the lowercase URL prefix is byte mode, the code alphanumeric.
    let link = ticket.to_link("https://www.city.asahikawa.hokkaido.jp/jokatsu/");
    assert_eq!(link.len(), 198);
    let link_version = qr_version(&link);
    println!(
        "bare: v{}, link ({} chars): v{link_version}",
        qr_version(&bare),
        link.len()
    );
    assert_eq!(link_version, 9);
    // The budget for version 8-M is a URL prefix of at most 47 bytes before `JK1:`,
    // e.g. a 4-byte shorter path.
    let short = ticket.to_link("https://www.city.asahikawa.hokkaido.jp/jk/");
    assert_eq!(qr_version(&short), 8);
    // What the wallet really shows: the tickets entry page `w.html` under the app's path.
    let wallet = ticket.to_link("https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html");
    assert_eq!(wallet.len(), 204);
    assert_eq!(qr_version(&wallet), 9);
}

/// The demo feed fragment (feed-src/tickets.json) loads, and the demo month verifies in
/// demo mode with index 3 already used.
#[test]
fn demo_feed_fragment_loads() {
    use jokatsu::domain::tickets::core::shops::{Directory, ShopDto};
    use jokatsu::domain::tickets::core::ticket::Verdict;
    use jokatsu::domain::tickets::core::used::UsedBy;

    #[derive(Deserialize)]
    struct Fragment {
        keys: KeyListDto,
        shops: Vec<ShopDto>,
        used: UsedListDto,
    }
    let f: Fragment = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/feed-src/tickets.json"
    )))
    .expect("fragment");
    let root = jokatsu::domain::tickets::core::keys::root_key(false).expect("demo root");
    let keys = KeySet::from_feed(&f.keys, &root).expect("keys");
    assert_eq!(keys, demo::key_set());
    let shops = Directory::from_dto(&f.shops).expect("shops");
    assert!((8..=12).contains(&shops.shops().len()));
    assert!(shops
        .shops()
        .iter()
        .all(|s| s.demo && s.name.ja.contains("見本")));
    let used = UsedData::from_feed(&f.used, &root, &keys).expect("used");
    let today = NaiveDate::from_ymd_opt(2026, 12, 15).expect("date");
    let verdicts = |y: i32, m: u32| -> Vec<Verdict> {
        demo_month(YearMonth::new(y, m).expect("month"))
            .expect("demo")
            .iter()
            .map(|t| {
                verify(
                    t.to_text().as_str().into(),
                    &keys,
                    VerifyPolicy::DEMO,
                    today,
                    &used,
                )
            })
            .collect()
    };
    // The demo used data settles K1-202610-00003 (a past month: still valid on 12/15, so
    // the demo can show an already-used verdict); a new wallet's month has none used.
    let october = verdicts(2026, 10);
    assert_eq!(october[3], Verdict::AlreadyUsed(UsedBy::Feed));
    assert_eq!(october.iter().filter(|v| v.is_valid()).count(), 19);
    assert_eq!(
        verdicts(2026, 12).iter().filter(|v| v.is_valid()).count(),
        20
    );
}

/// `parse_scanned` on the scan vectors (chat text, wrapped lines, 16 KiB in bytes, gift
/// text cleaning, bundle rules, refusal codes).
#[test]
fn scan_vectors() {
    use jokatsu::domain::tickets::core::bundle::{parse_scanned, Scanned};
    use serde_json::json;
    let v = vectors();
    assert!(v.scan_cases.len() >= 30);
    for case in &v.scan_cases {
        let got = match parse_scanned(&case.input) {
            Ok(Scanned::Ticket(t)) => json!({"kind": "ticket", "ticket": t.to_text()}),
            Ok(Scanned::Gift(g)) => {
                json!({"kind": "gift", "ticket": g.ticket.to_text(), "from": g.from, "msg": g.message})
            }
            Ok(Scanned::Bundle(b)) => {
                json!({"kind": "bundle", "tickets": b.tickets().iter().map(Ticket::to_text).collect::<Vec<_>>()})
            }
            Err(e) => json!({"kind": "error", "code": e.code()}),
        };
        assert_eq!(got, case.expected, "{}", case.name);
    }
}

/// A leaked key is answered by a signed revocation date: the same genuine ticket counts
/// when checked before the date and is `key_revoked` on or after it; stripping the date
/// from the list breaks its signature.
#[test]
fn revocation_vectors() {
    let v = vectors();
    let root = parse_public_key(&v.root_public_key).expect("root");
    let r = &v.revocation;
    let keys = KeySet::from_feed(&r.keys, &root).expect("revoking list");
    let listed: Vec<_> = keys.iter().cloned().collect();
    let header = jokatsu::domain::tickets::core::keys::KeyListHeader {
        sequence: keys.sequence(),
        signed_at: keys.signed_at(),
        expires: keys.expires(),
    };
    let message =
        jokatsu::domain::tickets::core::keys::key_list_message(&header, &listed).expect("message");
    assert_eq!(hex(&message), r.keys_signed_message_hex);
    assert_eq!(r.revocation_removed_expected, "not_signed_by_root");
    assert_eq!(
        KeySet::from_feed(&r.revocation_removed, &root),
        Err(KeyListError::NotSignedByRoot)
    );
    assert!(r.cases.iter().any(|c| c.expected == "key_revoked"));
    assert!(r.cases.iter().any(|c| c.expected == "valid"));
    for case in &r.cases {
        let verdict = verify(
            case.ticket.as_str().into(),
            &keys,
            VerifyPolicy::PRODUCTION,
            case.today,
            &jokatsu::domain::tickets::core::used::NothingUsed,
        );
        assert_eq!(verdict.code(), case.expected, "{} {verdict}", case.today);
    }
}

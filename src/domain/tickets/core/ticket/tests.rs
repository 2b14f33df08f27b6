use std::collections::BTreeSet;

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use proptest::prelude::*;

use super::*;
use crate::domain::tickets::core::keys::{
    demo, sign_key_list, IssuerKey, KeyBound, KeyRole, KeySet,
};
use crate::domain::tickets::core::used::{NothingUsed, UsedBy, UsedSet};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn spec() -> TicketSpec {
    TicketSpec {
        demo: false,
        key_id: KeyId::new(2).unwrap(),
        serial: Serial::new(202612, 3),
        face_value: Yen(1000),
        employer_share: Yen(500),
        employer: EmployerId(4242),
        valid_from: d(2026, 12, 1),
        valid_until: d(2027, 2, 28),
    }
}

fn prod_key() -> SigningKey {
    SigningKey::from_bytes(&[0x42; 32])
}

/// Demo issuer (id 1, demo) + a production issuer (id 2, 2026-07-01..2027-06-30).
fn keys() -> KeySet {
    let prod = IssuerKey {
        id: KeyId::new(2).unwrap(),
        role: KeyRole::Issuer,
        public_key: prod_key().verifying_key(),
        not_before: d(2026, 7, 1),
        not_after: d(2027, 6, 30),
        max_validity_days: 92,
        max_face_value: Yen(1_000),
        demo: false,
        label: "test production key".into(),
        revoked_from: None,
    };
    let root = demo::root_signing_key();
    let dto = sign_key_list(&demo::header(), &[demo::issuer_key(), prod], &root).unwrap();
    KeySet::from_feed(&dto, &root.verifying_key()).unwrap()
}

fn good() -> Ticket {
    issue(spec(), &prod_key()).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 12, 15);
fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn check(ticket: &Ticket, policy: VerifyPolicy, today: NaiveDate) -> Verdict {
    verify(
        ticket.to_text().as_str().into(),
        &keys(),
        policy,
        today,
        &NothingUsed,
    )
}

#[test]
fn layout_is_as_documented() {
    let t = good();
    let b = t.to_bytes();
    assert_eq!(b.len(), 89);
    let expected_body: [u8; 25] = [
        1, 0, 2, // version, flags, key id
        0x00, 0x03, 0x17, 0x74, // batch 202612
        0x00, 0x03, // index 3
        0x00, 0x00, 0x03, 0xE8, // 1000 yen
        0x00, 0x00, 0x01, 0xF4, // 500 yen
        0x00, 0x00, 0x10, 0x92, // employer 4242
        0x51, 0x34, // 2026-12-01 = day 20788
        0x51, 0x8D, // 2027-02-28 = day 20877
    ];
    assert_eq!(b[..25], expected_body);
    let text = t.to_text();
    assert_eq!(text.len(), TEXT_LEN);
    assert_eq!(TEXT_LEN, 147);
    assert!(text.starts_with("JK1:"));
    assert_eq!(&t.body().signed_message()[..17], b"jokatsu-ticket-v1");
    assert_eq!(t.body().city_share(), Yen(500));
}

#[test]
fn valid_ticket() {
    let v = check(&good(), VerifyPolicy::PRODUCTION, today());
    assert_eq!(
        v,
        Verdict::Valid(ValidTicket {
            body: *good().body(),
            demo: false
        })
    );
    assert!(v
        .to_string()
        .starts_with("Valid: 1,000円 ticket 202612-00003"));
}

#[test]
fn validity_window_is_inclusive_on_both_ends() {
    let cases = [
        (d(2026, 11, 30), "not_yet_valid"),
        (d(2026, 12, 1), "valid"),
        (d(2027, 2, 28), "valid"),
        (d(2027, 3, 1), "expired"),
    ];
    for (day, code) in cases {
        assert_eq!(
            check(&good(), VerifyPolicy::PRODUCTION, day).code(),
            code,
            "{day}"
        );
    }
    assert_eq!(
        check(&good(), VerifyPolicy::PRODUCTION, d(2027, 3, 1)),
        Verdict::Expired {
            valid_until: d(2027, 2, 28)
        }
    );
    assert_eq!(
        check(&good(), VerifyPolicy::PRODUCTION, d(2026, 11, 30)),
        Verdict::NotYetValid {
            valid_from: d(2026, 12, 1)
        }
    );
}

#[test]
fn forged_signature() {
    let mut bytes = good().to_bytes();
    bytes[60] ^= 0x01;
    let v = verify(
        bytes.as_slice().into(),
        &keys(),
        VerifyPolicy::PRODUCTION,
        today(),
        &NothingUsed,
    );
    assert_eq!(v, Verdict::Forged);
    // Same ticket signed by a key that is not id 2's key.
    let other = issue(spec(), &SigningKey::from_bytes(&[7; 32])).unwrap();
    assert_eq!(
        check(&other, VerifyPolicy::PRODUCTION, today()),
        Verdict::Forged
    );
    // Altered face value with the original signature.
    let mut s = spec();
    s.face_value = Yen(10_000);
    let altered = Ticket::from_parts(TicketBody::new(s).unwrap(), *good().signature());
    assert_eq!(
        check(&altered, VerifyPolicy::PRODUCTION, today()),
        Verdict::Forged
    );
}

#[test]
fn unknown_key() {
    let mut s = spec();
    s.key_id = KeyId::new(9).unwrap();
    let t = issue(s, &prod_key()).unwrap();
    assert_eq!(
        check(&t, VerifyPolicy::PRODUCTION, today()),
        Verdict::UnknownKey(KeyId::new(9).unwrap())
    );
}

#[test]
fn key_not_valid_for_ticket_start() {
    // Key 2 may sign tickets starting 2026-07-01..=2027-06-30.
    let cases = [
        (d(2026, 6, 30), "key_not_valid_for_ticket"),
        (d(2026, 7, 1), "valid"),
        (d(2027, 6, 30), "valid"),
        (d(2027, 7, 1), "key_not_valid_for_ticket"),
    ];
    for (from, code) in cases {
        let mut s = spec();
        s.valid_from = from;
        s.valid_until = from;
        let t = issue(s, &prod_key()).unwrap();
        assert_eq!(
            check(&t, VerifyPolicy::PRODUCTION, from).code(),
            code,
            "{from}"
        );
    }
}

#[test]
fn old_key_tickets_stay_valid_until_their_own_expiry() {
    // Started inside the key window, used after the window closed: still valid.
    let mut s = spec();
    s.valid_from = d(2027, 6, 1);
    s.valid_until = d(2027, 8, 31);
    let t = issue(s, &prod_key()).unwrap();
    assert!(check(&t, VerifyPolicy::PRODUCTION, d(2027, 8, 31)).is_valid());
    assert_eq!(
        check(&t, VerifyPolicy::PRODUCTION, d(2027, 9, 1)).code(),
        "expired"
    );
}

#[test]
fn demo_tickets_need_the_demo_policy() {
    let demo_ticket = demo_month(YearMonth::new(2026, 12).unwrap())
        .unwrap()
        .remove(0);
    assert_eq!(
        check(&demo_ticket, VerifyPolicy::PRODUCTION, today()),
        Verdict::DemoNotAccepted
    );
    assert_eq!(
        check(&demo_ticket, VerifyPolicy::DEMO, today()),
        Verdict::Valid(ValidTicket {
            body: *demo_ticket.body(),
            demo: true
        })
    );
    // Demo flag on a production key's ticket.
    let mut s = spec();
    s.demo = true;
    let flagged = issue(s, &prod_key()).unwrap();
    assert_eq!(
        check(&flagged, VerifyPolicy::PRODUCTION, today()),
        Verdict::DemoNotAccepted
    );
    // Demo key without the flag is still demo.
    let mut s = spec();
    s.key_id = demo::DEMO_ISSUER_KEY_ID;
    let unflagged = issue(s, &demo::issuer_signing_key()).unwrap();
    assert_eq!(
        check(&unflagged, VerifyPolicy::PRODUCTION, today()),
        Verdict::DemoNotAccepted
    );
    assert!(check(&unflagged, VerifyPolicy::DEMO, today()).is_valid());
}

#[test]
fn already_used_by_feed_or_local_ledger() {
    let mut feed = UsedSet::new();
    feed.mark(good().body().id());
    // The same serial under another key or as demo is another ticket.
    let mut others = UsedSet::new();
    others.mark(TicketId {
        key: KeyId::new(3).unwrap(),
        ..good().body().id()
    });
    others.mark(TicketId {
        demo: true,
        ..good().body().id()
    });
    assert!(verify(
        good().to_text().as_str().into(),
        &keys(),
        VerifyPolicy::PRODUCTION,
        today(),
        &others
    )
    .is_valid());
    let text = good().to_text();
    let v = verify(
        text.as_str().into(),
        &keys(),
        VerifyPolicy::PRODUCTION,
        today(),
        &feed,
    );
    assert_eq!(v, Verdict::AlreadyUsed(UsedBy::Feed));
    let ledger = BTreeSet::from([good().body().id()]);
    let v = verify(
        text.as_str().into(),
        &keys(),
        VerifyPolicy::PRODUCTION,
        today(),
        &ledger,
    );
    assert_eq!(v, Verdict::AlreadyUsed(UsedBy::LocalRedemption));
    let other = BTreeSet::from([TicketId {
        serial: Serial::new(202612, 4),
        ..good().body().id()
    }]);
    assert!(verify(
        text.as_str().into(),
        &keys(),
        VerifyPolicy::PRODUCTION,
        today(),
        &other
    )
    .is_valid());
}

#[test]
fn malformed_inputs() {
    let good = good().to_bytes();
    let with = |i: usize, v: u8| {
        let mut b = good;
        b[i] = v;
        b
    };
    let cases: Vec<(Vec<u8>, TicketError)> = vec![
        (good[..88].to_vec(), TicketError::BadLength(88)),
        ([good.as_slice(), &[0]].concat(), TicketError::BadLength(90)),
        (with(0, 2).to_vec(), TicketError::UnsupportedVersion(2)),
        (with(0, 0).to_vec(), TicketError::UnsupportedVersion(0)),
        (with(1, 0b10).to_vec(), TicketError::UnknownFlags(0b10)),
        (with(2, 0).to_vec(), TicketError::ZeroKeyId),
    ];
    for (bytes, err) in cases {
        let v = verify(
            bytes.as_slice().into(),
            &keys(),
            VerifyPolicy::PRODUCTION,
            today(),
            &NothingUsed,
        );
        assert_eq!(v, Verdict::Malformed(err));
    }
    let text = good_text();
    let texts = [
        ("", TicketError::MissingPrefix),
        ("jk1:AAAA", TicketError::MissingPrefix),
        (&text[1..], TicketError::MissingPrefix),
    ];
    for (t, err) in texts {
        let v = verify(
            t.into(),
            &keys(),
            VerifyPolicy::PRODUCTION,
            today(),
            &NothingUsed,
        );
        assert_eq!(v, Verdict::Malformed(err), "{t:?}");
    }
    let lower = format!("JK1:{}", text[4..].to_lowercase());
    assert!(matches!(
        verify(
            lower.as_str().into(),
            &keys(),
            VerifyPolicy::PRODUCTION,
            today(),
            &NothingUsed
        ),
        Verdict::Malformed(TicketError::BadText(_))
    ));
}

fn good_text() -> String {
    good().to_text()
}

#[test]
fn body_field_rules() {
    let mut s = spec();
    s.face_value = Yen(0);
    s.employer_share = Yen(0);
    assert_eq!(TicketBody::new(s), Err(TicketError::ZeroFaceValue));
    let mut s = spec();
    s.employer_share = Yen(1001);
    assert!(matches!(
        TicketBody::new(s),
        Err(TicketError::ShareExceedsFace { .. })
    ));
    let mut s = spec();
    s.valid_until = d(2026, 11, 30);
    assert!(matches!(
        TicketBody::new(s),
        Err(TicketError::DatesReversed { .. })
    ));
    let mut s = spec();
    s.valid_until = d(2150, 1, 1);
    assert!(matches!(
        TicketBody::new(s),
        Err(TicketError::DateOutOfRange(_))
    ));
    let mut s = spec();
    s.employer_share = Yen(1000);
    assert!(TicketBody::new(s).is_ok(), "employer may pay all of it");
}

#[test]
fn issue_month_consecutive_and_bounded() {
    let run = MonthRun {
        demo: false,
        key_id: KeyId::new(2).unwrap(),
        batch: 202612,
        first_index: 40,
        count: 20,
        face_value: Yen(1000),
        employer_share: Yen(500),
        employer: EmployerId(1),
        valid_from: d(2026, 12, 1),
        valid_until: d(2027, 2, 28),
    };
    let tickets = issue_month(&run, &prod_key()).unwrap();
    let indices: Vec<u16> = tickets.iter().map(|t| t.serial().index).collect();
    assert_eq!(indices, (40..60).collect::<Vec<u16>>());
    assert!(tickets
        .iter()
        .all(|t| check(t, VerifyPolicy::PRODUCTION, today()).is_valid()));
    let last = MonthRun {
        first_index: 65_516,
        ..run
    };
    assert_eq!(issue_month(&last, &prod_key()).unwrap().len(), 20);
    let over = MonthRun {
        first_index: 65_517,
        ..run
    };
    assert!(matches!(
        issue_month(&over, &prod_key()),
        Err(TicketError::BatchOverflow { .. })
    ));
}

#[test]
fn third_birthdays() {
    let cases = [
        (d(2024, 2, 29), d(2027, 3, 1)),
        (d(2023, 2, 28), d(2026, 2, 28)),
        (d(2023, 3, 1), d(2026, 3, 1)),
        (d(2023, 12, 31), d(2026, 12, 31)),
        (d(2025, 1, 1), d(2028, 1, 1)),
    ];
    for (born, third) in cases {
        assert_eq!(third_birthday(born), third, "born {born}");
    }
}

#[test]
fn eligibility_months_that_start_before_the_third_birthday() {
    let ym = |y, m| YearMonth::new(y, m).unwrap();
    // (born, returned, first month, last month, count)
    let cases = [
        // 29 Feb child: turns 3 on 2027-03-01 → March 2027 starts ON the birthday: excluded.
        (
            d(2024, 2, 29),
            d(2026, 4, 1),
            Some((ym(2026, 4), ym(2027, 2))),
            11,
        ),
        // 1 March child: same birthday date, same result.
        (
            d(2024, 3, 1),
            d(2026, 4, 1),
            Some((ym(2026, 4), ym(2027, 2))),
            11,
        ),
        // 2 March child: March 2027 starts the day before the birthday: included.
        (
            d(2024, 3, 2),
            d(2026, 4, 1),
            Some((ym(2026, 4), ym(2027, 3))),
            12,
        ),
        // 28 Feb child: February 2027 starts before 2027-02-28: included, March not.
        (
            d(2024, 2, 28),
            d(2026, 4, 1),
            Some((ym(2026, 4), ym(2027, 2))),
            11,
        ),
        // Returned mid-month: that month counts.
        (
            d(2024, 10, 15),
            d(2025, 4, 20),
            Some((ym(2025, 4), ym(2027, 10))),
            31,
        ),
        // Returned on the 3rd birthday: nothing.
        (d(2024, 10, 15), d(2027, 10, 15), None, 0),
        // Returned the day before the 3rd birthday: that month.
        (
            d(2024, 10, 15),
            d(2027, 10, 14),
            Some((ym(2027, 10), ym(2027, 10))),
            1,
        ),
    ];
    for (born, returned, range, count) in cases {
        let months = eligible_months(born, returned).unwrap();
        assert_eq!(months.len(), count, "born {born} returned {returned}");
        assert_eq!(
            months.first().zip(months.last()).map(|(a, b)| (*a, *b)),
            range
        );
    }
    assert!(eligible_months(d(2025, 1, 1), d(2024, 12, 31)).is_err());
}

#[test]
fn serde_as_text() {
    let t = good();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(json, format!("\"{}\"", t.to_text()));
    assert_eq!(serde_json::from_str::<Ticket>(&json).unwrap(), t);
    assert!(serde_json::from_str::<Ticket>("\"JK1:AAAA\"").is_err());
}

fn arb_spec() -> impl Strategy<Value = TicketSpec> {
    (
        any::<bool>(),
        1u8..=255,
        any::<u32>(),
        any::<u16>(),
        1u32..,
        any::<u32>(),
        any::<u32>(),
        0u16..=u16::MAX,
        0u16..=u16::MAX,
    )
        .prop_map(
            |(demo, key, batch, index, face, share, employer, a, b)| TicketSpec {
                demo,
                key_id: KeyId::new(key).unwrap(),
                serial: Serial::new(batch, index),
                face_value: Yen(u64::from(face)),
                employer_share: Yen(u64::from(share % face.saturating_add(1).max(1))),
                employer: EmployerId(employer),
                valid_from: crate::domain::shared::date::from_days_since_epoch(i64::from(a.min(b)))
                    .unwrap(),
                valid_until: crate::domain::shared::date::from_days_since_epoch(i64::from(
                    a.max(b),
                ))
                .unwrap(),
            },
        )
}

proptest! {
    #[test]
    fn encode_decode_round_trip(spec in arb_spec(), sig in proptest::array::uniform32(any::<u8>())) {
        let mut signature = [0u8; 64];
        signature[..32].copy_from_slice(&sig);
        signature[32..].copy_from_slice(&sig);
        let t = Ticket::from_parts(TicketBody::new(spec).unwrap(), signature);
        prop_assert_eq!(Ticket::from_bytes(&t.to_bytes()).unwrap(), t.clone());
        prop_assert_eq!(Ticket::from_text(&t.to_text()).unwrap(), t.clone());
        prop_assert_eq!(t.to_text().len(), TEXT_LEN);
        prop_assert_eq!(t.body().spec(), spec);
    }

    #[test]
    fn any_single_bit_flip_is_rejected(bit in 0usize..(TICKET_LEN * 8)) {
        let keys = keys();
        let mut bytes = good().to_bytes();
        bytes[bit / 8] ^= 1 << (bit % 8);
        let v = verify(bytes.as_slice().into(), &keys, VerifyPolicy::DEMO, today(), &NothingUsed);
        prop_assert!(!v.is_valid(), "bit {} gave {:?}", bit, v);
        // Body bits: never accepted as genuine. Signature bits: always forged.
        if bit >= BODY_LEN * 8 {
            prop_assert_eq!(v, Verdict::Forged);
        } else {
            prop_assert!(
                matches!(v, Verdict::Forged | Verdict::UnknownKey(_) | Verdict::Malformed(_)),
                "bit {} gave {:?}", bit, v
            );
        }
    }
}

#[test]
fn flipping_key_id_to_another_listed_key_is_forged() {
    // Key 2 → key 1 (demo issuer, listed): flipping bit 0 and bit 1 of byte 2 (2 → 1).
    let mut bytes = good().to_bytes();
    bytes[2] = 1;
    let v = verify(
        bytes.as_slice().into(),
        &keys(),
        VerifyPolicy::DEMO,
        today(),
        &NothingUsed,
    );
    assert_eq!(v, Verdict::Forged);
    // Single flip 2 → 3: not listed.
    bytes[2] = 3;
    let v = verify(
        bytes.as_slice().into(),
        &keys(),
        VerifyPolicy::DEMO,
        today(),
        &NothingUsed,
    );
    assert_eq!(v, Verdict::UnknownKey(KeyId::new(3).unwrap()));
}

#[test]
fn tickets_outside_their_keys_bounds_have_their_own_verdict() {
    let cases = [
        (
            TicketSpec {
                face_value: Yen(4_294_967_295),
                employer_share: Yen(0),
                ..spec()
            },
            KeyBound::FaceValue { max: Yen(1_000) },
        ),
        (
            TicketSpec {
                valid_until: d(2149, 6, 6),
                ..spec()
            },
            KeyBound::Validity {
                days: 44_747,
                max: 92,
            },
        ),
        (
            TicketSpec {
                valid_until: d(2027, 3, 4),
                ..spec()
            },
            KeyBound::Validity { days: 93, max: 92 },
        ),
    ];
    for (s, bound) in cases {
        let t = issue(s, &prod_key()).unwrap();
        let v = check(&t, VerifyPolicy::PRODUCTION, today());
        assert_eq!(
            v,
            Verdict::OutsideKeyBounds {
                key_id: KeyId::new(2).unwrap(),
                bound
            }
        );
        assert_eq!(v.code(), "outside_key_bounds");
        assert_ne!(v.code(), Verdict::UnknownKey(KeyId::new(2).unwrap()).code());
    }
    // A used-data key cannot sign tickets: it is not an issuer.
    let keys = demo::key_set();
    let t = issue(
        TicketSpec {
            demo: true,
            key_id: demo::DEMO_USED_KEY_ID,
            ..spec()
        },
        &demo::used_signing_key(),
    )
    .unwrap();
    assert_eq!(
        verify_ticket(&t, &keys, VerifyPolicy::DEMO, today(), &NothingUsed),
        Verdict::UnknownKey(demo::DEMO_USED_KEY_ID)
    );
}

#[test]
fn a_demo_verdict_says_demo() {
    let t = demo_month(YearMonth::new(2026, 12).unwrap())
        .unwrap()
        .remove(0);
    let v = verify_ticket(
        &t,
        &demo::key_set(),
        VerifyPolicy::DEMO,
        today(),
        &NothingUsed,
    );
    assert!(v.is_valid());
    assert!(v.to_string().starts_with("DEMO"), "{v}");
    assert!(!check(&good(), VerifyPolicy::PRODUCTION, today())
        .to_string()
        .contains("DEMO"));
}

#[test]
fn the_demo_month_verifies_in_any_year() {
    for (y, m) in [
        (2026, 12),
        (2027, 12),
        (2028, 1),
        (2031, 7),
        (2099, 2),
        (2148, 10),
    ] {
        let today = d(y, m, 15);
        let tickets = demo_month_for(today).unwrap();
        assert_eq!(tickets.len(), 20);
        for t in &tickets {
            let v = verify_ticket(t, &demo::key_set(), VerifyPolicy::DEMO, today, &NothingUsed);
            assert!(v.is_valid(), "{y}-{m}: {v:?}");
            assert!(t.body().id().demo);
        }
    }
}

proptest! {
    /// Demo and real identities never compare equal, whatever the key and serial.
    #[test]
    fn demo_and_real_identities_never_collide(key in 1u8..=255, batch in any::<u32>(), index in any::<u16>(), key2 in 1u8..=255, batch2 in any::<u32>(), index2 in any::<u16>()) {
        let real = TicketId { demo: false, key: KeyId::new(key).unwrap(), serial: Serial::new(batch, index) };
        let demo = TicketId { demo: true, key: KeyId::new(key2).unwrap(), serial: Serial::new(batch2, index2) };
        prop_assert_ne!(real, demo);
        prop_assert_ne!(real.to_string(), demo.to_string());
        // And through real tickets: the demo flag of the body is the identity's.
        let spec_for = |demo: bool, k: u8, b: u32, i: u16| TicketSpec { demo, key_id: KeyId::new(k).unwrap(), serial: Serial::new(b, i), ..spec() };
        let a = TicketBody::new(spec_for(false, key, batch, index)).unwrap();
        let b = TicketBody::new(spec_for(true, key, batch, index)).unwrap();
        prop_assert_ne!(a.id(), b.id());
        prop_assert_eq!(a.serial(), b.serial());
    }
}

#[test]
fn every_error_is_worded_in_both_languages() {
    use crate::domain::shared::money::Yen;
    let day = |d| NaiveDate::from_ymd_opt(2027, 1, d).unwrap();
    crate::domain::shared::wording::assert_worded(&[
        ("MissingPrefix", &TicketError::MissingPrefix),
        (
            "BadText",
            &TicketError::BadText(base32::Base32Error::NonCanonical),
        ),
        ("BadLength", &TicketError::BadLength(3)),
        ("UnsupportedVersion", &TicketError::UnsupportedVersion(2)),
        ("UnknownFlags", &TicketError::UnknownFlags(0x80)),
        ("ZeroKeyId", &TicketError::ZeroKeyId),
        ("ZeroFaceValue", &TicketError::ZeroFaceValue),
        ("AmountTooLarge", &TicketError::AmountTooLarge(Yen(1 << 40))),
        (
            "ShareExceedsFace",
            &TicketError::ShareExceedsFace {
                face: Yen(500),
                share: Yen(600),
            },
        ),
        (
            "DatesReversed",
            &TicketError::DatesReversed {
                from: day(2),
                until: day(1),
            },
        ),
        ("DateOutOfRange", &TicketError::DateOutOfRange(day(1))),
        (
            "BatchOverflow",
            &TicketError::BatchOverflow {
                first: 65_000,
                count: 1_000,
            },
        ),
    ]);
}

/// The key set of [`keys`] with key 2 revoked from `from`, signed by the demo root.
fn keys_revoking_2(from: NaiveDate) -> KeySet {
    let mut listed: Vec<IssuerKey> = keys().iter().cloned().collect();
    for k in &mut listed {
        if k.id.get() == 2 {
            k.revoked_from = Some(from);
        }
    }
    let root = demo::root_signing_key();
    let mut header = demo::header();
    header.sequence = 2;
    let dto = sign_key_list(&header, &listed, &root).unwrap();
    KeySet::from_feed(&dto, &root.verifying_key()).unwrap()
}

#[test]
fn a_revoked_key_refuses_redemptions_from_its_revocation_day_and_only_from_it() {
    let keys = keys_revoking_2(d(2026, 12, 10));
    let ticket = good();
    let at = |day| verify_ticket(&ticket, &keys, VerifyPolicy::PRODUCTION, day, &NothingUsed);
    assert!(at(d(2026, 12, 9)).is_valid(), "the day before still counts");
    for day in [d(2026, 12, 10), d(2026, 12, 11), d(2027, 2, 28)] {
        assert_eq!(
            at(day),
            Verdict::KeyRevoked {
                key_id: KeyId::new(2).unwrap(),
                revoked_from: d(2026, 12, 10)
            },
            "{day}"
        );
        assert_eq!(at(day).code(), "key_revoked");
    }
    // Settlement's verifier checks with the redemption day: an honest redemption made
    // before the leak was answered is still paid, one after it is refused.
    let settle =
        crate::domain::tickets::office::settlement::verify_with(&keys, VerifyPolicy::PRODUCTION);
    assert_eq!(settle(&ticket, d(2026, 12, 9)), "valid");
    assert_eq!(settle(&ticket, d(2026, 12, 10)), "key_revoked");
    // Another key of the list is untouched.
    assert!(keys
        .get(KeyId::new(1).unwrap())
        .unwrap()
        .revoked_from
        .is_none());
    // The revocation is checked before the dates: an expired ticket of the key says
    // revoked, the stronger reason.
    assert_eq!(at(d(2027, 3, 5)).code(), "key_revoked");
}

#[test]
fn a_production_build_refuses_a_demo_public_key_listed_without_the_demo_flag() {
    let mut undeclared = demo::issuer_key();
    undeclared.demo = false;
    let root = demo::root_signing_key();
    let dto = sign_key_list(&demo::header(), &[undeclared], &root).unwrap();
    let keys = KeySet::from_feed(&dto, &root.verifying_key()).unwrap();
    let mut s = spec();
    s.key_id = demo::DEMO_ISSUER_KEY_ID;
    s.valid_from = d(2026, 12, 1);
    let t = issue(s, &demo::issuer_signing_key()).unwrap();
    assert_eq!(
        verify_ticket(&t, &keys, VerifyPolicy::PRODUCTION, today(), &NothingUsed),
        Verdict::DemoNotAccepted
    );
    assert!(verify_ticket(&t, &keys, VerifyPolicy::DEMO, today(), &NothingUsed).is_valid());
}

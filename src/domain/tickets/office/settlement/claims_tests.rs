//! Issue 24, "a claim proves which shop made it": the attacks, as the properties a
//! trustworthy settlement has.

use super::*;
use crate::domain::tickets::core::claim::{ClaimLine, DeviceLabel};
use crate::domain::tickets::core::claim_signature::{ClaimFile, SIGNED_CLAIM_FORMAT};
use crate::domain::tickets::core::keys::demo;
use crate::domain::tickets::core::ticket::demo_month;
use crate::domain::tickets::shop::claim_key::ShopClaimKey;
use chrono::{Duration, TimeZone};

const HONEST: &str = "cafe-1";
const PHOTO: &str = "book-2";

fn shop(s: &str) -> ShopId {
    ShopId::parse(s).unwrap()
}

fn jst(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).single().unwrap() - Duration::hours(9)
}

fn december() -> YearMonth {
    YearMonth::new(2026, 12).unwrap()
}

fn tickets() -> Vec<Ticket> {
    demo_month(december()).unwrap()
}

fn key(s: &str, seed: u8) -> ShopClaimKey {
    ShopClaimKey::generate(shop(s), [seed; 32], jst(1, 9))
}

fn register(keys: &[&ShopClaimKey]) -> ShopKeyRegister {
    let mut r = ShopKeyRegister::new();
    for k in keys {
        assert!(r.register(&k.registration(), jst(1, 9).date_naive()));
    }
    r
}

/// A claim of `shop`'s till `レジ1`: (ticket, day, hour, transaction) per line.
fn claim(shop_id: &str, id: &str, lines: &[(&Ticket, u32, u32, u32)]) -> Claim {
    Claim::new(
        ClaimHeader {
            id: ClaimId::parse(id).unwrap(),
            shop: shop(shop_id),
            device: DeviceLabel::parse("レジ1").unwrap(),
            period: december(),
            created_at: Utc.with_ymd_and_hms(2027, 1, 1, 1, 0, 0).unwrap(),
        },
        lines
            .iter()
            .map(|(t, d, h, n)| ClaimLine {
                ticket: (*t).clone(),
                redeemed_at: jst(*d, *h),
                transaction: *n,
            })
            .collect(),
    )
    .unwrap()
}

fn run(auth: ClaimAuth, previous: SettlementState) -> Settlement {
    Settlement::new(december(), previous).with_claim_auth(auth)
}

fn finish(run: Settlement) -> SettlementReport {
    let keys = demo::key_set();
    let checks = Checks {
        verify: verify_with(&keys, VerifyPolicy::DEMO),
        shop: |_: &ShopId, _: NaiveDate| ShopStatus::Certified,
        recipient: |_| Some("R0001 旭川 花子".to_string()),
        register: None,
        shop_list: ShopList::Feed,
    };
    // A binding, so the report is built before `checks` and `keys` are dropped.
    #[allow(clippy::let_and_return)] // why: `keys` must outlive the borrowed checks
    let report = run.finish(&checks).unwrap();
    report
}

/// What a shop was paid for `ticket`.
fn paid_to(r: &SettlementReport, ticket: TicketId) -> Vec<ShopId> {
    r.settled
        .iter()
        .filter(|s| s.ticket == ticket)
        .filter_map(|s| r.claims.get(s.claim as usize).map(|h| h.shop.clone()))
        .chain(
            r.claims_check
                .decided_paid
                .iter()
                .filter(|d| d.ticket == ticket)
                .map(|d| d.line.shop.clone()),
        )
        .collect()
}

/// The honest shop redeemed ticket X at 12:00 on the 5th as its transaction 2, in
/// sequence, and signs its claim.
fn honest_claim(t: &[Ticket]) -> Claim {
    claim(
        HONEST,
        "cafe-1-202612-aaaaaaaa-1",
        &[(&t[0], 3, 10, 1), (&t[1], 5, 12, 2), (&t[2], 6, 12, 3)],
    )
}

#[test]
fn a_shop_that_only_photographed_a_ticket_is_not_paid_and_the_honest_shop_is_not_refused_without_review(
) {
    let t = tickets();
    let x = t[1].body().id();
    let (honest, photo) = (key(HONEST, 1), key(PHOTO, 2));
    let keys = register(&[&honest, &photo]);
    let honest_file = honest.sign(&honest_claim(&t));
    // (a) The photographer dates the copy early (the 4th) by setting its clock back: its
    //     till numbering runs backwards there. Signed with its own registered key.
    let dated_early = claim(
        PHOTO,
        "book-2-202612-bbbbbbbb-1",
        &[(&t[10], 1, 10, 1), (&t[11], 10, 10, 2), (&t[1], 4, 10, 3)],
    );
    // (b) The same, unsigned.
    // (c) A careful photographer whose numbering fits (a free number between two
    //     others), signed: the rule cannot tell, so nobody is paid and both go to review.
    let careful = claim(
        PHOTO,
        "book-2-202612-cccccccc-1",
        &[(&t[10], 1, 10, 1), (&t[1], 4, 10, 2), (&t[11], 10, 10, 3)],
    );
    for (label, photo_file) in [
        ("dated early, signed", Some(photo.sign(&dated_early))),
        ("unsigned", Some(dated_early.to_json())),
        ("in sequence, signed", Some(photo.sign(&careful))),
    ] {
        for photographer_first in [true, false] {
            let mut r = run(ClaimAuth::production(keys.clone()), SettlementState::new());
            let mut files = vec![honest_file.clone()];
            if let Some(f) = &photo_file {
                files.insert(usize::from(!photographer_first), f.clone());
            }
            for f in &files {
                match r.import_json(f) {
                    Ok(_) => {}
                    Err(ImportError::Refused { code, .. }) => {
                        assert_eq!(code.code(), "claim_unsigned", "{label}")
                    }
                    Err(e) => panic!("{label}: {e}"),
                }
            }
            let report = finish(r);
            let paid = paid_to(&report, x);
            assert!(
                !paid.contains(&shop(PHOTO)),
                "{label}: the photographer is paid"
            );
            let in_review = report
                .claims_check
                .reviews
                .iter()
                .any(|rv| rv.ticket == x && rv.lines.iter().any(|l| l.shop == shop(HONEST)));
            assert!(
                paid == [shop(HONEST)] || in_review,
                "{label}: the honest shop is refused without review"
            );
            // The dated-early copy breaks its till's numbering, and that is reported.
            if label == "dated early, signed" {
                assert_eq!(paid, [shop(HONEST)], "{label}");
                assert!(report
                    .claims_check
                    .till_problems
                    .iter()
                    .any(|p| p.code == "till_time_backwards" && p.shop == shop(PHOTO)));
                assert!(report.problems_csv().contains(NOT_AGAINST_RECIPIENT));
            }
        }
    }
}

#[test]
fn a_claim_filed_under_another_shops_id_is_refused() {
    let t = tickets();
    let (honest, photo) = (key(HONEST, 1), key(PHOTO, 2));
    let keys = register(&[&honest, &photo]);
    // Signed by book-2's registered key, naming cafe-1.
    let forged_as_honest = photo.sign(&claim(
        HONEST,
        "cafe-1-202612-dddddddd-9",
        &[(&t[4], 7, 10, 1)],
    ));
    // Signed by a key nobody registered.
    let stranger = key(HONEST, 3).sign(&claim(
        HONEST,
        "cafe-1-202612-eeeeeeee-9",
        &[(&t[5], 7, 10, 1)],
    ));
    for file in [forged_as_honest, stranger] {
        let mut r = run(ClaimAuth::production(keys.clone()), SettlementState::new());
        let err = r.import_json(&file).unwrap_err();
        assert!(
            matches!(&err, ImportError::Refused { code: AuthRefusal::WrongKey, shop, .. } if shop.as_str() == HONEST),
            "{err:?}"
        );
        assert_eq!(
            ImportError::Refused {
                code: AuthRefusal::WrongKey,
                shop: shop(HONEST),
                claim: ClaimId::parse("x").unwrap()
            }
            .wording(Lang::En),
            "claim x is not signed by a key registered to shop cafe-1 (claim_wrong_key)"
        );
        assert_eq!(finish(r).total_payout, Yen::ZERO);
    }
    // A retired key no longer signs for its shop.
    let mut retired = keys.clone();
    assert!(retired.retire(&honest.public(), jst(20, 0).date_naive()));
    let mut r = run(ClaimAuth::production(retired), SettlementState::new());
    assert!(matches!(
        r.import_json(&honest.sign(&honest_claim(&t))),
        Err(ImportError::Refused {
            code: AuthRefusal::WrongKey,
            ..
        })
    ));
}

/// A claim refused for its signature is a refused claim file like any other: listed by
/// name with its shop, claim id and code (`claim_file_refused`), nothing of it paid; and
/// interim used data reads claim files by the same rule (`ClaimAuth::read_claim`).
#[test]
fn a_claim_refused_for_its_signature_is_listed_as_a_refused_file() {
    let t = tickets();
    let (honest, photo) = (key(HONEST, 1), key(PHOTO, 2));
    let keys = register(&[&honest]);
    let good = honest.sign(&honest_claim(&t));
    let wrong = photo.sign(&claim(
        HONEST,
        "cafe-1-202612-dddddddd-9",
        &[(&t[4], 7, 10, 1)],
    ));
    let unsigned = claim(HONEST, "cafe-1-202612-eeeeeeee-9", &[(&t[5], 7, 11, 2)]).to_json();
    let auth = ClaimAuth::production(keys);
    assert!(auth.read_claim(&good).is_ok());
    assert!(matches!(
        auth.read_claim(&wrong),
        Err(ImportError::Refused {
            code: AuthRefusal::WrongKey,
            ..
        })
    ));
    assert!(matches!(
        auth.read_claim(&unsigned),
        Err(ImportError::Refused {
            code: AuthRefusal::Unsigned,
            ..
        })
    ));
    let mut r = run(auth, SettlementState::new());
    r.import_file("good.json", &good).unwrap();
    assert!(r.import_file("wrong.json", &wrong).is_err());
    assert!(r.import_file("unsigned.json", &unsigned).is_err());
    let report = finish(r);
    assert_eq!(report.total_payout, Yen(3_000));
    let listed: Vec<(&str, Option<&str>, Option<&str>)> = report
        .refused_files
        .iter()
        .map(|f| {
            (
                f.name.as_str(),
                f.shop.as_ref().map(ShopId::as_str),
                f.claim.as_ref().map(ClaimId::as_str),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("wrong.json", Some(HONEST), Some("cafe-1-202612-dddddddd-9")),
            (
                "unsigned.json",
                Some(HONEST),
                Some("cafe-1-202612-eeeeeeee-9")
            ),
        ]
    );
    let problems = report.problems_csv();
    let rows: Vec<&str> = problems
        .lines()
        .filter(|l| l.contains(",claim_file_refused,"))
        .collect();
    assert_eq!(rows.len(), 2, "{problems}");
    assert!(rows[0].contains("(claim_wrong_key)"), "{}", rows[0]);
    assert!(rows[1].contains("(claim_unsigned)"), "{}", rows[1]);
    assert!(report.summary().contains("claim files refused: 2"));
}

#[test]
fn an_altered_signed_claim_is_refused_even_in_a_demo_run() {
    let t = tickets();
    let honest = key(HONEST, 1);
    let file = honest.sign(&honest_claim(&t));
    // One redemption time moved an hour earlier inside the signed claim text.
    let altered = file.replacen("T03:00:00.000Z", "T02:00:00.000Z", 1);
    assert_ne!(altered, file);
    let mut r = run(
        ClaimAuth::demo(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    assert!(matches!(
        r.import_json(&altered),
        Err(ImportError::Refused {
            code: AuthRefusal::BadSignature,
            ..
        })
    ));
}

#[test]
fn a_demo_run_accepts_unsigned_claims_and_marks_them() {
    let t = tickets();
    let mut r = run(
        ClaimAuth::demo(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    r.import_json(&honest_claim(&t).to_json()).unwrap();
    let report = finish(r);
    assert_eq!(report.total_payout, Yen(3_000));
    assert_eq!(report.claims_check.marked.len(), 1);
    assert_eq!(
        report.claims_check.marked[0].authenticity.code(),
        "claim_unsigned"
    );
    assert!(report
        .problems_csv()
        .contains("claim_unsigned,署名のない請求,,,cafe-1,,,cafe-1-202612-aaaaaaaa-1"));
    // And a production run refuses the same file.
    let mut p = run(
        ClaimAuth::production(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    assert!(matches!(
        p.import_json(&honest_claim(&t).to_json()),
        Err(ImportError::Refused {
            code: AuthRefusal::Unsigned,
            ..
        })
    ));
}

#[test]
fn a_claim_id_used_first_by_another_shop_does_not_block_the_real_claim() {
    let t = tickets();
    let (honest, photo) = (key(HONEST, 1), key(PHOTO, 2));
    let keys = register(&[&honest, &photo]);
    let real = honest_claim(&t);
    // book-2 files its own claim under cafe-1's claim id, first.
    let squatter = photo.sign(&claim(PHOTO, real.id().as_str(), &[(&t[8], 2, 10, 1)]));
    let mut r = run(ClaimAuth::production(keys.clone()), SettlementState::new());
    assert!(matches!(
        r.import_json(&squatter),
        Ok(ImportOutcome::Added { .. })
    ));
    assert!(matches!(
        r.import_json(&honest.sign(&real)),
        Ok(ImportOutcome::Added { .. })
    ));
    let report = finish(r);
    assert_eq!(report.payouts[&shop(HONEST)].amount, Yen(3_000));
    // Also across months: the squatter's id in the carried state blocks nothing.
    let mut first = run(ClaimAuth::production(keys.clone()), SettlementState::new());
    first.import_json(&squatter).unwrap();
    let state = SettlementState::from_json(&finish(first).state.to_json()).unwrap();
    let mut next = run(ClaimAuth::production(keys), state);
    assert!(matches!(
        next.import_json(&honest.sign(&real)),
        Ok(ImportOutcome::Added { .. })
    ));
    // The same shop reusing its own id with other content is still refused.
    let other = honest.sign(&claim(HONEST, real.id().as_str(), &[(&t[9], 2, 10, 1)]));
    assert!(matches!(
        next.import_json(&other),
        Err(ImportError::IdReused(_))
    ));
}

#[test]
fn the_same_file_again_is_known_by_its_sha256_and_by_an_older_states_fnv_digest() {
    let t = tickets();
    let c = honest_claim(&t);
    let mut r = run(
        ClaimAuth::demo(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    r.import(&c).unwrap();
    let json = finish(r).state.to_json();
    let sha = crate::domain::tickets::core::claim_signature::sha256_hex(c.to_json().as_bytes());
    assert!(json.contains(&sha), "{json}");
    let fnv = c.to_json().bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let old = json.replace(&sha, &format!("{fnv:016x}"));
    for state in [json, old] {
        let mut again = run(
            ClaimAuth::demo(ShopKeyRegister::new()),
            SettlementState::from_json(&state).unwrap(),
        );
        assert_eq!(again.import(&c), Ok(ImportOutcome::SameFileAgain));
    }
}

#[test]
fn each_tills_numbering_is_checked_for_time_running_backwards_gaps_and_reuse() {
    let t = tickets();
    let c = claim(
        HONEST,
        "cafe-1-202612-ffffffff-1",
        &[
            (&t[0], 2, 10, 1),
            (&t[1], 3, 10, 2),
            (&t[2], 1, 10, 3), // dated before 2
            (&t[3], 4, 10, 6), // 4 and 5 skipped
        ],
    );
    // A second claim of the same till reuses number 6 for another ticket.
    let d = claim(HONEST, "cafe-1-202612-ffffffff-2", &[(&t[4], 5, 10, 6)]);
    let mut r = run(
        ClaimAuth::demo(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    r.import(&c).unwrap();
    r.import(&d).unwrap();
    let report = finish(r);
    let codes: Vec<(&str, u32, u32)> = report
        .claims_check
        .till_problems
        .iter()
        .map(|p| (p.code, p.before.transaction, p.after.transaction))
        .collect();
    assert_eq!(
        codes,
        [
            ("till_time_backwards", 2, 3),
            ("till_gap", 3, 6),
            ("till_number_reused", 6, 6)
        ]
    );
    let problems = report.problems_csv();
    for code in ["till_time_backwards", "till_gap", "till_number_reused"] {
        assert!(problems.contains(code), "{problems}");
    }
    // An in-sequence till reports nothing.
    let mut ok = run(
        ClaimAuth::demo(ShopKeyRegister::new()),
        SettlementState::new(),
    );
    ok.import(&honest_claim(&t)).unwrap();
    assert!(finish(ok).claims_check.till_problems.is_empty());
}

#[test]
fn the_offices_decision_is_recorded_and_carried_over_to_later_months() {
    let t = tickets();
    let x = t[1].body().id();
    let (honest, photo) = (key(HONEST, 1), key(PHOTO, 2));
    let keys = register(&[&honest, &photo]);
    let careful = claim(
        PHOTO,
        "book-2-202612-cccccccc-1",
        &[(&t[10], 1, 10, 1), (&t[1], 4, 10, 2), (&t[11], 10, 10, 3)],
    );
    let mut december_run = run(ClaimAuth::production(keys.clone()), SettlementState::new());
    december_run
        .import_json(&honest.sign(&honest_claim(&t)))
        .unwrap();
    december_run.import_json(&photo.sign(&careful)).unwrap();
    let december_report = finish(december_run);
    assert!(paid_to(&december_report, x).is_empty());
    assert_eq!(december_report.claims_check.under_review, [x]);
    assert!(december_report.used_marks().contains(&x));
    let review = december_report.review_csv();
    assert!(
        review.contains(",cafe-1,") && review.contains(",book-2,"),
        "{review}"
    );
    // January: no new claims; the office decides for the honest shop.
    let state = SettlementState::from_json(&december_report.state.to_json()).unwrap();
    assert_eq!(state.open_reviews().len(), 1);
    // Without a decision, January lists the waiting ticket again and pays nobody.
    let waiting = finish(
        Settlement::new(YearMonth::new(2027, 1).unwrap(), state.clone())
            .with_claim_auth(ClaimAuth::production(keys.clone())),
    );
    assert!(paid_to(&waiting, x).is_empty());
    assert!(waiting.review_csv().contains(&format!(
        "2027-01,review_open,{x},R0001 旭川 花子,1000,2026-12,"
    )));
    assert_eq!(waiting.state.open_reviews().len(), 1);
    let mut january = Settlement::new(YearMonth::new(2027, 1).unwrap(), state)
        .with_claim_auth(ClaimAuth::production(keys.clone()));
    january.decide(x, Decision::Pay(shop(HONEST)));
    let january_report = finish(january);
    assert_eq!(paid_to(&january_report, x), [shop(HONEST)]);
    assert_eq!(january_report.total_payout, Yen(1_000));
    assert_eq!(january_report.total_charges, Yen(1_000));
    assert!(january_report.settled_csv().contains(&x.to_string()));
    assert!(january_report.review_csv().contains("review_paid"));
    // February: the decision is still in the state; a later copy of X is a duplicate of a
    // settled ticket, never paid.
    let state = SettlementState::from_json(&january_report.state.to_json()).unwrap();
    assert_eq!(
        state.decisions().get(&x),
        Some(&Decision::Pay(shop(HONEST)))
    );
    assert!(state.open_reviews().is_empty());
    assert!(state.settled(x).is_some());
}

#[test]
fn the_signed_claim_test_vector_matches_byte_for_byte() {
    let claim_json = include_str!("../../../../../tests/fixtures/claims/claim-v1.json");
    let claim = Claim::from_json(claim_json).unwrap();
    let key = ShopClaimKey::generate(
        claim.header().shop.clone(),
        [0x42; 32],
        Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
    );
    let signed = key.sign(&claim);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/claims/claim-signed-v1.json"
    );
    if std::env::var_os("JOKATSU_WRITE_FIXTURES").is_some() {
        std::fs::write(path, &signed).unwrap();
        std::fs::write(
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/claims/shop-key-v1.json"
            ),
            key.to_json(),
        )
        .unwrap();
    }
    let fixture = std::fs::read_to_string(path).unwrap();
    assert_eq!(signed, fixture);
    let file = ClaimFile::parse(&fixture).unwrap();
    assert!(fixture.contains(SIGNED_CLAIM_FORMAT));
    assert_eq!(file.claim, claim);
    assert!(file.signer.unwrap().verified);
    // Its claim string is the claim file, byte for byte.
    let inner: serde_json::Value = serde_json::from_str(&fixture).unwrap();
    assert_eq!(inner["claim"].as_str(), Some(claim_json));
}

#[test]
fn every_claim_key_error_is_worded_in_both_languages() {
    use crate::domain::tickets::shop::claim_key::ShopKeyError;
    let id = ClaimId::parse("c-1").unwrap();
    crate::domain::shared::wording::assert_worded(&[
        (
            "Refused unsigned",
            &ImportError::Refused {
                code: AuthRefusal::Unsigned,
                shop: shop(HONEST),
                claim: id.clone(),
            },
        ),
        (
            "Refused wrong key",
            &ImportError::Refused {
                code: AuthRefusal::WrongKey,
                shop: shop(HONEST),
                claim: id.clone(),
            },
        ),
        (
            "Refused bad signature",
            &ImportError::Refused {
                code: AuthRefusal::BadSignature,
                shop: shop(HONEST),
                claim: id,
            },
        ),
        ("Header", &ShopKeysError::Header),
        (
            "Row",
            &ShopKeysError::Row {
                line: 2,
                problem: "x",
            },
        ),
        ("Unreadable", &ShopKeyError::Unreadable),
        ("Invalid", &ShopKeyError::Invalid { at: "shop" }),
        ("Mismatch", &ShopKeyError::Mismatch),
        (
            "OtherShop",
            &ShopKeyError::OtherShop {
                file: "book-2".into(),
            },
        ),
    ]);
}

#[test]
fn the_shop_key_list_reads_back_and_refuses_one_key_for_two_shops() {
    let (a, b) = (key(HONEST, 1), key(PHOTO, 2));
    let mut list = register(&[&a, &b]);
    assert!(!list.register(
        &crate::domain::tickets::core::claim_signature::ShopKeyRegistration {
            shop: shop(PHOTO),
            key: a.public(),
        },
        jst(2, 0).date_naive()
    ));
    list.retire(&a.public(), jst(20, 0).date_naive());
    let csv = list.to_csv();
    assert_eq!(ShopKeyRegister::from_csv(&csv).unwrap(), list);
    let crlf = format!("\u{FEFF}{}\r\n", csv.replace('\n', "\r\n"));
    assert_eq!(ShopKeyRegister::from_csv(&crlf).unwrap(), list);
    let two_shops = format!("{csv}{},{},2026-12-01,\n", PHOTO, a.public().to_text());
    assert!(matches!(
        ShopKeyRegister::from_csv(&two_shops),
        Err(ShopKeysError::Row { line: 4, .. })
    ));
    assert_eq!(
        ShopKeyRegister::from_csv("shop,key\n"),
        Err(ShopKeysError::Header)
    );
}

#[test]
fn a_decision_for_a_shop_whose_line_came_in_an_earlier_month_pays_it_even_if_a_third_shop_claims_now(
) {
    let t = tickets();
    let x = t[1].body().id();
    let (honest, photo, third) = (key(HONEST, 1), key(PHOTO, 2), key("salon-4", 4));
    let keys = register(&[&honest, &photo, &third]);
    let careful = claim(
        PHOTO,
        "book-2-202612-cccccccc-1",
        &[(&t[10], 1, 10, 1), (&t[1], 4, 10, 2), (&t[11], 10, 10, 3)],
    );
    let mut december_run = run(ClaimAuth::production(keys.clone()), SettlementState::new());
    december_run
        .import_json(&honest.sign(&honest_claim(&t)))
        .unwrap();
    december_run.import_json(&photo.sign(&careful)).unwrap();
    let state = SettlementState::from_json(&finish(december_run).state.to_json()).unwrap();
    // January: a third shop claims X (a late December claim), and the office decides.
    let mut january = Settlement::new(YearMonth::new(2027, 1).unwrap(), state)
        .with_claim_auth(ClaimAuth::production(keys));
    january.decide(x, Decision::Pay(shop(HONEST)));
    january
        .import_json(&third.sign(&claim("salon-4", "salon-4-202612-1", &[(&t[1], 20, 10, 1)])))
        .unwrap();
    let report = finish(january);
    assert_eq!(paid_to(&report, x), [shop(HONEST)]);
    let reviews: Vec<&Review> = report
        .claims_check
        .reviews
        .iter()
        .filter(|r| r.ticket == x)
        .collect();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].status, ReviewStatus::Paid(shop(HONEST)));
    let shops: Vec<&str> = reviews[0].lines.iter().map(|l| l.shop.as_str()).collect();
    // December's lines by time (book-2 dated the 4th, cafe-1 the 5th), then January's.
    assert_eq!(shops, [PHOTO, HONEST, "salon-4"]);
    assert!(report.state.open_reviews().is_empty());
}

#[test]
fn a_gap_in_a_tills_numbering_alone_is_recorded_but_needs_no_follow_up() {
    let t = tickets();
    let honest = key(HONEST, 1);
    let production = || ClaimAuth::production(register(&[&honest]));
    // Numbers 2 and 3 were undone at the till (never claimed): a gap, recorded only.
    let gap = claim(
        HONEST,
        "cafe-1-202612-abababab-1",
        &[(&t[0], 3, 10, 1), (&t[1], 5, 12, 4)],
    );
    let mut r = run(production(), SettlementState::new());
    r.import_json(&honest.sign(&gap)).unwrap();
    let report = finish(r);
    let codes: Vec<&str> = report
        .claims_check
        .till_problems
        .iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(codes, ["till_gap"]);
    assert!(report.problems_csv().contains("till_gap"));
    assert_eq!(report.exit_code(), 0, "{}", report.summary());
    // Time running backwards is a problem to follow up.
    let backwards = claim(
        HONEST,
        "cafe-1-202612-abababab-2",
        &[(&t[0], 5, 10, 1), (&t[1], 3, 12, 2)],
    );
    let mut r = run(production(), SettlementState::new());
    r.import_json(&honest.sign(&backwards)).unwrap();
    assert_eq!(finish(r).exit_code(), 1);
}

//! The settlement rules of issue 24, each as the property a trustworthy settlement has:
//! only what the office issued is paid, as issued; no claim file is lost silently; no
//! redemption from the future is paid; every code the tools write is documented.

use super::*;
use crate::domain::tickets::core::claim::ClaimLine;
use crate::domain::tickets::core::keys::demo;
use crate::domain::tickets::core::shops::ShopDto;
use crate::domain::tickets::core::ticket::{issue_month, MonthRun, VERDICT_CODES};
use crate::domain::tickets::office::issuance::{
    batch_id, Allocation, REGISTER_FORMAT, REGISTER_VERSION,
};
use crate::domain::tickets::office::roster::RecipientId;
use crate::domain::tickets::shop::ledger::DeviceLabel;
use chrono::{Duration, TimeZone};

fn month() -> YearMonth {
    YearMonth::new(2026, 12).unwrap()
}

fn jst(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, d, h, 0, 0).single().unwrap() - Duration::hours(9)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Twenty tickets of December 2026 for `recipient`, from `first`.
fn allocation(recipient: &str, first: u16) -> Allocation {
    Allocation {
        month: month(),
        recipient: RecipientId::parse(recipient).unwrap(),
        employer: EmployerId(100),
        key_id: demo::DEMO_ISSUER_KEY_ID,
        demo: false,
        batch: batch_id(month(), 0),
        first_index: first,
        count: 20,
        face_value: Yen(1_000),
        employer_share: Yen(500),
        valid_from: day(2026, 12, 1),
        valid_until: day(2027, 2, 28),
        issued_on: day(2026, 11, 25),
        replaced: false,
        replaced_on: None,
    }
}

fn register_of(allocations: &[Allocation]) -> Register {
    Register::from_json(
        &serde_json::json!({
            "format": REGISTER_FORMAT,
            "version": REGISTER_VERSION,
            "allocations": allocations,
        })
        .to_string(),
    )
    .unwrap()
}

/// The ticket at `index` signed by the issuer key as `a` states it, changed by `edit`
/// (an insider or a stolen key file signs whatever it likes).
fn signed(a: &Allocation, index: u16, edit: impl FnOnce(&mut MonthRun)) -> Ticket {
    let mut run = MonthRun {
        demo: a.demo,
        key_id: a.key_id,
        batch: a.batch.0,
        first_index: index,
        count: 1,
        face_value: a.face_value,
        employer_share: a.employer_share,
        employer: a.employer,
        valid_from: a.valid_from,
        valid_until: a.valid_until,
    };
    edit(&mut run);
    issue_month(&run, &demo::issuer_signing_key())
        .unwrap()
        .remove(0)
}

fn claim(id: &str, shop_id: &str, lines: &[(&Ticket, DateTime<Utc>)]) -> Claim {
    Claim::new(
        ClaimHeader {
            id: ClaimId::parse(id).unwrap(),
            shop: ShopId::parse(shop_id).unwrap(),
            device: DeviceLabel::parse("レジ1").unwrap(),
            period: month(),
            created_at: jst(31, 20),
        },
        lines
            .iter()
            .enumerate()
            .map(|(i, (t, at))| ClaimLine {
                ticket: (*t).clone(),
                redeemed_at: *at,
                transaction: i as u32 + 1,
            })
            .collect(),
    )
    .unwrap()
}

fn checks<'a>(keys: &'a KeySet, register: Option<&'a Register>) -> impl SettlementChecks + 'a {
    Checks {
        verify: verify_with(keys, VerifyPolicy::DEMO),
        shop: |_: &ShopId, _: NaiveDate| ShopStatus::Certified,
        recipient: move |id: TicketId| register?.find(&id).map(|a| a.recipient.to_string()),
        register,
        shop_list: ShopList::Feed,
    }
}

/// Settles one claim of `lines` at cafe-1 on 2027-01-05 against `register`.
fn settle(register: Option<&Register>, lines: &[(&Ticket, DateTime<Utc>)]) -> SettlementReport {
    let keys = demo::key_set();
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2027, 1, 5));
    run.import(&claim("cafe-1-202612", "cafe-1", lines))
        .unwrap();
    let checks = checks(&keys, register);
    run.finish(&checks).unwrap()
}

fn codes(report: &SettlementReport) -> Vec<(&'static str, TicketId)> {
    report
        .rejections
        .iter()
        .map(|r| (r.reason.code(), r.line.ticket))
        .collect()
}

#[test]
fn a_serial_the_office_never_allocated_is_not_paid() {
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    let genuine = signed(&a, 3, |_| {});
    // Signed with the real issuer key, but a serial no allocation holds.
    let minted = signed(&a, 500, |_| {});
    let report = settle(
        Some(&register),
        &[(&genuine, jst(3, 12)), (&minted, jst(3, 13))],
    );
    assert_eq!(codes(&report), vec![("not_issued", minted.body().id())]);
    assert_eq!(report.rejections[0].recipient, None);
    assert_eq!(report.total_payout, Yen(1_000));
    assert_eq!(report.newly_settled, vec![genuine.body().id()]);
    assert!(report.problems_csv().contains("not_issued,"));
}

#[test]
fn a_ticket_that_differs_from_its_allocation_is_not_paid() {
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    type Edit = fn(&mut MonthRun);
    let cases: [(Edit, Mismatch); 5] = [
        (|r| r.employer = EmployerId(999), Mismatch::Employer),
        (|r| r.face_value = Yen(800), Mismatch::FaceValue),
        (|r| r.employer_share = Yen(0), Mismatch::EmployerShare),
        (|r| r.valid_from = day(2026, 12, 2), Mismatch::ValidFrom),
        (|r| r.valid_until = day(2027, 1, 31), Mismatch::ValidUntil),
    ];
    for (i, (edit, mismatch)) in cases.into_iter().enumerate() {
        let t = signed(&a, i as u16, edit);
        let report = settle(Some(&register), &[(&t, jst(3, 12))]);
        assert_eq!(
            report.rejections.first().map(|r| r.reason.clone()),
            Some(Reason::NotAsIssued(mismatch)),
            "{mismatch:?}"
        );
        // Still traced to whom the serial went, for the follow-up.
        assert_eq!(
            report.rejections[0].recipient.as_deref(),
            Some("R0001"),
            "{mismatch:?}"
        );
        assert_eq!(report.total_payout, Yen::ZERO);
        assert!(report.problems_csv().contains(mismatch.field()));
    }
}

#[test]
fn a_replaced_allocation_is_paid_up_to_its_replacement_day_and_not_after() {
    let mut old = allocation("R0001", 0);
    old.replaced = true;
    old.replaced_on = Some(day(2026, 12, 10));
    let mut new = allocation("R0001", 20);
    new.issued_on = day(2026, 12, 10);
    let register = register_of(&[old.clone(), new.clone()]);
    let before = signed(&old, 1, |_| {});
    let on_the_day = signed(&old, 2, |_| {});
    let after = signed(&old, 3, |_| {});
    let replacement = signed(&new, 21, |_| {});
    let report = settle(
        Some(&register),
        &[
            (&before, jst(9, 12)),
            (&on_the_day, jst(10, 12)),
            (&after, jst(11, 12)),
            (&replacement, jst(11, 13)),
        ],
    );
    assert_eq!(codes(&report), vec![("replaced", after.body().id())]);
    assert_eq!(
        report.rejections[0].reason,
        Reason::Replaced {
            on: Some(day(2026, 12, 10))
        }
    );
    assert_eq!(report.total_payout, Yen(3_000));
    // A register written before `replaced_on` was recorded: the replacement's issue day.
    old.replaced_on = None;
    let register = register_of(&[old.clone(), new]);
    let report = settle(
        Some(&register),
        &[(&on_the_day, jst(10, 12)), (&after, jst(11, 12))],
    );
    assert_eq!(codes(&report), vec![("replaced", after.body().id())]);
    // Replaced with no replacement at all: nothing of it is paid.
    let register = register_of(&[old]);
    let report = settle(Some(&register), &[(&before, jst(1, 12))]);
    assert_eq!(codes(&report), vec![("replaced", before.body().id())]);
}

#[test]
fn production_settlement_without_a_register_is_refused_and_a_demo_one_says_so() {
    use super::checks::{settlement_checks, RegisterRequired};
    let keys = demo::key_set();
    let shops = Directory::default();
    let master = ShopMaster::from_csv(MASTER_CSV.as_bytes()).unwrap();
    assert_eq!(
        settlement_checks(
            &keys,
            &shops,
            Some(&master),
            None,
            &[],
            VerifyPolicy::PRODUCTION
        )
        .err(),
        Some(RegisterRequired.into())
    );
    let register = Register::new();
    assert!(settlement_checks(
        &keys,
        &shops,
        Some(&master),
        Some(&register),
        &[],
        VerifyPolicy::PRODUCTION
    )
    .is_ok());
    // Demo without a register: settled, and the summary says the check was not made.
    let a = allocation("R0001", 0);
    let t = signed(&a, 0, |_| {});
    let report = settle(None, &[(&t, jst(3, 12))]);
    assert_eq!(report.total_payout, Yen(1_000));
    assert!(!report.register_checked);
    assert!(report.summary().contains("register check: NOT made"));
    let report = settle(Some(&register_of(&[a])), &[(&t, jst(3, 12))]);
    assert!(report.register_checked);
    assert!(report.summary().contains("register check: made"));
}

#[test]
fn a_refused_claim_file_appears_in_the_summary_and_problems() {
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    let keys = demo::key_set();
    let t = signed(&a, 0, |_| {});
    let u = signed(&a, 1, |_| {});
    let good = claim("cafe-1-202612", "cafe-1", &[(&t, jst(3, 12))]);
    let reused = claim("cafe-1-202612", "cafe-1", &[(&u, jst(4, 12))]);
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2027, 1, 5));
    run.import_file("cafe-1.json", &good.to_json()).unwrap();
    assert!(matches!(
        run.import_file("cafe-1-again.json", &reused.to_json()),
        Err(ImportError::IdReused(_))
    ));
    assert!(matches!(
        run.import_file("broken.json", "{not json"),
        Err(ImportError::Unreadable(_))
    ));
    run.unreadable_file("lost.json", "permission denied");
    let report = run.finish(&checks(&keys, Some(&register))).unwrap();
    let names: Vec<&str> = report
        .refused_files
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(names, ["cafe-1-again.json", "broken.json", "lost.json"]);
    // Nothing of a refused file is paid.
    assert_eq!(report.newly_settled, vec![t.body().id()]);
    let summary = report.summary();
    assert!(summary.contains("claim files refused: 3"), "{summary}");
    for name in &names {
        assert!(summary.contains(name), "{name}: {summary}");
    }
    let problems = report.problems_csv();
    let rows: Vec<&str> = problems
        .lines()
        .filter(|l| l.contains(",claim_file_refused,"))
        .collect();
    assert_eq!(rows.len(), 3, "{problems}");
    assert!(rows[0].contains(",cafe-1,,,cafe-1-202612,"), "{}", rows[0]);
    assert!(
        rows[0].contains("cafe-1-again.json: 請求番号"),
        "{}",
        rows[0]
    );
    assert!(rows[2].contains("lost.json: the file cannot be read (permission denied)"));
}

#[test]
fn redemptions_dated_after_the_run_day_or_month_are_not_paid() {
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    let keys = demo::key_set();
    let (t0, t1, t2) = (
        signed(&a, 0, |_| {}),
        signed(&a, 1, |_| {}),
        signed(&a, 2, |_| {}),
    );
    // Settling December on 12-20: the 20th is fine, the 21st is in the future.
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2026, 12, 20));
    run.import(&claim(
        "cafe-1-202612",
        "cafe-1",
        &[(&t0, jst(20, 22)), (&t1, jst(21, 9))],
    ))
    .unwrap();
    let report = run.finish(&checks(&keys, Some(&register))).unwrap();
    assert_eq!(codes(&report), vec![("redeemed_in_future", t1.body().id())]);
    assert_eq!(report.newly_settled, vec![t0.body().id()]);
    // Settling November: a December redemption belongs to a later run, even without a day.
    let november = YearMonth::new(2026, 11).unwrap();
    let mut run = Settlement::new(november, SettlementState::new());
    run.import(&claim("cafe-1-202612", "cafe-1", &[(&t2, jst(1, 0))]))
        .unwrap();
    let report = run.finish(&checks(&keys, Some(&register))).unwrap();
    assert_eq!(
        codes(&report),
        vec![("redeemed_after_run_month", t2.body().id())]
    );
    assert_eq!(report.total_payout, Yen::ZERO);
    // 2026-12-01 00:00 JST is 2026-11-30 in UTC: the JST day decides.
    assert!(report.problems_csv().contains("2026-12-01 00:00:00"));
}

/// Every reason the tools can write, named so that a new variant does not compile until
/// it is listed here (and so checked against the docs).
fn every_reason() -> Vec<Reason> {
    let mut all: Vec<Reason> = VERDICT_CODES
        .iter()
        .filter_map(|c| Reason::from_code(c))
        .collect();
    all.extend([
        Reason::RedeemedInFuture {
            today: day(2026, 1, 1),
        },
        Reason::RedeemedAfterRunMonth,
        Reason::NotIssued,
        Reason::NotAsIssued(Mismatch::Employer),
        Reason::Replaced { on: None },
        Reason::ShopNotCertified,
        Reason::ShopNotCertifiedOn,
    ]);
    for r in &all {
        match r {
            Reason::RedeemedInFuture { .. }
            | Reason::RedeemedAfterRunMonth
            | Reason::Forged
            | Reason::UnknownKey
            | Reason::KeyNotValidForTicket
            | Reason::OutsideKeyBounds
            | Reason::Demo
            | Reason::RedeemedAfterExpiry
            | Reason::RedeemedBeforeValid
            | Reason::Malformed
            | Reason::Verdict(_)
            | Reason::NotIssued
            | Reason::NotAsIssued(_)
            | Reason::Replaced { .. }
            | Reason::ShopNotCertified
            | Reason::ShopNotCertifiedOn => {}
        }
    }
    all
}

#[test]
fn every_problem_code_the_tools_write_is_in_the_settlement_docs() {
    let doc = include_str!("../../../../../docs/settlement.md");
    // The codes of the problem table: rows `| \`code\` | … |`.
    let documented: HashSet<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let mut written: Vec<&str> = every_reason().iter().map(Reason::code).collect();
    for kind in [
        DuplicateKind::SameShop,
        DuplicateKind::OtherShop,
        DuplicateKind::SettledEarlier { run: month() },
    ] {
        match kind {
            DuplicateKind::SameShop
            | DuplicateKind::OtherShop
            | DuplicateKind::SettledEarlier { .. } => written.push(kind.code()),
        }
    }
    written.push(RefusedFile::CODE);
    // Claim signatures (rule 1a): a demo run's marks, and the codes ending a refused
    // file's reason.
    for a in [
        Authenticity::Registered,
        Authenticity::UnregisteredKey,
        Authenticity::Unsigned,
    ] {
        match a {
            // Registered claims are not marked: no row, no code.
            Authenticity::Registered => {}
            Authenticity::UnregisteredKey | Authenticity::Unsigned => written.push(a.code()),
        }
    }
    for r in [
        AuthRefusal::Unsigned,
        AuthRefusal::WrongKey,
        AuthRefusal::BadSignature,
    ] {
        match r {
            AuthRefusal::Unsigned | AuthRefusal::WrongKey | AuthRefusal::BadSignature => {
                written.push(r.code());
            }
        }
    }
    // Till numbering (rule 4a) and the review list.
    written.extend(TILL_CODES);
    for s in [
        ReviewStatus::Open,
        ReviewStatus::Paid(ShopId::parse("cafe-1").unwrap()),
        ReviewStatus::NotPaid,
    ] {
        match s {
            ReviewStatus::Open | ReviewStatus::Paid(_) | ReviewStatus::NotPaid => {
                written.push(s.code());
            }
        }
    }
    let missing: Vec<&str> = written
        .iter()
        .copied()
        .filter(|c| !documented.contains(c))
        .collect();
    assert!(missing.is_empty(), "not in docs/settlement.md: {missing:?}");
    // And the table lists no code the tools cannot write.
    let written: HashSet<&str> = written.into_iter().collect();
    let stale: Vec<&&str> = documented
        .iter()
        .filter(|c| !written.contains(**c))
        .collect();
    assert!(stale.is_empty(), "documented but never written: {stale:?}");
    // Each row's plain words (third column) are the ones the tools write beside the code.
    for row in doc.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = row.split(" | ").collect();
        let code = cells[0].trim_start_matches("| `").trim_end_matches('`');
        assert_eq!(cells.get(2).copied(), Some(problem_label(code).0), "{row}");
    }
}

#[test]
fn every_reason_is_worded_in_both_languages() {
    for r in every_reason() {
        let (ja, en) = (r.wording(Lang::Ja), r.wording(Lang::En));
        assert!(crate::domain::shared::wording::has_japanese(&ja), "{ja}");
        assert!(!crate::domain::shared::wording::has_japanese(&en), "{en}");
    }
}

#[test]
fn one_malformed_ticket_refuses_its_whole_claim_file() {
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    let keys = demo::key_set();
    let (t0, t1) = (signed(&a, 0, |_| {}), signed(&a, 1, |_| {}));
    let good = claim(
        "cafe-1-202612",
        "cafe-1",
        &[(&t0, jst(3, 12)), (&t1, jst(3, 13))],
    );
    // The second ticket's text cut short: the file is not a claim any more.
    let text = t1.to_text();
    let json = good.to_json().replace(&text, &text[..text.len() - 4]);
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2027, 1, 5));
    assert!(run.import_file("cafe-1.json", &json).is_err());
    let checks = checks(&keys, Some(&register));
    let report = run.finish(&checks).unwrap();
    // Not even the good line is paid, and the file is named with the bad place.
    assert!(report.newly_settled.is_empty());
    assert_eq!(report.refused_files.len(), 1);
    let reason = report.refused_files[0].why.wording(Lang::En);
    assert!(reason.contains("redemptions[1].ticket"), "{reason}");
    assert!(report.summary().contains("cafe-1.json: "));
}

/// A shop's record CSV, a workbook or any other non-JSON file chosen as a claim is said to
/// be what it is, with the file to choose instead; a real claim passes.
#[test]
fn a_file_that_is_not_a_claim_says_which_file_to_choose() {
    let record = "\u{FEFF}請求番号,店舗ID,店舗名,端末,取引番号,受付日時（日本時間）,券番号,見本,有効期限,額面（円）\r\n";
    assert_eq!(
        claim_file_text("cafe-1-202612.csv", record.as_bytes()),
        Err(NotAClaimFile::ShopRecordCsv)
    );
    // Renamed, but still the record's columns.
    assert_eq!(
        claim_file_text("claim.txt", record.as_bytes()),
        Err(NotAClaimFile::ShopRecordCsv)
    );
    assert_eq!(
        claim_file_text("claims.xlsx", b"PK\x03\x04\x14\x00"),
        Err(NotAClaimFile::Excel)
    );
    assert_eq!(
        claim_file_text("photo.png", b"\x89PNG\r\n"),
        Err(NotAClaimFile::NotJson)
    );
    assert_eq!(
        claim_file_text("c.json", b"\xEF\xBB\xBF {\"format\":1}"),
        Ok(" {\"format\":1}".to_string())
    );
    let said = NotAClaimFile::ShopRecordCsv.wording(Lang::Ja);
    assert!(said.contains("お店の記録用の CSV"), "{said}");
    assert!(said.contains(".json のファイル"), "{said}");
    // The same words when a run is given one anyway (the command line): refused, named.
    let mut run = Settlement::new(month(), SettlementState::new());
    assert_eq!(
        run.import_file("cafe-1-202612.csv", record),
        Err(ImportError::NotAClaim(NotAClaimFile::ShopRecordCsv))
    );
    let keys = demo::key_set();
    let report = run.finish(&checks(&keys, None)).unwrap();
    assert_eq!(report.refused_files.len(), 1);
    assert!(report
        .summary()
        .contains("cafe-1-202612.csv: これはお店の記録用の CSV です"));
}

/// The office's shop master: cafe-1 certified from 2026-12-01, book-2 from 2026-12-10.
const MASTER_CSV: &str = "店舗ID,店舗名,業種,地区,住所,地図URL,認定日,認定終了日\n\
cafe-1,カフェ,飲食,中心市街地,旭川市1条通1丁目,https://maps.example/cafe-1,2026-12-01,\n\
book-2,本屋,生活用品,永山,旭川市永山2条,https://maps.example/book-2,2026-12-10,\n";

/// A feed's shop entry (as the `shops` section has it).
fn feed_shop(id: &str, from: &str, until: Option<&str>) -> ShopDto {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "name": {"ja": id},
        "category": "飲食",
        "area": "中心市街地",
        "address": {"ja": "旭川市"},
        "map_url": format!("https://maps.example/{id}"),
        "certified_from": from,
        "certified_until": until,
    }))
    .unwrap()
}

#[test]
fn a_shop_added_to_a_feed_file_but_not_to_the_offices_master_is_not_paid() {
    use super::checks::settlement_checks;
    let keys = demo::key_set();
    let master = ShopMaster::from_csv(MASTER_CSV.as_bytes()).unwrap();
    assert_eq!(master.len(), 2);
    // The opened feed: a shop the office never certified added, and book-2 certified
    // earlier than the master says.
    let feed = Directory::from_dto(&[
        feed_shop("cafe-1", "2026-12-01", None),
        feed_shop("book-2", "2026-12-01", None),
        feed_shop("added-9", "2026-12-01", None),
    ])
    .unwrap();
    let a = allocation("R0001", 0);
    let register = register_of(std::slice::from_ref(&a));
    let t: Vec<Ticket> = (0..3).map(|i| signed(&a, i, |_| {})).collect();
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2027, 1, 5));
    run.import(&claim("cafe-1-202612", "cafe-1", &[(&t[0], jst(3, 12))]))
        .unwrap();
    run.import(&claim("added-9-202612", "added-9", &[(&t[1], jst(3, 12))]))
        .unwrap();
    run.import(&claim("book-2-202612", "book-2", &[(&t[2], jst(5, 12))]))
        .unwrap();
    let checks = settlement_checks(
        &keys,
        &feed,
        Some(&master),
        Some(&register),
        &[],
        VerifyPolicy::DEMO,
    )
    .unwrap();
    let report = run.finish(&checks).unwrap();
    let paid: Vec<&str> = report.payouts.keys().map(ShopId::as_str).collect();
    assert_eq!(paid, ["cafe-1"]);
    assert_eq!(
        codes(&report),
        vec![
            ("shop_not_certified", t[1].body().id()),
            ("shop_not_certified_on_day", t[2].body().id()),
        ]
    );
    // Every difference is said, one line each, and that the master was used.
    assert_eq!(
        report.shop_list,
        ShopList::Master {
            shops: 2,
            differences: vec![
                ShopDifference::Differs {
                    shop: ShopId::parse("book-2").unwrap(),
                    fields: vec![(
                        "certified_from",
                        "2026-12-01".to_string(),
                        "2026-12-10".to_string()
                    )],
                },
                ShopDifference::OnlyInFeed {
                    shop: ShopId::parse("added-9").unwrap()
                },
            ],
        }
    );
    let summary = report.summary();
    assert!(
        summary.contains("shop check: the office's shop master, 2 shops"),
        "{summary}"
    );
    assert!(summary.contains("differences between the shop master and the feed's shop list: 2"));
    assert!(
        summary.contains("  added-9: 配信データにだけある店舗"),
        "{summary}"
    );
    assert!(summary.contains(
        "book-2: certification differs (certified_from feed 2026-12-01, master 2026-12-10"
    ));
    // Under the production policy too, the shop check reads the master, not the feed.
    let production = settlement_checks(
        &keys,
        &feed,
        Some(&master),
        Some(&register),
        &[],
        VerifyPolicy::PRODUCTION,
    )
    .unwrap();
    let on = day(2026, 12, 3);
    assert_eq!(
        production.shop(&ShopId::parse("added-9").unwrap(), on),
        ShopStatus::NotListed
    );
    assert_eq!(
        production.shop(&ShopId::parse("cafe-1").unwrap(), on),
        ShopStatus::Certified
    );
}

#[test]
fn production_settlement_without_a_shop_master_is_refused() {
    use super::checks::{settlement_checks, InputRequired};
    let keys = demo::key_set();
    let feed = Directory::from_dto(&[feed_shop("cafe-1", "2026-12-01", None)]).unwrap();
    let register = Register::new();
    let refused = settlement_checks(
        &keys,
        &feed,
        None,
        Some(&register),
        &[],
        VerifyPolicy::PRODUCTION,
    )
    .err();
    assert_eq!(refused, Some(InputRequired::ShopMaster(ShopMasterRequired)));
    assert_eq!(refused.map(InputRequired::option), Some("--shops"));
    // A demo run may use the feed's list, and its summary says so.
    let a = allocation("R0001", 0);
    let t = signed(&a, 0, |_| {});
    let checks = settlement_checks(&keys, &feed, None, None, &[], VerifyPolicy::DEMO).unwrap();
    let mut run = Settlement::new(month(), SettlementState::new()).with_today(day(2027, 1, 5));
    run.import(&claim("cafe-1-202612", "cafe-1", &[(&t, jst(3, 12))]))
        .unwrap();
    let report = run.finish(&checks).unwrap();
    assert_eq!(report.total_payout, Yen(1_000));
    assert_eq!(report.shop_list, ShopList::Feed);
    assert!(report
        .summary()
        .contains("shop check: the feed's shop list (demo run without a shop master)"));
}

#[test]
fn a_shop_master_file_with_a_bad_line_is_refused_whole() {
    let bad =
        format!("{MASTER_CSV}bad-3,,飲食,中心市街地,旭川市,https://maps.example/x,2026-12-01,\n");
    match ShopMaster::from_csv(bad.as_bytes()) {
        Err(ShopMasterError::BadLines(lines)) => assert_eq!(lines[0].line, 4),
        other => panic!("{other:?}"),
    }
    let header_only = "店舗ID,店舗名,業種,地区,住所,地図URL,認定日\n";
    assert_eq!(
        ShopMaster::from_csv(header_only.as_bytes()),
        Err(ShopMasterError::Empty)
    );
}

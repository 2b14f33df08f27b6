use super::*;
use crate::domain::tickets::core::keys::{
    demo, sign_key_list, IssuerKey, KeyListHeader, KeyRole, KeySet,
};
use crate::domain::tickets::core::ticket::{verify_ticket, VerifyPolicy};
use crate::domain::tickets::core::used::NothingUsed;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap()
}
fn key() -> UnlockedKey {
    unlocked(42, 2)
}
fn unlocked(seed: u8, id: u8) -> UnlockedKey {
    UnlockedKey {
        kind: KeyKind::Issuer(kid(id)),
        label: String::new(),
        signing_key: SigningKey::from_bytes(&[seed; 32]),
    }
}
fn kid(n: u8) -> KeyId {
    KeyId::new(n).unwrap()
}
const TODAY: (i32, u32, u32) = (2026, 11, 25);
fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn entry(
    line: usize,
    id: &str,
    employer: u32,
    born: NaiveDate,
    returned: NaiveDate,
) -> RosterEntry {
    RosterEntry {
        line,
        recipient: RecipientId::parse(id).unwrap(),
        name: format!("氏名 {id}"),
        employer: EmployerId(employer),
        employer_name: format!("事業所 {employer}"),
        children: vec![born],
        returned,
        contact: format!("{id}@example.jp"),
    }
}

fn roster() -> Vec<RosterEntry> {
    vec![
        entry(2, "A0001", 10, d(2025, 1, 10), d(2026, 4, 1)),
        entry(3, "A0002", 20, d(2024, 8, 1), d(2025, 9, 1)),
        entry(4, "A0003", 10, d(2025, 3, 3), d(2026, 6, 1)),
        // Child 3 on 1 December 2026: not eligible.
        entry(5, "A0004", 20, d(2023, 11, 15), d(2024, 12, 1)),
        // Returned on 16 December: from January.
        entry(6, "A0005", 30, d(2025, 10, 1), d(2026, 12, 16)),
    ]
}

fn issue(entries: &[RosterEntry], register: &Register, settings: &IssueSettings) -> MonthOutput {
    issue_whole_month(entries, register, settings, &key(), ym(2026, 12), today()).unwrap()
}

fn files(out: &MonthOutput, entries: &[RosterEntry]) -> Vec<OutputFile> {
    out.files(entries, &[]).unwrap()
}

#[test]
fn a_month_issues_to_the_eligible_and_says_why_not_for_the_rest() {
    let out = issue(
        &roster(),
        &Register::new(),
        &IssueSettings {
            link_base: "https://jokatsu.example.jp/".into(),
            ..IssueSettings::default()
        },
    );
    let ids: Vec<&str> = out
        .recipients
        .iter()
        .map(|r| r.allocation.recipient.as_str())
        .collect();
    assert_eq!(ids, ["A0001", "A0002", "A0003"]);
    let skipped: Vec<(&str, &str)> = out
        .skipped
        .iter()
        .map(|s| (s.recipient.as_str(), s.reason.code()))
        .collect();
    assert_eq!(
        skipped,
        [("A0004", "not_eligible"), ("A0005", "not_eligible")]
    );
    assert!(out.skipped[1].reason.message().contains("2027-01"));
    // 20 tickets each, consecutive serials in roster order, validity Dec–Feb.
    for (i, r) in out.recipients.iter().enumerate() {
        assert_eq!(r.tickets().len(), 20);
        let first = u16::try_from(i * 20).unwrap();
        assert_eq!(r.allocation.serials().0, Serial::new(202612, first));
        assert_eq!(r.allocation.serials().1, Serial::new(202612, first + 19));
        let t = &r.tickets()[0];
        assert_eq!(t.body().valid_from(), d(2026, 12, 1));
        assert_eq!(t.body().valid_until(), d(2027, 2, 28));
        assert_eq!(t.body().face_value(), Yen(1_000));
        assert_eq!(t.body().employer_share(), Yen(500));
        assert_eq!(t.body().employer(), r.entry.employer);
        assert!(r
            .link
            .starts_with("https://jokatsu.example.jp/r.html#/receive/JKB1:"));
        assert_eq!(Bundle::from_file_json(&r.file_json()).unwrap(), r.bundle);
    }
    assert_eq!(out.register.len(), 3);
}

#[test]
fn issued_tickets_verify_under_the_published_key() {
    let out = issue(&roster(), &Register::new(), &IssueSettings::default());
    let issuer = IssuerKey {
        id: kid(2),
        role: KeyRole::Issuer,
        public_key: key().public_key(),
        not_before: d(2026, 1, 1),
        not_after: d(2027, 12, 31),
        // The programme's real bounds: the settings' validity and face value fit them.
        max_validity_days: 92,
        max_face_value: Yen(1_000),
        demo: false,
        label: "test".into(),
        revoked_from: None,
    };
    let header = KeyListHeader {
        sequence: 1,
        signed_at: d(2026, 1, 1),
        expires: d(2027, 12, 31),
    };
    let root = demo::root_signing_key();
    let keys = KeySet::from_feed(
        &sign_key_list(&header, &[issuer], &root).unwrap(),
        &root.verifying_key(),
    )
    .unwrap();
    for r in &out.recipients {
        for t in r.tickets() {
            let v = verify_ticket(
                t,
                &keys,
                VerifyPolicy::PRODUCTION,
                d(2026, 12, 5),
                &NothingUsed,
            );
            assert!(v.is_valid(), "{v}");
            assert_eq!(
                out.register.find(&t.body().id()).unwrap().recipient,
                r.allocation.recipient
            );
        }
    }
}

#[test]
fn reissue_is_byte_identical_even_if_the_settings_changed_since() {
    let entries = roster();
    let first = issue(&entries, &Register::new(), &IssueSettings::default());
    let register_json = first.register.to_json();
    let saved = Register::from_json(&register_json).unwrap();
    assert_eq!(saved, first.register);
    let changed = IssueSettings {
        face_value: Yen(2_000),
        valid_months: 1,
        ..IssueSettings::default()
    };
    let again = issue(&entries, &saved, &changed);
    assert!(again.recipients.iter().all(|r| r.reissue));
    assert_eq!(
        again.register.to_json(),
        register_json,
        "nothing new allocated"
    );
    let strip_reissue_flag = |files: Vec<OutputFile>| -> Vec<OutputFile> {
        files
            .into_iter()
            .filter(|f| f.path != "links.csv")
            .collect()
    };
    assert_eq!(
        strip_reissue_flag(files(&first, &entries)),
        strip_reissue_flag(files(&again, &entries))
    );
    for (a, b) in first.recipients.iter().zip(&again.recipients) {
        assert_eq!(a.link, b.link);
        assert_eq!(a.file_json(), b.file_json());
    }
    // One lost bundle: re-issue for that recipient alone.
    let one = issue(&entries[1..2], &saved, &IssueSettings::default());
    assert_eq!(one.recipients.len(), 1);
    assert_eq!(
        one.recipients[0].file_json(),
        first.recipients[1].file_json()
    );
}

#[test]
fn a_late_addition_gets_new_serials_and_nobody_is_renumbered() {
    let entries = roster();
    let first = issue(&entries, &Register::new(), &IssueSettings::default());
    // A new recipient added at the TOP of the roster, and A0002 removed from it.
    let mut later = vec![entry(2, "B0001", 40, d(2025, 2, 2), d(2026, 10, 1))];
    later.extend(
        entries
            .iter()
            .filter(|e| e.recipient.as_str() != "A0002")
            .cloned(),
    );
    let second = issue(&later, &first.register, &IssueSettings::default());
    for a in first.register.allocations() {
        assert_eq!(second.register.get(a.month, &a.recipient), Some(a));
    }
    let new = second
        .register
        .get(ym(2026, 12), &RecipientId::parse("B0001").unwrap())
        .unwrap();
    assert_eq!((new.batch, new.first_index), (BatchId(202612), 60));
    let reissued: Vec<bool> = second.recipients.iter().map(|r| r.reissue).collect();
    assert_eq!(reissued, [false, true, true]);
    // Same tickets for those issued before.
    let old_a3 = first
        .recipients
        .iter()
        .find(|r| r.allocation.recipient.as_str() == "A0003")
        .unwrap();
    let new_a3 = second
        .recipients
        .iter()
        .find(|r| r.allocation.recipient.as_str() == "A0003")
        .unwrap();
    assert_eq!(old_a3.bundle, new_a3.bundle);
}

#[test]
fn more_than_one_batch_spills_into_the_next() {
    let settings = IssueSettings {
        tickets_per_month: 100,
        ..IssueSettings::default()
    };
    let entries: Vec<RosterEntry> = (0..660)
        .map(|i| entry(i + 2, &format!("R{i:04}"), 1, d(2025, 1, 1), d(2026, 1, 5)))
        .collect();
    let plan = plan_month(
        &entries,
        &Register::new(),
        &settings,
        kid(2),
        ym(2026, 12),
        today(),
    )
    .unwrap();
    assert_eq!(plan.planned.len(), 660);
    // 655 × 100 = 65,500 fit the first batch; the 656th would pass 65,536.
    let at = |i: usize| {
        let a = &plan.planned[i].allocation;
        (a.batch.0, a.first_index)
    };
    assert_eq!(at(0), (202612, 0));
    assert_eq!(at(654), (202612, 65_400));
    assert_eq!(at(655), (2026121, 0));
    assert_eq!(at(659), (2026121, 400));
    assert_eq!(plan.register.next_index(BatchId(202612)), 65_500);
    // The register reloads with both batches.
    let reloaded = Register::from_json(&plan.register.to_json()).unwrap();
    assert_eq!(reloaded, plan.register);
    // The overflow batch's tickets are real tickets.
    let mut run = MonthIssue::new(
        MonthPlan {
            planned: plan.planned[655..657].to_vec(),
            ..plan.clone()
        },
        &key(),
    )
    .unwrap();
    run.step(10).unwrap();
    let out = run.finish().unwrap();
    assert_eq!(
        out.recipients[1].tickets()[99].serial(),
        Serial::new(2026121, 199)
    );
    assert_eq!(batch_month(BatchId(2026121)), Some((ym(2026, 12), 1)));
}

#[test]
fn a_full_month_is_an_error_not_a_reused_serial() {
    let settings = IssueSettings {
        tickets_per_month: 100,
        ..IssueSettings::default()
    };
    // Fill all ten batches of the month by hand.
    let mut register = Register::new();
    for k in 0..MAX_BATCHES_PER_MONTH {
        let a = Allocation {
            month: ym(2026, 12),
            recipient: RecipientId::parse(&format!("FULL{k}")).unwrap(),
            employer: EmployerId(1),
            key_id: kid(2),
            demo: false,
            batch: batch_id(ym(2026, 12), k),
            first_index: 0,
            count: 65_536,
            face_value: Yen(1_000),
            employer_share: Yen(500),
            valid_from: d(2026, 12, 1),
            valid_until: d(2027, 2, 28),
            issued_on: today(),
            replaced: false,
            replaced_on: None,
        };
        register.insert(register.len() + 1, a).unwrap();
    }
    let entries = [entry(2, "X1", 1, d(2025, 1, 1), d(2026, 1, 5))];
    assert_eq!(
        plan_month(
            &entries,
            &register,
            &settings,
            kid(2),
            ym(2026, 12),
            today()
        ),
        Err(IssuanceError::MonthFull {
            month: ym(2026, 12)
        })
    );
}

#[test]
fn chunked_issuance_equals_one_call_and_reports_progress() {
    let entries = roster();
    let settings = IssueSettings::default();
    let whole = issue(&entries, &Register::new(), &settings);
    let plan = plan_month(
        &entries,
        &Register::new(),
        &settings,
        kid(2),
        ym(2026, 12),
        today(),
    )
    .unwrap();
    let mut run = MonthIssue::new(plan, &key()).unwrap();
    assert_eq!(run.progress(), Progress { done: 0, total: 3 });
    assert_eq!(run.progress().percent(), 0);
    let mut seen = Vec::new();
    loop {
        let p = run.step(1).unwrap();
        seen.push(p.done);
        if p.is_done() {
            break;
        }
    }
    assert_eq!(seen, [1, 2, 3]);
    assert_eq!(run.finish().unwrap(), whole);
    let plan = plan_month(
        &entries,
        &Register::new(),
        &settings,
        kid(2),
        ym(2026, 12),
        today(),
    )
    .unwrap();
    assert_eq!(
        MonthIssue::new(plan.clone(), &unlocked(42, 3)).unwrap_err(),
        IssuanceError::WrongKey {
            expected: kid(2),
            found: KeyKind::Issuer(kid(3))
        }
    );
    assert_eq!(
        MonthIssue::new(plan, &key()).unwrap().finish().unwrap_err(),
        IssuanceError::NotFinished
    );
}

#[test]
fn another_key_cannot_reissue() {
    let entries = roster();
    let first = issue(&entries, &Register::new(), &IssueSettings::default());
    let plan = plan_month(
        &entries,
        &first.register,
        &IssueSettings::default(),
        kid(3),
        ym(2026, 12),
        today(),
    )
    .unwrap();
    assert!(plan.planned.is_empty());
    assert_eq!(
        plan.skipped[0].reason,
        SkipReason::OtherKey {
            issued_with: kid(2)
        }
    );
}

#[test]
fn reports_per_employer_and_for_the_city() {
    let entries = roster();
    let out = issue(&entries, &Register::new(), &IssueSettings::default());
    let report = out.report(&entries).unwrap();
    assert_eq!(report.recipients, 3);
    assert_eq!(report.tickets, 60);
    assert_eq!(
        report.amounts,
        Amounts {
            face: Yen(60_000),
            employer: Yen(30_000),
            city: Yen(30_000)
        }
    );
    let e10 = &report.employers[0];
    assert_eq!(
        (e10.employer, e10.recipients, e10.tickets),
        (EmployerId(10), 2, 40)
    );
    assert_eq!(e10.amounts.employer, Yen(20_000));
    assert_eq!(e10.employer_name, "事業所 10");
    let text = |bytes: Vec<u8>| {
        let (t, enc) = csv::decode(&bytes).unwrap();
        assert_eq!(enc, csv::TextEncoding::Utf8Bom);
        t
    };
    assert_eq!(
        text(report.employers_csv()).lines().nth(1),
        Some("2026-12,10,事業所 10,2,40,40000,20000,20000")
    );
    assert_eq!(
        text(report.city_csv()).lines().nth(1),
        Some("2026-12,2,3,60,60000,30000,30000")
    );
    let links = text(out.links_csv());
    let row: Vec<String> = csv::parse(&links)[1].clone().unwrap().fields;
    assert_eq!(row[0], "A0001");
    assert_eq!(row[1], "氏名 A0001");
    assert_eq!(row[7], "2027-02-28");
    assert_eq!(row[8], "202612-00000");
    assert_eq!(row[10], out.recipients[0].link);
    assert_eq!(row[11], "bundles/A0001_2026-12.json");
    // Saved one by one from the office page, the file has no folder: the CSV says so.
    let flat = text(out.links_csv_without_folder());
    let flat_row: Vec<String> = csv::parse(&flat)[1].clone().unwrap().fields;
    assert_eq!(flat_row[11], "A0001_2026-12.json");
    assert_eq!(flat_row[..11], row[..11]);
    let names: Vec<String> = files(&out, &entries).into_iter().map(|f| f.path).collect();
    assert_eq!(
        names,
        [
            "links.csv",
            "report-employers.csv",
            "report-city.csv",
            "not-issued.csv",
            "bundles/A0001_2026-12.json",
            "bundles/A0002_2026-12.json",
            "bundles/A0003_2026-12.json"
        ]
    );
    // Money is checked: an absurd share overflows instead of wrapping.
    let mut huge = out.register.allocations()[0].clone();
    huge.face_value = Yen(u64::MAX);
    huge.employer_share = Yen(0);
    assert_eq!(huge.amounts(), Err(Overflow));
}

#[test]
fn register_file_is_checked() {
    let out = issue(&roster(), &Register::new(), &IssueSettings::default());
    let json = out.register.to_json();
    assert!(json.starts_with("{\n  \"format\": \"jokatsu-issuance-register\",\n  \"version\": 1,"));
    assert_eq!(json.lines().count(), 9, "one line per allocation:\n{json}");
    assert_eq!(
        Register::from_json(&Register::new().to_json()),
        Ok(Register::new())
    );
    let overlap = json.replacen("\"first_index\":20", "\"first_index\":10", 1);
    assert_eq!(
        Register::from_json(&overlap),
        Err(RegisterError::Overlap {
            index: 2,
            batch: 202612
        })
    );
    let dup = json.replacen("\"A0002\"", "\"A0001\"", 1);
    assert!(matches!(
        Register::from_json(&dup),
        Err(RegisterError::Duplicate { index: 2, .. })
    ));
    let wrong_batch = json.replacen("\"batch\":202612", "\"batch\":202701", 1);
    assert!(matches!(
        Register::from_json(&wrong_batch),
        Err(RegisterError::Invalid { index: 1, .. })
    ));
    assert!(matches!(
        Register::from_json("{}"),
        Err(RegisterError::NotRegister(_))
    ));
    assert_eq!(
        Register::from_json(&json.replace("\"version\": 1", "\"version\": 2")),
        Err(RegisterError::UnsupportedVersion(2))
    );
}

#[test]
fn settings_and_months() {
    let s = IssueSettings::default();
    assert_eq!(s.validity(ym(2026, 12)), (d(2026, 12, 1), d(2027, 2, 28)));
    let one = IssueSettings {
        valid_months: 1,
        ..s.clone()
    };
    assert_eq!(one.validity(ym(2028, 2)), (d(2028, 2, 1), d(2028, 2, 29)));
    assert!(IssueSettings {
        tickets_per_month: 101,
        ..s.clone()
    }
    .check()
    .is_err());
    assert!(IssueSettings {
        employer_share: Yen(1_001),
        ..s.clone()
    }
    .check()
    .is_err());
    assert!(IssueSettings {
        link_base: "https://x/#/".into(),
        ..s.clone()
    }
    .check()
    .is_err());
    assert!(s.check().is_ok());
    assert_eq!(parse_month("2026-12"), Some(ym(2026, 12)));
    assert_eq!(parse_month("2026-13"), None);
    assert_eq!(parse_month("2026-1"), None);
    assert_eq!(batch_id(ym(2026, 12), 0), BatchId(202612));
    assert_eq!(batch_month(BatchId(202612)), Some((ym(2026, 12), 0)));
    assert_eq!(batch_month(BatchId(2026120)), None);
    assert_eq!(batch_month(BatchId(42)), None);
    // Settings JSON: missing fields take their defaults, unknown ones are refused.
    let partial: IssueSettings =
        serde_json::from_str(r#"{"valid_months": 2, "eligibility": {}}"#).unwrap();
    assert_eq!(
        partial,
        IssueSettings {
            valid_months: 2,
            ..IssueSettings::default()
        }
    );
    assert!(serde_json::from_str::<IssueSettings>(r#"{"tickets": 5}"#).is_err());
}

#[test]
fn a_withdrawn_key_is_replaced_with_new_serials_and_the_old_stay_traceable() {
    let entries = roster();
    let first = issue(&entries, &Register::new(), &IssueSettings::default());
    let new_key = unlocked(43, 3);
    let plan = plan_replacement(
        &entries,
        &first.register,
        &IssueSettings::default(),
        kid(2),
        kid(3),
        ym(2026, 12),
        d(2026, 12, 10),
    )
    .unwrap();
    assert_eq!(plan.planned.len(), 3);
    let mut run = MonthIssue::new(plan, &new_key).unwrap();
    run.step(10).unwrap();
    let out = run.finish().unwrap();
    // New serials after the old ones; same employer, amounts and validity.
    let a1 = &out.recipients[0].allocation;
    assert_eq!((a1.key_id, a1.first_index), (kid(3), 60));
    assert_eq!(a1.valid_until, d(2027, 2, 28));
    assert_eq!(a1.issued_on, d(2026, 12, 10));
    // The register: 6 allocations, 3 replaced; the month report counts the current ones.
    let reloaded = Register::from_json(&out.register.to_json()).unwrap();
    assert_eq!(reloaded, out.register);
    assert_eq!(
        reloaded.allocations().iter().filter(|a| a.replaced).count(),
        3
    );
    assert_eq!(out.report(&entries).unwrap().tickets, 60);
    // Old tickets still trace to their recipient; re-issue gives the new tickets.
    let old_ticket = first.recipients[1].tickets()[0].body().id();
    let traced = reloaded.find(&old_ticket).unwrap();
    assert!(traced.replaced);
    assert_eq!(traced.recipient.as_str(), "A0002");
    let again = issue_whole_month(
        &entries,
        &reloaded,
        &IssueSettings::default(),
        &new_key,
        ym(2026, 12),
        today(),
    )
    .unwrap();
    assert!(again.recipients.iter().all(|r| r.reissue));
    assert_eq!(again.recipients[0].bundle, out.recipients[0].bundle);
    // The same key cannot replace itself.
    assert!(plan_replacement(
        &entries,
        &reloaded,
        &IssueSettings::default(),
        kid(3),
        kid(3),
        ym(2026, 12),
        today()
    )
    .is_err());
}

#[test]
fn the_seed_scale_fits_one_batch_and_signs_in_steps() {
    // 2,700 recipients × 20 = 54,000 tickets: one batch, chunked signing.
    let entries: Vec<RosterEntry> = (0..2_700)
        .map(|i| {
            entry(
                i + 2,
                &format!("S{i:05}"),
                1 + u32::try_from(i % 40).unwrap(),
                d(2025, 1, 1),
                d(2026, 1, 5),
            )
        })
        .collect();
    let settings = IssueSettings::default();
    let plan = plan_month(
        &entries,
        &Register::new(),
        &settings,
        kid(2),
        ym(2026, 12),
        today(),
    )
    .unwrap();
    assert_eq!(plan.new_count(), 2_700);
    let last = &plan.planned[2_699].allocation;
    assert_eq!((last.batch.0, last.first_index), (202612, 53_980));
    let report = month_report(&plan.register, ym(2026, 12), &entries).unwrap();
    assert_eq!(report.tickets, 54_000);
    assert_eq!(report.employers.len(), 40);
    assert_eq!(report.amounts.city, Yen(27_000_000));
    let mut run = MonthIssue::new(plan, &key()).unwrap();
    assert_eq!(
        run.step(50).unwrap(),
        Progress {
            done: 50,
            total: 2_700
        }
    );
    assert_eq!(run.progress().percent(), 1);
}

#[test]
fn shift_jis_and_utf8_rosters_issue_the_same_bytes_and_bad_lines_do_not_stop_the_rest() {
    use crate::domain::tickets::office::roster::import_roster;
    let text = "受給者番号,氏名,事業所番号,事業所名,子の生年月日,第2子生年月日,復職日,連絡先\r\n\
        A0001,旭川 花子,１０,旭川精機,令和7年1月10日,,2026/4/1,a@example.jp\r\n\
        A0002,髙橋 桜,20,カフェゆきの,R6.8.1,2025/2/28,R7.9.1,b@example.jp\r\n\
        A0003,永山 葵,10,旭川精機,2024/2/30,,2026/6/1,\r\n\
        A0004,東光 楓,10,旭川精機,2025/3/3,,,\r\n\
        A0005,末広 茜,30,㈱ゆきの,2025/3/3,,２０２６年６月１日,\r\n";
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let mut bom = csv::UTF8_BOM.to_vec();
    bom.extend_from_slice(text.as_bytes());
    let outputs: Vec<Vec<OutputFile>> = [sjis.to_vec(), bom]
        .iter()
        .map(|bytes| {
            let roster = import_roster(bytes).unwrap();
            let lines: Vec<usize> = roster.problems.iter().map(|p| p.line).collect();
            assert_eq!(lines, [4, 5], "bad lines by number");
            let out = issue(&roster.entries, &Register::new(), &IssueSettings::default());
            assert_eq!(out.recipients.len(), 3, "the good lines issue");
            out.files(&roster.entries, &roster.problems).unwrap()
        })
        .collect();
    assert_eq!(outputs[0], outputs[1]);
    let not_issued = String::from_utf8(outputs[0][3].bytes.clone()).unwrap();
    assert!(
        not_issued.contains("4行目: 生年月日「2024/2/30」が読めません / line 4"),
        "{not_issued}"
    );
}

#[test]
fn find_traces_every_serial_and_nothing_else() {
    let out = issue(&roster(), &Register::new(), &IssueSettings::default());
    let id = |demo: bool, key: u8, batch: u32, index: u16| TicketId {
        demo,
        key: kid(key),
        serial: Serial::new(batch, index),
    };
    let who = |t: TicketId| out.register.find(&t).map(|a| a.recipient.to_string());
    assert_eq!(who(id(false, 2, 202612, 0)).as_deref(), Some("A0001"));
    assert_eq!(who(id(false, 2, 202612, 19)).as_deref(), Some("A0001"));
    assert_eq!(who(id(false, 2, 202612, 20)).as_deref(), Some("A0002"));
    assert_eq!(who(id(false, 2, 202612, 59)).as_deref(), Some("A0003"));
    assert_eq!(
        who(id(false, 2, 202612, 60)),
        None,
        "past the last allocation"
    );
    assert_eq!(who(id(false, 3, 202612, 5)), None, "another key");
    assert_eq!(who(id(true, 2, 202612, 5)), None, "a demo ticket");
    assert_eq!(who(id(false, 2, 202611, 5)), None, "another batch");
}

#[test]
fn print_sheet_has_twenty_scannable_bare_ticket_texts() {
    use crate::domain::tickets::core::bundle::parse_scanned;
    let out = issue(&roster(), &Register::new(), &IssueSettings::default());
    let r = &out.recipients[1];
    let sheet = r.print_sheet("https://jokatsu.example.jp/");
    assert_eq!(sheet.name, "氏名 A0002");
    assert_eq!(sheet.valid_until, d(2027, 2, 28));
    assert_eq!(sheet.tickets.len(), 20);
    assert_eq!(sheet.tickets[0].id, "K2-202612-00020");
    for (t, ticket) in sheet.tickets.iter().zip(r.tickets()) {
        // Paper stays paper: the bare ticket text, no link a camera would open.
        assert_eq!(t.qr_text, ticket.to_text());
        assert_eq!(
            parse_scanned(&t.qr_text),
            Ok(crate::domain::tickets::core::bundle::Scanned::Ticket(
                ticket.clone()
            ))
        );
    }
}

#[test]
fn every_error_is_worded_in_both_languages() {
    use crate::domain::shared::money::Overflow;
    use crate::domain::tickets::core::bundle::ScanError;
    use crate::domain::tickets::core::ticket::TicketError;
    let month = || YearMonth::new(2027, 1).unwrap();
    crate::domain::shared::wording::assert_worded(&[
        ("NotRegister", &RegisterError::NotRegister("x".into())),
        ("UnsupportedVersion", &RegisterError::UnsupportedVersion(3)),
        (
            "Invalid",
            &RegisterError::Invalid {
                index: 3,
                problem: "日付が不正です",
                problem_en: "bad date",
            },
        ),
        (
            "Duplicate",
            &RegisterError::Duplicate {
                index: 3,
                recipient: "A1".into(),
                month: month(),
            },
        ),
        ("Overlap", &RegisterError::Overlap { index: 3, batch: 3 }),
        (
            "Settings",
            &IssuanceError::Settings {
                field: "face_value",
                problem: "x".into(),
            },
        ),
        ("MonthFull", &IssuanceError::MonthFull { month: month() }),
        (
            "Register",
            &IssuanceError::Register(RegisterError::UnsupportedVersion(3)),
        ),
        ("Ticket", &IssuanceError::Ticket(TicketError::ZeroFaceValue)),
        (
            "Bundle",
            &IssuanceError::Bundle(ScanError::BundleCount(101)),
        ),
        ("Overflow", &IssuanceError::Overflow(Overflow)),
        ("NotFinished", &IssuanceError::NotFinished),
        ("LinkBaseRequired", &IssuanceError::LinkBaseRequired),
        (
            "LinkBaseNotHttps",
            &IssuanceError::LinkBaseNotHttps("x".into()),
        ),
        (
            "WrongKey",
            &IssuanceError::WrongKey {
                expected: KeyId::new(2).unwrap(),
                found: KeyKind::Root,
            },
        ),
    ]);
}

/// A register line with a huge count (a hand-edited or corrupted file) is refused with a
/// typed error; nothing computes `first_index + count` with wrapping arithmetic.
#[test]
fn a_huge_allocation_count_is_refused_not_wrapped() {
    let huge = Allocation {
        month: ym(2026, 12),
        recipient: RecipientId::parse("HUGE").unwrap(),
        employer: EmployerId(1),
        key_id: kid(2),
        demo: false,
        batch: batch_id(ym(2026, 12), 0),
        first_index: 10,
        count: u32::MAX,
        face_value: Yen(1_000),
        employer_share: Yen(500),
        valid_from: d(2026, 12, 1),
        valid_until: d(2027, 2, 28),
        issued_on: today(),
        replaced: false,
        replaced_on: None,
    };
    assert_eq!(
        huge.end(),
        Err(CountTooLarge {
            first_index: 10,
            count: u32::MAX
        })
    );
    // Wrapped, first_index + count would be 9: index 5 would look held, and the range
    // would fit the batch.
    let id = TicketId {
        demo: false,
        key: kid(2),
        serial: Serial {
            batch: huge.batch,
            index: 5,
        },
    };
    assert!(!huge.holds(&id));
    let file = serde_json::json!({
        "format": REGISTER_FORMAT,
        "version": REGISTER_VERSION,
        "allocations": [huge],
    })
    .to_string();
    assert!(matches!(
        Register::from_json(&file),
        Err(RegisterError::Invalid { index: 1, .. })
    ));
    // One past the batch is refused too; exactly the batch is accepted.
    for (first, count, ok) in [(1, 65_536, false), (0, 65_536, true), (65_535, 1, true)] {
        let a = Allocation {
            first_index: first,
            count,
            ..huge.clone()
        };
        assert_eq!(a.end().is_ok(), ok, "{first} + {count}");
    }
}

/// Bundle links open the receiving page on the app's own origin, which the office names:
/// there is no default address, and a real issue without one is refused.
#[test]
fn bundle_links_need_the_apps_own_address_and_open_its_receiving_page() {
    let none = IssueSettings::default();
    assert_eq!(none.link_base, "", "no default on a shared website");
    assert_eq!(
        none.require_link_base(),
        Err(IssuanceError::LinkBaseRequired)
    );
    assert_eq!(
        IssueSettings {
            link_base: "   ".into(),
            ..none.clone()
        }
        .require_link_base(),
        Err(IssuanceError::LinkBaseRequired)
    );
    let with = |base: &str| IssueSettings {
        link_base: base.into(),
        ..IssueSettings::default()
    };
    for bad in [
        "http://jokatsu.example.jp/",
        "http://127.0.0.1.example.jp/",
        "jokatsu.example.jp",
        "https://",
        "https:///x",
        "ftp://x/",
    ] {
        assert!(
            matches!(
                with(bad).require_link_base(),
                Err(IssuanceError::LinkBaseNotHttps(_))
            ),
            "{bad}"
        );
    }
    assert!(with("https://jokatsu.example.jp/#/")
        .require_link_base()
        .is_err());
    assert!(with("https://jokatsu.example.jp/")
        .require_link_base()
        .is_ok());
    // Tests on this machine: plain http to a loopback address only.
    for local in [
        "http://127.0.0.1:8080/jokatsu/w.html",
        "http://localhost/",
        "http://[::1]:4173/",
    ] {
        assert!(with(local).require_link_base().is_ok(), "{local}");
    }
    for (base, page) in [
        (
            "https://jokatsu.example.jp/",
            "https://jokatsu.example.jp/r.html",
        ),
        (
            "https://jokatsu.example.jp",
            "https://jokatsu.example.jp/r.html",
        ),
        ("https://a.jp/app/w.html", "https://a.jp/app/r.html"),
        ("https://a.jp/app", "https://a.jp/app/r.html"),
        ("", "r.html"),
    ] {
        assert_eq!(with(base).receive_page(), page, "{base}");
    }
}

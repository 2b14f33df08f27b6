use super::*;
use crate::domain::tickets::core::keys::demo;
use crate::domain::tickets::core::ticket::{demo_month, issue, YearMonth};
use crate::domain::tickets::core::used::UsedSet;
use chrono::TimeZone;
use ed25519_dalek::SigningKey;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    // 03:00 UTC = noon JST.
    Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
}

/// A demo ticket's identity (the demo month's tickets are demo, key 1).
fn sid(batch: u32, index: u16) -> TicketId {
    TicketId {
        demo: true,
        key: demo::DEMO_ISSUER_KEY_ID,
        serial: Serial::new(batch, index),
    }
}

/// Writes a transfer file and marks what it moved (what the app does once the file is
/// handed over).
fn move_all(w: &mut Wallet, now: DateTime<Utc>) -> usize {
    let file = w.transfer_file(now).unwrap();
    w.mark_moved(&file.moving, now)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec() -> Bundle {
    Bundle::new(demo_month(YearMonth::new(2026, 12).unwrap()).unwrap()).unwrap()
}

fn wallet() -> Wallet {
    let mut w = Wallet::new();
    let r = w.add_bundle(
        &dec(),
        &demo::key_set(),
        VerifyPolicy::DEMO,
        at(2026, 11, 24),
    );
    assert_eq!(r.added, 20);
    w
}

#[test]
fn bundle_import_is_idempotent() {
    let mut w = wallet();
    let before = w.clone();
    let again = w.add_bundle(
        &dec(),
        &demo::key_set(),
        VerifyPolicy::DEMO,
        at(2026, 12, 1),
    );
    assert_eq!(
        again,
        BundleImport {
            added: 0,
            duplicates: 20,
            rejected: vec![]
        }
    );
    assert_eq!(w, before, "received_at must not change either");
    let e = w.get(sid(202612, 0)).unwrap();
    assert_eq!(
        e.source,
        Source::Issued {
            bundle: "202612-00000+20".into()
        }
    );
}

#[test]
fn bundle_with_a_forged_ticket_keeps_the_good_ones() {
    let mut tickets = dec().into_tickets();
    let forged = issue(tickets[5].body().spec(), &SigningKey::from_bytes(&[3; 32])).unwrap();
    tickets[5] = forged;
    let mut w = Wallet::new();
    let r = w.add_bundle(
        &Bundle::new(tickets).unwrap(),
        &demo::key_set(),
        VerifyPolicy::DEMO,
        at(2026, 12, 1),
    );
    assert_eq!(r.added, 19);
    assert_eq!(r.rejected, vec![(sid(202612, 5), Verdict::Forged)]);
    let mut w = Wallet::new();
    let r = w.add_bundle(
        &dec(),
        &demo::key_set(),
        VerifyPolicy::PRODUCTION,
        at(2026, 12, 1),
    );
    assert_eq!(
        (r.added, r.rejected.len()),
        (0, 20),
        "demo tickets refused in production"
    );
}

#[test]
fn balance_and_status_over_time() {
    let mut w = wallet();
    // Valid 2026-12-01..=2027-02-28.
    let cases = [
        (day(2026, 11, 30), 0, 0, 20, 20_000),
        (day(2026, 12, 1), 20, 20_000, 0, 0),
        (day(2027, 2, 28), 20, 20_000, 0, 0),
        (day(2027, 3, 1), 0, 0, 0, 0),
    ];
    for (today, n, yen, up_n, up_yen) in cases {
        assert_eq!(
            w.balance(today),
            Balance {
                usable_count: n,
                usable_yen: Yen(yen),
                upcoming_count: up_n,
                upcoming_yen: Yen(up_yen)
            },
            "{today}"
        );
    }
    w.mark_used(sid(202612, 0), at(2026, 12, 5)).unwrap();
    w.mark_given(
        sid(202612, 1),
        Some("佐藤さん".into()),
        Some("ありがとう".into()),
        at(2026, 12, 5),
    )
    .unwrap();
    let b = w.balance(day(2026, 12, 10));
    assert_eq!((b.usable_count, b.usable_yen), (18, Yen(18_000)));
    assert_eq!(
        w.get(sid(202612, 0)).unwrap().status(day(2026, 12, 10)),
        EntryStatus::Used
    );
    assert_eq!(
        w.get(sid(202612, 1)).unwrap().status(day(2026, 12, 10)),
        EntryStatus::Given
    );
    assert_eq!(
        w.get(sid(202612, 2)).unwrap().status(day(2027, 3, 1)),
        EntryStatus::Expired
    );
}

#[test]
fn state_transitions() {
    let mut w = wallet();
    let s = sid(202612, 4);
    let now = at(2026, 12, 5);
    w.mark_given(s, None, None, now).unwrap();
    assert_eq!(
        w.mark_given(s, None, None, now),
        Err(WalletError::AlreadyGiven(s))
    );
    assert_eq!(w.mark_used(s, now), Err(WalletError::AlreadyGiven(s)));
    let s2 = sid(202612, 5);
    w.mark_used(s2, now).unwrap();
    assert_eq!(
        w.mark_given(s2, None, None, now),
        Err(WalletError::AlreadyUsed(s2))
    );
    let missing = sid(1, 1);
    assert_eq!(
        w.mark_used(missing, now),
        Err(WalletError::NotInWallet(missing))
    );
    let s3 = sid(202612, 6);
    assert_eq!(
        w.mark_given(s3, None, None, at(2027, 3, 1)),
        Err(WalletError::Expired(s3))
    );
    assert_eq!(
        w.mark_given(s3, Some("あ".repeat(41)), None, now),
        Err(WalletError::NameTooLong)
    );
    assert_eq!(
        w.mark_given(s3, None, Some("a".repeat(141)), now),
        Err(WalletError::MessageTooLong)
    );
}

#[test]
fn used_per_feed_is_computed_at_read_time_and_a_correction_brings_a_ticket_back() {
    let mut w = wallet();
    w.mark_given(sid(202612, 7), Some("A".into()), None, at(2026, 12, 2))
        .unwrap();
    let today = day(2026, 12, 20);
    let mut feed = UsedSet::new();
    for i in [3, 7, 500] {
        feed.mark(sid(202612, i));
    }
    // The same serial as a real ticket (not demo) is another ticket.
    feed.mark(TicketId {
        demo: false,
        ..sid(202612, 4)
    });
    let before = w.clone();
    assert_eq!(w.count_used_per_feed(&feed), 1);
    let e3 = w.get(sid(202612, 3)).unwrap();
    assert_eq!(e3.status_at(today, &feed), EntryStatus::UsedPerFeed);
    assert_eq!(e3.status(today), EntryStatus::Usable, "ignoring the feed");
    assert_eq!(
        w.get(sid(202612, 4)).unwrap().status_at(today, &feed),
        EntryStatus::Usable
    );
    assert_eq!(
        w.get(sid(202612, 7)).unwrap().status_at(today, &feed),
        EntryStatus::Given,
        "a given ticket keeps its record"
    );
    assert_eq!(w.balance_at(today, &feed).usable_count, 18);
    assert_eq!(w, before, "nothing is written");
    // The office publishes a correction: 3 is not used after all.
    let mut corrected = feed.clone();
    corrected.unmark(sid(202612, 3));
    assert_eq!(
        w.get(sid(202612, 3)).unwrap().status_at(today, &corrected),
        EntryStatus::Usable
    );
    assert_eq!(w.balance_at(today, &corrected).usable_count, 19);
    // Giving a ticket the city lists as used is refused with that reason.
    assert_eq!(
        w.clone()
            .mark_given_checked(sid(202612, 3), None, None, &feed, at(2026, 12, 20)),
        Err(WalletError::UsedPerFeed(sid(202612, 3)))
    );
    assert!(w
        .clone()
        .mark_given_checked(sid(202612, 3), None, None, &corrected, at(2026, 12, 20))
        .is_ok());
    // A gift of a ticket listed as used is refused with that reason.
    let gift = Gift::new(w.get(sid(202612, 3)).unwrap().ticket.clone(), None, None).unwrap();
    assert_eq!(
        Wallet::new().receive_gift_checked(
            &gift,
            &demo::key_set(),
            VerifyPolicy::DEMO,
            &feed,
            at(2026, 12, 20)
        ),
        Err(WalletError::UsedPerFeed(sid(202612, 3)))
    );
}

/// A version-1 entry "used, reported by feed" loads as unused (the feed state is now
/// computed), while the holder's own "redeemed" mark stays.
#[test]
fn v1_reported_by_feed_migrates_to_unused() {
    let tickets = dec();
    let t0 = tickets.tickets()[0].to_text();
    let t1 = tickets.tickets()[1].to_text();
    let json = format!(
        r#"{{"version":1,"entries":[{{"ticket":"{t0}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"used","at":"2026-12-02T03:00:00Z","reason":"reported_by_feed"}}}},{{"ticket":"{t1}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"used","at":"2026-12-02T03:00:00Z","reason":"redeemed"}}}}]}}"#
    );
    let loaded = Wallet::from_record_json(&json).unwrap();
    assert_eq!(
        loaded.wallet.get(sid(202612, 0)).unwrap().state,
        EntryState::Unused
    );
    assert!(matches!(
        loaded.wallet.get(sid(202612, 1)).unwrap().state,
        EntryState::Used {
            reason: UsedReason::Redeemed,
            ..
        }
    ));
}

#[test]
fn gifts() {
    let mut giver = wallet();
    let s = sid(202612, 9);
    let ticket = giver.get(s).unwrap().ticket.clone();
    giver
        .mark_given(
            s,
            Some("佐藤さん".into()),
            Some("ありがとう".into()),
            at(2026, 12, 2),
        )
        .unwrap();
    let gift = Gift::new(ticket, Some("山田".into()), Some("ありがとう".into())).unwrap();
    let mut coworker = Wallet::new();
    let keys = demo::key_set();
    assert_eq!(
        coworker.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2026, 12, 3)),
        Ok(s)
    );
    assert_eq!(
        coworker.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2026, 12, 3)),
        Err(WalletError::AlreadyInWallet(s))
    );
    assert_eq!(
        coworker.get(s).unwrap().source,
        Source::Gift {
            from: Some("山田".into()),
            message: Some("ありがとう".into())
        }
    );
    assert_eq!(coworker.balance(day(2026, 12, 3)).usable_yen, Yen(1000));
    // The thank-you log: what each of them sees, newest first.
    let sent = giver.thanks();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].sent);
    assert_eq!(sent[0].who.as_deref(), Some("佐藤さん"));
    assert_eq!(sent[0].message.as_deref(), Some("ありがとう"));
    assert_eq!(sent[0].at, at(2026, 12, 2));
    let received = coworker.thanks();
    assert_eq!(received.len(), 1);
    assert!(!received[0].sent);
    assert_eq!(received[0].who.as_deref(), Some("山田"));
    assert_eq!(received[0].at, at(2026, 12, 3));
    // She passes it on: both lines, the later first.
    coworker
        .mark_given(s, Some("鈴木さん".into()), None, at(2026, 12, 4))
        .unwrap();
    let both = coworker.thanks();
    assert_eq!(both.len(), 2);
    assert!(both[0].sent && both[0].at == at(2026, 12, 4));
    assert!(!both[1].sent);
    let mut late = Wallet::new();
    assert!(matches!(
        late.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2027, 3, 1)),
        Err(WalletError::Rejected(Verdict::Expired { .. }))
    ));
    assert_eq!(
        late.receive_gift(&gift, &keys, VerifyPolicy::PRODUCTION, at(2026, 12, 3)),
        Err(WalletError::Rejected(Verdict::DemoNotAccepted))
    );
}

#[test]
fn sorted_soonest_expiry_then_serial() {
    let mut w = wallet();
    let jan = Bundle::new(demo_month(YearMonth::new(2026, 11).unwrap()).unwrap()).unwrap();
    w.add_bundle(&jan, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
    let order: Vec<TicketId> = w.entries_by_expiry().iter().map(|e| e.id()).collect();
    // November's tickets expire 2027-01-31, December's 2027-02-28.
    assert_eq!(order[0], sid(202611, 0));
    assert_eq!(order[19], sid(202611, 19));
    assert_eq!(order[20], sid(202612, 0));
    assert_eq!(order.len(), 40);
}

#[test]
fn grouped_lists_usable_first_to_expire_and_the_history_latest_first() {
    let mut w = wallet();
    let nov = Bundle::new(demo_month(YearMonth::new(2026, 11).unwrap()).unwrap()).unwrap();
    w.add_bundle(&nov, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
    w.mark_used(sid(202611, 3), at(2026, 12, 1)).unwrap();
    w.mark_used(sid(202612, 5), at(2026, 12, 2)).unwrap();
    let ids = |g: &[&WalletEntry]| g.iter().map(|e| e.id()).collect::<Vec<_>>();
    // 2027-02-01: November's tickets (valid until 2027-01-31) have expired.
    let groups = w.grouped(day(2027, 2, 1), &NothingUsed);
    let usable = ids(&groups[Group::Usable as usize]);
    assert_eq!(usable.len(), 19);
    assert_eq!(usable[0], sid(202612, 0));
    assert!(!usable.contains(&sid(202612, 5)));
    let done = ids(&groups[Group::Done as usize]);
    assert_eq!(done.len(), 21);
    // December's used ticket expires last: it leads the history; November's follow,
    // highest serial first.
    assert_eq!(done[0], sid(202612, 5));
    assert_eq!(done[1], sid(202611, 19));
    assert_eq!(done[20], sid(202611, 0));
    assert!(groups[Group::Given as usize].is_empty());
    assert!(groups[Group::Moved as usize].is_empty());
    // On 2026-12-05 nothing has expired: only the two used tickets are done.
    let groups = w.grouped(day(2026, 12, 5), &NothingUsed);
    assert_eq!(
        ids(&groups[Group::Done as usize]),
        vec![sid(202612, 5), sid(202611, 3)]
    );
    assert_eq!(groups[Group::Usable as usize].len(), 38);
}

#[test]
fn merge_keeps_the_more_advanced_state() {
    let mut phone = wallet();
    let mut backup = wallet();
    let (a, b, c) = (sid(202612, 0), sid(202612, 1), sid(202612, 2));
    backup.mark_used(a, at(2026, 12, 3)).unwrap(); // backup ahead: Used > Unused
    phone.mark_given(b, None, None, at(2026, 12, 3)).unwrap(); // phone ahead: Given > Unused
    phone.mark_given(c, None, None, at(2026, 12, 3)).unwrap();
    backup.mark_used(c, at(2026, 12, 4)).unwrap(); // Used > Given
    let extra = Bundle::new(demo_month(YearMonth::new(2027, 1).unwrap()).unwrap()).unwrap();
    backup.add_bundle(
        &extra,
        &demo::key_set(),
        VerifyPolicy::DEMO,
        at(2026, 12, 31),
    );
    let report = phone.merge(backup.clone());
    assert_eq!(
        (report.added, report.advanced, report.unchanged),
        (20, 2, 18)
    );
    assert!(matches!(
        phone.get(a).unwrap().state,
        EntryState::Used { .. }
    ));
    assert!(matches!(
        phone.get(b).unwrap().state,
        EntryState::Given { .. }
    ));
    assert!(matches!(
        phone.get(c).unwrap().state,
        EntryState::Used { .. }
    ));
    assert_eq!(phone.len(), 40);
    let again = phone.merge(backup);
    assert_eq!(
        (again.added, again.advanced),
        (0, 0),
        "merging twice changes nothing"
    );
}

#[test]
fn record_round_trip_and_recovery() {
    let mut w = wallet();
    w.mark_given(
        sid(202612, 1),
        Some("佐藤".into()),
        Some("感謝".into()),
        at(2026, 12, 2),
    )
    .unwrap();
    w.mark_used(sid(202612, 2), at(2026, 12, 2)).unwrap();
    let json = w.to_record_json();
    let loaded = Wallet::from_record_json(&json).unwrap();
    assert_eq!(loaded.wallet, w);
    assert!(loaded.problems.is_empty());
    // Damage entry 3's ticket and entry 5's state: the other 18 load.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["entries"][3]["ticket"] = Value::from("JK1:AAAA");
    v["entries"][5]["state"] = Value::from("bogus");
    let loaded = Wallet::from_record_json(&v.to_string()).unwrap();
    assert_eq!(loaded.wallet.len(), 18);
    assert_eq!(
        loaded.problems.iter().map(|p| p.index).collect::<Vec<_>>(),
        vec![3, 5]
    );
    for (json, ok) in [
        (
            r#"{"version":4,"entries":[]}"#,
            Err(WalletError::NewerVersion(4)),
        ),
        (
            r#"{"entries":[]}"#,
            Err(WalletError::NotAWallet("no version".into())),
        ),
    ] {
        assert_eq!(Wallet::from_record_json(json).map(|l| l.wallet), ok);
    }
    assert!(Wallet::from_record_json("<html>").is_err());
}

/// Golden fixture: a version-1 record as written today must keep loading.
#[test]
fn v1_record_fixture_loads() {
    let ticket = dec().tickets()[0].to_text();
    let json = format!(
        r#"{{"version":1,"entries":[{{"ticket":"{ticket}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"given","to":"佐藤","at":"2026-12-02T03:00:00Z","message":null}}}}]}}"#
    );
    let loaded = Wallet::from_record_json(&json).unwrap();
    assert!(loaded.problems.is_empty());
    let e = loaded.wallet.get(sid(202612, 0)).unwrap();
    assert_eq!(e.received_at, at(2026, 11, 24));
    assert!(matches!(&e.state, EntryState::Given { to: Some(t), .. } if t == "佐藤"));
    assert_eq!(
        loaded.wallet.to_record_json(),
        json.replace(r#"{"version":1"#, r#"{"version":3"#)
    );
}

#[test]
fn export_import_backup() {
    let mut w = wallet();
    w.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
    let file = w.export_json(at(2026, 12, 4)).unwrap();
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["format"], "jokatsu-wallet");
    assert_eq!(v["version"], 3);
    assert_eq!(v["exported_at"], "2026-12-04T03:00:00Z");
    let mut fresh = Wallet::new();
    let r = fresh
        .import_backup(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.problems.len()), (20, 0));
    assert_eq!(fresh, w);
    // A forged entry is reported, the rest imported.
    let forged = issue(
        dec().tickets()[1].body().spec(),
        &SigningKey::from_bytes(&[3; 32]),
    )
    .unwrap();
    let mut v = v;
    v["entries"][1]["ticket"] = Value::from(forged.to_text());
    let mut fresh = Wallet::new();
    let r = fresh
        .import_backup(&v.to_string(), &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!(r.added, 19);
    assert_eq!(r.problems.len(), 1);
    assert_eq!(r.problems[0].index, 1);
    assert!(
        r.problems[0].reason.contains("Forged"),
        "{}",
        r.problems[0].reason
    );
    // The persisted record is not a backup file.
    assert!(Wallet::new()
        .import_backup(&w.to_record_json(), &demo::key_set(), VerifyPolicy::DEMO)
        .is_err());
}

/// Merge on save, as a table: (stored state, in-memory state) → kept state.
#[test]
fn merge_on_save_table() {
    let unused = EntryState::Unused;
    let given = |d: u32, to: &str| EntryState::Given {
        to: Some(to.into()),
        at: at(2026, 12, d),
        message: None,
        from: None,
    };
    let used = |d: u32| EntryState::Used {
        at: at(2026, 12, d),
        reason: UsedReason::Redeemed,
    };
    let cases = [
        (
            "both unused",
            unused.clone(),
            unused.clone(),
            unused.clone(),
        ),
        (
            "given in this tab",
            unused.clone(),
            given(3, "A"),
            given(3, "A"),
        ),
        (
            "given in the other tab",
            given(3, "A"),
            unused.clone(),
            given(3, "A"),
        ),
        ("used in this tab", unused.clone(), used(4), used(4)),
        ("used in the other tab", used(4), unused.clone(), used(4)),
        ("used beats given", given(3, "A"), used(4), used(4)),
        (
            "used beats given (other side)",
            used(4),
            given(3, "A"),
            used(4),
        ),
        (
            "earlier gift wins",
            given(5, "B"),
            given(3, "A"),
            given(3, "A"),
        ),
        (
            "earlier gift wins (other side)",
            given(3, "A"),
            given(5, "B"),
            given(3, "A"),
        ),
        ("earlier use wins", used(6), used(4), used(4)),
        (
            "exact tie keeps stored",
            given(3, "A"),
            given(3, "B"),
            given(3, "A"),
        ),
    ];
    let id = sid(202612, 0);
    for (what, stored_state, mine_state, expected) in cases {
        let mut stored = wallet();
        let mut mine = wallet();
        stored.entries.get_mut(&id).unwrap().state = stored_state;
        mine.entries.get_mut(&id).unwrap().state = mine_state;
        let merged = merge(&stored, &mine);
        assert_eq!(merged.get(id).unwrap().state, expected, "{what}");
        assert_eq!(merged.len(), 20, "{what}");
    }
}

#[test]
fn merge_on_save_keeps_tickets_from_both_tabs() {
    // Tab A holds December; tab B received a gift and January meanwhile and saved.
    let tab_a = wallet();
    let mut stored = Wallet::new();
    let jan = Bundle::new(demo_month(YearMonth::new(2027, 1).unwrap()).unwrap()).unwrap();
    stored.add_bundle(&jan, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 12, 28));
    let gift_ticket = tab_a.get(sid(202612, 9)).unwrap().ticket.clone();
    let mut other_person = Wallet::new();
    other_person
        .receive_gift(
            &Gift::new(gift_ticket, Some("山田".into()), None).unwrap(),
            &demo::key_set(),
            VerifyPolicy::DEMO,
            at(2026, 12, 3),
        )
        .unwrap();
    let merged = merge(&stored, &tab_a);
    assert_eq!(merged.len(), 40);
    // Order does not lose anything either, and merging again changes nothing.
    assert_eq!(merge(&tab_a, &stored).len(), 40);
    assert_eq!(merge(&merged, &tab_a), merged);
    assert_eq!(merge(&merged, &stored), merged);
    // The same ticket received two ways: the earlier receipt and its source are kept.
    let both = merge(&other_person, &tab_a);
    let e = both.get(sid(202612, 9)).unwrap();
    assert_eq!(e.received_at, at(2026, 11, 24));
    assert!(matches!(e.source, Source::Issued { .. }));
    // Demo and real tickets with the same serial are two entries.
    let real = TicketId {
        demo: false,
        ..sid(202612, 0)
    };
    assert_ne!(real, sid(202612, 0));
    assert!(merged.get(real).is_none());
}

proptest::proptest! {
    /// Union: every ticket of either side is in the merge, and the state is never
    /// less advanced than either side's.
    #[test]
    fn merge_is_a_union_and_never_goes_back(ops in proptest::collection::vec((0u16..20, 0u8..3, proptest::bool::ANY), 0..30)) {
        let mut stored = Wallet::new();
        let mut mine = Wallet::new();
        let dec = dec();
        for (i, op, side) in ops {
            let w = if side { &mut stored } else { &mut mine };
            let t = dec.tickets()[usize::from(i)].clone();
            let b = Bundle::new(vec![t]).unwrap();
            w.add_bundle(&b, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
            let id = sid(202612, i);
            let _ = match op {
                1 => w.mark_given(id, None, None, at(2026, 12, 2)),
                2 => w.mark_used(id, at(2026, 12, 2)),
                _ => Ok(()),
            };
        }
        let merged = merge(&stored, &mine);
        for side in [&stored, &mine] {
            for e in side.entries() {
                let m = merged.get(e.id());
                proptest::prop_assert!(m.is_some());
                proptest::prop_assert!(m.map(|m| m.state.rank()).unwrap_or(0) >= e.state.rank());
            }
        }
        proptest::prop_assert!(merged.len() <= stored.len() + mine.len());
    }
}

#[test]
fn imported_backup_text_is_cleaned_and_capped() {
    let mut w = wallet();
    w.mark_given(sid(202612, 1), Some("佐藤".into()), None, at(2026, 12, 2))
        .unwrap();
    let mut v: Value = serde_json::from_str(&w.export_json(at(2026, 12, 4)).unwrap()).unwrap();
    v["entries"][1]["state"]["to"] = Value::from("\u{202E}佐藤\u{0007}");
    v["entries"][1]["state"]["message"] = Value::from(format!("{}\u{2066}", "あ".repeat(200)));
    v["entries"][0]["source"] = serde_json::json!({"kind": "gift", "from": "\u{200F}山田\r\n", "message": "a\r\nb\u{202D}"});
    let mut fresh = Wallet::new();
    let r = fresh
        .import_backup(&v.to_string(), &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.problems.len()), (20, 0));
    match &fresh.get(sid(202612, 1)).unwrap().state {
        EntryState::Given { to, message, .. } => {
            assert_eq!(to.as_deref(), Some("佐藤"));
            assert_eq!(message.as_deref().map(|m| m.chars().count()), Some(140));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fresh.get(sid(202612, 0)).unwrap().source,
        Source::Gift {
            from: Some("山田".into()),
            message: Some("a\nb".into())
        }
    );
    // Typed names are cleaned too.
    let mut w = wallet();
    w.mark_given(
        sid(202612, 2),
        Some("\u{202E}A\u{202C}".into()),
        Some("x\r\ny".into()),
        at(2026, 12, 2),
    )
    .unwrap();
    assert!(matches!(
        &w.get(sid(202612, 2)).unwrap().state,
        EntryState::Given { to: Some(t), message: Some(m), .. } if t == "A" && m == "x\ny"
    ));
}

/// Giving is deliberate: a name is required, the gift shown again is the same gift,
/// a used-per-feed ticket is refused, and a re-opened link is recognised.
#[test]
fn give_requires_a_name_and_the_same_gift_can_be_shown_again() {
    let mut w = wallet();
    let id = sid(202612, 2);
    let now = at(2026, 12, 5);
    for empty in ["", "   ", "\u{202e}"] {
        assert_eq!(
            w.give(id, empty, None, None, &NothingUsed, now),
            Err(WalletError::NameRequired),
            "{empty:?}"
        );
    }
    assert_eq!(
        w.get(id).unwrap().state,
        EntryState::Unused,
        "nothing written"
    );
    let gift = w
        .give(
            id,
            " 佐藤さん ",
            Some("山田".into()),
            Some("ありがとう".into()),
            &NothingUsed,
            now,
        )
        .unwrap();
    assert_eq!(gift.from.as_deref(), Some("山田"));
    assert!(matches!(
        &w.get(id).unwrap().state,
        EntryState::Given { to: Some(t), from: Some(f), .. } if t == "佐藤さん" && f == "山田"
    ));
    assert_eq!(w.gift_again(id), Some(gift.clone()), "the same gift again");
    assert_eq!(w.gift_again(sid(202612, 4)), None, "not given: no gift");
    assert_eq!(
        w.give(id, "鈴木", None, None, &NothingUsed, now),
        Err(WalletError::AlreadyGiven(id))
    );
    // The giver opening her own link; the receiver opening it twice.
    assert_eq!(w.gift_state(&gift), GiftState::GivenByMe);
    let mut coworker = Wallet::new();
    assert_eq!(coworker.gift_state(&gift), GiftState::New);
    coworker
        .receive_gift(&gift, &demo::key_set(), VerifyPolicy::DEMO, now)
        .unwrap();
    assert_eq!(coworker.gift_state(&gift), GiftState::AlreadyReceived);
    // Listed as used by the city: refused with that reason.
    let mut feed = UsedSet::default();
    feed.mark(sid(202612, 6));
    assert_eq!(
        w.give(sid(202612, 6), "佐藤", None, None, &feed, now),
        Err(WalletError::UsedPerFeed(sid(202612, 6)))
    );
    // Records without `from` still load.
    let json = w.to_record_json().replace(r#","from":"山田""#, "");
    assert!(!json.contains("山田"));
    let loaded = Wallet::from_record_json(&json).unwrap().wallet;
    assert!(matches!(
        &loaded.get(id).unwrap().state,
        EntryState::Given { from: None, .. }
    ));
}

/// Undo of a gift: the ticket is usable here again; another tab's older "given" copy
/// does not undo the take-back on save, a later give does win, a used ticket stays
/// used; only a given ticket can be taken back.
#[test]
fn a_gift_can_be_taken_back_and_saving_from_another_tab_keeps_it_back() {
    let now = at(2026, 12, 5);
    let id = sid(202612, 2);
    let mut w = wallet();
    assert_eq!(w.take_back(id), Err(WalletError::NotGiven(id)));
    let gift = w
        .give(id, "佐藤さん", None, None, &NothingUsed, now)
        .unwrap();
    let other_tab = w.clone(); // still "given"
    w.take_back(id).unwrap();
    let e = w.get(id).unwrap();
    assert_eq!((&e.state, e.take_backs), (&EntryState::Unused, 1));
    assert!(e.is_usable(day(2026, 12, 5), &NothingUsed));
    assert_eq!(w.balance(day(2026, 12, 5)).usable_count, 20);
    // Her own link opened on this phone now finds the ticket here, usable.
    assert_eq!(w.gift_state(&gift), GiftState::AlreadyReceived);
    // Read-merge-write from either side keeps the take-back.
    for merged in [merge(&other_tab, &w), merge(&w, &other_tab)] {
        assert_eq!(merged.get(id).unwrap().state, EntryState::Unused);
    }
    // An older backup (given) imported later does not bring the gift back either.
    let backup = other_tab.export_json(now).unwrap();
    let r = w
        .import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.advanced), (0, 0));
    assert_eq!(w.get(id).unwrap().state, EntryState::Unused);
    // Given again after the take-back: that gift wins over the taken-back copy.
    let back = w.clone();
    w.give(id, "鈴木さん", None, None, &NothingUsed, now)
        .unwrap();
    assert!(matches!(
        merge(&back, &w).get(id).unwrap().state,
        EntryState::Given { .. }
    ));
    // Used in a tab that never saw the take-back: used wins.
    let mut used_tab = other_tab.clone();
    used_tab.take_back(id).unwrap();
    used_tab.mark_used(id, now).unwrap();
    let mut more = back.clone();
    more.give(id, "x", None, None, &NothingUsed, now).unwrap();
    more.take_back(id).unwrap();
    assert!(matches!(
        merge(&more, &used_tab).get(id).unwrap().state,
        EntryState::Used { .. }
    ));
    assert_eq!(used_tab.take_back(id), Err(WalletError::AlreadyUsed(id)));
    // The stored form: `take_backs` only when not 0, and records without it load.
    let json = back.to_record_json();
    assert!(json.contains(r#""take_backs":1"#), "{json}");
    assert_eq!(wallet().to_record_json().matches("take_backs").count(), 0);
    let loaded = Wallet::from_record_json(&json).unwrap().wallet;
    assert_eq!(loaded, back);
}

/// The summary line and the expiring-soon banner, as a table over the demo month
/// (valid 2026-12-01..=2027-02-28).
#[test]
fn summary_and_groups() {
    let mut w = wallet();
    w.mark_used(sid(202612, 0), at(2026, 12, 5)).unwrap();
    w.mark_given(sid(202612, 1), Some("佐藤".into()), None, at(2026, 12, 5))
        .unwrap();
    let mut feed = UsedSet::default();
    feed.mark(sid(202612, 2));
    let cases = [
        // (today, count, earliest, expiring soon)
        (day(2026, 11, 30), 0, None, 0),
        (day(2026, 12, 10), 17, Some(day(2027, 2, 28)), 0),
        (day(2027, 2, 13), 17, Some(day(2027, 2, 28)), 0),
        (day(2027, 2, 14), 17, Some(day(2027, 2, 28)), 17),
        (day(2027, 2, 28), 17, Some(day(2027, 2, 28)), 17),
        (day(2027, 3, 1), 0, None, 0),
    ];
    for (today, count, earliest, soon) in cases {
        let s = w.summary_at(today, &feed);
        assert_eq!(
            (s.count, s.earliest_until, s.expiring_soon),
            (count, earliest, soon),
            "{today}"
        );
        assert_eq!(s.face, (count > 0).then_some(Yen(1000)), "{today}");
    }
    let groups = |id| {
        w.get(id)
            .unwrap()
            .status_at(day(2026, 12, 10), &feed)
            .group()
    };
    assert_eq!(groups(sid(202612, 0)), Group::Done, "used");
    assert_eq!(groups(sid(202612, 1)), Group::Given);
    assert_eq!(groups(sid(202612, 2)), Group::Done, "used per the feed");
    assert_eq!(groups(sid(202612, 3)), Group::Usable);
    assert_eq!(
        w.get(sid(202612, 3))
            .unwrap()
            .status_at(day(2026, 11, 30), &feed)
            .group(),
        Group::Usable,
        "not yet valid is listed with the usable ones"
    );
}

/// Moving to a new phone: the old phone's file carries every ticket; the unused ones
/// arrive usable on the new phone, and on the old phone they become "moved" (not
/// usable, shown apart), with their history (given, used) kept on both.
#[test]
fn transfer_old_phone_to_new_phone() {
    let today = day(2026, 12, 5);
    let mut old = wallet();
    old.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
    old.give(
        sid(202612, 1),
        "佐藤",
        None,
        None,
        &NothingUsed,
        at(2026, 12, 3),
    )
    .unwrap();
    let written = old.transfer_file(at(2026, 12, 5)).unwrap();
    let file = written.json.clone();
    let v: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["format"], "jokatsu-transfer");
    assert_eq!(v["version"], 1);
    assert_eq!(v["moving"], 18);
    assert_eq!(v["entries"].as_array().map(Vec::len), Some(20));
    assert_eq!(old.mark_moved(&written.moving, at(2026, 12, 5)), 18);
    assert_eq!(old.moved_count(), 18);
    // The old phone: nothing usable, the moved ones in their own group, nothing lost.
    assert_eq!(old.len(), 20);
    assert_eq!(old.balance(today).usable_count, 0);
    let e = old.get(sid(202612, 5)).unwrap();
    assert_eq!(e.status(today), EntryStatus::Moved);
    assert_eq!(e.status(today).group(), Group::Moved);
    assert_eq!(
        old.mark_used(sid(202612, 5), at(2026, 12, 6)),
        Err(WalletError::Moved(sid(202612, 5)))
    );
    assert!(matches!(
        old.give(
            sid(202612, 5),
            "佐藤",
            None,
            None,
            &NothingUsed,
            at(2026, 12, 6)
        ),
        Err(WalletError::Moved(_))
    ));
    // The new phone.
    let mut new = Wallet::new();
    let r = new
        .import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.problems.len()), (20, 0));
    assert_eq!(new.balance(today).usable_count, 18);
    assert_eq!(
        new.get(sid(202612, 0)).unwrap().status(today),
        EntryStatus::Used
    );
    assert_eq!(new.thanks().len(), 1, "the thank-you log goes along");
    // Receiving the same file again adds nothing.
    let r = new
        .import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.advanced, r.unchanged), (0, 0, 20));
    // The file opened on the old phone itself is refused and changes nothing.
    let before = old.clone();
    assert_eq!(
        old.import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO),
        Err(WalletError::OwnTransfer)
    );
    assert_eq!(old, before);
    // Moving twice: a second file carries the moved ones again (the first may be lost).
    let again: Value = serde_json::from_str(&old.transfer_json(at(2026, 12, 6)).unwrap()).unwrap();
    assert_eq!(again["moving"], 18);
}

/// The old phone's undo (the file never arrived): moved tickets are usable again, and
/// another tab's older "moved" copy does not undo the undo on save.
#[test]
fn a_move_can_be_undone_and_a_stale_tab_does_not_redo_it() {
    let today = day(2026, 12, 5);
    let mut w = wallet();
    assert_eq!(
        Wallet::new().transfer_json(at(2026, 12, 5)),
        Err(WalletError::NothingToMove)
    );
    move_all(&mut w, at(2026, 12, 5));
    let stale = w.clone();
    assert_eq!(w.undo_move(), 20);
    assert_eq!(w.balance(today).usable_count, 20);
    let saved = merge(&stale, &w);
    assert_eq!(saved.balance(today).usable_count, 20);
    // A tab that still thinks they are unused does not bring back moved ones.
    let mut moved = wallet();
    move_all(&mut moved, at(2026, 12, 5));
    assert_eq!(merge(&moved, &wallet()).moved_count(), 20);
    assert_eq!(merge(&wallet(), &moved).moved_count(), 20);
}

/// Files never turn a ticket already here into "moved"; a ticket new to the wallet
/// keeps its "moved" (the old phone's backup restored on either phone).
#[test]
fn a_backup_with_moved_tickets_restores_without_hiding_tickets() {
    let today = day(2026, 12, 5);
    let mut old = wallet();
    let transfer = old.transfer_json(at(2026, 12, 5)).unwrap();
    move_all(&mut old, at(2026, 12, 5));
    let backup = old.export_json(at(2026, 12, 5)).unwrap();
    // The new phone received the transfer, then restores the old phone's backup.
    let mut new = Wallet::new();
    new.import_transfer(&transfer, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    new.import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!(new.balance(today).usable_count, 20);
    // The old phone lost its data and restores its own backup: still moved.
    let mut wiped = Wallet::new();
    wiped
        .import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!(wiped.moved_count(), 20);
    assert_eq!(wiped.balance(today).usable_count, 0);
}

/// Bad or foreign input is refused with a typed error and changes nothing; a forged
/// entry is reported and the rest received.
#[test]
fn bad_transfer_input_is_refused_and_loses_nothing() {
    let w = wallet();
    let file = w.transfer_json(at(2026, 12, 5)).unwrap();
    let backup = w.export_json(at(2026, 12, 5)).unwrap();
    let bundle = dec().to_file_json();
    type Expect = fn(&WalletError) -> bool;
    let cases: [(&str, Expect); 7] = [
        ("<html>error</html>", |e| {
            matches!(e, WalletError::NotATransfer(_))
        }),
        ("", |e| matches!(e, WalletError::NotATransfer(_))),
        (
            r#"{"format":"jokatsu-transfer","version":9,"entries":[]}"#,
            |e| matches!(e, WalletError::NewerVersion(9)),
        ),
        (r#"{"format":"jokatsu-transfer","entries":[]}"#, |e| {
            matches!(e, WalletError::NotATransfer(_))
        }),
        (r#"{"format":"jokatsu-transfer","version":1}"#, |e| {
            matches!(e, WalletError::NotATransfer(_))
        }),
        (&backup, |e| matches!(e, WalletError::NotATransfer(_))),
        (&bundle, |e| matches!(e, WalletError::NotATransfer(_))),
    ];
    for (text, expected) in cases {
        let mut target = wallet();
        target.mark_used(sid(202612, 3), at(2026, 12, 4)).unwrap();
        let before = target.clone();
        let err = target
            .import_transfer(text, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap_err();
        assert!(expected(&err), "{text:.40}: {err:?}");
        assert_eq!(target, before, "{text:.40}");
        crate::domain::shared::wording::assert_worded(&[(text, &err)]);
    }
    // One forged and one damaged entry: reported; the 18 others arrive.
    let forged = issue(
        dec().tickets()[1].body().spec(),
        &SigningKey::from_bytes(&[3; 32]),
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&file).unwrap();
    v["entries"][1]["ticket"] = Value::from(forged.to_text());
    v["entries"][2]["ticket"] = Value::from("JK1:DAMAGED");
    let mut new = Wallet::new();
    let r = new
        .import_transfer(
            &format!("\u{feff}{v}"),
            &demo::key_set(),
            VerifyPolicy::DEMO,
        )
        .unwrap();
    assert_eq!(r.added, 18);
    assert_eq!(
        r.problems.iter().map(|p| p.index).collect::<Vec<_>>(),
        vec![1, 2]
    );
}

/// Schema 3: a record with a moved ticket round-trips; a version-2 record loads
/// unchanged (2 → 3 rewrites nothing).
#[test]
fn v3_record_with_moved_round_trips_and_v2_loads() {
    let mut w = wallet();
    move_all(&mut w, at(2026, 12, 5));
    let json = w.to_record_json();
    assert!(json.starts_with(r#"{"version":3"#));
    assert!(json.contains(r#""state":{"state":"moved","at":"2026-12-05T03:00:00Z"}"#));
    assert_eq!(Wallet::from_record_json(&json).unwrap().wallet, w);
    let v2 = wallet()
        .to_record_json()
        .replace(r#"{"version":3"#, r#"{"version":2"#);
    let loaded = Wallet::from_record_json(&v2).unwrap();
    assert!(loaded.problems.is_empty());
    assert_eq!(loaded.wallet, wallet());
    // A version-2 backup file still imports.
    let file = wallet()
        .export_json(at(2026, 12, 5))
        .unwrap()
        .replace(r#""version": 3"#, r#""version": 2"#);
    let mut fresh = Wallet::new();
    let r = fresh
        .import_backup(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!(r.added, 20);
}

#[test]
fn every_error_is_worded_in_both_languages() {
    let id = sid(202612, 3);
    crate::domain::shared::wording::assert_worded(&[
        ("NotInWallet", &WalletError::NotInWallet(id)),
        ("AlreadyGiven", &WalletError::AlreadyGiven(id)),
        ("AlreadyUsed", &WalletError::AlreadyUsed(id)),
        ("UsedPerFeed", &WalletError::UsedPerFeed(id)),
        ("Expired", &WalletError::Expired(id)),
        ("AlreadyInWallet", &WalletError::AlreadyInWallet(id)),
        ("Rejected", &WalletError::Rejected(Verdict::Forged)),
        ("NotGiven", &WalletError::NotGiven(id)),
        ("NameRequired", &WalletError::NameRequired),
        ("NameTooLong", &WalletError::NameTooLong),
        ("MessageTooLong", &WalletError::MessageTooLong),
        ("TooLarge", &WalletError::TooLarge(3)),
        ("NotAWallet", &WalletError::NotAWallet("x".into())),
        ("NewerVersion", &WalletError::NewerVersion(9)),
        ("Encode", &WalletError::Encode("x".into())),
        ("Moved", &WalletError::Moved(id)),
        ("NothingToMove", &WalletError::NothingToMove),
        ("NotATransfer", &WalletError::NotATransfer("x".into())),
        ("OwnTransfer", &WalletError::OwnTransfer),
    ]);
    // The English interface shows English only (it used to show both languages).
    assert_eq!(
        WalletError::Expired(id).wording(Lang::En),
        format!("ticket {id} has expired")
    );
}

/// A gift that arrives while the share sheet is open is not in the transfer file: it
/// must stay usable here, not be marked moved (it would be stranded on neither phone).
#[test]
fn moving_marks_only_the_tickets_written_to_the_file() {
    let today = day(2026, 12, 5);
    let mut old = Wallet::new();
    let mut first = dec().into_tickets();
    let late = first.split_off(19);
    old.add_bundle(
        &Bundle::new(first).unwrap(),
        &demo::key_set(),
        VerifyPolicy::DEMO,
        at(2026, 11, 24),
    );
    let file = old.transfer_file(at(2026, 12, 5)).unwrap();
    assert_eq!(file.moving.len(), 19);
    // The share sheet is open; a coworker's gift arrives in another tab and is merged.
    let gift = Gift::new(late[0].clone(), Some("同僚".into()), None).unwrap();
    old.receive_gift(&gift, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 12, 5))
        .unwrap();
    // She finishes sharing: only the nineteen written to the file move.
    assert_eq!(old.mark_moved(&file.moving, at(2026, 12, 5)), 19);
    assert_eq!(old.moved_count(), 19);
    let gifted = old.get(late[0].body().id()).unwrap();
    assert_eq!(gifted.status(today), EntryStatus::Usable);
    assert_eq!(old.balance(today).usable_count, 1);
    // And the file indeed does not hold it: nothing is lost between the two phones.
    assert!(!file.json.contains(&late[0].to_text()));
}

/// Her tickets as a coworker's file would describe them: every one used (or given, or
/// moved), under the coworker's wallet id, under none, or under a made-up one.
fn hostile_files(target: &Wallet) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (label, id) in [
        ("no wallet id", None),
        ("another wallet", Some(WalletId::from_random([7; 16]))),
    ] {
        for state in [
            EntryState::Used {
                at: at(2026, 11, 30),
                reason: UsedReason::Redeemed,
            },
            EntryState::Given {
                to: Some("x".into()),
                at: at(2026, 11, 30),
                message: None,
                from: None,
            },
            EntryState::Moved {
                at: at(2026, 11, 30),
            },
        ] {
            let mut copy = Wallet::from_entries(target.entries().cloned().map(|mut e| {
                e.state = state.clone();
                e
            }));
            copy.id = id;
            files.push((
                format!("backup, {label}, {state:?}"),
                copy.export_json(at(2026, 12, 1)).unwrap(),
            ));
            let mut t: Value =
                serde_json::from_str(&copy.export_json(at(2026, 12, 1)).unwrap()).unwrap();
            t["format"] = Value::from("jokatsu-transfer");
            t["version"] = Value::from(1);
            files.push((format!("transfer, {label}, {state:?}"), t.to_string()));
        }
    }
    files
}

#[test]
fn a_file_from_another_wallet_cannot_change_her_tickets_without_her_confirmation() {
    let today = day(2026, 12, 5);
    let mut mine = wallet();
    mine.ensure_id([1; 16]);
    mine.give(
        sid(202612, 2),
        "佐藤",
        None,
        None,
        &NothingUsed,
        at(2026, 12, 2),
    )
    .unwrap();
    for (what, file) in hostile_files(&mine) {
        let mut target = mine.clone();
        let r = if what.starts_with("backup") {
            target.import_backup(&file, &demo::key_set(), VerifyPolicy::DEMO)
        } else {
            target.import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO)
        }
        .unwrap();
        assert_eq!(target, mine, "{what}: nothing of hers changed");
        assert_eq!(r.added, 0, "{what}");
        assert_eq!(r.advanced, 0, "{what}");
        assert_eq!(target.balance(today).usable_count, 19, "{what}");
        // Every difference is listed for her to see, with the state here and in the file.
        assert_eq!(r.pending.len() + r.unchanged, 20, "{what}");
        if what.contains("Used") {
            assert_eq!(r.pending.len(), 20, "{what}");
            let line = r
                .pending
                .iter()
                .find(|p| p.incoming.id() == sid(202612, 0))
                .unwrap()
                .wording(Lang::Ja);
            assert_eq!(
                line,
                format!(
                    "チケット {}：このスマホでは「未使用」、ファイルでは「使用済み」",
                    sid(202612, 0)
                )
            );
            // Only when she confirms does the file's state apply.
            assert_eq!(target.apply_confirmed(&r.pending), 20);
            assert_eq!(target.balance(today).usable_count, 0);
        }
    }
}

#[test]
fn a_file_can_always_add_tickets_she_does_not_have() {
    let other = {
        let mut w = wallet();
        w.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
        w.ensure_id([9; 16]);
        w
    };
    let mut empty = Wallet::new();
    empty.ensure_id([1; 16]);
    let r = empty
        .import_backup(
            &other.export_json(at(2026, 12, 5)).unwrap(),
            &demo::key_set(),
            VerifyPolicy::DEMO,
        )
        .unwrap();
    assert_eq!((r.added, r.pending.len()), (20, 0));
    assert_eq!(empty.len(), 20);
    assert_eq!(
        empty.id(),
        Some(WalletId::from_random([1; 16])),
        "her id stays"
    );
}

#[test]
fn her_own_backup_still_brings_her_tickets_up_to_date() {
    let mut phone = wallet();
    phone.ensure_id([3; 16]);
    let mut later = phone.clone();
    later.mark_used(sid(202612, 4), at(2026, 12, 4)).unwrap();
    let backup = later.export_json(at(2026, 12, 4)).unwrap();
    let v: Value = serde_json::from_str(&backup).unwrap();
    assert_eq!(v["wallet_id"], WalletId::from_random([3; 16]).to_text());
    let r = phone
        .import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.advanced, r.pending.len()), (1, 0));
    assert_eq!(
        phone.get(sid(202612, 4)).unwrap().status(day(2026, 12, 5)),
        EntryStatus::Used
    );
}

#[test]
fn the_wallet_id_survives_storage_and_merges_and_is_made_once() {
    use crate::domain::tickets::holder::record::WalletRecord;
    let mut w = wallet();
    assert_eq!(w.id(), None);
    let id = w.ensure_id([5; 16]);
    assert_eq!(w.ensure_id([6; 16]), id, "made once");
    assert_eq!(id.to_text().len(), 22);
    assert_eq!(WalletId::parse(&id.to_text()), Some(id));
    for bad in ["", "short", "!!!!!!!!!!!!!!!!!!!!!!", &"A".repeat(23)] {
        assert_eq!(WalletId::parse(bad), None, "{bad:?}");
    }
    let record = WalletRecord::from_wallet(&w);
    let json = serde_json::to_string(&record).unwrap();
    let back: WalletRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(back.into_wallet(), w);
    // A record without an id (earlier versions) or with a damaged one still loads.
    let old: WalletRecord = serde_json::from_str(&json.replace(&id.to_text(), "damaged")).unwrap();
    assert_eq!(old.wallet_id, None);
    assert_eq!(old.entries.len(), 20);
    // Merging: the stored id wins; a tab without one adopts it.
    let other = wallet().with_id(Some(WalletId::from_random([8; 16])));
    assert_eq!(merge(&w, &other).id(), Some(id));
    assert_eq!(merge(&wallet(), &w).id(), Some(id));
}

/// The About page's set-aside data file read back into the wallet: a record from a newer
/// app (her own id: it may update her tickets) and single set-aside entries (only added).
#[test]
fn set_aside_wallet_data_can_be_read_back_in() {
    use crate::domain::shared::persist::{load, save, Loaded, QuarantineList, Quarantined};
    use crate::domain::tickets::holder::record::WalletRecord;
    let today = day(2026, 12, 5);
    // Her wallet as a newer app stored it (version 4), then set aside by this one.
    let mut newer = wallet();
    newer.ensure_id([4; 16]);
    newer.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
    let raw = save(&WalletRecord::from_wallet(&newer), at(2026, 12, 4))
        .unwrap()
        .replace(r#""version":3"#, r#""version":4"#);
    let loaded = load::<WalletRecord>(Some(&raw), at(2026, 12, 5));
    let Loaded::Unreadable(empty, set_aside) = loaded else {
        panic!("a newer record is unreadable here")
    };
    assert!(empty.entries.is_empty());
    assert!(set_aside.blocks_writes(), "never overwritten by this app");
    let single = serde_json::to_string(wallet().get(sid(202612, 7)).unwrap()).unwrap();
    let list = QuarantineList {
        items: vec![
            set_aside,
            Quarantined {
                key: "jokatsu.settings".into(),
                raw: "{}".into(),
                error: crate::domain::shared::persist::RecordError::NoEnvelope,
                found_at: at(2026, 12, 5),
            },
            Quarantined {
                key: "jokatsu.wallet".into(),
                raw: single,
                error: crate::domain::shared::persist::RecordError::NoEnvelope,
                found_at: at(2026, 12, 5),
            },
            Quarantined {
                key: "jokatsu.wallet".into(),
                raw: r#"{"ticket":"JK1:DAMAGED"}"#.into(),
                error: crate::domain::shared::persist::RecordError::NoEnvelope,
                found_at: at(2026, 12, 5),
            },
        ],
    };
    let file = serde_json::to_string_pretty(&list).unwrap();
    assert_eq!(
        crate::domain::tickets::holder::files::classify(&file),
        crate::domain::tickets::holder::files::FileKind::SetAside
    );
    // The updated app starts empty and reads it back: every ticket returns.
    let mut fresh = Wallet::new();
    let r = fresh
        .import_set_aside(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!(r.added, 20);
    assert_eq!(r.problems.iter().map(|p| p.index).collect::<Vec<_>>(), [3]);
    assert_eq!(fresh.balance(today).usable_count, 19);
    // On a wallet that already holds the tickets, another wallet's record only adds: its
    // "used" waits for her confirmation.
    let mut other = wallet();
    other.ensure_id([5; 16]);
    let r = other
        .import_set_aside(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.added, r.pending.len()), (0, 1));
    assert_eq!(other.balance(today).usable_count, 20);
    // Her own wallet (same id) takes the state.
    let mut own = wallet();
    own.ensure_id([4; 16]);
    let r = own
        .import_set_aside(&file, &demo::key_set(), VerifyPolicy::DEMO)
        .unwrap();
    assert_eq!((r.advanced, r.pending.len()), (1, 0));
    // Not a set-aside file: refused, nothing changes.
    assert!(matches!(
        Wallet::new().import_set_aside("[]", &demo::key_set(), VerifyPolicy::DEMO),
        Err(WalletError::NotAWallet(_))
    ));
}

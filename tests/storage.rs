//! Golden fixtures (`tests/fixtures/storage/`): data written by earlier versions of the app
//! still loads.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use chrono::{TimeZone, Utc};
use jokatsu::domain::feed::{parse_feed, CachedFeed};
use jokatsu::domain::shared::persist::{load, Loaded, Settings, Theme};
use jokatsu::domain::shared::text::Lang;
use jokatsu::domain::tickets::core::keys::demo;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/storage/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_default()
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

#[test]
fn settings_v1_migrates_to_v2() {
    let raw = fixture("settings-v1.json");
    assert_eq!(
        load::<Settings>(Some(&raw), now()),
        Loaded::Clean(Settings {
            lang: Lang::En,
            theme: Theme::System
        })
    );
}

#[test]
fn settings_v2_loads_as_is() {
    let raw = fixture("settings-v2.json");
    assert_eq!(
        load::<Settings>(Some(&raw), now()),
        Loaded::Clean(Settings {
            lang: Lang::Ja,
            theme: Theme::Dark
        })
    );
}

#[test]
fn cached_feed_v1_loads_and_its_body_parses() {
    let raw = fixture("feed-cache-v1.json");
    let cached = load::<CachedFeed>(Some(&raw), now()).into_value();
    assert_eq!(
        cached.fetched_at,
        Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).single()
    );
    assert!(parse_feed(&cached.body, &demo::root_signing_key().verifying_key()).is_ok());
}

#[test]
fn a_truncated_fixture_is_quarantined_whole() {
    let raw = fixture("settings-v2.json");
    let cut = &raw[..raw.len() / 2];
    match load::<Settings>(Some(cut), now()) {
        Loaded::Unreadable(v, q) => {
            assert_eq!(v, Settings::default());
            assert_eq!(q.raw, cut);
        }
        other => panic!("{other:?}"),
    }
}

/// A wallet saved by version 1 of the app (two demo tickets: one given, one used) loads
/// with every ticket and state.
#[test]
fn wallet_v1_loads_with_states() {
    use jokatsu::domain::tickets::holder::record::WalletRecord;
    use jokatsu::domain::tickets::holder::wallet::EntryState;
    let raw = fixture("wallet-v1.json");
    let loaded = load::<WalletRecord>(Some(&raw), now());
    assert!(matches!(loaded, Loaded::Clean(_)), "{loaded:?}");
    let wallet = loaded.into_value().into_wallet();
    assert_eq!(wallet.len(), 3);
    let states: Vec<&EntryState> = wallet.entries().map(|e| &e.state).collect();
    assert!(matches!(states[0], EntryState::Unused));
    assert!(matches!(states[1], EntryState::Given { to: Some(to), .. } if to == "佐藤さん"));
    assert!(matches!(states[2], EntryState::Used { .. }));
}

#[test]
fn checks_progress_v1_loads_and_resumes_k6_at_the_third_question() {
    use jokatsu::domain::checks::answers::Answer;
    use jokatsu::domain::checks::questionnaire::{ItemId, QuestionnaireId};
    use jokatsu::domain::checks::record::ChecksProgress;
    let raw = fixture("checks-progress-v1.json");
    let Loaded::Clean(progress) = load::<ChecksProgress>(Some(&raw), now()) else {
        panic!("checks-progress-v1.json should load cleanly");
    };
    let k6 = QuestionnaireId::parse("k6").unwrap_or_else(|| panic!("id"));
    let p = progress
        .get(&k6)
        .unwrap_or_else(|| panic!("k6 progress present"));
    assert_eq!(p.current_index, 2);
    let item = ItemId::parse("k6-1").unwrap_or_else(|| panic!("id"));
    assert_eq!(p.answers.get(&item), Some(&Answer::Choice(2)));
    assert_eq!(p.answers.len(), 2);
}

#[test]
fn checks_history_v1_loads_in_time_order() {
    use jokatsu::domain::checks::answers::Urgency;
    use jokatsu::domain::checks::questionnaire::{QuestionnaireId, Theme};
    use jokatsu::domain::checks::record::ChecksHistory;
    let raw = fixture("checks-history-v1.json");
    let Loaded::Clean(stored) = load::<ChecksHistory>(Some(&raw), now()) else {
        panic!("checks-history-v1.json should load cleanly");
    };
    let history = stored.into_history();
    let ids: Vec<&str> = history
        .records()
        .iter()
        .map(|r| r.questionnaire_id.as_str())
        .collect();
    assert_eq!(ids, vec!["fatigue-2023", "k6", "worry-triage"]);
    let k6 = QuestionnaireId::parse("k6").unwrap_or_else(|| panic!("id"));
    let r = history.of(&k6)[0];
    assert_eq!(r.total, Some(11));
    assert_eq!(r.theme, Some(Theme::Health));
    assert_eq!(r.urgency(true), Urgency::Soon);
    assert_eq!(history.series(&k6, None).len(), 1);
}

/// The same wallet saved by version 2 loads the same.
#[test]
fn wallet_v2_loads_like_v1() {
    use jokatsu::domain::tickets::holder::record::WalletRecord;
    let v1 = load::<WalletRecord>(Some(&fixture("wallet-v1.json")), now());
    let v2 = load::<WalletRecord>(Some(&fixture("wallet-v2.json")), now());
    assert!(matches!(v2, Loaded::Clean(_)), "{v2:?}");
    assert_eq!(v1.into_value().into_wallet(), v2.into_value().into_wallet());
}

/// Version 3 (a ticket moved to a new phone) loads; the version-2 fixture, the current
/// format before it, still loads cleanly under version 3 (2 → 3 rewrites nothing) and
/// saves back as version 3 with the same entries.
#[test]
fn wallet_v3_with_a_moved_ticket_loads_and_v2_migrates() {
    use jokatsu::domain::shared::persist::save;
    use jokatsu::domain::tickets::holder::record::WalletRecord;
    use jokatsu::domain::tickets::holder::wallet::{EntryState, EntryStatus};
    let v3 = load::<WalletRecord>(Some(&fixture("wallet-v3-moved.json")), now());
    assert!(matches!(v3, Loaded::Clean(_)), "{v3:?}");
    let wallet = v3.into_value().into_wallet();
    let first = wallet
        .entries()
        .next()
        .map(|e| (e.state.clone(), e.status(now().date_naive())));
    assert!(
        matches!(first, Some((EntryState::Moved { .. }, EntryStatus::Moved))),
        "{first:?}"
    );
    assert_eq!(wallet.len(), 3);
    let v2 = load::<WalletRecord>(Some(&fixture("wallet-v2.json")), now());
    assert!(matches!(v2, Loaded::Clean(_)), "{v2:?}");
    let v2 = v2.into_value();
    let raw = save(&v2, now()).unwrap_or_default();
    assert!(raw.contains(r#""version":3"#), "{raw}");
    assert_eq!(load::<WalletRecord>(Some(&raw), now()).into_value(), v2);
}

/// Version 1 stored "used, reported by feed"; version 2 computes it at read time, so
/// such an entry loads as unused (the holder's own "redeemed" stays used).
#[test]
fn wallet_v1_reported_by_feed_loads_as_unused() {
    use jokatsu::domain::tickets::holder::record::WalletRecord;
    use jokatsu::domain::tickets::holder::wallet::EntryState;
    let raw = fixture("wallet-v1-reported-by-feed.json");
    let loaded = load::<WalletRecord>(Some(&raw), now());
    assert!(matches!(loaded, Loaded::Clean(_)), "{loaded:?}");
    let wallet = loaded.into_value().into_wallet();
    let states: Vec<&EntryState> = wallet.entries().map(|e| &e.state).collect();
    assert_eq!(states.len(), 3);
    assert!(matches!(states[1], EntryState::Given { .. }));
    assert_eq!(states[2], &EntryState::Unused);
}

/// The stored trust data (key list and used data as received) loads and re-verifies.
#[test]
fn trust_v1_loads_and_reverifies() {
    use jokatsu::domain::tickets::core::trust::{Trust, TrustRecord};
    let raw = fixture("trust-v1.json");
    let loaded = load::<TrustRecord>(Some(&raw), now());
    assert!(matches!(loaded, Loaded::Clean(_)), "{loaded:?}");
    let record = loaded.into_value();
    let (trust, notices) = Trust::from_record(&record, &demo::root_signing_key().verifying_key());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(trust.keys(), &demo::key_set());
    assert_eq!(trust.used().len(), 1);
    // A record stored before the used-data floors existed (no `used_floors`) gets the
    // floor of the used data it holds; the signed parts are kept as stored.
    let again = trust.to_record();
    assert_eq!((&again.keys, &again.used), (&record.keys, &record.used));
    assert!(record.used_floors.is_empty());
    assert_eq!(again.used_floors.values().copied().collect::<Vec<_>>(), [1]);
    assert!(again.used_floors.keys().all(|k| k.starts_with("key:")));
}

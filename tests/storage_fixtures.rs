//! Golden fixtures: data written by earlier versions of the app still loads.
use chrono::{TimeZone, Utc};
use jokatsu::domain::feed::{parse_feed, CachedFeed};
use jokatsu::domain::keys::demo;
use jokatsu::domain::persist::{load, Loaded, Settings, Theme};
use jokatsu::domain::text::Lang;

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
    use jokatsu::domain::wallet::EntryState;
    use jokatsu::domain::wallet_record::WalletRecord;
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

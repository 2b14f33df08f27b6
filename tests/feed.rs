//! The demo feed shipped in public/ parses as a complete feed, and its trust rules hold.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use jokatsu::domain::feed::{parse_feed, Feed, FeedError};
use jokatsu::domain::tickets::core::keys::demo;

fn demo_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/feed/feed.json"
    ))
    .unwrap_or_default()
}

fn parse(text: &str) -> Result<Feed, FeedError> {
    parse_feed(text, &demo::root_signing_key().verifying_key())
}

#[test]
fn demo_feed_is_valid_and_marked_demo() {
    let feed = parse(&demo_text());
    assert!(feed.as_ref().is_ok_and(|f| f.meta.demo), "{feed:?}");
}

#[test]
fn demo_feed_has_a_schedule_with_five_weekday_desks() {
    let feed = parse(&demo_text()).ok();
    let schedule = feed.as_ref().and_then(|f| f.sections.schedule.as_ref());
    assert!(schedule.is_some_and(|s| s.themes().len() >= 5));
}

#[test]
fn demo_feed_has_signed_keys_shops_and_used_tickets() {
    use jokatsu::domain::tickets::core::trust::Trust;
    let feed = parse(&demo_text()).unwrap();
    let keys = feed.sections.keys.clone().unwrap().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys, demo::key_set());
    assert!(feed.sections.shops.search("", None, None).len() >= 8);
    let mut trust = Trust::default();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let root = demo::root_signing_key().verifying_key();
    let update = trust.update(&feed.sections, &root, today);
    assert!(update.keys_changed && update.used_changed, "{update:?}");
    assert!(update.notices.is_empty(), "{update:?}");
    assert_eq!(trust.used().len(), 1);
    // The demo keys do not expire for a long time: the demo works in any year.
    assert!(trust
        .warnings(chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap())
        .is_empty());
}

#[test]
fn a_key_list_not_signed_by_the_root_is_refused_and_the_rest_of_the_feed_accepted() {
    use jokatsu::domain::tickets::core::keys::KeyListError;
    let mut value: serde_json::Value = serde_json::from_str(&demo_text()).unwrap_or_default();
    // Replace the root signature by a signature from another key (the issuer's).
    let other = jokatsu::domain::tickets::core::keys::sign_key_list(
        &demo::header(),
        &[demo::issuer_key()],
        &demo::issuer_signing_key(),
    );
    value["keys"]["signature"] =
        serde_json::to_value(other.map(|k| k.signature).unwrap_or_default()).unwrap_or_default();
    let feed = parse(&value.to_string()).unwrap();
    assert_eq!(feed.sections.keys, Some(Err(KeyListError::NotSignedByRoot)));
    assert!(feed.sections.schedule.is_some());
    // And under another root, the genuine demo key list is refused too.
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]).verifying_key();
    let feed = parse_feed(&demo_text(), &stranger).unwrap();
    assert_eq!(feed.sections.keys, Some(Err(KeyListError::NotSignedByRoot)));
}

#[test]
fn a_new_demo_wallet_holds_no_ticket_the_demo_feed_lists_as_used() {
    // Issue 15(a): a brand-new wallet that loads "a demo month" must show all 20 tickets
    // usable, so the demo feed's used data may only settle tickets of past months.
    use jokatsu::domain::tickets::core::ticket::demo_month_for;
    use jokatsu::domain::tickets::core::trust::Trust;
    let feed = parse(&demo_text()).unwrap();
    let root = demo::root_signing_key().verifying_key();
    let mut trust = Trust::default();
    let signed = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    trust.update(&feed.sections, &root, signed);
    assert!(!trust.used().is_empty());
    for offset in 0..48 {
        let today = signed + chrono::Months::new(offset);
        let month = demo_month_for(today).unwrap();
        assert_eq!(month.len(), 20);
        assert!(
            month.iter().all(|t| !trust.used().is_used(t.id())),
            "a demo month of {today} holds a ticket the demo feed lists as used"
        );
    }
}

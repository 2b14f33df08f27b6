//! The demo feed shipped in public/ parses as a complete feed, and its trust rules hold.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use jokatsu::domain::feed::{parse_feed, Feed, FeedError};
use jokatsu::domain::tickets::keys::demo;

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
    let feed = parse(&demo_text()).ok();
    assert!(feed.as_ref().is_some_and(|f| f.sections.keys.len() == 1));
    assert!(feed
        .as_ref()
        .is_some_and(|f| f.sections.shops.search("", None, None).len() >= 8));
    assert!(feed.as_ref().is_some_and(|f| !f.sections.used.is_empty()));
}

#[test]
fn a_feed_whose_key_list_is_not_signed_by_the_root_is_refused() {
    let mut value: serde_json::Value = serde_json::from_str(&demo_text()).unwrap_or_default();
    // Replace the root signature by a signature from another key (the issuer's).
    let other = jokatsu::domain::tickets::keys::sign_key_list(
        &[demo::issuer_key()],
        &demo::issuer_signing_key(),
    );
    value["keys"]["signature"] =
        serde_json::to_value(other.map(|k| k.signature).unwrap_or_default()).unwrap_or_default();
    match parse(&value.to_string()) {
        Err(FeedError::Invalid { path, .. }) => assert_eq!(path, "keys"),
        other => panic!("expected the feed to be refused, got {other:?}"),
    }
    // And under another root, the genuine demo feed is refused too.
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[7u8; 32]).verifying_key();
    assert!(
        matches!(parse_feed(&demo_text(), &stranger), Err(FeedError::Invalid { path, .. }) if path == "keys")
    );
}

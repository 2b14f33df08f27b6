//! The demo feed shipped in public/ parses as a complete feed.
use jokatsu::domain::feed::parse_feed;

#[test]
fn demo_feed_is_valid_and_marked_demo() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/feed/feed.json"
    ))
    .unwrap_or_default();
    let feed = parse_feed(&text);
    assert!(feed.as_ref().is_ok_and(|f| f.meta.demo), "{feed:?}");
}

#[test]
fn demo_feed_has_a_schedule_with_five_weekday_desks() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/feed/feed.json"
    ))
    .unwrap_or_default();
    let feed = parse_feed(&text).ok();
    let schedule = feed.as_ref().and_then(|f| f.sections.schedule.as_ref());
    assert!(schedule.is_some_and(|s| s.themes().len() >= 5));
}

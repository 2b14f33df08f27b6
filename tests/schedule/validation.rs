//! Invalid feed data is rejected at the boundary, and the error says where.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jokatsu::domain::schedule::{Schedule, ScheduleError};
use serde_json::{json, Value};

const DEMO: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/feed-src/schedule.json"
));

fn demo() -> Value {
    serde_json::from_str(DEMO).unwrap_or_else(|e| panic!("demo: {e}"))
}

/// Sets `value` at the JSON pointer (under `/schedule`), or removes the key when `None`.
fn mutate(pointer: &str, value: Option<Value>) -> Value {
    let mut v = demo();
    let full = format!("/schedule{pointer}");
    match value {
        Some(new) => match v.pointer_mut(&full) {
            Some(slot) => *slot = new,
            None => {
                let (parent, key) = full.rsplit_once('/').unwrap_or_else(|| panic!("{full}"));
                match v.pointer_mut(parent).and_then(Value::as_object_mut) {
                    Some(obj) => {
                        obj.insert(key.to_owned(), new);
                    }
                    None => panic!("no parent object at {parent}"),
                }
            }
        },
        None => {
            let (parent, key) = full.rsplit_once('/').unwrap_or_else(|| panic!("{full}"));
            let removed = v
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .and_then(|o| o.remove(key));
            assert!(removed.is_some(), "nothing to remove at {full}");
        }
    }
    v
}

fn error_of(v: &Value) -> String {
    match Schedule::from_feed_json(&v.to_string()) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_demo_feed_is_valid() {
    assert_eq!(error_of(&demo()), "accepted");
}

#[test]
fn invalid_fields_are_rejected_with_their_location() {
    let table: Vec<(&str, Option<Value>, &str)> = vec![
        (
            "/exceptions/0/date",
            Some(json!("2026-13-01")),
            "schedule.exceptions[0].date: not a date",
        ),
        (
            "/exceptions/3/to",
            Some(json!("2027/03/26")),
            "schedule.exceptions[3].to: not a date",
        ),
        (
            "/events/2/date",
            Some(json!("2027-02-29")),
            "schedule.events[2].date: not a date",
        ),
        (
            "/themes/mon/hours/start",
            Some(json!("9:00")),
            "schedule.themes.mon.hours.start: not a time",
        ),
        (
            "/events/0/end",
            Some(json!("25:00")),
            "schedule.events[0].end: not a time",
        ),
        (
            "/themes/tue/hours",
            Some(json!({"start": "16:00", "end": "10:00"})),
            "schedule.themes.tue.hours: the start 16:00 must be before the end 10:00",
        ),
        (
            "/events/1/start",
            Some(json!("15:00")),
            "schedule.events[1]: the start 15:00 must be before the end 15:00",
        ),
        (
            "/events/1/venue",
            Some(json!("nowhere")),
            "schedule.events[1].venue: unknown venue \"nowhere\"",
        ),
        (
            "/themes/fri/venue",
            Some(json!("nowhere")),
            "schedule.themes.fri.venue: unknown venue",
        ),
        (
            "/exceptions/0/venue",
            Some(json!("Tokiwa")),
            "schedule.exceptions[0].venue: unknown venue",
        ),
        (
            "/themes/wed/venue",
            None,
            "schedule.themes.wed.venue: must not be empty",
        ),
        (
            "/events/2/id",
            Some(json!("briefing-2026-12")),
            "schedule.events[2].id: the id \"briefing-2026-12\" is used twice",
        ),
        (
            "/venues/1/id",
            Some(json!("cocode")),
            "schedule.venues[1].id: the id \"cocode\" is used twice",
        ),
        (
            "/events/0/id",
            Some(json!("Briefing 1")),
            "schedule.events[0].id: not a valid id",
        ),
        (
            "/exceptions/2/theme",
            Some(json!("yoga")),
            "schedule.exceptions[2].theme: unknown theme \"yoga\"",
        ),
        (
            "/experts/0/theme",
            Some(json!("yoga")),
            "schedule.experts[0].theme: unknown theme",
        ),
        (
            "/exceptions/1/kind",
            Some(json!("close")),
            "schedule.exceptions[1].kind: unknown value \"close\"",
        ),
        (
            "/exceptions/1/note",
            None,
            "schedule.exceptions[1].note: must not be empty",
        ),
        (
            "/events/0/kind",
            Some(json!("party")),
            "schedule.events[0].kind: unknown value",
        ),
        (
            "/themes/thu/mode",
            Some(json!("hybrid")),
            "schedule.themes.thu.mode: unknown value",
        ),
        (
            "/rules/substitute",
            Some(json!("previous_day")),
            "schedule.rules.substitute: unknown value",
        ),
        (
            "/venues/0/map_url",
            Some(json!("http://example.jp/")),
            "schedule.venues[0].map_url: must be an https:// link",
        ),
        (
            "/page_url",
            Some(json!("javascript:alert(1)")),
            "schedule.page_url: must be an https:// link",
        ),
        (
            "/experts/2/photo",
            Some(json!("https://evil.example/x.png")),
            "schedule.experts[2].photo: must be a relative path",
        ),
        (
            "/experts/2/photo",
            Some(json!("../secret.png")),
            "schedule.experts[2].photo: must be a relative path",
        ),
        (
            "/booking/phone",
            Some(json!("call me")),
            "schedule.booking.phone: not a phone number",
        ),
        (
            "/events/0/title/ja",
            Some(json!(" ")),
            "schedule.events[0].title.ja: must not be empty",
        ),
        (
            "/events/0/title/ja",
            Some(json!("あ".repeat(101))),
            "schedule.events[0].title.ja: too long (101 characters, at most 100)",
        ),
        (
            "/version",
            Some(json!(2)),
            "schedule.version: this app reads schedule version 1, the feed has 2",
        ),
        (
            "/evening_desk/weekdays",
            Some(json!(["wed", "wednesday"])),
            "schedule.evening_desk.weekdays[1]: not a weekday",
        ),
        (
            "/evening_desk/weekdays",
            Some(json!(["wed", "wed"])),
            "schedule.evening_desk.weekdays[1]: the weekday is listed twice",
        ),
        (
            "/themes/tue/id",
            Some(json!("career")),
            "schedule.themes.tue.id: the id \"career\" is used twice",
        ),
        (
            "/themes/wed/experts",
            Some(json!([])),
            "schedule.themes.wed.experts: must not be empty",
        ),
        (
            "/exceptions/3/to",
            Some(json!("2027-03-25")),
            "schedule.exceptions[3].to: the new date is the same as the old one",
        ),
        (
            "/exceptions/0/date",
            Some(json!("2027-02-19")),
            "schedule.exceptions[1].date: conflicts with an earlier exception on the same date",
        ),
        (
            "/exceptions/3/date",
            Some(json!("2027-03-27")),
            "schedule.exceptions[3].date: no desk is scheduled on this weekday",
        ),
    ];
    for (pointer, value, want) in table {
        let got = error_of(&mutate(pointer, value));
        assert!(
            got.starts_with(want),
            "{pointer}: got {got:?}, want {want:?}…"
        );
    }
}

#[test]
fn a_misspelt_weekday_key_is_rejected() {
    let mut v = demo();
    if let Some(themes) = v
        .pointer_mut("/schedule/themes")
        .and_then(Value::as_object_mut)
    {
        if let Some(mon) = themes.remove("mon") {
            themes.insert("monday".into(), mon);
        }
    }
    assert_eq!(
        error_of(&v),
        "schedule.themes: not a weekday (expected mon, tue, wed, thu, fri, sat or sun): \"monday\""
    );
}

#[test]
fn a_session_cannot_be_moved_to_a_closed_day() {
    let v = mutate("/exceptions/3/to", Some(json!("2027-02-19")));
    assert!(error_of(&v).contains("the session is moved to a day that is closed"));
}

#[test]
fn too_many_events_are_rejected() {
    let event = demo()["schedule"]["events"][0].clone();
    let many: Vec<Value> = (0..501)
        .map(|i| {
            let mut e = event.clone();
            e["id"] = json!(format!("e{i}"));
            e
        })
        .collect();
    let v = mutate("/events", Some(Value::Array(many)));
    assert_eq!(
        error_of(&v),
        "schedule.events: too many entries (501, at most 500)"
    );
}

#[test]
fn json_that_is_not_a_schedule_is_rejected() {
    let table = ["", "<!DOCTYPE html><html>", "{\"schedule\": 3}", "{}"];
    for text in table {
        let err = Schedule::from_feed_json(text).err();
        assert!(
            matches!(err, Some(ScheduleError::Json(_))),
            "{text:?}: {err:?}"
        );
    }
}

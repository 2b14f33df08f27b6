//! `.ics` output read back by an independent parser (Python's `icalendar`, via
//! tests/schedule/ics_check.py). Skipped with a message only if python3 or the package is
//! missing, unless `JOKATSU_REQUIRE_ICS_CHECK=1` (set it in CI) makes that a failure.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use jokatsu::domain::schedule::ics::{self, CalendarEntry};
use jokatsu::domain::schedule::Schedule;
use jokatsu::domain::shared::text::Lang;
use serde_json::{json, Value};

const RULES_FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/schedule_rules.json"
));
const TRICKY_TITLE: &str = "説明会, 第1回; テスト";
const TRICKY_DESCRIPTION: &str = "1行目\n2行目, カンマ; セミコロン \\ バックスラッシュ\n\
    更年期の不調や働き方の悩みを、保健師・助産師・看護師のセンセーに気軽に相談できる説明会です。絵文字も😀通ります。";

fn schedule() -> Schedule {
    let mut v: Value = serde_json::from_str(RULES_FIXTURE).unwrap_or_else(|e| panic!("{e}"));
    v["schedule"]["page_url"] = json!("https://www.city.asahikawa.hokkaido.jp/");
    v["schedule"]["events"] = json!([{
        "id": "tricky-1", "kind": "briefing", "date": "2026-01-17", "start": "14:00", "end": "15:30",
        "venue": "cocode",
        "title": { "ja": TRICKY_TITLE },
        "description": { "ja": TRICKY_DESCRIPTION },
        "capacity": 30
    }]);
    Schedule::from_feed_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

fn stamp() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 12, 24, 3, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("stamp"))
}

/// Runs the Python checker; `None` when it cannot run here (and that is allowed).
fn check(ics_text: &str, name: &str) -> Option<Value> {
    let required = std::env::var("JOKATSU_REQUIRE_ICS_CHECK").is_ok_and(|v| v == "1");
    let dir = std::env::temp_dir().join(format!("jokatsu-ics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, ics_text).unwrap_or_else(|e| panic!("{e}"));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schedule/ics_check.py");
    let output = match Command::new("python3").arg(script).arg(&path).output() {
        Ok(o) => o,
        Err(e) => {
            assert!(!required, "python3 is required: {e}");
            println!("SKIPPED: python3 not available ({e})");
            return None;
        }
    };
    if output.status.code() == Some(3) {
        assert!(!required, "the icalendar package is required");
        println!("SKIPPED: {}", String::from_utf8_lossy(&output.stderr));
        return None;
    }
    assert!(
        output.status.success(),
        "ics_check.py rejected the calendar: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("checker output: {e}")))
}

fn iso(dt: chrono::NaiveDateTime) -> String {
    dt.format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[test]
fn a_month_of_sessions_and_events_parses_back_identically() {
    let s = schedule();
    let entries: Vec<CalendarEntry> =
        ics::entries_for_months(&s, 2026, 1, 1, Lang::Ja).unwrap_or_else(|| panic!("entries"));
    let text = ics::months_ics(&s, 2026, 1, 1, Lang::Ja, stamp()).unwrap_or_else(|| panic!("ics"));
    let Some(parsed) = check(&text, "month.ics") else {
        return;
    };
    assert_eq!(parsed["prodid"], ics::PRODID);
    assert_eq!(parsed["version"], "2.0");
    assert_eq!(parsed["calscale"], "GREGORIAN");
    assert_eq!(
        parsed["timezones"],
        json!([{ "tzid": "Asia/Tokyo", "standard": [{ "from": "+0900", "to": "+0900", "name": "JST" }] }])
    );
    let events = parsed["events"].as_array().cloned().unwrap_or_default();
    // January 2026: 1/1–1/3 closed, 1/12 成人の日; 19 weekday desks + 4 evening desks
    // (Wed 7, 14, 21, 28) + the substitute on 1/13 + 1 event.
    assert_eq!(entries.len(), 19 + 4 + 1 + 1);
    assert_eq!(events.len(), entries.len());
    for (got, want) in events.iter().zip(&entries) {
        assert_eq!(got["uid"], want.uid.as_str());
        assert_eq!(got["start"], iso(want.start).as_str(), "{}", want.uid);
        assert_eq!(got["end"], iso(want.end).as_str(), "{}", want.uid);
        assert_eq!(got["start_tzid"], "Asia/Tokyo");
        assert_eq!(got["end_tzid"], "Asia/Tokyo");
        assert_eq!(got["start_utc_offset"], 9.0 * 3600.0, "{}", want.uid);
        assert_eq!(got["stamp"], "2025-12-24T03:00:00+00:00");
        assert_eq!(got["summary"], want.summary.as_str());
        assert_eq!(got["location"], want.location.as_str());
        assert_eq!(got["description"], want.description.as_str());
        assert_eq!(got["url"], json!(want.url));
    }
    let uid = |u: &str| events.iter().find(|e| e["uid"] == u).cloned();
    let substitute = uid("opening-2026-01-13-career@jokatsu.asahikawa")
        .unwrap_or_else(|| panic!("no substitute opening"));
    assert!(substitute["summary"]
        .as_str()
        .is_some_and(|s| s.contains("祝日振替")));
    assert!(uid("opening-2026-01-12-career@jokatsu.asahikawa").is_none());
    let event = uid("event-tricky-1@jokatsu.asahikawa").unwrap_or_else(|| panic!("no event"));
    assert_eq!(event["summary"], format!("事業説明会：{TRICKY_TITLE}"));
    assert!(event["description"]
        .as_str()
        .is_some_and(|d| d.starts_with(TRICKY_DESCRIPTION)));
    assert_eq!(event["start"], "2026-01-17T14:00:00");
    // The description is long enough to be folded over several lines.
    assert!(text.contains("\r\n "));
}

#[test]
fn a_single_opening_and_a_single_event_parse_back() {
    let s = schedule();
    let date = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_else(|| panic!("date"));
    let plan = s.day(date);
    let session = plan
        .sessions()
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("open"));
    let one = ics::session_ics(&session, Lang::En, stamp());
    if let Some(parsed) = check(&one, "one.ics") {
        assert_eq!(
            parsed["events"][0]["uid"],
            "opening-2026-12-02-health@jokatsu.asahikawa"
        );
        assert_eq!(parsed["events"][0]["start"], "2026-12-02T10:00:00");
        assert_eq!(parsed["events"][0]["end"], "2026-12-02T16:00:00");
        assert_eq!(parsed["events"].as_array().map(Vec::len), Some(1));
        assert_eq!(
            parsed["events"][0]["alarms"],
            json!([]),
            "no reminder unless asked"
        );
    }
    // The optional reminder: a DISPLAY alarm an hour before the desk opens.
    let reminded = ics::session_ics_with_reminder(&session, Lang::Ja, stamp());
    assert!(reminded.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT60M\r\n"));
    if let Some(parsed) = check(&reminded, "reminded.ics") {
        assert_eq!(parsed["events"][0]["start"], "2026-12-02T10:00:00");
        assert_eq!(parsed["events"][0]["alarms"][0]["action"], "DISPLAY");
        assert_eq!(parsed["events"][0]["alarms"][0]["trigger_minutes"], -60.0);
        assert_eq!(
            parsed["events"][0]["alarms"][0]["description"],
            parsed["events"][0]["summary"]
        );
    }
    let event = s.event("tricky-1").unwrap_or_else(|| panic!("event"));
    let ev = ics::event_ics(&s, event, Lang::Ja, stamp());
    if let Some(parsed) = check(&ev, "event.ics") {
        assert_eq!(
            parsed["events"][0]["uid"],
            "event-tricky-1@jokatsu.asahikawa"
        );
        assert_eq!(
            parsed["events"][0]["url"],
            "https://www.city.asahikawa.hokkaido.jp/"
        );
        assert_eq!(
            parsed["events"][0]["location"],
            "CoCoDe 旭川市宮前1条3丁目3番30号"
        );
    }
}

#[test]
fn uids_are_stable_and_unique_across_publications() {
    let s = schedule();
    let a = ics::entries_for_months(&s, 2026, 4, 3, Lang::Ja).unwrap_or_default();
    let b = ics::entries_for_months(&s, 2026, 5, 1, Lang::Ja).unwrap_or_default();
    let mut uids: Vec<&str> = a.iter().map(|e| e.uid.as_str()).collect();
    let before = uids.len();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), before, "duplicate UIDs");
    for entry in &b {
        assert!(
            a.iter().any(|x| x == entry),
            "{} differs between publications",
            entry.uid
        );
    }
}

#[test]
fn google_calendar_link_for_a_session() {
    let s = schedule();
    let date = NaiveDate::from_ymd_opt(2026, 1, 13).unwrap_or_else(|| panic!("date"));
    let plan = s.day(date);
    let sub = plan
        .sessions()
        .iter()
        .find(|x| x.theme.as_ref().is_some_and(|t| t.as_str() == "career"))
        .unwrap_or_else(|| panic!("substitute"));
    let url = CalendarEntry::from_session(sub, Lang::Ja).google_calendar_url();
    assert!(url.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE&text="));
    assert!(url.contains("&dates=20260113T100000/20260113T160000&ctz=Asia%2FTokyo&details="));
    // 「祝日振替」 percent-encoded as UTF-8.
    assert!(url.contains("%E7%A5%9D%E6%97%A5%E6%8C%AF%E6%9B%BF"));
    assert!(!url.contains(' ') && !url.contains('\n'));
}

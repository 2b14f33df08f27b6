//! Help lines: the demo entries, and malformed entries rejected with their id and field
//! while the others load.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::fragment;
use jokatsu::domain::checks::helplines::load_help_lines;
use serde_json::{json, Value};

#[test]
fn demo_help_lines_have_dialable_numbers_and_mark_the_samples() {
    let lines = fragment().help_lines;
    // (id, tel href, url, demo)
    let want: [(&str, Option<&str>, Option<&str>, bool); 7] = [
        (
            "kokoro-mimi",
            None,
            Some("https://kokoro.mhlw.go.jp/"),
            false,
        ),
        (
            "dv-soudan-plus",
            Some("tel:0120279889"),
            Some("https://soudanplus.jp/"),
            false,
        ),
        ("yorisoi", Some("tel:0120279338"), None, false),
        (
            "inochi-no-denwa",
            Some("tel:0570783556"),
            Some("https://www.inochinodenwa.org/"),
            false,
        ),
        ("kokoro-no-kenko-dial", Some("tel:0570064556"), None, false),
        ("asahikawa-women-desk", Some("tel:0166000000"), None, true),
        ("asahikawa-career-room", Some("tel:0166000001"), None, true),
    ];
    assert_eq!(lines.len(), want.len());
    for (line, (id, tel, url, demo)) in lines.iter().zip(want) {
        assert_eq!(line.id, id);
        assert_eq!(
            line.phone.as_ref().map(|p| p.tel_href()).as_deref(),
            tel,
            "{id}"
        );
        assert_eq!(line.url.as_deref(), url, "{id}");
        assert_eq!(line.demo, demo, "{id}");
        if demo {
            assert!(line.name.ja.contains("見本"), "{id}");
            assert!(
                line.note.as_ref().is_some_and(|n| n.ja.contains("見本")),
                "{id}"
            );
        }
    }
    assert!(lines[1].hours.ja.contains("24時間"));
    assert!(lines[2].hours.ja.contains("24時間"));
}

fn line(id: &str) -> Value {
    json!({"id": id, "name": {"ja": "窓口"}, "phone": "0120-000-000",
           "hours": {"ja": "平日"}, "description": {"ja": "説明"}})
}

fn with(mut v: Value, edit: impl FnOnce(&mut Value)) -> Value {
    edit(&mut v);
    v
}

#[test]
fn malformed_help_lines_are_rejected_with_their_location() {
    let entries = vec![
        line("good-1"),
        with(line("bad-phone"), |v| v["phone"] = json!("tel:abc")),
        with(line("bad-url"), |v| v["url"] = json!("http://example.jp/")),
        with(line("no-contact"), |v| {
            v.as_object_mut().map(|o| o.remove("phone"));
        }),
        with(line("empty-name"), |v| v["name"] = json!({"ja": ""})),
        with(line("x"), |v| {
            v.as_object_mut().map(|o| o.remove("id"));
        }),
        with(line("typo"), |v| v["houres"] = json!("24h")),
        line("good-1"),
        line("good-2"),
    ];
    let (good, errors) = load_help_lines(entries);
    let ids: Vec<&str> = good.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["good-1", "good-2"]);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let want_prefixes = [
        r#"help line "bad-phone": phone "tel:abc" is not a phone number"#,
        r#"help line "bad-url": url "http://example.jp/" must start with https://"#,
        r#"help line "no-contact": needs a phone number or a url"#,
        r#"help line "empty-name": name is empty"#,
        r##"help line "#6": not a valid entry: missing field `id`"##,
        r#"help line "typo": not a valid entry: unknown field `houres`"#,
        r#"help line "good-1": an entry with this id was already loaded"#,
    ];
    assert_eq!(messages.len(), want_prefixes.len(), "{messages:#?}");
    for (m, want) in messages.iter().zip(want_prefixes) {
        assert!(m.starts_with(want), "{m}\n  expected to start with {want}");
    }
}

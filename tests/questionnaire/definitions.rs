//! Definition rules: a malformed definition is rejected with a message naming the
//! questionnaire and the place inside it, and the other definitions still load.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jokatsu::domain::checks::questionnaire::{
    load_all, DefinitionProblem, Location, Questionnaire,
};
use serde_json::{json, Value};

/// A valid scored definition: items a, b (0/2) and c (reverse, 0/1/2); total 0–6;
/// subscale ab = a + b (0–4); bands total 0–2 / 3–6.
fn base() -> Value {
    let yn =
        json!([{"label": {"ja": "いいえ"}, "score": 0}, {"label": {"ja": "はい"}, "score": 2}]);
    json!({
        "id": "base", "version": 1, "kind": "scored",
        "title": {"ja": "基本", "en": "Base"},
        "source": {"ja": "テスト"}, "licence": {"ja": "テスト"},
        "items": [
            {"id": "a", "text": {"ja": "A"}, "options": yn},
            {"id": "b", "text": {"ja": "B"}, "options": yn},
            {"id": "c", "text": {"ja": "C"}, "reverse": true, "options": [
                {"label": {"ja": "0"}, "score": 0},
                {"label": {"ja": "1"}, "score": 1},
                {"label": {"ja": "2"}, "score": 2}
            ]}
        ],
        "subscales": [{"id": "ab", "title": {"ja": "AB"}, "items": ["a", "b"]}],
        "bands": [
            {"key": "low", "min": 0, "max": 2, "level": "info",
             "label": {"ja": "低"}, "explanation": {"ja": "低い"}},
            {"key": "high", "min": 3, "max": 6, "level": "moderate", "theme": "health",
             "label": {"ja": "高"}, "explanation": {"ja": "高い"}}
        ]
    })
}

fn triage_base() -> Value {
    json!({
        "id": "tri", "version": 1, "kind": "triage",
        "title": {"ja": "振り分け"}, "source": {"ja": "テスト"}, "licence": {"ja": "テスト"},
        "items": [
            {"id": "q1", "text": {"ja": "Q1"}, "options": [
                {"label": {"ja": "仕事"}, "votes": {"career": 2}},
                {"label": {"ja": "健康"}, "votes": {"health": 2}}
            ]}
        ]
    })
}

fn with(mut v: Value, edit: impl FnOnce(&mut Value)) -> Value {
    edit(&mut v);
    v
}

fn error_of(v: Value) -> String {
    match Questionnaire::try_from(v) {
        Ok(q) => panic!("{} should have been rejected", q.id()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_base_definitions_are_valid() {
    let q = crate::support::parse(base());
    assert_eq!(q.total_range(), Some((0, 6)));
    crate::support::parse(triage_base());
}

#[test]
fn malformed_definitions_are_rejected_with_their_location() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "missing score",
            with(base(), |v| {
                v["items"][1]["options"][1]
                    .as_object_mut()
                    .map(|o| o.remove("score"));
            }),
            r#"questionnaire "base" item "b" option 2: score missing"#,
        ),
        (
            "overlapping bands",
            with(base(), |v| v["bands"][1]["min"] = json!(2)),
            r#"questionnaire "base" band "high": overlaps band "low" on scale "total""#,
        ),
        (
            "band gap",
            with(base(), |v| v["bands"][1]["min"] = json!(4)),
            r#"questionnaire "base" band "high": gap on scale "total": scores 3–3 fall in no band"#,
        ),
        (
            "bands do not cover the possible range",
            with(base(), |v| v["bands"][1]["max"] = json!(5)),
            r#"questionnaire "base": scale "total" can score 0–6 but its bands cover only 0–5"#,
        ),
        (
            "inverted band",
            with(base(), |v| {
                v["bands"][1]["min"] = json!(6);
                v["bands"][1]["max"] = json!(3);
            }),
            r#"questionnaire "base" band "high": min 6 is greater than max 3"#,
        ),
        (
            "unknown item in subscale",
            with(base(), |v| v["subscales"][0]["items"][1] = json!("z")),
            r#"questionnaire "base" subscale "ab": unknown item "z""#,
        ),
        (
            "item listed twice in a subscale",
            with(base(), |v| v["subscales"][0]["items"][1] = json!("a")),
            r#"questionnaire "base" subscale "ab": item "a" is listed twice"#,
        ),
        (
            "duplicate item id",
            with(base(), |v| v["items"][1]["id"] = json!("a")),
            r#"questionnaire "base" item "a": duplicate item id"#,
        ),
        (
            "reverse text item",
            with(base(), |v| {
                v["items"][2] = json!({"id": "c", "type": "text", "reverse": true,
                                       "text": {"ja": "C"}});
            }),
            r#"questionnaire "base" item "c": reverse-scored item needs options with numeric scores"#,
        ),
        (
            "reverse item without numeric options (triage)",
            with(triage_base(), |v| v["items"][0]["reverse"] = json!(true)),
            r#"questionnaire "tri" item "q1": reverse-scored item needs options with numeric scores"#,
        ),
        (
            "unknown theme on a band",
            with(base(), |v| v["bands"][0]["theme"] = json!("saturday")),
            r#"questionnaire "base" band "low": unknown theme "saturday" (expected career, communication, health, time-money or business)"#,
        ),
        (
            "unknown theme in a vote",
            with(triage_base(), |v| {
                v["items"][0]["options"][1]["votes"] = json!({"sat": 1})
            }),
            r#"questionnaire "tri" item "q1" option 2: unknown theme "sat" (expected career, communication, health, time-money or business)"#,
        ),
        (
            "unknown level",
            with(base(), |v| v["bands"][0]["level"] = json!("severe")),
            r#"questionnaire "base" band "low": unknown level "severe" (expected info, mild, moderate or high)"#,
        ),
        (
            "unknown scale",
            with(base(), |v| v["bands"][0]["scale"] = json!("xyz")),
            r#"questionnaire "base" band "low": unknown scale "xyz" (expected total or a subscale id)"#,
        ),
        (
            "unknown kind",
            with(base(), |v| v["kind"] = json!("quiz")),
            r#"questionnaire "base": unknown kind "quiz" (expected scored, triage, reflection or checklist)"#,
        ),
        (
            "empty title",
            with(base(), |v| v["title"] = json!({"ja": " "})),
            r#"questionnaire "base": title is empty"#,
        ),
        (
            "a scored questionnaire without bands",
            with(base(), |v| v["bands"] = json!([])),
            r#"questionnaire "base": a scored questionnaire needs bands or a matrix"#,
        ),
        (
            "an item with one option",
            with(base(), |v| {
                if let Some(a) = v["items"][0]["options"].as_array_mut() {
                    a.truncate(1);
                }
            }),
            r#"questionnaire "base" item "a": needs 2–12 options, has 1"#,
        ),
        (
            "votes outside triage",
            with(base(), |v| {
                v["items"][0]["options"][0]["votes"] = json!({"career": 1})
            }),
            r#"questionnaire "base" item "a" option 1: theme votes are only used in triage questionnaires"#,
        ),
        (
            "vote weight zero",
            with(triage_base(), |v| {
                v["items"][0]["options"][0]["votes"] = json!({"career": 0})
            }),
            r#"questionnaire "tri" item "q1" option 1: vote weight for "career" must be 1–10"#,
        ),
        (
            "triage without any vote",
            with(triage_base(), |v| {
                v["items"][0]["options"] = json!([{"label": {"ja": "x"}}, {"label": {"ja": "y"}}]);
            }),
            r#"questionnaire "tri": a triage questionnaire needs at least one option with theme votes"#,
        ),
        (
            "reflection without default theme",
            json!({"id": "refl", "version": 1, "kind": "reflection",
                   "title": {"ja": "ふりかえり"}, "source": {"ja": "s"}, "licence": {"ja": "l"},
                   "items": [{"id": "t", "type": "text", "text": {"ja": "書いて"}}]}),
            r#"questionnaire "refl": a reflection questionnaire needs a default_theme"#,
        ),
        (
            "bad item id",
            with(base(), |v| v["items"][0]["id"] = json!("A 1")),
            r#"questionnaire "base" item "A 1": id "A 1" must be 1–40 characters of a-z, 0-9, - or _"#,
        ),
        (
            "version zero",
            with(base(), |v| v["version"] = json!(0)),
            r#"questionnaire "base": version must be 1 or more"#,
        ),
    ];
    for (what, def, want) in cases {
        assert_eq!(error_of(def), want, "{what}");
    }
}

#[test]
fn serde_level_problems_still_name_the_item() {
    // (edit, location, fragment of the serde message)
    let cases: Vec<(Value, Location, &str)> = vec![
        (
            with(base(), |v| {
                v["items"][1]["options"][0]["score"] = json!("three")
            }),
            Location::Item("b".into()),
            "invalid type",
        ),
        (
            with(base(), |v| v["items"][2]["revers"] = json!(true)),
            Location::Item("c".into()),
            "unknown field `revers`",
        ),
        (
            with(base(), |v| {
                v.as_object_mut().map(|o| o.remove("licence"));
            }),
            Location::Questionnaire,
            "missing field `licence`",
        ),
        (
            with(base(), |v| v["bands"][0]["min"] = json!("zero")),
            Location::Band("low".into()),
            "invalid type",
        ),
    ];
    for (def, location, fragment) in cases {
        let err = Questionnaire::try_from(def).err();
        let err = err.unwrap_or_else(|| panic!("{fragment}: should be rejected"));
        assert_eq!(err.questionnaire, "base");
        assert_eq!(err.location, location, "{err}");
        assert!(
            matches!(&err.problem, DefinitionProblem::Malformed(m) if m.contains(fragment)),
            "{err}"
        );
    }
}

#[test]
fn matrix_shape_must_follow_the_bands() {
    let matrix = |cells: Value| {
        with(base(), |v| {
            if let Some(b) = v["bands"].as_array_mut() {
                b.push(
                    json!({"key": "ab-low", "scale": "ab", "min": 0, "max": 1, "level": "info",
                              "label": {"ja": "l"}, "explanation": {"ja": "l"}}),
                );
                b.push(
                    json!({"key": "ab-high", "scale": "ab", "min": 2, "max": 4, "level": "mild",
                              "label": {"ja": "h"}, "explanation": {"ja": "h"}}),
                );
            }
            v["matrix"] = json!({
                "title": {"ja": "表"}, "rows": "total", "columns": "ab", "cells": cells,
                "results": [
                    {"key": "ok", "level": "info", "label": {"ja": "ok"}, "explanation": {"ja": "ok"}},
                    {"key": "bad", "level": "high", "label": {"ja": "bad"}, "explanation": {"ja": "bad"}}
                ]
            });
        })
    };
    crate::support::parse(matrix(json!([["ok", "ok"], ["ok", "bad"]])));
    let cases = [
        (
            json!([["ok", "ok"]]),
            r#"questionnaire "base" matrix: expected 2 rows (one per band of "total"), found 1"#,
        ),
        (
            json!([["ok", "ok"], ["ok"]]),
            r#"questionnaire "base" matrix: row 2: expected 2 cells (one per band of "ab"), found 1"#,
        ),
        (
            json!([["ok", "ok"], ["ok", "worse"]]),
            r#"questionnaire "base" matrix: unknown result key "worse""#,
        ),
    ];
    for (cells, want) in cases {
        assert_eq!(error_of(matrix(cells)), want);
    }
}

#[test]
fn one_bad_definition_does_not_stop_the_others() {
    let good2 = with(base(), |v| v["id"] = json!("second"));
    let missing_score = with(base(), |v| {
        v["id"] = json!("k6");
        v["items"][2]["options"][1]
            .as_object_mut()
            .map(|o| o.remove("score"));
    });
    let overlap = with(base(), |v| {
        v["id"] = json!("third");
        v["bands"][1]["min"] = json!(1);
    });
    let no_id = with(base(), |v| {
        v.as_object_mut().map(|o| o.remove("id"));
    });
    let duplicate = base();
    let (good, errors) = load_all(&[
        base(),
        missing_score,
        good2,
        overlap,
        no_id,
        duplicate,
        json!("not even an object"),
    ]);
    let ids: Vec<&str> = good.iter().map(|q| q.id().as_str()).collect();
    assert_eq!(ids, ["base", "second"]);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 5);
    assert_eq!(
        messages[0],
        r#"questionnaire "k6" item "c" option 2: score missing"#
    );
    assert_eq!(
        messages[1],
        r#"questionnaire "third" band "high": overlaps band "low" on scale "total""#
    );
    assert!(
        messages[2]
            .starts_with(r##"questionnaire "#5": not a valid definition: missing field `id`"##),
        "{}",
        messages[2]
    );
    assert_eq!(
        messages[3],
        r#"questionnaire "base": a questionnaire with this id was already loaded"#
    );
    assert!(messages[4].starts_with(r##"questionnaire "#7": not a valid definition"##));
}

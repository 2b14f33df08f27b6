//! Scoring rules on synthetic definitions: reverse items, optional items, subscales,
//! recommendation precedence, answer checks.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::{choices, id, parse};
use jokatsu::domain::checks::answers::{Answer, Answers};
use jokatsu::domain::checks::questionnaire::{Level, Questionnaire, ScoreError, Theme};
use serde_json::json;

/// Scale 0–3. r1 normal, r2 reverse, r3 optional, r4 optional + reverse, t1 optional text.
/// Subscale rev = r2 + r4. Total 0–12: 0–4 info / 5–8 mild (career) / 9–12 high (health).
/// rev: 0–2 info / 3–6 moderate (communication).
fn synthetic() -> Questionnaire {
    parse(json!({
        "id": "synthetic", "version": 3, "kind": "scored",
        "title": {"ja": "合成"}, "source": {"ja": "テスト"}, "licence": {"ja": "テスト"},
        "scale": [
            {"label": {"ja": "0"}, "score": 0}, {"label": {"ja": "1"}, "score": 1},
            {"label": {"ja": "2"}, "score": 2}, {"label": {"ja": "3"}, "score": 3}
        ],
        "items": [
            {"id": "r1", "text": {"ja": "ふつう"}},
            {"id": "r2", "text": {"ja": "逆転"}, "reverse": true},
            {"id": "r3", "text": {"ja": "任意"}, "optional": true},
            {"id": "r4", "text": {"ja": "任意・逆転"}, "optional": true, "reverse": true},
            {"id": "t1", "type": "text", "text": {"ja": "自由記述"}, "optional": true}
        ],
        "subscales": [{"id": "rev", "title": {"ja": "逆転"}, "items": ["r2", "r4"]}],
        "bands": [
            {"key": "t-low", "min": 0, "max": 4, "level": "info",
             "label": {"ja": "低"}, "explanation": {"ja": "低"}},
            {"key": "t-mid", "min": 5, "max": 8, "level": "mild", "theme": "career",
             "label": {"ja": "中"}, "explanation": {"ja": "中"}},
            {"key": "t-high", "min": 9, "max": 12, "level": "high", "theme": "health",
             "label": {"ja": "高"}, "explanation": {"ja": "高"}},
            {"key": "rev-low", "scale": "rev", "min": 0, "max": 2, "level": "info",
             "label": {"ja": "低"}, "explanation": {"ja": "低"}},
            {"key": "rev-high", "scale": "rev", "min": 3, "max": 6, "level": "moderate",
             "theme": "communication", "label": {"ja": "高"}, "explanation": {"ja": "高"}}
        ]
    }))
}

#[test]
fn reverse_items_score_max_plus_min_minus_raw() {
    let q = synthetic();
    // r2 is reverse on 0–3: raw 0 → 3, 1 → 2, 2 → 1, 3 → 0.
    for (raw, want) in [(0, 3), (1, 2), (2, 1), (3, 0)] {
        let o = q.score(&choices(&[("r1", 0), ("r2", raw)]));
        assert_eq!(o.map(|o| o.total), Ok(Some(want)), "raw {raw}");
    }
}

#[test]
fn reverse_items_with_a_nonzero_minimum() {
    let scale: Vec<_> = [1, 2, 3, 4, 5]
        .iter()
        .map(|s| json!({"label": {"ja": s.to_string()}, "score": s}))
        .collect();
    let q = parse(json!({
        "id": "likert", "version": 1, "kind": "scored",
        "title": {"ja": "5件法"}, "source": {"ja": "テスト"}, "licence": {"ja": "テスト"},
        "scale": scale,
        "items": [{"id": "x", "text": {"ja": "x"}, "reverse": true}],
        "bands": [{"key": "all", "min": 1, "max": 5, "level": "info",
                   "label": {"ja": "-"}, "explanation": {"ja": "-"}}]
    }));
    // 5 + 1 − raw
    for (index, want) in [(0, 5), (1, 4), (2, 3), (3, 2), (4, 1)] {
        let o = q.score(&choices(&[("x", index)]));
        assert_eq!(o.map(|o| o.total), Ok(Some(want)), "option {index}");
    }
}

/// (answers, total, rev, total band, theme, urgent, skipped)
type OptionalCase = (
    Answers,
    i32,
    i32,
    &'static str,
    Option<Theme>,
    bool,
    Vec<&'static str>,
);

#[test]
fn optional_items_are_excluded_not_prorated_and_reported() {
    let q = synthetic();
    assert_eq!(q.total_range(), Some((0, 12)));
    // (answers, total, rev, total band, theme, urgent, skipped)
    let cases: Vec<OptionalCase> = vec![
        // r1 0, r2 raw 0 → 3; r3, r4, t1 skipped. total 3 (low, no theme) →
        // subscale rev 3 (moderate) gives communication.
        (
            choices(&[("r1", 0), ("r2", 0)]),
            3,
            3,
            "t-low",
            Some(Theme::Communication),
            false,
            vec!["r3", "r4", "t1"],
        ),
        // r1 3, r2 raw 3 → 0, r3 2, r4 raw 3 → 0: total 5 (mid) → career wins over rev.
        (
            choices(&[("r1", 3), ("r2", 3), ("r3", 2), ("r4", 3)]),
            5,
            0,
            "t-mid",
            Some(Theme::Career),
            false,
            vec!["t1"],
        ),
        // r1 3, r2 raw 0 → 3, r3 3, r4 raw 0 → 3: total 12 (high) → health, urgent.
        (
            choices(&[("r1", 3), ("r2", 0), ("r3", 3), ("r4", 0)])
                .with(id("t1"), Answer::Text("メモ".into())),
            12,
            6,
            "t-high",
            Some(Theme::Health),
            true,
            vec![],
        ),
        // Blank text counts as unanswered.
        (
            choices(&[("r1", 1), ("r2", 2), ("r3", 1)]).with(id("t1"), Answer::Text("  ".into())),
            3,
            1,
            "t-low",
            None,
            false,
            vec!["r4", "t1"],
        ),
    ];
    for (answers, total, rev, band, theme, urgent, skipped) in cases {
        let o = q
            .score(&answers)
            .unwrap_or_else(|e| panic!("{answers:?}: {e}"));
        assert_eq!(o.total, Some(total), "{answers:?}");
        assert_eq!(o.subscales[0].score, rev, "{answers:?}");
        assert_eq!(o.total_band().map(|b| b.key.as_str()), Some(band));
        assert_eq!(o.theme, theme, "{answers:?}");
        assert_eq!(o.flags.urgent, urgent);
        assert_eq!(
            o.flags.show_help_lines, urgent,
            "not a safety questionnaire"
        );
        let skipped: Vec<_> = skipped.into_iter().map(id).collect();
        assert_eq!(o.flags.skipped, skipped);
    }
}

#[test]
fn outcome_headline_and_level_follow_the_total_band() {
    let q = synthetic();
    let o = q.score(&choices(&[("r1", 0), ("r2", 0)]));
    let o = o.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(o.headline().map(|h| h.0.as_str()), Some("t-low"));
    assert_eq!(o.level(), Some(Level::Info));
    assert_eq!(o.bands.len(), 2);
}

#[test]
fn answers_that_do_not_fit_are_refused() {
    let q = synthetic();
    let cases: Vec<(Answers, ScoreError)> = vec![
        (
            choices(&[("r1", 0)]),
            ScoreError::MissingAnswer {
                item: id("r2"),
                position: 2,
            },
        ),
        (
            choices(&[("r1", 0), ("r2", 4)]),
            ScoreError::NoSuchOption {
                item: id("r2"),
                position: 2,
                index: 4,
            },
        ),
        (
            choices(&[("r1", 0), ("r2", 0), ("zz", 0)]),
            ScoreError::UnknownItem { item: id("zz") },
        ),
        (
            choices(&[("r1", 0), ("r2", 0)]).with(id("r3"), Answer::Text("2".into())),
            ScoreError::WrongKind {
                item: id("r3"),
                position: 3,
                expected: "a choice",
            },
        ),
        (
            choices(&[("r1", 0), ("r2", 0), ("t1", 1)]),
            ScoreError::WrongKind {
                item: id("t1"),
                position: 5,
                expected: "text",
            },
        ),
        (
            choices(&[("r1", 0), ("r2", 0)]).with(id("t1"), Answer::Text("あ".repeat(2001))),
            ScoreError::TextTooLong {
                item: id("t1"),
                position: 5,
                max: 2000,
            },
        ),
    ];
    for (answers, want) in cases {
        assert_eq!(q.score(&answers).err(), Some(want.clone()), "{want}");
        assert!(want.item().is_some());
    }
    // 2000 characters is still fine.
    let ok = choices(&[("r1", 0), ("r2", 0)]).with(id("t1"), Answer::Text("あ".repeat(2000)));
    assert!(q.score(&ok).is_ok());
}

#[test]
fn completeness_needs_only_required_items() {
    let q = synthetic();
    assert!(!q.is_complete(&choices(&[("r1", 0)])));
    assert!(q.is_complete(&choices(&[("r1", 0), ("r2", 1)])));
}

#[test]
fn triage_without_a_separating_item_falls_back_to_weekday_order() {
    let q = parse(json!({
        "id": "tie", "version": 1, "kind": "triage",
        "title": {"ja": "同点"}, "source": {"ja": "テスト"}, "licence": {"ja": "テスト"},
        "default_theme": "time-money",
        "items": [
            {"id": "q1", "text": {"ja": "Q1"}, "options": [
                {"label": {"ja": "両方"}, "votes": {"business": 1, "health": 1}},
                {"label": {"ja": "なし"}}
            ]},
            {"id": "q2", "text": {"ja": "Q2"}, "options": [
                {"label": {"ja": "健康"}, "votes": {"health": 2}},
                {"label": {"ja": "起業"}, "votes": {"business": 2}},
                {"label": {"ja": "なし"}}
            ]}
        ]
    }));
    // (q1, q2, winner)
    let cases = [
        // both 1: q1 votes both equally, q2 none → weekday order: health (Wed) < business (Fri)
        (0, 2, Some(Theme::Health)),
        // health 3 vs business 1
        (0, 0, Some(Theme::Health)),
        // business 3 vs health 1
        (0, 1, Some(Theme::Business)),
        // nothing voted → default theme
        (1, 2, Some(Theme::TimeMoney)),
    ];
    for (a1, a2, want) in cases {
        let o = q.score(&choices(&[("q1", a1), ("q2", a2)]));
        assert_eq!(o.map(|o| o.theme), Ok(want), "{a1} {a2}");
    }
}

//! A weighted instrument of the 簡略更年期指数 (SMI) shape, with SYNTHETIC weights: the
//! real SMI is not shipped (licence unclear). Ten items answered 強 / 中 / 弱 / 無, each
//! item with its own weights, total 0–100, bands 0–25 / 26–50 / 51–65 / 66–80 / 81–100.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::{choices, parse};
use jokatsu::domain::checks::answers::Answers;
use jokatsu::domain::checks::questionnaire::{Level, Questionnaire, Theme};
use serde_json::{json, Value};

/// Synthetic per-item weights for 強, 中, 弱, 無 (maxima sum to 100).
const WEIGHTS: [[i32; 4]; 10] = [
    [10, 6, 3, 0],
    [10, 6, 3, 0],
    [14, 9, 5, 0],
    [12, 8, 4, 0],
    [14, 9, 5, 0],
    [12, 8, 4, 0],
    [7, 5, 3, 0],
    [7, 4, 2, 0],
    [7, 4, 2, 0],
    [7, 5, 3, 0],
];
const STRONG: usize = 0;
const MEDIUM: usize = 1;
const WEAK: usize = 2;
const NONE: usize = 3;

fn band(key: &str, min: i32, max: i32, level: &str, theme: Option<&str>) -> Value {
    let mut b = json!({"key": key, "min": min, "max": max, "level": level,
                       "label": {"ja": key}, "explanation": {"ja": key}});
    if let Some(t) = theme {
        b["theme"] = json!(t);
    }
    b
}

fn synthetic() -> Questionnaire {
    let items: Vec<Value> = WEIGHTS
        .iter()
        .enumerate()
        .map(|(i, w)| {
            json!({
                "id": format!("w{}", i + 1),
                "text": {"ja": format!("合成項目{}", i + 1)},
                "options": [
                    {"label": {"ja": "強"}, "score": w[0]},
                    {"label": {"ja": "中"}, "score": w[1]},
                    {"label": {"ja": "弱"}, "score": w[2]},
                    {"label": {"ja": "無"}, "score": w[3]}
                ]
            })
        })
        .collect();
    parse(json!({
        "id": "synthetic-weighted", "version": 1, "kind": "scored",
        "title": {"ja": "合成の重みづけチェック"},
        "source": {"ja": "テスト用の合成定義"}, "licence": {"ja": "テスト用"},
        "items": items,
        "bands": [
            band("b1", 0, 25, "info", None),
            band("b2", 26, 50, "mild", Some("health")),
            band("b3", 51, 65, "moderate", Some("health")),
            band("b4", 66, 80, "moderate", Some("health")),
            band("b5", 81, 100, "high", Some("health"))
        ]
    }))
}

/// Answers: every item 無 except the listed `(item number 1-based, option)`.
fn answers(picks: &[(usize, usize)]) -> Answers {
    let ids: Vec<String> = (1..=10).map(|i| format!("w{i}")).collect();
    let pairs: Vec<(&str, usize)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let pick = picks.iter().find(|(n, _)| *n == i + 1).map(|&(_, o)| o);
            (id.as_str(), pick.unwrap_or(NONE))
        })
        .collect();
    choices(&pairs)
}

#[test]
fn range_is_0_to_100() {
    assert_eq!(synthetic().total_range(), Some((0, 100)));
}

#[test]
fn each_item_has_its_own_weights() {
    let q = synthetic();
    // The same answer (強) is worth a different score on different items.
    let cases = [(1, 10), (3, 14), (4, 12), (9, 7)];
    for (item, want) in cases {
        let o = q.score(&answers(&[(item, STRONG)]));
        assert_eq!(o.map(|o| o.total), Ok(Some(want)), "item {item}");
    }
    let o = q.score(&answers(&[(3, MEDIUM), (8, WEAK)]));
    assert_eq!(o.map(|o| o.total), Ok(Some(9 + 2)));
}

/// (picks, hand-computed total, band, level)
type WeightedCase = (Vec<(usize, usize)>, i32, &'static str, Level);

#[test]
fn band_edges() {
    let q = synthetic();
    let s = STRONG;
    let m = MEDIUM;
    let w = WEAK;
    // (picks, hand-computed total, band, level)
    let cases: Vec<WeightedCase> = vec![
        (vec![], 0, "b1", Level::Info),
        (vec![(1, s), (2, m), (3, m)], 10 + 6 + 9, "b1", Level::Info),
        (vec![(1, s), (3, m), (7, s)], 10 + 9 + 7, "b2", Level::Mild),
        (
            vec![(1, s), (2, s), (3, s), (4, s), (8, m)],
            46 + 4,
            "b2",
            Level::Mild,
        ),
        (
            vec![(1, s), (2, s), (3, s), (4, s), (7, m)],
            46 + 5,
            "b3",
            Level::Moderate,
        ),
        (
            vec![(1, s), (2, s), (3, s), (4, s), (5, s), (7, m)],
            60 + 5,
            "b3",
            Level::Moderate,
        ),
        (
            vec![(1, s), (2, s), (3, s), (4, s), (5, s), (8, m), (9, w)],
            60 + 4 + 2,
            "b4",
            Level::Moderate,
        ),
        (
            vec![
                (1, s),
                (2, s),
                (3, s),
                (4, s),
                (5, s),
                (6, s),
                (7, m),
                (10, w),
            ],
            72 + 5 + 3,
            "b4",
            Level::Moderate,
        ),
        (
            vec![
                (1, s),
                (2, s),
                (3, s),
                (4, s),
                (5, s),
                (6, s),
                (7, s),
                (8, w),
            ],
            72 + 7 + 2,
            "b5",
            Level::High,
        ),
        ((1..=10).map(|i| (i, s)).collect(), 100, "b5", Level::High),
    ];
    for (picks, total, key, level) in cases {
        let o = q
            .score(&answers(&picks))
            .unwrap_or_else(|e| panic!("{picks:?}: {e}"));
        assert_eq!(o.total, Some(total), "{picks:?}");
        let b = o.total_band().unwrap_or_else(|| panic!("band"));
        assert_eq!((b.key.as_str(), b.level), (key, level), "{picks:?}");
        let want_theme = (key != "b1").then_some(Theme::Health);
        assert_eq!(o.theme, want_theme, "{picks:?}");
        assert_eq!(o.flags.urgent, level == Level::High);
    }
}

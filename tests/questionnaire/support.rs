// Test support: a broken fixture is a failed test, so panicking helpers are the point.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]
//! Shared helpers for the questionnaire tests.

use jokatsu::domain::checks::answers::{Answer, Answers};
use jokatsu::domain::checks::questionnaire::{
    load_checks_str, ChecksFragment, ItemId, Questionnaire,
};

pub fn id(s: &str) -> ItemId {
    ItemId::parse(s).unwrap_or_else(|| panic!("bad test item id {s}"))
}

/// Answers from `(item id, option index)` pairs.
pub fn choices(pairs: &[(&str, usize)]) -> Answers {
    pairs.iter().fold(Answers::new(), |a, &(i, c)| {
        a.with(id(i), Answer::Choice(c))
    })
}

pub fn fragment() -> ChecksFragment {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/feed-src/checks.json");
    let text = std::fs::read_to_string(path).expect("feed-src/checks.json is readable");
    load_checks_str(&text).expect("feed-src/checks.json is a checks fragment")
}

pub fn shipped(qid: &str) -> Questionnaire {
    fragment()
        .questionnaires
        .into_iter()
        .find(|q| q.id().as_str() == qid)
        .unwrap_or_else(|| panic!("{qid} is in the demo feed"))
}

/// Parses a definition given as JSON, panicking with the error.
pub fn parse(v: serde_json::Value) -> Questionnaire {
    Questionnaire::try_from(v).unwrap_or_else(|e| panic!("{e}"))
}

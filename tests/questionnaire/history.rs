//! Result history (add / delete / delete all / chart series / export round trip) and
//! in-progress state (serde round trip, resume rules).
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::support::{choices, id, shipped};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use jokatsu::domain::checks::answers::{
    Answer, History, HistoryError, Progress, ProgressError, RecordId, ResultRecord,
    HISTORY_VERSION, MAX_RECORDS,
};
use jokatsu::domain::checks::questionnaire::{Key, Level, QuestionnaireId, ScoreError, Theme};
use jokatsu::domain::checks::record::ChecksProgress;
use jokatsu::domain::shared::persist;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .unwrap_or_else(|| panic!("valid instant"))
}

fn k6_record(total_each: usize, now: DateTime<Utc>, keep_answers: bool) -> ResultRecord {
    let q = shipped("k6");
    let a = choices(&[
        ("k6-1", total_each),
        ("k6-2", total_each),
        ("k6-3", total_each),
        ("k6-4", 0),
        ("k6-5", 0),
        ("k6-6", 0),
    ]);
    let o = q.score(&a).unwrap_or_else(|e| panic!("{e}"));
    ResultRecord::from_outcome(&o, keep_answers.then_some(&a), now)
}

fn k6_id() -> QuestionnaireId {
    QuestionnaireId::parse("k6").unwrap_or_else(|| panic!("id"))
}

#[test]
fn a_record_keeps_the_headline_result() {
    let r = k6_record(4, at(2026, 5, 1, 3, 0), false);
    assert_eq!(r.total, Some(12));
    assert_eq!(r.band_key.as_ref().map(Key::as_str), Some("k6-distress"));
    assert_eq!(r.level, Some(Level::Moderate));
    assert_eq!(r.theme, Some(Theme::Health));
    assert_eq!(r.version, 1);
    assert!(r.answers.is_none(), "answers only when the user keeps them");
    assert!(k6_record(4, at(2026, 5, 1, 3, 0), true).answers.is_some());
}

#[test]
fn history_add_delete_series_and_export_round_trip() {
    let mut h = History::new();
    // Added out of order; 2026-03-10 16:00 UTC is 2026-03-11 01:00 in Japan.
    let late = h.add(k6_record(3, at(2026, 4, 2, 0, 0), true));
    let early = h.add(k6_record(1, at(2026, 3, 10, 16, 0), false));
    let mid = h.add(k6_record(2, at(2026, 3, 20, 0, 0), false));
    let (late, early, mid) = match (late, early, mid) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        other => panic!("{other:?}"),
    };
    assert_eq!(h.len(), 3);

    let series = h.series(&k6_id(), None);
    let points: Vec<(NaiveDate, i32)> = series.iter().map(|p| (p.date, p.score)).collect();
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    assert_eq!(
        points,
        [(d(2026, 3, 11), 3), (d(2026, 3, 20), 6), (d(2026, 4, 2), 9)]
    );
    assert_eq!(h.of(&k6_id()).first().map(|r| &r.id), Some(&late));

    // Export → import gives the same history.
    let json = h.to_json().unwrap_or_else(|e| panic!("{e}"));
    assert!(json.contains(&format!("\"version\": {HISTORY_VERSION}")));
    let back = History::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back.skipped, 0);
    assert_eq!(back.history, h);

    // Delete one.
    assert!(h.delete(&mid));
    assert!(!h.delete(&mid), "already gone");
    let ids: Vec<&RecordId> = h.records().iter().map(|r| &r.id).collect();
    assert_eq!(ids, [&early, &late]);

    // Delete all.
    h.clear();
    assert!(h.is_empty());
    assert!(h.series(&k6_id(), None).is_empty());
}

#[test]
fn subscale_series_for_the_fatigue_chart() {
    let q = shipped("fatigue-2023");
    let mut a = choices(&[("s-1", 2), ("s-2", 1)]);
    for i in 3..=14 {
        a.set(id(&format!("s-{i}")), Answer::Choice(0));
    }
    for w in [
        "w-relations",
        "w-overload",
        "w-pace",
        "w-offhours",
        "w-sleep",
        "w-rest",
    ] {
        a.set(id(w), Answer::Choice(1));
    }
    let o = q.score(&a).unwrap_or_else(|e| panic!("{e}"));
    let mut h = History::new();
    assert!(h
        .add(ResultRecord::from_outcome(&o, None, at(2026, 6, 1, 0, 0)))
        .is_ok());
    let fid = QuestionnaireId::parse("fatigue-2023").unwrap_or_else(|| panic!("id"));
    let sym = Key::parse("symptoms").unwrap_or_else(|| panic!("key"));
    let work = Key::parse("work").unwrap_or_else(|| panic!("key"));
    assert_eq!(h.series(&fid, Some(&sym)).first().map(|p| p.score), Some(4));
    assert_eq!(
        h.series(&fid, Some(&work)).first().map(|p| p.score),
        Some(6)
    );
    assert_eq!(h.series(&fid, None).first().map(|p| p.score), Some(10));
    assert_eq!(
        h.records()[0].band_key.as_ref().map(Key::as_str),
        Some("burden-high")
    );
}

#[test]
fn same_millisecond_records_get_distinct_ids() {
    let mut h = History::new();
    let now = at(2026, 5, 1, 0, 0);
    let a = h.add(k6_record(1, now, false));
    let b = h.add(k6_record(2, now, false));
    assert_eq!(a.map(|r| r.0), Ok(format!("k6-{}", now.timestamp_millis())));
    assert_eq!(
        b.map(|r| r.0),
        Ok(format!("k6-{}-2", now.timestamp_millis()))
    );
}

#[test]
fn a_bad_record_is_skipped_and_the_good_ones_survive() {
    let mut h = History::new();
    assert!(h.add(k6_record(1, at(2026, 5, 1, 0, 0), false)).is_ok());
    let json = h.to_json().unwrap_or_else(|e| panic!("{e}"));
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    if let Some(records) = v["records"].as_array_mut() {
        records.push(serde_json::json!({"id": "broken", "taken_at": "yesterday"}));
    }
    let loaded = History::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.skipped, 1);
    assert_eq!(loaded.history, h);
}

#[test]
fn unreadable_or_newer_history_files_are_refused() {
    assert!(matches!(
        History::from_json("<html>"),
        Err(HistoryError::Corrupt(_))
    ));
    assert_eq!(
        History::from_json(r#"{"version": 99, "records": []}"#),
        Err(HistoryError::TooNew { version: 99 })
    );
}

#[test]
fn a_full_history_refuses_instead_of_dropping_old_results() {
    let mut h = History::new();
    let template = k6_record(1, at(2026, 1, 1, 0, 0), false);
    for i in 0..MAX_RECORDS {
        let mut r = template.clone();
        r.taken_at += chrono::Duration::minutes(i64::try_from(i).unwrap_or_default());
        r.id = RecordId(format!("k6-{i}"));
        assert!(h.add(r).is_ok());
    }
    let more = h.add(template);
    assert_eq!(more, Err(HistoryError::Full { max: MAX_RECORDS }));
    assert_eq!(h.len(), MAX_RECORDS);
}

#[test]
fn merge_adds_only_new_records() {
    let mut a = History::new();
    let mut b = History::new();
    assert!(a.add(k6_record(1, at(2026, 5, 1, 0, 0), false)).is_ok());
    assert!(b.add(k6_record(1, at(2026, 5, 1, 0, 0), false)).is_ok());
    assert!(b.add(k6_record(2, at(2026, 5, 2, 0, 0), false)).is_ok());
    assert_eq!(a.merge(b), Ok(1));
    assert_eq!(a.len(), 2);
}

// ---------------------------------------------------------------- progress

#[test]
fn progress_serde_round_trip_and_resume() {
    let q = shipped("k6");
    let started = at(2026, 5, 1, 12, 0);
    let mut p = Progress::start(&q, started);
    assert_eq!(p.first_unanswered(&q), Some(0));
    for (item, c) in [("k6-1", 2), ("k6-2", 0)] {
        assert!(p.answer(&q, id(item), Answer::Choice(c)).is_ok());
    }
    p.go_to(&q, 2);
    // Through the real storage path: the versioned record of unfinished checks.
    let stored = ChecksProgress {
        items: vec![p.clone()],
    };
    let text = persist::save(&stored, started).unwrap_or_else(|e| panic!("{e}"));
    let loaded = persist::load::<ChecksProgress>(Some(&text), started).into_value();
    let back = loaded
        .items
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("lost"));
    assert_eq!(back, p);
    assert_eq!(back.current_index, 2);
    assert_eq!(back.started_at, started);
    assert_eq!(back.check_fits(&q), Ok(()));
    assert_eq!(back.first_unanswered(&q), Some(2));
    // Moving past the end clamps to the last item.
    p.go_to(&q, 99);
    assert_eq!(p.current_index, 5);
}

#[test]
fn progress_refuses_bad_answers_and_other_versions() {
    let q = shipped("k6");
    let mut p = Progress::start(&q, at(2026, 5, 1, 12, 0));
    assert_eq!(
        p.answer(&q, id("k6-1"), Answer::Choice(5)),
        Err(ProgressError::Answer(ScoreError::NoSuchOption {
            item: id("k6-1"),
            position: 1,
            index: 5
        }))
    );
    assert!(p.answers.is_empty());

    p.version = 0;
    assert_eq!(
        p.check_fits(&q),
        Err(ProgressError::Outdated {
            saved: 0,
            current: 1
        })
    );
    let other = shipped("fatigue-2023");
    assert_eq!(
        Progress::start(&q, at(2026, 5, 1, 0, 0)).check_fits(&other),
        Err(ProgressError::OtherQuestionnaire)
    );
}

#[test]
fn blank_text_clears_a_reflection_answer() {
    let q = shipped("career-reflection");
    let mut p = Progress::start(&q, at(2026, 5, 1, 0, 0));
    assert!(p
        .answer(&q, id("strengths"), Answer::Text("聞くこと".into()))
        .is_ok());
    assert_eq!(p.answers.len(), 1);
    assert!(p
        .answer(&q, id("strengths"), Answer::Text("   ".into()))
        .is_ok());
    assert!(p.answers.is_empty());
}

#[test]
fn k6_urgency_and_help_lines_follow_the_band() {
    use jokatsu::domain::checks::answers::Urgency;
    let now = at(2026, 12, 1, 1, 0);
    // 0–4, 5–9, 10–14 (3 items × 4 = 12), 15+: k6 is a safety questionnaire.
    let low = k6_record(1, now, false); // 3
    let mild = k6_record(2, now, false); // 6
    let distress = k6_record(4, now, false); // 12
    assert_eq!(low.urgency(true), Urgency::None);
    assert_eq!(mild.urgency(true), Urgency::None);
    assert_eq!(distress.urgency(true), Urgency::Soon);
    let q = shipped("k6");
    let all_four = choices(&[
        ("k6-1", 4),
        ("k6-2", 4),
        ("k6-3", 4),
        ("k6-4", 4),
        ("k6-5", 0),
        ("k6-6", 0),
    ]);
    let o = q.score(&all_four).unwrap_or_else(|e| panic!("{e}"));
    let severe = ResultRecord::from_outcome(&o, None, now);
    assert_eq!(severe.total, Some(16));
    assert_eq!(severe.urgency(true), Urgency::Now);
    // Help lines: always for a safety questionnaire, otherwise only when urgent.
    assert!(q.safety());
    assert!(low.shows_help_lines(true));
    assert!(!low.shows_help_lines(false));
    assert!(!distress.shows_help_lines(false));
    assert!(severe.shows_help_lines(false));
}

#[test]
fn a_required_item_needs_an_answer_an_optional_one_does_not() {
    let k6 = shipped("k6");
    let mut p = Progress::start(&k6, at(2026, 5, 1, 0, 0));
    assert!(p.needs_answer(&k6, 0));
    assert!(p.answer(&k6, id("k6-1"), Answer::Choice(0)).is_ok());
    assert!(!p.needs_answer(&k6, 0));
    assert!(p.needs_answer(&k6, 1));
    assert!(!p.needs_answer(&k6, 99), "no item there");
    // The reflection's items are all optional: none blocks "next".
    let r = shipped("career-reflection");
    let p = Progress::start(&r, at(2026, 5, 1, 0, 0));
    for (i, item) in r.items().iter().enumerate() {
        assert_eq!(p.needs_answer(&r, i), !item.optional);
    }
}

#[test]
fn a_band_explanation_only_for_the_version_it_was_scored_with() {
    let q = shipped("k6");
    let band = q.bands().first().unwrap_or_else(|| panic!("no bands"));
    let mut r = ResultRecord {
        id: RecordId("k6-1".into()),
        questionnaire_id: q.id().clone(),
        version: q.version(),
        taken_at: at(2026, 5, 1, 0, 0),
        total: Some(0),
        subscales: Default::default(),
        band_key: Some(band.key.clone()),
        band_label: Some(band.label.clone()),
        level: None,
        theme: None,
        themes: Vec::new(),
        answers: None,
    };
    assert_eq!(r.band_explanation(&q), Some(&band.explanation));
    r.version += 1;
    assert_eq!(
        r.band_explanation(&q),
        None,
        "another version's bands may differ"
    );
    r.version = q.version();
    r.band_key = None;
    assert_eq!(r.band_explanation(&q), None);
}

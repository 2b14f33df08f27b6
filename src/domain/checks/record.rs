//! The self-checks in browser storage. Two keys, each the storage layer's versioned
//! envelope:
//!
//! - `jokatsu.checks.progress`: `{"items": [Progress…]}`, the unfinished checks (one per
//!   questionnaire), saved on every step so the user can close the app and resume.
//! - `jokatsu.checks.history`: `{"records": [ResultRecord…]}`, past results, oldest first.
//!
//! A damaged item is quarantined on its own; every good one still loads. Privacy: these
//! are health-related answers; they live only in this browser's storage.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::checks::answers::{History, Progress, ResultRecord};
use crate::domain::checks::questionnaire::QuestionnaireId;
use crate::domain::shared::persist::{salvage_array, DamagedItems, Persisted};

/// The stored unfinished checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecksProgress {
    pub items: Vec<Progress>,
}

impl ChecksProgress {
    /// The unfinished answers to questionnaire `id`, if any.
    pub fn get(&self, id: &QuestionnaireId) -> Option<&Progress> {
        self.items.iter().find(|p| &p.questionnaire_id == id)
    }

    /// Stores `progress`, replacing any earlier one of the same questionnaire.
    pub fn put(&mut self, progress: Progress) {
        match self
            .items
            .iter_mut()
            .find(|p| p.questionnaire_id == progress.questionnaire_id)
        {
            Some(slot) => *slot = progress,
            None => self.items.push(progress),
        }
    }

    /// Forgets the unfinished answers to `id` (finished or abandoned); whether there were any.
    pub fn remove(&mut self, id: &QuestionnaireId) -> bool {
        let before = self.items.len();
        self.items.retain(|p| &p.questionnaire_id != id);
        before != self.items.len()
    }
}

impl Persisted for ChecksProgress {
    const KEY: &'static str = "jokatsu.checks.progress";
    const VERSION: u32 = 1;

    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        salvage_array(data, "items", |v| {
            // From a borrowed value: the same decoder as the whole record's (persist.rs).
            Progress::deserialize(v).map_err(|e| e.to_string())
        })
        .map(|(items, bad)| (ChecksProgress { items }, bad))
    }
}

/// The stored form of a [`History`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecksHistory {
    pub records: Vec<ResultRecord>,
}

impl ChecksHistory {
    pub fn from_history(history: &History) -> Self {
        ChecksHistory {
            records: history.records().to_vec(),
        }
    }

    pub fn into_history(self) -> History {
        History::from_records(self.records)
    }
}

impl Persisted for ChecksHistory {
    const KEY: &'static str = "jokatsu.checks.history";
    const VERSION: u32 = 1;

    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        salvage_array(data, "records", |v| {
            ResultRecord::deserialize(v).map_err(|e| e.to_string())
        })
        .map(|(records, bad)| (ChecksHistory { records }, bad))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checks::answers::{Answer, RecordId};
    use crate::domain::checks::questionnaire::ItemId;
    use crate::domain::shared::persist::{load, save, Loaded};
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn id(s: &str) -> QuestionnaireId {
        QuestionnaireId::parse(s).unwrap_or_else(|| panic!("bad id {s}"))
    }

    fn progress(q: &str, index: usize) -> Progress {
        let mut answers = crate::domain::checks::answers::Answers::new();
        if let Some(item) = ItemId::parse(&format!("{q}-1")) {
            answers.set(item, Answer::Choice(2));
        }
        Progress {
            format: 1,
            questionnaire_id: id(q),
            version: 1,
            answers,
            current_index: index,
            started_at: now(),
        }
    }

    fn record(q: &str, minutes: i64, total: i32) -> ResultRecord {
        let at = now() + chrono::Duration::minutes(minutes);
        ResultRecord {
            id: RecordId(format!("{q}-{}", at.timestamp_millis())),
            questionnaire_id: id(q),
            version: 1,
            taken_at: at,
            total: Some(total),
            subscales: Default::default(),
            band_key: None,
            band_label: None,
            level: None,
            theme: None,
            themes: Vec::new(),
            answers: None,
        }
    }

    #[test]
    fn progress_is_one_per_questionnaire_and_round_trips() {
        let mut p = ChecksProgress::default();
        p.put(progress("k6", 1));
        p.put(progress("k6", 3));
        p.put(progress("fatigue", 0));
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.get(&id("k6")).map(|x| x.current_index), Some(3));
        let raw = save(&p, now()).unwrap_or_default();
        assert_eq!(
            load::<ChecksProgress>(Some(&raw), now()),
            Loaded::Clean(p.clone())
        );
        assert!(p.remove(&id("k6")));
        assert!(!p.remove(&id("k6")));
        assert!(p.get(&id("k6")).is_none());
    }

    #[test]
    fn a_damaged_progress_item_is_quarantined_and_the_other_loads() {
        let mut p = ChecksProgress::default();
        p.put(progress("k6", 2));
        p.put(progress("fatigue", 4));
        let raw = save(&p, now()).unwrap_or_default();
        let mut value: Value = serde_json::from_str(&raw).unwrap_or_default();
        value["data"]["items"][0]["current_index"] = Value::String("two".into());
        match load::<ChecksProgress>(Some(&value.to_string()), now()) {
            Loaded::Salvaged(got, bad) => {
                assert_eq!(got.items.len(), 1);
                assert_eq!(got.items[0].questionnaire_id, id("fatigue"));
                assert_eq!(bad.len(), 1);
                assert_eq!(bad[0].key, "jokatsu.checks.progress");
                assert!(bad[0].raw.contains("two"));
            }
            other => panic!("expected salvage, got {other:?}"),
        }
    }

    #[test]
    fn history_round_trips_in_time_order() {
        let records = vec![record("k6", 10, 11), record("k6", 0, 3)];
        let history = ChecksHistory { records }.into_history();
        let totals: Vec<_> = history.records().iter().map(|r| r.total).collect();
        assert_eq!(totals, vec![Some(3), Some(11)]);
        let stored = ChecksHistory::from_history(&history);
        let raw = save(&stored, now()).unwrap_or_default();
        let back = load::<ChecksHistory>(Some(&raw), now()).into_value();
        assert_eq!(back.into_history(), history);
    }

    #[test]
    fn a_damaged_history_record_is_quarantined_and_the_others_load() {
        let stored = ChecksHistory {
            records: vec![record("k6", 0, 3), record("k6", 5, 11), record("k6", 9, 20)],
        };
        let raw = save(&stored, now()).unwrap_or_default();
        let mut value: Value = serde_json::from_str(&raw).unwrap_or_default();
        value["data"]["records"][1]["taken_at"] = Value::String("yesterday".into());
        match load::<ChecksHistory>(Some(&value.to_string()), now()) {
            Loaded::Salvaged(got, bad) => {
                assert_eq!(got.records.len(), 2);
                assert_eq!(bad.len(), 1);
                assert!(bad[0].raw.contains("yesterday"));
            }
            other => panic!("expected salvage, got {other:?}"),
        }
    }

    #[test]
    fn unreadable_history_is_quarantined_whole() {
        let raw = r#"{"version":1,"data":"oops"}"#;
        match load::<ChecksHistory>(Some(raw), now()) {
            Loaded::Unreadable(v, q) => {
                assert!(v.records.is_empty());
                assert_eq!(q.raw, raw);
            }
            other => panic!("expected quarantine, got {other:?}"),
        }
    }
}

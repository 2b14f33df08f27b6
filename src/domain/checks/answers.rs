//! Answers, in-progress state and result history of the self-checks.
//!
//! Privacy rule: these are health-related answers. They are plain serializable values the
//! UI keeps in the browser's storage; nothing in this module (or the app) sends them
//! anywhere. Export produces a JSON string for the user's own download.
//!
//! Persisted forms carry a `version` ([`PROGRESS_VERSION`], [`HISTORY_VERSION`]).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::checks::questionnaire::{
    ItemId, Key, Level, Outcome, Questionnaire, QuestionnaireId, ScoreError, Theme,
};
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::I18n;

/// One answer. JSON: `{"choice": 2}` (0-based option index) or `{"text": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Choice(usize),
    Text(String),
}

impl Answer {
    /// Blank free text counts as no answer.
    pub fn is_blank(&self) -> bool {
        matches!(self, Answer::Text(s) if s.trim().is_empty())
    }
}

/// Item id → answer. JSON: an object keyed by item id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<ItemId, Answer>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets (or replaces) the answer to `item`.
    pub fn set(&mut self, item: ItemId, answer: Answer) {
        self.0.insert(item, answer);
    }
    /// Builder form of [`Self::set`].
    pub fn with(mut self, item: ItemId, answer: Answer) -> Self {
        self.set(item, answer);
        self
    }
    pub fn remove(&mut self, item: &ItemId) -> Option<Answer> {
        self.0.remove(item)
    }
    pub fn get(&self, item: &ItemId) -> Option<&Answer> {
        self.0.get(item)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&ItemId, &Answer)> {
        self.0.iter()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Version of the persisted [`Progress`] form.
pub const PROGRESS_VERSION: u32 = 1;

/// Why saved progress cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProgressError {
    #[error("The saved answers belong to a different check.")]
    OtherQuestionnaire,
    #[error("This check has been updated since you started it (version {saved} → {current}); please start again.")]
    Outdated { saved: u32, current: u32 },
    #[error(transparent)]
    Answer(#[from] ScoreError),
}

/// A questionnaire being answered, saved by the UI so the user can resume after closing
/// the app. Resumes only on the same questionnaire id **and** version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Persisted-form version ([`PROGRESS_VERSION`]).
    #[serde(default = "progress_version")]
    pub format: u32,
    pub questionnaire_id: QuestionnaireId,
    /// The definition's version.
    pub version: u32,
    pub answers: Answers,
    /// 0-based index of the item on screen.
    pub current_index: usize,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub started_at: DateTime<Utc>,
}

fn progress_version() -> u32 {
    PROGRESS_VERSION
}

impl Progress {
    /// Starts answering `q` at `now`.
    pub fn start(q: &Questionnaire, now: DateTime<Utc>) -> Self {
        Self {
            format: PROGRESS_VERSION,
            questionnaire_id: q.id().clone(),
            version: q.version(),
            answers: Answers::new(),
            current_index: 0,
            started_at: now,
        }
    }

    /// Rule **a worry chosen on the list starts the check**: `q` started at `now` with its
    /// first question answered with option `option`, at the second question (the list
    /// shows the triage's first question as buttons, e.g. 子育て). `None` when the first
    /// question has no such option.
    pub fn start_with_first(q: &Questionnaire, option: usize, now: DateTime<Utc>) -> Option<Self> {
        let mut p = Self::start(q, now);
        let first = q.items().first()?.id.clone();
        p.answer(q, first, Answer::Choice(option)).ok()?;
        p.go_to(q, 1);
        Some(p)
    }

    /// Rule **resume only on the same definition**: same id and same version, and every
    /// saved answer still fits its item.
    pub fn check_fits(&self, q: &Questionnaire) -> Result<(), ProgressError> {
        self.check_fits_id(q)?;
        for (id, a) in self.answers.iter() {
            q.check_answer(id, a)?;
        }
        Ok(())
    }

    /// Records an answer after checking it against the item; blank text clears it.
    pub fn answer(
        &mut self,
        q: &Questionnaire,
        item: ItemId,
        answer: Answer,
    ) -> Result<(), ProgressError> {
        self.check_fits_id(q)?;
        q.check_answer(&item, &answer)?;
        if answer.is_blank() {
            self.answers.remove(&item);
        } else {
            self.answers.set(item, answer);
        }
        Ok(())
    }

    fn check_fits_id(&self, q: &Questionnaire) -> Result<(), ProgressError> {
        if &self.questionnaire_id != q.id() {
            return Err(ProgressError::OtherQuestionnaire);
        }
        if self.version != q.version() {
            return Err(ProgressError::Outdated {
                saved: self.version,
                current: q.version(),
            });
        }
        Ok(())
    }

    /// Moves to item `index`, clamped to the questionnaire's items.
    pub fn go_to(&mut self, q: &Questionnaire, index: usize) {
        self.current_index = index.min(q.items().len().saturating_sub(1));
    }

    /// Rule **a required item needs an answer**: the item at `index` is required and has
    /// no answer, or only a blank one, so the user cannot move on from it.
    pub fn needs_answer(&self, q: &Questionnaire, index: usize) -> bool {
        q.items().get(index).is_some_and(|item| {
            !item.optional && self.answers.get(&item.id).is_none_or(Answer::is_blank)
        })
    }

    /// The first required item not yet answered (where "resume" should land).
    pub fn first_unanswered(&self, q: &Questionnaire) -> Option<usize> {
        q.items()
            .iter()
            .position(|i| !i.optional && self.answers.get(&i.id).is_none_or(|a| a.is_blank()))
    }
}

/// Identifier of a history record: `<questionnaire id>-<epoch millis>` (+ `-n` if taken
/// twice in the same millisecond).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub String);

/// One past result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultRecord {
    pub id: RecordId,
    pub questionnaire_id: QuestionnaireId,
    /// Definition version the answers were scored with.
    pub version: u32,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub taken_at: DateTime<Utc>,
    pub total: Option<i32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub subscales: BTreeMap<Key, i32>,
    /// The headline band / matrix result ([`Outcome::headline`]).
    pub band_key: Option<Key>,
    pub band_label: Option<I18n>,
    pub level: Option<Level>,
    pub theme: Option<Theme>,
    /// Every theme the answers pointed to, `theme` first ([`Outcome::worries`]); omitted
    /// when that is `theme` alone (records written before this field read as `theme` alone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// The answers, only if the user chose to keep them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<Answers>,
}

impl ResultRecord {
    /// Rule **a band's explanation belongs to its version**: the explanation of this
    /// result's band (or matrix result) from `q`, only if `q` is the definition version
    /// the result was scored with; a later definition may have moved its bands.
    pub fn band_explanation<'a>(&self, q: &'a Questionnaire) -> Option<&'a I18n> {
        let key = self.band_key.as_ref()?;
        if self.version != q.version() || &self.questionnaire_id != q.id() {
            return None;
        }
        q.bands()
            .iter()
            .find(|b| &b.key == key)
            .map(|b| &b.explanation)
            .or_else(|| {
                q.matrix()?
                    .results
                    .iter()
                    .find(|m| &m.key == key)
                    .map(|m| &m.explanation)
            })
    }

    /// A record of `outcome` taken at `now`; pass `answers` only if the user wants them
    /// kept.
    pub fn from_outcome(outcome: &Outcome, answers: Option<&Answers>, now: DateTime<Utc>) -> Self {
        let headline = outcome.headline();
        Self {
            id: RecordId(format!(
                "{}-{}",
                outcome.questionnaire_id,
                now.timestamp_millis()
            )),
            questionnaire_id: outcome.questionnaire_id.clone(),
            version: outcome.version,
            taken_at: now,
            total: outcome.total,
            subscales: crate::domain::shared::small_sort::btree_map(
                outcome.subscales.iter().map(|s| (s.id.clone(), s.score)),
            ),
            band_key: headline.map(|(k, _, _)| k.clone()),
            band_label: headline.map(|(_, l, _)| l.clone()),
            level: outcome.level(),
            theme: outcome.theme,
            themes: {
                let worries = outcome.worries();
                if worries.len() > 1 {
                    worries
                } else {
                    Vec::new()
                }
            },
            answers: answers.cloned(),
        }
    }
}

/// How plainly a result page urges the user to talk to someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// Nothing beyond the band's explanation.
    None,
    /// 「ひとりで抱えず、早めに誰かに相談してください」.
    Soon,
    /// 「できるだけ早く相談してください」, with the help lines.
    Now,
}

impl ResultRecord {
    /// The worries of this result, recommended first: [`Self::themes`], else `theme`
    /// alone, else none.
    pub fn worries(&self) -> Vec<Theme> {
        if self.themes.is_empty() {
            self.theme.into_iter().collect()
        } else {
            self.themes.clone()
        }
    }

    /// Rule **talk to someone soon**: a `high` result is [`Urgency::Now`]; a `moderate`
    /// result of a safety questionnaire (K6 10–14) is [`Urgency::Soon`].
    pub fn urgency(&self, safety: bool) -> Urgency {
        match self.level {
            Some(Level::High) => Urgency::Now,
            Some(Level::Moderate) if safety => Urgency::Soon,
            _ => Urgency::None,
        }
    }

    /// Rule **help lines**: shown for a safety questionnaire whatever the score, and for
    /// any urgent result.
    pub fn shows_help_lines(&self, safety: bool) -> bool {
        safety || self.urgency(safety) == Urgency::Now
    }
}

/// Version of the persisted [`History`] form.
pub const HISTORY_VERSION: u32 = 1;
/// Most records kept; adding beyond this is refused (never silently drops old ones).
pub const MAX_RECORDS: usize = 1000;

/// Why history could not be changed, saved or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HistoryError {
    #[error("Your history is full ({max} results). Please delete some old results first.")]
    Full { max: usize },
    #[error("The history file could not be read: {0}")]
    Corrupt(String),
    #[error("The history file was made by a newer version of the app (format {version}).")]
    TooNew { version: u32 },
}

/// One point of a chart series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPoint {
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub taken_at: DateTime<Utc>,
    /// The date in Japan.
    pub date: NaiveDate,
    pub score: i32,
    pub level: Option<Level>,
}

/// Past results, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    records: Vec<ResultRecord>,
}

/// The persisted / exported form.
#[derive(Debug, Serialize, Deserialize)]
struct HistoryFile<R> {
    version: u32,
    records: R,
}

/// A history read from storage: good records, and how many bad ones were skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedHistory {
    pub history: History,
    /// Records that could not be read (kept out, the others survive).
    pub skipped: usize,
}

impl History {
    pub fn new() -> Self {
        Self::default()
    }

    /// A history of `records` in time order (a stable sort: equal times keep their order).
    /// Use [`Self::add`] for new results; this is for records read back from storage.
    pub fn from_records(mut records: Vec<ResultRecord>) -> Self {
        crate::domain::shared::small_sort::sort_by_key(&mut records, |r| r.taken_at);
        Self { records }
    }

    /// All records, oldest first.
    pub fn records(&self) -> &[ResultRecord] {
        &self.records
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Records of one questionnaire, newest first.
    pub fn of(&self, q: &QuestionnaireId) -> Vec<&ResultRecord> {
        let mut v: Vec<&ResultRecord> = self
            .records
            .iter()
            .filter(|r| &r.questionnaire_id == q)
            .collect();
        v.reverse();
        v
    }

    /// Adds a record, keeping time order; a clashing id gets a `-2`, `-3`… suffix.
    /// Returns the id actually stored.
    pub fn add(&mut self, mut record: ResultRecord) -> Result<RecordId, HistoryError> {
        if self.records.len() >= MAX_RECORDS {
            return Err(HistoryError::Full { max: MAX_RECORDS });
        }
        let base = record.id.0.clone();
        let mut n = 1;
        while self.records.iter().any(|r| r.id == record.id) {
            n += 1;
            record.id = RecordId(format!("{base}-{n}"));
        }
        let id = record.id.clone();
        let at = self
            .records
            .partition_point(|r| r.taken_at <= record.taken_at);
        self.records.insert(at, record);
        Ok(id)
    }

    /// Deletes one record; `false` if there was none with that id.
    pub fn delete(&mut self, id: &RecordId) -> bool {
        let before = self.records.len();
        self.records.retain(|r| &r.id != id);
        self.records.len() != before
    }

    /// Deletes everything.
    pub fn clear(&mut self) {
        self.records.clear();
    }

    /// Scores of one questionnaire over time, oldest first, for a chart. Records without
    /// a total are left out; `subscale` picks a subscale instead of the total.
    pub fn series(&self, q: &QuestionnaireId, subscale: Option<&Key>) -> Vec<SeriesPoint> {
        self.records
            .iter()
            .filter(|r| &r.questionnaire_id == q)
            .filter_map(|r| {
                let score = match subscale {
                    Some(k) => r.subscales.get(k).copied(),
                    None => r.total,
                }?;
                Some(SeriesPoint {
                    taken_at: r.taken_at,
                    date: jst_today(r.taken_at),
                    score,
                    level: r.level,
                })
            })
            .collect()
    }

    /// The persisted form, also the user's export file:
    /// `{"version": 1, "records": [...]}`.
    pub fn to_json(&self) -> Result<String, HistoryError> {
        // Through a `Value`: the app already encodes records that way for storage, so the
        // export adds no second copy of the record encoder to the WebAssembly.
        let records = serde_json::to_value(&self.records)
            .map_err(|e| HistoryError::Corrupt(e.to_string()))?;
        serde_json::to_string_pretty(&HistoryFile {
            version: HISTORY_VERSION,
            records,
        })
        .map_err(|e| HistoryError::Corrupt(e.to_string()))
    }

    /// Reads the persisted / exported form. A record that cannot be read is skipped and
    /// counted; the others load. An unreadable file or a newer format is an error.
    pub fn from_json(s: &str) -> Result<LoadedHistory, HistoryError> {
        let file: HistoryFile<Vec<serde_json::Value>> =
            serde_json::from_str(s).map_err(|e| HistoryError::Corrupt(e.to_string()))?;
        if file.version > HISTORY_VERSION {
            return Err(HistoryError::TooNew {
                version: file.version,
            });
        }
        let mut history = History::new();
        let mut skipped = 0;
        for value in file.records {
            match ResultRecord::deserialize(&value) {
                Ok(r) if history.records.iter().all(|x| x.id != r.id) => {
                    history.add(r)?;
                }
                _ => skipped += 1,
            }
        }
        Ok(LoadedHistory { history, skipped })
    }

    /// Adds the records of `other` whose ids are not here yet (import of an export).
    /// Returns how many were added.
    pub fn merge(&mut self, other: History) -> Result<usize, HistoryError> {
        let mut added = 0;
        for r in other.records {
            if self.records.iter().all(|x| x.id != r.id) {
                self.add(r)?;
                added += 1;
            }
        }
        Ok(added)
    }
}

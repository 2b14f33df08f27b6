//! Self-check questionnaires (セルフチェック) that point a woman from a worry to the right
//! weekday expert (日替わりセンセー).
//!
//! The city publishes definitions in the feed (`questionnaires`, see
//! `docs/feed-questionnaires.md`). They are parsed, not validated: feed JSON → DTO ([`dto`])
//! → `TryFrom` → [`Questionnaire`], so every `Questionnaire` in hand is known to be
//! well-formed (bands contiguous and covering, subscales pointing at real items, …). A bad
//! definition is rejected with a [`DefinitionError`] that names the questionnaire and the
//! item; [`load_all`] keeps the good ones.
//!
//! Scoring is [`Questionnaire::score`]: answers in, [`Outcome`] out (total, subscale scores,
//! bands, the 2-D matrix result, recommended [`Theme`], safety flags).
//!
//! Privacy: nothing here does I/O. Answers and outcomes are plain values the UI keeps in
//! the browser.

pub mod dto;
mod fragment;
mod scoring;
mod validate;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::shared::text::I18n;

pub use fragment::{load_checks, load_checks_str, ChecksFragment, FragmentError};
pub use scoring::{BandResult, Flags, MatrixOutcome, Outcome, ScaleScore, ScoreError, Votes};
pub use validate::{
    load_all, DefinitionError, DefinitionProblem, Location, MAX_ITEMS, MAX_OPTIONS,
    MAX_TEXT_ANSWER_CHARS,
};

/// Identifier of a questionnaire, e.g. `k6`. 1–40 characters of `a-z 0-9 - _`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuestionnaireId(String);

/// Identifier of an item inside a questionnaire, e.g. `k6-3`. Same character rules.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(String);

/// Identifier of a subscale (or of a band / matrix result key). Same character rules.
/// The name `total` is reserved for the whole questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Key(String);

/// Maximum length of an identifier.
pub const MAX_ID_CHARS: usize = 40;

/// The rule for identifiers: 1–40 characters, lowercase ASCII letters, digits, `-`, `_`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= MAX_ID_CHARS
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

macro_rules! id_type {
    ($t:ident) => {
        impl $t {
            /// Parses an identifier; `None` if it breaks [`is_valid_id`].
            pub fn parse(s: &str) -> Option<Self> {
                is_valid_id(s).then(|| Self(s.to_owned()))
            }
            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
id_type!(QuestionnaireId);
id_type!(ItemId);
id_type!(Key);

impl Key {
    /// The reserved scale name for the whole questionnaire's total.
    pub fn total() -> Self {
        Self("total".to_owned())
    }
    /// Whether this is the reserved `total` scale.
    pub fn is_total(&self) -> bool {
        self.0 == "total"
    }
}

/// The weekday theme a result points to (日替わりセンセー). Keys match the schedule feed's
/// theme ids, so the UI can link a result to the next open desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Theme {
    /// Monday: キャリア (career consultant).
    #[serde(rename = "career")]
    Career,
    /// Tuesday: 家族や職場の人とのコミュニケーション (social worker, coach).
    #[serde(rename = "communication")]
    Communication,
    /// Wednesday: 健康 (public health nurse, midwife, nurse).
    #[serde(rename = "health")]
    Health,
    /// Thursday: 時間やお金, ワーク・ライフ・バランス.
    #[serde(rename = "time-money")]
    TimeMoney,
    /// Friday: 起業 (business start-up consultant).
    #[serde(rename = "business")]
    Business,
}

impl Theme {
    /// All themes in weekday order (Mon → Fri). Also the final tie-break order.
    pub const ALL: [Theme; 5] = [
        Theme::Career,
        Theme::Communication,
        Theme::Health,
        Theme::TimeMoney,
        Theme::Business,
    ];

    /// The feed key (`career`, `communication`, `health`, `time-money`, `business`), equal to
    /// the schedule feed's theme id.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Career => "career",
            Theme::Communication => "communication",
            Theme::Health => "health",
            Theme::TimeMoney => "time-money",
            Theme::Business => "business",
        }
    }

    /// Parses a feed key; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Self> {
        Theme::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The weekday whose desk covers this theme.
    pub fn weekday(self) -> chrono::Weekday {
        match self {
            Theme::Career => chrono::Weekday::Mon,
            Theme::Communication => chrono::Weekday::Tue,
            Theme::Health => chrono::Weekday::Wed,
            Theme::TimeMoney => chrono::Weekday::Thu,
            Theme::Business => chrono::Weekday::Fri,
        }
    }

    /// The worry this theme's desk takes, in her words (子育て is named: it is the
    /// career desk's most common worry), e.g. 「子育てと仕事の両立・キャリア」.
    pub fn worry(self) -> I18n {
        match self {
            Theme::Career => I18n::new("子育てと仕事の両立・キャリア", "Children, work and career"),
            Theme::Communication => I18n::new(
                "家族や職場の人との話し合い",
                "Talking things through with family or coworkers",
            ),
            Theme::Health => I18n::new(
                "からだやこころの変化（更年期など）",
                "Changes in body or mind (e.g. menopause)",
            ),
            Theme::TimeMoney => I18n::new("時間やお金のやりくり", "Time and money"),
            Theme::Business => I18n::new("起業・自分で仕事をつくる", "Starting a business"),
        }
    }

    /// A short bilingual label, e.g. 「月曜：キャリア」.
    pub fn label(self) -> I18n {
        match self {
            Theme::Career => I18n::new("月曜：キャリア", "Monday: career"),
            Theme::Communication => I18n::new(
                "火曜：家族や職場の人とのコミュニケーション",
                "Tuesday: communication with family and coworkers",
            ),
            Theme::Health => I18n::new("水曜：健康", "Wednesday: health"),
            Theme::TimeMoney => I18n::new(
                "木曜：時間やお金、ワーク・ライフ・バランス",
                "Thursday: time, money and work-life balance",
            ),
            Theme::Business => I18n::new("金曜：起業", "Friday: starting a business"),
        }
    }
}

/// What a questionnaire is for; decides which rules apply when scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Options carry scores; totals, subscales, bands (and optionally a matrix).
    Scored,
    /// Options vote for themes; the highest tally wins (see [`Outcome::theme`]).
    Triage,
    /// Prompts to think about, free text or choices; nothing is scored.
    Reflection,
    /// Yes/no style checks with scores; bands optional.
    Checklist,
}

/// How serious a band or matrix result is, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Mild,
    Moderate,
    High,
}

impl Level {
    /// Parses a feed key (`info`, `mild`, `moderate`, `high`).
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "info" => Some(Level::Info),
            "mild" => Some(Level::Mild),
            "moderate" => Some(Level::Moderate),
            "high" => Some(Level::High),
            _ => None,
        }
    }
}

/// One response option of a choice item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseOption {
    pub label: I18n,
    /// The raw score (per item: this is how weighted instruments are expressed). `None`
    /// only in triage and reflection questionnaires.
    pub score: Option<i32>,
    /// Theme votes (triage only), in weekday order.
    pub votes: Vec<(Theme, u32)>,
}

/// What kind of answer an item takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    /// Pick one option.
    Choice {
        options: Vec<ResponseOption>,
        /// Score = max + min − raw.
        reverse: bool,
    },
    /// Free text (reflection); never scored. At most [`MAX_TEXT_ANSWER_CHARS`] characters.
    Text,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: ItemId,
    pub text: I18n,
    /// Optional help under the question.
    pub hint: Option<I18n>,
    pub kind: ItemKind,
    /// May be skipped. A skipped optional item contributes nothing to any score and is
    /// listed in [`Flags::skipped`] (no prorating).
    pub optional: bool,
}

impl Item {
    /// The options of a choice item (empty for a text item).
    pub fn options(&self) -> &[ResponseOption] {
        match &self.kind {
            ItemKind::Choice { options, .. } => options,
            ItemKind::Text => &[],
        }
    }

    /// Lowest and highest score this item can contribute (reverse scoring maps the range
    /// onto itself; a skippable item can also contribute 0). `None` if unscored.
    pub fn score_range(&self) -> Option<(i32, i32)> {
        let scores: Vec<i32> = self.options().iter().filter_map(|o| o.score).collect();
        let lo = scores.iter().copied().min()?;
        let hi = scores.iter().copied().max()?;
        if self.optional {
            Some((lo.min(0), hi.max(0)))
        } else {
            Some((lo, hi))
        }
    }
}

/// A named group of items whose scores are summed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscale {
    pub id: Key,
    pub title: I18n,
    pub items: Vec<ItemId>,
}

/// A score range `[min, max]` (inclusive) on one scale with its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub key: Key,
    /// `total` or a subscale id.
    pub scale: Key,
    pub min: i32,
    pub max: i32,
    pub label: I18n,
    pub explanation: I18n,
    pub level: Level,
    /// The weekday theme to recommend for this band, if any.
    pub theme: Option<Theme>,
}

/// A result cell of a [`Matrix`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixResult {
    pub key: Key,
    pub label: I18n,
    pub explanation: I18n,
    pub level: Level,
    pub theme: Option<Theme>,
}

/// A 2-D lookup: the band of `rows` (a scale) × the band of `columns` → a result, e.g.
/// 自覚症状 × 勤務の状況 → 仕事による負担度.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    pub title: I18n,
    pub rows: Key,
    pub columns: Key,
    /// `cells[r][c]` is an index into `results`; `r`/`c` follow the band order (ascending
    /// `min`) of the row / column scale.
    pub cells: Vec<Vec<usize>>,
    pub results: Vec<MatrixResult>,
}

/// A validated questionnaire definition. Build it with `TryFrom<serde_json::Value>` /
/// `TryFrom<dto::QuestionnaireDto>` or [`load_all`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Questionnaire {
    pub(crate) id: QuestionnaireId,
    pub(crate) version: u32,
    pub(crate) kind: Kind,
    pub(crate) title: I18n,
    pub(crate) intro: Option<I18n>,
    pub(crate) summary: Option<I18n>,
    pub(crate) source: I18n,
    pub(crate) licence: I18n,
    pub(crate) disclaimer: Option<I18n>,
    pub(crate) notes: Vec<I18n>,
    pub(crate) safety: bool,
    pub(crate) items: Vec<Item>,
    pub(crate) subscales: Vec<Subscale>,
    /// Sorted by scale (total first, then subscale order), then ascending `min`.
    pub(crate) bands: Vec<Band>,
    pub(crate) matrix: Option<Matrix>,
    pub(crate) default_theme: Option<Theme>,
}

impl Questionnaire {
    pub fn id(&self) -> &QuestionnaireId {
        &self.id
    }
    /// Definition version; a saved [`crate::domain::checks::answers::Progress`] only resumes on the
    /// same version.
    pub fn version(&self) -> u32 {
        self.version
    }
    pub fn kind(&self) -> Kind {
        self.kind
    }
    pub fn title(&self) -> &I18n {
        &self.title
    }
    /// Shown before the first item.
    pub fn intro(&self) -> Option<&I18n> {
        self.intro.as_ref()
    }
    /// **Rule:** what the check's card in the list says: its `summary`, else its `intro`
    /// (a check whose intro is the instruction for answering, like K6's 「過去1か月の間に…」,
    /// gives a summary so the list does not repeat the instruction).
    pub fn card_text(&self) -> Option<&I18n> {
        self.summary.as_ref().or(self.intro.as_ref())
    }
    /// Where the instrument comes from (authors, wording source). Always shown.
    pub fn source(&self) -> &I18n {
        &self.source
    }
    /// Licence / permission text. Always shown.
    pub fn licence(&self) -> &I18n {
        &self.licence
    }
    /// e.g. 「これは診断ではありません」.
    pub fn disclaimer(&self) -> Option<&I18n> {
        self.disclaimer.as_ref()
    }
    /// Extra notes to show with the result (e.g. "provisional thresholds").
    pub fn notes(&self) -> &[I18n] {
        &self.notes
    }
    /// Show help lines whatever the score.
    pub fn safety(&self) -> bool {
        self.safety
    }
    /// Items in the order they are asked.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    pub fn item(&self, id: &ItemId) -> Option<&Item> {
        self.items.iter().find(|i| &i.id == id)
    }
    /// Position of an item in [`Self::items`].
    pub fn item_index(&self, id: &ItemId) -> Option<usize> {
        self.items.iter().position(|i| &i.id == id)
    }
    pub fn subscales(&self) -> &[Subscale] {
        &self.subscales
    }
    /// All bands: `total` first, then subscales in definition order; ascending within one.
    pub fn bands(&self) -> &[Band] {
        &self.bands
    }
    /// Bands of one scale, ascending.
    pub fn bands_of<'a>(&'a self, scale: &'a Key) -> impl Iterator<Item = &'a Band> + 'a {
        self.bands.iter().filter(move |b| &b.scale == scale)
    }
    pub fn matrix(&self) -> Option<&Matrix> {
        self.matrix.as_ref()
    }
    /// The theme when nothing more specific applies (required for reflection).
    pub fn default_theme(&self) -> Option<Theme> {
        self.default_theme
    }
    /// `(min, max)` the total can take, or `None` if nothing is scored.
    pub fn total_range(&self) -> Option<(i32, i32)> {
        range_of(self.items.iter())
    }
    /// `(min, max)` of a scale (`total` or a subscale id).
    pub fn scale_range(&self, scale: &Key) -> Option<(i32, i32)> {
        if scale.is_total() {
            return self.total_range();
        }
        let sub = self.subscales.iter().find(|s| &s.id == scale)?;
        range_of(self.items.iter().filter(|i| sub.items.contains(&i.id)))
    }
}

fn range_of<'a>(items: impl Iterator<Item = &'a Item>) -> Option<(i32, i32)> {
    let mut any = false;
    let (mut lo, mut hi) = (0i32, 0i32);
    for (a, b) in items.filter_map(Item::score_range) {
        any = true;
        lo = lo.saturating_add(a);
        hi = hi.saturating_add(b);
    }
    any.then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_keys_round_trip_and_match_weekdays() {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri"];
        for (t, d) in Theme::ALL.into_iter().zip(days) {
            assert_eq!(Theme::from_key(t.key()), Some(t));
            assert_eq!(format!("{:?}", t.weekday()), d);
            let json = serde_json::to_string(&t).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", t.key()));
        }
        assert_eq!(Theme::from_key("sat"), None);
    }

    #[test]
    fn id_rule() {
        for ok in ["k6", "k6-3", "a_b", "x"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "K6", "k 6", "k6/3", "ｋ６", &"a".repeat(41)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}

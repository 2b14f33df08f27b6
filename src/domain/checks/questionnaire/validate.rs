//! Definition rules: DTO → [`Questionnaire`]. Every rule failure names the questionnaire
//! and the place inside it.

use std::collections::BTreeSet;
use std::fmt;

use serde::Deserialize;

use super::dto::{BandDto, ItemDto, MatrixDto, OptionDto, QuestionnaireDto, SubscaleDto};
use super::{
    Band, Item, ItemId, ItemKind, Key, Kind, Level, Matrix, MatrixResult, Questionnaire,
    QuestionnaireId, ResponseOption, Subscale, Theme,
};
use crate::domain::shared::text::I18n;

/// Most items one questionnaire may have.
pub const MAX_ITEMS: usize = 60;
/// Most options one choice item may have (at least 2).
pub const MAX_OPTIONS: usize = 12;
/// Most bands on one scale.
pub const MAX_BANDS_PER_SCALE: usize = 12;
/// Most subscales.
pub const MAX_SUBSCALES: usize = 12;
/// Largest absolute option score.
pub const MAX_ABS_SCORE: i32 = 1000;
/// Largest theme vote weight.
pub const MAX_VOTE: u32 = 10;
/// Longest free-text answer, in characters.
pub const MAX_TEXT_ANSWER_CHARS: usize = 2000;
/// Most notes.
pub const MAX_NOTES: usize = 5;

const TITLE_CHARS: usize = 120;
const LABEL_CHARS: usize = 200;
const ITEM_TEXT_CHARS: usize = 500;
const LONG_TEXT_CHARS: usize = 2000;

/// Where in a definition a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The questionnaire as a whole (top-level fields).
    Questionnaire,
    /// An option of the shared `scale` (1-based).
    ScaleOption(usize),
    /// An item, by id (or `#n`, 1-based position, when the id itself is bad).
    Item(String),
    /// An option of an item (1-based).
    ItemOption {
        item: String,
        option: usize,
    },
    Subscale(String),
    /// A band, by key (or `#n`).
    Band(String),
    Matrix,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Questionnaire => Ok(()),
            Location::ScaleOption(n) => write!(f, " scale option {n}"),
            Location::Item(i) => write!(f, " item \"{i}\""),
            Location::ItemOption { item, option } => write!(f, " item \"{item}\" option {option}"),
            Location::Subscale(s) => write!(f, " subscale \"{s}\""),
            Location::Band(b) => write!(f, " band \"{b}\""),
            Location::Matrix => f.write_str(" matrix"),
        }
    }
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionProblem {
    #[error("not a valid definition: {0}")]
    Malformed(String),
    #[error("id \"{0}\" must be 1–40 characters of a-z, 0-9, - or _")]
    BadId(String),
    #[error("version must be 1 or more")]
    BadVersion,
    #[error("a questionnaire with this id was already loaded")]
    DuplicateQuestionnaire,
    #[error("unknown kind \"{0}\" (expected scored, triage, reflection or checklist)")]
    UnknownKind(String),
    #[error("{field} is empty")]
    EmptyText { field: &'static str },
    #[error("{field} is longer than {max} characters")]
    TextTooLong { field: &'static str, max: usize },
    #[error("more than {max} notes")]
    TooManyNotes { max: usize },
    #[error("has no items")]
    NoItems,
    #[error("has {count} items, more than {max}")]
    TooManyItems { count: usize, max: usize },
    #[error("duplicate item id")]
    DuplicateItem,
    #[error("unknown item type \"{0}\" (expected choice or text)")]
    UnknownItemType(String),
    #[error("has no response options (give \"options\" or a questionnaire-wide \"scale\")")]
    NoOptions,
    #[error("needs 2–{max} options, has {count}")]
    OptionCount { count: usize, max: usize },
    #[error("a text item cannot have options")]
    TextWithOptions,
    #[error("score missing")]
    ScoreMissing,
    #[error("score {0} is outside −1000…1000")]
    ScoreOutOfRange(i32),
    #[error("{0} questionnaires are not scored; remove the scores")]
    ScoresNotAllowed(&'static str),
    #[error("reverse-scored item needs options with numeric scores")]
    ReverseNeedsScores,
    #[error(
        "unknown theme \"{0}\" (expected career, communication, health, time-money or business)"
    )]
    UnknownTheme(String),
    #[error("unknown level \"{0}\" (expected info, mild, moderate or high)")]
    UnknownLevel(String),
    #[error("vote weight for \"{theme}\" must be 1–{max}")]
    BadVoteWeight { theme: String, max: u32 },
    #[error("theme votes are only used in triage questionnaires")]
    VotesOutsideTriage,
    #[error("a triage questionnaire needs at least one option with theme votes")]
    NoVotes,
    #[error("more than {max} subscales")]
    TooManySubscales { max: usize },
    #[error("duplicate subscale id")]
    DuplicateSubscale,
    #[error("\"total\" is reserved for the whole questionnaire")]
    ReservedTotal,
    #[error("has no items")]
    EmptySubscale,
    #[error("unknown item \"{0}\"")]
    UnknownItem(String),
    #[error("item \"{0}\" is listed twice")]
    DuplicateMember(String),
    #[error("item \"{0}\" is not scored")]
    UnscoredMember(String),
    #[error("{0} questionnaires have no bands")]
    BandsNotAllowed(&'static str),
    #[error("duplicate band key")]
    DuplicateBand,
    #[error("unknown scale \"{0}\" (expected total or a subscale id)")]
    UnknownScale(String),
    #[error("scale \"{0}\" has no scored items")]
    UnscoredScale(String),
    #[error("min {min} is greater than max {max}")]
    BandInverted { min: i32, max: i32 },
    #[error("overlaps band \"{other}\" on scale \"{scale}\"")]
    BandOverlap { other: String, scale: String },
    #[error("gap on scale \"{scale}\": scores {from}–{to} fall in no band")]
    BandGap { scale: String, from: i32, to: i32 },
    #[error("scale \"{scale}\" can score {lo}–{hi} but its bands cover only {from}–{to}")]
    BandsDoNotCover {
        scale: String,
        lo: i32,
        hi: i32,
        from: i32,
        to: i32,
    },
    #[error("more than {max} bands on scale \"{scale}\"")]
    TooManyBands { scale: String, max: usize },
    #[error("a scored questionnaire needs bands or a matrix")]
    NoBands,
    #[error("a reflection questionnaire needs a default_theme")]
    NoDefaultTheme,
    #[error("{0} questionnaires have no matrix")]
    MatrixNotAllowed(&'static str),
    #[error("scale \"{0}\" has no bands to pick a row or column")]
    MatrixScaleWithoutBands(String),
    #[error("expected {expected} rows (one per band of \"{scale}\"), found {found}")]
    MatrixRows {
        scale: String,
        expected: usize,
        found: usize,
    },
    #[error("row {row}: expected {expected} cells (one per band of \"{scale}\"), found {found}")]
    MatrixColumns {
        row: usize,
        scale: String,
        expected: usize,
        found: usize,
    },
    #[error("duplicate result key \"{0}\"")]
    DuplicateMatrixResult(String),
    #[error("unknown result key \"{0}\"")]
    UnknownMatrixResult(String),
}

/// A rejected definition: which questionnaire, where, and what.
/// Displays as e.g. `questionnaire "k6" item "k6-3" option 2: score missing`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("questionnaire \"{questionnaire}\"{location}: {problem}")]
pub struct DefinitionError {
    /// The questionnaire's id as written in the feed, or `#n` (1-based position).
    pub questionnaire: String,
    pub location: Location,
    pub problem: DefinitionProblem,
}

type Fail = (Location, DefinitionProblem);

/// Parses every definition; good ones are returned in feed order, bad ones (and later
/// duplicates of an id) as errors. One bad definition never stops the others.
pub fn load_all(values: &[serde_json::Value]) -> (Vec<Questionnaire>, Vec<DefinitionError>) {
    let mut good: Vec<Questionnaire> = Vec::new();
    let mut errors = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let label = label_of(value, i);
        match parse_value(value, &label) {
            Ok(q) if good.iter().any(|g| g.id == q.id) => errors.push(DefinitionError {
                questionnaire: label,
                location: Location::Questionnaire,
                problem: DefinitionProblem::DuplicateQuestionnaire,
            }),
            Ok(q) => good.push(q),
            Err(e) => errors.push(e),
        }
    }
    (good, errors)
}

fn label_of(value: &serde_json::Value, index: usize) -> String {
    value
        .get("id")
        .and_then(|v| v.as_str())
        .filter(|s| !s.is_empty())
        .map_or_else(|| format!("#{}", index + 1), str::to_owned)
}

fn parse_value(value: &serde_json::Value, label: &str) -> Result<Questionnaire, DefinitionError> {
    let dto = QuestionnaireDto::deserialize(value).map_err(|e| DefinitionError {
        questionnaire: label.to_owned(),
        location: Location::Questionnaire,
        problem: DefinitionProblem::Malformed(e.to_string()),
    })?;
    build(dto).map_err(|(location, problem)| DefinitionError {
        questionnaire: label.to_owned(),
        location,
        problem,
    })
}

impl TryFrom<serde_json::Value> for Questionnaire {
    type Error = DefinitionError;
    fn try_from(value: serde_json::Value) -> Result<Self, Self::Error> {
        let label = label_of(&value, 0);
        parse_value(&value, &label)
    }
}

impl TryFrom<QuestionnaireDto> for Questionnaire {
    type Error = DefinitionError;
    fn try_from(dto: QuestionnaireDto) -> Result<Self, Self::Error> {
        let label = if dto.id.is_empty() {
            "#1".to_owned()
        } else {
            dto.id.clone()
        };
        build(dto).map_err(|(location, problem)| DefinitionError {
            questionnaire: label,
            location,
            problem,
        })
    }
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Scored => "scored",
        Kind::Triage => "triage",
        Kind::Reflection => "reflection",
        Kind::Checklist => "checklist",
    }
}

fn check_text(loc: &Location, field: &'static str, t: &I18n, max: usize) -> Result<(), Fail> {
    if t.ja.trim().is_empty() {
        return Err((loc.clone(), DefinitionProblem::EmptyText { field }));
    }
    let too_long =
        t.ja.chars().count() > max || t.en.as_ref().is_some_and(|en| en.chars().count() > max);
    if too_long {
        return Err((loc.clone(), DefinitionProblem::TextTooLong { field, max }));
    }
    Ok(())
}

fn parse_theme(loc: &Location, key: &str) -> Result<Theme, Fail> {
    Theme::from_key(key).ok_or_else(|| (loc.clone(), DefinitionProblem::UnknownTheme(key.into())))
}

fn parse_level(loc: &Location, key: &str) -> Result<Level, Fail> {
    Level::from_key(key).ok_or_else(|| (loc.clone(), DefinitionProblem::UnknownLevel(key.into())))
}

fn parse_key(loc: &Location, s: &str) -> Result<Key, Fail> {
    Key::parse(s).ok_or_else(|| (loc.clone(), DefinitionProblem::BadId(s.into())))
}

fn build(dto: QuestionnaireDto) -> Result<Questionnaire, Fail> {
    let top = Location::Questionnaire;
    let id = QuestionnaireId::parse(&dto.id)
        .ok_or_else(|| (top.clone(), DefinitionProblem::BadId(dto.id.clone())))?;
    if dto.version == 0 {
        return Err((top, DefinitionProblem::BadVersion));
    }
    let kind = match dto.kind.as_str() {
        "scored" => Kind::Scored,
        "triage" => Kind::Triage,
        "reflection" => Kind::Reflection,
        "checklist" => Kind::Checklist,
        other => return Err((top, DefinitionProblem::UnknownKind(other.into()))),
    };
    check_text(&top, "title", &dto.title, TITLE_CHARS)?;
    if let Some(intro) = &dto.intro {
        check_text(&top, "intro", intro, LONG_TEXT_CHARS)?;
    }
    if let Some(summary) = &dto.summary {
        check_text(&top, "summary", summary, LONG_TEXT_CHARS)?;
    }
    check_text(&top, "source", &dto.source, LONG_TEXT_CHARS)?;
    check_text(&top, "licence", &dto.licence, LONG_TEXT_CHARS)?;
    if let Some(d) = &dto.disclaimer {
        check_text(&top, "disclaimer", d, LONG_TEXT_CHARS)?;
    }
    if dto.notes.len() > MAX_NOTES {
        return Err((top, DefinitionProblem::TooManyNotes { max: MAX_NOTES }));
    }
    for n in &dto.notes {
        check_text(&top, "note", n, LONG_TEXT_CHARS)?;
    }

    let scale = match &dto.scale {
        Some(opts) => Some(parse_options(kind, opts, Location::ScaleOption)?),
        None => None,
    };

    let items = parse_items(kind, &dto.items, scale.as_ref())?;
    let subscales = parse_subscales(&dto.subscales, &items)?;
    let bands = parse_bands(kind, &dto.bands, &items, &subscales)?;
    let matrix = match &dto.matrix {
        Some(m) => Some(parse_matrix(kind, m, &bands)?),
        None => None,
    };
    let default_theme = match &dto.default_theme {
        Some(t) => Some(parse_theme(&Location::Questionnaire, t)?),
        None => None,
    };

    let top = Location::Questionnaire;
    match kind {
        Kind::Scored if bands.is_empty() && matrix.is_none() => {
            return Err((top, DefinitionProblem::NoBands))
        }
        Kind::Reflection if default_theme.is_none() => {
            return Err((top, DefinitionProblem::NoDefaultTheme))
        }
        Kind::Triage
            if !items
                .iter()
                .flat_map(Item::options)
                .any(|o| !o.votes.is_empty()) =>
        {
            return Err((top, DefinitionProblem::NoVotes))
        }
        _ => {}
    }

    Ok(Questionnaire {
        id,
        version: dto.version,
        kind,
        title: dto.title,
        intro: dto.intro,
        summary: dto.summary,
        source: dto.source,
        licence: dto.licence,
        disclaimer: dto.disclaimer,
        notes: dto.notes,
        safety: dto.safety,
        items,
        subscales,
        bands,
        matrix,
        default_theme,
    })
}

/// Options of one item (or the shared scale). Rules: 2–[`MAX_OPTIONS`] options; labels
/// non-empty; within one item either every option has a score or none does, and scored /
/// checklist questionnaires need scores; reflection questionnaires have none; votes only
/// in triage, weight 1–[`MAX_VOTE`].
fn parse_options(
    kind: Kind,
    opts: &[OptionDto],
    loc: impl Fn(usize) -> Location,
) -> Result<Vec<ResponseOption>, Fail> {
    let any_scored = opts.iter().any(|o| o.score.is_some());
    let needs_scores = matches!(kind, Kind::Scored | Kind::Checklist) || any_scored;
    let mut out = Vec::with_capacity(opts.len());
    for (i, o) in opts.iter().enumerate() {
        let here = loc(i + 1);
        check_text(&here, "label", &o.label, LABEL_CHARS)?;
        match o.score {
            None if needs_scores => return Err((here, DefinitionProblem::ScoreMissing)),
            Some(_) if kind == Kind::Reflection => {
                return Err((here, DefinitionProblem::ScoresNotAllowed("reflection")))
            }
            Some(s) if s.abs() > MAX_ABS_SCORE => {
                return Err((here, DefinitionProblem::ScoreOutOfRange(s)))
            }
            _ => {}
        }
        if !o.votes.is_empty() && kind != Kind::Triage {
            return Err((here, DefinitionProblem::VotesOutsideTriage));
        }
        let mut votes = Vec::with_capacity(o.votes.len());
        for (theme, &w) in &o.votes {
            let t = parse_theme(&here, theme)?;
            if w == 0 || w > MAX_VOTE {
                return Err((
                    here,
                    DefinitionProblem::BadVoteWeight {
                        theme: theme.clone(),
                        max: MAX_VOTE,
                    },
                ));
            }
            votes.push((t, w));
        }
        crate::domain::shared::small_sort::sort_by_key(&mut votes, |&(t, _)| t);
        out.push(ResponseOption {
            label: o.label.clone(),
            score: o.score,
            votes,
        });
    }
    Ok(out)
}

fn parse_items(
    kind: Kind,
    raw: &[serde_json::Value],
    scale: Option<&Vec<ResponseOption>>,
) -> Result<Vec<Item>, Fail> {
    if raw.is_empty() {
        return Err((Location::Questionnaire, DefinitionProblem::NoItems));
    }
    if raw.len() > MAX_ITEMS {
        return Err((
            Location::Questionnaire,
            DefinitionProblem::TooManyItems {
                count: raw.len(),
                max: MAX_ITEMS,
            },
        ));
    }
    let mut items: Vec<Item> = Vec::with_capacity(raw.len());
    for (i, value) in raw.iter().enumerate() {
        let label = label_of(value, i);
        let here = Location::Item(label.clone());
        let dto = ItemDto::deserialize(value)
            .map_err(|e| (here.clone(), DefinitionProblem::Malformed(e.to_string())))?;
        let id = ItemId::parse(&dto.id)
            .ok_or_else(|| (here.clone(), DefinitionProblem::BadId(dto.id.clone())))?;
        if items.iter().any(|it| it.id == id) {
            return Err((here, DefinitionProblem::DuplicateItem));
        }
        check_text(&here, "text", &dto.text, ITEM_TEXT_CHARS)?;
        if let Some(h) = &dto.hint {
            check_text(&here, "hint", h, LONG_TEXT_CHARS)?;
        }
        let item_kind = match dto.item_type.as_deref().unwrap_or("choice") {
            "choice" => {
                let options = match (&dto.options, scale) {
                    (Some(own), _) => parse_options(kind, own, |n| Location::ItemOption {
                        item: label.clone(),
                        option: n,
                    })?,
                    (None, Some(shared)) => shared.clone(),
                    (None, None) => return Err((here, DefinitionProblem::NoOptions)),
                };
                if options.len() < 2 || options.len() > MAX_OPTIONS {
                    return Err((
                        here,
                        DefinitionProblem::OptionCount {
                            count: options.len(),
                            max: MAX_OPTIONS,
                        },
                    ));
                }
                if dto.reverse && options.iter().any(|o| o.score.is_none()) {
                    return Err((here, DefinitionProblem::ReverseNeedsScores));
                }
                ItemKind::Choice {
                    options,
                    reverse: dto.reverse,
                }
            }
            "text" => {
                if dto.options.is_some() {
                    return Err((here, DefinitionProblem::TextWithOptions));
                }
                if dto.reverse {
                    return Err((here, DefinitionProblem::ReverseNeedsScores));
                }
                ItemKind::Text
            }
            other => return Err((here, DefinitionProblem::UnknownItemType(other.into()))),
        };
        items.push(Item {
            id,
            text: dto.text,
            hint: dto.hint,
            kind: item_kind,
            optional: dto.optional,
        });
    }
    Ok(items)
}

fn parse_subscales(raw: &[SubscaleDto], items: &[Item]) -> Result<Vec<Subscale>, Fail> {
    if raw.len() > MAX_SUBSCALES {
        return Err((
            Location::Questionnaire,
            DefinitionProblem::TooManySubscales { max: MAX_SUBSCALES },
        ));
    }
    let mut out: Vec<Subscale> = Vec::with_capacity(raw.len());
    for dto in raw {
        let here = Location::Subscale(dto.id.clone());
        let id = parse_key(&here, &dto.id)?;
        if id.is_total() {
            return Err((here, DefinitionProblem::ReservedTotal));
        }
        if out.iter().any(|s| s.id == id) {
            return Err((here, DefinitionProblem::DuplicateSubscale));
        }
        check_text(&here, "title", &dto.title, TITLE_CHARS)?;
        if dto.items.is_empty() {
            return Err((here, DefinitionProblem::EmptySubscale));
        }
        let mut members: Vec<ItemId> = Vec::with_capacity(dto.items.len());
        for name in &dto.items {
            let item = items
                .iter()
                .find(|i| i.id.as_str() == name)
                .ok_or_else(|| (here.clone(), DefinitionProblem::UnknownItem(name.clone())))?;
            if members.contains(&item.id) {
                return Err((here, DefinitionProblem::DuplicateMember(name.clone())));
            }
            if item.score_range().is_none() {
                return Err((here, DefinitionProblem::UnscoredMember(name.clone())));
            }
            members.push(item.id.clone());
        }
        out.push(Subscale {
            id,
            title: dto.title.clone(),
            items: members,
        });
    }
    Ok(out)
}

fn scale_range(scale: &Key, items: &[Item], subscales: &[Subscale]) -> Option<(i32, i32)> {
    let members: Vec<&Item> = if scale.is_total() {
        items.iter().collect()
    } else {
        let sub = subscales.iter().find(|s| &s.id == scale)?;
        items.iter().filter(|i| sub.items.contains(&i.id)).collect()
    };
    super::range_of(members.into_iter())
}

/// Bands: keys unique; scale is `total` or a subscale; `min ≤ max`; per scale the bands,
/// sorted by `min`, neither overlap nor leave a gap, and cover the scale's possible range.
fn parse_bands(
    kind: Kind,
    raw: &[serde_json::Value],
    items: &[Item],
    subscales: &[Subscale],
) -> Result<Vec<Band>, Fail> {
    if raw.is_empty() {
        return Ok(Vec::new());
    }
    if matches!(kind, Kind::Triage | Kind::Reflection) {
        return Err((
            Location::Questionnaire,
            DefinitionProblem::BandsNotAllowed(kind_name(kind)),
        ));
    }
    let mut bands: Vec<Band> = Vec::with_capacity(raw.len());
    for (i, value) in raw.iter().enumerate() {
        let label = value
            .get("key")
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map_or_else(|| format!("#{}", i + 1), str::to_owned);
        let here = Location::Band(label);
        let dto = BandDto::deserialize(value)
            .map_err(|e| (here.clone(), DefinitionProblem::Malformed(e.to_string())))?;
        let key = parse_key(&here, &dto.key)?;
        if bands.iter().any(|b| b.key == key) {
            return Err((here, DefinitionProblem::DuplicateBand));
        }
        let scale = parse_key(&here, &dto.scale)?;
        if !scale.is_total() && !subscales.iter().any(|s| s.id == scale) {
            return Err((here, DefinitionProblem::UnknownScale(dto.scale.clone())));
        }
        if dto.min > dto.max {
            return Err((
                here,
                DefinitionProblem::BandInverted {
                    min: dto.min,
                    max: dto.max,
                },
            ));
        }
        check_text(&here, "label", &dto.label, TITLE_CHARS)?;
        check_text(&here, "explanation", &dto.explanation, LONG_TEXT_CHARS)?;
        let level = parse_level(&here, &dto.level)?;
        let theme = match &dto.theme {
            Some(t) => Some(parse_theme(&here, t)?),
            None => None,
        };
        bands.push(Band {
            key,
            scale,
            min: dto.min,
            max: dto.max,
            label: dto.label,
            explanation: dto.explanation,
            level,
            theme,
        });
    }

    // Canonical order: total first, then subscales in definition order; ascending min.
    let order: Vec<Key> = std::iter::once(Key::total())
        .chain(subscales.iter().map(|s| s.id.clone()))
        .collect();
    crate::domain::shared::small_sort::sort_by_key(&mut bands, |b| {
        (order.iter().position(|k| k == &b.scale), b.min)
    });

    let scales: BTreeSet<Key> =
        crate::domain::shared::small_sort::btree_set(bands.iter().map(|b| b.scale.clone()));
    for scale in &scales {
        let on: Vec<&Band> = bands.iter().filter(|b| &b.scale == scale).collect();
        let (lo, hi) = scale_range(scale, items, subscales).ok_or_else(|| {
            (
                Location::Questionnaire,
                DefinitionProblem::UnscoredScale(scale.to_string()),
            )
        })?;
        if on.len() > MAX_BANDS_PER_SCALE {
            return Err((
                Location::Questionnaire,
                DefinitionProblem::TooManyBands {
                    scale: scale.to_string(),
                    max: MAX_BANDS_PER_SCALE,
                },
            ));
        }
        for pair in on.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            if next.min <= prev.max {
                return Err((
                    Location::Band(next.key.to_string()),
                    DefinitionProblem::BandOverlap {
                        other: prev.key.to_string(),
                        scale: scale.to_string(),
                    },
                ));
            }
            if next.min > prev.max.saturating_add(1) {
                return Err((
                    Location::Band(next.key.to_string()),
                    DefinitionProblem::BandGap {
                        scale: scale.to_string(),
                        from: prev.max + 1,
                        to: next.min - 1,
                    },
                ));
            }
        }
        let (from, to) = match (on.first(), on.last()) {
            (Some(f), Some(l)) => (f.min, l.max),
            _ => continue,
        };
        if from > lo || to < hi {
            return Err((
                Location::Questionnaire,
                DefinitionProblem::BandsDoNotCover {
                    scale: scale.to_string(),
                    lo,
                    hi,
                    from,
                    to,
                },
            ));
        }
    }
    Ok(bands)
}

fn parse_matrix(kind: Kind, dto: &MatrixDto, bands: &[Band]) -> Result<Matrix, Fail> {
    let here = Location::Matrix;
    if matches!(kind, Kind::Triage | Kind::Reflection) {
        return Err((here, DefinitionProblem::MatrixNotAllowed(kind_name(kind))));
    }
    check_text(&here, "title", &dto.title, TITLE_CHARS)?;
    let rows = parse_key(&here, &dto.rows)?;
    let columns = parse_key(&here, &dto.columns)?;
    let count = |k: &Key| bands.iter().filter(|b| &b.scale == k).count();
    let (n_rows, n_cols) = (count(&rows), count(&columns));
    for (k, n) in [(&rows, n_rows), (&columns, n_cols)] {
        if n == 0 {
            return Err((
                here,
                DefinitionProblem::MatrixScaleWithoutBands(k.to_string()),
            ));
        }
    }
    let mut results: Vec<MatrixResult> = Vec::with_capacity(dto.results.len());
    for r in &dto.results {
        let key = parse_key(&here, &r.key)?;
        if results.iter().any(|x| x.key == key) {
            return Err((
                here,
                DefinitionProblem::DuplicateMatrixResult(r.key.clone()),
            ));
        }
        check_text(&here, "result label", &r.label, TITLE_CHARS)?;
        check_text(&here, "result explanation", &r.explanation, LONG_TEXT_CHARS)?;
        let level = parse_level(&here, &r.level)?;
        let theme = match &r.theme {
            Some(t) => Some(parse_theme(&here, t)?),
            None => None,
        };
        results.push(MatrixResult {
            key,
            label: r.label.clone(),
            explanation: r.explanation.clone(),
            level,
            theme,
        });
    }
    if dto.cells.len() != n_rows {
        return Err((
            here,
            DefinitionProblem::MatrixRows {
                scale: rows.to_string(),
                expected: n_rows,
                found: dto.cells.len(),
            },
        ));
    }
    let mut cells = Vec::with_capacity(n_rows);
    for (r, row) in dto.cells.iter().enumerate() {
        if row.len() != n_cols {
            return Err((
                here,
                DefinitionProblem::MatrixColumns {
                    row: r + 1,
                    scale: columns.to_string(),
                    expected: n_cols,
                    found: row.len(),
                },
            ));
        }
        let mut out = Vec::with_capacity(n_cols);
        for key in row {
            let idx = results
                .iter()
                .position(|x| x.key.as_str() == key)
                .ok_or_else(|| {
                    (
                        here.clone(),
                        DefinitionProblem::UnknownMatrixResult(key.clone()),
                    )
                })?;
            out.push(idx);
        }
        cells.push(out);
    }
    Ok(Matrix {
        title: dto.title.clone(),
        rows,
        columns,
        cells,
        results,
    })
}

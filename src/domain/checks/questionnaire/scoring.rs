//! Scoring rules. Named rules, each tested in `tests/questionnaire_*.rs`:
//!
//! - **answer check**: every answer names an item of this questionnaire, a choice answer
//!   picks an existing option of a choice item, a text answer goes to a text item and is at
//!   most [`MAX_TEXT_ANSWER_CHARS`] characters; every required item is answered (blank text
//!   counts as unanswered).
//! - **item score**: the chosen option's score; reverse items score `max + min − raw` where
//!   max/min are over that item's options.
//! - **optional items**: a skipped optional item contributes nothing (no prorating) and is
//!   listed in [`Flags::skipped`] so the UI can say the score may read low.
//! - **bands**: each scale with bands gets the band containing its score.
//! - **matrix**: row = band index of the row scale, column = band index of the column scale.
//! - **recommendation**: triage → votes (see [`Votes::winner`]); otherwise the first of:
//!   matrix result theme, total band theme, subscale band theme (highest level first, then
//!   definition order), `default_theme`.
//! - **safety**: [`Flags::urgent`] if the headline result ([`Outcome::level`]: the matrix
//!   result, else the total band, else the most serious subscale band) is `high`;
//!   [`Flags::show_help_lines`] if the definition says `safety` or the result is urgent.

use serde::{Deserialize, Serialize};

use super::{
    Band, ItemId, ItemKind, Key, Kind, Level, Questionnaire, QuestionnaireId, Theme,
    MAX_TEXT_ANSWER_CHARS,
};
use crate::domain::checks::answers::{Answer, Answers};
use crate::domain::shared::text::I18n;

/// Why a set of answers cannot be scored. Messages are fit to show the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoreError {
    #[error("Question {position} has not been answered yet.")]
    MissingAnswer { item: ItemId, position: usize },
    #[error("There is an answer for a question this check no longer has (\"{item}\"); it may have been updated. Please start again.")]
    UnknownItem { item: ItemId },
    #[error("The answer to question {position} is not one of its choices.")]
    NoSuchOption {
        item: ItemId,
        position: usize,
        index: usize,
    },
    #[error("Question {position} expects {expected}.")]
    WrongKind {
        item: ItemId,
        position: usize,
        expected: &'static str,
    },
    #[error("The answer to question {position} is longer than {max} characters.")]
    TextTooLong {
        item: ItemId,
        position: usize,
        max: usize,
    },
    #[error("This check cannot be scored: its definition has no band for a score of {score} on \"{scale}\". Please tell the city office.")]
    NoBand { scale: Key, score: i32 },
}

impl ScoreError {
    /// The item the error is about, for focusing it in the UI.
    pub fn item(&self) -> Option<&ItemId> {
        match self {
            ScoreError::MissingAnswer { item, .. }
            | ScoreError::UnknownItem { item }
            | ScoreError::NoSuchOption { item, .. }
            | ScoreError::WrongKind { item, .. }
            | ScoreError::TextTooLong { item, .. } => Some(item),
            ScoreError::NoBand { .. } => None,
        }
    }
}

/// A subscale's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleScore {
    pub id: Key,
    pub title: I18n,
    pub score: i32,
    pub min: i32,
    pub max: i32,
}

/// The band a scale's score fell in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BandResult {
    /// `total` or a subscale id.
    pub scale: Key,
    pub key: Key,
    pub label: I18n,
    pub explanation: I18n,
    pub level: Level,
    /// 0-based position of the band on its scale (ascending).
    pub index: usize,
}

/// The matrix cell the two scales led to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixOutcome {
    pub title: I18n,
    pub key: Key,
    pub label: I18n,
    pub explanation: I18n,
    pub level: Level,
    pub row: usize,
    pub column: usize,
}

/// Theme vote tallies of a triage questionnaire, in weekday order (zeros omitted).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Votes(pub Vec<(Theme, u32)>);

impl Votes {
    /// The tally for one theme.
    pub fn of(&self, theme: Theme) -> u32 {
        self.0
            .iter()
            .find(|(t, _)| *t == theme)
            .map_or(0, |&(_, n)| n)
    }
}

/// Flags the result page needs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Flags {
    /// Show the help lines (safety questionnaire, or an urgent result).
    pub show_help_lines: bool,
    /// The headline result is `high`: say plainly to talk to someone soon.
    pub urgent: bool,
    /// Optional items left unanswered (they counted as nothing).
    pub skipped: Vec<ItemId>,
}

/// The result of scoring one answer set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub questionnaire_id: QuestionnaireId,
    pub version: u32,
    pub kind: Kind,
    /// Sum of item scores; `None` when nothing is scored (triage, reflection).
    pub total: Option<i32>,
    /// `(min, max)` the total can take.
    pub total_range: Option<(i32, i32)>,
    pub subscales: Vec<ScaleScore>,
    /// Band per banded scale: `total` first, then subscales in definition order.
    pub bands: Vec<BandResult>,
    pub matrix: Option<MatrixOutcome>,
    /// Triage tallies (empty otherwise).
    pub votes: Votes,
    /// The recommended weekday theme, if any.
    pub theme: Option<Theme>,
    pub flags: Flags,
}

impl Outcome {
    /// The band of the `total` scale, if it has bands.
    pub fn total_band(&self) -> Option<&BandResult> {
        self.bands.iter().find(|b| b.scale.is_total())
    }

    /// The one result to headline and store in history: the matrix result, else the total
    /// band, else the first subscale band. `(key, label, level)`.
    pub fn headline(&self) -> Option<(&Key, &I18n, Level)> {
        if let Some(m) = &self.matrix {
            return Some((&m.key, &m.label, m.level));
        }
        self.total_band()
            .or_else(|| self.bands.first())
            .map(|b| (&b.key, &b.label, b.level))
    }

    /// Rule **every worry she chose has a day**: the themes her answers pointed to, the
    /// recommended one ([`Self::theme`]) first, then every other theme with votes, most
    /// votes first, ties in weekday order (Mon → Fri). Without votes (not a triage, or no
    /// vote) only the recommended theme, if any.
    pub fn worries(&self) -> Vec<Theme> {
        let mut rest: Vec<(Theme, u32)> = self
            .votes
            .0
            .iter()
            .copied()
            .filter(|&(t, _)| Some(t) != self.theme)
            .collect();
        // Stable: the tallies are stored in weekday order, so ties stay Mon → Fri.
        crate::domain::shared::small_sort::sort_by_key(&mut rest, |&(_, n)| std::cmp::Reverse(n));
        self.theme
            .into_iter()
            .chain(rest.into_iter().map(|(t, _)| t))
            .collect()
    }

    /// The headline level (see [`Self::headline`]); without a matrix or total band, the
    /// most serious subscale band.
    pub fn level(&self) -> Option<Level> {
        if let Some(m) = &self.matrix {
            return Some(m.level);
        }
        match self.total_band() {
            Some(b) => Some(b.level),
            None => self.bands.iter().map(|b| b.level).max(),
        }
    }
}

impl Questionnaire {
    /// Checks one answer against its item (what the UI calls as the user answers).
    pub fn check_answer(&self, item: &ItemId, answer: &Answer) -> Result<(), ScoreError> {
        let position = self
            .item_index(item)
            .ok_or_else(|| ScoreError::UnknownItem { item: item.clone() })?
            + 1;
        let it = &self.items[position - 1];
        match (&it.kind, answer) {
            (ItemKind::Choice { options, .. }, Answer::Choice(i)) => {
                if *i < options.len() {
                    Ok(())
                } else {
                    Err(ScoreError::NoSuchOption {
                        item: item.clone(),
                        position,
                        index: *i,
                    })
                }
            }
            (ItemKind::Text, Answer::Text(s)) => {
                if s.chars().count() <= MAX_TEXT_ANSWER_CHARS {
                    Ok(())
                } else {
                    Err(ScoreError::TextTooLong {
                        item: item.clone(),
                        position,
                        max: MAX_TEXT_ANSWER_CHARS,
                    })
                }
            }
            (ItemKind::Choice { .. }, Answer::Text(_)) => Err(ScoreError::WrongKind {
                item: item.clone(),
                position,
                expected: "a choice",
            }),
            (ItemKind::Text, Answer::Choice(_)) => Err(ScoreError::WrongKind {
                item: item.clone(),
                position,
                expected: "text",
            }),
        }
    }

    /// Whether every required item has an answer (the UI enables "see result").
    pub fn is_complete(&self, answers: &Answers) -> bool {
        self.items
            .iter()
            .all(|i| i.optional || answers.get(&i.id).is_some_and(|a| !a.is_blank()))
    }

    /// Scores an answer set. See the module docs for the rules.
    pub fn score(&self, answers: &Answers) -> Result<Outcome, ScoreError> {
        for (id, answer) in answers.iter() {
            self.check_answer(id, answer)?;
        }

        let mut item_scores: Vec<Option<i32>> = Vec::with_capacity(self.items.len());
        let mut skipped = Vec::new();
        let mut tally = [0u32; 5];
        for (pos, item) in self.items.iter().enumerate() {
            let answer = answers.get(&item.id).filter(|a| !a.is_blank());
            let Some(answer) = answer else {
                if item.optional {
                    skipped.push(item.id.clone());
                    item_scores.push(None);
                    continue;
                }
                return Err(ScoreError::MissingAnswer {
                    item: item.id.clone(),
                    position: pos + 1,
                });
            };
            let score = match (&item.kind, answer) {
                (ItemKind::Choice { options, reverse }, Answer::Choice(i)) => {
                    let chosen = options.get(*i);
                    for &(t, w) in chosen.map(|o| o.votes.as_slice()).unwrap_or_default() {
                        tally[theme_index(t)] += w;
                    }
                    chosen.and_then(|o| o.score).map(|raw| {
                        if *reverse {
                            reverse_score(options.iter().filter_map(|o| o.score), raw)
                        } else {
                            raw
                        }
                    })
                }
                _ => None,
            };
            item_scores.push(score);
        }

        let sum_of = |pred: &dyn Fn(&ItemId) -> bool| -> i32 {
            self.items
                .iter()
                .zip(&item_scores)
                .filter(|(i, _)| pred(&i.id))
                .filter_map(|(_, s)| *s)
                .sum()
        };

        let total_range = self.total_range();
        let total = total_range.map(|_| sum_of(&|_| true));
        let subscales: Vec<ScaleScore> = self
            .subscales
            .iter()
            .map(|s| {
                let (min, max) = self.scale_range(&s.id).unwrap_or((0, 0));
                ScaleScore {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    score: sum_of(&|id| s.items.contains(id)),
                    min,
                    max,
                }
            })
            .collect();

        let score_of = |scale: &Key| -> Option<i32> {
            if scale.is_total() {
                total
            } else {
                subscales.iter().find(|s| &s.id == scale).map(|s| s.score)
            }
        };

        let mut bands: Vec<BandResult> = Vec::new();
        let mut band_themes: Vec<(Level, Option<Theme>, bool)> = Vec::new();
        let mut scales: Vec<&Key> = Vec::new();
        for b in &self.bands {
            if !scales.contains(&&b.scale) {
                scales.push(&b.scale);
            }
        }
        for scale in scales {
            let score = score_of(scale).unwrap_or(0);
            let on: Vec<&Band> = self.bands_of(scale).collect();
            let (index, band) = on
                .iter()
                .enumerate()
                .find(|(_, b)| b.min <= score && score <= b.max)
                .ok_or_else(|| ScoreError::NoBand {
                    scale: scale.clone(),
                    score,
                })?;
            band_themes.push((band.level, band.theme, scale.is_total()));
            bands.push(BandResult {
                scale: scale.clone(),
                key: band.key.clone(),
                label: band.label.clone(),
                explanation: band.explanation.clone(),
                level: band.level,
                index,
            });
        }

        let mut matrix_theme = None;
        let matrix = match &self.matrix {
            Some(m) => {
                let idx = |scale: &Key| bands.iter().find(|b| &b.scale == scale).map(|b| b.index);
                let (row, column) = (idx(&m.rows), idx(&m.columns));
                let cell = row
                    .zip(column)
                    .and_then(|(r, c)| Some((r, c, *m.cells.get(r)?.get(c)?)));
                match cell.and_then(|(r, c, k)| Some((r, c, m.results.get(k)?))) {
                    Some((row, column, res)) => {
                        matrix_theme = res.theme;
                        Some(MatrixOutcome {
                            title: m.title.clone(),
                            key: res.key.clone(),
                            label: res.label.clone(),
                            explanation: res.explanation.clone(),
                            level: res.level,
                            row,
                            column,
                        })
                    }
                    None => {
                        return Err(ScoreError::NoBand {
                            scale: m.rows.clone(),
                            score: score_of(&m.rows).unwrap_or(0),
                        })
                    }
                }
            }
            None => None,
        };

        let votes = Votes(
            Theme::ALL
                .into_iter()
                .zip(tally)
                .filter(|&(_, n)| n > 0)
                .collect(),
        );

        let theme = if self.kind == Kind::Triage {
            triage_winner(self, answers, &tally).or(self.default_theme)
        } else {
            let total_theme = band_themes
                .iter()
                .find(|(_, _, is_total)| *is_total)
                .and_then(|(_, t, _)| *t);
            let mut subs: Vec<&(Level, Option<Theme>, bool)> = band_themes
                .iter()
                .filter(|(_, t, is_total)| !is_total && t.is_some())
                .collect();
            // Stable sort: highest level first, definition order kept on ties.
            crate::domain::shared::small_sort::sort_by_key(&mut subs, |b| std::cmp::Reverse(b.0));
            matrix_theme
                .or(total_theme)
                .or_else(|| subs.first().and_then(|(_, t, _)| *t))
                .or(self.default_theme)
        };

        let mut outcome = Outcome {
            questionnaire_id: self.id.clone(),
            version: self.version,
            kind: self.kind,
            total,
            total_range,
            subscales,
            bands,
            matrix,
            votes,
            theme,
            flags: Flags {
                show_help_lines: self.safety,
                urgent: false,
                skipped,
            },
        };
        let urgent = outcome.level() == Some(Level::High);
        outcome.flags.urgent = urgent;
        outcome.flags.show_help_lines = self.safety || urgent;
        Ok(outcome)
    }
}

/// Rule **reverse score**: `max + min − raw` over the item's option scores.
fn reverse_score(scores: impl Iterator<Item = i32> + Clone, raw: i32) -> i32 {
    let max = scores.clone().max().unwrap_or(raw);
    let min = scores.min().unwrap_or(raw);
    max + min - raw
}

fn theme_index(t: Theme) -> usize {
    Theme::ALL.iter().position(|&x| x == t).unwrap_or(0)
}

/// Rule **triage winner**: the theme with the highest tally. Tie-break: walk the items in
/// questionnaire order; the first answered item whose chosen option gives one of the tied
/// themes strictly more weight than the others decides. If no item separates them, the
/// earliest weekday wins (Mon → Fri). No votes at all → `None`.
fn triage_winner(q: &Questionnaire, answers: &Answers, tally: &[u32; 5]) -> Option<Theme> {
    let best = *tally.iter().max()?;
    if best == 0 {
        return None;
    }
    let tied: Vec<Theme> = Theme::ALL
        .into_iter()
        .filter(|&t| tally[theme_index(t)] == best)
        .collect();
    if tied.len() == 1 {
        return tied.first().copied();
    }
    for item in &q.items {
        let Some(Answer::Choice(i)) = answers.get(&item.id) else {
            continue;
        };
        let Some(opt) = item.options().get(*i) else {
            continue;
        };
        let weight = |t: Theme| {
            opt.votes
                .iter()
                .find(|(v, _)| *v == t)
                .map_or(0, |&(_, w)| w)
        };
        let top = tied.iter().map(|&t| weight(t)).max().unwrap_or(0);
        let leaders: Vec<Theme> = tied.iter().copied().filter(|&t| weight(t) == top).collect();
        if top > 0 && leaders.len() == 1 {
            return leaders.first().copied();
        }
    }
    tied.first().copied()
}

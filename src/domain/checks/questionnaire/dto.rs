//! Feed DTOs: the exact JSON shape of a questionnaire definition (see
//! `docs/feed-questionnaires.md`). Unknown fields are rejected so that a typo such as
//! `"revers": true` cannot silently change scoring. Theme, kind and level stay strings here
//! so that an unknown value is reported with its location by the `TryFrom` step.
//!
//! `items` and `bands` are kept as raw JSON values and parsed one by one, so a malformed
//! item is reported as `questionnaire "x" item "y": …` rather than a bare serde message.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::shared::text::I18n;

/// One questionnaire in the feed's `questionnaires` array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireDto {
    pub id: String,
    pub version: u32,
    /// `scored` | `triage` | `reflection` | `checklist`.
    pub kind: String,
    pub title: I18n,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<I18n>,
    /// What the check is, for its card in the list (else the card shows `intro`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<I18n>,
    /// Source / attribution (required).
    pub source: I18n,
    /// Licence / permission text (required).
    pub licence: I18n,
    /// e.g. 「これは診断ではありません」.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclaimer: Option<I18n>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<I18n>,
    /// Show help lines whatever the score.
    #[serde(default)]
    pub safety: bool,
    /// Options shared by every choice item that has no `options` of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<OptionDto>>,
    /// Each element is an [`ItemDto`].
    pub items: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subscales: Vec<SubscaleDto>,
    /// Each element is a [`BandDto`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<MatrixDto>,
    /// Theme key used when no band / matrix / vote gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_theme: Option<String>,
}

/// One item (question).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDto {
    pub id: String,
    pub text: I18n,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<I18n>,
    /// `choice` (default) | `text`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub item_type: Option<String>,
    /// Own options (per-item weights); otherwise the questionnaire's `scale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionDto>>,
    #[serde(default)]
    pub reverse: bool,
    #[serde(default)]
    pub optional: bool,
}

/// One response option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionDto {
    pub label: I18n,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i32>,
    /// Theme key → vote weight (triage only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<String, u32>,
}

/// A subscale: named sum of items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscaleDto {
    pub id: String,
    pub title: I18n,
    pub items: Vec<String>,
}

/// A band on a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BandDto {
    pub key: String,
    /// `total` (default) or a subscale id.
    #[serde(default = "total")]
    pub scale: String,
    pub min: i32,
    pub max: i32,
    pub label: I18n,
    pub explanation: I18n,
    /// `info` | `mild` | `moderate` | `high`.
    pub level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

fn total() -> String {
    "total".to_owned()
}

/// The 2-D lookup table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixDto {
    pub title: I18n,
    /// Scale whose band picks the row.
    pub rows: String,
    /// Scale whose band picks the column.
    pub columns: String,
    /// `cells[row][column]` = a result key; rows/columns in ascending band order.
    pub cells: Vec<Vec<String>>,
    pub results: Vec<MatrixResultDto>,
}

/// A possible matrix result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixResultDto {
    pub key: String,
    pub label: I18n,
    pub explanation: I18n,
    pub level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
}

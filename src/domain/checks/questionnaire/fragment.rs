//! The checks part of the feed: `{"questionnaires": [...], "help_lines": [...]}` (the demo
//! fragment is `feed-src/checks.json`). Each entry is loaded on its own: a bad one is
//! reported, the others load.

use serde::Deserialize;

use super::{load_all, DefinitionError, Questionnaire};
use crate::domain::checks::helplines::{load_help_lines, HelpLine, HelpLineError};

/// Why the fragment as a whole could not be read (individual entries never cause this).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FragmentError {
    #[error("The self-check data could not be read: {0}")]
    Malformed(String),
}

/// What loaded, and what was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChecksFragment {
    pub questionnaires: Vec<Questionnaire>,
    pub help_lines: Vec<HelpLine>,
    pub questionnaire_errors: Vec<DefinitionError>,
    pub help_line_errors: Vec<HelpLineError>,
}

impl ChecksFragment {
    /// Every rejection as a message for the city office's feed check.
    pub fn error_messages(&self) -> Vec<String> {
        self.questionnaire_errors
            .iter()
            .map(ToString::to_string)
            .chain(self.help_line_errors.iter().map(ToString::to_string))
            .collect()
    }
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    questionnaires: Vec<serde_json::Value>,
    #[serde(default)]
    help_lines: Vec<serde_json::Value>,
}

/// Loads the fragment from a JSON value (e.g. the `checks` part of the whole feed).
pub fn load_checks(value: serde_json::Value) -> Result<ChecksFragment, FragmentError> {
    let raw: Raw = Raw::deserialize(&value).map_err(|e| FragmentError::Malformed(e.to_string()))?;
    let (questionnaires, questionnaire_errors) = load_all(&raw.questionnaires);
    let (help_lines, help_line_errors) = load_help_lines(raw.help_lines);
    Ok(ChecksFragment {
        questionnaires,
        help_lines,
        questionnaire_errors,
        help_line_errors,
    })
}

/// Loads the fragment from JSON text.
pub fn load_checks_str(json: &str) -> Result<ChecksFragment, FragmentError> {
    let value = serde_json::from_str(json).map_err(|e| FragmentError::Malformed(e.to_string()))?;
    load_checks(value)
}

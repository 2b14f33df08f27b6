//! Consultation lines (相談窓口) shown on self-check result pages, e.g. after K6 whatever
//! the score. Feed `help_lines`: JSON → [`HelpLineDto`] → `TryFrom` → [`HelpLine`].
//! A bad entry is rejected with its id and field; the others load ([`load_help_lines`]).

use serde::{Deserialize, Serialize};

use crate::domain::checks::questionnaire::is_valid_id;
use crate::domain::shared::text::I18n;

const NAME_CHARS: usize = 120;
const TEXT_CHARS: usize = 1000;
/// Longest URL accepted.
pub const MAX_URL_CHARS: usize = 300;

/// Feed form of one help line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpLineDto {
    pub id: String,
    pub name: I18n,
    /// As printed, e.g. `0120-279-889`: digits and hyphens, 3–11 digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub hours: I18n,
    /// `https://` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub description: I18n,
    /// A sample entry whose details are not confirmed (the UI marks it 見本).
    #[serde(default)]
    pub demo: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<I18n>,
}

/// A phone number as printed, known to contain only digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    display: String,
    digits: String,
}

impl Phone {
    /// Rule **phone number**: digits, hyphens and spaces only; 3–11 digits.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        {
            return None;
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        (3..=11).contains(&digits.len()).then(|| Self {
            display: s.to_owned(),
            digits,
        })
    }
    /// As printed, e.g. `0120-279-889`.
    pub fn display(&self) -> &str {
        &self.display
    }
    /// For an `<a href>`: `tel:0120279889`.
    pub fn tel_href(&self) -> String {
        format!("tel:{}", self.digits)
    }
}

/// A validated help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub id: String,
    pub name: I18n,
    pub phone: Option<Phone>,
    pub hours: I18n,
    /// Always `https://…`.
    pub url: Option<String>,
    pub description: I18n,
    pub demo: bool,
    pub note: Option<I18n>,
}

/// What is wrong with a help line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HelpLineProblem {
    #[error("not a valid entry: {0}")]
    Malformed(String),
    #[error("id \"{0}\" must be 1–40 characters of a-z, 0-9, - or _")]
    BadId(String),
    #[error("an entry with this id was already loaded")]
    Duplicate,
    #[error("{0} is empty")]
    EmptyText(&'static str),
    #[error("{field} is longer than {max} characters")]
    TextTooLong { field: &'static str, max: usize },
    #[error("phone \"{0}\" is not a phone number (digits and hyphens, 3–11 digits)")]
    BadPhone(String),
    #[error("url \"{0}\" must start with https:// and contain no spaces")]
    BadUrl(String),
    #[error("needs a phone number or a url")]
    NoContact,
}

/// A rejected help line: `help line "dv-plus": phone "abc" is not a phone number …`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("help line \"{line}\": {problem}")]
pub struct HelpLineError {
    /// The id as written, or `#n` (1-based position).
    pub line: String,
    pub problem: HelpLineProblem,
}

fn check(field: &'static str, t: &I18n, max: usize) -> Result<(), HelpLineProblem> {
    if t.ja.trim().is_empty() {
        return Err(HelpLineProblem::EmptyText(field));
    }
    if t.ja.chars().count() > max || t.en.as_ref().is_some_and(|e| e.chars().count() > max) {
        return Err(HelpLineProblem::TextTooLong { field, max });
    }
    Ok(())
}

/// Rule **https url**: `https://`, a host, no whitespace or control characters.
pub fn is_https_url(s: &str) -> bool {
    s.len() <= MAX_URL_CHARS
        && s.strip_prefix("https://").is_some_and(|rest| {
            !rest.is_empty() && !rest.starts_with('/') && rest.chars().all(|c| c.is_ascii_graphic())
        })
}

impl TryFrom<HelpLineDto> for HelpLine {
    type Error = HelpLineProblem;
    fn try_from(dto: HelpLineDto) -> Result<Self, Self::Error> {
        if !is_valid_id(&dto.id) {
            return Err(HelpLineProblem::BadId(dto.id));
        }
        check("name", &dto.name, NAME_CHARS)?;
        check("hours", &dto.hours, TEXT_CHARS)?;
        check("description", &dto.description, TEXT_CHARS)?;
        if let Some(n) = &dto.note {
            check("note", n, TEXT_CHARS)?;
        }
        let phone = match &dto.phone {
            Some(p) => Some(Phone::parse(p).ok_or_else(|| HelpLineProblem::BadPhone(p.clone()))?),
            None => None,
        };
        if let Some(u) = &dto.url {
            if !is_https_url(u) {
                return Err(HelpLineProblem::BadUrl(u.clone()));
            }
        }
        if phone.is_none() && dto.url.is_none() {
            return Err(HelpLineProblem::NoContact);
        }
        Ok(Self {
            id: dto.id,
            name: dto.name,
            phone,
            hours: dto.hours,
            url: dto.url,
            description: dto.description,
            demo: dto.demo,
            note: dto.note,
        })
    }
}

/// Parses every help line; bad ones (and later duplicates of an id) become errors, the
/// others load in feed order.
pub fn load_help_lines(values: Vec<serde_json::Value>) -> (Vec<HelpLine>, Vec<HelpLineError>) {
    let mut good: Vec<HelpLine> = Vec::new();
    let mut errors = Vec::new();
    for (i, value) in values.into_iter().enumerate() {
        let line = value
            .get("id")
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map_or_else(|| format!("#{}", i + 1), str::to_owned);
        let parsed = HelpLineDto::deserialize(&value)
            .map_err(|e| HelpLineProblem::Malformed(e.to_string()))
            .and_then(HelpLine::try_from)
            .and_then(|h| {
                if good.iter().any(|g| g.id == h.id) {
                    Err(HelpLineProblem::Duplicate)
                } else {
                    Ok(h)
                }
            });
        match parsed {
            Ok(h) => good.push(h),
            Err(problem) => errors.push(HelpLineError { line, problem }),
        }
    }
    (good, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_rule() {
        let cases = [
            ("0120-279-889", Some("tel:0120279889")),
            ("0166-00-0000", Some("tel:0166000000")),
            ("189", Some("tel:189")),
            ("090 1234 5678", Some("tel:09012345678")),
            ("12", None),
            ("0120-279-889-1234", None),
            ("０１２０", None),
            ("javascript:alert(1)", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                Phone::parse(input).map(|p| p.tel_href()).as_deref(),
                want,
                "{input}"
            );
        }
    }

    #[test]
    fn url_rule() {
        for ok in ["https://kokoro.mhlw.go.jp/", "https://soudanplus.jp/"] {
            assert!(is_https_url(ok), "{ok}");
        }
        for bad in [
            "http://example.jp/",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://a b",
            "HTTPS://x",
        ] {
            assert!(!is_https_url(bad), "{bad}");
        }
    }
}

//! The static JSON feed the city publishes (format: `docs/feed-format.md`).
//!
//! The feed is untrusted input. [`parse_feed`] takes the raw response text and either
//! returns a complete, validated [`Feed`] or a [`FeedError`] that says what is wrong and
//! where. There is no partial acceptance of the core: the app keeps its last good copy
//! when a new one fails. (Questionnaires are the one exception: a bad questionnaire is
//! dropped with its own error while the rest of the feed is accepted.)

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use ed25519_dalek::VerifyingKey;

use crate::domain::keys::{KeyListDto, KeySet};
use crate::domain::schedule::{Schedule, ScheduleDto};
use crate::domain::shops::{Directory, ShopDto};
use crate::domain::text::I18n;
use crate::domain::used::{UsedBatchDto, UsedSet};

/// The `format` string every feed carries.
pub const FEED_FORMAT: &str = "jokatsu-feed";
/// The feed schema version this app reads.
pub const FEED_VERSION: u32 = 1;
/// Feeds larger than this are refused before parsing (bytes of UTF-8 text).
pub const FEED_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Why a feed was refused. Messages are shown to the user in the feed notice.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FeedError {
    #[error("the feed is too large ({bytes} bytes; the limit is {limit})")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the feed is empty")]
    Empty,
    #[error("the server sent a web page instead of the feed")]
    Html,
    #[error("the feed is not valid JSON (line {line}, column {column}): {reason}")]
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("the feed ends too early (line {line}, column {column}): it may have been cut off")]
    Truncated { line: usize, column: usize },
    #[error("this is not a JOKATSU feed (format {found:?})")]
    WrongFormat { found: String },
    #[error("the feed has version {found}; this app reads version {supported}")]
    UnsupportedVersion { found: u32, supported: u32 },
    #[error("the feed is invalid at {path}: {reason}")]
    Invalid { path: String, reason: String },
}

/// Metadata about the feed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedMeta {
    /// When the city generated this feed.
    pub generated_at: DateTime<Utc>,
    /// Demo data: the UI marks it visibly.
    pub demo: bool,
    /// Publisher, e.g. 旭川市 (見本).
    pub publisher: I18n,
}

/// The feed's JSON shape before validation (the DTO).
#[derive(Debug, Clone, Deserialize)]
pub struct FeedDto {
    pub format: String,
    pub version: u32,
    pub generated_at: DateTime<Utc>,
    #[serde(default)]
    pub demo: bool,
    pub publisher: I18n,
    /// Each section is validated by its own module.
    #[serde(default)]
    pub schedule: Option<ScheduleDto>,
    #[serde(default)]
    pub questionnaires: Vec<Value>,
    #[serde(default)]
    pub help_lines: Option<Value>,
    #[serde(default)]
    pub keys: Option<KeyListDto>,
    #[serde(default)]
    pub shops: Vec<ShopDto>,
    #[serde(default)]
    pub used: Vec<UsedBatchDto>,
}

/// A validated feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub meta: FeedMeta,
    pub sections: Sections,
}

/// The sections of a validated feed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sections {
    /// The career health room schedule (`docs/feed-schedule.md`).
    pub schedule: Option<Schedule>,
    pub questionnaires: Vec<Value>,
    pub help_lines: Option<Value>,
    /// Ticket issuer keys, verified against the root key (`docs/feed-tickets.md`).
    pub keys: KeySet,
    /// Certified shops.
    pub shops: Directory,
    /// Tickets already settled (per-batch bitmaps).
    pub used: UsedSet,
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html") || head.starts_with('<')
}

/// Parse and validate the raw text of a feed. `root` is the root public key compiled into
/// the app: the feed's issuer key list must be signed by it, or the whole feed is refused.
pub fn parse_feed(text: &str, root: &VerifyingKey) -> Result<Feed, FeedError> {
    if text.len() > FEED_MAX_BYTES {
        return Err(FeedError::TooLarge {
            bytes: text.len(),
            limit: FEED_MAX_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FeedError::Empty);
    }
    if looks_like_html(text) {
        return Err(FeedError::Html);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FeedError::Truncated {
                line: e.line(),
                column: e.column(),
            }
        } else {
            FeedError::NotJson {
                line: e.line(),
                column: e.column(),
                reason: e.to_string(),
            }
        }
    })?;
    // Check format and version before the full shape, so a future feed gets the right message.
    let format = value
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if format != FEED_FORMAT {
        return Err(FeedError::WrongFormat {
            found: format.to_string(),
        });
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(FEED_VERSION) => {}
        Some(v) => {
            return Err(FeedError::UnsupportedVersion {
                found: u32::try_from(v).unwrap_or(u32::MAX),
                supported: FEED_VERSION,
            })
        }
        None => {
            return Err(FeedError::Invalid {
                path: "version".into(),
                reason: "missing or not a number".into(),
            })
        }
    }
    let dto: FeedDto = serde_path_to_error::deserialize(value).map_err(|e| FeedError::Invalid {
        path: e.path().to_string(),
        reason: e.inner().to_string(),
    })?;
    Feed::from_dto(dto, root)
}

fn invalid(path: &str, e: impl std::fmt::Display) -> FeedError {
    FeedError::Invalid {
        path: path.into(),
        reason: e.to_string(),
    }
}

impl Feed {
    /// Validate a DTO into a feed (see [`parse_feed`]).
    pub fn from_dto(dto: FeedDto, root: &VerifyingKey) -> Result<Self, FeedError> {
        if dto.publisher.ja.trim().is_empty() {
            return Err(FeedError::Invalid {
                path: "publisher.ja".into(),
                reason: "empty".into(),
            });
        }
        let schedule = dto
            .schedule
            .map(Schedule::try_from)
            .transpose()
            .map_err(|e| invalid("schedule", e))?;
        let keys = match &dto.keys {
            Some(k) => KeySet::from_feed(k, root).map_err(|e| invalid("keys", e))?,
            None => KeySet::default(),
        };
        let shops = Directory::from_dto(&dto.shops).map_err(|e| invalid("shops", e))?;
        let used = UsedSet::from_dto(&dto.used).map_err(|e| invalid("used", e))?;
        Ok(Feed {
            meta: FeedMeta {
                generated_at: dto.generated_at,
                demo: dto.demo,
                publisher: dto.publisher,
            },
            sections: Sections {
                schedule,
                questionnaires: dto.questionnaires,
                help_lines: dto.help_lines,
                keys,
                shops,
                used,
            },
        })
    }
}

/// The cached last good feed, persisted in browser storage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CachedFeed {
    /// The raw feed text exactly as received (re-validated on every load).
    pub body: String,
    /// When it was fetched and accepted.
    pub fetched_at: Option<DateTime<Utc>>,
}

impl crate::domain::persist::Persisted for CachedFeed {
    const KEY: &'static str = "jokatsu.feed";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::keys::demo;

    fn parse_feed(text: &str) -> Result<Feed, FeedError> {
        super::parse_feed(text, &demo::root_signing_key().verifying_key())
    }

    const GOOD: &str = r#"{"format":"jokatsu-feed","version":1,"generated_at":"2026-11-20T00:00:00Z","demo":true,"publisher":{"ja":"旭川市（見本）","en":"City of Asahikawa (demo)"}}"#;

    #[test]
    fn accepts_a_minimal_feed() {
        let feed = parse_feed(GOOD);
        assert!(
            matches!(
                feed,
                Ok(Feed {
                    meta: FeedMeta { demo: true, .. },
                    ..
                })
            ),
            "{feed:?}"
        );
    }

    #[test]
    fn refuses_each_kind_of_bad_answer_with_its_own_reason() {
        let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(FEED_MAX_BYTES));
        type Check = fn(&FeedError) -> bool;
        let cases: Vec<(String, Check)> = vec![
            ("".into(), |e| matches!(e, FeedError::Empty)),
            (
                "<!DOCTYPE html><html><body>404 Not Found</body></html>".into(),
                |e| matches!(e, FeedError::Html),
            ),
            (GOOD[..GOOD.len() / 2].to_string(), |e| {
                matches!(e, FeedError::Truncated { .. })
            }),
            ("{\"format\": jokatsu}".into(), |e| {
                matches!(e, FeedError::NotJson { .. })
            }),
            (GOOD.replace("jokatsu-feed", "other"), |e| {
                matches!(e, FeedError::WrongFormat { .. })
            }),
            (GOOD.replace("\"version\":1", "\"version\":2"), |e| {
                matches!(
                    e,
                    FeedError::UnsupportedVersion {
                        found: 2,
                        supported: 1
                    }
                )
            }),
            (
                GOOD.replace("\"demo\":true", "\"demo\":\"yes\""),
                |e| matches!(e, FeedError::Invalid { path, .. } if path == "demo"),
            ),
            (
                GOOD.replace("2026-11-20T00:00:00Z", "yesterday"),
                |e| matches!(e, FeedError::Invalid { path, .. } if path == "generated_at"),
            ),
            (big, |e| matches!(e, FeedError::TooLarge { .. })),
        ];
        for (text, check) in cases {
            let err = parse_feed(&text).err();
            assert!(
                err.as_ref().is_some_and(check),
                "{:?} -> {err:?}",
                &text[..text.len().min(60)]
            );
        }
    }

    #[test]
    fn a_deep_type_error_names_its_path() {
        let text = GOOD.replace(
            "\"publisher\":{\"ja\":\"旭川市（見本）\"",
            "\"publisher\":{\"ja\":5",
        );
        match parse_feed(&text) {
            Err(FeedError::Invalid { path, .. }) => assert_eq!(path, "publisher.ja"),
            other => panic!("{other:?}"),
        }
    }
}

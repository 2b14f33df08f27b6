//! The static JSON feed the city publishes (format: `docs/feed-format.md`).
//!
//! The feed is untrusted input. [`parse_feed`] takes the raw response text and either
//! returns a complete, validated [`Feed`] or a [`FeedError`] that says what is wrong and
//! where. There is no partial acceptance of the core: the app keeps its last good copy
//! when a new one fails. (Questionnaires are the one exception: a bad questionnaire is
//! dropped with its own error while the rest of the feed is accepted.)

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use thiserror::Error;

use ed25519_dalek::VerifyingKey;

use crate::domain::schedule::{Schedule, ScheduleDto};
use crate::domain::shared::json_path::{bare_message, path_at};
use crate::domain::shared::text::I18n;
use crate::domain::tickets::keys::{KeyListDto, KeySet};
use crate::domain::tickets::shops::{Directory, ShopDto};
use crate::domain::tickets::used::{UsedBatchDto, UsedSet};

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

/// The feed's JSON shape before validation (the DTO). Sections stay raw JSON here: each
/// entry page validates the sections it uses (see [`Parts`]).
#[derive(Debug, Deserialize)]
pub struct FeedDto<'a> {
    pub format: String,
    pub version: u32,
    pub generated_at: DateTime<Utc>,
    #[serde(default)]
    pub demo: bool,
    pub publisher: I18n,
    #[serde(default, borrow)]
    pub schedule: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub questionnaires: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub help_lines: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub keys: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub shops: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub used: Option<&'a RawValue>,
}

/// A validated feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub meta: FeedMeta,
    pub sections: Sections,
}

/// The sections of a validated feed (those the entry page asked for; the others are empty).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sections {
    /// The career health room schedule (`docs/feed-schedule.md`).
    pub schedule: Option<Schedule>,
    /// Self-check definitions, each validated on its own by the questionnaire engine.
    pub questionnaires: Vec<Value>,
    /// Consultation lines.
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

/// Just enough of the feed to check its format and version before its shape, so that a
/// feed of a future version gets the right message. Parsing it also checks the syntax.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    format: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
}

fn section<T: serde::de::DeserializeOwned>(name: &str, raw: &RawValue) -> Result<T, FeedError> {
    serde_json::from_str(raw.get()).map_err(|e| {
        let inner = path_at(raw.get(), e.line(), e.column());
        FeedError::Invalid {
            path: if inner.is_empty() {
                name.to_string()
            } else if inner.starts_with('[') {
                format!("{name}{inner}")
            } else {
                format!("{name}.{inner}")
            },
            reason: bare_message(&e),
        }
    })
}

/// Which sections a caller wants validated and kept. Each app asks for the sections it
/// shows (its declaration in `src/apps/`); the others are skipped unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wanted {
    /// `schedule` (the career health room).
    pub schedule: bool,
    /// `questionnaires` and `help_lines` (self-checks).
    pub checks: bool,
    /// `keys`, `shops` and `used` (the ticket chain; needs the root key).
    pub tickets: bool,
}

impl Wanted {
    /// Every section.
    pub const ALL: Wanted = Wanted {
        schedule: true,
        checks: true,
        tickets: true,
    };
    /// The envelope only.
    pub const NONE: Wanted = Wanted {
        schedule: false,
        checks: false,
        tickets: false,
    };
}

/// Parse and validate the whole feed (every section). `root` is the root public key
/// compiled into the app: the issuer key list must be signed by it, or the whole feed is
/// refused.
pub fn parse_feed(text: &str, root: &VerifyingKey) -> Result<Feed, FeedError> {
    parse(text, Wanted::ALL, Some(root))
}

/// Parse and validate the feed's envelope and the `wanted` sections (`tickets` needs
/// `root`). Sections not wanted are left empty in [`Sections`].
// Inlined into each app's one caller, where `wanted` is a constant: the parsers of
// sections an app does not show are then dead code and stay out of its WebAssembly.
#[inline(always)]
pub fn parse(text: &str, wanted: Wanted, root: Option<&VerifyingKey>) -> Result<Feed, FeedError> {
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
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FeedError::Truncated {
                line: e.line(),
                column: e.column(),
            }
        } else if e.is_data() {
            FeedError::WrongFormat {
                found: String::new(),
            }
        } else {
            FeedError::NotJson {
                line: e.line(),
                column: e.column(),
                reason: e.to_string(),
            }
        }
    })?;
    let format = probe
        .format
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or_default();
    if format != FEED_FORMAT {
        return Err(FeedError::WrongFormat {
            found: format.to_string(),
        });
    }
    match probe.version.as_ref().and_then(Value::as_u64) {
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
    let dto: FeedDto = serde_json::from_str(text).map_err(|e| FeedError::Invalid {
        path: path_at(text, e.line(), e.column()),
        reason: bare_message(&e),
    })?;
    if dto.publisher.ja.trim().is_empty() {
        return Err(FeedError::Invalid {
            path: "publisher.ja".into(),
            reason: "empty".into(),
        });
    }
    let mut sections = Sections::default();
    if wanted.schedule {
        if let Some(raw) = dto.schedule {
            let schedule: ScheduleDto = section("schedule", raw)?;
            sections.schedule =
                Some(Schedule::try_from(schedule).map_err(|e| invalid("schedule", e))?);
        }
    }
    if wanted.checks {
        if let Some(raw) = dto.questionnaires {
            sections.questionnaires = section("questionnaires", raw)?;
        }
        if let Some(raw) = dto.help_lines {
            sections.help_lines = Some(section("help_lines", raw)?);
        }
    }
    if wanted.tickets {
        if let Some(raw) = dto.keys {
            let keys: KeyListDto = section("keys", raw)?;
            let root = root.ok_or_else(|| invalid("keys", "no root key to check the key list"))?;
            sections.keys = KeySet::from_feed(&keys, root).map_err(|e| invalid("keys", e))?;
        }
        if let Some(raw) = dto.shops {
            let shops: Vec<ShopDto> = section("shops", raw)?;
            sections.shops = Directory::from_dto(&shops).map_err(|e| invalid("shops", e))?;
        }
        if let Some(raw) = dto.used {
            let used: Vec<UsedBatchDto> = section("used", raw)?;
            sections.used = UsedSet::from_dto(&used).map_err(|e| invalid("used", e))?;
        }
    }
    Ok(Feed {
        meta: FeedMeta {
            generated_at: dto.generated_at,
            demo: dto.demo,
            publisher: dto.publisher,
        },
        sections,
    })
}

fn invalid(path: &str, e: impl std::fmt::Display) -> FeedError {
    FeedError::Invalid {
        path: path.into(),
        reason: e.to_string(),
    }
}

/// A last good feed, persisted in browser storage. Each app keeps its own copy under its
/// own key (its declaration's `feed_cache_key`), because each validates different
/// sections: one page accepting a feed must not replace another's last good copy.
/// [`Persisted::KEY`](crate::domain::shared::persist::Persisted::KEY) is the home page's
/// key; the platform stores other apps' copies under theirs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CachedFeed {
    /// The raw feed text exactly as received (re-validated on every load).
    pub body: String,
    /// When it was fetched and accepted.
    pub fetched_at: Option<DateTime<Utc>>,
}

impl crate::domain::shared::persist::Persisted for CachedFeed {
    const KEY: &'static str = "jokatsu.feed";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::keys::demo;

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

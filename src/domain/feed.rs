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
use crate::domain::shared::text::{I18n, Lang};
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::keys::{KeyListDto, KeyListError, KeySet, KEY_LIST_VERSION};
use crate::domain::tickets::core::shops::{Directory, ShopDto};
use crate::domain::tickets::core::used::{
    parse_used_section, UsedData, UsedError, UsedListDto, UsedSet,
};

/// The `format` string every feed carries.
pub const FEED_FORMAT: &str = "jokatsu-feed";
/// The feed schema version this app reads.
pub const FEED_VERSION: u32 = 1;
/// Feeds larger than this are refused before parsing (bytes of UTF-8 text).
pub const FEED_MAX_BYTES: usize = 2 * 1024 * 1024;

/// Why a feed was refused. `Display` is the exact English diagnosis (the office's
/// checks, logs); the feed notice shows [`Wording::wording`], whose Japanese is the
/// short reason a resident needs.
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

impl Wording for FeedError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            _ if lang == Lang::En => self.to_string(),
            Self::TooLarge { .. } => "大きすぎます".into(),
            Self::Empty => "中身が空でした".into(),
            Self::Html => "情報ではなくウェブページが届きました".into(),
            Self::NotJson { .. } | Self::Truncated { .. } => {
                "形式が壊れていました（途中で切れている可能性があります）".into()
            }
            Self::WrongFormat { .. } => "このアプリの情報ではありません".into(),
            Self::UnsupportedVersion { .. } => {
                "新しい版の情報です。アプリを更新してください".into()
            }
            Self::Invalid { path, .. } => format!("{path} に誤りがあります"),
        }
    }
}

/// Counts the bytes of a response body as it arrives, so the platform can stop reading
/// (and cancel the download) as soon as the feed exceeds its limit instead of after
/// buffering it all. The limit counts **bytes** of the body as received (UTF-8), not
/// characters.
///
/// ```
/// use jokatsu::domain::feed::SizeGuard;
/// let mut guard = SizeGuard::new(10);
/// assert!(guard.check_declared(Some(8)).is_ok());
/// assert!(guard.add(6).is_ok());
/// assert!(guard.add(6).is_err()); // 12 > 10: stop reading now
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SizeGuard {
    limit: usize,
    read: usize,
}

impl SizeGuard {
    pub const fn new(limit: usize) -> Self {
        Self { limit, read: 0 }
    }

    /// The feed's guard ([`FEED_MAX_BYTES`]).
    pub const fn feed() -> Self {
        Self::new(FEED_MAX_BYTES)
    }

    /// Refuses up front a `Content-Length` larger than the limit (`None`: not sent).
    pub fn check_declared(&self, content_length: Option<u64>) -> Result<(), FeedError> {
        match content_length {
            Some(n) if n > self.limit as u64 => Err(FeedError::TooLarge {
                bytes: usize::try_from(n).unwrap_or(usize::MAX),
                limit: self.limit,
            }),
            _ => Ok(()),
        }
    }

    /// Counts one chunk of `len` bytes; `Err(TooLarge)` once the total passes the limit
    /// (the caller stops reading and keeps its last good feed).
    pub fn add(&mut self, len: usize) -> Result<(), FeedError> {
        self.read = self.read.saturating_add(len);
        if self.read > self.limit {
            Err(FeedError::TooLarge {
                bytes: self.read,
                limit: self.limit,
            })
        } else {
            Ok(())
        }
    }

    /// Bytes counted so far.
    pub fn read(&self) -> usize {
        self.read
    }
}

/// Metadata about the feed as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedMeta {
    /// When the city generated this feed.
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub generated_at: DateTime<Utc>,
    /// Demo data: the UI marks it visibly.
    pub demo: bool,
    /// Publisher, e.g. 旭川市 (見本).
    pub publisher: I18n,
}

/// The feed's JSON shape before validation (the DTO). Sections stay raw JSON here: each
/// app validates the sections it shows (see [`Wanted`]).
#[derive(Debug, Deserialize)]
pub struct FeedDto<'a> {
    pub format: String,
    pub version: u32,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
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

/// The sections of a validated feed (those the caller asked for; the others are empty).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sections {
    /// The career health room schedule (`docs/feed-schedule.md`).
    pub schedule: Option<Schedule>,
    /// Self-check definitions, each validated on its own by the questionnaire engine.
    pub questionnaires: Vec<Value>,
    /// Consultation lines.
    pub help_lines: Option<Value>,
    /// The key list, verified against the root key (`docs/feed-tickets.md`): `None` when
    /// the feed has no `keys` section, `Some(Err)` when it was refused. Either way the
    /// rest of the feed is accepted and the app keeps its last good list: hand this to
    /// [`Trust::update`](crate::domain::tickets::core::trust::Trust::update).
    pub keys: Option<Result<KeySet, KeyListError>>,
    /// Certified shops.
    pub shops: Directory,
    /// The signed used data as parsed (`None` when absent, `Some(Err)` when unsigned or
    /// malformed). Its signature is checked by [`Trust::update`](crate::domain::tickets::core::trust::Trust::update),
    /// because a `used`-role signer is looked up in the key list in force.
    pub used: Option<Result<UsedListDto, UsedError>>,
}

impl Sections {
    /// This feed's own key list if it was accepted, else an empty set. A page that keeps
    /// trust data across feeds uses [`Trust`](crate::domain::tickets::core::trust::Trust)
    /// instead (no rollback, last good list kept).
    pub fn key_set(&self) -> &KeySet {
        static EMPTY: std::sync::OnceLock<KeySet> = std::sync::OnceLock::new();
        match &self.keys {
            Some(Ok(keys)) => keys,
            _ => EMPTY.get_or_init(KeySet::default),
        }
    }

    /// This feed's used data verified under `root` and this feed's own key list, else
    /// empty (see [`Sections::key_set`] for the trust-keeping alternative).
    pub fn used_set(&self, root: &VerifyingKey) -> UsedSet {
        match &self.used {
            Some(Ok(dto)) => UsedData::from_feed(dto, root, self.key_set())
                .map(|d| d.set().clone())
                .unwrap_or_default(),
            _ => UsedSet::default(),
        }
    }
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

/// The `keys` section's shape (its signature and dates are checked by
/// [`KeySet::from_feed`]). Read through a [`Value`], as the device's stored copy of the list
/// is (`TrustRecord`): a page then links one decoder of the list, not a second one from
/// text, which was 3 KB brotli of the wallet page. The price: a shape error is placed at
/// `keys` rather than at the field inside it (a `Value` has no line and column to locate it
/// by). The office's feed check, which shows places to the clerk, locates them exactly.
fn keys_section(raw: &RawValue) -> Result<KeyListDto, KeyListError> {
    let invalid = |problem: String| KeyListError::Invalid {
        at: "keys".into(),
        problem,
    };
    let value: Value = serde_json::from_str(raw.get()).map_err(|e| invalid(bare_message(&e)))?;
    KeyListDto::deserialize(&value).map_err(|e| {
        // A list of another version may have another shape: say which.
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v != u64::from(KEY_LIST_VERSION) => {
                KeyListError::UnsupportedVersion(u32::try_from(v).unwrap_or(u32::MAX))
            }
            _ => invalid(e.to_string()),
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
    /// `keys` and `used` (the ticket chain's trust data; needs the root key).
    pub tickets: bool,
    /// `shops` (the certified-shop directory).
    pub shops: bool,
}

impl Wanted {
    /// Every section.
    pub const ALL: Wanted = Wanted {
        schedule: true,
        checks: true,
        tickets: true,
        shops: true,
    };
    /// The envelope only.
    pub const NONE: Wanted = Wanted {
        schedule: false,
        checks: false,
        tickets: false,
        shops: false,
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
            sections.keys = Some(keys_section(raw).and_then(|keys| match root {
                Some(root) => KeySet::from_feed(&keys, root),
                None => Err(KeyListError::RootKeyMissing),
            }));
        }
        if let Some(raw) = dto.used {
            sections.used = Some(parse_used_section(raw.get()));
        }
    }
    if wanted.shops {
        if let Some(raw) = dto.shops {
            let shops: Vec<ShopDto> = section("shops", raw)?;
            sections.shops = Directory::from_dto(&shops).map_err(|e| invalid("shops", e))?;
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

impl FeedError {
    /// The JSON path of an `Invalid` error ("" otherwise).
    pub fn path(&self) -> &str {
        match self {
            FeedError::Invalid { path, .. } => path,
            _ => "",
        }
    }

    /// The reason of an `Invalid` error (the whole message otherwise).
    pub fn reason(&self) -> String {
        match self {
            FeedError::Invalid { reason, .. } => reason.clone(),
            other => other.to_string(),
        }
    }
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
    #[serde(default, deserialize_with = "crate::domain::shared::instant::de_opt")]
    pub fetched_at: Option<DateTime<Utc>>,
}

impl crate::domain::shared::persist::Persisted for CachedFeed {
    const KEY: &'static str = "jokatsu.feed";
    const VERSION: u32 = 1;
}

/// The storage key of the **latest feed text any page fetched** (same record type as the
/// per-app copies). Every page that loads the feed writes it beside its own copy, and
/// every page reads it, so one online visit to any page gives every page a feed offline.
/// A page re-validates it with its own parser before use, so it never lets one page's
/// looser validation reach another page (see [`CachedFeed`]).
pub const SHARED_FEED_KEY: &str = "jokatsu.feed.latest";

/// The name of the global that holds the feed request an entry page starts while its
/// WebAssembly downloads (`site::html::early_feed_script`); the page's fetch takes it over
/// once (`platform::fetch`).
pub const EARLY_FEED_GLOBAL: &str = "jokatsuEarlyFeed";

/// The order in which a page tries its stored feeds at start-up: the newer of its own
/// copy and the shared latest copy first (by `fetched_at`; its own copy on a tie or when
/// a time is missing), then the other. The caller uses the first that its parser accepts.
pub fn last_good_order<'a>(
    own: Option<&'a CachedFeed>,
    shared: Option<&'a CachedFeed>,
) -> Vec<&'a CachedFeed> {
    match (own, shared) {
        (Some(o), Some(s)) => match (o.fetched_at, s.fetched_at) {
            (Some(ot), Some(st)) if st > ot => vec![s, o],
            (None, Some(_)) => vec![s, o],
            _ => vec![o, s],
        },
        (Some(o), None) => vec![o],
        (None, Some(s)) => vec![s],
        (None, None) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::keys::demo;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("TooLarge", &FeedError::TooLarge { bytes: 3, limit: 2 }),
            ("Empty", &FeedError::Empty),
            ("Html", &FeedError::Html),
            (
                "NotJson",
                &FeedError::NotJson {
                    line: 1,
                    column: 2,
                    reason: "x".into(),
                },
            ),
            ("Truncated", &FeedError::Truncated { line: 1, column: 2 }),
            ("WrongFormat", &FeedError::WrongFormat { found: "x".into() }),
            (
                "UnsupportedVersion",
                &FeedError::UnsupportedVersion {
                    found: 2,
                    supported: 1,
                },
            ),
            (
                "Invalid",
                &FeedError::Invalid {
                    path: "shops[1]".into(),
                    reason: "x".into(),
                },
            ),
        ]);
    }

    fn parse_feed(text: &str) -> Result<Feed, FeedError> {
        super::parse_feed(text, &demo::root_signing_key().verifying_key())
    }

    const GOOD: &str = r#"{"format":"jokatsu-feed","version":1,"generated_at":"2026-11-20T00:00:00Z","demo":true,"publisher":{"ja":"旭川市（見本）","en":"City of Asahikawa (demo)"}}"#;

    #[test]
    fn last_good_order_tries_the_newer_stored_feed_first() {
        let at = |h: u32| {
            Some(
                chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                    .and_then(|d| d.and_hms_opt(h, 0, 0))
                    .map(|t| t.and_utc())
                    .unwrap_or_default(),
            )
        };
        let feed = |body: &str, fetched_at| CachedFeed {
            body: body.into(),
            fetched_at,
        };
        let order = |own: Option<&CachedFeed>, shared: Option<&CachedFeed>| {
            last_good_order(own, shared)
                .iter()
                .map(|c| c.body.clone())
                .collect::<Vec<_>>()
        };
        let own_old = feed("own", at(1));
        let shared_new = feed("shared", at(2));
        let shared_old = feed("shared", at(0));
        let shared_same = feed("shared", at(1));
        let own_untimed = feed("own", None);
        // (own, shared) -> order tried
        let cases: Vec<(Option<&CachedFeed>, Option<&CachedFeed>, Vec<&str>)> = vec![
            (None, None, vec![]),
            (Some(&own_old), None, vec!["own"]),
            // a page never visited before: the feed another page fetched
            (None, Some(&shared_new), vec!["shared"]),
            (Some(&own_old), Some(&shared_new), vec!["shared", "own"]),
            (Some(&own_old), Some(&shared_old), vec!["own", "shared"]),
            (Some(&own_old), Some(&shared_same), vec!["own", "shared"]),
            (Some(&own_untimed), Some(&shared_new), vec!["shared", "own"]),
        ];
        for (own, shared, want) in cases {
            assert_eq!(order(own, shared), want, "{own:?} {shared:?}");
        }
    }

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

    #[test]
    fn size_guard_stops_at_the_first_chunk_past_the_limit() {
        let mut g = SizeGuard::new(100);
        assert_eq!(g.check_declared(None), Ok(()));
        assert_eq!(g.check_declared(Some(100)), Ok(()));
        assert!(matches!(
            g.check_declared(Some(101)),
            Err(FeedError::TooLarge {
                bytes: 101,
                limit: 100
            })
        ));
        let chunks = [40, 40, 20, 1, 1000];
        let results: Vec<bool> = chunks.iter().map(|&n| g.add(n).is_ok()).collect();
        assert_eq!(results, vec![true, true, true, false, false]);
        assert_eq!(g.read(), 1101);
        // Bytes, not characters: 34 three-byte characters are 102 bytes.
        let mut g = SizeGuard::new(100);
        assert!(g.add("あ".repeat(34).len()).is_err());
        assert_eq!(SizeGuard::feed(), SizeGuard::new(FEED_MAX_BYTES));
    }

    #[test]
    fn a_missing_or_bad_trust_section_does_not_refuse_the_feed() {
        use crate::domain::tickets::core::keys::KeyListError;
        use crate::domain::tickets::core::used::UsedError;
        let with = |extra: &str| GOOD.replacen('}', &format!("}},{extra}"), 1);
        let feed = parse_feed(GOOD).unwrap();
        assert_eq!(feed.sections.keys, None);
        assert_eq!(feed.sections.used, None);
        // A version-1 key list and an unsigned version-1 used array.
        let text = with(
            r#""keys":{"issuers":[],"signature":""},"used":[{"batch":1,"count":8,"bits":"AA"}]"#,
        );
        let feed = parse_feed(&text).unwrap();
        assert!(
            matches!(feed.sections.keys, Some(Err(KeyListError::Invalid { .. }))),
            "{:?}",
            feed.sections.keys
        );
        assert_eq!(feed.sections.used, Some(Err(UsedError::Unsigned)));
        let text = with(
            r#""keys":{"version":1,"sequence":1,"signed_at":"2026-01-01","expires":"2026-01-01","keys":[],"signature":""}"#,
        );
        let feed = parse_feed(&text).unwrap();
        assert_eq!(
            feed.sections.keys,
            Some(Err(KeyListError::UnsupportedVersion(1)))
        );
        // A list of this version with a field of the wrong type: refused, the problem named.
        let mut list = serde_json::to_value(demo::key_list()).unwrap();
        list["sequence"] = serde_json::json!("one");
        let feed = parse_feed(&with(&format!(r#""keys":{list}"#))).unwrap();
        match &feed.sections.keys {
            Some(Err(KeyListError::Invalid { at, problem })) => {
                assert_eq!(at, "keys");
                assert!(problem.contains("invalid type"), "{problem}");
            }
            other => panic!("{other:?}"),
        }
        // The demo key list is accepted.
        let text = with(&format!(
            r#""keys":{}"#,
            serde_json::to_string(&demo::key_list()).unwrap()
        ));
        let feed = parse_feed(&text).unwrap();
        assert_eq!(feed.sections.key_set(), &demo::key_set());
    }
}

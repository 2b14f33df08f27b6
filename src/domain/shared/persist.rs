//! Versioned records for browser storage.
//!
//! Every persisted thing (wallet, answers, ledgers, settings, the cached feed) is one
//! storage key holding one [`Envelope`]: `{"version": N, "saved_at": "…", "data": …}`.
//! Loading is total: it never panics and never drops data silently.
//!
//! - an older `version` is upgraded by the record's [`Persisted::migrate`];
//! - a record that cannot be read at all (not JSON, wrong shape, from a *newer* app) is
//!   **quarantined**: its raw text is kept for export and the caller starts from an empty
//!   value without overwriting anything until the user decides;
//! - a record whose envelope is fine but some items are damaged is **salvaged** by
//!   [`Persisted::salvage`]: the good items load, the bad ones are quarantined one by one.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

/// Why a stored record could not be read as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum RecordError {
    #[error("the stored data is not JSON: {0}")]
    NotJson(String),
    #[error("the stored data has no version envelope")]
    NoEnvelope,
    #[error("the stored data was written by a newer version of the app (version {found}, this app knows {known})")]
    FromNewerApp { found: u32, known: u32 },
    #[error("the stored data could not be upgraded from version {from}: {reason}")]
    Migration { from: u32, reason: String },
    #[error("the stored data does not match the expected shape at {path}: {reason}")]
    Shape { path: String, reason: String },
}

/// A damaged record or item kept as it was found, so the user can export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    /// The storage key it came from.
    pub key: String,
    /// The raw text (the whole record, or one damaged item as JSON).
    pub raw: String,
    /// What was wrong, for the user and for support.
    pub error: RecordError,
    /// When it was found.
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub found_at: DateTime<Utc>,
}

impl Quarantined {
    /// Whether the stored record must stay as it is, unwritten, for the rest of the
    /// session: it was written by a **newer** version of the app. This app cannot read it
    /// and must never replace it with what it holds (the newer app would lose its data);
    /// it runs read-only for that record and says so, until the app is updated. Any other
    /// unreadable record (not JSON, no envelope, wrong shape) is set aside and then
    /// replaced, as before.
    pub fn blocks_writes(&self) -> bool {
        matches!(self.error, RecordError::FromNewerApp { .. })
    }
}

/// The stored envelope around every record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::domain::shared::instant::de_opt")]
    pub saved_at: Option<DateTime<Utc>>,
    pub data: Value,
}

/// Damaged items found while salvaging: each item's JSON and why it failed.
pub type DamagedItems = Vec<(Value, String)>;

/// A record type that lives under one storage key.
pub trait Persisted: Serialize + DeserializeOwned + Default {
    /// The storage key, e.g. `jokatsu.wallet`.
    const KEY: &'static str;
    /// The current schema version. Bump it and extend [`Persisted::migrate`] together.
    const VERSION: u32;

    /// Upgrade `data` written at schema `from` (< `VERSION`) to the current schema.
    /// The default knows no older versions.
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!("no migration from version {from}"))
    }

    /// Recover what can be recovered from current-version `data` that failed to decode
    /// as a whole: the good value plus each damaged item (as JSON) with its reason.
    /// The default recovers nothing.
    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        let _ = data;
        None
    }
}

/// The result of loading a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Nothing stored yet.
    Missing,
    /// Read cleanly (possibly after migration).
    Clean(T),
    /// Read, but some items were damaged and are quarantined.
    Salvaged(T, Vec<Quarantined>),
    /// Unreadable: the value is empty and the whole raw record is quarantined. The caller
    /// must not overwrite the stored key until the user has been told.
    Unreadable(T, Quarantined),
}

impl<T: Default> Loaded<T> {
    /// The value to use in the app.
    pub fn into_value(self) -> T {
        match self {
            Loaded::Missing => T::default(),
            Loaded::Clean(v) | Loaded::Salvaged(v, _) | Loaded::Unreadable(v, _) => v,
        }
    }

    /// What was quarantined while loading.
    pub fn quarantined(&self) -> Vec<Quarantined> {
        match self {
            Loaded::Salvaged(_, q) => q.clone(),
            Loaded::Unreadable(_, q) => vec![q.clone()],
            _ => Vec::new(),
        }
    }
}

// Records, envelopes and items are read from a borrowed `&Value` everywhere (never
// `from_value` of an owned one): each type's decoder is then linked once per page, not
// once per kind of JSON value (the page's WebAssembly size budget). The messages are the
// same either way.
fn decode<T: DeserializeOwned>(data: &Value) -> Result<T, RecordError> {
    T::deserialize(data).map_err(|e| RecordError::Shape {
        path: ".".into(),
        reason: e.to_string(),
    })
}

/// Load a record of type `T` from the raw text found under `T::KEY` (`None` = absent).
pub fn load<T: Persisted>(raw: Option<&str>, now: DateTime<Utc>) -> Loaded<T> {
    let Some(raw) = raw else {
        return Loaded::Missing;
    };
    let data = match open(raw, T::VERSION, T::migrate) {
        Ok(data) => data,
        Err(error) => {
            return Loaded::Unreadable(T::default(), quarantined(T::KEY, raw, error, now))
        }
    };
    match decode::<T>(&data) {
        Ok(value) => Loaded::Clean(value),
        Err(error) => match T::salvage(&data) {
            Some((value, bad)) => Loaded::Salvaged(value, damaged(T::KEY, bad, now)),
            None => Loaded::Unreadable(T::default(), quarantined(T::KEY, raw, error, now)),
        },
    }
}

// The steps of [`load`] that do not depend on the record's type, kept out of its
// per-type copies (one per record a page keeps: the page's WebAssembly size budget).

/// The whole raw record, quarantined for `error`.
fn quarantined(key: &str, raw: &str, error: RecordError, now: DateTime<Utc>) -> Quarantined {
    Quarantined {
        key: key.to_string(),
        raw: raw.to_string(),
        error,
        found_at: now,
    }
}

/// Each damaged item found by a salvage, quarantined on its own.
fn damaged(key: &str, bad: DamagedItems, now: DateTime<Utc>) -> Vec<Quarantined> {
    bad.into_iter()
        .map(|(item, reason)| Quarantined {
            key: key.to_string(),
            raw: item.to_string(),
            error: RecordError::Shape {
                path: "item".to_string(),
                reason,
            },
            found_at: now,
        })
        .collect()
}

/// The envelope's `data` upgraded to schema `current` by `migrate`, or why the record is
/// unreadable as a whole.
fn open(
    raw: &str,
    current: u32,
    migrate: fn(u32, Value) -> Result<Value, String>,
) -> Result<Value, RecordError> {
    let envelope: Envelope = match serde_json::from_str::<Value>(raw) {
        Err(e) => return Err(RecordError::NotJson(e.to_string())),
        Ok(value) => Envelope::deserialize(&value).map_err(|_| RecordError::NoEnvelope)?,
    };
    if envelope.version > current {
        return Err(RecordError::FromNewerApp {
            found: envelope.version,
            known: current,
        });
    }
    let mut data = envelope.data;
    let mut version = envelope.version;
    while version < current {
        data = migrate(version, data).map_err(|reason| RecordError::Migration {
            from: version,
            reason,
        })?;
        version += 1;
    }
    Ok(data)
}

/// Serialise `value` in its envelope, ready to store under `T::KEY`.
pub fn save<T: Persisted>(value: &T, now: DateTime<Utc>) -> Result<String, RecordError> {
    let data = serde_json::to_value(value).map_err(|e| RecordError::Shape {
        path: ".".into(),
        reason: e.to_string(),
    })?;
    seal(T::VERSION, data, now)
}

/// `data` in its envelope as JSON text (the part of [`save`] that does not depend on the type).
fn seal(version: u32, data: Value, now: DateTime<Utc>) -> Result<String, RecordError> {
    let env = Envelope {
        version,
        saved_at: Some(now),
        data,
    };
    serde_json::to_string(&env).map_err(|e| RecordError::Shape {
        path: ".".into(),
        reason: e.to_string(),
    })
}

/// The list of quarantined records, itself persisted so nothing is lost across reloads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuarantineList {
    pub items: Vec<Quarantined>,
}

impl QuarantineList {
    /// Add items, skipping exact duplicates (the same raw text from the same key).
    pub fn add(&mut self, items: impl IntoIterator<Item = Quarantined>) -> usize {
        let mut added = 0;
        for q in items {
            if !self.items.iter().any(|i| i.key == q.key && i.raw == q.raw) {
                self.items.push(q);
                added += 1;
            }
        }
        added
    }
}

impl Persisted for QuarantineList {
    const KEY: &'static str = "jokatsu.quarantine";
    const VERSION: u32 = 1;

    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        salvage_array(data, "items", |v| {
            Quarantined::deserialize(v).map_err(|e| e.to_string())
        })
        .map(|(items, bad)| (QuarantineList { items }, bad))
    }
}

/// Salvage helper for records that are `{ "<field>": [items…], … }`: decode each item on
/// its own, keeping the good ones and returning the bad ones with their reason.
pub fn salvage_array<T>(
    data: &Value,
    field: &str,
    decode_item: impl Fn(&Value) -> Result<T, String>,
) -> Option<(Vec<T>, DamagedItems)> {
    let items = data.get(field)?.as_array()?;
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        match decode_item(item) {
            Ok(v) => good.push(v),
            Err(e) => bad.push((item.clone(), e)),
        }
    }
    Some((good, bad))
}

/// User settings (language, theme).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub lang: crate::domain::shared::text::Lang,
    #[serde(default)]
    pub theme: Theme,
}

/// Colour theme preference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the device.
    #[default]
    System,
    Light,
    Dark,
}

impl Persisted for Settings {
    const KEY: &'static str = "jokatsu.settings";
    const VERSION: u32 = 2;

    /// v1 stored `{"language": "ja"}`; v2 renamed it to `lang` and added `theme`.
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        match from {
            1 => {
                let lang = data
                    .get("language")
                    .cloned()
                    .unwrap_or(Value::String("ja".into()));
                Ok(serde_json::json!({ "lang": lang, "theme": "system" }))
            }
            _ => Err(format!("unknown settings version {from}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::text::Lang;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 1, 0, 0)
            .single()
            .unwrap_or_default()
    }

    /// Records are decoded from a borrowed `&Value` (one decoder per type per page): a
    /// damaged record or item must be described exactly as `from_value` of an owned value
    /// described it, so the reasons set aside with the data do not change.
    #[test]
    fn a_borrowed_value_is_described_like_an_owned_one() {
        let damaged = [
            serde_json::json!({"key": "k", "raw": "x", "error": "NoEnvelope"}),
            serde_json::json!({"key": 5, "raw": "x", "error": "NoEnvelope", "found_at": "2026-11-24T01:00:00Z"}),
            serde_json::json!({"key": "k", "raw": "x", "error": "Nope", "found_at": "2026-11-24T01:00:00Z"}),
            serde_json::json!({"key": "k", "raw": "x", "error": {"FromNewerApp": {"found": -1, "known": 1}}, "found_at": "2026-11-24T01:00:00Z"}),
            serde_json::json!({"key": "k", "raw": "x", "error": "NoEnvelope", "found_at": "yesterday"}),
            serde_json::json!(["k", "x"]),
            serde_json::json!("a string"),
            serde_json::json!(null),
        ];
        for v in damaged {
            let borrowed = Quarantined::deserialize(&v).map_err(|e| e.to_string());
            let owned = serde_json::from_value::<Quarantined>(v.clone()).map_err(|e| e.to_string());
            assert!(borrowed.is_err(), "{v}");
            assert_eq!(borrowed, owned, "{v}");
            let envelope = Envelope::deserialize(&v).map_err(|e| e.to_string());
            assert_eq!(
                envelope,
                serde_json::from_value::<Envelope>(v).map_err(|e| e.to_string())
            );
        }
    }

    #[test]
    fn save_then_load_is_clean() {
        let s = Settings {
            lang: Lang::En,
            theme: Theme::Dark,
        };
        let raw = save(&s, now()).unwrap_or_default();
        assert_eq!(load::<Settings>(Some(&raw), now()), Loaded::Clean(s));
    }

    #[test]
    fn missing_is_default() {
        assert_eq!(
            load::<Settings>(None, now()).into_value(),
            Settings::default()
        );
    }

    #[test]
    fn only_a_record_from_a_newer_app_blocks_writes() {
        let newer = r#"{"version":99,"data":{"lang":"en","theme":"dark"}}"#;
        let Loaded::Unreadable(_, q) = load::<Settings>(Some(newer), now()) else {
            panic!("unreadable")
        };
        assert!(q.blocks_writes());
        for damaged in ["not json", r#"{"no":"envelope"}"#] {
            let Loaded::Unreadable(_, q) = load::<Settings>(Some(damaged), now()) else {
                panic!("unreadable")
            };
            assert!(!q.blocks_writes(), "{damaged}: set aside, then replaced");
        }
    }

    #[test]
    fn newer_version_is_quarantined_not_overwritten() {
        let raw = r#"{"version":99,"data":{"lang":"en"}}"#;
        match load::<Settings>(Some(raw), now()) {
            Loaded::Unreadable(v, q) => {
                assert_eq!(v, Settings::default());
                assert_eq!(q.raw, raw);
                assert!(matches!(
                    q.error,
                    RecordError::FromNewerApp {
                        found: 99,
                        known: 2
                    }
                ));
            }
            other => panic!("expected quarantine, got {other:?}"),
        }
    }

    #[test]
    fn garbage_is_quarantined_with_its_raw_text() {
        for raw in [
            "{not json",
            "[1,2,3]",
            r#"{"version":2,"data":{"lang":"fr"}}"#,
        ] {
            let loaded = load::<Settings>(Some(raw), now());
            let q = loaded.quarantined();
            assert_eq!(q.len(), 1, "{raw}");
            assert_eq!(q[0].raw, raw);
            assert_eq!(q[0].key, "jokatsu.settings");
        }
    }

    #[test]
    fn quarantine_list_salvages_good_items() {
        let good = Quarantined {
            key: "k".into(),
            raw: "x".into(),
            error: RecordError::NoEnvelope,
            found_at: now(),
        };
        let data = serde_json::json!({ "items": [serde_json::to_value(&good).unwrap_or_default(), {"bogus": 1}] });
        let raw = serde_json::json!({"version": 1, "data": data}).to_string();
        match load::<QuarantineList>(Some(&raw), now()) {
            Loaded::Salvaged(list, bad) => {
                assert_eq!(list.items, vec![good]);
                assert_eq!(bad.len(), 1);
                assert!(bad[0].raw.contains("bogus"));
            }
            other => panic!("expected salvage, got {other:?}"),
        }
    }

    #[test]
    fn quarantine_list_adds_without_duplicates() {
        let q = Quarantined {
            key: "k".into(),
            raw: "x".into(),
            error: RecordError::NoEnvelope,
            found_at: now(),
        };
        let mut list = QuarantineList::default();
        assert_eq!(list.add([q.clone(), q.clone()]), 1);
        assert_eq!(list.add([q]), 0);
    }
}

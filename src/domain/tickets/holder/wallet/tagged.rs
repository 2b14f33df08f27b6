//! Reading the internally tagged [`EntryState`] (`"state"`) and [`Source`] (`"kind"`) by
//! hand. serde's derive for an internally tagged enum first copies the whole entry into
//! its own buffer type and then decodes each variant from it, which made these two the
//! largest decoders of the wallet page's WebAssembly. Entries are always read from a
//! parsed `serde_json::Value`, so the variant's fields are decoded from that value
//! directly. Exactly what the derive accepted is accepted, with the same messages (the
//! tests compare both on good and damaged input): unknown fields ignored, the tag by name
//! or by its index, the sequence form `["given", …]` too.

use serde::de::{self, Deserializer, Error as _, Unexpected};

use super::*;

/// The tag's variant: by name, or by index (as serde's derive reads a variant identifier).
struct Tag {
    names: &'static [&'static str],
}

impl<'de> de::Visitor<'de> for Tag {
    type Value = usize;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("variant identifier")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<usize, E> {
        match usize::try_from(v) {
            Ok(i) if i < self.names.len() => Ok(i),
            _ => Err(E::invalid_value(
                Unexpected::Unsigned(v),
                &match self.names.len() {
                    2 => "variant index 0 <= i < 2",
                    _ => "variant index 0 <= i < 4",
                },
            )),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.names
            .iter()
            .position(|n| *n == v)
            .ok_or_else(|| E::unknown_variant(v, self.names))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<usize, E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::unknown_variant(&String::from_utf8_lossy(v), self.names)),
        }
    }
}

fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// The variant index named by `value`'s tag `tag`, and the value its fields are read from
/// (the object itself: the tag is an unknown field there and ignored; or the rest of a
/// sequence form).
fn split(
    value: &Value,
    tag: &'static str,
    names: &'static [&'static str],
    expecting: &'static str,
) -> Result<(usize, Value), serde_json::Error> {
    match value {
        Value::Object(map) => match map.get(tag) {
            Some(t) => Ok((t.deserialize_identifier(Tag { names })?, value.clone())),
            None => Err(serde_json::Error::missing_field(tag)),
        },
        Value::Array(items) => match items.split_first() {
            Some((t, rest)) => Ok((
                t.deserialize_identifier(Tag { names })?,
                Value::Array(rest.to_vec()),
            )),
            None => Err(serde_json::Error::missing_field(tag)),
        },
        other => Err(serde_json::Error::invalid_type(
            unexpected(other),
            &expecting,
        )),
    }
}

/// A variant's fields from `fields` (an object, or a sequence form's elements): in a
/// sequence, elements beyond the variant's `n` fields are refused after its fields are read.
fn variant_fields<T: serde::de::DeserializeOwned>(
    fields: &Value,
    n: usize,
) -> Result<T, serde_json::Error> {
    match fields {
        Value::Array(items) if items.len() > n => {
            T::deserialize(&Value::Array(items[..n].to_vec()))?;
            Err(serde_json::Error::invalid_length(
                items.len(),
                &format!("{n} elements in sequence").as_str(),
            ))
        }
        _ => T::deserialize(fields),
    }
}

#[derive(Deserialize)]
#[serde(expecting = "struct variant EntryState::Given with 4 elements")]
struct Given {
    to: Option<String>,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    at: DateTime<Utc>,
    message: Option<String>,
    #[serde(default)]
    from: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "struct variant EntryState::Used with 2 elements")]
struct Used {
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    at: DateTime<Utc>,
    reason: UsedReason,
}

#[derive(Deserialize)]
#[serde(expecting = "struct variant EntryState::Moved with 1 element")]
struct Moved {
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(expecting = "struct variant Source::Issued with 1 element")]
struct Issued {
    bundle: String,
}

#[derive(Deserialize)]
#[serde(expecting = "struct variant Source::Gift with 2 elements")]
struct Gift {
    from: Option<String>,
    message: Option<String>,
}

fn entry_state(value: &Value) -> Result<EntryState, serde_json::Error> {
    const NAMES: &[&str] = &["unused", "given", "used", "moved"];
    let (variant, fields) = split(value, "state", NAMES, "internally tagged enum EntryState")?;
    Ok(match variant {
        0 => match &fields {
            // The sequence form of a unit variant takes no more elements.
            Value::Array(rest) if !rest.is_empty() => {
                return Err(serde_json::Error::invalid_length(
                    rest.len(),
                    &"0 elements in sequence",
                ))
            }
            _ => EntryState::Unused,
        },
        1 => {
            let g = variant_fields::<Given>(&fields, 4)?;
            EntryState::Given {
                to: g.to,
                at: g.at,
                message: g.message,
                from: g.from,
            }
        }
        2 => {
            let u = variant_fields::<Used>(&fields, 2)?;
            EntryState::Used {
                at: u.at,
                reason: u.reason,
            }
        }
        _ => EntryState::Moved {
            at: variant_fields::<Moved>(&fields, 1)?.at,
        },
    })
}

fn source(value: &Value) -> Result<Source, serde_json::Error> {
    const NAMES: &[&str] = &["issued", "gift"];
    let (variant, fields) = split(value, "kind", NAMES, "internally tagged enum Source")?;
    Ok(match variant {
        0 => Source::Issued {
            bundle: variant_fields::<Issued>(&fields, 1)?.bundle,
        },
        _ => {
            let g = variant_fields::<Gift>(&fields, 2)?;
            Source::Gift {
                from: g.from,
                message: g.message,
            }
        }
    })
}

impl<'de> Deserialize<'de> for EntryState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        entry_state(&Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        source(&Value::deserialize(d)?).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // serde's derive, as these types had it (same names: they appear in its messages), with
    // the same reader for their times: the reference the hand-written reading must match,
    // value for value and message for message.
    mod derived {
        use super::super::{DateTime, Deserialize, UsedReason, Utc};

        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(tag = "state", rename_all = "snake_case")]
        pub enum EntryState {
            Unused,
            Given {
                to: Option<String>,
                #[serde(deserialize_with = "crate::domain::shared::instant::de")]
                at: DateTime<Utc>,
                message: Option<String>,
                #[serde(default)]
                from: Option<String>,
            },
            Used {
                #[serde(deserialize_with = "crate::domain::shared::instant::de")]
                at: DateTime<Utc>,
                reason: UsedReason,
            },
            Moved {
                #[serde(deserialize_with = "crate::domain::shared::instant::de")]
                at: DateTime<Utc>,
            },
        }

        #[derive(Debug, PartialEq, Deserialize)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum Source {
            Issued {
                bundle: String,
            },
            Gift {
                from: Option<String>,
                message: Option<String>,
            },
        }
    }
    use derived::{EntryState as EntryStateDerived, Source as SourceDerived};

    fn state_as_derived(s: EntryState) -> EntryStateDerived {
        match s {
            EntryState::Unused => EntryStateDerived::Unused,
            EntryState::Given {
                to,
                at,
                message,
                from,
            } => EntryStateDerived::Given {
                to,
                at,
                message,
                from,
            },
            EntryState::Used { at, reason } => EntryStateDerived::Used { at, reason },
            EntryState::Moved { at } => EntryStateDerived::Moved { at },
        }
    }

    fn source_as_derived(s: Source) -> SourceDerived {
        match s {
            Source::Issued { bundle } => SourceDerived::Issued { bundle },
            Source::Gift { from, message } => SourceDerived::Gift { from, message },
        }
    }

    const AT: &str = "2026-12-01T03:00:00Z";

    #[test]
    fn entry_states_read_exactly_as_the_derive_read_them() {
        let cases = [
            json!({"state": "unused"}),
            json!({"state": "unused", "extra": [1, 2]}),
            json!({"state": "given", "to": "佐藤", "at": AT, "message": null}),
            json!({"state": "given", "to": null, "at": AT, "message": "ありがとう", "from": "鈴木"}),
            json!({"state": "given", "at": AT}),
            json!({"state": "given", "to": null}),
            json!({"state": "given", "to": 5, "at": AT, "message": null}),
            json!({"state": "used", "at": AT, "reason": "redeemed"}),
            json!({"state": "used", "at": AT, "reason": "reported_by_feed"}),
            json!({"state": "used", "at": AT, "reason": "eaten"}),
            json!({"state": "used", "at": AT, "reason": {"redeemed": null}}),
            json!({"state": "used", "at": "yesterday", "reason": "redeemed"}),
            json!({"state": "moved", "at": AT}),
            json!({"state": "moved", "at": AT, "state2": 1}),
            json!({"state": "moved"}),
            json!({"state": "lost"}),
            json!({"state": ""}),
            json!({"state": 1, "to": null, "at": AT, "message": null}),
            json!({"state": 0}),
            json!({"state": 7}),
            json!({"state": -1}),
            json!({"state": 1.5}),
            json!({"state": true}),
            json!({"state": null}),
            json!({"state": ["given"]}),
            json!({"at": AT}),
            json!({}),
            json!("unused"),
            json!(3),
            json!(-3),
            json!(2.5),
            json!(true),
            json!(null),
            json!([]),
            json!(["unused"]),
            json!(["unused", 1]),
            json!(["moved", AT]),
            json!(["moved"]),
            json!(["given", null, AT, null]),
            json!(["given", null, AT, null, "鈴木"]),
            json!(["given", null, AT]),
            json!(["given", null, AT, null, "x", 9]),
            json!(["used", AT, "redeemed"]),
            json!(["lost"]),
            json!([2, AT, "redeemed"]),
        ];
        for v in cases {
            let mine = EntryState::deserialize(&v)
                .map(state_as_derived)
                .map_err(|e| e.to_string());
            let derived = EntryStateDerived::deserialize(&v).map_err(|e| e.to_string());
            assert_eq!(mine, derived, "{v}");
            let owned = serde_json::from_value::<EntryState>(v.clone())
                .map(state_as_derived)
                .map_err(|e| e.to_string());
            assert_eq!(owned, derived, "{v}");
        }
    }

    #[test]
    fn sources_read_exactly_as_the_derive_read_them() {
        let cases = [
            json!({"kind": "issued", "bundle": "202612-00000+20"}),
            json!({"kind": "issued"}),
            json!({"kind": "issued", "bundle": 3}),
            json!({"kind": "gift", "from": "鈴木", "message": null}),
            json!({"kind": "gift"}),
            json!({"kind": "gift", "from": null, "message": "ありがとう", "x": 1}),
            json!({"kind": "gift", "from": 3}),
            json!({"kind": "bought"}),
            json!({"kind": 0, "bundle": "b"}),
            json!({"kind": 1}),
            json!({"kind": 2}),
            json!({"kind": false}),
            json!({"bundle": "b"}),
            json!("issued"),
            json!(null),
            json!([]),
            json!(["issued", "b"]),
            json!(["issued"]),
            json!(["gift", null, null]),
            json!(["gift", null]),
            json!(["gift", null, null, 1]),
        ];
        for v in cases {
            let mine = Source::deserialize(&v)
                .map(source_as_derived)
                .map_err(|e| e.to_string());
            let derived = SourceDerived::deserialize(&v).map_err(|e| e.to_string());
            assert_eq!(mine, derived, "{v}");
        }
    }

    #[test]
    fn what_is_written_reads_back() {
        let states = [
            EntryState::Unused,
            EntryState::Given {
                to: Some("佐藤".into()),
                at: AT.parse().unwrap_or_default(),
                message: None,
                from: Some("鈴木".into()),
            },
            EntryState::Used {
                at: AT.parse().unwrap_or_default(),
                reason: UsedReason::Redeemed,
            },
            EntryState::Moved {
                at: AT.parse().unwrap_or_default(),
            },
        ];
        for s in states {
            let text = serde_json::to_string(&s).unwrap_or_default();
            let v: Value = serde_json::from_str(&text).unwrap_or_default();
            assert_eq!(EntryState::deserialize(&v).ok(), Some(s.clone()), "{text}");
            assert_eq!(
                serde_json::from_str::<EntryState>(&text).ok(),
                Some(s),
                "{text}"
            );
        }
    }
}

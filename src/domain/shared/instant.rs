//! RFC 3339 instants (`2026-12-02T01:00:00Z`, `2026-12-02T10:00:00.123+09:00`) read by
//! hand, for the `DateTime<Utc>` fields of stored records and files.
//!
//! Why not chrono's own `Deserialize`: it goes through chrono's general format parser
//! (`parse_rfc3339_relaxed` → `parse_internal`, ~12 KB of WebAssembly before wasm-opt), and
//! every page reads at least one stored record with a time in it. Writing is unchanged
//! (chrono's `Serialize`: `2026-12-02T01:00:00Z`, or with the fraction of a second it has).
//!
//! What is read: `YYYY-MM-DD`, then `T`, `t` or a space, then `HH:MM:SS`, an optional
//! fraction (`.` and one or more digits; the first nine count), then `Z`, `z` or an offset
//! `+HH:MM` / `-HH:MM` (or without the colon). A second of `60` is a leap second, as chrono
//! reads it. Everything this accepts, chrono's parser accepts with the same value (a
//! property test below); chrono also takes forms nobody writes (spaces around `-` and `:`,
//! years with a sign or more than four digits), which are refused here.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::de::{Deserializer, Error, Unexpected, Visitor};

/// The instant `text` names, or `None` if it is not an RFC 3339 date and time.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let part = b.get(at..at + n)?;
        part.iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let is = |at: usize, c: u8| b.get(at) == Some(&c);
    let shape = is(4, b'-')
        && is(7, b'-')
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && is(13, b':')
        && is(16, b':');
    if !shape {
        return None;
    }
    let year = i32::try_from(digits(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5, 2)?, digits(8, 2)?)?;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    let mut at = 19;
    let mut nanos = 0u32;
    if is(at, b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        let read = at - start;
        if read == 0 {
            return None;
        }
        nanos *= 10u32.pow(9u32.saturating_sub(u32::try_from(read).ok()?.min(9)));
    }
    let offset_seconds = match b.get(at)? {
        b'Z' | b'z' if at + 1 == b.len() => 0,
        sign @ (b'+' | b'-') => {
            let hours = digits(at + 1, 2)?;
            let colon = usize::from(is(at + 3, b':'));
            let minutes = digits(at + 3 + colon, 2)?;
            if at + 5 + colon != b.len() || minutes >= 60 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    // A leap second is the 60th second's nanoseconds on top of second 59 (chrono's way).
    let time = if second == 60 {
        NaiveTime::from_hms_nano_opt(hour, minute, 59, nanos.checked_add(1_000_000_000)?)?
    } else {
        NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?
    };
    let offset = FixedOffset::east_opt(offset_seconds)?;
    let local = offset.from_local_datetime(&date.and_time(time)).single()?;
    Some(local.with_timezone(&Utc))
}

/// `#[serde(deserialize_with = "crate::domain::shared::instant::de")]` on a `DateTime<Utc>`.
pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    d.deserialize_str(InstantVisitor)
}

/// `#[serde(default, deserialize_with = "crate::domain::shared::instant::de_opt")]` on an
/// `Option<DateTime<Utc>>` (`null` is `None`; `default` makes a missing field `None`).
pub fn de_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    d.deserialize_option(OptionalInstant)
}

struct InstantVisitor;

impl Visitor<'_> for InstantVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an RFC 3339 date and time, e.g. 2026-12-02T01:00:00Z")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        parse(text).ok_or_else(|| E::invalid_value(Unexpected::Str(text), &self))
    }
}

struct OptionalInstant;

impl<'de> Visitor<'de> for OptionalInstant {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an RFC 3339 date and time, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        de(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    fn chrono(text: &str) -> Option<DateTime<Utc>> {
        text.parse::<DateTime<FixedOffset>>()
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }

    #[test]
    fn reads_what_the_app_and_the_docs_write() {
        for text in [
            "2026-12-02T01:00:00Z",
            "2026-12-02T01:00:00.000Z",
            "2026-12-02T01:00:00.123456789Z",
            "2026-12-02T01:00:00.1234567891234Z",
            "2026-12-02T10:00:00+09:00",
            "2026-12-02T10:00:00+0900",
            "2026-12-01T20:30:00.5-04:30",
            "2026-12-02t01:00:00z",
            "2026-12-02 01:00:00Z",
            "2016-12-31T23:59:60Z",
            "2028-02-29T00:00:00Z",
        ] {
            assert!(parse(text).is_some(), "{text}");
            assert_eq!(parse(text), chrono(text), "{text}");
        }
        let t = parse("2026-12-02T10:00:00.25+09:00").unwrap_or_default();
        assert_eq!(t.to_rfc3339(), "2026-12-02T01:00:00.250+00:00");
    }

    #[test]
    fn refuses_what_is_not_an_instant() {
        for text in [
            "",
            "2026-12-02",
            "2026-12-02T01:00Z",
            "2026-12-02T01:00:00",
            "2026-12-02T01:00:00.Z",
            "2026-12-02T01:00:00ZZ",
            "2026-12-02T01:00:00+09",
            "2026-12-02T01:00:00+09:60",
            "2026-02-29T00:00:00Z",
            "2026-12-02T24:00:00Z",
            "2026-12-02T01:60:00Z",
            "2026-12-02T01:00:61Z",
            "2026-12-02X01:00:00Z",
            "２０２６-12-02T01:00:00Z",
            " 2026-12-02T01:00:00Z",
            "2026-12-02T01:00:00Z ",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn reads_fields_from_json_text_and_from_parsed_values() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct R {
            #[serde(deserialize_with = "de")]
            at: DateTime<Utc>,
            #[serde(default, deserialize_with = "de_opt")]
            until: Option<DateTime<Utc>>,
        }
        let at = chrono("2026-12-02T01:00:00Z");
        let text = r#"{"at":"2026-12-02T01:00:00Z","until":null}"#;
        let r: R = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((Some(r.at), r.until), (at, None));
        let v: serde_json::Value = serde_json::from_str(r#"{"at":"2026-12-02T10:00:00+09:00"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        let r = R::deserialize(&v).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((Some(r.at), r.until), (at, None));
        let v: serde_json::Value =
            serde_json::from_str(r#"{"at":"2026-12-02T01:00:00Z","until":"2027-01-01T00:00:00Z"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        let r = R::deserialize(&v).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.until, chrono("2027-01-01T00:00:00Z"));
        let bad = serde_json::from_str::<R>(r#"{"at":"yesterday"}"#);
        assert!(bad.is_err_and(|e| e.to_string().contains("RFC 3339")));
        let bad = serde_json::from_str::<R>(r#"{"at":12}"#);
        assert!(bad.is_err());
    }

    proptest! {
        /// Written by chrono (every precision), read back the same.
        #[test]
        fn reads_back_what_chrono_writes(secs in 0i64..8_000_000_000, nanos in 0u32..1_000_000_000, off in -86_399i32..86_400) {
            let t = Utc.timestamp_opt(secs, nanos).single().unwrap_or_default();
            let offset = FixedOffset::east_opt(off / 60 * 60).unwrap_or_else(|| unreachable!());
            for text in [t.to_rfc3339(), t.with_timezone(&offset).to_rfc3339(),
                         t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                         serde_json::to_string(&t).unwrap_or_default().trim_matches('"').to_string()] {
                prop_assert!(parse(&text).is_some(), "{}", text);
                prop_assert_eq!(parse(&text), chrono(&text), "{}", text);
            }
        }

        /// Whatever this accepts, chrono accepts with the same value (on texts close to
        /// instants, each character possibly changed).
        #[test]
        fn never_disagrees_with_chrono(secs in 0i64..8_000_000_000, at in 0usize..32, c in proptest::sample::select(&b"0123456789-:+.TtZz Xx"[..])) {
            let t = Utc.timestamp_opt(secs, 0).single().unwrap_or_default();
            let mut text = t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true).into_bytes();
            if at < text.len() { text[at] = c; } else { text.push(c); }
            let text = String::from_utf8(text).unwrap_or_default();
            if let Some(mine) = parse(&text) {
                prop_assert_eq!(Some(mine), chrono(&text), "{}", text);
            }
        }
    }
}

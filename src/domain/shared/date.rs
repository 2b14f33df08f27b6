//! Japanese dates. Asia/Tokyo is UTC+9 all year (no daylight saving), so a fixed offset is
//! exact. The domain never reads the clock: callers pass `now` as a UTC instant.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Seconds east of UTC for Asia/Tokyo.
pub const JST_OFFSET_SECS: i32 = 9 * 3600;

/// The fixed JST offset (checked at compile time).
pub const JST: FixedOffset = match FixedOffset::east_opt(JST_OFFSET_SECS) {
    Some(offset) => offset,
    None => panic!("JST offset out of range"),
};

/// The fixed JST offset.
pub fn jst() -> FixedOffset {
    JST
}

/// The instant `now` as JST wall-clock time.
pub fn to_jst(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&jst()).naive_local()
}

/// Today's calendar date in Japan at instant `now`, whatever the device's time zone.
pub fn jst_today(now: DateTime<Utc>) -> NaiveDate {
    to_jst(now).date()
}

/// A UTC instant from milliseconds since the Unix epoch (what `Date.now()` gives).
pub fn from_epoch_millis(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

/// Days from 1970-01-01 to `date` (calendar arithmetic; used in binary formats).
pub fn days_since_epoch(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 719_163
}

/// Inverse of [`days_since_epoch`].
pub fn from_days_since_epoch(days: i64) -> Option<NaiveDate> {
    let ce = i32::try_from(days + 719_163).ok()?;
    NaiveDate::from_num_days_from_ce_opt(ce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_date_takes_only_yyyy_mm_dd() {
        let table = [
            ("2026-12-02", Some((2026, 12, 2))),
            ("2028-02-29", Some((2028, 2, 29))),
            ("2026-02-29", None),
            ("2026-1-05", None),
            ("2026/01/05", None),
            (" 2026-01-05", None),
            ("+2026-01-05", None),
            ("２０２６-01-05", None),
            ("", None),
        ];
        for (text, want) in table {
            let want = want.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
            assert_eq!(strict_date(text), want, "{text:?}");
        }
    }

    #[test]
    fn utc_minus_8_late_evening_is_next_day_in_japan() {
        // 2026-03-10 23:30 in UTC−8 is 2026-03-11 07:30 UTC = 16:30 JST on 2026-03-11.
        let now = Utc.with_ymd_and_hms(2026, 3, 11, 7, 30, 0).single();
        let now = now.unwrap_or_else(|| unreachable!());
        assert_eq!(
            jst_today(now),
            NaiveDate::from_ymd_opt(2026, 3, 11).unwrap_or_default()
        );
    }

    #[test]
    fn jst_midnight_boundary() {
        let just_before = Utc
            .with_ymd_and_hms(2026, 12, 31, 14, 59, 59)
            .single()
            .unwrap_or_default();
        let at = Utc
            .with_ymd_and_hms(2026, 12, 31, 15, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(jst_today(just_before).day(), 31);
        assert_eq!(
            jst_today(at),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default()
        );
    }

    #[test]
    fn epoch_days_round_trip() {
        let d = NaiveDate::from_ymd_opt(2028, 2, 29).unwrap_or_default();
        assert_eq!(from_days_since_epoch(days_since_epoch(d)), Some(d));
        assert_eq!(
            days_since_epoch(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()),
            0
        );
    }
}

/// A strict `YYYY-MM-DD` date (four-digit year, two-digit month and day).
pub fn strict_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return None;
    }
    // By hand, not `parse_from_str(text, "%Y-%m-%d")`: that links chrono's format parser
    // (~11 KB of WebAssembly) into every page, and accepts `2026-1-5` too.
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)
}

/// `2026-12-02` (ISO 8601 calendar date). Hand-formatted: chrono's strftime machinery
/// costs ~10 KB of WebAssembly.
pub fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// `09:05`.
pub fn hh_mm(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// English month abbreviation, `Jan` … `Dec`.
pub fn month_abbr(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("")
}

/// `Dec 2` (English short date).
pub fn en_month_day(d: NaiveDate) -> String {
    format!("{} {}", month_abbr(d.month()), d.day())
}

#[cfg(test)]
mod format_tests {
    use super::*;

    #[test]
    fn hand_formatting_matches_chrono() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default();
        assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
        assert_eq!(en_month_day(d), d.format("%b %-d").to_string());
        let t = chrono::NaiveTime::from_hms_opt(9, 5, 0).unwrap_or_default();
        assert_eq!(hh_mm(t), t.format("%H:%M").to_string());
        assert_eq!(month_abbr(12), "Dec");
        assert_eq!(month_abbr(13), "");
    }
}

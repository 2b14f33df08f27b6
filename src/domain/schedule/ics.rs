//! iCalendar (RFC 5545) output for desk sessions and events, and "add to Google Calendar"
//! links. Pure text generation: the stamp (`DTSTAMP`) is passed in, nothing is fetched.
//!
//! Output rules: CRLF line endings; content lines folded at 75 octets without splitting a
//! UTF-8 character (continuation lines start with one space); TEXT values escape `\`, `;`,
//! `,` and newlines; times are local Japanese time with `TZID=Asia/Tokyo` and a matching
//! `VTIMEZONE` (JST, +0900, no daylight saving); UIDs are stable so re-importing or a
//! subscribed calendar updates entries instead of duplicating them:
//! `opening-2026-12-02-health@jokatsu.asahikawa`, `event-briefing-2026-12@jokatsu.asahikawa`.

use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, Utc};

use crate::domain::schedule::{Event, Mode, Schedule, Session};
use crate::domain::shared::text::{I18n, Lang};

/// The domain part of every UID.
pub const UID_DOMAIN: &str = "jokatsu.asahikawa";
/// `PRODID` of every calendar.
pub const PRODID: &str = "-//City of Asahikawa//JOKATSU Asahikawa//JA";
/// The time zone every time is expressed in.
pub const TZID: &str = "Asia/Tokyo";

/// The programme's name, used as a prefix of session summaries.
pub fn programme_name() -> I18n {
    I18n::new("女性のキャリアの保健室", "Career Health Room")
}

/// One calendar entry, ready for `.ics` or a Google Calendar link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEntry {
    /// Globally unique and stable (`…@jokatsu.asahikawa`).
    pub uid: String,
    /// JST wall-clock start.
    pub start: NaiveDateTime,
    /// JST wall-clock end.
    pub end: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
    pub url: Option<String>,
}

fn booking_lines(b: &crate::domain::schedule::Booking, lang: Lang, out: &mut Vec<String>) {
    let (phone, web) = match lang {
        Lang::Ja => ("電話：", "予約・問い合わせ："),
        Lang::En => ("Phone: ", "Booking: "),
    };
    if let Some(p) = &b.phone {
        out.push(format!("{phone}{p}"));
    }
    if let Some(u) = &b.url {
        out.push(format!("{web}{u}"));
    }
    if let Some(n) = &b.note {
        out.push(n.get(lang).to_owned());
    }
}

impl CalendarEntry {
    /// An entry for one desk session (from [`Schedule::day`]).
    pub fn from_session(session: &Session, lang: Lang) -> Self {
        let mut summary = format!(
            "{}：{}",
            programme_name().get(lang),
            session.title.get(lang)
        );
        if let Some(badge) = session.origin.badge() {
            summary.push_str(&format!("【{}】", badge.get(lang)));
        }
        let mut lines = Vec::new();
        if !session.experts.is_empty() {
            let experts: Vec<&str> = session.experts.iter().map(|e| e.get(lang)).collect();
            let label = match lang {
                Lang::Ja => "センセー：",
                Lang::En => "Experts: ",
            };
            let sep = match lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            };
            lines.push(format!("{label}{}", experts.join(sep)));
        }
        lines.push(session.mode.label().get(lang).to_owned());
        if let Some(note) = &session.note {
            lines.push(note.get(lang).to_owned());
        }
        booking_lines(&session.booking, lang, &mut lines);
        Self {
            uid: format!("opening-{}@{UID_DOMAIN}", session.key()),
            start: session.start(),
            end: session.end(),
            summary,
            location: location(session.venue.as_ref(), session.mode, lang),
            description: lines.join("\n"),
            url: session.booking.url.clone(),
        }
    }

    /// An entry for one event.
    pub fn from_event(schedule: &Schedule, event: &Event, lang: Lang) -> Self {
        let venue = event.venue.as_ref().and_then(|v| schedule.venue(v));
        let mut lines = vec![event.description.get(lang).to_owned()];
        if let Some(cap) = event.capacity {
            lines.push(match lang {
                Lang::Ja => format!("定員：{cap}名"),
                Lang::En => format!("Capacity: {cap}"),
            });
        }
        if let Some(b) = &event.booking {
            lines.push(b.get(lang).to_owned());
        }
        booking_lines(schedule.booking(), lang, &mut lines);
        Self {
            uid: format!("event-{}@{UID_DOMAIN}", event.id),
            start: event.date.and_time(event.hours.start()),
            end: event.date.and_time(event.hours.end()),
            summary: format!(
                "{}：{}",
                event.kind.label().get(lang),
                event.title.get(lang)
            ),
            location: location(venue, event.mode, lang),
            description: lines.join("\n"),
            url: event
                .url
                .clone()
                .or_else(|| schedule.page_url().map(str::to_owned)),
        }
    }
}

fn location(venue: Option<&crate::domain::schedule::Venue>, mode: Mode, lang: Lang) -> String {
    match (venue, mode) {
        (Some(v), Mode::Both) => format!(
            "{} / {}",
            v.location_line(lang),
            Mode::Online.label().get(lang)
        ),
        (Some(v), _) => v.location_line(lang),
        (None, _) => Mode::Online.label().get(lang).to_owned(),
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and newlines; drops other controls.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let normalised = value.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalised.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character,
/// and ends it with CRLF.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0; // octets on the current physical line
    let mut limit = 75;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > limit {
            out.push_str("\r\n ");
            used = 1;
            limit = 75;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn local(dt: NaiveDateTime) -> String {
    {
        use chrono::{Datelike, Timelike};
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}",
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            dt.second()
        )
    }
}

fn vtimezone(out: &mut String) {
    for line in [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Tokyo",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0900",
        "TZOFFSETTO:+0900",
        "TZNAME:JST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ] {
        out.push_str(&fold_line(line));
    }
}

/// Minutes before a desk day's start at which the optional reminder of
/// [`session_ics_with_reminder`] goes off.
pub const REMINDER_MINUTES: u32 = 60;

fn vevent(entry: &CalendarEntry, stamp: DateTime<Utc>, reminder: Option<u32>, out: &mut String) {
    let mut lines = vec![
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", entry.uid),
        format!("DTSTAMP:{}Z", local(stamp.naive_utc())),
        format!("DTSTART;TZID={TZID}:{}", local(entry.start)),
        format!("DTEND;TZID={TZID}:{}", local(entry.end)),
        format!("SUMMARY:{}", escape_text(&entry.summary)),
        format!("LOCATION:{}", escape_text(&entry.location)),
        format!("DESCRIPTION:{}", escape_text(&entry.description)),
    ];
    if let Some(url) = &entry.url {
        // URI values are not TEXT-escaped; feed URLs are validated (https, no controls).
        lines.push(format!("URL:{url}"));
    }
    if let Some(minutes) = reminder {
        // RFC 5545 §3.6.6: a DISPLAY alarm needs TRIGGER and DESCRIPTION.
        lines.push("BEGIN:VALARM".to_owned());
        lines.push("ACTION:DISPLAY".to_owned());
        lines.push(format!("TRIGGER:-PT{minutes}M"));
        lines.push(format!("DESCRIPTION:{}", escape_text(&entry.summary)));
        lines.push("END:VALARM".to_owned());
    }
    lines.push("END:VEVENT".to_owned());
    for line in lines {
        out.push_str(&fold_line(&line));
    }
}

/// A complete VCALENDAR holding `entries`. `name` becomes `X-WR-CALNAME` when given.
pub fn calendar(entries: &[CalendarEntry], name: Option<&str>, stamp: DateTime<Utc>) -> String {
    calendar_with(entries, name, stamp, None)
}

fn calendar_with(
    entries: &[CalendarEntry],
    name: Option<&str>,
    stamp: DateTime<Utc>,
    reminder: Option<u32>,
) -> String {
    let mut out = String::new();
    let mut head = vec![
        "BEGIN:VCALENDAR".to_owned(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
    ];
    if let Some(name) = name {
        head.push(format!("X-WR-CALNAME:{}", escape_text(name)));
        head.push(format!("X-WR-TIMEZONE:{TZID}"));
    }
    for line in head {
        out.push_str(&fold_line(&line));
    }
    vtimezone(&mut out);
    for e in entries {
        vevent(e, stamp, reminder, &mut out);
    }
    out.push_str(&fold_line("END:VCALENDAR"));
    out
}

/// `.ics` for one desk session ("add this day to my calendar").
pub fn session_ics(session: &Session, lang: Lang, stamp: DateTime<Utc>) -> String {
    calendar(&[CalendarEntry::from_session(session, lang)], None, stamp)
}

/// [`session_ics`] with a reminder (a `VALARM`) [`REMINDER_MINUTES`] before the desk opens:
/// what 「1時間前に通知する」 downloads.
pub fn session_ics_with_reminder(session: &Session, lang: Lang, stamp: DateTime<Utc>) -> String {
    calendar_with(
        &[CalendarEntry::from_session(session, lang)],
        None,
        stamp,
        Some(REMINDER_MINUTES),
    )
}

/// A complete VCALENDAR holding `entries`, each with a `DISPLAY` alarm `minutes` before
/// its start (the wallet's expiry reminder, `domain::tickets::holder::reminder`).
pub fn calendar_with_reminder(
    entries: &[CalendarEntry],
    stamp: DateTime<Utc>,
    minutes: u32,
) -> String {
    calendar_with(entries, None, stamp, Some(minutes))
}

/// `.ics` for one event.
pub fn event_ics(schedule: &Schedule, event: &Event, lang: Lang, stamp: DateTime<Utc>) -> String {
    calendar(
        &[CalendarEntry::from_event(schedule, event, lang)],
        None,
        stamp,
    )
}

/// Every session and event in `months` calendar months starting with `year`-`month`, in date
/// order: the subscribable calendar the office publishes. `None` for an invalid start month.
pub fn entries_for_months(
    schedule: &Schedule,
    year: i32,
    month: u32,
    months: u32,
    lang: Lang,
) -> Option<Vec<CalendarEntry>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let end = first.checked_add_months(Months::new(months))?;
    let mut entries = Vec::new();
    for date in first.iter_days().take_while(|d| *d < end) {
        let plan = schedule.day(date);
        entries.extend(
            plan.sessions()
                .iter()
                .map(|s| CalendarEntry::from_session(s, lang)),
        );
        entries.extend(
            plan.events
                .iter()
                .map(|e| CalendarEntry::from_event(schedule, e, lang)),
        );
    }
    crate::domain::shared::small_sort::sort_by(&mut entries, |a, b| {
        (a.start, &a.uid).cmp(&(b.start, &b.uid))
    });
    Some(entries)
}

/// `.ics` of [`entries_for_months`], named after the programme (marked as sample data when the
/// feed is a demo).
pub fn months_ics(
    schedule: &Schedule,
    year: i32,
    month: u32,
    months: u32,
    lang: Lang,
    stamp: DateTime<Utc>,
) -> Option<String> {
    let entries = entries_for_months(schedule, year, month, months, lang)?;
    let mut name = programme_name().get(lang).to_owned();
    if schedule.is_demo() {
        name.push_str(match lang {
            Lang::Ja => "（見本データ）",
            Lang::En => " (sample data)",
        });
    }
    Some(calendar(&entries, Some(&name), stamp))
}

/// Percent-encodes everything but RFC 3986 unreserved characters (UTF-8 bytes).
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An "add to Google Calendar" link (a link only: the app makes no request). Times are JST
/// wall-clock times, sent with `ctz=Asia/Tokyo`.
pub fn google_calendar_url(
    text: &str,
    start: NaiveDateTime,
    end: NaiveDateTime,
    details: &str,
    location: &str,
) -> String {
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&ctz={}&details={}&location={}",
        percent_encode(text),
        local(start),
        local(end),
        percent_encode(TZID),
        percent_encode(details),
        percent_encode(location),
    )
}

/// The Google Calendar link that subscribes to the published calendar at `webcal` (for
/// phones where a `webcal://` link does nothing, e.g. most Android phones). A plain link
/// the user opens: the app itself makes no request to Google.
pub fn google_subscribe_url(webcal: &str) -> String {
    format!(
        "https://calendar.google.com/calendar/render?cid={}",
        percent_encode(webcal)
    )
}

impl CalendarEntry {
    /// The Google Calendar link for this entry.
    pub fn google_calendar_url(&self) -> String {
        let mut details = self.description.clone();
        if let Some(url) = &self.url {
            if !details.contains(url.as_str()) {
                details.push('\n');
                details.push_str(url);
            }
        }
        google_calendar_url(
            &self.summary,
            self.start,
            self.end,
            &details,
            &self.location,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_table() {
        let table = [
            ("a,b;c", "a\\,b\\;c"),
            ("back\\slash", "back\\\\slash"),
            ("line1\nline2", "line1\\nline2"),
            ("crlf\r\nx", "crlf\\nx"),
            ("健康のこと", "健康のこと"),
        ];
        for (input, want) in table {
            assert_eq!(escape_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn folding_keeps_octet_limit_and_characters() {
        let table = [
            "SUMMARY:short".to_owned(),
            format!("DESCRIPTION:{}", "あ".repeat(100)),
            format!("DESCRIPTION:{}", "a".repeat(200)),
            format!("X:{}", "a😀".repeat(60)),
        ];
        for line in table {
            let folded = fold_line(&line);
            assert!(folded.ends_with("\r\n"));
            let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
            for (i, p) in physical.iter().enumerate() {
                assert!(p.len() <= 75, "{} octets: {p:?}", p.len());
                assert_eq!(i > 0, p.starts_with(' '));
            }
            let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
            assert_eq!(unfolded, line);
        }
    }

    #[test]
    fn google_subscribe_link_carries_the_webcal_address() {
        assert_eq!(
            google_subscribe_url("webcal://www.city.asahikawa.hokkaido.jp/jokatsu/feed/calendar.ics"),
            "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fwww.city.asahikawa.hokkaido.jp%2Fjokatsu%2Ffeed%2Fcalendar.ics"
        );
    }

    #[test]
    fn google_link_is_percent_encoded() {
        let start = NaiveDate::from_ymd_opt(2026, 12, 2)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap_or_default();
        let end = start + chrono::Duration::hours(6);
        let url = google_calendar_url("健康 & 更年期", start, end, "a=b?c", "旭川市");
        assert!(url.starts_with("https://calendar.google.com/calendar/render?action=TEMPLATE&text=%E5%81%A5%E5%BA%B7%20%26%20"));
        assert!(url.contains("&dates=20261202T100000/20261202T160000&ctz=Asia%2FTokyo"));
        assert!(url.contains("&details=a%3Db%3Fc&location=%E6%97%AD"));
        assert!(!url.contains(' '));
    }
}

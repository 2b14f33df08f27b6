//! The expiry reminder: a calendar entry (`.ics` with an alarm, or a Google Calendar link)
//! on the last valid day of her usable tickets, so that none expire unnoticed.
//!
//! **Rule:** one entry per last valid day among the tickets usable today (a month's
//! tickets usually share one day), 09:00–09:30 JST on that day, with a `DISPLAY` alarm
//! [`EXPIRY_REMINDER_DAYS`] days before (09:00 JST), so she still has time to use them or
//! give them away. The UID is stable per day (`ticket-expiry-2027-02-28@jokatsu.asahikawa`),
//! so adding it again updates the calendar entry instead of duplicating it.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::domain::schedule::ics::{calendar_with_reminder, CalendarEntry, UID_DOMAIN};
use crate::domain::shared::money::Yen;
use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::used::UsedLookup;
use crate::domain::tickets::holder::wallet::{EntryStatus, Wallet};

/// How many days before the last valid day the reminder's alarm goes off.
pub const EXPIRY_REMINDER_DAYS: u32 = 3;

/// The usable tickets whose last valid day is `date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryDay {
    pub date: NaiveDate,
    pub count: usize,
    pub yen: Yen,
}

/// The last valid days of the tickets usable on JST `today` under the used data in force,
/// soonest first (given, used, moved, expired and not-yet-valid tickets are left out).
pub fn expiry_days(wallet: &Wallet, today: NaiveDate, used: &dyn UsedLookup) -> Vec<ExpiryDay> {
    let mut days: Vec<ExpiryDay> = Vec::new();
    for e in wallet.entries_by_expiry() {
        if e.status_at(today, used) != EntryStatus::Usable {
            continue;
        }
        let date = e.ticket.body().valid_until();
        let face = e.ticket.body().face_value();
        match days.last_mut() {
            Some(d) if d.date == date => {
                d.count += 1;
                d.yen = Yen(d.yen.0.saturating_add(face.0));
            }
            _ => days.push(ExpiryDay {
                date,
                count: 1,
                yen: face,
            }),
        }
    }
    days
}

/// The calendar entry for one day; `url` is the wallet's address (optional).
pub fn expiry_entry(day: &ExpiryDay, lang: Lang, url: Option<String>) -> CalendarEntry {
    let at = |h| {
        day.date
            .and_time(NaiveTime::from_hms_opt(h, 0, 0).unwrap_or_default())
    };
    let (m, d) = (day.date.month(), day.date.day());
    let (summary, description) = match lang {
        Lang::Ja => (
            format!("すみまセンエン チケットの期限（{}枚・{}）", day.count, day.yen),
            format!(
                "すみまセンエン THANK YOU TICKET {}枚（{}）は{m}月{d}日まで使えます。期限までに、認定企業のお店で使うか、同僚に渡しましょう。",
                day.count, day.yen
            ),
        ),
        Lang::En => (
            format!("すみまセンエン tickets expire ({} tickets, {})", day.count, day.yen),
            format!(
                "{} すみまセンエン THANK YOU TICKETs ({}) can be used until {m}/{d}. Use them at a certified shop or give them to a coworker before then.",
                day.count, day.yen
            ),
        ),
    };
    CalendarEntry {
        uid: format!(
            "ticket-expiry-{}@{UID_DOMAIN}",
            crate::domain::shared::date::iso_date(day.date)
        ),
        start: at(9),
        end: at(9) + chrono::Duration::minutes(30),
        summary,
        location: String::new(),
        description,
        url,
    }
}

/// The `.ics` of [`expiry_entry`] for each of `days`, each with its alarm
/// [`EXPIRY_REMINDER_DAYS`] days before.
pub fn expiry_ics(
    days: &[ExpiryDay],
    lang: Lang,
    url: Option<String>,
    stamp: chrono::DateTime<chrono::Utc>,
) -> String {
    let entries: Vec<CalendarEntry> = days
        .iter()
        .map(|d| expiry_entry(d, lang, url.clone()))
        .collect();
    calendar_with_reminder(&entries, stamp, EXPIRY_REMINDER_DAYS * 24 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::bundle::Bundle;
    use crate::domain::tickets::core::keys::demo;
    use crate::domain::tickets::core::ticket::{demo_month, VerifyPolicy, YearMonth};
    use crate::domain::tickets::core::used::NothingUsed;
    use chrono::{TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
    }

    fn wallet() -> Wallet {
        let mut w = Wallet::new();
        for month in [12, 11] {
            let b = Bundle::new(demo_month(YearMonth::new(2026, month).unwrap()).unwrap()).unwrap();
            w.add_bundle(&b, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 2));
        }
        w
    }

    #[test]
    fn one_entry_per_last_valid_day_of_usable_tickets_with_an_alarm_three_days_before() {
        let mut w = wallet();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let first = w.entries_by_expiry()[0].id();
        w.mark_used(first, at(2026, 12, 5)).unwrap();
        let days = expiry_days(&w, today, &NothingUsed);
        assert!(!days.is_empty());
        assert!(
            days.windows(2).all(|p| p[0].date < p[1].date),
            "soonest first"
        );
        let total: usize = days.iter().map(|d| d.count).sum();
        assert_eq!(total, w.balance(today).usable_count, "only usable tickets");
        let ics = expiry_ics(&days, Lang::Ja, None, at(2026, 12, 5));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), days.len());
        assert_eq!(ics.matches("BEGIN:VALARM").count(), days.len());
        assert!(ics.contains("TRIGGER:-PT4320M"), "{ics}");
        let d = days[0].date;
        assert!(ics.contains(&format!(
            "DTSTART;TZID=Asia/Tokyo:{:04}{:02}{:02}T090000",
            d.year(),
            d.month(),
            d.day()
        )));
        assert!(ics.contains(&format!(
            "UID:ticket-expiry-{}@jokatsu.asahikawa",
            crate::domain::shared::date::iso_date(d)
        )));
        // Moved tickets are not reminded of on the old phone.
        let file = w.transfer_file(at(2026, 12, 5)).unwrap();
        w.mark_moved(&file.moving, at(2026, 12, 5));
        assert!(expiry_days(&w, today, &NothingUsed).is_empty());
    }

    #[test]
    fn the_entry_says_how_many_tickets_and_until_when() {
        let day = ExpiryDay {
            date: NaiveDate::from_ymd_opt(2027, 2, 28).unwrap(),
            count: 18,
            yen: Yen(18_000),
        };
        let e = expiry_entry(&day, Lang::Ja, None);
        assert_eq!(e.summary, "すみまセンエン チケットの期限（18枚・18,000円）");
        assert!(e.description.contains("2月28日まで"), "{}", e.description);
        assert_eq!(e.uid, "ticket-expiry-2027-02-28@jokatsu.asahikawa");
        assert!(expiry_entry(&day, Lang::En, None)
            .description
            .contains("until 2/28"));
    }
}

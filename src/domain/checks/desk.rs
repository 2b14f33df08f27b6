//! From a self-check's theme to the career health room: the next desk for that theme.

use chrono::NaiveDate;

use crate::domain::checks::questionnaire::Theme;
use crate::domain::schedule::{Schedule, Session};

/// Rule **a result points to the next desk of its theme**: the schedule's theme with the
/// same key as the self-check's theme, and its next opening on or after `today` (JST).
/// `None` when the schedule has no such theme or no opening ahead.
pub fn next_desk(schedule: &Schedule, theme: Theme, today: NaiveDate) -> Option<Session> {
    let t = schedule.theme_by_str(theme.key())?;
    schedule
        .next_dates_for_theme(&t.id, today, 1)
        .into_iter()
        .next()
        .map(|d| d.session)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    fn demo() -> Schedule {
        let text = include_str!("../../../feed-src/schedule.json");
        Schedule::from_feed_json(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn each_theme_leads_to_its_weekday() {
        let schedule = demo();
        // Wednesday 2026-12-02 (JST).
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default();
        for (theme, weekday) in [
            (Theme::Career, Weekday::Mon),
            (Theme::Communication, Weekday::Tue),
            (Theme::Health, Weekday::Wed),
            (Theme::TimeMoney, Weekday::Thu),
            (Theme::Business, Weekday::Fri),
        ] {
            let s = next_desk(&schedule, theme, today).unwrap_or_else(|| panic!("{theme:?}"));
            assert!(s.date >= today, "{theme:?} {}", s.date);
            // A holiday moves a desk to the next working day, never before today.
            if s.date.weekday() != weekday {
                assert!(s.date > today, "{theme:?} {}", s.date);
            }
        }
        // Today's desk counts when it is today's theme.
        assert_eq!(
            next_desk(&schedule, Theme::Health, today).map(|s| s.date),
            Some(today)
        );
    }
}

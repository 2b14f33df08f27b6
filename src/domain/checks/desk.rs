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

/// Rule **each worry names its day**: for every theme of `themes` (a result's worries,
/// recommended first), in the same order, its next desk on or after `today` (`None` when
/// the schedule has no such theme or no date ahead: the page says to check the schedule).
pub fn next_desks(
    schedule: &Schedule,
    themes: &[Theme],
    today: NaiveDate,
) -> Vec<(Theme, Option<Session>)> {
    themes
        .iter()
        .map(|&t| (t, next_desk(schedule, t, today)))
        .collect()
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
        // Two worries, two days: 子育て/キャリア (Monday) and 話し合い (Tuesday), in her order.
        let both = next_desks(&schedule, &[Theme::Career, Theme::Communication], today);
        let days: Vec<(Theme, Option<Weekday>)> = both
            .iter()
            .map(|(t, s)| (*t, s.as_ref().map(|s| s.date.weekday())))
            .collect();
        assert_eq!(
            days,
            [
                (Theme::Career, Some(Weekday::Mon)),
                (Theme::Communication, Some(Weekday::Tue))
            ]
        );
        assert!(both
            .iter()
            .all(|(_, s)| s.as_ref().is_some_and(|s| s.date > today)));
        // On Tuesday 2026-12-01 (the e2e clock): Tuesday's desk is today, Monday's the 7th.
        let tue = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let dates: Vec<String> = next_desks(&schedule, &[Theme::Career, Theme::Communication], tue)
            .iter()
            .filter_map(|(_, s)| Some(s.as_ref()?.date.to_string()))
            .collect();
        assert_eq!(dates, ["2026-12-07", "2026-12-01"]);
        // Today's desk counts when it is today's theme.
        assert_eq!(
            next_desk(&schedule, Theme::Health, today).map(|s| s.date),
            Some(today)
        );
    }
}

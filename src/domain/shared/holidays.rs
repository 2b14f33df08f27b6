//! Japan's national holidays (国民の祝日・休日), embedded from the Cabinet Office list.
//!
//! The data file `data/holidays-jp.csv` is generated from the Cabinet Office's
//! `syukujitsu.csv` by `scripts/update-holidays.py` (see `docs/feed-schedule.md`, "Holiday
//! data"). Substitute holidays (振替休日) and 国民の休日 are both named 「休日」 there, and so here.
//!
//! The list is finite: it covers whole calendar years (1 January of its first year to
//! 31 December of its last year). For any date outside, [`HolidayCalendar::status`] answers
//! [`HolidayStatus::Unknown`] instead of pretending the day is an ordinary working day, so the
//! UI can warn ("holiday data for 2028 is not available yet").

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

/// The embedded list (UTF-8, `YYYY-MM-DD,name`, `#` comment lines, a `date,name` header).
pub const EMBEDDED_CSV: &str = include_str!("../../../data/holidays-jp.csv");

/// What the holiday list says about one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayStatus<'a> {
    /// A national holiday or substitute holiday, with its Japanese name (e.g. 「成人の日」, 「休日」).
    Holiday(&'a str),
    /// Covered by the list and not a holiday.
    NotHoliday,
    /// Outside the list's coverage: nobody knows yet (the Cabinet Office publishes a year's
    /// dates around February of the year before).
    Unknown,
}

/// An inclusive date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Coverage {
    /// Whether `date` lies in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }
}

/// A sorted list of holidays with the whole years it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayCalendar {
    days: Vec<(NaiveDate, String)>,
    coverage: Option<Coverage>,
}

/// A line of a holiday CSV that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayDataError {
    #[error("holiday list line {line}: expected `YYYY-MM-DD,name`, found {text:?}")]
    BadLine { line: usize, text: String },
    #[error("holiday list line {line}: {date} is listed twice or out of order")]
    NotSorted { line: usize, date: NaiveDate },
    #[error("the holiday list is empty")]
    Empty,
}

impl HolidayCalendar {
    /// Parses the repo's CSV format (what `scripts/update-holidays.py` writes).
    pub fn from_csv(text: &str) -> Result<Self, HolidayDataError> {
        let mut days: Vec<(NaiveDate, String)> = Vec::new();
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line == "date,name" {
                continue;
            }
            let bad = || HolidayDataError::BadLine {
                line: index + 1,
                text: line.to_owned(),
            };
            let (date, name) = line.split_once(',').ok_or_else(bad)?;
            let date = super::date::strict_date(date).ok_or_else(bad)?;
            let name = name.trim();
            if name.is_empty() {
                return Err(bad());
            }
            if days.last().is_some_and(|(last, _)| *last >= date) {
                return Err(HolidayDataError::NotSorted {
                    line: index + 1,
                    date,
                });
            }
            days.push((date, name.to_owned()));
        }
        let first_year = days.first().map(|(d, _)| d.year());
        let last_year = days.last().map(|(d, _)| d.year());
        let coverage = match (first_year, last_year) {
            (Some(a), Some(b)) => NaiveDate::from_ymd_opt(a, 1, 1)
                .zip(NaiveDate::from_ymd_opt(b, 12, 31))
                .map(|(first, last)| Coverage { first, last }),
            _ => None,
        };
        if coverage.is_none() {
            return Err(HolidayDataError::Empty);
        }
        Ok(Self { days, coverage })
    }

    /// The list compiled into the app. Parsed once; a test proves the embedded file parses,
    /// so the empty fallback is unreachable in a tested build (and would report every date
    /// as [`HolidayStatus::Unknown`], never as a working day).
    pub fn embedded() -> &'static HolidayCalendar {
        static CELL: OnceLock<HolidayCalendar> = OnceLock::new();
        CELL.get_or_init(|| {
            HolidayCalendar::from_csv(EMBEDDED_CSV).unwrap_or(HolidayCalendar {
                days: Vec::new(),
                coverage: None,
            })
        })
    }

    /// This list extended with a feed's holidays (`schedule.holidays`) for the whole years
    /// after its own coverage: the built-in list wins where it has data; the feed's dates
    /// count only from the year after the built-in list ends, and only for years that
    /// follow on without a gap. `extra` must be sorted (the schedule parser checks it).
    pub fn extended(&self, extra: &[(NaiveDate, String)]) -> HolidayCalendar {
        let Some(c) = self.coverage else {
            return self.clone();
        };
        let mut out = self.clone();
        let mut year = c.last.year();
        for (date, name) in extra.iter().filter(|(d, _)| d.year() > c.last.year()) {
            if date.year() > year + 1 {
                break;
            }
            year = date.year();
            out.days.push((*date, name.clone()));
        }
        if let Some(last) = NaiveDate::from_ymd_opt(year, 12, 31) {
            out.coverage = Some(Coverage { last, ..c });
        }
        out
    }

    /// The covered range (whole years), or `None` for an empty calendar.
    pub fn coverage(&self) -> Option<Coverage> {
        self.coverage
    }

    /// Whether `date` is within the list's coverage.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.coverage.is_some_and(|c| c.contains(date))
    }

    /// Holiday, not a holiday, or unknown (outside coverage).
    pub fn status(&self, date: NaiveDate) -> HolidayStatus<'_> {
        if !self.covers(date) {
            return HolidayStatus::Unknown;
        }
        match self.days.binary_search_by_key(&date, |(d, _)| *d) {
            Ok(i) => self
                .days
                .get(i)
                .map_or(HolidayStatus::NotHoliday, |(_, n)| {
                    HolidayStatus::Holiday(n)
                }),
            Err(_) => HolidayStatus::NotHoliday,
        }
    }

    /// The holiday's name, or `None` when `date` is not a (known) holiday.
    /// `None` does not mean "working day" outside coverage: check [`Self::covers`].
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        match self.status(date) {
            HolidayStatus::Holiday(name) => Some(name),
            _ => None,
        }
    }

    /// The holiday's name as people say it: the list's 「休日」 is a substitute holiday
    /// (「振替休日」) when the run of holidays just before it has a Sunday (a holiday that fell
    /// on a Sunday moves to the next free day), and 「国民の休日」 otherwise (a day between two
    /// holidays). Other names as listed.
    pub fn display_name(&self, date: NaiveDate) -> Option<String> {
        let name = self.holiday_name(date)?;
        if name != "休日" {
            return Some(name.to_owned());
        }
        let mut day = date.pred_opt();
        while let Some(d) = day.filter(|d| self.holiday_name(*d).is_some()) {
            if d.weekday() == chrono::Weekday::Sun {
                return Some("振替休日".to_owned());
            }
            day = d.pred_opt();
        }
        Some("国民の休日".to_owned())
    }

    /// All listed holidays in `[from, to]`, in date order.
    pub fn between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.days
            .iter()
            .filter(move |(d, _)| from <= *d && *d <= to)
            .map(|(d, n)| (*d, n.as_str()))
    }

    /// Number of listed holidays.
    pub fn len(&self) -> usize {
        self.days.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

/// The embedded list's name for `date` (e.g. 2026-01-12 → 「成人の日」).
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    HolidayCalendar::embedded().holiday_name(date)
}

/// The embedded list's answer for `date`.
pub fn holiday_status(date: NaiveDate) -> HolidayStatus<'static> {
    HolidayCalendar::embedded().status(date)
}

/// The embedded list's coverage (whole years).
pub fn coverage() -> Option<Coverage> {
    HolidayCalendar::embedded().coverage()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| panic!("bad test date"))
    }

    #[test]
    fn the_embedded_list_parses_completely() {
        let parsed = HolidayCalendar::from_csv(EMBEDDED_CSV);
        let data_lines = EMBEDDED_CSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#') && *l != "date,name")
            .count();
        assert_eq!(parsed.map(|c| c.len()), Ok(data_lines));
        assert!(!HolidayCalendar::embedded().is_empty());
    }

    #[test]
    fn coverage_is_whole_years_2020_to_at_least_2027() {
        let c = coverage().unwrap_or_else(|| panic!("no coverage"));
        assert_eq!(c.first, d(2020, 1, 1));
        assert!(c.last >= d(2027, 12, 31));
    }

    #[test]
    fn known_dates() {
        let table = [
            (d(2026, 1, 12), HolidayStatus::Holiday("成人の日")),
            (d(2026, 5, 6), HolidayStatus::Holiday("休日")),
            (d(2026, 9, 22), HolidayStatus::Holiday("休日")),
            (d(2027, 1, 4), HolidayStatus::NotHoliday),
            (d(2026, 12, 30), HolidayStatus::NotHoliday),
            (d(2019, 12, 31), HolidayStatus::Unknown),
            (d(2031, 1, 1), HolidayStatus::Unknown),
        ];
        for (date, want) in table {
            assert_eq!(holiday_status(date), want, "{date}");
        }
    }

    #[test]
    fn the_lists_holiday_is_named_substitute_or_citizens_holiday() {
        let cal = HolidayCalendar::embedded();
        let table = [
            // 5/3 (Sun) → 5/6: a substitute holiday after a run of holidays with a Sunday.
            (d(2026, 5, 6), Some("振替休日")),
            // 2027-03-21 (Sun) 春分の日 → 3/22.
            (d(2027, 3, 22), Some("振替休日")),
            // Between 敬老の日 (Mon) and 秋分の日 (Wed).
            (d(2026, 9, 22), Some("国民の休日")),
            (d(2026, 1, 12), Some("成人の日")),
            (d(2026, 1, 13), None),
        ];
        for (date, want) in table {
            assert_eq!(cal.display_name(date).as_deref(), want, "{date}");
        }
    }

    #[test]
    fn bad_csv_is_rejected_with_its_line() {
        let table = [
            ("date,name\n2026-13-01,x\n", "line 2"),
            ("2026-01-02,a\n2026-01-01,b\n", "line 2"),
            ("2026-01-01\n", "line 1"),
            ("2026-01-01,\n", "line 1"),
        ];
        for (csv, want) in table {
            let err = HolidayCalendar::from_csv(csv).err().map(|e| e.to_string());
            assert!(
                err.as_deref().is_some_and(|e| e.contains(want)),
                "{csv:?} → {err:?}"
            );
        }
        assert_eq!(
            HolidayCalendar::from_csv("# only\n"),
            Err(HolidayDataError::Empty)
        );
    }

    #[test]
    fn a_feed_list_extends_past_the_built_in_years_only() {
        let built_in = HolidayCalendar::from_csv("2026-01-01,元日\n2027-01-01,元日\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let feed = vec![
            (d(2027, 1, 1), "ちがう名前".to_owned()),
            (d(2028, 1, 1), "元日".to_owned()),
            (d(2028, 1, 10), "成人の日".to_owned()),
            (d(2030, 1, 1), "元日".to_owned()),
        ];
        let merged = built_in.extended(&feed);
        assert_eq!(merged.status(d(2027, 1, 1)), HolidayStatus::Holiday("元日"));
        assert_eq!(
            merged.status(d(2028, 1, 10)),
            HolidayStatus::Holiday("成人の日")
        );
        assert_eq!(merged.status(d(2028, 12, 31)), HolidayStatus::NotHoliday);
        // 2029 is missing from the feed: 2030 does not count.
        assert_eq!(merged.status(d(2030, 1, 1)), HolidayStatus::Unknown);
        assert_eq!(merged.coverage().map(|c| c.last), Some(d(2028, 12, 31)));
        assert_eq!(built_in.extended(&[]), built_in);
    }
}

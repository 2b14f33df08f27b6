//! Schedule queries: what is on a given day, week or month, and when a theme or the desk opens
//! next. The rules, in the order they apply to a date:
//!
//! 1. **Closed by exception**: a `closed` exception closes everything that day.
//! 2. **Year-end break**: 12/29–1/3 is closed (weekdays too) when `rules.year_end_closure`.
//! 3. **National holiday**: closed when `rules.closed_on_holidays` (the embedded list).
//! 4. **Weekend**: Saturday and Sunday are closed unless a theme is set for them.
//! 5. Otherwise the weekday's themed desk opens (with a `change` exception applied, or not at all
//!    if a `moved` exception sends it elsewhere), plus the evening desk on its weekdays.
//! 6. **Holiday substitute** (`rules.substitute = next_working_day`): a themed desk whose day
//!    is closed *by a national holiday* is added, as an extra session marked 「祝日振替」, to
//!    the next working day, alongside that day's own theme. Desks lost to the year-end break
//!    or to a `closed` exception are not substituted.
//! 7. `moved` sessions and `extra` openings are added on their dates even if the day is
//!    otherwise closed (an explicit decision by the office overrides the general rules).
//!
//! A "working day" is a day not closed by rules 1–4. Days beyond the holiday list are treated
//! as if not holidays, and [`DayPlan::holidays_known`] is `false` so the UI can warn.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, Utc, Weekday};

use super::{
    Booking, Event, ExceptionKind, Mode, Schedule, SubstituteRule, Theme, ThemeId, TimeRange, Venue,
};
use crate::domain::shared::date::{jst_today, to_jst};
use crate::domain::shared::holidays::HolidayStatus;
use crate::domain::shared::text::I18n;

/// How far the "next …" queries look ahead.
const HORIZON_DAYS: u64 = 400;
/// How far back a holiday can be substituted into a day (Golden Week is the longest run).
const SUBSTITUTE_LOOKBACK_DAYS: u64 = 14;

/// Why the desk is closed on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosedReason {
    /// A national holiday (name from the Cabinet Office list, e.g. 「成人の日」).
    Holiday(String),
    /// The 12/29–1/3 year-end break (年末年始).
    YearEnd,
    /// A dated `closed` exception, with its note.
    Exception(I18n),
    /// Saturday or Sunday.
    Weekend,
    /// The day's only session was moved to another date.
    Moved { to: NaiveDate, note: Option<I18n> },
    /// A weekday with no desk in the roster.
    NoDesk,
}

impl ClosedReason {
    /// A short user-facing label, e.g. 「休み（祝日：成人の日）」.
    pub fn label(&self) -> I18n {
        match self {
            ClosedReason::Holiday(name) => I18n::new(
                format!("休み（祝日：{name}）"),
                format!("Closed (national holiday: {name})"),
            ),
            ClosedReason::YearEnd => I18n::new(
                "休み（年末年始 12/29〜1/3）",
                "Closed (year-end break, Dec 29 – Jan 3)",
            ),
            ClosedReason::Exception(note) => I18n {
                ja: format!("休み（{}）", note.ja),
                en: Some(format!(
                    "Closed ({})",
                    note.get(crate::domain::shared::text::Lang::En)
                )),
            },
            ClosedReason::Weekend => I18n::new("休み（土日）", "Closed (weekend)"),
            ClosedReason::Moved { to, .. } => I18n::new(
                format!(
                    "休み（{}に日程変更）",
                    format_args!("{}月{}日", to.month(), to.day())
                ),
                format!(
                    "Closed (moved to {})",
                    crate::domain::shared::date::en_month_day(*to)
                ),
            ),
            ClosedReason::NoDesk => I18n::new("窓口なし", "No desk this day"),
        }
    }
}

/// Why a session takes place on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionOrigin {
    /// The weekday's regular themed desk.
    Roster,
    /// The evening online desk.
    Evening,
    /// 祝日振替: the desk of `from`, closed by a national holiday, held on the next working day.
    Substitute { from: NaiveDate },
    /// A `moved` exception: the desk of `from` is held on this day instead.
    Moved { from: NaiveDate },
    /// An `extra` exception.
    Extra,
}

impl SessionOrigin {
    /// The badge to show next to the session, if any (e.g. 「祝日振替」).
    pub fn badge(self) -> Option<I18n> {
        match self {
            SessionOrigin::Roster => None,
            SessionOrigin::Evening => Some(I18n::new("夜間オンライン", "Evening online")),
            SessionOrigin::Substitute { from } => Some(I18n::new(
                format!(
                    "祝日振替（{}分）",
                    format_args!("{}/{}", from.month(), from.day())
                ),
                format!(
                    "Holiday substitute for {}",
                    crate::domain::shared::date::en_month_day(from)
                ),
            )),
            SessionOrigin::Moved { from } => Some(I18n::new(
                format!(
                    "日程変更（{}から）",
                    format_args!("{}/{}", from.month(), from.day())
                ),
                format!(
                    "Moved from {}",
                    crate::domain::shared::date::en_month_day(from)
                ),
            )),
            SessionOrigin::Extra => Some(I18n::new("臨時開設", "Extra opening")),
        }
    }
}

/// What a `change` exception altered in a roster session, against its usual desk. Every
/// list of days marks it (the today card, the week, the theme dates, the month calendar),
/// not only the day itself: a woman planning on Monday must see that Wednesday moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changes {
    pub hours: bool,
    pub venue: bool,
    pub mode: bool,
}

impl Changes {
    /// Whether anything differs from the usual desk.
    pub fn any(self) -> bool {
        self.hours || self.venue || self.mode
    }

    /// The mark beside the session: 「会場変更」, 「会場・時間変更」 (`None`: as usual).
    pub fn label(self) -> Option<I18n> {
        let parts: Vec<(&str, &str)> = [
            (self.venue, ("会場", "venue")),
            (self.hours, ("時間", "hours")),
            (self.mode, ("方法", "format")),
        ]
        .into_iter()
        .filter_map(|(on, words)| on.then_some(words))
        .collect();
        if parts.is_empty() {
            return None;
        }
        let ja: Vec<&str> = parts.iter().map(|p| p.0).collect();
        let en: Vec<&str> = parts.iter().map(|p| p.1).collect();
        Some(I18n::new(
            format!("{}変更", ja.join("・")),
            format!("Changed {}", en.join(" and ")),
        ))
    }

    /// The mark for a calendar cell, one word: the venue first, then the hours, then
    /// the format (the cell's full label says everything).
    pub fn short_label(self) -> Option<I18n> {
        if self.venue {
            Some(I18n::new("会場変更", "New venue"))
        } else if self.hours {
            Some(I18n::new("時間変更", "New hours"))
        } else if self.mode {
            Some(I18n::new("方法変更", "New format"))
        } else {
            None
        }
    }
}

/// One desk session on one day, fully resolved for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub date: NaiveDate,
    /// The theme, or `None` for an evening desk open to any theme.
    pub theme: Option<ThemeId>,
    /// The theme's name (or the evening desk's name).
    pub title: I18n,
    /// Expert roles on duty.
    pub experts: Vec<I18n>,
    pub hours: TimeRange,
    pub venue: Option<Venue>,
    pub mode: Mode,
    pub booking: Booking,
    pub origin: SessionOrigin,
    /// What a `change` exception made different from the usual desk.
    pub changed: Changes,
    /// The exception's note or the evening desk's note.
    pub note: Option<I18n>,
}

impl Session {
    /// JST wall-clock start.
    pub fn start(&self) -> NaiveDateTime {
        self.date.and_time(self.hours.start())
    }

    /// JST wall-clock end.
    pub fn end(&self) -> NaiveDateTime {
        self.date.and_time(self.hours.end())
    }

    /// A stable key for this session (used in `.ics` UIDs):
    /// `2026-12-02-health`, `2026-12-02-evening`.
    pub fn key(&self) -> String {
        let what = match (self.origin, &self.theme) {
            (SessionOrigin::Evening, _) => "evening".to_owned(),
            (_, Some(t)) => t.to_string(),
            (_, None) => "desk".to_owned(),
        };
        format!("{}-{what}", self.date)
    }
}

/// The desk at one minute ([`Schedule::desk_now`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskNow {
    /// Closed all day (holiday, year-end break, no desk on this weekday, …).
    ClosedToday(ClosedReason),
    /// Before the day's first session: it opens at the session's start.
    OpensAt(Session),
    /// This session is under way.
    OpenNow(Session),
    /// Between sessions: an earlier one has ended, this one starts later today.
    NextToday(Session),
    /// Every session of the day has ended.
    Ended,
}

/// Open with sessions, or closed with a reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayStatus {
    /// Sessions sorted by start time (never empty).
    Open(Vec<Session>),
    Closed(ClosedReason),
}

/// Everything the UI shows for one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// The holiday's name even when the desk opens anyway (e.g. an extra opening).
    pub holiday: Option<String>,
    /// `false` when the date is beyond the embedded holiday list: warn the user.
    pub holidays_known: bool,
    pub status: DayStatus,
    /// Events on this date (they take place whether the desk is open or not).
    pub events: Vec<Event>,
}

impl DayPlan {
    pub fn weekday(&self) -> Weekday {
        self.date.weekday()
    }

    pub fn is_open(&self) -> bool {
        matches!(self.status, DayStatus::Open(_))
    }

    /// The sessions (empty when closed).
    pub fn sessions(&self) -> &[Session] {
        match &self.status {
            DayStatus::Open(s) => s,
            DayStatus::Closed(_) => &[],
        }
    }

    pub fn closed_reason(&self) -> Option<&ClosedReason> {
        match &self.status {
            DayStatus::Open(_) => None,
            DayStatus::Closed(r) => Some(r),
        }
    }
}

/// A date on which a theme is held (answer to "when is the next health day?").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeDate {
    pub date: NaiveDate,
    pub session: Session,
}

/// One cell of a month grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridDay {
    /// `false` for the leading/trailing days of the neighbouring months.
    pub in_month: bool,
    pub plan: DayPlan,
}

/// A month as calendar rows, Monday first; 4 to 6 rows of 7 days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthGrid {
    pub year: i32,
    pub month: u32,
    pub weeks: Vec<[GridDay; 7]>,
    /// `false` if any day of the month is beyond the holiday list.
    pub holidays_known: bool,
}

/// Rule: the year-end break is 12/29–1/3 inclusive.
pub fn is_year_end_break(date: NaiveDate) -> bool {
    (date.month() == 12 && date.day() >= 29) || (date.month() == 1 && date.day() <= 3)
}

fn plus(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(days))
}

fn minus(date: NaiveDate, days: u64) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(days))
}

impl Schedule {
    /// Rules 1–4: why `date` is closed as a whole, if it is.
    fn general_closure(&self, date: NaiveDate) -> Option<ClosedReason> {
        let exceptions = self.exceptions.get(&date).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(x) = exceptions.iter().find(|x| x.kind == ExceptionKind::Closed) {
            return Some(ClosedReason::Exception(x.note.clone().unwrap_or_default()));
        }
        if self.rules.year_end_closure && is_year_end_break(date) {
            return Some(ClosedReason::YearEnd);
        }
        if self.rules.closed_on_holidays {
            if let Some(name) = self.holidays.display_name(date) {
                return Some(ClosedReason::Holiday(name));
            }
        }
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend && self.theme_for_weekday(date.weekday()).is_none() {
            return Some(ClosedReason::Weekend);
        }
        None
    }

    /// Whether `date` is a working day (not closed by exception, year-end, holiday, weekend).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.general_closure(date).is_none()
    }

    /// The first working day after `date` (within the look-ahead horizon).
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        (1..=HORIZON_DAYS)
            .filter_map(|k| plus(date, k))
            .find(|d| self.is_working_day(*d))
    }

    /// Rule 6: the themed desks substituted into `date`, oldest first.
    fn substitutes_into(&self, date: NaiveDate) -> Vec<(NaiveDate, &Theme)> {
        if self.rules.substitute != SubstituteRule::NextWorkingDay || !self.is_working_day(date) {
            return Vec::new();
        }
        (1..=SUBSTITUTE_LOOKBACK_DAYS)
            .rev()
            .filter_map(|k| minus(date, k))
            .filter(|from| matches!(self.general_closure(*from), Some(ClosedReason::Holiday(_))))
            .filter_map(|from| self.theme_for_weekday(from.weekday()).map(|t| (from, t)))
            .filter(|(from, _)| self.next_working_day(*from) == Some(date))
            .collect()
    }

    fn theme_session(&self, date: NaiveDate, theme: &Theme, origin: SessionOrigin) -> Session {
        Session {
            date,
            theme: Some(theme.id.clone()),
            title: theme.name.clone(),
            experts: theme.experts.clone(),
            hours: theme.hours,
            venue: theme.venue.as_ref().and_then(|v| self.venue(v)).cloned(),
            mode: theme.mode,
            booking: theme
                .booking
                .clone()
                .unwrap_or_else(|| self.booking.clone()),
            origin,
            changed: Changes::default(),
            note: None,
        }
    }

    fn evening_session(&self, date: NaiveDate) -> Option<Session> {
        let desk = self.evening.as_ref()?;
        if !desk.weekdays.contains(&date.weekday()) {
            return None;
        }
        let theme = desk.theme.as_ref().and_then(|t| self.theme(t));
        Some(Session {
            date,
            theme: desk.theme.clone(),
            title: desk.name.clone(),
            experts: theme.map(|t| t.experts.clone()).unwrap_or_default(),
            hours: desk.hours,
            venue: desk.venue.as_ref().and_then(|v| self.venue(v)).cloned(),
            mode: desk.mode,
            booking: desk.booking.clone().unwrap_or_else(|| self.booking.clone()),
            origin: SessionOrigin::Evening,
            changed: Changes::default(),
            note: desk.note.clone(),
        })
    }

    /// What happens on `date` (a JST calendar date).
    pub fn day(&self, date: NaiveDate) -> DayPlan {
        let holiday_status = self.holidays.status(date);
        let closure = self.general_closure(date);
        let exceptions = self.exceptions.get(&date).map(Vec::as_slice).unwrap_or(&[]);
        let mut sessions = Vec::new();
        let mut moved_away = None;

        if closure.is_none() {
            if let Some(theme) = self.theme_for_weekday(date.weekday()) {
                let moved = exceptions.iter().find_map(|x| match x.kind {
                    ExceptionKind::Moved { to } => Some((to, x.note.clone())),
                    _ => None,
                });
                if let Some((to, note)) = moved {
                    moved_away = Some(ClosedReason::Moved { to, note });
                } else {
                    let mut s = self.theme_session(date, theme, SessionOrigin::Roster);
                    for x in exceptions {
                        if let ExceptionKind::Change { hours, venue, mode } = &x.kind {
                            let usual = (s.hours, s.mode, s.venue.as_ref().map(|v| v.id.clone()));
                            s.hours = hours.unwrap_or(s.hours);
                            s.mode = mode.unwrap_or(s.mode);
                            if let Some(v) = venue {
                                s.venue = self.venue(v).cloned();
                            }
                            s.changed = Changes {
                                hours: s.changed.hours || s.hours != usual.0,
                                mode: s.changed.mode || s.mode != usual.1,
                                venue: s.changed.venue
                                    || s.venue.as_ref().map(|v| v.id.clone()) != usual.2,
                            };
                            s.note = x.note.clone();
                        }
                    }
                    sessions.push(s);
                }
            }
            for (from, theme) in self.substitutes_into(date) {
                sessions.push(self.theme_session(date, theme, SessionOrigin::Substitute { from }));
            }
            sessions.extend(self.evening_session(date));
        }

        // Rule 7: moved-in sessions and extra openings.
        for (from, list) in &self.exceptions {
            for x in list {
                if x.kind == (ExceptionKind::Moved { to: date }) {
                    if let Some(theme) = self.theme_for_weekday(from.weekday()) {
                        let mut s =
                            self.theme_session(date, theme, SessionOrigin::Moved { from: *from });
                        s.note = x.note.clone();
                        sessions.push(s);
                    }
                }
            }
        }
        for x in exceptions {
            if let ExceptionKind::Extra {
                theme,
                hours,
                venue,
                mode,
            } = &x.kind
            {
                if let Some(theme) = self.theme(theme) {
                    let mut s = self.theme_session(date, theme, SessionOrigin::Extra);
                    s.hours = hours.unwrap_or(s.hours);
                    s.mode = mode.unwrap_or(s.mode);
                    if let Some(v) = venue {
                        s.venue = self.venue(v).cloned();
                    }
                    s.note = x.note.clone();
                    sessions.push(s);
                }
            }
        }
        crate::domain::shared::small_sort::sort_by_key(&mut sessions, |s| {
            (s.hours.start(), s.hours.end())
        });

        let status = if sessions.is_empty() {
            DayStatus::Closed(closure.or(moved_away).unwrap_or(ClosedReason::NoDesk))
        } else {
            DayStatus::Open(sessions)
        };
        DayPlan {
            date,
            holiday: match holiday_status {
                HolidayStatus::Holiday(_) => self.holidays.display_name(date),
                _ => None,
            },
            holidays_known: holiday_status != HolidayStatus::Unknown,
            status,
            events: self
                .events
                .iter()
                .filter(|e| e.date == date)
                .cloned()
                .collect(),
        }
    }

    /// Today's plan in Japan at instant `now`, whatever the device's time zone.
    pub fn today(&self, now: DateTime<Utc>) -> DayPlan {
        self.day(jst_today(now))
    }

    /// The first open day on or after `from` (within about 13 months).
    pub fn next_opening(&self, from: NaiveDate) -> Option<DayPlan> {
        (0..=HORIZON_DAYS)
            .filter_map(|k| plus(from, k))
            .map(|d| self.day(d))
            .find(DayPlan::is_open)
    }

    /// The next session that has not ended yet at instant `now` (JST), e.g. for a
    /// "next opening" banner that moves on once today's desk has closed.
    pub fn next_session(&self, now: DateTime<Utc>) -> Option<Session> {
        let local = to_jst(now);
        (0..=HORIZON_DAYS)
            .filter_map(|k| plus(local.date(), k))
            .flat_map(|d| self.day(d).sessions().to_vec())
            .find(|s| s.end() > local)
    }

    /// What is true of the desk at instant `now` (the day and time taken in JST), for the
    /// today card: closed all day, opening later today, open now, between two sessions
    /// (e.g. the in-person desk has closed and the evening online desk opens at 19:00), or
    /// done for the day.
    pub fn desk_now(&self, now: DateTime<Utc>) -> DeskNow {
        let local = to_jst(now);
        let plan = self.day(local.date());
        if let Some(reason) = plan.closed_reason() {
            return DeskNow::ClosedToday(reason.clone());
        }
        let sessions = plan.sessions();
        if let Some(s) = sessions
            .iter()
            .find(|s| s.start() <= local && local < s.end())
        {
            return DeskNow::OpenNow(s.clone());
        }
        match sessions.iter().find(|s| s.start() > local) {
            Some(next) if sessions.iter().any(|s| s.end() <= local) => {
                DeskNow::NextToday(next.clone())
            }
            Some(next) => DeskNow::OpensAt(next.clone()),
            None => DeskNow::Ended,
        }
    }

    /// The Monday-to-Sunday week containing `date`.
    pub fn week(&self, date: NaiveDate) -> [DayPlan; 7] {
        let monday = minus(date, u64::from(date.weekday().num_days_from_monday())).unwrap_or(date);
        std::array::from_fn(|i| self.day(plus(monday, i as u64).unwrap_or(monday)))
    }

    /// A calendar grid for `year`-`month` (Monday-first rows, with the neighbouring months'
    /// days filling the first and last rows). `None` for an invalid month.
    pub fn month(&self, year: i32, month: u32) -> Option<MonthGrid> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let mut monday = minus(first, u64::from(first.weekday().num_days_from_monday()))?;
        let mut weeks = Vec::new();
        loop {
            let week = self.week(monday).map(|plan| GridDay {
                in_month: plan.date.month() == month && plan.date.year() == year,
                plan,
            });
            weeks.push(week);
            monday = plus(monday, 7)?;
            if monday.month() != month || weeks.len() >= 6 {
                break;
            }
        }
        let holidays_known = weeks
            .iter()
            .flatten()
            .filter(|d| d.in_month)
            .all(|d| d.plan.holidays_known);
        Some(MonthGrid {
            year,
            month,
            weeks,
            holidays_known,
        })
    }

    /// The next `n` dates (on or after `from`) on which `theme` is held, substitutes, moved
    /// sessions, extra openings and a themed evening desk included.
    pub fn next_dates_for_theme(
        &self,
        theme: &ThemeId,
        from: NaiveDate,
        n: usize,
    ) -> Vec<ThemeDate> {
        if n == 0 || self.theme(theme).is_none() {
            return Vec::new();
        }
        (0..=HORIZON_DAYS)
            .filter_map(|k| plus(from, k))
            .flat_map(|d| self.day(d).sessions().to_vec())
            .filter(|s| s.theme.as_ref() == Some(theme))
            .map(|session| ThemeDate {
                date: session.date,
                session,
            })
            .take(n)
            .collect()
    }

    /// The next `n` events on or after `from`, in date and time order.
    pub fn upcoming_events(&self, from: NaiveDate, n: usize) -> Vec<&Event> {
        self.events
            .iter()
            .filter(|e| e.date >= from)
            .take(n)
            .collect()
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id.as_str() == id)
    }
}

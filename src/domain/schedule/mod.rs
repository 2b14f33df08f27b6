//! The career health room (女性のキャリアの保健室) schedule: the weekly roster of themed desks,
//! the evening online desk, closures (national holidays, the 12/29–1/3 year-end break, dated
//! exceptions), the holiday substitute rule, PR events and expert profiles.
//!
//! Build a [`Schedule`] from the feed's `schedule` section ([`Schedule::from_feed_json`] or
//! `Schedule::try_from(ScheduleDto)`), then ask it questions: [`Schedule::day`],
//! [`Schedule::today`], [`Schedule::week`], [`Schedule::month`], [`Schedule::next_opening`],
//! [`Schedule::next_dates_for_theme`], [`Schedule::upcoming_events`], [`Schedule::event`].
//! All queries are pure: dates are JST calendar dates, instants are passed in as UTC.
//!
//! The feed format is documented in `docs/feed-schedule.md`.

mod feed;
pub mod ics;
mod query;

pub use feed::{
    BookingDto, EveningDeskDto, EventDto, ExceptionDto, ExpertDto, HoursDto, RulesDto, ScheduleDto,
    ScheduleError, ScheduleSection, ThemeDto, VenueDto, SCHEDULE_VERSION,
};
pub use query::{
    is_year_end_break, Changes, ClosedReason, DayPlan, DayStatus, DeskNow, GridDay, MonthGrid,
    Session, SessionOrigin, ThemeDate,
};

use std::collections::BTreeMap;
use std::fmt;

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::shared::holidays::HolidayCalendar;
use crate::domain::shared::text::I18n;

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        /// Ids are 1–64 characters of `a–z 0–9 - _`, starting with a letter or digit.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Parses an id; `None` if it breaks the id rule.
            pub fn parse(text: &str) -> Option<Self> {
                is_valid_id(text).then(|| Self(text.to_owned()))
            }

            /// The id as written in the feed.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_newtype!(
    /// A theme's id, e.g. `career`, `health`.
    ThemeId
);
id_newtype!(
    /// A venue's id, e.g. `cocode`.
    VenueId
);
id_newtype!(
    /// An event's id, e.g. `briefing-2026-12`; unique in the feed, used in `.ics` UIDs and links.
    EventId
);

fn is_valid_id(text: &str) -> bool {
    let first_ok = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    first_ok
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Opening hours on one day (JST wall-clock), `start < end`, within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    start: NaiveTime,
    end: NaiveTime,
}

impl TimeRange {
    /// `None` unless `start < end`.
    pub fn new(start: NaiveTime, end: NaiveTime) -> Option<Self> {
        (start < end).then_some(Self { start, end })
    }

    pub fn start(&self) -> NaiveTime {
        self.start
    }

    pub fn end(&self) -> NaiveTime {
        self.end
    }

    /// `10:00–16:00`.
    pub fn label(&self) -> String {
        format!(
            "{}–{}",
            crate::domain::shared::date::hh_mm(self.start),
            crate::domain::shared::date::hh_mm(self.end)
        )
    }
}

/// How a desk or event is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    InPerson,
    Online,
    /// At the venue and online at the same time.
    Both,
}

impl Mode {
    pub fn label(self) -> I18n {
        match self {
            Mode::InPerson => I18n::new("対面", "In person"),
            Mode::Online => I18n::new("オンライン", "Online"),
            Mode::Both => I18n::new("対面・オンライン", "In person or online"),
        }
    }

    /// Whether the mode needs a venue.
    pub fn needs_venue(self) -> bool {
        !matches!(self, Mode::Online)
    }
}

/// A place where the desk or an event is held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Venue {
    pub id: VenueId,
    pub name: I18n,
    pub address: I18n,
    /// An `https://` map link (opened by the user; the app itself makes no request).
    pub map_url: Option<String>,
    /// Access note, e.g. "旭川駅から徒歩10分".
    pub access: Option<I18n>,
}

impl Venue {
    /// `name, address` in `lang`, for calendar LOCATION fields.
    pub fn location_line(&self, lang: crate::domain::shared::text::Lang) -> String {
        format!("{} {}", self.name.get(lang), self.address.get(lang))
    }
}

/// How to book or ask (phone, web page, note). Every field optional; at least one is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Booking {
    pub phone: Option<String>,
    /// `https://` link.
    pub url: Option<String>,
    pub note: Option<I18n>,
}

/// A weekday's themed desk (日替わりセンセー).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub id: ThemeId,
    pub weekday: Weekday,
    /// e.g. 「キャリアのこと」.
    pub name: I18n,
    /// Expert roles on duty, e.g. 「保健師」「助産師」「看護師」.
    pub experts: Vec<I18n>,
    pub hours: TimeRange,
    pub venue: Option<VenueId>,
    pub mode: Mode,
    /// Overrides the schedule-wide booking contact.
    pub booking: Option<Booking>,
}

/// The evening online desk for women who work late (e.g. Wednesdays 19:00–21:00).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EveningDesk {
    pub name: I18n,
    pub weekdays: Vec<Weekday>,
    pub hours: TimeRange,
    pub mode: Mode,
    pub venue: Option<VenueId>,
    /// The theme it covers, if any (otherwise any theme is welcome).
    pub theme: Option<ThemeId>,
    pub note: Option<I18n>,
    pub booking: Option<Booking>,
}

/// An expert's profile (センセー紹介).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertProfile {
    pub theme: ThemeId,
    /// Optional display name (many experts prefer to be shown by role only).
    pub name: Option<I18n>,
    pub role: I18n,
    pub qualification: I18n,
    pub message: I18n,
    /// A relative path to an image shipped with the app or feed (never a remote URL).
    pub photo: Option<String>,
}

/// What a dated exception does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExceptionKind {
    /// The desk (all sessions, evening included) is closed that day.
    Closed,
    /// An extra opening of `theme` (on any day, even a holiday: the office decided so).
    Extra {
        theme: ThemeId,
        hours: Option<TimeRange>,
        venue: Option<VenueId>,
        mode: Option<Mode>,
    },
    /// That day's roster session is held on `to` instead.
    Moved { to: NaiveDate },
    /// That day's roster session runs with different hours, venue or mode.
    Change {
        hours: Option<TimeRange>,
        venue: Option<VenueId>,
        mode: Option<Mode>,
    },
}

/// A dated exception to the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exception {
    pub date: NaiveDate,
    pub kind: ExceptionKind,
    /// Shown to users (required for `Closed`).
    pub note: Option<I18n>,
}

/// The kind of PR event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// 事業説明会.
    Briefing,
    /// センセー紹介.
    Introduction,
    /// 相談会.
    Consultation,
}

impl EventKind {
    pub fn label(self) -> I18n {
        match self {
            EventKind::Briefing => I18n::new("事業説明会", "Programme briefing"),
            EventKind::Introduction => I18n::new("センセー紹介", "Meet the experts"),
            EventKind::Consultation => I18n::new("相談会", "Consultation day"),
        }
    }
}

/// A PR event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub hours: TimeRange,
    pub venue: Option<VenueId>,
    pub mode: Mode,
    pub title: I18n,
    pub description: I18n,
    pub capacity: Option<u32>,
    /// How to book, e.g. 「要予約・先着20名」.
    pub booking: Option<I18n>,
    /// `https://` page about the event.
    pub url: Option<String>,
}

/// What happens to a themed desk whose weekday falls on a holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubstituteRule {
    /// The session is simply not held.
    None,
    /// The session is added, as an extra session marked 「祝日振替」, to the next working day.
    NextWorkingDay,
}

/// Closure rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rules {
    pub closed_on_holidays: bool,
    /// Closed 12/29–1/3 (年末年始), weekdays included.
    pub year_end_closure: bool,
    pub substitute: SubstituteRule,
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            closed_on_holidays: true,
            year_end_closure: true,
            substitute: SubstituteRule::None,
        }
    }
}

/// The validated schedule. Build it from the feed; query it with the methods in this module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    demo: bool,
    note: Option<I18n>,
    page_url: Option<String>,
    booking: Booking,
    rules: Rules,
    venues: Vec<Venue>,
    themes: Vec<Theme>,
    evening: Option<EveningDesk>,
    experts: Vec<ExpertProfile>,
    /// Exceptions by date (a date may carry several compatible ones).
    exceptions: BTreeMap<NaiveDate, Vec<Exception>>,
    /// Sorted by date, then start time, then id.
    events: Vec<Event>,
    holidays: HolidayCalendar,
}

impl Schedule {
    /// The section is sample data (`"demo": true`); the UI should say so.
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// A general note for the schedule page.
    pub fn note(&self) -> Option<&I18n> {
        self.note.as_ref()
    }

    /// The city's page about the programme (`https://`).
    pub fn page_url(&self) -> Option<&str> {
        self.page_url.as_deref()
    }

    /// The schedule-wide booking contact.
    pub fn booking(&self) -> &Booking {
        &self.booking
    }

    pub fn rules(&self) -> Rules {
        self.rules
    }

    pub fn holidays(&self) -> &HolidayCalendar {
        &self.holidays
    }

    pub fn venues(&self) -> &[Venue] {
        &self.venues
    }

    pub fn venue(&self, id: &VenueId) -> Option<&Venue> {
        self.venues.iter().find(|v| &v.id == id)
    }

    /// Themes in weekday order (Mon first).
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        self.themes.iter().find(|t| &t.id == id)
    }

    /// Looks a theme up by the id text (convenience for routes).
    pub fn theme_by_str(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id.as_str() == id)
    }

    /// The theme on duty on `weekday`, if any.
    pub fn theme_for_weekday(&self, weekday: Weekday) -> Option<&Theme> {
        self.themes.iter().find(|t| t.weekday == weekday)
    }

    pub fn evening_desk(&self) -> Option<&EveningDesk> {
        self.evening.as_ref()
    }

    /// All expert profiles, in feed order.
    pub fn experts(&self) -> &[ExpertProfile] {
        &self.experts
    }

    /// Every exception, in date order.
    pub fn exceptions(&self) -> impl Iterator<Item = &Exception> {
        self.exceptions.values().flatten()
    }

    /// All events, in date/time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}

//! The feed's `schedule` section: DTOs (what the JSON says) and their conversion into a
//! validated [`Schedule`]. Every error names its location, e.g.
//! `schedule.exceptions[3].date: not a date …`. Format: `docs/feed-schedule.md`.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::shared::small_sort::btree_set;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::{
    Booking, EveningDesk, Event, EventId, EventKind, Exception, ExceptionKind, ExpertProfile, Mode,
    Rules, Schedule, SubstituteRule, Theme, ThemeId, TimeRange, Venue, VenueId,
};
use crate::domain::shared::holidays::HolidayCalendar;
use crate::domain::shared::text::I18n;

/// The `schedule.version` this code reads.
pub const SCHEDULE_VERSION: u32 = 1;

// Limits keep a broken or hostile feed from blowing up the UI.
const MAX_VENUES: usize = 20;
const MAX_EXPERTS: usize = 50;
const MAX_EXPERT_ROLES: usize = 10;
const MAX_EXCEPTIONS: usize = 500;
const MAX_EVENTS: usize = 500;
/// About 20 a year: enough for decades.
pub(crate) const MAX_HOLIDAYS: usize = 1000;
const MAX_SHORT: usize = 100;
const MAX_ADDRESS: usize = 200;
const MAX_NOTE: usize = 500;
const MAX_LONG: usize = 2000;
const MAX_URL: usize = 500;
const MAX_PHONE: usize = 20;
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2100;

/// A feed document holding a `schedule` section (other sections are ignored here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSection {
    pub schedule: ScheduleDto,
}

/// The `schedule` section as written in the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleDto {
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub demo: bool,
    #[serde(default)]
    pub note: Option<I18n>,
    #[serde(default)]
    pub page_url: Option<String>,
    pub booking: BookingDto,
    #[serde(default)]
    pub rules: RulesDto,
    pub venues: Vec<VenueDto>,
    /// Keyed by weekday: `mon` … `sun`.
    pub themes: BTreeMap<String, ThemeDto>,
    #[serde(default)]
    pub evening_desk: Option<EveningDeskDto>,
    #[serde(default)]
    pub experts: Vec<ExpertDto>,
    #[serde(default)]
    pub exceptions: Vec<ExceptionDto>,
    #[serde(default)]
    pub events: Vec<EventDto>,
    /// National holidays past the built-in list (from the Cabinet Office's
    /// `syukujitsu.csv`), sorted by date, each `"YYYY-MM-DD name"` (one string each keeps
    /// the parser small: it ships in the holder pages).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct BookingDto {
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<I18n>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RulesDto {
    /// Default `true`.
    #[serde(default)]
    pub closed_on_holidays: Option<bool>,
    /// Default `true`.
    #[serde(default)]
    pub year_end_closure: Option<bool>,
    /// `"none"` (default) or `"next_working_day"`.
    #[serde(default)]
    pub substitute: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueDto {
    pub id: String,
    pub name: I18n,
    pub address: I18n,
    #[serde(default)]
    pub map_url: Option<String>,
    #[serde(default)]
    pub access: Option<I18n>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HoursDto {
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`, after `start`.
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeDto {
    pub id: String,
    pub name: I18n,
    pub experts: Vec<I18n>,
    pub hours: HoursDto,
    #[serde(default)]
    pub venue: Option<String>,
    /// `in_person` (default), `online`, `both`.
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub booking: Option<BookingDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EveningDeskDto {
    pub name: I18n,
    pub weekdays: Vec<String>,
    pub hours: HoursDto,
    /// Default `online`.
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub note: Option<I18n>,
    #[serde(default)]
    pub booking: Option<BookingDto>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpertDto {
    pub theme: String,
    #[serde(default)]
    pub name: Option<I18n>,
    pub role: I18n,
    pub qualification: I18n,
    pub message: I18n,
    #[serde(default)]
    pub photo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExceptionDto {
    pub date: String,
    /// `closed`, `extra`, `moved`, `change`.
    pub kind: String,
    #[serde(default)]
    pub note: Option<I18n>,
    /// `extra`: the theme opened.
    #[serde(default)]
    pub theme: Option<String>,
    /// `moved`: the new date.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub hours: Option<HoursDto>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDto {
    pub id: String,
    /// `briefing`, `introduction`, `consultation`.
    pub kind: String,
    pub date: String,
    pub start: String,
    pub end: String,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    pub title: I18n,
    pub description: I18n,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub booking: Option<I18n>,
    #[serde(default)]
    pub url: Option<String>,
}

/// Why the schedule section was rejected. Each message starts with the location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the schedule section is not valid JSON: {0}")]
    Json(String),
    #[error("{path}: this app reads schedule version {SCHEDULE_VERSION}, the feed has {found}")]
    Version { path: String, found: u32 },
    #[error(
        "{path}: not a date (expected YYYY-MM-DD between {FIRST_YEAR} and {LAST_YEAR}): {value:?}"
    )]
    BadDate { path: String, value: String },
    #[error("{path}: not a time (expected HH:MM, e.g. 09:30): {value:?}")]
    BadTime { path: String, value: String },
    #[error("{path}: the start {start} must be before the end {end}")]
    TimeOrder {
        path: String,
        start: String,
        end: String,
    },
    #[error("{path}: not a weekday (expected mon, tue, wed, thu, fri, sat or sun): {value:?}")]
    BadWeekday { path: String, value: String },
    #[error("{path}: not a valid id (1–64 of a–z, 0–9, - and _): {value:?}")]
    BadId { path: String, value: String },
    #[error("{path}: unknown venue {id:?}")]
    UnknownVenue { path: String, id: String },
    #[error("{path}: unknown theme {id:?}")]
    UnknownTheme { path: String, id: String },
    #[error("{path}: the id {id:?} is used twice")]
    DuplicateId { path: String, id: String },
    #[error("{path}: unknown value {value:?} (expected {expected})")]
    UnknownValue {
        path: String,
        value: String,
        expected: &'static str,
    },
    #[error("{path}: must be an https:// link")]
    NotHttps { path: String },
    #[error("{path}: must be a relative path to an image (no scheme, no .., no leading /)")]
    BadPhotoPath { path: String },
    #[error("{path}: not a phone number (digits, -, +, spaces, at most {MAX_PHONE})")]
    BadPhone { path: String },
    #[error("{path}: must not be empty")]
    Empty { path: String },
    #[error("{path}: too long ({len} characters, at most {max})")]
    TooLong {
        path: String,
        len: usize,
        max: usize,
    },
    #[error("{path}: too many entries ({len}, at most {max})")]
    TooMany {
        path: String,
        len: usize,
        max: usize,
    },
    #[error("{path}: {reason}")]
    Conflict { path: String, reason: &'static str },
}

impl Schedule {
    /// Parses a feed document `{"schedule": {…}, …}` (other sections are ignored).
    pub fn from_feed_json(text: &str) -> Result<Self, ScheduleError> {
        let section: ScheduleSection =
            serde_json::from_str(text).map_err(|e| ScheduleError::Json(e.to_string()))?;
        Schedule::try_from(section.schedule)
    }
}

impl TryFrom<ScheduleDto> for Schedule {
    type Error = ScheduleError;

    fn try_from(dto: ScheduleDto) -> Result<Self, ScheduleError> {
        let p = "schedule";
        if let Some(found) = dto.version {
            if found != SCHEDULE_VERSION {
                return Err(ScheduleError::Version {
                    path: format!("{p}.version"),
                    found,
                });
            }
        }
        let note = opt_text(&format!("{p}.note"), dto.note, MAX_NOTE)?;
        let page_url = opt_https(&format!("{p}.page_url"), dto.page_url)?;
        let booking = booking(&format!("{p}.booking"), dto.booking)?;
        let rules = rules(&format!("{p}.rules"), &dto.rules)?;

        let venues = venues(p, dto.venues)?;
        let venue_ids: BTreeSet<VenueId> = btree_set(venues.iter().map(|v| v.id.clone()));
        let themes = themes(p, dto.themes, &venue_ids)?;
        let theme_ids: BTreeSet<ThemeId> = btree_set(themes.iter().map(|t| t.id.clone()));
        let evening = match dto.evening_desk {
            Some(e) => Some(evening(
                &format!("{p}.evening_desk"),
                e,
                &venue_ids,
                &theme_ids,
            )?),
            None => None,
        };
        let experts = experts(p, dto.experts, &theme_ids)?;
        let exceptions = exceptions(p, dto.exceptions, &venue_ids, &theme_ids, &themes)?;
        let events = events(p, dto.events, &venue_ids)?;
        let holidays = holidays(p, &dto.holidays)?;

        Ok(Schedule {
            demo: dto.demo,
            note,
            page_url,
            booking,
            rules,
            venues,
            themes,
            evening,
            experts,
            exceptions,
            events,
            holidays: HolidayCalendar::embedded().extended(&holidays),
        })
    }
}

fn holidays(p: &str, list: &[String]) -> Result<Vec<(NaiveDate, String)>, ScheduleError> {
    too_many(&format!("{p}.holidays"), list.len(), MAX_HOLIDAYS)?;
    let mut out: Vec<(NaiveDate, String)> = Vec::with_capacity(list.len());
    for (i, h) in list.iter().enumerate() {
        let at = format!("{p}.holidays[{i}]");
        let (day, name) = h.split_once(' ').unwrap_or((h, ""));
        let day = date(&at, day)?;
        check_len(&at, name, 50)?;
        if out.last().is_some_and(|(last, _)| *last >= day) {
            return Err(ScheduleError::Conflict {
                path: at,
                reason: "listed twice or out of order",
            });
        }
        out.push((day, name.trim().to_owned()));
    }
    Ok(out)
}

fn too_many(path: &str, len: usize, max: usize) -> Result<(), ScheduleError> {
    if len > max {
        return Err(ScheduleError::TooMany {
            path: path.to_owned(),
            len,
            max,
        });
    }
    Ok(())
}

fn venues(p: &str, dtos: Vec<VenueDto>) -> Result<Vec<Venue>, ScheduleError> {
    too_many(&format!("{p}.venues"), dtos.len(), MAX_VENUES)?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(dtos.len());
    for (i, v) in dtos.into_iter().enumerate() {
        let at = format!("{p}.venues[{i}]");
        let id: VenueId = id(&format!("{at}.id"), &v.id, VenueId::parse)?;
        if !seen.insert(id.clone()) {
            return Err(ScheduleError::DuplicateId {
                path: format!("{at}.id"),
                id: v.id,
            });
        }
        out.push(Venue {
            id,
            name: text(&format!("{at}.name"), v.name, MAX_SHORT)?,
            address: text(&format!("{at}.address"), v.address, MAX_ADDRESS)?,
            map_url: opt_https(&format!("{at}.map_url"), v.map_url)?,
            access: opt_text(&format!("{at}.access"), v.access, MAX_NOTE)?,
        });
    }
    Ok(out)
}

fn themes(
    p: &str,
    dtos: BTreeMap<String, ThemeDto>,
    venue_ids: &BTreeSet<VenueId>,
) -> Result<Vec<Theme>, ScheduleError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(dtos.len());
    for (key, t) in dtos {
        let at = format!("{p}.themes.{key}");
        let weekday = weekday(&format!("{p}.themes"), &key)?;
        let theme_id = id(&format!("{at}.id"), &t.id, ThemeId::parse)?;
        if !seen.insert(theme_id.clone()) {
            return Err(ScheduleError::DuplicateId {
                path: format!("{at}.id"),
                id: t.id,
            });
        }
        let mode = mode(&format!("{at}.mode"), t.mode.as_deref(), Mode::InPerson)?;
        let venue = venue_ref(&at, t.venue, mode, venue_ids)?;
        if t.experts.is_empty() {
            return Err(ScheduleError::Empty {
                path: format!("{at}.experts"),
            });
        }
        too_many(&format!("{at}.experts"), t.experts.len(), MAX_EXPERT_ROLES)?;
        let experts = t
            .experts
            .into_iter()
            .enumerate()
            .map(|(j, e)| text(&format!("{at}.experts[{j}]"), e, MAX_SHORT))
            .collect::<Result<Vec<_>, _>>()?;
        out.push(Theme {
            id: theme_id,
            weekday,
            name: text(&format!("{at}.name"), t.name, MAX_SHORT)?,
            experts,
            hours: hours(&format!("{at}.hours"), &t.hours)?,
            venue,
            mode,
            booking: match t.booking {
                Some(b) => Some(booking(&format!("{at}.booking"), b)?),
                None => None,
            },
        });
    }
    crate::domain::shared::small_sort::sort_by_key(&mut out, |t| t.weekday.num_days_from_monday());
    Ok(out)
}

fn evening(
    at: &str,
    e: EveningDeskDto,
    venue_ids: &BTreeSet<VenueId>,
    theme_ids: &BTreeSet<ThemeId>,
) -> Result<EveningDesk, ScheduleError> {
    if e.weekdays.is_empty() {
        return Err(ScheduleError::Empty {
            path: format!("{at}.weekdays"),
        });
    }
    let mut weekdays = Vec::new();
    for (i, w) in e.weekdays.iter().enumerate() {
        let day = weekday(&format!("{at}.weekdays[{i}]"), w)?;
        if weekdays.contains(&day) {
            return Err(ScheduleError::Conflict {
                path: format!("{at}.weekdays[{i}]"),
                reason: "the weekday is listed twice",
            });
        }
        weekdays.push(day);
    }
    let mode = mode(&format!("{at}.mode"), e.mode.as_deref(), Mode::Online)?;
    Ok(EveningDesk {
        name: text(&format!("{at}.name"), e.name, MAX_SHORT)?,
        weekdays,
        hours: hours(&format!("{at}.hours"), &e.hours)?,
        mode,
        venue: venue_ref(at, e.venue, mode, venue_ids)?,
        theme: match e.theme {
            Some(t) => Some(theme_ref(&format!("{at}.theme"), &t, theme_ids)?),
            None => None,
        },
        note: opt_text(&format!("{at}.note"), e.note, MAX_NOTE)?,
        booking: match e.booking {
            Some(b) => Some(booking(&format!("{at}.booking"), b)?),
            None => None,
        },
    })
}

fn experts(
    p: &str,
    dtos: Vec<ExpertDto>,
    theme_ids: &BTreeSet<ThemeId>,
) -> Result<Vec<ExpertProfile>, ScheduleError> {
    too_many(&format!("{p}.experts"), dtos.len(), MAX_EXPERTS)?;
    dtos.into_iter()
        .enumerate()
        .map(|(i, e)| {
            let at = format!("{p}.experts[{i}]");
            Ok(ExpertProfile {
                theme: theme_ref(&format!("{at}.theme"), &e.theme, theme_ids)?,
                name: opt_text(&format!("{at}.name"), e.name, MAX_SHORT)?,
                role: text(&format!("{at}.role"), e.role, MAX_SHORT)?,
                qualification: text(&format!("{at}.qualification"), e.qualification, MAX_SHORT)?,
                message: text(&format!("{at}.message"), e.message, MAX_NOTE)?,
                photo: match e.photo {
                    Some(path) => Some(photo(&format!("{at}.photo"), path)?),
                    None => None,
                },
            })
        })
        .collect()
}

fn exceptions(
    p: &str,
    dtos: Vec<ExceptionDto>,
    venue_ids: &BTreeSet<VenueId>,
    theme_ids: &BTreeSet<ThemeId>,
    themes: &[Theme],
) -> Result<BTreeMap<NaiveDate, Vec<Exception>>, ScheduleError> {
    too_many(&format!("{p}.exceptions"), dtos.len(), MAX_EXCEPTIONS)?;
    let mut out: BTreeMap<NaiveDate, Vec<Exception>> = BTreeMap::new();
    let mut moved_into: BTreeSet<(NaiveDate, ThemeId)> = BTreeSet::new();
    let mut extra_on: BTreeSet<(NaiveDate, ThemeId)> = BTreeSet::new();
    for (i, x) in dtos.into_iter().enumerate() {
        let at = format!("{p}.exceptions[{i}]");
        let date = date(&format!("{at}.date"), &x.date)?;
        let note = opt_text(&format!("{at}.note"), x.note, MAX_NOTE)?;
        let opt_hours = |h: Option<HoursDto>| match h {
            Some(h) => hours(&format!("{at}.hours"), &h).map(Some),
            None => Ok(None),
        };
        let opt_mode = |m: Option<String>| match m {
            Some(m) => mode(&format!("{at}.mode"), Some(&m), Mode::InPerson).map(Some),
            None => Ok(None),
        };
        let opt_venue = |v: Option<String>| match v {
            Some(v) => venue_id_ref(&format!("{at}.venue"), &v, venue_ids).map(Some),
            None => Ok(None),
        };
        let roster_theme = themes.iter().find(|t| t.weekday == date.weekday());
        let kind = match x.kind.as_str() {
            "closed" => {
                if note.is_none() {
                    return Err(ScheduleError::Empty {
                        path: format!("{at}.note"),
                    });
                }
                ExceptionKind::Closed
            }
            "extra" => {
                let theme_text = x.theme.ok_or_else(|| ScheduleError::Empty {
                    path: format!("{at}.theme"),
                })?;
                let theme = theme_ref(&format!("{at}.theme"), &theme_text, theme_ids)?;
                if !extra_on.insert((date, theme.clone())) {
                    return Err(ScheduleError::Conflict {
                        path: at.clone(),
                        reason: "this theme already has an extra opening on that date",
                    });
                }
                ExceptionKind::Extra {
                    theme,
                    hours: opt_hours(x.hours)?,
                    venue: opt_venue(x.venue)?,
                    mode: opt_mode(x.mode)?,
                }
            }
            "moved" => {
                let to_text = x.to.ok_or_else(|| ScheduleError::Empty {
                    path: format!("{at}.to"),
                })?;
                let to = self::date(&format!("{at}.to"), &to_text)?;
                let theme = roster_theme.ok_or(ScheduleError::Conflict {
                    path: format!("{at}.date"),
                    reason: "no desk is scheduled on this weekday, so nothing can be moved",
                })?;
                if to == date {
                    return Err(ScheduleError::Conflict {
                        path: format!("{at}.to"),
                        reason: "the new date is the same as the old one",
                    });
                }
                if !moved_into.insert((to, theme.id.clone())) {
                    return Err(ScheduleError::Conflict {
                        path: format!("{at}.to"),
                        reason: "this theme is already moved to that date",
                    });
                }
                ExceptionKind::Moved { to }
            }
            "change" => {
                if roster_theme.is_none() {
                    return Err(ScheduleError::Conflict {
                        path: format!("{at}.date"),
                        reason: "no desk is scheduled on this weekday, so nothing can change",
                    });
                }
                let kind = ExceptionKind::Change {
                    hours: opt_hours(x.hours)?,
                    venue: opt_venue(x.venue)?,
                    mode: opt_mode(x.mode)?,
                };
                if matches!(
                    kind,
                    ExceptionKind::Change {
                        hours: None,
                        venue: None,
                        mode: None
                    }
                ) {
                    return Err(ScheduleError::Empty {
                        path: format!("{at}.hours"),
                    });
                }
                kind
            }
            other => {
                return Err(ScheduleError::UnknownValue {
                    path: format!("{at}.kind"),
                    value: other.to_owned(),
                    expected: "closed, extra, moved or change",
                })
            }
        };
        let same_day = out.entry(date).or_default();
        let conflict = same_day.iter().any(|e| {
            matches!(
                (&e.kind, &kind),
                (ExceptionKind::Closed, _)
                    | (_, ExceptionKind::Closed)
                    | (ExceptionKind::Moved { .. }, ExceptionKind::Moved { .. })
                    | (ExceptionKind::Change { .. }, ExceptionKind::Change { .. })
                    | (ExceptionKind::Moved { .. }, ExceptionKind::Change { .. })
                    | (ExceptionKind::Change { .. }, ExceptionKind::Moved { .. })
            )
        });
        if conflict {
            return Err(ScheduleError::Conflict {
                path: format!("{at}.date"),
                reason: "conflicts with an earlier exception on the same date",
            });
        }
        same_day.push(Exception { date, kind, note });
    }
    // A closed day cannot receive a moved session.
    for (day, list) in &out {
        for x in list {
            if let ExceptionKind::Moved { to } = x.kind {
                let closed = out
                    .get(&to)
                    .is_some_and(|l| l.iter().any(|e| e.kind == ExceptionKind::Closed));
                if closed {
                    return Err(ScheduleError::Conflict {
                        path: format!("{p}.exceptions (moved from {day})"),
                        reason: "the session is moved to a day that is closed",
                    });
                }
            }
        }
    }
    Ok(out)
}

fn events(
    p: &str,
    dtos: Vec<EventDto>,
    venue_ids: &BTreeSet<VenueId>,
) -> Result<Vec<Event>, ScheduleError> {
    too_many(&format!("{p}.events"), dtos.len(), MAX_EVENTS)?;
    let mut seen = BTreeSet::new();
    let mut out = Vec::with_capacity(dtos.len());
    for (i, e) in dtos.into_iter().enumerate() {
        let at = format!("{p}.events[{i}]");
        let event_id = id(&format!("{at}.id"), &e.id, EventId::parse)?;
        if !seen.insert(event_id.clone()) {
            return Err(ScheduleError::DuplicateId {
                path: format!("{at}.id"),
                id: e.id,
            });
        }
        let kind = match e.kind.as_str() {
            "briefing" => EventKind::Briefing,
            "introduction" => EventKind::Introduction,
            "consultation" => EventKind::Consultation,
            other => {
                return Err(ScheduleError::UnknownValue {
                    path: format!("{at}.kind"),
                    value: other.to_owned(),
                    expected: "briefing, introduction or consultation",
                })
            }
        };
        let mode = mode(&format!("{at}.mode"), e.mode.as_deref(), Mode::InPerson)?;
        let hours = hours(
            &at,
            &HoursDto {
                start: e.start,
                end: e.end,
            },
        )?;
        out.push(Event {
            id: event_id,
            kind,
            date: date(&format!("{at}.date"), &e.date)?,
            hours,
            venue: venue_ref(&at, e.venue, mode, venue_ids)?,
            mode,
            title: text(&format!("{at}.title"), e.title, MAX_SHORT)?,
            description: text(&format!("{at}.description"), e.description, MAX_LONG)?,
            capacity: e.capacity,
            booking: opt_text(&format!("{at}.booking"), e.booking, MAX_NOTE)?,
            url: opt_https(&format!("{at}.url"), e.url)?,
        });
    }
    crate::domain::shared::small_sort::sort_by(&mut out, |a, b| {
        (a.date, a.hours.start(), &a.id).cmp(&(b.date, b.hours.start(), &b.id))
    });
    Ok(out)
}

// ---- field parsers -------------------------------------------------------------------------

fn id<T>(path: &str, value: &str, parse: fn(&str) -> Option<T>) -> Result<T, ScheduleError> {
    parse(value).ok_or_else(|| ScheduleError::BadId {
        path: path.to_owned(),
        value: value.to_owned(),
    })
}

fn theme_ref(
    path: &str,
    value: &str,
    theme_ids: &BTreeSet<ThemeId>,
) -> Result<ThemeId, ScheduleError> {
    match ThemeId::parse(value) {
        Some(t) if theme_ids.contains(&t) => Ok(t),
        _ => Err(ScheduleError::UnknownTheme {
            path: path.to_owned(),
            id: value.to_owned(),
        }),
    }
}

fn venue_id_ref(
    path: &str,
    value: &str,
    venue_ids: &BTreeSet<VenueId>,
) -> Result<VenueId, ScheduleError> {
    match VenueId::parse(value) {
        Some(v) if venue_ids.contains(&v) => Ok(v),
        _ => Err(ScheduleError::UnknownVenue {
            path: path.to_owned(),
            id: value.to_owned(),
        }),
    }
}

/// `{at}.venue`: required unless the mode is online.
fn venue_ref(
    at: &str,
    value: Option<String>,
    mode: Mode,
    venue_ids: &BTreeSet<VenueId>,
) -> Result<Option<VenueId>, ScheduleError> {
    let path = format!("{at}.venue");
    match value {
        Some(v) => venue_id_ref(&path, &v, venue_ids).map(Some),
        None if mode.needs_venue() => Err(ScheduleError::Empty { path }),
        None => Ok(None),
    }
}

/// Strict `YYYY-MM-DD` within the supported years.
pub(crate) fn date(path: &str, value: &str) -> Result<NaiveDate, ScheduleError> {
    let bad = || ScheduleError::BadDate {
        path: path.to_owned(),
        value: value.to_owned(),
    };
    let b = value.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<u32>().ok());
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let date = match (y, m, d) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    }
    .ok_or_else(bad)?;
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(bad());
    }
    Ok(date)
}

/// Strict `HH:MM` (two digits each, 00:00–23:59).
fn time(path: &str, value: &str) -> Result<NaiveTime, ScheduleError> {
    let b = value.as_bytes();
    let shape_ok =
        b.len() == 5 && b[2] == b':' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit());
    let parsed = if shape_ok {
        let h = value.get(0..2).and_then(|s| s.parse::<u32>().ok());
        let m = value.get(3..5).and_then(|s| s.parse::<u32>().ok());
        h.zip(m).and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0))
    } else {
        None
    };
    parsed.ok_or_else(|| ScheduleError::BadTime {
        path: path.to_owned(),
        value: value.to_owned(),
    })
}

fn hours(at: &str, h: &HoursDto) -> Result<TimeRange, ScheduleError> {
    let start = time(&format!("{at}.start"), &h.start)?;
    let end = time(&format!("{at}.end"), &h.end)?;
    TimeRange::new(start, end).ok_or_else(|| ScheduleError::TimeOrder {
        path: at.to_owned(),
        start: h.start.clone(),
        end: h.end.clone(),
    })
}

fn weekday(path: &str, value: &str) -> Result<Weekday, ScheduleError> {
    Ok(match value {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => {
            return Err(ScheduleError::BadWeekday {
                path: path.to_owned(),
                value: value.to_owned(),
            })
        }
    })
}

fn mode(path: &str, value: Option<&str>, default: Mode) -> Result<Mode, ScheduleError> {
    Ok(match value {
        None => default,
        Some("in_person") => Mode::InPerson,
        Some("online") => Mode::Online,
        Some("both") => Mode::Both,
        Some(other) => {
            return Err(ScheduleError::UnknownValue {
                path: path.to_owned(),
                value: other.to_owned(),
                expected: "in_person, online or both",
            })
        }
    })
}

fn rules(at: &str, r: &RulesDto) -> Result<Rules, ScheduleError> {
    let defaults = Rules::default();
    Ok(Rules {
        closed_on_holidays: r.closed_on_holidays.unwrap_or(defaults.closed_on_holidays),
        year_end_closure: r.year_end_closure.unwrap_or(defaults.year_end_closure),
        substitute: match r.substitute.as_deref() {
            None | Some("none") => SubstituteRule::None,
            Some("next_working_day") => SubstituteRule::NextWorkingDay,
            Some(other) => {
                return Err(ScheduleError::UnknownValue {
                    path: format!("{at}.substitute"),
                    value: other.to_owned(),
                    expected: "none or next_working_day",
                })
            }
        },
    })
}

fn check_len(path: &str, s: &str, max: usize) -> Result<(), ScheduleError> {
    let len = s.chars().count();
    if s.trim().is_empty() {
        return Err(ScheduleError::Empty {
            path: path.to_owned(),
        });
    }
    if len > max {
        return Err(ScheduleError::TooLong {
            path: path.to_owned(),
            len,
            max,
        });
    }
    Ok(())
}

/// Bilingual text: Japanese required, English optional (falls back to Japanese).
fn text(path: &str, t: I18n, max: usize) -> Result<I18n, ScheduleError> {
    check_len(&format!("{path}.ja"), &t.ja, max)?;
    let en = match t.en {
        Some(en) if en.trim().is_empty() => None,
        Some(en) => {
            check_len(&format!("{path}.en"), &en, max)?;
            Some(en)
        }
        None => None,
    };
    Ok(I18n { ja: t.ja, en })
}

fn opt_text(path: &str, t: Option<I18n>, max: usize) -> Result<Option<I18n>, ScheduleError> {
    t.map(|t| text(path, t, max)).transpose()
}

fn opt_https(path: &str, url: Option<String>) -> Result<Option<String>, ScheduleError> {
    let Some(url) = url else { return Ok(None) };
    let host_ok = url
        .strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .is_some_and(|host| !host.is_empty());
    let chars_ok = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '"');
    if !(host_ok && chars_ok) {
        return Err(ScheduleError::NotHttps {
            path: path.to_owned(),
        });
    }
    if url.len() > MAX_URL {
        return Err(ScheduleError::TooLong {
            path: path.to_owned(),
            len: url.len(),
            max: MAX_URL,
        });
    }
    Ok(Some(url))
}

fn photo(path: &str, value: String) -> Result<String, ScheduleError> {
    let ok = !value.is_empty()
        && value.len() <= MAX_URL
        && !value.starts_with('/')
        && !value.contains("..")
        && !value.contains(':')
        && !value.contains('\\')
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if ok {
        Ok(value)
    } else {
        Err(ScheduleError::BadPhotoPath {
            path: path.to_owned(),
        })
    }
}

fn booking(at: &str, b: BookingDto) -> Result<Booking, ScheduleError> {
    if let Some(phone) = &b.phone {
        let ok = !phone.trim().is_empty()
            && phone.chars().count() <= MAX_PHONE
            && phone
                .chars()
                .all(|c| c.is_ascii_digit() || "-+ ()".contains(c));
        if !ok {
            return Err(ScheduleError::BadPhone {
                path: format!("{at}.phone"),
            });
        }
    }
    let out = Booking {
        phone: b.phone,
        url: opt_https(&format!("{at}.url"), b.url)?,
        note: opt_text(&format!("{at}.note"), b.note, MAX_NOTE)?,
    };
    if out.phone.is_none() && out.url.is_none() && out.note.is_none() {
        return Err(ScheduleError::Empty {
            path: at.to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_dates() {
        let table = [
            ("2026-12-02", true),
            ("2026-2-02", false),
            ("2026/12/02", false),
            ("2026-02-30", false),
            ("1999-12-31", false),
            ("２０２６-12-02", false),
            ("", false),
        ];
        for (text, ok) in table {
            assert_eq!(date("x", text).is_ok(), ok, "{text:?}");
        }
    }

    #[test]
    fn strict_times() {
        let table = [
            ("10:00", true),
            ("23:59", true),
            ("9:00", false),
            ("24:00", false),
            ("10:60", false),
            ("10.00", false),
            ("10:00:00", false),
        ];
        for (text, ok) in table {
            assert_eq!(time("x", text).is_ok(), ok, "{text:?}");
        }
    }

    #[test]
    fn https_links_only() {
        let table = [
            ("https://www.city.asahikawa.hokkaido.jp/", true),
            ("https://maps.example/?q=a", true),
            ("http://example.jp/", false),
            ("javascript:alert(1)", false),
            ("https://", false),
            ("https://a b", false),
        ];
        for (url, ok) in table {
            assert_eq!(opt_https("x", Some(url.into())).is_ok(), ok, "{url:?}");
        }
    }
}

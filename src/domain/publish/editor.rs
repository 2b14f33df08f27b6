//! The office's feed editor, as rules: open a feed, change the desk hours, add or remove
//! dated exceptions and events through forms that say what is wrong with each field, put in
//! a new shop list, holidays or a questionnaire, and save with the publication date (and
//! the calendar beside it). The office page only calls these.
//!
//! The draft keeps the whole feed as JSON, so sections and fields the editor does not know
//! travel through unchanged; only the sections it edits are rewritten.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde_json::{Map, Value};
use thiserror::Error;

use crate::domain::feed::FEED_FORMAT;
use crate::domain::schedule::ics::months_ics;
use crate::domain::schedule::{EventDto, ExceptionDto, HoursDto, ScheduleDto};
use crate::domain::schedule::{Schedule, ScheduleError};
use crate::domain::shared::date::iso_date;
use crate::domain::shared::date_input::parse_date;
use crate::domain::shared::text::{I18n, Lang};
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::shops::ShopDto;

use super::check::{last_entry_problems, schedule_error_ja, schedule_problems};

/// Months of desk sessions written into `calendar.ics` (from the publication month).
pub const CALENDAR_MONTHS: u32 = 3;

/// Why a file could not be opened for editing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum DraftError {
    NotJson {
        line: usize,
        column: usize,
        reason: String,
    },
    NotFeed,
    Schedule(String),
    Shops(String),
    /// The schedule breaks a rule of the feed (where, and which).
    ScheduleRule(ScheduleError),
    NoSuchEntry {
        index: usize,
    },
    NotSignedSection,
    Questionnaire(String),
}

impl Wording for DraftError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NotJson {
                line,
                column,
                reason,
            } => say!(
                lang,
                "JSON として読めません（{line}行 {column}列）",
                "not JSON (line {line}, column {column}): {reason}",
            ),
            Self::NotFeed => say!(
                lang,
                "JOKATSU の配信データではありません",
                "not a JOKATSU feed (format must be \"{FEED_FORMAT}\")",
            ),
            Self::Schedule(text) => say!(
                lang,
                "日程（schedule）が読めません",
                "the schedule cannot be read: {text}",
            ),
            Self::Shops(text) => say!(
                lang,
                "お店の一覧（shops）が読めません",
                "the shop list cannot be read: {text}",
            ),
            Self::ScheduleRule(e) => match lang {
                Lang::Ja => {
                    let (path, ja) = schedule_error_ja(e);
                    format!("日程（schedule）が読めません: {path}: {ja}")
                }
                Lang::En => format!("the schedule cannot be read: {e}"),
            },
            Self::NoSuchEntry { index } => {
                say!(lang, "{index}番目がありません", "there is no entry {index}")
            }
            Self::NotSignedSection => say(
                lang,
                "署名済みの鍵リスト（keys.json）でも使用済みデータ（used.json）でもありません",
                "neither a signed key list (keys.json) nor signed used data (used.json)",
            ),
            Self::Questionnaire(text) => say!(
                lang,
                "質問票が読めません",
                "the questionnaire cannot be read: {text}",
            ),
        }
    }
}

/// A problem with one field of a form, worded in Japanese and English ([`Wording`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field (`date`, `start`, `venue`, …), so the page can tie the message to
    /// its input.
    pub field: &'static str,
    pub ja: String,
    pub en: String,
}

impl FieldError {
    fn new(field: &'static str, ja: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError {
            field,
            ja: ja.into(),
            en: en.into(),
        }
    }
}

impl Wording for FieldError {
    fn wording(&self, lang: Lang) -> String {
        say(lang, &self.ja, &self.en)
    }
}

/// Errors of a form, by field (empty: valid).
pub type FieldErrors = Vec<FieldError>;

/// The message for `field` among `errors`, if any.
pub fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == field)
}

/// A date typed into a form in any form the roster accepts (`2027-01-23`, `2027/1/23`,
/// full-width digits, `令和9年1月23日`, `R9.1.23`): the feed's `YYYY-MM-DD`. Text that is
/// not a day is kept as typed (the form says what is wrong).
pub fn form_date(text: &str) -> String {
    parse_date(text).map_or_else(|| text.trim().to_owned(), iso_date)
}

/// A time typed with full-width digits or colon (`１３：００`): as the feed writes it.
fn form_time(text: &str) -> String {
    crate::domain::shared::csv::narrow(text.trim())
        .trim()
        .to_owned()
}

/// The form's error when a non-empty date field is not a day.
fn date_error(field: &'static str, text: &str) -> Option<FieldError> {
    (!text.trim().is_empty() && parse_date(text).is_none()).then(|| {
        FieldError::new(
            field,
            "日付は 2027-01-23、2027/1/23、令和9年1月23日 のように入れてください",
            "enter a date like 2027-01-23, 2027/1/23 or 令和9年1月23日",
        )
    })
}

fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn i18n(ja: &str, en: &str) -> Option<I18n> {
    opt(ja).map(|ja| I18n { ja, en: opt(en) })
}

/// Maps a schedule error inside `schedule.<list>[n]` to a form field.
fn field_of(path: &str, list: &str, fields: &[(&str, &'static str)]) -> &'static str {
    let prefix = format!("schedule.{list}[");
    let rest = path
        .strip_prefix(&prefix)
        .and_then(|r| r.split_once(']'))
        .map_or("", |(_, r)| r.trim_start_matches('.'));
    fields
        .iter()
        .find(|(p, _)| !p.is_empty() && rest.starts_with(p))
        .map_or("form", |(_, f)| f)
}

fn schedule_field_errors(
    problems: Vec<super::check::Problem>,
    list: &str,
    fields: &[(&str, &'static str)],
) -> FieldErrors {
    problems
        .into_iter()
        .map(|p| FieldError {
            // `…: the start … must be before the end …` belongs to the end field.
            field: if p.en.contains("before the end") {
                "end"
            } else {
                field_of(&p.place, list, fields)
            },
            ja: p.ja,
            en: p.en,
        })
        .collect()
}

/// The form's own checks first, then the feed rules' findings for fields not yet named.
fn merge(mut first: FieldErrors, more: FieldErrors) -> FieldErrors {
    for e in more {
        if !first.iter().any(|f| f.field == e.field) {
            first.push(e);
        }
    }
    first
}

// ---------------------------------------------------------------------------------------
// forms

/// The kinds of dated exception the form offers.
pub const EXCEPTION_KINDS: [(&str, &str, &str); 4] = [
    ("closed", "休み（臨時休業）", "Closed"),
    ("extra", "臨時開設（振替の開設など）", "Extra opening"),
    ("change", "時間・会場の変更", "Changed hours or venue"),
    ("moved", "日程変更（別の日へ）", "Moved to another day"),
];

/// A dated exception as typed into the form (every field text, as the inputs give it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExceptionForm {
    pub date: String,
    /// `closed`, `extra`, `change`, `moved`.
    pub kind: String,
    pub note_ja: String,
    pub note_en: String,
    /// `extra`: the theme opened.
    pub theme: String,
    /// `moved`: the new date.
    pub to: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    /// empty (the theme's), `in_person`, `online`, `both`.
    pub mode: String,
}

impl ExceptionForm {
    fn dto(&self) -> ExceptionDto {
        let hours = match (opt(&self.start), opt(&self.end)) {
            (None, None) => None,
            (s, e) => Some(HoursDto {
                start: s.as_deref().map(form_time).unwrap_or_default(),
                end: e.as_deref().map(form_time).unwrap_or_default(),
            }),
        };
        ExceptionDto {
            date: form_date(&self.date),
            kind: self.kind.trim().to_owned(),
            note: i18n(&self.note_ja, &self.note_en),
            theme: opt(&self.theme),
            to: opt(&self.to).map(|t| form_date(&t)),
            hours,
            venue: opt(&self.venue),
            mode: opt(&self.mode),
        }
    }

    /// The exception for the feed, or what is wrong field by field, checked against the
    /// draft's schedule (venues, themes, other exceptions on the same day).
    pub fn validate(&self, schedule: &ScheduleDto) -> Result<ExceptionDto, FieldErrors> {
        let mut errors: FieldErrors = [date_error("date", &self.date), date_error("to", &self.to)]
            .into_iter()
            .flatten()
            .collect();
        if self.date.trim().is_empty() {
            errors.push(FieldError::new(
                "date",
                "日付を入れてください",
                "enter a date",
            ));
        }
        if self.kind == "closed" && self.note_ja.trim().is_empty() {
            errors.push(FieldError::new(
                "note_ja",
                "休みの理由（利用者に表示）を入れてください",
                "enter the reason (shown to users)",
            ));
        }
        if self.kind == "extra" && self.theme.trim().is_empty() {
            errors.push(FieldError::new(
                "theme",
                "テーマを選んでください",
                "choose a theme",
            ));
        }
        if self.kind == "moved" && self.to.trim().is_empty() {
            errors.push(FieldError::new(
                "to",
                "移動先の日付を入れてください",
                "enter the new date",
            ));
        }
        if self.start.trim().is_empty() != self.end.trim().is_empty() {
            let f = if self.start.trim().is_empty() {
                "start"
            } else {
                "end"
            };
            errors.push(FieldError::new(
                f,
                "開始と終了の両方を入れてください",
                "enter both start and end",
            ));
        }
        let dto = self.dto();
        let mut s = schedule.clone();
        s.exceptions.push(dto.clone());
        let problems: Vec<_> = last_entry_problems(&s, "exceptions")
            .into_iter()
            .filter(|p| {
                p.place
                    .starts_with(&format!("schedule.exceptions[{}]", s.exceptions.len() - 1))
                    || !p.place.starts_with("schedule.exceptions[")
            })
            .collect();
        if problems.is_empty() && errors.is_empty() {
            Ok(dto)
        } else {
            Err(merge(
                errors,
                schedule_field_errors(
                    problems,
                    "exceptions",
                    &[
                        ("date", "date"),
                        ("kind", "kind"),
                        ("note", "note_ja"),
                        ("theme", "theme"),
                        ("to", "to"),
                        ("hours.end", "end"),
                        ("hours", "start"),
                        ("venue", "venue"),
                        ("mode", "mode"),
                    ],
                ),
            ))
        }
    }
}

/// The kinds of event the form offers.
pub const EVENT_KINDS: [(&str, &str, &str); 3] = [
    ("briefing", "事業説明会", "Programme briefing"),
    ("introduction", "センセー紹介", "Meet the experts"),
    ("consultation", "相談会", "Consultation day"),
];

/// An event as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventForm {
    /// Empty: made from the date and kind (`2027-01-20-consultation`).
    pub id: String,
    pub kind: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    pub mode: String,
    pub title_ja: String,
    pub title_en: String,
    pub description_ja: String,
    pub description_en: String,
    pub capacity: String,
    pub booking_ja: String,
    pub url: String,
}

impl EventForm {
    fn id_for(&self, schedule: &ScheduleDto) -> String {
        if let Some(id) = opt(&self.id) {
            return id;
        }
        let base = format!("{}-{}", form_date(&self.date), self.kind.trim());
        let taken = |id: &str| schedule.events.iter().any(|e| e.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    /// The event for the feed, or what is wrong field by field.
    pub fn validate(&self, schedule: &ScheduleDto) -> Result<EventDto, FieldErrors> {
        let mut errors: FieldErrors = date_error("date", &self.date).into_iter().collect();
        let required = [
            ("date", &self.date, "日付を入れてください", "enter a date"),
            (
                "start",
                &self.start,
                "開始時刻を入れてください",
                "enter the start time",
            ),
            (
                "end",
                &self.end,
                "終了時刻を入れてください",
                "enter the end time",
            ),
            (
                "title_ja",
                &self.title_ja,
                "題名を入れてください",
                "enter a title",
            ),
            (
                "description_ja",
                &self.description_ja,
                "説明を入れてください",
                "enter a description",
            ),
        ];
        for (field, value, ja, en) in required {
            if value.trim().is_empty() {
                errors.push(FieldError::new(field, ja, en));
            }
        }
        let capacity = match opt(&self.capacity) {
            None => None,
            Some(c) => match crate::domain::shared::csv::narrow(&c).parse::<u32>() {
                Ok(n) if n > 0 && n <= 100_000 => Some(n),
                _ => {
                    errors.push(FieldError::new(
                        "capacity",
                        "定員は 1 以上の数字で（空欄なら定員なし）",
                        "capacity is a number from 1 (empty: no limit)",
                    ));
                    None
                }
            },
        };
        let dto = EventDto {
            id: self.id_for(schedule),
            kind: self.kind.trim().to_owned(),
            date: form_date(&self.date),
            start: form_time(&self.start),
            end: form_time(&self.end),
            venue: opt(&self.venue),
            mode: opt(&self.mode),
            title: i18n(&self.title_ja, &self.title_en).unwrap_or_default(),
            description: i18n(&self.description_ja, &self.description_en).unwrap_or_default(),
            capacity,
            booking: i18n(&self.booking_ja, ""),
            url: opt(&self.url),
        };
        let mut s = schedule.clone();
        s.events.push(dto.clone());
        let at = format!("schedule.events[{}]", s.events.len() - 1);
        let problems: Vec<_> = last_entry_problems(&s, "events")
            .into_iter()
            .filter(|p| p.place.starts_with(&at) || !p.place.starts_with("schedule.events["))
            .collect();
        if problems.is_empty() && errors.is_empty() {
            Ok(dto)
        } else {
            Err(merge(
                errors,
                schedule_field_errors(
                    problems,
                    "events",
                    &[
                        ("id", "id"),
                        ("kind", "kind"),
                        ("date", "date"),
                        ("start", "start"),
                        ("end", "end"),
                        ("venue", "venue"),
                        ("mode", "mode"),
                        ("title", "title_ja"),
                        ("description", "description_ja"),
                        ("booking", "booking_ja"),
                        ("url", "url"),
                        ("", "start"),
                    ],
                ),
            ))
        }
    }
}

/// The desk hours of one weekday's theme, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskForm {
    /// `mon` … `sun`.
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub venue: String,
    pub mode: String,
}

// ---------------------------------------------------------------------------------------
// the draft

/// An open feed being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedDraft {
    root: Map<String, Value>,
    schedule: ScheduleDto,
    shops: Vec<ShopDto>,
}

impl FeedDraft {
    /// Opens a feed's text for editing. The schedule and shop list must be readable (the
    /// check before upload finds every other problem).
    pub fn open(text: &str) -> Result<Self, DraftError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::NotJson {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        let Value::Object(root) = value else {
            return Err(DraftError::NotFeed);
        };
        if root.get("format").and_then(Value::as_str) != Some(FEED_FORMAT) {
            return Err(DraftError::NotFeed);
        }
        let schedule: ScheduleDto = match root.get("schedule") {
            Some(v) => serde_json::from_value(v.clone())
                .map_err(|e| DraftError::Schedule(e.to_string()))?,
            None => return Err(DraftError::Schedule("missing".into())),
        };
        let shops: Vec<ShopDto> = match root.get("shops") {
            Some(v) => {
                serde_json::from_value(v.clone()).map_err(|e| DraftError::Shops(e.to_string()))?
            }
            None => Vec::new(),
        };
        Ok(FeedDraft {
            root,
            schedule,
            shops,
        })
    }

    pub fn schedule_dto(&self) -> &ScheduleDto {
        &self.schedule
    }

    /// The schedule as the apps will read it (for the preview).
    pub fn schedule(&self) -> Result<Schedule, ScheduleError> {
        Schedule::try_from(self.schedule.clone())
    }

    pub fn shops(&self) -> &[ShopDto] {
        &self.shops
    }

    /// The questionnaires as stored (raw JSON, one per definition).
    pub fn questionnaires(&self) -> Vec<Value> {
        match self.root.get("questionnaires") {
            Some(Value::Array(a)) => a.clone(),
            _ => Vec::new(),
        }
    }

    /// The feed's publication date, if it has one.
    pub fn published(&self) -> Option<&str> {
        self.root.get("published").and_then(Value::as_str)
    }

    /// Adds an exception from a valid form (kept in date order).
    pub fn add_exception(&mut self, form: &ExceptionForm) -> Result<usize, FieldErrors> {
        let dto = form.validate(&self.schedule)?;
        let at = self
            .schedule
            .exceptions
            .iter()
            .position(|e| e.date > dto.date)
            .unwrap_or(self.schedule.exceptions.len());
        self.schedule.exceptions.insert(at, dto);
        Ok(at)
    }

    /// Removes exception `index`.
    pub fn remove_exception(&mut self, index: usize) -> Result<ExceptionDto, DraftError> {
        if index >= self.schedule.exceptions.len() {
            return Err(DraftError::NoSuchEntry { index });
        }
        Ok(self.schedule.exceptions.remove(index))
    }

    /// Adds an event from a valid form (kept in date order).
    pub fn add_event(&mut self, form: &EventForm) -> Result<usize, FieldErrors> {
        let dto = form.validate(&self.schedule)?;
        let at = self
            .schedule
            .events
            .iter()
            .position(|e| {
                (e.date.as_str(), e.start.as_str()) > (dto.date.as_str(), dto.start.as_str())
            })
            .unwrap_or(self.schedule.events.len());
        self.schedule.events.insert(at, dto);
        Ok(at)
    }

    /// Removes event `index`.
    pub fn remove_event(&mut self, index: usize) -> Result<EventDto, DraftError> {
        if index >= self.schedule.events.len() {
            return Err(DraftError::NoSuchEntry { index });
        }
        Ok(self.schedule.events.remove(index))
    }

    /// Changes the hours (and optionally venue and mode) of a weekday's desk.
    pub fn set_desk(&mut self, form: &DeskForm) -> Result<(), FieldErrors> {
        let key = form.weekday.trim().to_owned();
        let mut s = self.schedule.clone();
        let Some(theme) = s.themes.get_mut(&key) else {
            return Err(vec![FieldError::new(
                "weekday",
                "その曜日には相談日がありません",
                "no desk on that weekday",
            )]);
        };
        theme.hours = HoursDto {
            start: form.start.trim().to_owned(),
            end: form.end.trim().to_owned(),
        };
        if let Some(v) = opt(&form.venue) {
            theme.venue = Some(v);
        }
        if let Some(m) = opt(&form.mode) {
            theme.mode = Some(m);
        }
        let problems = schedule_problems(&s);
        if problems.is_empty() {
            self.schedule = s;
            return Ok(());
        }
        Err(problems
            .into_iter()
            .map(|p| {
                let field = if p.place.ends_with("hours.end") || p.en.contains("before the end") {
                    "end"
                } else if p.place.contains("hours") {
                    "start"
                } else if p.place.ends_with("venue") {
                    "venue"
                } else if p.place.ends_with("mode") {
                    "mode"
                } else {
                    "form"
                };
                FieldError {
                    field,
                    ja: p.ja,
                    en: p.en,
                }
            })
            .collect())
    }

    /// Replaces the shop list (after the office has seen the diff).
    pub fn set_shops(&mut self, shops: Vec<ShopDto>) {
        self.shops = shops;
    }

    /// Replaces the feed's holiday list (`schedule.holidays`).
    pub fn set_holidays(&mut self, holidays: Vec<String>) {
        self.schedule.holidays = holidays;
    }

    /// Adds a questionnaire definition, or replaces the one with the same id. Returns its
    /// index.
    pub fn put_questionnaire(&mut self, definition: Value) -> Result<usize, DraftError> {
        let id = definition
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or_else(|| DraftError::Questionnaire("no id".into()))?;
        let mut list = self.questionnaires();
        let at = match list
            .iter()
            .position(|q| q.get("id").and_then(Value::as_str) == Some(id.as_str()))
        {
            Some(i) => {
                if let Some(slot) = list.get_mut(i) {
                    *slot = definition;
                }
                i
            }
            None => {
                list.push(definition);
                list.len() - 1
            }
        };
        self.root
            .insert("questionnaires".into(), Value::Array(list));
        Ok(at)
    }

    /// Puts a signed trust section into the feed as the office tools save it: `keys.json`
    /// (「署名して保存する」) or `used.json` (「使用済みデータに署名」). Which one it is, is told by
    /// its shape; its signature and sequence are checked before upload. Returns the section
    /// name.
    pub fn put_signed_section(&mut self, text: &str) -> Result<&'static str, DraftError> {
        use crate::domain::tickets::core::keys::KeyListDto;
        use crate::domain::tickets::core::used::UsedListDto;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| DraftError::NotJson {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        let name = if serde_json::from_value::<UsedListDto>(value.clone()).is_ok() {
            "used"
        } else if serde_json::from_value::<KeyListDto>(value.clone()).is_ok() {
            "keys"
        } else {
            return Err(DraftError::NotSignedSection);
        };
        self.root.insert(name.into(), value);
        Ok(name)
    }

    /// The feed text with the edits, stamped with its publication date (JST) and
    /// generation time. Pretty-printed JSON, `null`s of absent optional fields left out.
    pub fn to_json(&self, published: NaiveDate, now: DateTime<Utc>) -> String {
        let mut root = self.root.clone();
        root.insert(
            "generated_at".into(),
            Value::String(now.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        );
        root.insert("published".into(), Value::String(iso_date(published)));
        let mut schedule = serde_json::to_value(&self.schedule).unwrap_or(Value::Null);
        // Keep fields of the schedule this version does not know.
        if let (Some(Value::Object(old)), Value::Object(new)) =
            (self.root.get("schedule"), &mut schedule)
        {
            for (k, v) in old {
                new.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        root.insert("schedule".into(), without_nulls(schedule));
        let shops = serde_json::to_value(&self.shops).unwrap_or(Value::Null);
        root.insert("shops".into(), without_nulls(shops));
        serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default() + "\n"
    }

    /// The subscribable calendar to upload beside the feed: the desk sessions of
    /// [`CALENDAR_MONTHS`] months from `published`, and the events.
    pub fn calendar(&self, published: NaiveDate, now: DateTime<Utc>) -> Result<String, DraftError> {
        let s = self.schedule().map_err(DraftError::ScheduleRule)?;
        months_ics(
            &s,
            published.year(),
            published.month(),
            CALENDAR_MONTHS,
            Lang::Ja,
            now,
        )
        .ok_or_else(|| DraftError::Schedule("calendar".into()))
    }
}

// ---------------------------------------------------------------------------------------
// previews

/// One desk session as the phone's today card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewSession {
    pub title: String,
    /// `10:00〜16:00`.
    pub hours: String,
    /// The venue's name, or オンライン / Online.
    pub place: String,
    /// 臨時開設, 祝日振替（1/12分）, … .
    pub badge: Option<String>,
}

/// A day as the holder's schedule page shows it (the same domain queries).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPreview {
    /// `2027年2月3日（水）` / `Wed 3 Feb 2027`.
    pub heading: String,
    /// Why the desk is closed, if it is.
    pub closed: Option<String>,
    pub sessions: Vec<PreviewSession>,
    /// `13:00〜15:00 相談会：冬の相談会（定員20名）`.
    pub events: Vec<String>,
    /// The week (Monday first): (`2/1（月）`, `キャリア 10:00〜16:00` or the closed reason).
    pub week: Vec<(String, String)>,
    /// The date is beyond the holiday data (the page warns, as the app does).
    pub holidays_unknown: bool,
}

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];

fn heading(date: NaiveDate, lang: Lang) -> String {
    let wd = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日（{}）",
            date.year(),
            date.month(),
            date.day(),
            WEEKDAYS_JA.get(wd).copied().unwrap_or_default()
        ),
        Lang::En => date.format("%a %-d %b %Y").to_string(),
    }
}

fn short_day(date: NaiveDate, lang: Lang) -> String {
    let wd = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Ja => format!(
            "{}/{}（{}）",
            date.month(),
            date.day(),
            WEEKDAYS_JA.get(wd).copied().unwrap_or_default()
        ),
        Lang::En => date.format("%a %-d/%-m").to_string(),
    }
}

/// The day `date` (and its week) as a phone would show it.
pub fn preview_day(schedule: &Schedule, date: NaiveDate, lang: Lang) -> DayPreview {
    let plan = schedule.day(date);
    let hours = |h: &crate::domain::schedule::TimeRange| {
        format!("{}〜{}", h.start().format("%H:%M"), h.end().format("%H:%M"))
    };
    let sessions = plan
        .sessions()
        .iter()
        .map(|s| PreviewSession {
            title: s.title.get(lang).to_owned(),
            hours: hours(&s.hours),
            place: s.venue.as_ref().map_or_else(
                || s.mode.label().get(lang).to_owned(),
                |v| v.name.get(lang).to_owned(),
            ),
            badge: s.origin.badge().map(|b| b.get(lang).to_owned()),
        })
        .collect();
    let events = schedule
        .events()
        .iter()
        .filter(|e| e.date == date)
        .map(|e| {
            let cap = e.capacity.map_or(String::new(), |c| match lang {
                Lang::Ja => format!("（定員{c}名）"),
                Lang::En => format!(" (capacity {c})"),
            });
            format!(
                "{} {}：{}{cap}",
                hours(&e.hours),
                e.kind.label().get(lang),
                e.title.get(lang)
            )
        })
        .collect();
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let week = (0..7)
        .map(|i| monday + chrono::Duration::days(i))
        .map(|d| {
            let p = schedule.day(d);
            let text = match p.closed_reason() {
                Some(r) => r.label().get(lang).to_owned(),
                None => p
                    .sessions()
                    .iter()
                    .map(|s| format!("{} {}", s.title.get(lang), hours(&s.hours)))
                    .collect::<Vec<_>>()
                    .join(" / "),
            };
            (short_day(d, lang), text)
        })
        .collect();
    DayPreview {
        heading: heading(date, lang),
        closed: plan.closed_reason().map(|r| r.label().get(lang).to_owned()),
        sessions,
        events,
        week,
        holidays_unknown: !plan.holidays_known,
    }
}

/// A questionnaire file read for the office: the definitions it holds (one object, an
/// array, or `{"questionnaires": […]}`), each problem located, and a preview of each
/// valid one (title and questions with their options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireFile {
    pub definitions: Vec<Value>,
    pub problems: Vec<super::check::Problem>,
    pub previews: Vec<QuestionnairePreview>,
}

/// What a user would see: the title, the intro and each question with its choices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnairePreview {
    pub id: String,
    pub title: String,
    pub intro: Option<String>,
    /// (question, options); a text question has no options.
    pub questions: Vec<(String, Vec<String>)>,
}

/// Reads a questionnaire file (see [`QuestionnaireFile`]).
pub fn read_questionnaire_file(text: &str, lang: Lang) -> Result<QuestionnaireFile, DraftError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value =
        serde_json::from_str(text).map_err(|e| DraftError::Questionnaire(e.to_string()))?;
    let definitions = match value {
        Value::Array(a) => a,
        Value::Object(mut m) => match m.remove("questionnaires") {
            Some(Value::Array(a)) => a,
            Some(_) => {
                return Err(DraftError::Questionnaire(
                    "questionnaires: not an array".into(),
                ))
            }
            None => vec![Value::Object(m)],
        },
        _ => return Err(DraftError::Questionnaire("not an object or array".into())),
    };
    let problems = super::check::questionnaire_problems(&definitions);
    let (good, _) = crate::domain::checks::questionnaire::load_all(&definitions);
    let previews = good
        .iter()
        .map(|q| QuestionnairePreview {
            id: q.id().to_string(),
            title: q.title().get(lang).to_owned(),
            intro: q.intro().map(|i| i.get(lang).to_owned()),
            questions: q
                .items()
                .iter()
                .map(|it| {
                    (
                        it.text.get(lang).to_owned(),
                        it.options()
                            .iter()
                            .map(|o| o.label.get(lang).to_owned())
                            .collect(),
                    )
                })
                .collect(),
        })
        .collect();
    Ok(QuestionnaireFile {
        definitions,
        problems,
        previews,
    })
}

/// Removes `null` members of objects (absent optional fields), recursively.
fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            (
                "NotJson",
                &DraftError::NotJson {
                    line: 3,
                    column: 4,
                    reason: "x".into(),
                },
            ),
            ("NotFeed", &DraftError::NotFeed),
            ("Schedule", &DraftError::Schedule("x".into())),
            ("Shops", &DraftError::Shops("x".into())),
            (
                "ScheduleRule",
                &DraftError::ScheduleRule(ScheduleError::Json("x".into())),
            ),
            ("NoSuchEntry", &DraftError::NoSuchEntry { index: 3 }),
            ("NotSignedSection", &DraftError::NotSignedSection),
            ("Questionnaire", &DraftError::Questionnaire("x".into())),
        ]);
    }

    const DEMO: &str = include_str!("../../../public/feed/feed.json");

    fn draft() -> FeedDraft {
        FeedDraft::open(DEMO).unwrap()
    }

    fn closure(date: &str) -> ExceptionForm {
        ExceptionForm {
            date: date.into(),
            kind: "closed".into(),
            note_ja: "大雪のため休み".into(),
            note_en: "Closed: heavy snow".into(),
            ..ExceptionForm::default()
        }
    }

    fn event(date: &str) -> EventForm {
        EventForm {
            kind: "consultation".into(),
            date: date.into(),
            start: "13:00".into(),
            end: "15:00".into(),
            venue: draft().schedule_dto().venues[0].id.clone(),
            title_ja: "冬の相談会".into(),
            description_ja: "予約なしで相談できます".into(),
            capacity: "20".into(),
            ..EventForm::default()
        }
    }

    #[test]
    fn a_closure_is_added_in_date_order_and_closes_the_day() {
        let mut d = draft();
        let at = d.add_exception(&closure("2027-02-03")).unwrap();
        assert_eq!(d.schedule_dto().exceptions[at].date, "2027-02-03");
        let s = d.schedule().unwrap();
        let plan = s.day(NaiveDate::from_ymd_opt(2027, 2, 3).unwrap());
        assert!(!plan.is_open());
        let removed = d.remove_exception(at).unwrap();
        assert_eq!(removed.date, "2027-02-03");
        assert!(d
            .schedule()
            .unwrap()
            .day(NaiveDate::from_ymd_opt(2027, 2, 3).unwrap())
            .is_open());
        assert_eq!(
            d.remove_exception(999),
            Err(DraftError::NoSuchEntry { index: 999 })
        );
    }

    #[test]
    fn exception_forms_say_which_field_is_wrong() {
        let d = draft();
        let table: Vec<(ExceptionForm, &str)> = vec![
            (
                ExceptionForm {
                    date: String::new(),
                    ..closure("")
                },
                "date",
            ),
            (closure("02/03"), "date"),
            (closure("2027-02-30"), "date"),
            (
                ExceptionForm {
                    note_ja: " ".into(),
                    ..closure("2027-02-03")
                },
                "note_ja",
            ),
            (
                ExceptionForm {
                    kind: "extra".into(),
                    ..closure("2027-02-06")
                },
                "theme",
            ),
            (
                ExceptionForm {
                    kind: "extra".into(),
                    theme: "nope".into(),
                    ..closure("2027-02-06")
                },
                "theme",
            ),
            (
                ExceptionForm {
                    kind: "change".into(),
                    start: "16:00".into(),
                    end: "10:00".into(),
                    ..closure("2027-02-03")
                },
                "end",
            ),
            (
                ExceptionForm {
                    kind: "change".into(),
                    start: "10:00".into(),
                    ..closure("2027-02-03")
                },
                "end",
            ),
            (
                ExceptionForm {
                    kind: "change".into(),
                    venue: "nowhere".into(),
                    ..closure("2027-02-03")
                },
                "venue",
            ),
            (
                ExceptionForm {
                    kind: "closd".into(),
                    ..closure("2027-02-03")
                },
                "kind",
            ),
        ];
        for (form, field) in table {
            let errors = form.validate(d.schedule_dto()).unwrap_err();
            assert_eq!(errors[0].field, field, "{form:?} → {errors:?}");
            assert!(!errors[0].ja.is_empty() && !errors[0].en.is_empty());
        }
        // As typed: a wrong date and a missing reason are both named at once.
        let both = ExceptionForm {
            note_ja: String::new(),
            ..closure("2027-02-30")
        }
        .validate(d.schedule_dto())
        .unwrap_err();
        let fields: Vec<&str> = both.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["date", "note_ja"]);
        let both = EventForm {
            title_ja: String::new(),
            start: "15:00".into(),
            ..event("2027-01-23")
        }
        .validate(d.schedule_dto())
        .unwrap_err();
        let fields: Vec<&str> = both.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title_ja", "end"]);
        // A second closure of the same day conflicts with the first.
        let mut d = draft();
        d.add_exception(&closure("2027-02-03")).unwrap();
        assert!(d.add_exception(&closure("2027-02-03")).is_err());
    }

    #[test]
    fn an_event_or_closure_typed_in_any_roster_date_form_is_added_on_that_day() {
        for typed in [
            "2027/1/23",
            "２０２７－０１－２３",
            "令和9年1月23日",
            "R9.1.23",
            "20270123",
        ] {
            let mut d = draft();
            let form = EventForm {
                start: "１３：００".into(),
                ..event(typed)
            };
            let at = d
                .add_event(&form)
                .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
            let e = &d.schedule_dto().events[at];
            assert_eq!(
                (e.date.as_str(), e.id.as_str(), e.start.as_str()),
                ("2027-01-23", "2027-01-23-consultation", "13:00"),
                "{typed}"
            );
            let mut d = draft();
            d.add_exception(&closure(typed))
                .unwrap_or_else(|e| panic!("{typed}: {e:?}"));
            assert!(d
                .schedule_dto()
                .exceptions
                .iter()
                .any(|x| x.date == "2027-01-23"));
        }
        // Not a day: the date field says which forms it takes, and nothing is added.
        for typed in ["2027/2/30", "1月23日", "next friday"] {
            let mut d = draft();
            let before = d.schedule_dto().events.len();
            let errors = d.add_event(&event(typed)).unwrap_err();
            let date = error_for(&errors, "date").expect(typed);
            assert!(date.wording(Lang::Ja).contains("2027/1/23"), "{typed}");
            assert_eq!(d.schedule_dto().events.len(), before);
            let errors = d.add_exception(&closure(typed)).unwrap_err();
            assert!(error_for(&errors, "date").is_some(), "{typed}");
        }
    }

    #[test]
    fn events_get_an_id_and_validate_as_typed() {
        let mut d = draft();
        let at = d.add_event(&event("2027-01-23")).unwrap();
        let e = &d.schedule_dto().events[at];
        assert_eq!(e.id, "2027-01-23-consultation");
        assert_eq!(e.capacity, Some(20));
        let at2 = d.add_event(&event("2027-01-23")).unwrap();
        assert_eq!(d.schedule_dto().events[at2].id, "2027-01-23-consultation-2");
        let s = d.schedule().unwrap();
        assert!(s
            .events()
            .iter()
            .any(|e| e.id.as_str() == "2027-01-23-consultation"));
        let table: Vec<(EventForm, &str)> = vec![
            (
                EventForm {
                    start: "15:00".into(),
                    ..event("2027-01-23")
                },
                "end",
            ),
            (
                EventForm {
                    start: "25:00".into(),
                    ..event("2027-01-23")
                },
                "start",
            ),
            (
                EventForm {
                    capacity: "-3".into(),
                    ..event("2027-01-23")
                },
                "capacity",
            ),
            (
                EventForm {
                    capacity: "多い".into(),
                    ..event("2027-01-23")
                },
                "capacity",
            ),
            (
                EventForm {
                    venue: String::new(),
                    ..event("2027-01-23")
                },
                "venue",
            ),
            (
                EventForm {
                    title_ja: String::new(),
                    ..event("2027-01-23")
                },
                "title_ja",
            ),
            (
                EventForm {
                    kind: "party".into(),
                    ..event("2027-01-23")
                },
                "kind",
            ),
            (
                EventForm {
                    url: "http://x".into(),
                    ..event("2027-01-23")
                },
                "url",
            ),
            (
                EventForm {
                    date: "2027-13-01".into(),
                    ..event("2027-01-23")
                },
                "date",
            ),
        ];
        for (form, field) in table {
            let errors = form.validate(d.schedule_dto()).unwrap_err();
            assert_eq!(errors[0].field, field, "{form:?} → {errors:?}");
        }
        assert!(d.remove_event(at).is_ok());
    }

    #[test]
    fn desk_hours_change_and_are_checked() {
        let mut d = draft();
        let form = DeskForm {
            weekday: "mon".into(),
            start: "09:30".into(),
            end: "15:30".into(),
            ..DeskForm::default()
        };
        d.set_desk(&form).unwrap();
        assert_eq!(d.schedule_dto().themes["mon"].hours.start, "09:30");
        let bad = DeskForm {
            end: "09:00".into(),
            ..form.clone()
        };
        assert_eq!(d.set_desk(&bad).unwrap_err()[0].field, "end");
        let none = DeskForm {
            weekday: "sun".into(),
            ..form
        };
        assert_eq!(d.set_desk(&none).unwrap_err()[0].field, "weekday");
    }

    #[test]
    fn saving_stamps_the_publication_date_and_keeps_what_it_does_not_edit() {
        let mut d = draft();
        d.add_exception(&closure("2027-02-03")).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-02T01:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let text = d.to_json(day, now);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["published"], "2026-12-02");
        assert_eq!(v["generated_at"], "2026-12-02T01:00:00Z");
        let demo: Value = serde_json::from_str(DEMO).unwrap();
        for key in ["keys", "used", "questionnaires", "help_lines", "publisher"] {
            assert_eq!(v[key], demo[key], "{key}");
        }
        assert_eq!(v["shops"], demo["shops"]);
        assert!(!text.contains("null"));
        // Reopening gives the same draft.
        let again = FeedDraft::open(&text).unwrap();
        assert_eq!(again.schedule_dto(), d.schedule_dto());
        assert_eq!(again.published(), Some("2026-12-02"));
        // The calendar beside it has the new closure's day without a desk.
        let ics = d.calendar(day, now).unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR"));
        assert!(!ics.contains("UID:opening-2027-02-03-"));
        assert!(ics.contains("UID:opening-2027-02-04-"));
    }

    #[test]
    fn questionnaires_are_added_or_replaced_by_id() {
        let mut d = draft();
        let n = d.questionnaires().len();
        let mut q = d.questionnaires()[0].clone();
        q["title"]["ja"] = "新しい題".into();
        assert_eq!(d.put_questionnaire(q.clone()).unwrap(), 0);
        assert_eq!(d.questionnaires().len(), n);
        q["id"] = "brand-new".into();
        assert_eq!(d.put_questionnaire(q).unwrap(), n);
        assert!(d.put_questionnaire(serde_json::json!({})).is_err());
    }

    #[test]
    fn files_that_are_not_feeds_are_refused() {
        assert!(matches!(
            FeedDraft::open("{"),
            Err(DraftError::NotJson { .. })
        ));
        assert_eq!(FeedDraft::open("[]"), Err(DraftError::NotFeed));
        assert_eq!(
            FeedDraft::open(r#"{"format":"x"}"#),
            Err(DraftError::NotFeed)
        );
        assert!(matches!(
            FeedDraft::open(r#"{"format":"jokatsu-feed"}"#),
            Err(DraftError::Schedule(_))
        ));
    }

    #[test]
    fn the_phone_preview_shows_the_closure_and_the_event() {
        let mut d = draft();
        let day = NaiveDate::from_ymd_opt(2027, 1, 20).unwrap();
        let before = preview_day(&d.schedule().unwrap(), day, Lang::Ja);
        assert_eq!(before.heading, "2027年1月20日（水）");
        assert!(
            before.closed.is_none() && !before.sessions.is_empty(),
            "{before:?}"
        );
        d.add_exception(&closure("2027-01-20")).unwrap();
        d.add_event(&event("2027-01-20")).unwrap();
        let after = preview_day(&d.schedule().unwrap(), day, Lang::Ja);
        assert_eq!(after.closed.as_deref(), Some("休み（大雪のため休み）"));
        assert!(after.sessions.is_empty());
        assert_eq!(
            after.events,
            ["13:00〜15:00 相談会：冬の相談会（定員20名）"]
        );
        assert_eq!(after.week.len(), 7);
        assert_eq!(
            after.week[2],
            ("1/20（水）".to_owned(), "休み（大雪のため休み）".to_owned())
        );
        assert!(!after.holidays_unknown);
        let en = preview_day(&d.schedule().unwrap(), day, Lang::En);
        assert_eq!(en.heading, "Wed 20 Jan 2027");
    }

    #[test]
    fn a_questionnaire_file_is_validated_with_places_and_previewed() {
        let d = draft();
        let one = d.questionnaires()[0].clone();
        let f = read_questionnaire_file(&one.to_string(), Lang::Ja).unwrap();
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(f.previews.len(), 1);
        assert!(!f.previews[0].questions.is_empty());
        assert!(!f.previews[0].questions[0].1.is_empty());
        let mut bad = one.clone();
        bad["items"][0]["text"]["ja"] = "".into();
        let wrapped = serde_json::json!({ "questionnaires": [one, bad] });
        let f = read_questionnaire_file(&wrapped.to_string(), Lang::Ja).unwrap();
        assert_eq!(f.definitions.len(), 2);
        assert_eq!(f.problems.len(), 1, "{:?}", f.problems);
        assert!(
            f.problems
                .iter()
                .any(|p| p.place.starts_with("questionnaires[1]")),
            "{:?}",
            f.problems
        );
        assert!(read_questionnaire_file("nope", Lang::Ja).is_err());
    }

    #[test]
    fn signed_sections_go_in_by_their_shape() {
        use crate::domain::tickets::core::keys::demo;
        let mut d = draft();
        let demo_feed: Value = serde_json::from_str(DEMO).unwrap();
        let used = demo_feed["used"].to_string();
        assert_eq!(d.put_signed_section(&used), Ok("used"));
        let keys = serde_json::to_string(&demo::key_list()).unwrap();
        assert_eq!(d.put_signed_section(&keys), Ok("keys"));
        assert_eq!(
            d.put_signed_section("{\"x\":1}"),
            Err(DraftError::NotSignedSection)
        );
        let now = DateTime::parse_from_rfc3339("2026-12-02T01:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let v: Value =
            serde_json::from_str(&d.to_json(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), now))
                .unwrap();
        assert_eq!(v["used"], demo_feed["used"]);
    }
}

//! The office's check before upload: every problem of a feed (and its `calendar.ics`), not
//! just the first, each with its severity, section, place and a message in Japanese and
//! English. The office page and `jokatsu-office feed-check` both print [`Report::text`], so
//! they always agree. Format of the list: `docs/feed-format.md`, *Check before upload*.
//!
//! What it covers: the file (size, JSON, format, version, envelope fields, the publication
//! date), every section as the apps validate it (one problem per bad exception, event,
//! expert, holiday, shop, questionnaire, help line…), the signatures of the key list and the
//! used data, their sequences against the feed published before (no rollback), dates (an
//! expired or soon expiring key list, holiday data running out, a year typed wrong, a
//! certification that ended) and the calendar published alongside.

use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::VerifyingKey;
use serde_json::Value;

use crate::domain::checks::questionnaire::{load_all, Location};
use crate::domain::feed::{self, FeedError, Wanted, FEED_MAX_BYTES};
use crate::domain::schedule::{ExceptionKind, Schedule};
use crate::domain::schedule::{ScheduleDto, ScheduleError};
use crate::domain::shared::date::{iso_date, jst_today};
use crate::domain::shared::holidays::HolidayCalendar;
use crate::domain::shared::json_path::{bare_message, path_at};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{KeyListDto, KeyListError, KeySet};
use crate::domain::tickets::core::shops::{Shop, ShopDto, ShopsError, MAX_SHOPS};
use crate::domain::tickets::core::used::{parse_used_section, UsedData, UsedError};

/// Days before the key list expires from which the check warns.
pub const KEYS_EXPIRY_WARNING_DAYS: i64 = 30;
/// Days before the holiday data runs out from which the check warns.
pub const HOLIDAYS_WARNING_DAYS: i64 = 120;
/// A dated entry further ahead than this is probably a typo in the year.
pub const FAR_FUTURE_DAYS: i64 = 400;
/// Above this share of the size limit the check warns (the used data grows every month).
pub const SIZE_WARNING_PERCENT: usize = 80;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The apps would refuse the feed or a section, or show something wrong: no upload.
    Error,
    /// Worth a look; the office may upload anyway (explicit override).
    Warning,
}

impl Severity {
    /// `エラー/error` or `警告/warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "エラー/error",
            Severity::Warning => "警告/warning",
        }
    }
}

/// One problem: where it is and what, worded in Japanese and English ([`Wording`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The feed section (`feed`, `schedule`, `questionnaires`, `help_lines`, `keys`,
    /// `used`, `shops`, `calendar.ics`).
    pub section: String,
    /// A JSON path (`schedule.exceptions[3].date`) or a place in another file
    /// (`calendar.ics`), `-` for the file as a whole.
    pub place: String,
    pub ja: String,
    pub en: String,
}

impl Problem {
    fn new(
        severity: Severity,
        section: &str,
        place: impl Into<String>,
        ja: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        let place = place.into();
        Problem {
            severity,
            section: section.to_owned(),
            place: if place.is_empty() { "-".into() } else { place },
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// One tab-separated line: `severity  section  place  what` (what in `lang`).
    pub fn line(&self, lang: Lang) -> String {
        format!(
            "{}\t{}\t{}\t{}",
            self.severity.label(),
            self.section,
            self.place,
            self.wording(lang)
        )
    }
}

impl Wording for Problem {
    fn wording(&self, lang: Lang) -> String {
        say(lang, &self.ja, &self.en)
    }
}

/// Everything a check found, in the order of the feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub problems: Vec<Problem>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.problems.iter().filter(|p| p.severity == s).count()
    }

    /// Whether the feed may be saved for upload: no errors, and warnings only if the
    /// office explicitly accepts them.
    pub fn can_publish(&self, accept_warnings: bool) -> bool {
        self.errors() == 0 && (accept_warnings || self.warnings() == 0)
    }

    /// The closing line: `エラー 2件・警告 1件` / `2 errors, 1 warnings`.
    pub fn summary(&self, lang: Lang) -> String {
        let (errors, warnings) = (self.errors(), self.warnings());
        if self.problems.is_empty() {
            say(lang, "問題はありません", "no problems")
        } else {
            say!(
                lang,
                "エラー {errors}件・警告 {warnings}件",
                "{errors} errors, {warnings} warnings"
            )
        }
    }

    /// The report as the command line prints it and the page shows it: one
    /// [`Problem::line`] per problem, then [`Report::summary`]; each line ends in `\n`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for p in &self.problems {
            out.push_str(&p.line(lang));
            out.push('\n');
        }
        out.push_str(&self.summary(lang));
        out.push('\n');
        out
    }

    fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    fn error(&mut self, section: &str, place: impl Into<String>, ja: &str, en: &str) {
        self.push(Problem::new(Severity::Error, section, place, ja, en));
    }

    fn warn(&mut self, section: &str, place: impl Into<String>, ja: &str, en: &str) {
        self.push(Problem::new(Severity::Warning, section, place, ja, en));
    }
}

/// What to check.
#[derive(Debug, Clone, Copy)]
pub struct CheckInput<'a> {
    /// `feed.json` as it will be uploaded.
    pub feed: &'a str,
    /// `calendar.ics` to upload beside it, if any.
    pub calendar: Option<&'a str>,
    /// The feed published now (the served one), for the sequence rules: devices holding
    /// its key list and used data refuse older ones.
    pub previous: Option<&'a str>,
    /// The root public key the apps are built with.
    pub root: &'a VerifyingKey,
    /// Today in Japan.
    pub today: NaiveDate,
    /// Production: demo data is a warning, a demo flag on the feed an error.
    pub production: bool,
}

/// Checks a feed (see the module docs). Never fails: a file that cannot be read at all is
/// one error in the report.
pub fn check(input: &CheckInput<'_>) -> Report {
    let mut r = Report::default();
    let text = input.feed.strip_prefix('\u{feff}').unwrap_or(input.feed);
    let bytes = input.feed.len();
    if bytes > FEED_MAX_BYTES {
        r.error(
            "feed",
            "",
            &format!(
                "大きすぎます（{bytes} バイト、上限 {FEED_MAX_BYTES}）。アプリは読み込みません"
            ),
            &format!("too large ({bytes} bytes, limit {FEED_MAX_BYTES}): the apps refuse it"),
        );
    } else if bytes > FEED_MAX_BYTES / 100 * SIZE_WARNING_PERCENT {
        r.warn(
            "feed",
            "",
            &format!("上限の{SIZE_WARNING_PERCENT}%を超えています（{bytes} バイト）"),
            &format!("over {SIZE_WARNING_PERCENT}% of the size limit ({bytes} bytes)"),
        );
    }
    // The envelope as the apps read it: a file they cannot read at all stops here.
    let small = if bytes > FEED_MAX_BYTES { "" } else { text };
    match feed::parse(small, Wanted::NONE, None) {
        Err(e @ FeedError::Invalid { .. }) => {
            r.error("feed", e.path(), "項目が正しくありません", &e.reason());
        }
        Err(FeedError::TooLarge { .. }) | Ok(_) => {}
        Err(e) => {
            let ja = match &e {
                FeedError::Empty => "空のファイルです",
                FeedError::Html => "JSON ではなくウェブページです",
                FeedError::NotJson { .. } => "JSON として読めません",
                FeedError::Truncated { .. } => "途中で切れています",
                FeedError::WrongFormat { .. } => "JOKATSU の配信データではありません",
                FeedError::UnsupportedVersion { .. } => "アプリが読めない版です",
                _ => "読めません",
            };
            if bytes <= FEED_MAX_BYTES {
                r.error("feed", "", ja, &e.to_string());
            }
            return r;
        }
    }
    let root: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => return r,
    };
    envelope(&mut r, &root, input);
    schedule(&mut r, root.get("schedule"), input.today);
    questionnaires(&mut r, root.get("questionnaires"));
    help_lines(&mut r, root.get("help_lines"));
    let previous = input.previous.and_then(|p| {
        feed::parse(
            p,
            Wanted {
                tickets: true,
                ..Wanted::NONE
            },
            Some(input.root),
        )
        .ok()
    });
    let held_keys = previous
        .as_ref()
        .and_then(|f| f.sections.keys.as_ref())
        .and_then(|k| k.as_ref().ok());
    let keys = keys(&mut r, root.get("keys"), held_keys, input);
    let held_used = previous.as_ref().and_then(|f| match &f.sections.used {
        Some(Ok(dto)) => UsedData::from_feed(dto, input.root, f.sections.key_set()).ok(),
        _ => None,
    });
    used(
        &mut r,
        root.get("used"),
        keys.as_ref(),
        held_used.as_ref(),
        input,
    );
    shops(&mut r, root.get("shops"), input);
    if let Some(ics) = input.calendar {
        calendar(&mut r, ics, root.get("schedule"), input.today);
    }
    r
}

fn envelope(r: &mut Report, root: &Value, input: &CheckInput<'_>) {
    match root.get("published").map(Value::as_str) {
        None => r.error(
            "feed",
            "published",
            "公開日がありません（保存するときに入ります）",
            "no publication date (set when the feed is saved)",
        ),
        Some(None) => r.error(
            "feed",
            "published",
            "公開日は 2026-12-02 の形の文字列です",
            "the publication date must be a string like 2026-12-02",
        ),
        Some(Some(t)) => match crate::domain::shared::date::strict_date(t) {
            None => r.error(
                "feed",
                "published",
                &format!("公開日「{t}」が日付ではありません（2026-12-02 の形）"),
                &format!("publication date {t:?} is not a date (YYYY-MM-DD)"),
            ),
            Some(d) if d > input.today => r.warn(
                "feed",
                "published",
                &format!("公開日 {t} が今日より後です"),
                &format!("the publication date {t} is after today"),
            ),
            Some(_) => {}
        },
    }
    if let Some(at) = root
        .get("generated_at")
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    {
        if jst_today(at.with_timezone(&Utc)) > input.today {
            r.warn(
                "feed",
                "generated_at",
                "作成日時が未来です",
                "generated_at is in the future",
            );
        }
    }
    if input.production && root.get("demo").and_then(Value::as_bool) == Some(true) {
        r.error(
            "feed",
            "demo",
            "見本データの印（demo: true）が付いています。本番では外してください",
            "the feed is marked as demo data (demo: true): remove it for production",
        );
    }
}

// ---------------------------------------------------------------------------------------
// schedule

/// The path and the Japanese wording of a schedule error (the English is its message).
pub fn schedule_error_ja(e: &ScheduleError) -> (String, String) {
    use ScheduleError as E;
    let (path, ja): (&str, String) = match e {
        E::Json(_) => ("schedule", "JSON として読めません".into()),
        E::Version { path, found } => (path, format!("日程の版 {found} は読めません（1 のみ）")),
        E::BadDate { path, value } => (
            path,
            format!("「{value}」は日付ではありません（2026-12-02 の形）"),
        ),
        E::BadTime { path, value } => (
            path,
            format!("「{value}」は時刻ではありません（09:30 の形）"),
        ),
        E::TimeOrder { path, start, end } => (
            path,
            format!("開始 {start} は終了 {end} より前にしてください"),
        ),
        E::BadWeekday { path, value } => (path, format!("「{value}」は曜日ではありません")),
        E::BadId { path, value } => (
            path,
            format!("ID「{value}」は半角英小文字・数字・-・_ で書いてください"),
        ),
        E::UnknownVenue { path, id } => (path, format!("会場「{id}」がありません")),
        E::UnknownTheme { path, id } => (path, format!("テーマ「{id}」がありません")),
        E::DuplicateId { path, id } => (path, format!("ID「{id}」が2回使われています")),
        E::UnknownValue { path, value, .. } => (path, format!("「{value}」は使えない値です")),
        E::NotHttps { path } => (path, "https:// のリンクにしてください".into()),
        E::BadPhotoPath { path } => (path, "写真は相対パスで指定してください".into()),
        E::BadPhone { path } => (path, "電話番号ではありません".into()),
        E::Empty { path } => (path, "空です".into()),
        E::TooLong { path, len, max } => (path, format!("長すぎます（{len}文字、上限{max}文字）")),
        E::TooMany { path, len, max } => (path, format!("多すぎます（{len}件、上限{max}件）")),
        E::Conflict { path, .. } => (path, "同じ日の他の変更と矛盾しています".into()),
    };
    (path.to_owned(), ja)
}

/// The English part of a schedule error: its message without the leading path.
fn schedule_error_en(e: &ScheduleError, path: &str) -> String {
    let text = e.to_string();
    text.strip_prefix(&format!("{path}: "))
        .map_or(text.clone(), str::to_owned)
}

fn schedule_problem(e: &ScheduleError, index_fix: Option<(&str, usize)>) -> Problem {
    let (mut path, ja) = schedule_error_ja(e);
    let en = schedule_error_en(e, &path);
    if let Some((list, i)) = index_fix {
        let from = format!("schedule.{list}[0]");
        if let Some(rest) = path.strip_prefix(&from) {
            path = format!("schedule.{list}[{i}]{rest}");
        }
    }
    Problem::new(Severity::Error, "schedule", path, ja, en)
}

/// Reads `value` as `T`; a shape error is located inside `place` (`schedule`, `shops[3]`).
fn typed<T: serde::de::DeserializeOwned>(
    section: &str,
    place: &str,
    value: &Value,
) -> Result<T, Problem> {
    // Through text, so the error has a line and column to locate it by.
    let compact = serde_json::to_string(value).unwrap_or_default();
    serde_json::from_str(&compact).map_err(|e| shape_problem(section, place, &compact, &e))
}

/// A shape error in `compact` (one line of JSON), located inside `place`.
fn shape_problem(section: &str, place: &str, compact: &str, e: &serde_json::Error) -> Problem {
    let inner = path_at(compact, e.line(), e.column());
    let place = match inner.as_str() {
        "" => place.to_owned(),
        i if i.starts_with('[') => format!("{place}{i}"),
        i => format!("{place}.{i}"),
    };
    Problem::new(
        Severity::Error,
        section,
        place,
        "形が正しくありません（項目の不足・型の違い）",
        bare_message(e),
    )
}

/// Every problem of a schedule DTO: each bad entry of a list on its own, then conflicts
/// between entries. Empty when the schedule is valid.
pub fn schedule_problems(dto: &ScheduleDto) -> Vec<Problem> {
    let mut base = dto.clone();
    base.experts.clear();
    base.exceptions.clear();
    base.events.clear();
    base.holidays.clear();
    if let Err(e) = Schedule::try_from(base.clone()) {
        return vec![schedule_problem(&e, None)];
    }
    let mut out = Vec::new();
    macro_rules! each {
        ($field:ident, $name:literal) => {
            for (i, item) in dto.$field.iter().enumerate() {
                let mut one = base.clone();
                one.$field = vec![item.clone()];
                if let Err(e) = Schedule::try_from(one) {
                    out.push(schedule_problem(&e, Some(($name, i))));
                }
            }
        };
    }
    each!(experts, "experts");
    each!(exceptions, "exceptions");
    each!(events, "events");
    each!(holidays, "holidays");
    if out.is_empty() {
        if let Err(e) = Schedule::try_from(dto.clone()) {
            out.push(schedule_problem(&e, None));
        }
    }
    out
}

/// The problems of the last entry of `list` (`exceptions` or `events`) of a schedule — a
/// form's new entry — without re-checking every other entry on its own: that entry alone,
/// then the whole schedule for conflicts. Fast enough to run on every keystroke.
pub fn last_entry_problems(dto: &ScheduleDto, list: &str) -> Vec<Problem> {
    let mut one = dto.clone();
    one.experts.clear();
    one.holidays.clear();
    let len = match list {
        "exceptions" => {
            one.events.clear();
            one.exceptions = one.exceptions.pop().into_iter().collect();
            dto.exceptions.len()
        }
        _ => {
            one.exceptions.clear();
            one.events = one.events.pop().into_iter().collect();
            dto.events.len()
        }
    };
    if let Err(e) = Schedule::try_from(one) {
        return vec![schedule_problem(&e, Some((list, len.saturating_sub(1))))];
    }
    match Schedule::try_from(dto.clone()) {
        Err(e) => vec![schedule_problem(&e, None)],
        Ok(_) => Vec::new(),
    }
}

fn schedule(r: &mut Report, value: Option<&Value>, today: NaiveDate) {
    let Some(value) = value else {
        r.error(
            "schedule",
            "schedule",
            "日程（schedule）がありません。トップページに何も表示されません",
            "no schedule section: the home page would show nothing",
        );
        return;
    };
    let dto: ScheduleDto = match typed("schedule", "schedule", value) {
        Ok(d) => d,
        Err(p) => {
            r.push(p);
            return;
        }
    };
    let problems = schedule_problems(&dto);
    let ok = problems.is_empty();
    r.problems.extend(problems);
    if !ok {
        return;
    }
    let Ok(s) = Schedule::try_from(dto.clone()) else {
        return;
    };
    schedule_dates(r, &s, &dto, today);
}

fn schedule_dates(r: &mut Report, s: &Schedule, dto: &ScheduleDto, today: NaiveDate) {
    let far = today + chrono::Duration::days(FAR_FUTURE_DAYS);
    let coverage = s.holidays().coverage();
    let mut beyond_holidays = None;
    let mut dated = |place: String, date: NaiveDate, r: &mut Report| {
        if date > far {
            r.warn(
                "schedule",
                place.clone(),
                &format!(
                    "{} は{FAR_FUTURE_DAYS}日以上先です（年の入力違いでは？）",
                    iso_date(date)
                ),
                &format!(
                    "{} is more than {FAR_FUTURE_DAYS} days ahead (a typo in the year?)",
                    iso_date(date)
                ),
            );
        }
        if coverage.is_some_and(|c| date > c.last) && beyond_holidays.is_none() {
            beyond_holidays = Some((place, date));
        }
    };
    for (i, e) in dto.exceptions.iter().enumerate() {
        if let Some(d) = crate::domain::shared::date::strict_date(&e.date) {
            dated(format!("schedule.exceptions[{i}].date"), d, r);
        }
    }
    for e in s.events() {
        let index = dto
            .events
            .iter()
            .position(|d| d.id == e.id.as_str())
            .unwrap_or(0);
        dated(format!("schedule.events[{index}].date"), e.date, r);
    }
    if let Some((place, date)) = beyond_holidays {
        r.warn(
            "schedule",
            place,
            &format!(
                "{} は祝日データの範囲外です。内閣府の syukujitsu.csv を取り込んでください",
                iso_date(date)
            ),
            &format!(
                "{} is beyond the holiday data: import the Cabinet Office's syukujitsu.csv",
                iso_date(date)
            ),
        );
    }
    if let Some(c) = coverage {
        if c.last < today + chrono::Duration::days(HOLIDAYS_WARNING_DAYS) {
            r.warn(
                "schedule",
                "schedule.holidays",
                &format!(
                    "祝日データが {} で終わります。翌年の syukujitsu.csv を取り込んでください",
                    iso_date(c.last)
                ),
                &format!(
                    "the holiday data ends on {}: import next year's syukujitsu.csv",
                    iso_date(c.last)
                ),
            );
        }
    }
    // Feed holidays that contradict the built-in list (which wins) are worth a look.
    let built_in = HolidayCalendar::embedded();
    for (i, h) in dto.holidays.iter().enumerate() {
        let (day, name) = h.split_once(' ').unwrap_or((h, ""));
        let Some(d) = crate::domain::shared::date::strict_date(day) else {
            continue;
        };
        if built_in.covers(d) && built_in.holiday_name(d) != Some(name.trim()) {
            r.warn(
                "schedule",
                format!("schedule.holidays[{i}]"),
                &format!("{day} はアプリ内蔵の祝日一覧と違います（内蔵の一覧が使われます）"),
                &format!(
                    "{day} differs from the built-in holiday list (the built-in list is used)"
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// questionnaires, help lines

fn location_ja(l: &Location) -> String {
    match l {
        Location::Questionnaire => String::new(),
        Location::ScaleOption(n) => format!("共通の選択肢{n}"),
        Location::Item(i) => format!("質問「{i}」"),
        Location::ItemOption { item, option } => format!("質問「{item}」の選択肢{option}"),
        Location::Subscale(s) => format!("下位尺度「{s}」"),
        Location::Band(b) => format!("判定区分「{b}」"),
        Location::Matrix => "組み合わせ表".into(),
    }
}

/// Every problem of a `questionnaires` array (each definition on its own, then repeated
/// ids), with `questionnaires[i]` places.
pub fn questionnaire_problems(values: &[Value]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let (good, bad) = load_all(std::slice::from_ref(v));
        for e in bad {
            let at = e.location.to_string();
            out.push(Problem::new(
                Severity::Error,
                "questionnaires",
                format!("questionnaires[{i}]{at}"),
                format!(
                    "質問票「{}」{}が正しくありません",
                    e.questionnaire,
                    location_ja(&e.location)
                ),
                e.problem.to_string(),
            ));
        }
        for q in good {
            let id = q.id.to_string();
            if let Some((_, first)) = ids.iter().find(|(x, _)| *x == id) {
                out.push(Problem::new(
                    Severity::Error,
                    "questionnaires",
                    format!("questionnaires[{i}].id"),
                    format!("ID「{id}」は questionnaires[{first}] と重複しています"),
                    format!("id {id:?} repeats questionnaires[{first}]"),
                ));
            } else {
                ids.push((id, i));
            }
        }
    }
    out
}

fn questionnaires(r: &mut Report, value: Option<&Value>) {
    match value {
        None => r.warn(
            "questionnaires",
            "questionnaires",
            "セルフチェックがありません",
            "no self-checks",
        ),
        Some(Value::Array(a)) => r.problems.extend(questionnaire_problems(a)),
        Some(_) => r.error(
            "questionnaires",
            "questionnaires",
            "配列ではありません",
            "not an array",
        ),
    }
}

fn help_lines(r: &mut Report, value: Option<&Value>) {
    let Some(value) = value else {
        return;
    };
    let wrapped = serde_json::json!({ "help_lines": value });
    match crate::domain::checks::questionnaire::load_checks(wrapped) {
        Ok(f) => {
            for e in f.help_line_errors {
                r.error(
                    "help_lines",
                    "help_lines",
                    "相談窓口が正しくありません",
                    &e.to_string(),
                );
            }
        }
        Err(e) => r.error("help_lines", "help_lines", "読めません", &e.to_string()),
    }
}

// ---------------------------------------------------------------------------------------
// trust data

/// An error in both its wordings.
fn worded(e: &impl Wording) -> (String, String) {
    (e.wording(Lang::Ja), e.wording(Lang::En))
}

fn keys(
    r: &mut Report,
    value: Option<&Value>,
    held: Option<&KeySet>,
    input: &CheckInput<'_>,
) -> Option<KeySet> {
    let Some(value) = value else {
        r.error(
            "keys",
            "keys",
            "鍵リストがありません。ウォレットとお店でチケットを確かめられません",
            "no key list: wallets and shops cannot verify tickets",
        );
        return None;
    };
    let dto: KeyListDto = match typed("keys", "keys", value) {
        Ok(d) => d,
        Err(mut p) => {
            if value
                .get("version")
                .and_then(Value::as_u64)
                .is_some_and(|v| v != 2)
            {
                p.ja = "鍵リストの版が違います（2 のみ）".into();
                p.en = "key list version is not 2".into();
                p.place = "keys.version".into();
            }
            r.push(p);
            return None;
        }
    };
    let set = match KeySet::from_feed(&dto, input.root) {
        Ok(s) => s,
        Err(e) => {
            let (ja, en) = worded(&e);
            let place = match &e {
                KeyListError::Invalid { at, .. } => at.clone(),
                KeyListError::DuplicateId { index, .. } => format!("keys.keys[{index}].id"),
                KeyListError::UnsupportedVersion(_) => "keys.version".into(),
                _ => "keys.signature".into(),
            };
            r.error("keys", place, &ja, &en);
            return None;
        }
    };
    let expires = set.expires();
    if set.is_expired(input.today) {
        r.error(
            "keys",
            "keys.expires",
            &format!(
                "鍵リストの有効期限 {} が過ぎています。ルート鍵で署名し直してください",
                iso_date(expires)
            ),
            &format!(
                "the key list expired on {}: sign a new one with the root key",
                iso_date(expires)
            ),
        );
    } else if expires < input.today + chrono::Duration::days(KEYS_EXPIRY_WARNING_DAYS) {
        r.warn(
            "keys",
            "keys.expires",
            &format!("鍵リストの有効期限 {} が近づいています", iso_date(expires)),
            &format!("the key list expires soon ({})", iso_date(expires)),
        );
    }
    if let Some(held) = held {
        let (h, o) = (held.sequence(), set.sequence());
        if o < h {
            r.error(
                "keys",
                "keys.sequence",
                &format!("鍵リストの番号 {o} が公開中の {h} より小さいため、端末に拒否されます"),
                &format!(
                    "key list sequence {o} is lower than the published {h}: devices refuse it"
                ),
            );
        } else if o == h && held.dto() != Some(&dto) {
            r.error(
                "keys",
                "keys.sequence",
                &format!("鍵リストの中身が変わったのに番号が公開中と同じ {o} です。端末は新しい一覧を使いません"),
                &format!("the key list changed but keeps the published sequence {o}: devices ignore it"),
            );
        }
    }
    if input.production {
        // A demo key (flagged, or one of the demo public keys whose private halves are
        // public) is refused by production apps in every role: an error, per key.
        for k in set.iter().filter(|k| k.is_demo()) {
            let index = dto
                .keys
                .iter()
                .position(|d| d.id == i64::from(k.id.get()))
                .unwrap_or(0);
            let id = k.id;
            r.error(
                "keys",
                format!("keys.keys[{index}]"),
                &format!("鍵 {id} は見本（デモ）の鍵です（demo の印、または見本の公開鍵）。本番のアプリはこの鍵で署名されたチケットも使用済みデータも受け付けません。一覧から外してください"),
                &format!("key {id} is a demo key (flagged demo, or a demo public key): production apps refuse the tickets and used data it signs; remove it from the list"),
            );
        }
    }
    Some(set)
}

fn used(
    r: &mut Report,
    value: Option<&Value>,
    keys: Option<&KeySet>,
    held: Option<&UsedData>,
    input: &CheckInput<'_>,
) {
    let Some(value) = value else {
        // A new key list that no longer lists the signer of the published used data makes
        // every device drop that data at once: the feed must bring used data signed by a
        // key it lists, or tickets marked used would pass again.
        if let (Some(held), Some(keys)) = (held, keys) {
            if UsedData::from_feed(held.dto(), input.root, keys).is_err() {
                let signer = held.header().signer.map_or(0, |id| id.get());
                r.error(
                    "used",
                    "used",
                    &format!("新しい鍵リストには、公開中の使用済みデータに署名した鍵 {signer} がありません。端末はその使用済みデータをすぐに破棄するため、一覧にある鍵で署名した使用済みデータを入れてください"),
                    &format!("the new key list no longer lists key {signer}, which signed the published used data: devices drop that data at once, so add used data signed by a listed key"),
                );
            }
        }
        return;
    };
    let dto = match parse_used_section(&value.to_string()) {
        Ok(d) => d,
        Err(e) => {
            let (ja, en) = worded(&e);
            let place = match &e {
                UsedError::Invalid { at, .. } => at.clone(),
                _ => "used".into(),
            };
            r.error("used", place, &ja, &en);
            return;
        }
    };
    let Some(keys) = keys else {
        r.error(
            "used",
            "used.signature",
            "鍵リストが使えないため、使用済みデータの署名を確かめられません",
            "the key list is refused, so the used data's signature cannot be checked",
        );
        return;
    };
    match UsedData::accept(&dto, input.root, keys, held) {
        Ok(_) => {}
        Err(e) => {
            let (ja, en) = worded(&e);
            let place = match &e {
                UsedError::RolledBack { .. } => "used.sequence".to_owned(),
                UsedError::Invalid { at, .. } => at.clone(),
                UsedError::UnknownSigner(_)
                | UsedError::DemoSigner(_)
                | UsedError::SignerNotValid { .. } => "used.signer".into(),
                _ => "used.signature".into(),
            };
            r.error("used", place, &ja, &en);
        }
    }
}

// ---------------------------------------------------------------------------------------
// shops

/// Every problem of a `shops` array: each shop on its own, then repeated ids.
pub fn shop_problems(values: &[Value], today: NaiveDate, production: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    if values.len() > MAX_SHOPS {
        out.push(Problem::new(
            Severity::Error,
            "shops",
            "shops",
            format!("お店が多すぎます（{}件、上限{MAX_SHOPS}件）", values.len()),
            format!("too many shops ({}, at most {MAX_SHOPS})", values.len()),
        ));
    }
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let place = format!("shops[{i}]");
        let dto: ShopDto = match typed("shops", &place, v) {
            Ok(d) => d,
            Err(p) => {
                out.push(p);
                continue;
            }
        };
        match Shop::from_dto(i, &dto) {
            Err(ShopsError::Invalid { field, problem, .. }) => out.push(Problem::new(
                Severity::Error,
                "shops",
                format!("shops[{i}].{field}"),
                format!("「{}」の {field} が正しくありません", dto.name.ja),
                problem,
            )),
            Err(e) => out.push(Problem::new(
                Severity::Error,
                "shops",
                place,
                "正しくありません",
                e.to_string(),
            )),
            Ok(shop) => {
                if let Some((_, first)) = ids.iter().find(|(x, _)| *x == dto.id) {
                    out.push(Problem::new(
                        Severity::Error,
                        "shops",
                        format!("shops[{i}].id"),
                        format!("店舗ID「{}」は shops[{first}] と重複しています", dto.id),
                        format!("shop id {:?} repeats shops[{first}]", dto.id),
                    ));
                } else {
                    ids.push((dto.id.clone(), i));
                }
                if let Some(until) = shop.certified_until.filter(|u| *u < today) {
                    out.push(Problem::new(
                        Severity::Warning,
                        "shops",
                        format!("shops[{i}].certified_until"),
                        format!(
                            "「{}」の認定は {} で終わっています（一覧に表示されたままです）",
                            dto.name.ja,
                            iso_date(until)
                        ),
                        format!(
                            "{:?}: certification ended on {} (still listed)",
                            dto.id,
                            iso_date(until)
                        ),
                    ));
                }
                if production && shop.demo {
                    out.push(Problem::new(
                        Severity::Warning,
                        "shops",
                        format!("shops[{i}].demo"),
                        format!("「{}」は見本のお店です", dto.name.ja),
                        format!("{:?} is a demo shop", dto.id),
                    ));
                }
            }
        }
    }
    out
}

fn shops(r: &mut Report, value: Option<&Value>, input: &CheckInput<'_>) {
    match value {
        None => r.warn("shops", "shops", "お店の一覧がありません", "no shop list"),
        Some(Value::Array(a)) => r
            .problems
            .extend(shop_problems(a, input.today, input.production)),
        Some(_) => r.error("shops", "shops", "配列ではありません", "not an array"),
    }
}

// ---------------------------------------------------------------------------------------
// calendar.ics

fn calendar(r: &mut Report, ics: &str, schedule: Option<&Value>, today: NaiveDate) {
    let section = "calendar.ics";
    let t = ics.trim_start_matches('\u{feff}');
    if !t.starts_with("BEGIN:VCALENDAR") || !t.trim_end().ends_with("END:VCALENDAR") {
        r.error(
            section,
            "calendar.ics",
            "iCalendar ファイルではありません（BEGIN:VCALENDAR…END:VCALENDAR）",
            "not an iCalendar file (BEGIN:VCALENDAR…END:VCALENDAR)",
        );
        return;
    }
    // Unfold (RFC 5545 §3.1) before looking for UIDs.
    let unfolded = t.replace("\r\n ", "").replace("\n ", "");
    let Some(dto) = schedule.and_then(|v| serde_json::from_value::<ScheduleDto>(v.clone()).ok())
    else {
        return;
    };
    let Ok(s) = Schedule::try_from(dto) else {
        return;
    };
    let last_opening = unfolded
        .lines()
        .filter_map(|l| l.strip_prefix("UID:opening-"))
        .filter_map(|rest| rest.get(..10))
        .filter_map(crate::domain::shared::date::strict_date)
        .max();
    for e in s.events().iter().filter(|e| e.date >= today) {
        if last_opening.is_some_and(|last| e.date > last) {
            continue;
        }
        if !unfolded.contains(&format!("UID:event-{}@", e.id.as_str())) {
            r.warn(
                section,
                format!("calendar.ics event-{}", e.id.as_str()),
                &format!(
                    "催し「{}」（{}）がカレンダーにありません。作り直してください",
                    e.title.ja,
                    iso_date(e.date)
                ),
                &format!(
                    "event {:?} ({}) is missing from the calendar: regenerate it",
                    e.id.as_str(),
                    iso_date(e.date)
                ),
            );
        }
    }
    for e in s.exceptions().filter(|e| e.date >= today) {
        if matches!(e.kind, ExceptionKind::Closed) {
            let uid = format!("UID:opening-{}-", iso_date(e.date));
            if unfolded.contains(&uid) {
                r.error(
                    section,
                    format!("calendar.ics opening-{}", iso_date(e.date)),
                    &format!(
                        "休みの日 {} の相談日がカレンダーに残っています。作り直してください",
                        iso_date(e.date)
                    ),
                    &format!(
                        "the calendar still has a desk on the closed day {}: regenerate it",
                        iso_date(e.date)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::wording::has_japanese;
    use crate::domain::tickets::core::keys::{demo, sign_key_list, KeyListHeader};

    const DEMO: &str = include_str!("../../../public/feed/feed.json");

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    /// The demo feed as the office would save it today.
    fn good() -> Value {
        let mut v: Value = serde_json::from_str(DEMO).unwrap();
        v["published"] = "2026-12-02".into();
        v
    }

    fn run(feed: &str, calendar: Option<&str>, previous: Option<&str>) -> Report {
        let root = demo::root_signing_key().verifying_key();
        check(&CheckInput {
            feed,
            calendar,
            previous,
            root: &root,
            today: today(),
            production: false,
        })
    }

    fn report(v: &Value) -> Report {
        run(&v.to_string(), None, None)
    }

    #[test]
    fn the_demo_feed_saved_today_has_no_problem() {
        let r = report(&good());
        assert_eq!(r.problems, [], "{}", r.text(Lang::Ja));
        assert!(r.can_publish(false));
        assert_eq!(r.text(Lang::Ja), "問題はありません\n");
        assert_eq!(r.text(Lang::En), "no problems\n");
    }

    type Mutation = fn(&mut Value);
    type Case<'a> = (&'a str, Mutation, Vec<(Severity, &'a str)>);

    /// Broken feeds: each fault must be found at its place, with its severity.
    #[test]
    fn a_corpus_of_broken_feeds_each_fault_found_where_it_is() {
        let corpus: Vec<Case> = vec![
            (
                "no publication date",
                |v| {
                    v.as_object_mut().unwrap().remove("published");
                },
                vec![(Severity::Error, "published")],
            ),
            (
                "publication date not a date",
                |v| v["published"] = "2026/12/02".into(),
                vec![(Severity::Error, "published")],
            ),
            (
                "publication date ahead",
                |v| v["published"] = "2026-12-24".into(),
                vec![(Severity::Warning, "published")],
            ),
            (
                "publisher empty",
                |v| v["publisher"]["ja"] = "".into(),
                vec![(Severity::Error, "publisher.ja")],
            ),
            (
                "two schedule faults at once",
                |v| {
                    v["schedule"]["exceptions"][1]["date"] = "2026-02-30".into();
                    v["schedule"]["events"][2]["end"] = "25:00".into();
                },
                vec![
                    (Severity::Error, "schedule.exceptions[1].date"),
                    (Severity::Error, "schedule.events[2].end"),
                ],
            ),
            (
                "unknown venue on a weekday",
                |v| v["schedule"]["themes"]["fri"]["venue"] = "nowhere".into(),
                vec![(Severity::Error, "schedule.themes.fri.venue")],
            ),
            (
                "schedule shape",
                |v| v["schedule"]["events"][0]["capacity"] = "many".into(),
                vec![(Severity::Error, "schedule.events[0].capacity")],
            ),
            (
                "two closures of one day conflict",
                |v| {
                    let c = serde_json::json!({"date": "2027-02-03", "kind": "closed", "note": {"ja": "休み"}});
                    let list = v["schedule"]["exceptions"].as_array_mut().unwrap();
                    list.push(c.clone());
                    list.push(c);
                },
                vec![(Severity::Error, "schedule.exceptions[")],
            ),
            (
                "holidays out of order",
                |v| {
                    v["schedule"]["holidays"] =
                        serde_json::json!(["2028-01-10 成人の日", "2028-01-01 元日"]);
                },
                vec![(Severity::Error, "schedule.holidays[1]")],
            ),
            (
                "a holiday that is not a date",
                |v| {
                    v["schedule"]["holidays"] = serde_json::json!(["2028/1/1 元日"]);
                },
                vec![(Severity::Error, "schedule.holidays[0]")],
            ),
            (
                "a year typed wrong, beyond the holiday data",
                |v| v["schedule"]["events"][0]["date"] = "2029-12-05".into(),
                vec![
                    (Severity::Warning, "schedule.events[0].date"),
                    (Severity::Warning, "schedule.events[0].date"),
                ],
            ),
            (
                "no schedule",
                |v| {
                    v.as_object_mut().unwrap().remove("schedule");
                },
                vec![(Severity::Error, "schedule")],
            ),
            (
                "a questionnaire without items",
                |v| v["questionnaires"][1]["items"] = serde_json::json!([]),
                vec![(Severity::Error, "questionnaires[1]")],
            ),
            (
                "a repeated questionnaire",
                |v| {
                    let q = v["questionnaires"][0].clone();
                    v["questionnaires"].as_array_mut().unwrap().push(q);
                },
                vec![(Severity::Error, "questionnaires[")],
            ),
            (
                "a help line without a name",
                |v| {
                    v["help_lines"][0].as_object_mut().unwrap().remove("name");
                },
                vec![(Severity::Error, "help_lines")],
            ),
            (
                "key list signature altered",
                |v| {
                    let s = v["keys"]["signature"].as_str().unwrap().to_owned();
                    let flipped = match s.strip_prefix('A') {
                        Some(rest) => format!("B{rest}"),
                        None => format!("A{}", s.get(1..).unwrap_or_default()),
                    };
                    v["keys"]["signature"] = flipped.into();
                },
                vec![
                    (Severity::Error, "keys"),
                    (Severity::Error, "used.signature"),
                ],
            ),
            (
                "key list missing",
                |v| {
                    v.as_object_mut().unwrap().remove("keys");
                },
                vec![
                    (Severity::Error, "keys"),
                    (Severity::Error, "used.signature"),
                ],
            ),
            (
                "key list of a wrong version",
                |v| v["keys"]["version"] = 1.into(),
                vec![
                    (Severity::Error, "keys.version"),
                    (Severity::Error, "used.signature"),
                ],
            ),
            (
                "used data altered",
                |v| v["used"]["sequence"] = 99.into(),
                vec![(Severity::Error, "used.signature")],
            ),
            (
                "used data unsigned",
                |v| {
                    v["used"].as_object_mut().unwrap().remove("signature");
                },
                vec![(Severity::Error, "used")],
            ),
            (
                "every bad shop",
                |v| {
                    v["shops"][1]["map_url"] = "http://example.jp/".into();
                    v["shops"][2]["id"] = v["shops"][0]["id"].clone();
                    v["shops"][3]["oops"] = 1.into();
                    v["shops"][4]["certified_until"] = "2026-11-30".into();
                },
                vec![
                    (Severity::Error, "shops[1].map_url"),
                    (Severity::Error, "shops[2].id"),
                    (Severity::Error, "shops[3]"),
                    (Severity::Warning, "shops[4].certified_until"),
                ],
            ),
            (
                "shops not a list",
                |v| v["shops"] = serde_json::json!({}),
                vec![(Severity::Error, "shops")],
            ),
            (
                "close to the size limit",
                |v| v["pad"] = "x".repeat(FEED_MAX_BYTES * 85 / 100).into(),
                vec![(Severity::Warning, "-")],
            ),
            (
                "over the size limit",
                |v| v["pad"] = "x".repeat(FEED_MAX_BYTES).into(),
                vec![(Severity::Error, "-")],
            ),
        ];
        for (name, mutate, want) in corpus {
            let mut v = good();
            mutate(&mut v);
            let r = report(&v);
            for (severity, place) in &want {
                assert!(
                    r.problems
                        .iter()
                        .any(|p| p.severity == *severity && p.place.starts_with(place)),
                    "{name}: {severity:?} at {place} not found in\n{}",
                    r.text(Lang::En)
                );
            }
            assert_eq!(
                r.problems.len(),
                want.len(),
                "{name}: exactly the faults put in\n{}",
                r.text(Lang::En)
            );
            for p in &r.problems {
                assert!(
                    !p.ja.is_empty() && !p.en.is_empty() && !p.section.is_empty(),
                    "{p:?}"
                );
            }
            assert_eq!(
                r.can_publish(true),
                want.iter().all(|(s, _)| *s == Severity::Warning),
                "{name}"
            );
        }
    }

    #[test]
    fn files_the_apps_cannot_read_are_one_error() {
        let table = [
            ("", "空のファイル"),
            ("<!doctype html><p>メンテナンス中", "ウェブページ"),
            (
                "{\"format\": \"jokatsu-feed\", \"version\": 1,",
                "途中で切れて",
            ),
            ("{\"format\": \"other\"}", "JOKATSU"),
            ("{\"format\": \"jokatsu-feed\", \"version\": 2}", "版"),
        ];
        for (text, ja) in table {
            let r = run(text, None, None);
            assert_eq!(r.problems.len(), 1, "{text}: {}", r.text(Lang::Ja));
            assert!(
                r.problems[0].ja.contains(ja),
                "{text}: {}",
                r.text(Lang::Ja)
            );
            assert!(!r.can_publish(true));
        }
    }

    #[test]
    fn sequences_must_not_go_back_behind_the_published_feed() {
        let previous_keys = |sequence: u64| {
            let mut header: KeyListHeader = demo::header();
            header.sequence = sequence;
            sign_key_list(
                &header,
                &[demo::issuer_key(), demo::used_key()],
                &demo::root_signing_key(),
            )
            .unwrap()
        };
        let mut published = good();
        published["keys"] = serde_json::to_value(previous_keys(5)).unwrap();
        let published = published.to_string();
        // The demo list (sequence 1) is older than the published one (5).
        let r = run(&good().to_string(), None, Some(&published));
        assert!(
            r.problems
                .iter()
                .any(|p| p.place == "keys.sequence" && p.severity == Severity::Error),
            "{}",
            r.text(Lang::En)
        );
        // The same sequence with a different list: devices would ignore it.
        let mut changed = good();
        let mut header: KeyListHeader = demo::header();
        header.sequence = 5;
        header.expires = NaiveDate::from_ymd_opt(2140, 1, 1).unwrap();
        changed["keys"] = serde_json::to_value(
            sign_key_list(
                &header,
                &[demo::issuer_key(), demo::used_key()],
                &demo::root_signing_key(),
            )
            .unwrap(),
        )
        .unwrap();
        let r = run(&changed.to_string(), None, Some(&published));
        assert!(
            r.problems
                .iter()
                .any(|p| p.place == "keys.sequence" && p.en.contains("ignore")),
            "{}",
            r.text(Lang::En)
        );
        // Newer than or equal to the published list: fine.
        let mut newer = good();
        newer["keys"] = serde_json::to_value(previous_keys(6)).unwrap();
        let r = run(&newer.to_string(), None, Some(&published));
        assert_eq!(r.problems, [], "{}", r.text(Lang::Ja));
        let r = run(&published, None, Some(&published));
        assert_eq!(r.problems, [], "{}", r.text(Lang::Ja));
    }

    #[test]
    fn the_upload_check_refuses_demo_keys_and_demo_signed_used_data_in_production() {
        use crate::domain::tickets::core::used::{UsedHeader, UsedSet};
        let prod_root = ed25519_dalek::SigningKey::from_bytes(&[0x31; 32]);
        let mut unflagged = demo::issuer_key();
        unflagged.demo = false;
        let mut header = demo::header();
        header.sequence = 2;
        let list = sign_key_list(&header, &[unflagged, demo::used_key()], &prod_root).unwrap();
        let used = UsedSet::new()
            .sign(
                &UsedHeader {
                    sequence: 1,
                    signed_at: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                    signer: Some(demo::DEMO_USED_KEY_ID),
                },
                &demo::used_signing_key(),
            )
            .unwrap();
        let mut v = good();
        v["demo"] = false.into();
        v["keys"] = serde_json::to_value(&list).unwrap();
        v["used"] = serde_json::to_value(&used).unwrap();
        let root = prod_root.verifying_key();
        let r = check(&CheckInput {
            feed: &v.to_string(),
            calendar: None,
            previous: None,
            root: &root,
            today: today(),
            production: true,
        });
        for place in ["keys.keys[0]", "keys.keys[1]", "used.signer"] {
            assert!(
                r.problems
                    .iter()
                    .any(|p| p.place == place && p.severity == Severity::Error),
                "{place}: {}",
                r.text(Lang::En)
            );
        }
        let text = r.text(Lang::En);
        assert!(text.contains("key 1 is a demo key"), "{text}");
        assert!(text.contains("signed by demo key 200"), "{text}");
        assert!(!r.can_publish(false));
    }

    #[test]
    fn a_key_list_that_drops_the_used_data_signer_needs_used_data_in_the_same_feed() {
        // Published: the demo feed (used data signed by key 200). Next: a list without
        // key 200 and no used section.
        let previous = good().to_string();
        let mut header = demo::header();
        header.sequence = 2;
        let mut v = good();
        v["keys"] = serde_json::to_value(
            sign_key_list(&header, &[demo::issuer_key()], &demo::root_signing_key()).unwrap(),
        )
        .unwrap();
        let without_used = {
            let mut w = v.clone();
            w.as_object_mut().unwrap().remove("used");
            w
        };
        let r = run(&without_used.to_string(), None, Some(&previous));
        assert!(
            r.problems
                .iter()
                .any(|p| p.place == "used" && p.severity == Severity::Error),
            "{}",
            r.text(Lang::En)
        );
        assert!(r.text(Lang::En).contains("no longer lists key 200"));
        // With the used data re-signed by the root in the same feed: no such error.
        let used: crate::domain::tickets::core::used::UsedListDto =
            serde_json::from_value(good()["used"].clone()).unwrap();
        let root_key = demo::root_signing_key().verifying_key();
        let data = UsedData::from_feed(&used, &root_key, &demo::key_set()).unwrap();
        let resigned = data
            .next(
                &crate::domain::tickets::core::used::UsedSet::new(),
                NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
                None,
                &demo::root_signing_key(),
            )
            .unwrap();
        let mut with_used = v.clone();
        with_used["used"] = serde_json::to_value(&resigned).unwrap();
        let r = run(&with_used.to_string(), None, Some(&previous));
        assert!(
            !r.problems.iter().any(|p| p.section == "used"),
            "{}",
            r.text(Lang::En)
        );
    }

    #[test]
    fn expiring_keys_warn_and_expired_keys_are_errors() {
        let mut header: KeyListHeader = demo::header();
        for (expires, want) in [
            ((2026, 12, 20), Severity::Warning),
            ((2026, 12, 1), Severity::Error),
        ] {
            header.expires = NaiveDate::from_ymd_opt(expires.0, expires.1, expires.2).unwrap();
            header.signed_at = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let mut v = good();
            v["keys"] = serde_json::to_value(
                sign_key_list(
                    &header,
                    &[demo::issuer_key(), demo::used_key()],
                    &demo::root_signing_key(),
                )
                .unwrap(),
            )
            .unwrap();
            let r = report(&v);
            assert!(
                r.problems
                    .iter()
                    .any(|p| p.place == "keys.expires" && p.severity == want),
                "{}",
                r.text(Lang::En)
            );
        }
    }

    #[test]
    fn the_calendar_beside_the_feed_is_checked_against_it() {
        use crate::domain::publish::editor::{ExceptionForm, FeedDraft};
        let now = DateTime::parse_from_rfc3339("2026-12-02T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let draft = FeedDraft::open(&good().to_string()).unwrap();
        let ics = draft.calendar(today(), now).unwrap();
        let r = run(&good().to_string(), Some(&ics), None);
        assert_eq!(r.problems, [], "{}", r.text(Lang::Ja));
        // A closure added after the calendar was made: the calendar still shows the desk.
        let mut changed = draft.clone();
        changed
            .add_exception(&ExceptionForm {
                date: "2026-12-15".into(),
                kind: "closed".into(),
                note_ja: "臨時休業".into(),
                ..ExceptionForm::default()
            })
            .unwrap();
        let feed = changed.to_json(today(), now);
        let r = run(&feed, Some(&ics), None);
        assert!(
            r.problems
                .iter()
                .any(|p| p.place == "calendar.ics opening-2026-12-15"
                    && p.severity == Severity::Error),
            "{}",
            r.text(Lang::En)
        );
        // An event missing from the calendar.
        let cut = ics.replace("UID:event-", "UID:gone-");
        let r = run(&good().to_string(), Some(&cut), None);
        assert!(
            r.problems
                .iter()
                .any(|p| p.place.starts_with("calendar.ics event-")),
            "{}",
            r.text(Lang::En)
        );
        let r = run(&good().to_string(), Some("hello"), None);
        assert_eq!(r.errors(), 1);
    }

    #[test]
    fn the_report_text_is_one_line_per_problem_and_a_summary() {
        let mut v = good();
        v.as_object_mut().unwrap().remove("published");
        v["shops"][4]["certified_until"] = "2026-11-30".into();
        let r = report(&v);
        let text = r.text(Lang::Ja);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert!(
            lines[0].starts_with("エラー/error\tfeed\tpublished\t公開日がありません"),
            "{text}"
        );
        assert!(
            lines[1].starts_with("警告/warning\tshops\tshops[4].certified_until\t"),
            "{text}"
        );
        assert_eq!(lines[2], "エラー 1件・警告 1件");
        let english = r.text(Lang::En);
        let english: Vec<&str> = english.lines().collect();
        let what = english[0].split('\t').nth(3).unwrap_or_default();
        assert!(!what.is_empty() && !has_japanese(what), "{english:?}");
        assert_eq!(english[2], "1 errors, 1 warnings");
        assert!(!r.can_publish(true));
    }
}

//! The desk's calendar rules, checked against the embedded Cabinet Office holiday list.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use jokatsu::domain::schedule::{ClosedReason, DayStatus, Schedule, SessionOrigin, ThemeId};
use jokatsu::domain::shared::holidays::{self, HolidayStatus};
use serde_json::{json, Value};

const RULES_FIXTURE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/schedule_rules.json"
));

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn theme(id: &str) -> ThemeId {
    ThemeId::parse(id).unwrap_or_else(|| panic!("bad theme id {id}"))
}

fn fixture_value() -> Value {
    serde_json::from_str(RULES_FIXTURE).unwrap_or_else(|e| panic!("fixture: {e}"))
}

fn schedule_from(value: &Value) -> Schedule {
    Schedule::from_feed_json(&value.to_string()).unwrap_or_else(|e| panic!("fixture: {e}"))
}

fn fixture() -> Schedule {
    schedule_from(&fixture_value())
}

fn with_exceptions(exceptions: Value) -> Schedule {
    let mut v = fixture_value();
    v["schedule"]["exceptions"] = exceptions;
    schedule_from(&v)
}

/// The themes on `date` with their origins, in session order.
fn sessions(s: &Schedule, date: &str) -> Vec<(String, SessionOrigin)> {
    s.day(d(date))
        .sessions()
        .iter()
        .map(|x| {
            let t = x
                .theme
                .as_ref()
                .map_or("evening".to_owned(), |t| t.to_string());
            (t, x.origin)
        })
        .collect()
}

/// The holiday list as the data file states it, read independently of the library.
fn listed_holidays(year: i32) -> Vec<(NaiveDate, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/holidays-jp.csv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#') && *l != "date,name" && !l.is_empty())
        .filter_map(|l| l.split_once(','))
        .map(|(date, name)| (d(date), name.to_owned()))
        .filter(|(date, _)| date.year() == year)
        .collect()
}

#[test]
fn every_2026_and_2027_national_holiday_is_closed() {
    let s = fixture();
    for year in [2026, 2027] {
        let list = listed_holidays(year);
        assert!(
            list.len() >= 16,
            "{year}: only {} holidays listed",
            list.len()
        );
        for (date, name) in list {
            let plan = s.day(date);
            // The list's 「休日」 is shown as 振替休日 or 国民の休日; other names as listed.
            let shown = match name.as_str() {
                "休日" => plan
                    .holiday
                    .clone()
                    .filter(|n| n == "振替休日" || n == "国民の休日"),
                _ => Some(name.clone()),
            };
            assert!(shown.is_some(), "{date}: {:?}", plan.holiday);
            assert_eq!(plan.holiday, shown, "{date}");
            assert_eq!(holidays::holiday_name(date), Some(name.as_str()), "{date}");
            let want = if jokatsu::domain::schedule::is_year_end_break(date) {
                ClosedReason::YearEnd
            } else {
                ClosedReason::Holiday(shown.unwrap_or_default())
            };
            assert_eq!(plan.status, DayStatus::Closed(want), "{date} {name}");
        }
    }
}

#[test]
fn a_desk_lost_to_a_holiday_opens_on_the_next_working_day_marked_substitute() {
    let s = fixture();
    // (holiday, lost theme, day it is held instead, that day's sessions in order)
    let table = [
        // 成人の日: the career desk joins Tuesday's communication desk.
        (
            "2026-01-12",
            "career",
            "2026-01-13",
            vec!["communication", "career"],
        ),
        (
            "2026-07-20",
            "career",
            "2026-07-21",
            vec!["communication", "career"],
        ),
        (
            "2026-10-12",
            "career",
            "2026-10-13",
            vec!["communication", "career"],
        ),
        (
            "2027-01-11",
            "career",
            "2027-01-12",
            vec!["communication", "career"],
        ),
        // 振替休日 (春分の日 on a Sunday).
        (
            "2027-03-22",
            "career",
            "2027-03-23",
            vec!["communication", "career"],
        ),
        // Silver Week 2026: Mon, Tue and Wed are holidays; all three go to Thursday.
        (
            "2026-09-21",
            "career",
            "2026-09-24",
            vec!["time-money", "career", "communication", "health"],
        ),
        (
            "2026-09-23",
            "health",
            "2026-09-24",
            vec!["time-money", "career", "communication", "health"],
        ),
        // Golden Week 2026 (5/6 is a substitute holiday named 「休日」).
        (
            "2026-05-06",
            "health",
            "2026-05-07",
            vec!["time-money", "career", "communication", "health"],
        ),
        // A Friday holiday goes to Monday.
        (
            "2026-03-20",
            "business",
            "2026-03-23",
            vec!["career", "business"],
        ),
    ];
    for (holiday, lost, target, want) in table {
        assert!(!s.day(d(holiday)).is_open(), "{holiday} should be closed");
        let got = sessions(&s, target);
        let themes: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(themes, want, "{target}");
        let sub = got
            .iter()
            .find(|(t, _)| t == lost)
            .map(|(_, origin)| *origin);
        assert_eq!(
            sub,
            Some(SessionOrigin::Substitute { from: d(holiday) }),
            "{target}"
        );
        let badge = SessionOrigin::Substitute { from: d(holiday) }.badge();
        assert!(badge.is_some_and(|b| b.ja.contains("祝日振替")));
    }
    // The evening desk is not substituted: Thursday 2026-09-24 has no evening session.
    assert!(!sessions(&s, "2026-09-24")
        .iter()
        .any(|(t, _)| t == "evening"));
}

#[test]
fn every_desk_lost_to_a_holiday_in_2026_and_2027_is_substituted_exactly_once() {
    let s = fixture();
    for year in [2026, 2027] {
        for (date, name) in listed_holidays(year) {
            let weekday_desk = s.theme_for_weekday(date.weekday());
            if weekday_desk.is_none() || jokatsu::domain::schedule::is_year_end_break(date) {
                continue;
            }
            let found: Vec<NaiveDate> = date
                .iter_days()
                .skip(1)
                .take(14)
                .filter(|day| {
                    s.day(*day)
                        .sessions()
                        .iter()
                        .any(|x| x.origin == SessionOrigin::Substitute { from: date })
                })
                .collect();
            assert_eq!(found.len(), 1, "{date} {name}: substituted on {found:?}");
            assert_eq!(found.first().copied(), s.next_working_day(date), "{date}");
        }
    }
}

#[test]
fn without_the_substitute_rule_a_holiday_desk_is_just_lost() {
    let mut v = fixture_value();
    v["schedule"]["rules"]["substitute"] = json!("none");
    let s = schedule_from(&v);
    assert_eq!(
        sessions(&s, "2026-01-13"),
        vec![("communication".to_owned(), SessionOrigin::Roster)]
    );
}

#[test]
fn the_desk_is_closed_from_12_29_to_1_3_weekdays_included() {
    let s = fixture();
    let first = d("2026-12-29");
    for date in first.iter_days().take(6) {
        assert_eq!(
            s.day(date).status,
            DayStatus::Closed(ClosedReason::YearEnd),
            "{date} ({})",
            date.weekday()
        );
    }
    assert!(s.day(d("2026-12-28")).is_open(), "Mon 12/28 is open");
    assert!(s.day(d("2027-01-04")).is_open(), "Mon 1/4 is open");
    // The Wednesday 12/30 evening desk is closed too.
    assert!(s.day(d("2026-12-30")).sessions().is_empty());
}

#[test]
fn the_desk_is_closed_on_2027_01_02() {
    assert_eq!(
        fixture().day(d("2027-01-02")).status,
        DayStatus::Closed(ClosedReason::YearEnd)
    );
}

#[test]
fn after_the_year_end_break_the_next_opening_is_2027_01_04() {
    let s = fixture();
    // 2027-01-04 is a Monday; the list says it is not a holiday.
    assert_eq!(d("2027-01-04").weekday(), Weekday::Mon);
    assert_eq!(
        holidays::holiday_status(d("2027-01-04")),
        HolidayStatus::NotHoliday
    );
    let next = s.next_opening(d("2026-12-30")).map(|p| p.date);
    assert_eq!(next, Some(d("2027-01-04")));
    assert_eq!(
        sessions(&s, "2027-01-04"),
        vec![("career".to_owned(), SessionOrigin::Roster)]
    );
    // next_opening is inclusive: an open day is its own next opening.
    assert_eq!(
        s.next_opening(d("2027-01-04")).map(|p| p.date),
        Some(d("2027-01-04"))
    );
}

#[test]
fn a_normal_wednesday_is_the_health_desk_plus_the_evening_online_desk() {
    let s = fixture();
    let plan = s.day(d("2026-12-02"));
    let got: Vec<(Option<String>, String, String)> = plan
        .sessions()
        .iter()
        .map(|x| {
            (
                x.theme.as_ref().map(|t| t.to_string()),
                x.hours.label(),
                x.title.ja.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("health".into()),
                "10:00–16:00".into(),
                "健康のこと".into()
            ),
            (None, "19:00–21:00".into(), "夜間オンライン窓口".into()),
        ]
    );
    let health = &plan.sessions()[0];
    let experts: Vec<&str> = health.experts.iter().map(|e| e.ja.as_str()).collect();
    assert_eq!(experts, ["保健師", "助産師", "看護師"]);
    assert_eq!(health.venue.as_ref().map(|v| v.id.as_str()), Some("cocode"));
    assert!(plan.holidays_known);
}

/// The today card says what is true at that minute, on a normal Wednesday (health desk
/// 10:00–16:00, evening online desk 19:00–21:00) and on a closed day.
#[test]
fn the_desk_at_each_minute_of_a_wednesday() {
    use jokatsu::domain::schedule::DeskNow;
    let s = fixture();
    let jst = FixedOffset::east_opt(9 * 3600).unwrap();
    let at = |date: &str, h: u32, m: u32| {
        let d = d(date);
        jst.with_ymd_and_hms(d.year(), d.month(), d.day(), h, m, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    };
    let describe = |now| match s.desk_now(now) {
        DeskNow::ClosedToday(_) => "closed today".to_owned(),
        DeskNow::OpensAt(x) => format!("opens at {}", x.hours.label()),
        DeskNow::OpenNow(x) => format!("open now {}", x.hours.label()),
        DeskNow::NextToday(x) => format!("next today {}", x.hours.label()),
        DeskNow::Ended => "ended".to_owned(),
    };
    let cases = [
        ((0, 0), "opens at 10:00–16:00"),
        ((7, 0), "opens at 10:00–16:00"),
        ((9, 59), "opens at 10:00–16:00"),
        ((10, 0), "open now 10:00–16:00"),
        ((12, 0), "open now 10:00–16:00"),
        ((15, 59), "open now 10:00–16:00"),
        ((16, 0), "next today 19:00–21:00"),
        ((17, 30), "next today 19:00–21:00"),
        ((19, 0), "open now 19:00–21:00"),
        ((20, 0), "open now 19:00–21:00"),
        ((21, 0), "ended"),
        ((23, 59), "ended"),
    ];
    for ((h, m), want) in cases {
        assert_eq!(
            describe(at("2026-12-02", h, m)),
            want,
            "Wednesday {h:02}:{m:02}"
        );
    }
    // The year-end break: closed all day whatever the time.
    assert_eq!(describe(at("2026-12-30", 12, 0)), "closed today");
}

#[test]
fn a_phone_in_utc_minus_8_sees_the_japanese_day() {
    let s = fixture();
    // Tuesday 2026-03-10 23:30 in UTC−8 = Wednesday 2026-03-11 16:30 JST.
    let device = FixedOffset::west_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 3, 10, 23, 30, 0).single())
        .unwrap_or_else(|| panic!("bad instant"));
    let plan = s.today(device.with_timezone(&Utc));
    assert_eq!(plan.date, d("2026-03-11"));
    assert_eq!(plan.sessions()[0].theme, Some(theme("health")));
    // At 16:30 JST the health desk has closed, so the next session is the evening desk.
    let next = s.next_session(device.with_timezone(&Utc));
    assert_eq!(
        next.map(|x| (x.date, x.origin)),
        Some((d("2026-03-11"), SessionOrigin::Evening))
    );
}

#[test]
fn next_health_days() {
    let s = fixture();
    let table = [
        ("2026-12-03", vec!["2026-12-09", "2026-12-16", "2026-12-23"]),
        // 12/30 is lost to the year-end break (not substituted).
        ("2026-12-24", vec!["2027-01-06", "2027-01-13", "2027-01-20"]),
        // 9/23 秋分の日 (Wed): the health desk is held on Thu 9/24.
        ("2026-09-20", vec!["2026-09-24", "2026-09-30", "2026-10-07"]),
    ];
    for (from, want) in table {
        let got: Vec<String> = s
            .next_dates_for_theme(&theme("health"), d(from), 3)
            .iter()
            .map(|x| x.date.to_string())
            .collect();
        assert_eq!(got, want, "from {from}");
    }
    assert!(s
        .next_dates_for_theme(&theme("yoga"), d("2026-12-01"), 3)
        .is_empty());
}

#[test]
fn month_grids_have_whole_monday_first_weeks() {
    let s = fixture();
    // (year, month, rows, first cell, last cell)
    let table = [
        (2026, 12, 5, "2026-11-30", "2027-01-03"),
        (2027, 2, 4, "2027-02-01", "2027-02-28"),
        (2026, 3, 6, "2026-02-23", "2026-04-05"),
    ];
    for (year, month, rows, first, last) in table {
        let grid = s
            .month(year, month)
            .unwrap_or_else(|| panic!("{year}-{month}"));
        assert_eq!(grid.weeks.len(), rows, "{year}-{month}");
        let cells: Vec<_> = grid.weeks.iter().flatten().collect();
        assert_eq!(cells.first().map(|c| c.plan.date), Some(d(first)));
        assert_eq!(cells.last().map(|c| c.plan.date), Some(d(last)));
        for pair in cells.windows(2) {
            assert_eq!(pair[0].plan.date.succ_opt(), Some(pair[1].plan.date));
        }
        for week in &grid.weeks {
            assert_eq!(week[0].plan.date.weekday(), Weekday::Mon);
        }
        let in_month = cells.iter().filter(|c| c.in_month).count() as u32;
        let days_in_month = d(first)
            .iter_days()
            .filter(|x| x.year() == year && x.month() == month)
            .count() as u32;
        assert_eq!(in_month, days_in_month);
        assert!(grid.holidays_known);
    }
    let dec = s.month(2026, 12).unwrap_or_else(|| panic!("dec"));
    let cell = |date: &str| {
        dec.weeks
            .iter()
            .flatten()
            .find(|c| c.plan.date == d(date))
            .map(|c| (c.in_month, c.plan.status.clone()))
    };
    assert_eq!(
        cell("2026-12-29"),
        Some((true, DayStatus::Closed(ClosedReason::YearEnd)))
    );
    assert_eq!(
        cell("2027-01-01"),
        Some((false, DayStatus::Closed(ClosedReason::YearEnd)))
    );
    assert_eq!(
        cell("2026-12-05").map(|c| c.1),
        Some(DayStatus::Closed(ClosedReason::Weekend))
    );
    assert!(s.month(2026, 13).is_none());
    assert!(s.month(2026, 0).is_none());
}

#[test]
fn a_week_runs_monday_to_sunday() {
    let s = fixture();
    let week = s.week(d("2026-12-30"));
    let dates: Vec<String> = week.iter().map(|p| p.date.to_string()).collect();
    assert_eq!(dates.first().map(String::as_str), Some("2026-12-28"));
    assert_eq!(dates.last().map(String::as_str), Some("2027-01-03"));
    let open: Vec<bool> = week.iter().map(|p| p.is_open()).collect();
    assert_eq!(open, [true, false, false, false, false, false, false]);
}

#[test]
fn dates_beyond_the_holiday_list_are_flagged_unknown() {
    let s = fixture();
    let last = holidays::coverage()
        .map(|c| c.last)
        .unwrap_or_else(|| panic!("coverage"));
    let after = last.succ_opt().unwrap_or(last);
    assert!(s.day(last).holidays_known);
    assert!(!s.day(after).holidays_known);
    assert_eq!(holidays::holiday_status(after), HolidayStatus::Unknown);
    let grid = s
        .month(after.year(), after.month())
        .unwrap_or_else(|| panic!("grid"));
    assert!(!grid.holidays_known);
}

#[test]
fn dated_exceptions_override_the_roster() {
    let s = with_exceptions(json!([
        { "date": "2026-12-02", "kind": "closed", "note": { "ja": "施設点検" } },
        { "date": "2026-12-08", "kind": "change", "venue": "tokiwa", "hours": { "start": "13:00", "end": "17:00" }, "note": { "ja": "会場変更" } },
        { "date": "2026-12-12", "kind": "extra", "theme": "health", "hours": { "start": "10:00", "end": "13:00" } },
        { "date": "2027-01-11", "kind": "extra", "theme": "career", "note": { "ja": "祝日特別開設" } },
        { "date": "2026-12-10", "kind": "moved", "to": "2026-12-11", "note": { "ja": "翌日に変更" } }
    ]));
    // Closure: the health desk and the evening desk are both off.
    assert_eq!(
        s.day(d("2026-12-02")).status,
        DayStatus::Closed(ClosedReason::Exception(
            jokatsu::domain::shared::text::I18n {
                ja: "施設点検".into(),
                en: None
            }
        ))
    );
    // Venue and hours change for one day only.
    let changed = s.day(d("2026-12-08"));
    assert!(changed.sessions()[0].changed.venue && changed.sessions()[0].changed.hours);
    let x = &changed.sessions()[0];
    assert_eq!(x.venue.as_ref().map(|v| v.id.as_str()), Some("tokiwa"));
    assert_eq!(x.hours.label(), "13:00–17:00");
    assert_eq!(x.note.as_ref().map(|n| n.ja.as_str()), Some("会場変更"));
    let next_tuesday = s.day(d("2026-12-15"));
    assert_eq!(
        next_tuesday.sessions()[0]
            .venue
            .as_ref()
            .map(|v| v.id.as_str()),
        Some("cocode")
    );
    // Extra opening on a Saturday.
    assert_eq!(
        sessions(&s, "2026-12-12"),
        vec![("health".to_owned(), SessionOrigin::Extra)]
    );
    // Extra opening on a holiday opens the day but still names the holiday; the regular
    // substitute still happens the next day.
    let holiday = s.day(d("2027-01-11"));
    assert!(holiday.is_open());
    assert_eq!(holiday.holiday.as_deref(), Some("成人の日"));
    // Moved: Thursday's desk is held on Friday alongside Friday's own.
    assert_eq!(
        s.day(d("2026-12-10")).status,
        DayStatus::Closed(ClosedReason::Moved {
            to: d("2026-12-11"),
            note: Some(jokatsu::domain::shared::text::I18n {
                ja: "翌日に変更".into(),
                en: None
            })
        })
    );
    assert_eq!(
        sessions(&s, "2026-12-11"),
        vec![
            ("business".to_owned(), SessionOrigin::Roster),
            (
                "time-money".to_owned(),
                SessionOrigin::Moved {
                    from: d("2026-12-10")
                }
            ),
        ]
    );
}

#[test]
fn events_are_listed_in_order_and_found_by_id() {
    let s = fixture();
    let ids = |from: &str, n| -> Vec<String> {
        s.upcoming_events(d(from), n)
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    };
    assert_eq!(
        ids("2026-12-01", 10),
        ["briefing-1", "intro-1", "consult-1"]
    );
    assert_eq!(ids("2026-12-06", 1), ["intro-1"]);
    assert!(ids("2027-03-01", 5).is_empty());
    assert_eq!(s.event("intro-1").map(|e| e.date), Some(d("2027-01-16")));
    assert!(s.event("nope").is_none());
    // A Saturday event shows on a closed day.
    let sat = s.day(d("2026-12-05"));
    assert_eq!(sat.status, DayStatus::Closed(ClosedReason::Weekend));
    assert_eq!(sat.events.len(), 1);
}

#[test]
fn the_demo_feed_loads_and_is_marked_demo() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/feed-src/schedule.json"
    ));
    let s = Schedule::from_feed_json(text).unwrap_or_else(|e| panic!("demo feed: {e}"));
    assert!(s.is_demo());
    assert_eq!(s.themes().len(), 5);
    assert_eq!(s.experts().len(), 5);
    assert!(s.evening_desk().is_some());
    assert!(s.events().len() >= 4);
    assert!(s.booking().phone.as_deref() == Some("0166-00-0000"));
    let first = s.events().first().map(|e| e.date);
    let last = s.events().last().map(|e| e.date);
    assert!(first >= Some(d("2026-12-01")) && last <= Some(d("2027-03-31")));
}

#[test]
fn a_change_of_venue_is_marked_wherever_the_day_is_listed() {
    use jokatsu::domain::schedule::Changes;
    let s = with_exceptions(json!([
        { "date": "2026-12-09", "kind": "change", "venue": "tokiwa" },
        // A change that restates the usual venue and hours changes nothing.
        { "date": "2026-12-16", "kind": "change", "venue": "cocode", "hours": { "start": "10:00", "end": "16:00" } },
        { "date": "2026-12-23", "kind": "change", "hours": { "start": "13:00", "end": "16:00" } }
    ]));
    let venue_only = Changes {
        venue: true,
        ..Changes::default()
    };
    // The day itself: the roster session is marked, the evening desk is not.
    let day = s.day(d("2026-12-09"));
    let marks: Vec<Changes> = day.sessions().iter().map(|x| x.changed).collect();
    assert_eq!(marks, [venue_only, Changes::default()]);
    // The week seen on Monday, the month grid and the theme's next dates carry the same mark.
    let week = s.week(d("2026-12-07"));
    let wednesday = week.iter().find(|p| p.date == d("2026-12-09"));
    assert_eq!(wednesday.map(|p| p.sessions()[0].changed), Some(venue_only));
    let grid = s.month(2026, 12).unwrap_or_else(|| panic!("grid"));
    let cell = grid
        .weeks
        .iter()
        .flatten()
        .find(|c| c.in_month && c.plan.date == d("2026-12-09"));
    assert_eq!(cell.map(|c| c.plan.sessions()[0].changed), Some(venue_only));
    let next = s.next_dates_for_theme(&theme("health"), d("2026-12-07"), 3);
    let marked: Vec<bool> = next.iter().map(|t| t.session.changed.any()).collect();
    assert_eq!(marked, [true, false, true]);
    // The words: what changed, shortest in a calendar cell.
    assert_eq!(
        venue_only.label().map(|l| l.ja),
        Some("会場変更".to_string())
    );
    let both = Changes {
        venue: true,
        hours: true,
        mode: false,
    };
    assert_eq!(
        both.label().map(|l| l.ja),
        Some("会場・時間変更".to_string())
    );
    assert_eq!(
        both.label().and_then(|l| l.en),
        Some("Changed venue and hours".to_string())
    );
    assert_eq!(
        both.short_label().map(|l| l.ja),
        Some("会場変更".to_string())
    );
    let hours = s.day(d("2026-12-23")).sessions()[0].changed;
    assert_eq!(
        hours.short_label().map(|l| l.ja),
        Some("時間変更".to_string())
    );
    assert_eq!(Changes::default().label(), None);
    assert_eq!(Changes::default().short_label(), None);
}

//! A month as a real table: weekday column headers, one cell per day with the day number, a
//! short label (theme, or 休 and why) and a full label for screen readers, inside a button
//! that shows the day in full. Closed days are marked by text and a hatched background,
//! not by colour alone.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday};
use leptos::prelude::*;

use crate::domain::schedule::{DayPlan, Schedule, SessionOrigin};
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::day_panel::{day_button_id, DAY_PANEL_TITLE};
use crate::ui::components::schedule_common::{closed_short, short_title};
use crate::ui::focus::focus_soon;
use crate::ui::i18n::{date, tr, weekday};

const WEEK: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// `2027年1月` / `January 2027`.
pub fn month_label(lang: Lang, year: i32, month: u32) -> String {
    match lang {
        Lang::Ja => format!("{year}年{month}月"),
        Lang::En => NaiveDate::from_ymd_opt(year, month, 1)
            .map(|d| d.format("%B %Y").to_string())
            .unwrap_or_else(|| format!("{year}-{month:02}")),
    }
}

fn full_label(lang: Lang, plan: &DayPlan) -> String {
    let what = match plan.closed_reason() {
        Some(reason) => reason.label().get(lang).to_owned(),
        None => plan
            .sessions()
            .iter()
            .map(|s| match s.changed.label() {
                Some(c) => match lang {
                    Lang::Ja => format!("{} {}（{}）", s.title.get(lang), s.hours.label(), c.ja),
                    Lang::En => format!(
                        "{} {} ({})",
                        s.title.get(lang),
                        s.hours.label(),
                        c.get(lang)
                    ),
                },
                None => format!("{} {}", s.title.get(lang), s.hours.label()),
            })
            .collect::<Vec<_>>()
            .join(tr(lang, "、", ", ")),
    };
    let events = plan
        .events
        .iter()
        .map(|e| format!("{}：{}", e.kind.label().get(lang), e.title.get(lang)))
        .collect::<Vec<_>>();
    let mut text = format!("{} {what}", date(lang, plan.date));
    if !events.is_empty() {
        text.push_str(tr(lang, "。イベント：", ". Event: "));
        text.push_str(&events.join(tr(lang, "、", ", ")));
    }
    text
}

/// A day's short labels in its cell: 休 and why, or each desk (＊ when moved or extra,
/// with a venue change's badge) and ＋夜間.
fn short_labels(lang: Lang, plan: &DayPlan) -> AnyView {
    if let Some(reason) = plan.closed_reason() {
        let why = closed_short(lang, reason)
            .map(|w| view! { <span class="month-calendar__why">{w}</span> });
        return view! {
            <span class="month-calendar__label">{tr(lang, "休", "Closed")}</span>
            {why}
        }
        .into_any();
    }
    let (evening, desks): (Vec<_>, Vec<_>) = plan
        .sessions()
        .iter()
        .partition(|s| s.origin == SessionOrigin::Evening);
    let desks = desks
        .into_iter()
        .map(|s| {
            let mark = matches!(
                s.origin,
                SessionOrigin::Substitute { .. }
                    | SessionOrigin::Moved { .. }
                    | SessionOrigin::Extra
            )
            .then_some("＊");
            let change = s.changed.short_label().map(|c| {
                view! { <span class="month-calendar__change">{c.get(lang).to_owned()}</span> }
            });
            view! {
                <span class="month-calendar__label">{short_title(s.title.get(lang))}{mark}</span>
                {change}
            }
        })
        .collect_view();
    let evening = (!evening.is_empty()).then(|| {
        view! { <span class="month-calendar__evening">{tr(lang, "＋夜間", "+evening")}</span> }
    });
    view! { {desks}{evening} }.into_any()
}

/// The month table.
///
/// - `today`: marked with `aria-current="date"`.
/// - `picked`: set to a day when its button is pressed (tap, Enter or Space); the page
///   shows that day's panel and moves the focus to it.
#[component]
pub fn MonthCalendar(
    schedule: Arc<Schedule>,
    lang: Lang,
    year: i32,
    month: u32,
    today: NaiveDate,
    picked: RwSignal<Option<NaiveDate>>,
) -> impl IntoView {
    let Some(grid) = schedule.month(year, month) else {
        return view! { <p>{tr(lang, "この月は表示できません。", "This month cannot be shown.")}</p> }
            .into_any();
    };
    let warn = (!grid.holidays_known).then(|| {
        view! {
            <p class="notice notice--warn">
                {tr(lang,
                    "この月は祝日の一覧の範囲外です。祝日による休みが反映されていない場合があります。",
                    "This month is beyond the list of national holidays; holiday closures may be missing.",
                )}
            </p>
        }
    });
    let head = WEEK
        .iter()
        .map(|w| {
            let state = match w {
                Weekday::Sat | Weekday::Sun => "weekend",
                _ => "weekday",
            };
            view! { <th scope="col" data-state=state>{weekday(lang, *w)}</th> }
        })
        .collect_view();
    let rows = grid
        .weeks
        .iter()
        .map(|week| {
            let cells = week
                .iter()
                .map(|cell| {
                    let plan = &cell.plan;
                    if !cell.in_month {
                        return view! { <td class="month-calendar__cell" data-state="outside"></td> }
                            .into_any();
                    }
                    let state = if plan.is_open() { "open" } else { "closed" };
                    let short = short_labels(lang, plan);
                    let event = (!plan.events.is_empty()).then(|| {
                        view! { <span class="month-calendar__event">{tr(lang, "★イベント", "★Event")}</span> }
                    });
                    let day = plan.date;
                    // A button per day: its name is the full label; pressing it shows the day.
                    view! {
                        <td
                            class="month-calendar__cell"
                            data-state=state
                            data-date=day.to_string()
                            aria-current=(day == today).then_some("date")
                        >
                            <button type="button" class="month-calendar__pick" id=day_button_id(day)
                                aria-controls="day-panel"
                                on:click=move |_| {
                                    picked.set(Some(day));
                                    focus_soon(DAY_PANEL_TITLE);
                                }>
                                <span class="visually-hidden">{full_label(lang, plan)}</span>
                                <span class="month-calendar__day" aria-hidden="true">{day.day()}</span>
                                <span aria-hidden="true" class="month-calendar__short">{short}{event}</span>
                            </button>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        {warn}
        <table class="month-calendar" data-testid="month-calendar">
            <caption class="month-calendar__caption">
                {month_label(lang, year, month)}
                {tr(lang, "の開設日", " — desk days")}
            </caption>
            <thead><tr>{head}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p class="month-calendar__legend muted">
            {tr(lang,
                "休＝お休み（斜線）　＊＝祝日振替・日程変更など　★＝イベントあり　日付を押すと、その日の詳しい内容が出ます",
                "Closed = no desk (hatched)   ＊ = holiday substitute or moved   ★ = event   Press a day to see it in full",
            )}
        </p>
    }
    .into_any()
}

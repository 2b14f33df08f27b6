//! The month calendar, with previous/next month buttons, and a printable A4 poster.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::features::schedule::components::day_panel::{day_button_id, DayPanel};
use crate::features::schedule::components::month_calendar::{month_label, MonthCalendar};
use crate::features::schedule::components::poster::Poster;
use crate::platform::clock;
use crate::site::routes::Route;
use crate::ui::components::schedule_common::{use_jst_today, use_schedule, NoSchedule};
use crate::ui::focus::focus_now;
use crate::ui::state::AppState;

/// Focus the element with `id` once the page has been redrawn.
fn focus_soon_owned(id: String) {
    request_animation_frame(move || focus_now(&id));
}

fn shift(year: i32, month: u32, by: i32) -> (i32, u32) {
    let index = year * 12 + month as i32 - 1 + by;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// The month calendar page.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let state = AppState::expect();
    let schedule = use_schedule();
    let today = use_jst_today();
    let first = today.get_untracked();
    let shown = RwSignal::new((first.year(), first.month()));
    // The day whose panel is open (a day button of the calendar was pressed).
    let picked = RwSignal::new(None::<NaiveDate>);
    let go = move |by: i32| {
        picked.set(None);
        shown.update(|(y, m)| (*y, *m) = shift(*y, *m, by));
    };
    let close = Callback::new(move |()| {
        if let Some(day) = picked.get_untracked() {
            picked.set(None);
            focus_soon_owned(day_button_id(day));
        }
    });
    let panel = move || {
        let day = picked.get()?;
        let s = schedule.get()?;
        Some(
            view! { <DayPanel schedule=s lang=state.lang.get() day=day now=clock::now() close=close/> },
        )
    };
    let neighbour = move |by: i32| {
        let (y, m) = shown.get();
        let (y, m) = shift(y, m, by);
        month_label(state.lang.get(), y, m)
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    let table = move || {
        let Some(s) = schedule.get() else {
            return view! { <NoSchedule/> }.into_any();
        };
        let lang = state.lang.get();
        let (year, month) = shown.get();
        view! { <MonthCalendar schedule=s lang=lang year=year month=month today=today.get() picked=picked/> }
            .into_any()
    };
    let poster = move || {
        let s = schedule.get()?;
        let lang = state.lang.get();
        let (year, month) = shown.get();
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(view! { <Poster schedule=s lang=lang year=year month=month/> })
    };
    view! {
        <div class="page calendar-page">
            <h1>{move || state.tr("開設カレンダー", "Desk calendar")}</h1>
            <p class="calendar-page__back">
                <a href=Route::Schedule.href()>{move || state.tr("← 保健室のトップへ", "← Back to the desk")}</a>
            </p>
            <div class="month-nav" role="group" aria-label=move || state.tr("月の切り替え", "Change month")>
                <button type="button" class="button button--secondary button--small" on:click=move |_| go(-1)>
                    {move || state.tr("← 前の月", "← Previous month")}
                    <span class="visually-hidden">{move || format!("（{}）", neighbour(-1))}</span>
                </button>
                <p class="month-nav__current" aria-live="polite">
                    {move || { let (y, m) = shown.get(); month_label(state.lang.get(), y, m) }}
                </p>
                <button type="button" class="button button--secondary button--small" on:click=move |_| go(1)>
                    {move || state.tr("次の月 →", "Next month →")}
                    <span class="visually-hidden">{move || format!("（{}）", neighbour(1))}</span>
                </button>
            </div>
            <div class="month-calendar__wrap">{table}</div>
            <div id="day-panel">{panel}</div>
            <p>
                <button type="button" class="button button--secondary" on:click=print>
                    {move || state.tr("ポスターを印刷する（A4）", "Print a poster (A4)")}
                </button>
            </p>
            {poster}
        </div>
    }
}

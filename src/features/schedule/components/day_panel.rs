//! One day picked in the month calendar: open (each session as on the today card: theme,
//! experts, hours, venue with any change, add to calendar with the reminder) or closed
//! (why, and the next opening after it), and its events. Focus comes here when a day is
//! picked and goes back to that day's button when the panel is closed.

use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::session_card::SessionCard;
use crate::ui::i18n::{date, tr};

/// The id of the day panel's heading (focused when a day is picked).
pub const DAY_PANEL_TITLE: &str = "day-panel-title";

/// The id of the calendar button of `day` (focused again when the panel closes).
pub fn day_button_id(day: NaiveDate) -> String {
    format!("day-{day}")
}

/// The panel for `day`; `close` is called by its close button.
#[component]
pub fn DayPanel(
    schedule: Arc<Schedule>,
    lang: Lang,
    day: NaiveDate,
    now: DateTime<Utc>,
    close: Callback<()>,
) -> impl IntoView {
    let plan = schedule.day(day);
    // A day already over offers nothing to add to a calendar (as in this week's list).
    let past = day < jst_today(now);
    let body = match plan.closed_reason() {
        None => view! {
            {past.then(|| view! { <p class="muted" data-testid="day-past">{tr(lang, "この日は終わりました。", "This day is over.")}</p> })}
            {plan
                .sessions()
                .iter()
                .cloned()
                .map(|s| view! { <SessionCard session=s lang=lang stamp=now past=past/> })
                .collect_view()}
        }
        .into_any(),
        Some(reason) => {
            let next = day
                .checked_add_days(Days::new(1))
                .and_then(|d| schedule.next_opening(d))
                .map(|n| {
                    view! {
                        <p data-testid="day-next-opening">
                            {tr(lang, "次の開設日：", "Next opening: ")}{date(lang, n.date)}
                        </p>
                    }
                });
            view! {
                <p class="today-card__status" data-testid="day-status">{tr(lang, "この日はお休みです", "No desk on this day")}</p>
                <p class="today-card__reason" data-testid="day-closed-reason">{reason.label().get(lang).to_owned()}</p>
                {next}
            }
            .into_any()
        }
    };
    let events =
        super::today_card::day_events(&plan, lang, ("この日のイベント", "Events on this day"));
    view! {
        <section
            class="card today-card day-panel"
            data-state=if plan.is_open() { "open" } else { "closed" }
            aria-labelledby=DAY_PANEL_TITLE
            data-testid="day-panel"
        >
            <h2 id=DAY_PANEL_TITLE class="today-card__title" tabindex="-1">{date(lang, day)}</h2>
            <div class="stack-list">{body}</div>
            {events}
            <button type="button" class="button button--secondary" on:click=move |_| close.run(())>
                {tr(lang, "閉じてカレンダーに戻る", "Close and go back to the calendar")}
            </button>
        </section>
    }
}

//! Upcoming PR events (事業説明会, センセー紹介, 相談会), each linking to its detail page.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::text::Lang;
use crate::site::routes::Route;
use crate::ui::i18n::{date, tr};

/// The next `count` events on or after `from`.
#[component]
pub fn EventList(
    schedule: Arc<Schedule>,
    lang: Lang,
    from: NaiveDate,
    count: usize,
) -> impl IntoView {
    let events = schedule.upcoming_events(from, count);
    if events.is_empty() {
        return view! {
            <p>{tr(lang, "予定されているイベントはありません。", "No upcoming events.")}</p>
        }
        .into_any();
    }
    let items = events
        .into_iter()
        .map(|e| {
            view! {
                <li class="event-list__item">
                    <a class="event-list__link" href=Route::Event(e.id.to_string()).href()>
                        <span class="event-list__kind">{e.kind.label().get(lang).to_owned()}</span>
                        <span class="event-list__title">{e.title.get(lang).to_owned()}</span>
                        <span class="event-list__when">
                            {format!("{} {}", date(lang, e.date), e.hours.label())}
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="event-list" data-testid="event-list">{items}</ul> }.into_any()
}

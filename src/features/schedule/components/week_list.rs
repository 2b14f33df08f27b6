//! This week (Monday to Sunday): each day's sessions or why the desk is closed.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::schedule::ics::{session_ics, CalendarEntry};
use crate::domain::schedule::Schedule;
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::session_card::change_badge;
use crate::site::routes::Route;
use crate::ui::components::add_to_calendar::AddToCalendar;
use crate::ui::components::schedule_common::{short_date, short_title};
use crate::ui::i18n::tr;

/// The week containing `today`, as a list; today is marked with `aria-current="date"`.
///
/// - `stamp`: the current instant, for `.ics` downloads.
#[component]
pub fn WeekList(
    schedule: Arc<Schedule>,
    lang: Lang,
    today: NaiveDate,
    stamp: DateTime<Utc>,
) -> impl IntoView {
    let days = schedule.week(today);
    let warn = days.iter().any(|d| !d.holidays_known).then(|| {
        view! {
            <p class="notice notice--warn">
                {tr(lang,
                    "この週の一部は祝日の一覧の範囲外です。祝日による休みが反映されていない場合があります。",
                    "Part of this week is beyond the list of national holidays; holiday closures may be missing.",
                )}
            </p>
        }
    });
    let items = days
        .into_iter()
        .map(|plan| {
            let is_today = plan.date == today;
            // A day already past offers nothing to add to a calendar.
            let past = plan.date < today;
            let body = match plan.closed_reason() {
                Some(reason) => view! {
                    <p class="week-list__closed">{reason.label().get(lang).to_owned()}</p>
                }
                .into_any(),
                None => plan
                    .sessions()
                    .iter()
                    .map(|s| {
                        let title = s.title.get(lang).to_owned();
                        let badge = s.origin.badge().map(|b| {
                            view! { <span class="badge session-card__badge">{b.get(lang).to_owned()}</span> }
                        });
                        // A changed day says what changed: the new venue, and the office's note.
                        let change = s.changed.any().then(|| {
                            let venue = s.changed.venue.then(|| s.venue.as_ref().map(|v| {
                                format!("{}{}", tr(lang, "会場：", "Venue: "), v.name.get(lang))
                            })).flatten();
                            let note = s.note.as_ref().map(|n| n.get(lang).to_owned());
                            view! {
                                {venue.map(|v| view! { <p class="week-list__change">{v}</p> })}
                                {note.map(|n| view! { <p class="week-list__note">{n}</p> })}
                            }
                        });
                        let entry = CalendarEntry::from_session(s, lang);
                        let context = format!("{} {}", short_date(lang, s.date), short_title(&title));
                        view! {
                            <div class="week-list__session">
                                <p>
                                    <span class="week-list__theme">{title}</span>
                                    " " {badge}{change_badge(lang, s.changed)}
                                </p>
                                <p class="muted">
                                    {format!("{} {}", s.hours.label(), s.mode.label().get(lang))}
                                </p>
                                {change}
                                {(!past).then(|| view! {
                                    <AddToCalendar
                                        filename=format!("jokatsu-{}.ics", s.key())
                                        ics=session_ics(s, lang, stamp)
                                        google_url=entry.google_calendar_url()
                                        context=context.clone()
                                        lang=lang
                                    />
                                })}
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any(),
            };
            let events = plan
                .events
                .iter()
                .map(|e| {
                    view! {
                        <p class="week-list__event">
                            <a href=Route::Event(e.id.to_string()).href()>
                                {format!("{} {}：{}", e.hours.label(), e.kind.label().get(lang), e.title.get(lang))}
                            </a>
                        </p>
                    }
                })
                .collect_view();
            view! {
                <li
                    class="week-list__day"
                    data-state=if plan.is_open() { "open" } else { "closed" }
                    data-past=past.then_some("true")
                    aria-current=is_today.then_some("date")
                >
                    <h3 class="week-list__date">
                        {short_date(lang, plan.date)}
                        {is_today.then(|| view! { " " <span class="badge badge--ok">{tr(lang, "今日", "Today")}</span> })}
                    </h3>
                    {body}
                    {events}
                </li>
            }
        })
        .collect_view();
    view! {
        {warn}
        <ol class="week-list" data-testid="week-list">{items}</ol>
    }
}

//! One event's detail, with add-to-calendar and share.

use leptos::prelude::*;

use crate::domain::schedule::ics::{event_ics, CalendarEntry};
use crate::features::schedule::components::session_card::BookingInfo;
use crate::features::schedule::components::share_button::ShareButton;
use crate::features::schedule::components::venue_details::VenueDetails;
use crate::platform::clock;
use crate::site::routes::Route;
use crate::ui::components::add_to_calendar::AddToCalendar;
use crate::ui::components::schedule_common::{short_date, use_schedule, NoSchedule};
use crate::ui::i18n::{date, tr};
use crate::ui::state::AppState;

/// The event page for the event with id `id`.
#[component]
pub fn EventPage(id: String) -> impl IntoView {
    let state = AppState::expect();
    let schedule = use_schedule();
    let now = clock::now();
    let back = move || {
        view! {
            <p class="calendar-page__back">
                <a href=Route::Schedule.href()>{state.tr("← 保健室のトップへ", "← Back to the desk")}</a>
            </p>
        }
    };
    move || {
        let lang = state.lang.get();
        let Some(s) = schedule.get() else {
            return view! {
                <div class="page">
                    <h1>{tr(lang, "イベント", "Event")}</h1>
                    <NoSchedule/>
                </div>
            }
            .into_any();
        };
        let Some(event) = s.event(&id).cloned() else {
            return view! {
                <div class="page">
                    <h1>{tr(lang, "イベントが見つかりません", "Event not found")}</h1>
                    <p>{tr(lang,
                        "このイベントは終了したか、予定が変わった可能性があります。",
                        "This event may have ended or been changed.",
                    )}</p>
                    {back()}
                </div>
            }
            .into_any();
        };
        let title = event.title.get(lang).to_owned();
        let venue = event.venue.as_ref().and_then(|v| s.venue(v)).cloned();
        let venue_view = venue.map(|v| view! { <VenueDetails venue=v lang=lang/> });
        let capacity = event.capacity.map(|c| {
            view! {
                <dt>{tr(lang, "定員", "Capacity")}</dt>
                <dd>{match lang {
                    crate::domain::shared::text::Lang::Ja => format!("{c}名"),
                    crate::domain::shared::text::Lang::En => format!("{c} people"),
                }}</dd>
            }
        });
        let booking = event.booking.as_ref().map(|b| {
            view! {
                <dt>{tr(lang, "申し込み", "Booking")}</dt>
                <dd>{b.get(lang).to_owned()}</dd>
            }
        });
        let page = event.url.clone().map(|u| {
            view! {
                <p><a href=u rel="noopener noreferrer">{tr(lang, "詳しい案内（市のページ）", "More information (city page)")}</a></p>
            }
        });
        // The contact is the desk's phone and page; the desk's own booking note (walk-ins
        // welcome) is about the desk, not this event, whose booking is said above.
        let mut contact = s.booking().clone();
        contact.note = None;
        let entry = CalendarEntry::from_event(&s, &event, lang);
        let ics = event_ics(&s, &event, lang, now);
        let demo = s.is_demo().then(|| {
            view! { <p><span class="badge badge--demo">{tr(lang, "見本", "Sample")}</span></p> }
        });
        view! {
            <div class="page event-page">
                <p class="event-page__kind">{event.kind.label().get(lang).to_owned()}</p>
                <h1>{title.clone()}</h1>
                {demo}
                {crate::ui::components::schedule_common::japan_time_note(lang)}
                <dl class="session-card__facts event-page__facts">
                    <dt>{tr(lang, "日付", "Date")}</dt>
                    <dd data-testid="event-date">{date(lang, event.date)}</dd>
                    <dt>{tr(lang, "時間", "Time")}</dt>
                    <dd>{event.hours.label()}</dd>
                    {venue_view}
                    <dt>{tr(lang, "方法", "How")}</dt>
                    <dd>{event.mode.label().get(lang).to_owned()}</dd>
                    {capacity}
                    {booking}
                    <dt>{tr(lang, "問い合わせ", "Contact")}</dt>
                    <dd><BookingInfo booking=contact lang=lang/></dd>
                </dl>
                <p class="event-page__description">{event.description.get(lang).to_owned()}</p>
                {page}
                <div class="button-row">
                    <AddToCalendar
                        filename=format!("jokatsu-{}.ics", event.id)
                        ics=ics
                        google_url=entry.google_calendar_url()
                        context=format!("{} {title}", short_date(lang, event.date))
                        lang=lang
                    />
                    <ShareButton
                        title=title.clone()
                        text=format!("{} {} {}", date(lang, event.date), event.hours.label(), title)
                        hash=Route::Event(event.id.to_string()).href()
                        lang=lang
                    />
                </div>
                {back()}
            </div>
        }
        .into_any()
    }
}

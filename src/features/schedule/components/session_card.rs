//! One desk session in full: theme, experts, hours, venue with map link, mode, booking.

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::schedule::ics::{session_ics, session_ics_with_reminder, CalendarEntry};
use crate::domain::schedule::{Booking, Changes, Session};
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::venue_details::VenueDetails;
use crate::ui::components::add_to_calendar::AddToCalendar;
use crate::ui::components::schedule_common::{experts_line, short_date, short_title, tel_href};
use crate::ui::i18n::tr;

/// The mark of a session that a `change` exception made different from the usual desk
/// (「会場変更」…), beside its title wherever the day is listed.
pub fn change_badge(lang: Lang, changed: Changes) -> Option<impl IntoView> {
    changed.label().map(|l| {
        view! { " " <span class="badge session-card__badge" data-testid="change-badge">{l.get(lang).to_owned()}</span> }
    })
}

/// The booking contact: phone (a `tel:` link), web page, note.
#[component]
pub fn BookingInfo(booking: Booking, lang: Lang) -> impl IntoView {
    let phone = booking.phone.map(|p| {
        view! {
            <a class="button button--secondary button--small booking__call" href=tel_href(&p)>
                {tr(lang, "電話する", "Call")} " " {p.clone()}
            </a>
        }
    });
    let url = booking.url.map(|u| {
        view! {
            <a class="booking__web" href=u rel="noopener noreferrer">
                {tr(lang, "予約・問い合わせページ", "Booking page")}
            </a>
        }
    });
    let note = booking
        .note
        .map(|n| view! { <span class="booking__note">{n.get(lang).to_owned()}</span> });
    view! { <span class="booking">{phone}{url}{note}</span> }
}

/// A session card (`<article>` with an `<h3>`).
///
/// - `session`: from `Schedule::day` and friends.
/// - `stamp`: the current instant, for the `.ics` `DTSTAMP`.
/// - `show_date`: put the date in the heading (for sessions not on the day in context).
/// - `past`: the day is over: nothing to add to a calendar.
#[component]
pub fn SessionCard(
    session: Session,
    lang: Lang,
    stamp: DateTime<Utc>,
    #[prop(optional)] show_date: bool,
    #[prop(optional)] past: bool,
) -> impl IntoView {
    let title = session.title.get(lang).to_owned();
    let heading = if show_date {
        format!("{} {title}", short_date(lang, session.date))
    } else {
        title.clone()
    };
    let badge = session
        .origin
        .badge()
        .map(|b| view! { <span class="badge session-card__badge">{b.get(lang).to_owned()}</span> });
    let experts = (!session.experts.is_empty()).then(|| {
        view! {
            <dt>{tr(lang, "センセー", "Experts")}</dt>
            <dd data-testid="experts">{experts_line(lang, &session)}</dd>
        }
    });
    let venue = session
        .venue
        .clone()
        .map(|v| view! { <VenueDetails venue=v lang=lang/> });
    let note = session
        .note
        .as_ref()
        .map(|n| view! { <p class="session-card__note">{n.get(lang).to_owned()}</p> });
    let entry = CalendarEntry::from_session(&session, lang);
    let context = format!("{} {}", short_date(lang, session.date), short_title(&title));
    view! {
        <article class="session-card">
            <h3 class="session-card__title">{heading} " " {badge}{change_badge(lang, session.changed)}</h3>
            <dl class="session-card__facts">
                {experts}
                <dt>{tr(lang, "時間", "Hours")}</dt>
                <dd>{session.hours.label()}</dd>
                {venue}
                <dt>{tr(lang, "方法", "How")}</dt>
                <dd>{session.mode.label().get(lang).to_owned()}</dd>
                <dt>{tr(lang, "予約・問い合わせ", "Booking")}</dt>
                <dd><BookingInfo booking=session.booking.clone() lang=lang/></dd>
            </dl>
            {note}
            {(!past).then(|| view! {
                <AddToCalendar
                    filename=format!("jokatsu-{}.ics", session.key())
                    ics=session_ics(&session, lang, stamp)
                    ics_reminder=session_ics_with_reminder(&session, lang, stamp)
                    google_url=entry.google_calendar_url()
                    context=context
                    lang=lang
                />
            })}
        </article>
    }
}

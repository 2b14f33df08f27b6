//! The recommended desk of a self-check result: the weekday theme, its next opening from
//! the schedule, and an add-to-calendar action for that opening.

use leptos::prelude::*;

use crate::components::add_to_calendar::AddToCalendar;
use crate::components::schedule_common::{short_date, use_schedule};
use crate::domain::date::jst_today;
use crate::domain::ics::{session_ics, CalendarEntry};
use crate::domain::questionnaire::Theme;
use crate::domain::text::Lang;
use crate::i18n::{date, tr};
use crate::platform::clock;
use crate::routes::Route;
use crate::state::AppState;

/// A card (`<section>` with an `<h2>`) for `theme`: its label, the next date it is held
/// (from today in Japan), the hours and place, and an `.ics` download.
#[component]
pub fn NextDesk(theme: Theme, lang: Lang) -> impl IntoView {
    let state = AppState::expect();
    let schedule = use_schedule();
    let next = move || {
        let now = clock::now();
        let Some(schedule) = schedule.get() else {
            return view! { <p role="status">{tr(lang, "日程を読み込んでいます…", "Loading the schedule…")}</p> }.into_any();
        };
        let session = schedule
            .theme_by_str(theme.key())
            .and_then(|t| {
                schedule
                    .next_dates_for_theme(&t.id, jst_today(now), 1)
                    .into_iter()
                    .next()
            })
            .map(|d| d.session);
        let Some(s) = session else {
            return view! { <p>{tr(lang, "近いうちの開催日が見つかりませんでした。日程のページで確認してください。", "No upcoming date was found. Please check the schedule.")}</p> }.into_any();
        };
        let venue = s.venue.as_ref().map(|v| v.name.get(lang).to_owned());
        let entry = CalendarEntry::from_session(&s, lang);
        view! {
            <p data-testid="next-date">
                {tr(lang, "次の開催日：", "Next opening: ")}
                <strong>{date(lang, s.date)}</strong>
                " " {s.hours.label()} {tr(lang, "（日本時間）", " (JST)")}
            </p>
            {venue.map(|v| view! { <p>{v}</p> })}
            <AddToCalendar
                filename=format!("jokatsu-{}.ics", s.key())
                ics=session_ics(&s, lang, now)
                google_url=entry.google_calendar_url()
                context=format!("{} {}", short_date(lang, s.date), s.title.get(lang))
                lang=lang
            />
        }
        .into_any()
    };
    view! {
        <section class="card card--accent next-desk" aria-labelledby="next-desk-title" data-testid="next-desk">
            <h2 id="next-desk-title" class="next-desk__title">{tr(lang, "おすすめの相談日", "Recommended desk")}</h2>
            <p class="next-desk__theme" data-testid="recommended-theme">{theme.label().get(lang).to_owned()}</p>
            {next}
            <a href=state.link(Route::Schedule)>{tr(lang, "日程をすべて見る", "See the whole schedule")}</a>
        </section>
    }
}

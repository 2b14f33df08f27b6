//! The career health room schedule (home): today, this week, each theme's next dates,
//! events, the evening desk and the experts.

use leptos::prelude::*;

use crate::features::schedule::components::evening_desk::EveningDesk;
use crate::features::schedule::components::event_list::EventList;
use crate::features::schedule::components::expert_list::ExpertList;
use crate::features::schedule::components::theme_dates::ThemeDates;
use crate::features::schedule::components::today_card::TodayCard;
use crate::features::schedule::components::week_list::WeekList;
use crate::platform::clock;
use crate::site::routes::Route;
use crate::ui::components::schedule_common::{use_jst_today, use_schedule, NoSchedule};
use crate::ui::i18n::tr;
use crate::ui::state::AppState;

/// How many dates per theme the home page lists.
const THEME_DATES: usize = 3;
/// How many upcoming events the home page lists.
const EVENTS: usize = 5;

/// Home: the career health room.
#[component]
pub fn SchedulePage() -> impl IntoView {
    let state = AppState::expect();
    let schedule = use_schedule();
    let today = use_jst_today();
    let content = move || {
        let Some(s) = schedule.get() else {
            return view! { <NoSchedule/> }.into_any();
        };
        let lang = state.lang.get();
        // Re-rendered when the date in Japan changes (the app may stay open overnight).
        let today = today.get();
        let now = clock::now();
        let demo = s.is_demo().then(|| {
            view! {
                <p class="notice notice--warn" data-testid="demo-note">
                    <span class="badge badge--demo">{tr(lang, "見本", "Sample")}</span>
                    " "
                    {s.note().map(|n| n.get(lang).to_owned()).unwrap_or_else(|| {
                        tr(lang, "この日程は見本データです。", "This schedule is sample data.").to_owned()
                    })}
                </p>
            }
        });
        let note = (!s.is_demo())
            .then(|| {
                s.note()
                    .map(|n| view! { <p class="notice notice--info">{n.get(lang).to_owned()}</p> })
            })
            .flatten();
        view! {
            {demo}
            {note}
            <TodayCard schedule=s.clone() lang=lang now=now/>

            <section aria-labelledby="week-heading">
                <h2 id="week-heading">{tr(lang, "今週の保健室", "This week")}</h2>
                <WeekList schedule=s.clone() lang=lang today=today stamp=now/>
                <p class="schedule__more">
                    <a class="button button--secondary" href=Route::Calendar.href()>
                        {tr(lang, "月のカレンダーを見る", "See the month calendar")}
                    </a>
                </p>
                <p class="schedule__more">
                    <a href=subscribe_url()>
                        {tr(lang, "カレンダーアプリで購読する（今後3か月の開設日）", "Subscribe in your calendar app (the next 3 months)")}
                    </a>
                </p>
                <p class="schedule__more">
                    // Where a webcal: link does nothing (most Android phones).
                    <a href=crate::domain::schedule::ics::google_subscribe_url(&subscribe_url()) rel="noopener noreferrer">
                        {tr(lang, "Googleカレンダーで購読する（webcal が開かないとき）", "Subscribe in Google Calendar (if the link above does nothing)")}
                    </a>
                </p>
            </section>

            <section aria-labelledby="themes-heading">
                <h2 id="themes-heading">{tr(lang, "テーマ別の次の開設日", "Next dates by theme")}</h2>
                <ThemeDates schedule=s.clone() lang=lang from=today count=THEME_DATES/>
            </section>

            <section aria-labelledby="events-heading">
                <h2 id="events-heading">{tr(lang, "イベント", "Events")}</h2>
                <EventList schedule=s.clone() lang=lang from=today count=EVENTS/>
            </section>

            {s.evening_desk().is_some().then(|| view! {
                <section aria-labelledby="evening-heading">
                    <h2 id="evening-heading">{tr(lang, "夜間オンライン窓口", "Evening online desk")}</h2>
                    <EveningDesk schedule=s.clone() lang=lang/>
                </section>
            })}

            <section aria-labelledby="experts-heading">
                <h2 id="experts-heading">{tr(lang, "センセー紹介", "Meet the experts")}</h2>
                <ExpertList schedule=s.clone() lang=lang/>
            </section>
        }
        .into_any()
    };
    view! {
        <div class="page schedule">
            <h1>{move || state.tr("女性のキャリアの保健室", "Career health room")}</h1>
            <p>{move || state.tr(
                "働く女性の「ちょっと困った」に、日替わりの専門家（センセー）が応える相談窓口です。",
                "A walk-in desk for working women, with a different expert each weekday.",
            )}</p>
            // The way in by worry (子育て named first): the self-checks start from it.
            <p class="schedule__worry">
                <a class="button button--secondary" href=state.link(Route::Check) data-testid="worry-link">
                    {move || state.tr(
                        "子育てと仕事、家族との話し合い、からだのこと…どの曜日に相談するか探す",
                        "Childcare and work, family talks, health… find the day for your worry",
                    )}
                </a>
            </p>
            {move || crate::ui::components::schedule_common::japan_time_note(state.lang.get())}
            {content}
        </div>
    }
}

/// The `webcal://` address of the calendar the office publishes beside the feed
/// (`feed/calendar.ics`, made by `examples/publish-ics.rs`; see docs/operations.md).
fn subscribe_url() -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location
        .as_ref()
        .and_then(|l| l.host().ok())
        .unwrap_or_default();
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    format!("webcal://{host}{dir}/feed/calendar.ics")
}

//! The recommended desks of a self-check result: each worry's weekday theme, its next opening from
//! the schedule, and an `.ics` download for that opening, saying what happened after the
//! tap (no Google link here: this page stays small; the message points to the schedule
//! page's).

use leptos::prelude::*;

use crate::domain::checks::desk::next_desks;
use crate::domain::checks::questionnaire::Theme;
use crate::domain::schedule::ics::session_ics;
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::platform::{clock, download};
use crate::site::routes::Route;
use crate::ui::components::schedule_common::short_date;
use crate::ui::i18n::{date, tr};
use crate::ui::state::AppState;

/// A card (`<section>` with an `<h2>`) for `themes` (a result's worries, recommended
/// first): for each, its label, the next date it is held (from today in Japan), the hours
/// and place, and an `.ics` download.
#[component]
pub fn NextDesk(themes: Vec<Theme>, lang: Lang) -> impl IntoView {
    let state = AppState::expect();
    // What happened after the tap (saved, and how it gets into the calendar; or why not).
    let status = RwSignal::new(None::<(bool, &'static str)>);
    let themes = StoredValue::new(themes);
    let next = move || {
        let now = clock::now();
        // Straight from the feed: no memo, so no deep copy or comparison of the schedule.
        let feed = state.feed();
        let Some(schedule) = feed.as_ref().and_then(|f| f.sections.schedule.as_ref()) else {
            return view! { <p role="status">{tr(lang, "日程を読み込んでいます…", "Loading the schedule…")}</p> }.into_any();
        };
        let today = jst_today(now);
        let desks = themes.with_value(|t| next_desks(schedule, t, today));
        let items = desks
            .into_iter()
            .map(|(theme, s)| {
                let label = theme.label().get(lang).to_owned();
                let Some(s) = s else {
                    return view! {
                        <li class="next-desk__item">
                            <p class="next-desk__theme" data-testid="recommended-theme">{label}</p>
                            <p>{tr(lang, "近いうちの開催日が見つかりませんでした。日程のページで確認してください。", "No upcoming date was found. Please check the schedule.")}</p>
                        </li>
                    }
                    .into_any();
                };
                let venue = s.venue.as_ref().map(|v| v.name.get(lang).to_owned());
                let is_today = s.date == today;
                let title = s.title.get(lang).to_owned();
                let experts = s
                    .experts
                    .iter()
                    .map(|e| e.get(lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(tr(lang, "・", ", "));
                let file = format!("jokatsu-{}.ics", s.key());
                let ics = session_ics(&s, lang, now);
                let save = move |_| {
                    let saved = download::save_file(&file, "text/calendar;charset=utf-8", &ics).is_ok();
                    status.set(Some(if saved {
                        (true, tr(
                            lang,
                            "予定のファイル（.ics）を保存しました。ファイルを開くとカレンダーに追加できます。開けないときは、日程のページの「Googleカレンダーに追加」を使ってください。",
                            "The event file (.ics) has been saved: open it to add the event to your calendar. If it does not open, use \"Add to Google Calendar\" on the schedule page.",
                        ))
                    } else {
                        (false, tr(lang, "ファイルを保存できませんでした。", "The file could not be saved."))
                    }));
                };
                view! {
                    <li class="next-desk__item" data-theme=theme.key()>
                        <p class="next-desk__theme" data-testid="recommended-theme">{label}</p>
                        <p class="next-desk__session" data-testid="next-session">
                            <strong>{title}</strong>
                            {(!experts.is_empty()).then(|| view! { <br/>{tr(lang, "相談にのる人：", "Experts: ")}{experts.clone()} })}
                        </p>
                        <p data-testid="next-date">
                            {if is_today { tr(lang, "今日：", "Today: ") } else { tr(lang, "次の開催日：", "Next opening: ") }}
                            <strong>{date(lang, s.date)}</strong>
                            {is_today.then(|| view! { " " <span class="badge badge--ok">{tr(lang, "今日", "Today")}</span> })}
                            // The one time on this screen: Japan time said once, right here.
                            " " {s.hours.label()} {tr(lang, "（日本時間）", " (JST)")}
                        </p>
                        {venue.map(|v| view! { <p>{v}</p> })}
                        <button type="button" class="button button--secondary" on:click=save>
                            {tr(lang, "カレンダーに追加（.ics）", "Add to calendar (.ics)")}
                            <span class="visually-hidden">{format!("：{}", short_date(lang, s.date))}</span>
                        </button>
                    </li>
                }
                .into_any()
            })
            .collect_view();
        view! { <ul class="plain-list next-desk__list">{items}</ul> }.into_any()
    };
    view! {
        <section class="card card--accent next-desk" aria-labelledby="next-desk-title" data-testid="next-desk">
            <h2 id="next-desk-title" class="next-desk__title">{tr(lang, "おすすめの相談日", "Recommended desk")}</h2>
            {next}
            <p class="add-to-calendar__status" role="status" data-testid="next-desk-status"
                data-state=move || status.get().map(|(ok, _)| if ok { "ok" } else { "error" })>
                {move || status.get().map(|(_, text)| text)}
            </p>
            <a href=state.link(Route::Schedule)>{tr(lang, "日程をすべて見る", "See the whole schedule")}</a>
        </section>
    }
}

//! "Add to calendar": an `.ics` download and a Google Calendar link for one opening or event.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::platform::download;
use crate::ui::i18n::tr;

/// Two actions side by side: download `ics` as `filename`, and open `google_url` (a plain
/// link: the app itself makes no request to Google).
///
/// - `filename`: e.g. `jokatsu-briefing-2026-12.ics`.
/// - `ics`: the iCalendar text (from `domain::schedule::ics`).
/// - `google_url`: from `CalendarEntry::google_calendar_url`.
/// - `context`: what is being added, read after the button text by screen readers
///   (several of these can be on one page), e.g. `12/2（水） 健康`.
#[component]
pub fn AddToCalendar(
    filename: String,
    ics: String,
    google_url: String,
    context: String,
    lang: Lang,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let save = move |_| {
        let result = download::save_file(&filename, "text/calendar;charset=utf-8", &ics);
        error.set(result.err());
    };
    let hidden = format!("：{context}");
    view! {
        <div class="add-to-calendar">
            <button type="button" class="button button--secondary button--small" on:click=save>
                {tr(lang, "カレンダーに追加（.ics）", "Add to calendar (.ics)")}
                <span class="visually-hidden">{hidden.clone()}</span>
            </button>
            <a class="add-to-calendar__google" href=google_url rel="noopener noreferrer">
                {tr(lang, "Googleカレンダーに追加", "Add to Google Calendar")}
                <span class="visually-hidden">{hidden}</span>
            </a>
            <p class="add-to-calendar__error" role="status">
                {move || error.get().map(|e| format!(
                    "{} ({e})",
                    tr(lang, "ファイルを保存できませんでした", "The file could not be saved"),
                ))}
            </p>
        </div>
    }
}

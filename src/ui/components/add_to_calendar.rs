//! "Add to calendar": an `.ics` download and a Google Calendar link for one opening or event.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::platform::download;
use crate::ui::i18n::tr;

/// Two actions side by side: download `ics` as `filename` (or, when she ticks 「1時間前に
/// 通知する」, `ics_reminder`), and open `google_url` (a plain link: the app itself makes no
/// request to Google). After the download a status line says what happened.
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
    /// The same `.ics` with a reminder (`session_ics_with_reminder`): offered as a choice.
    #[prop(optional)]
    ics_reminder: Option<String>,
    google_url: String,
    context: String,
    lang: Lang,
) -> impl IntoView {
    // What happened, said after the tap: saved (and how it gets into the calendar), or why not.
    let status = RwSignal::new(None::<(bool, String)>);
    let remind = RwSignal::new(false);
    let has_reminder = ics_reminder.is_some();
    let files = StoredValue::new((ics, ics_reminder));
    let save = move |_| {
        let result = files.with_value(|(plain, reminded)| {
            let text = match (remind.get_untracked(), reminded) {
                (true, Some(r)) => r,
                _ => plain,
            };
            download::save_file(&filename, "text/calendar;charset=utf-8", text)
        });
        status.set(Some(match result {
            Ok(()) => (true, tr(lang,
                "予定のファイル（.ics）を保存しました。ファイルを開くとカレンダーに追加できます。開けないときは「Googleカレンダーに追加」を使ってください。",
                "The event file (.ics) has been saved: open it to add the event to your calendar. If it does not open, use \"Add to Google Calendar\".",
            ).to_owned()),
            Err(e) => (false, format!("{} ({e})", tr(lang, "ファイルを保存できませんでした", "The file could not be saved"))),
        }));
    };
    let hidden = format!("：{context}");
    view! {
        <div class="add-to-calendar">
            {has_reminder.then(|| view! {
                <label class="add-to-calendar__remind">
                    <input type="checkbox" on:change=move |ev| remind.set(event_target_checked(&ev))/>
                    {tr(lang, "1時間前に通知する", "Remind me an hour before")}
                </label>
            })}
            <button type="button" class="button button--secondary button--small" on:click=save>
                {tr(lang, "カレンダーに追加（.ics）", "Add to calendar (.ics)")}
                <span class="visually-hidden">{hidden.clone()}</span>
            </button>
            <a class="add-to-calendar__google" href=google_url rel="noopener noreferrer">
                {tr(lang, "Googleカレンダーに追加", "Add to Google Calendar")}
                <span class="visually-hidden">{hidden}</span>
            </a>
            <p class="add-to-calendar__status" role="status" data-testid="calendar-status"
                data-state=move || status.with(|s| match s { Some((false, _)) => "error", _ => "ok" })>
                {move || status.get().map(|(_, m)| m)}
            </p>
        </div>
    }
}

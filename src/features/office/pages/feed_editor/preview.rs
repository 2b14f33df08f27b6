//! A day as a phone shows it, from the draft.

use leptos::prelude::*;

use super::fields::TextField;
use super::Editor;
use crate::domain::publish::editor::preview_day;
use crate::domain::shared::date::iso_date;
use crate::features::office::actions;
use crate::ui::state::AppState;

#[component]
pub(super) fn Preview(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let date = RwSignal::new(iso_date(actions::today()));
    let day = Memo::new(move |_| crate::domain::shared::date::strict_date(date.get().trim()));
    let date_error = Signal::derive(move || {
        day.get().is_none().then(|| {
            state
                .t(
                    "日付は 2027-02-03 の形で入れてください",
                    "Enter a date like 2027-02-03",
                )
                .to_string()
        })
    });
    let preview = move || {
        let d = day.get()?;
        editor.draft.with(|draft| {
            let draft = draft.as_ref()?;
            Some(
                draft
                    .schedule()
                    .map(|s| preview_day(&s, d, editor.lang))
                    .map_err(|e| e.to_string()),
            )
        })
    };
    view! {
        <h3>{state.t("スマホでの見え方", "How a phone shows it")}</h3>
        <TextField id="preview-date" label=state.t("確かめる日（例 2027-02-03）", "Date to preview (e.g. 2027-02-03)") value=date error=date_error/>
        <div class="feed-editor__phone" data-testid="editor-preview" aria-live="polite">
            {move || match preview() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="field__error">{e}</p> }.into_any()),
                Some(Ok(p)) => Some(view! {
                    <p class="feed-editor__day">{p.heading}</p>
                    {p.holidays_unknown.then(|| view! { <p class="notice">{state.t("祝日データの範囲外です。", "Beyond the holiday data.")}</p> })}
                    {p.closed.map(|c| view! { <p class="feed-editor__closed">{c}</p> })}
                    <ul class="feed-editor__sessions">
                        {p.sessions.into_iter().map(|s| view! {
                            <li>
                                <strong>{s.title}</strong>" "{s.hours}" "{s.place}
                                {s.badge.map(|b| view! { " " <span class="badge">{b}</span> })}
                            </li>
                        }).collect_view()}
                        {p.events.into_iter().map(|e| view! { <li>"★ "{e}</li> }).collect_view()}
                    </ul>
                    <table class="feed-editor__week">
                        <caption>{state.t("この週", "This week")}</caption>
                        <tbody>
                            {p.week.into_iter().map(|(d, t)| view! { <tr><th scope="row">{d}</th><td>{t}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()),
            }}
        </div>
    }
}

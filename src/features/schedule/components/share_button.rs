//! Share a page of the app (an event, an opening): the system share sheet where the browser
//! has one, else the link is copied to the clipboard, with a visible confirmation.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::platform::share::{route_url, share_or_copy, ShareOutcome};
use crate::ui::i18n::tr;

#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Nothing,
    Done(ShareOutcome),
    /// Neither share nor clipboard worked: show the link to copy by hand.
    Manual(String),
}

/// A share button.
///
/// - `title`, `text`: passed to the share sheet.
/// - `hash`: the route to share, from `Route::href()` (made absolute with the app's address).
#[component]
pub fn ShareButton(title: String, text: String, hash: String, lang: Lang) -> impl IntoView {
    let shown = RwSignal::new(Shown::Nothing);
    let url = route_url(&hash).unwrap_or(hash);
    let share = {
        let url = url.clone();
        move |_| {
            let (title, text, url) = (title.clone(), text.clone(), url.clone());
            leptos::task::spawn_local(async move {
                let next = match share_or_copy(&title, &text, &url).await {
                    Ok(outcome) => Shown::Done(outcome),
                    Err(_) => Shown::Manual(url),
                };
                shown.set(next);
            });
        }
    };
    view! {
        <div class="share">
            <button type="button" class="button button--secondary button--small" on:click=share>
                {tr(lang, "共有する", "Share")}
            </button>
            <div class="share__status" role="status">
                {move || match shown.get() {
                    Shown::Nothing | Shown::Done(ShareOutcome::Cancelled) => None,
                    Shown::Done(ShareOutcome::Shared) => Some(view! {
                        <p class="share__done">{tr(lang, "共有しました。", "Shared.")}</p>
                    }.into_any()),
                    Shown::Done(ShareOutcome::Copied) => Some(view! {
                        <p class="share__done" data-state="copied">
                            {tr(lang, "リンクをコピーしました。", "Link copied.")}
                        </p>
                    }.into_any()),
                    Shown::Manual(link) => Some(view! {
                        <label class="field">
                            <span class="field__label">
                                {tr(lang, "このリンクをコピーしてください", "Copy this link")}
                            </span>
                            <input class="input" type="text" readonly value=link/>
                        </label>
                    }.into_any()),
                }}
            </div>
        </div>
    }
}

//! Unknown addresses.

use leptos::prelude::*;

use crate::routes::Route;
use crate::state::AppState;

/// "Page not found", with a way home.
#[component]
pub fn NotFoundPage(
    /// The unknown path (shown as text, never as HTML).
    path: String,
) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1>{state.t("ページが見つかりません", "Page not found")}</h1>
            <p>{state.t("このアドレスのページはありません:", "There is no page at this address:")} " " <code>{path.clone()}</code></p>
            <p><a class="button" href=state.link(Route::Schedule)>{state.t("ホームへ", "Go to home")}</a></p>
        </section>
    }
}

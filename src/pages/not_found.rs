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
            <h1>{move || state.tr("ページが見つかりません", "Page not found")}</h1>
            <p>{move || state.tr("このアドレスのページはありません:", "There is no page at this address:")} " " <code>{path.clone()}</code></p>
            <p><a class="button" href=Route::Schedule.href()>{move || state.tr("ホームへ", "Go to home")}</a></p>
        </section>
    }
}

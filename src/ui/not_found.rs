//! Unknown addresses.

use leptos::prelude::*;

use crate::site::routes::Route;
use crate::ui::state::AppState;

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
            <p>{state.t("このアドレスのページはありません：", "There is no page at this address:")} " " <code>{path.clone()}</code></p>
            <p><a class="button" href=state.link(Route::Schedule)>{state.t("ホームへ", "Go to home")}</a></p>
        </section>
    }
}

/// The page for a route an app does not show: an unknown address, or (for a moment,
/// before the shell redirects) a route of another app.
pub fn render(route: Route) -> AnyView {
    let path = match route {
        Route::NotFound(path) => path,
        other => other.href(),
    };
    view! { <NotFoundPage path=path/> }.into_any()
}

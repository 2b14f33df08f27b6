//! The self-checks (`c.html`): questionnaires, results with the next desk, history.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "checks",
    page: "c.html",
    bin: "jokatsu-checks",
    title: ("セルフチェック", "Self-checks"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: true,
        checks: true,
        tickets: false,
        shops: false,
    }),
    storage_keys: &[
        "jokatsu.feed.checks",
        "jokatsu.checks.progress",
        "jokatsu.checks.history",
    ],
    first: Route::Check,
};

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;

/// The page's WebAssembly side: its screens.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Check => view! { <pages::check::CheckPage/> }.into_any(),
            Route::CheckRun(id) => view! { <pages::check_run::CheckRunPage id=id/> }.into_any(),
            Route::CheckResult(id) => {
                view! { <pages::check_result::CheckResultPage id=id/> }.into_any()
            }
            other => crate::ui::not_found::render(other),
        }
    }
}

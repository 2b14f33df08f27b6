//! The city office (`office.html`, internal bundle only): keys, roster, issuance, settlement, feed.

use crate::apps::{AppDecl, Bundle, Nav, Route};

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "office",
    page: "office.html",
    bin: "jokatsu-office-web",
    title: ("事務局", "City office"),
    bundle: Bundle::Office,
    nav: Nav::Tool,
    feed: None,
    storage_keys: &[],
    first: Route::Office,
};

#[cfg(target_arch = "wasm32")]
pub mod actions;
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
            Route::Office => view! { <pages::office::OfficePage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

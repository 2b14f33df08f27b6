//! Shop mode (`shop.html`): scan a ticket at the till, verify it offline, record it. Its
//! setup and ledger screens (with the claim export) are the `shopdesk` app's page.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "shop",
    page: "shop.html",
    bin: "jokatsu-shop",
    title: ("お店モード", "Shop mode"),
    bundle: Bundle::Public,
    nav: Nav::Tool,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: true,
        shops: true,
    }),
    // The ledger and the setup are shared with the back office (`shopdesk`):
    // `SHARED_STORAGE_KEYS`.
    storage_keys: &["jokatsu.feed.shop"],
    first: Route::Shop,
};

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod start;
#[cfg(target_arch = "wasm32")]
pub mod state;

/// The page's WebAssembly side: its screens and the till's start-up (setup, ledger).
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Shop => view! { <pages::scan::ScanPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }

    fn start(state: crate::ui::state::AppState) {
        start::start_shop(state);
    }
}

//! The すみまセンエン wallet (`w.html`): tickets, giving, backup. Links that carry tickets
//! open on the receive page (`r.html`, `src/apps/receive/`), which shares this code.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "tickets",
    page: "w.html",
    bin: "jokatsu-tickets",
    title: ("すみまセンエン チケット", "すみまセンエン tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: true,
        shops: false,
    }),
    // The wallet record is shared with the receive page (`SHARED_STORAGE_KEYS`).
    storage_keys: &["jokatsu.feed.tickets"],
    first: Route::Wallet,
};

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod start;

/// The page's WebAssembly side: its screens and the wallet's start-up.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Wallet => view! { <pages::wallet::WalletPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }

    fn start(state: crate::ui::state::AppState) {
        start::start_wallet(state);
    }
}

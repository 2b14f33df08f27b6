//! Shop mode (`shop.html`): scan a ticket at the till, verify it offline, record it, claim.

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
    }),
    storage_keys: &["jokatsu.feed.shop", "jokatsu.shop.ledger", "jokatsu.shop.setup"],
    first: Route::Shop,
};

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
            Route::Shop => view! { <pages::shop::ShopPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

//! The certified-shop directory (`d.html`): where a ticket can be spent, searchable by
//! name, category and area. An app of its own so the wallet page stays small.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "directory",
    page: "d.html",
    bin: "jokatsu-directory",
    title: ("使えるお店", "Where to use tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: false,
        shops: true,
    }),
    storage_keys: &["jokatsu.feed.directory"],
    first: Route::Shops,
};

#[cfg(target_arch = "wasm32")]
pub mod pages;

/// The page's WebAssembly side: its screen.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Shops => view! { <pages::shops::ShopsPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

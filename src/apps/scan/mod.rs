//! The holder's camera scanner (`s.html`): reads a ticket, gift or bundle QR into the wallet.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "scan",
    page: "s.html",
    bin: "jokatsu-scan",
    title: ("QRコードを読み取る", "Scan a QR code"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: false,
        shops: false,
    }),
    storage_keys: &["jokatsu.feed.scan"],
    first: Route::Scan,
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
            Route::Scan => view! { <pages::scan::ScanPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

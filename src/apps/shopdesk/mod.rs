//! Shop mode's back office (`shop-desk.html`): which business and till this device is,
//! the redemption ledger and the month's claim export. A page of its own so the till's
//! scanning page stays small; it shares shop mode's code (`src/apps/shop/`) and records.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "shopdesk",
    page: "shop-desk.html",
    bin: "jokatsu-shopdesk",
    title: ("お店の設定・台帳", "Shop setup and ledger"),
    bundle: Bundle::Public,
    nav: Nav::Tool,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: true,
        shops: true,
    }),
    storage_keys: &["jokatsu.feed.shopdesk"],
    first: Route::ShopLedger,
};

/// The page's WebAssembly side: the setup and ledger screens of shop mode.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use crate::apps::shop::pages::{ledger::LedgerPage, setup::SetupPage};
        use leptos::prelude::*;
        match route {
            Route::ShopLedger => view! { <LedgerPage/> }.into_any(),
            Route::ShopSetup => view! { <SetupPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }

    fn start(state: crate::ui::state::AppState) {
        crate::apps::shop::start::start_shop(state);
    }
}

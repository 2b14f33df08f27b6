//! Entry point of `shop-desk.html`: the till's setup and ledger (`features::shop`). The page's row in the page table is
//! `site::SHOP_DESK`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens and start-up.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::SHOP_DESK;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::shop::pages::ledger::LedgerPage;
        use jokatsu::features::shop::pages::setup::SetupPage;
        use leptos::prelude::*;
        match route {
            Route::ShopLedger => view! { <LedgerPage/> }.into_any(),
            Route::ShopSetup => view! { <SetupPage/> }.into_any(),
            other => jokatsu::ui::not_found::render(other),
        }
    }

    fn start(state: jokatsu::ui::state::AppState) {
        jokatsu::features::shop::start::start_desk(state);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<Entry>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

//! Entry point of `r.html`: links that carry tickets (`features::tickets`). The page's row in the page table is
//! `site::RECEIVE`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens and start-up.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::RECEIVE;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::tickets::pages::receive::ReceivePage;
        use leptos::prelude::*;
        match route {
            r @ (Route::Ticket(_) | Route::Receive(_) | Route::Gift(_)) => {
                view! { <ReceivePage route=r/> }.into_any()
            }
            other => jokatsu::ui::not_found::render(other),
        }
    }

    fn start(state: jokatsu::ui::state::AppState) {
        jokatsu::features::tickets::start::start_wallet(state);
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

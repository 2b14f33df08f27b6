//! Links that carry tickets (`r.html`): a month's bundle from the office, a gift from a
//! coworker, a single ticket to look at. A page of its own so the wallet page stays small;
//! it shares the wallet's code (`src/apps/tickets/`) and record (saved by read-merge-write,
//! so the two pages never drop each other's tickets). Links made for `w.html#/receive/…`
//! still work: the wallet page forwards them here. Opened bare, it says where tickets come
//! from and links to the wallet (no second page load).

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`). A `static`: its first route holds a `String`.
pub static APP: AppDecl = AppDecl {
    name: "receive",
    page: "r.html",
    bin: "jokatsu-receive",
    title: ("チケットを受け取る", "Receive tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: true,
        shops: false,
    }),
    storage_keys: &["jokatsu.feed.receive"],
    // Opened bare (no ticket in the link): a screen saying where tickets come from.
    first: Route::Receive(String::new()),
};

/// The page's WebAssembly side: the receive screen and the wallet's start-up.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use crate::apps::tickets::pages::receive::ReceivePage;
        use leptos::prelude::*;
        match route {
            r @ (Route::Ticket(_) | Route::Receive(_) | Route::Gift(_)) => {
                view! { <ReceivePage route=r/> }.into_any()
            }
            other => crate::ui::not_found::render(other),
        }
    }

    fn start(state: crate::ui::state::AppState) {
        crate::apps::tickets::start::start_wallet(state);
    }
}

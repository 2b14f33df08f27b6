//! The 相談メモ (`m.html`): her self-check results written out plainly (date, check, score
//! and band, the desk it points to, the answers she chose to keep), to show the センセー at
//! the desk on her own phone. Read-only: it reads the history the self-check page stores
//! and sends nothing. A page of its own so the self-check page stays within its budget.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "memo",
    page: "m.html",
    bin: "jokatsu-memo",
    title: ("相談メモ", "Notes for the desk"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    // The questionnaires: titles, score ranges and question texts.
    feed: Some(Wanted {
        schedule: false,
        checks: true,
        tickets: false,
        shops: false,
    }),
    storage_keys: &["jokatsu.feed.memo"],
    first: Route::Memo,
};

#[cfg(target_arch = "wasm32")]
pub mod page;

/// The page's WebAssembly side: its one screen.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Memo => view! { <page::MemoPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

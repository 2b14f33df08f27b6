//! The wallet's backup (`b.html`): export a backup file (after a confirm: the file holds
//! usable tickets) and restore one, side by side. A page of its own so the wallet page
//! stays within its size budget; it shares the wallet's code (`src/apps/tickets/`) and
//! record (saved by read-merge-write, so restoring never drops a ticket).

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "backup",
    page: "b.html",
    bin: "jokatsu-backup",
    title: ("控え・機種変更", "Backup and new phone"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    // The key list, to check each ticket of a restored file.
    feed: Some(Wanted {
        schedule: false,
        checks: false,
        tickets: true,
        shops: false,
    }),
    storage_keys: &["jokatsu.feed.backup"],
    first: Route::Backup,
};

#[cfg(target_arch = "wasm32")]
pub mod page;

/// The page's WebAssembly side: the backup screen and the wallet's start-up.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Backup => view! { <page::BackupPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }

    fn start(state: crate::ui::state::AppState) {
        crate::apps::tickets::start::start_wallet(state);
    }
}

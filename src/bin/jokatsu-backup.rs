//! Entry point of `b.html`: the wallet's backup, restore and transfer (`features::tickets`). The page's row in the page table is
//! `site::BACKUP`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens and start-up.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::BACKUP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::tickets::pages::backup::BackupPage;
        use leptos::prelude::*;
        match route {
            Route::Backup => view! { <BackupPage/> }.into_any(),
            Route::Reminder => view! { <BackupPage at_reminder=true/> }.into_any(),
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

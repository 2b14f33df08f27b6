//! Entry point of `m.html`: the 相談メモ (`features::checks`). The page's row in the page table is
//! `site::MEMO`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::MEMO;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::checks::pages::memo::MemoPage;
        use leptos::prelude::*;
        match route {
            Route::Memo => view! { <MemoPage/> }.into_any(),
            other => jokatsu::ui::not_found::render(other),
        }
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

//! Entry point of `office.html`: the city office (`features::office`). The page's row in
//! the page table is `site::OFFICE`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::OFFICE;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::office::pages::office::OfficePage;
        use leptos::prelude::*;
        match route {
            Route::Office => view! { <OfficePage/> }.into_any(),
            other => jokatsu::ui::not_found::render(other),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // Started inside the page's verification worker (no window): only `verify_ahead` runs.
    if web_sys::window().is_none() {
        return;
    }
    jokatsu::ui::shell::mount::<Entry>();
}

/// The office page's second core: settlement lines verified in its worker
/// (`public/verify-worker.js`, `features::office::actions::settle`) with this same WebAssembly.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn verify_ahead(request: &str) -> String {
    jokatsu::features::office::actions::answer_ahead(request)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

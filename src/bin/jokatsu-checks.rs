//! Entry point of `c.html`: the self-checks (`features::checks`). The page's row in the page table is
//! `site::CHECKS`; this file picks the screens it shows.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::CHECKS;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::checks::pages::check::CheckPage;
        use jokatsu::features::checks::pages::check_result::CheckResultPage;
        use jokatsu::features::checks::pages::check_run::CheckRunPage;
        use leptos::prelude::*;
        match route {
            Route::Check => view! { <CheckPage/> }.into_any(),
            Route::CheckRun(id) => view! { <CheckRunPage id=id/> }.into_any(),
            Route::CheckResult(id) => view! { <CheckResultPage id=id/> }.into_any(),
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

//! The career health room (`index.html`): today, week, calendar, events, experts; about.

use crate::apps::{AppDecl, Bundle, Nav, Route};
use crate::domain::feed::Wanted;

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "home",
    page: "index.html",
    bin: "jokatsu",
    title: ("女性のキャリアの保健室", "Career health room"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: Some(Wanted {
        schedule: true,
        checks: false,
        tickets: false,
        shops: false,
    }),
    storage_keys: &["jokatsu.feed"],
    first: Route::Schedule,
};

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;

/// The page's WebAssembly side: its screens.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Schedule => view! { <pages::schedule::SchedulePage/> }.into_any(),
            Route::Calendar => view! { <pages::calendar::CalendarPage/> }.into_any(),
            Route::Event(id) => view! { <pages::event::EventPage id=id/> }.into_any(),
            Route::About => view! { <pages::about::AboutPage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}

//! Routing: the route in the address bar is the source of truth; moving to another screen
//! of the page (its fragment) or to another page; the focus and scroll after a move.

use leptos::prelude::*;

use crate::site::routes::Route;
use crate::site::Page;
use crate::ui::state::AppState;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The route in the address bar, or the app's first screen when there is no fragment.
pub(super) fn current_route(app: &Page) -> Route {
    let hash = current_hash();
    if hash
        .trim_start_matches('#')
        .trim_start_matches('/')
        .is_empty()
    {
        app.first.clone()
    } else {
        Route::from_hash(&hash)
    }
}

/// Go to `route` from app `here`: by its fragment within the same app, else by loading
/// the other app's page.
pub fn navigate(here: &'static Page, route: &Route) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    if route.page() == here {
        let _ = location.set_hash(&route.href());
    } else {
        let _ = location.replace(&route.link_from(here));
    }
}

/// Follow the address bar: the hash is the source of truth.
pub(super) fn follow_hash(state: AppState, app: &'static Page) {
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(current_route(app));
    });
}

/// Focus the page heading after navigation, for keyboard and screen-reader users.
pub(super) fn focus_after_navigation(state: AppState) {
    Effect::new(move |prev: Option<Route>| {
        let route = state.route.get();
        if prev.is_some_and(|p| p != route) {
            focus_main();
            // Each screen starts at its top, as in any app (after the focus, which may
            // scroll the main area into view below the header).
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        route
    });
}

/// Focus the main area (the skip link, and after navigation).
pub(super) fn focus_main() {
    crate::ui::focus::focus_now("main");
}

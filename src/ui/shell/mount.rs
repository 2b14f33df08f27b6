//! Mounting an entry page's app: its screens and start-up (`WebApp`), its feed parser,
//! and the refusal to run inside another site's frame.

use leptos::prelude::*;

use super::app::App;
use super::feed_sync::FeedParser;
use super::reveal::remove_loading;
use super::PRODUCTION;
use crate::domain::feed::{self, Feed, FeedError, Wanted};
use crate::site::routes::Route;
use crate::site::Page;
use crate::ui::state::AppState;

/// An app's WebAssembly side. Each app folder implements it once (`src/apps/<name>/`);
/// its `src/bin/` main calls [`mount`] with it.
pub trait WebApp {
    /// The app's declaration.
    const PAGE: &'static Page;
    /// The screen for `route` (routes of other apps are redirected before this is called).
    fn render(route: Route) -> AnyView;
    /// What the app starts besides its UI and feed sync (e.g. the wallet).
    fn start(state: AppState) {
        let _ = state;
    }
}

/// The feed parser of app `A`: the sections its declaration names, nothing else (the
/// declaration is a constant, so the other sections' parsers are not linked in).
fn parse_for<A: WebApp>(text: &str) -> Result<Feed, FeedError> {
    let wanted = A::PAGE.feed.unwrap_or(Wanted::NONE);
    if wanted.tickets {
        let root = crate::domain::tickets::core::keys::root_key(PRODUCTION).map_err(|e| {
            FeedError::Invalid {
                path: "keys".into(),
                reason: e.to_string(),
            }
        })?;
        feed::parse(text, wanted, Some(&root))
    } else {
        feed::parse(text, wanted, None)
    }
}

/// Mount app `A` (called from its `main`).
pub fn mount<A: WebApp>() {
    console_error_panic_hook::set_once();
    if crate::platform::history::is_framed() {
        remove_loading();
        // Refuse to run inside another site's frame (click-jacking a wallet). Hosts should
        // also send `Content-Security-Policy: frame-ancestors 'none'` (docs/operations.md).
        leptos::mount::mount_to_body(|| {
            view! {
                <main class="main"><h1>"JOKATSU あさひかわ"</h1>
                <p>"このアプリは、ほかのサイトの中では開けません。"</p>
                <p lang="en">"This app does not run inside another site."</p></main>
            }
        });
        return;
    }
    let parse: FeedParser = parse_for::<A>;
    let render: fn(Route) -> AnyView = A::render;
    let start: fn(AppState) = A::start;
    // In a task of its own: starting the WebAssembly and building the screen are two
    // shorter pauses of the page rather than one long one.
    set_timeout(
        move || {
            leptos::mount::mount_to_body(move || {
                view! { <App app=A::PAGE render=render parse=parse start=start/> }
            });
        },
        std::time::Duration::ZERO,
    );
}

//! The app of one entry page: its state, the frame around the screen (skip link, header,
//! notices, freshness line, tab bar) and the screen for the route.

use leptos::prelude::*;

use super::feed_sync::{start_feed_sync, FeedParser};
use super::language::follow_language;
use super::reveal::Reveal;
use super::routing::{current_route, focus_after_navigation, focus_main, follow_hash};
use super::updates::watch_for_updates;
use crate::domain::shared::persist::Settings;
use crate::platform::storage;
use crate::site::routes::Route;
use crate::site::{Nav, Page};
use crate::ui::components::{
    app_header::AppHeader, feed_notice::FeedNotice, freshness::Freshness,
    storage_notice::StorageNotice, tab_bar::TabBar, update_banner::UpdateBanner,
};
use crate::ui::state::AppState;

/// The app of one entry page.
#[component]
pub fn App(
    /// Which app this page is.
    app: &'static Page,
    /// The app's screens.
    render: fn(Route) -> AnyView,
    /// The app's feed parser.
    parse: FeedParser,
    /// The app's own start-up (e.g. the wallet).
    start: fn(AppState),
) -> impl IntoView {
    let settings = storage::load::<Settings>();
    let state = AppState::provide(app, settings.into_value().lang, current_route(app));
    state.quarantine.set(storage::quarantine());

    follow_hash(state, app);
    follow_language(state);
    focus_after_navigation(state);
    // The frame (header, notices, tab bar) is built in a task of its own, after this one
    // (state, storage, the feed sync, the app's own start-up) and before the screen's
    // content (`Reveal`, whose task is queued after this one): shorter pauses of a phone's
    // main thread than one long one (under Lighthouse's 4× CPU factor this task was ~260 ms,
    // two thirds of it the frame). Nothing shows meanwhile: the app is hidden until its
    // screen is built.
    let framed = RwSignal::new(false);
    set_timeout(move || framed.set(true), std::time::Duration::ZERO);

    // The first screen is shown once, complete: on a first visit (no stored feed) the
    // entry page's 「読み込み中…」 stays, and the screen hidden, until the feed has come (its
    // request started while the WebAssembly loaded) or failed, or at most
    // `FIRST_FEED_WAIT`. Shown earlier, the screen would jump as the feed's content pushed
    // it down.
    let reveal = Reveal::start();
    let waiting = app
        .feed_cache_key()
        .is_some_and(|key| start_feed_sync(state, parse, key, reveal));
    if !waiting {
        reveal.feed_done();
    }
    start(state);
    watch_for_updates(state);
    // The screen's content is built in a task after the frame around it (`Reveal`).
    let built = reveal.built;

    // The whole UI is rebuilt when the language changes: static text is then plain text
    // (`state.t`), not one reactive closure per string.
    move || {
        state.lang.track();
        if !framed.get() {
            return ().into_any();
        }
        view! {
            <button type="button" class="skip-link" on:click=move |_| focus_main()>
                {state.t("本文へ移動", "Skip to content")}
            </button>
            <AppHeader/>
            <div class="notices">
                <UpdateBanner/>
                <FeedNotice/>
                <StorageNotice/>
            </div>
            <main id="main" class="main" tabindex="-1">
                {move || screen(state, built, render)}
            </main>
            <Freshness/>
            {(state.page.nav == Nav::Holder).then(|| view! { <TabBar/> })}
        }
        .into_any()
    }
}

/// The screen for the route, once it may be built (`Reveal`).
fn screen(state: AppState, built: RwSignal<bool>, render: fn(Route) -> AnyView) -> AnyView {
    if !built.get() {
        return ().into_any();
    }
    let route = state.route.get();
    if route.page() != state.page {
        if route.page().bundle != state.page.bundle {
            // An app deployed elsewhere (the office is not on the public
            // site): say so here rather than load a page that is not there.
            return crate::ui::not_found::render(route);
        }
        // A route of another app (an old or hand-made link): that page
        // opens instead; nothing of this one is drawn meanwhile.
        let _ = web_sys::window().map(|w| w.location().replace(&route.link_from(state.page)));
        return ().into_any();
    }
    render(route)
}

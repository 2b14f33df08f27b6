//! The root component: state, routing, feed sync, service worker, layout.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{
    app_header::AppHeader, feed_notice::FeedNotice, freshness::Freshness,
    storage_notice::StorageNotice, tab_bar::TabBar, update_banner::UpdateBanner,
};
use crate::domain::feed::{parse_feed, CachedFeed, FEED_MAX_BYTES};
use crate::domain::persist::{Loaded, Settings};
use crate::domain::text::Lang;
use crate::pages;
use crate::platform::{clock, fetch, storage, sw};
use crate::routes::Route;
use crate::state::{AppState, FeedProblem, FeedState};

/// A production build (`--features production`): demo tickets and keys are refused.
pub const PRODUCTION: bool = cfg!(feature = "production");

/// Where the feed lives, fixed at build time (`JOKATSU_FEED_URL`), relative to the app.
pub const FEED_URL: &str = match option_env!("JOKATSU_FEED_URL") {
    Some(url) => url,
    None => "feed/feed.json",
};

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The app.
#[component]
pub fn App() -> impl IntoView {
    let settings = storage::load::<Settings>();
    let state = AppState::provide(
        settings.into_value().lang,
        Route::from_hash(&current_hash()),
    );
    state.quarantine.set(storage::quarantine());

    // Routing: the hash is the source of truth.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(Route::from_hash(&current_hash()));
    });

    // Language: persisted when changed, and reflected in <html lang>.
    Effect::new(move |prev: Option<Lang>| {
        let lang = state.lang.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang.tag());
        }
        if prev.is_some_and(|p| p != lang) {
            // An unreadable settings record was quarantined at load; overwriting it now
            // is the user's explicit choice.
            let mut s = storage::load::<Settings>().into_value();
            s.lang = lang;
            if let Err(e) = storage::save(&s) {
                state.storage_problem.set(Some(e.to_string()));
            }
        }
        lang
    });

    // Focus the page heading after navigation, for keyboard and screen-reader users.
    Effect::new(move |prev: Option<Route>| {
        let route = state.route.get();
        if prev.is_some_and(|p| p != route) {
            focus_main();
        }
        route
    });

    start_feed_sync(state);
    sw::register(move || state.update_ready.set(true));

    view! {
        <button type="button" class="skip-link" on:click=move |_| focus_main()>
            {move || state.tr("本文へ移動", "Skip to content")}
        </button>
        <AppHeader/>
        <div class="notices">
            <UpdateBanner/>
            <FeedNotice/>
            <StorageNotice/>
        </div>
        <main id="main" class="main" tabindex="-1">
            {move || pages::render(state.route.get())}
        </main>
        <Freshness/>
        <TabBar/>
    }
}

fn focus_main() {
    use wasm_bindgen::JsCast;
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Use the cached feed at once, then refresh it from the network. A bad answer keeps the
/// last good copy and records the problem for the notice.
fn start_feed_sync(state: AppState) {
    let root = match crate::domain::keys::root_key(PRODUCTION) {
        Ok(root) => root,
        Err(e) => {
            // A production build without its root key cannot trust any feed.
            state.feed.update(|f| {
                f.problem = Some(FeedProblem::Invalid(crate::domain::feed::FeedError::Invalid {
                    path: "keys".into(),
                    reason: e.to_string(),
                }))
            });
            return;
        }
    };
    match storage::load::<CachedFeed>() {
        Loaded::Clean(cached) => match parse_feed(&cached.body, &root) {
            Ok(feed) => state.feed.set(FeedState {
                feed: Some(Arc::new(feed)),
                last_good: cached.fetched_at,
                problem: None,
                checking: true,
            }),
            Err(_) => state
                .feed
                .update(|f| f.problem = Some(FeedProblem::CacheDamaged)),
        },
        Loaded::Missing => state.feed.update(|f| f.checking = true),
        _ => state
            .feed
            .update(|f| f.problem = Some(FeedProblem::CacheDamaged)),
    }
    leptos::task::spawn_local(async move {
        let result = fetch::get_text(FEED_URL, FEED_MAX_BYTES).await;
        let problem = match result {
            Ok(fetched) => match parse_feed(&fetched.text, &root) {
                Ok(feed) if !fetched.from_sw_cache => {
                    let now = clock::now();
                    let cached = CachedFeed {
                        body: fetched.text,
                        fetched_at: Some(now),
                    };
                    if let Err(e) = storage::save(&cached) {
                        state.storage_problem.set(Some(e.to_string()));
                    }
                    state.feed.set(FeedState {
                        feed: Some(Arc::new(feed)),
                        last_good: Some(now),
                        problem: None,
                        checking: false,
                    });
                    return;
                }
                Ok(feed) => {
                    // Offline copy from the service worker: use it only if we have nothing.
                    if state.feed.with_untracked(|f| f.feed.is_none()) {
                        state.feed.update(|f| f.feed = Some(Arc::new(feed)));
                    }
                    FeedProblem::Offline
                }
                Err(e) => FeedProblem::Invalid(e),
            },
            Err(fetch::FetchError::Offline) => FeedProblem::Offline,
            Err(e) => FeedProblem::Fetch(e),
        };
        state.feed.update(|f| {
            f.problem = Some(problem);
            f.checking = false;
        });
    });
}

//! The root component: state, routing, feed sync, service worker, layout.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::{
    app_header::AppHeader, feed_notice::FeedNotice, freshness::Freshness,
    storage_notice::StorageNotice, tab_bar::TabBar, update_banner::UpdateBanner,
};
use crate::domain::feed::{parse_feed_parts, CachedFeedAt, Feed, FeedError, FEED_MAX_BYTES};
use crate::domain::shared::persist::{Loaded, Settings};
use crate::domain::shared::text::Lang;
use crate::domain::tickets::wallet_record::WalletRecord;
use crate::platform::{clock, fetch, storage, sw};
use crate::routes::{Entry, Route};
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

/// Go to `route` from entry page `here`: by its fragment within the same entry, else by
/// loading the other entry page.
pub fn navigate(here: Entry, route: &Route) {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    if route.entry() == here {
        let _ = location.set_hash(&route.href());
    } else {
        let _ = location.replace(&route.link_from(here));
    }
}

/// How an entry page validates a feed text (only the sections it shows).
pub type FeedParser = fn(&str) -> Result<Feed, FeedError>;

/// The career health room's feed parser: envelope, schedule, questionnaires, help lines.
pub fn parse_home_feed(text: &str) -> Result<Feed, FeedError> {
    parse_feed_parts::<true, false>(text, None)
}

/// The tickets page's feed parser: envelope and the root-signed keys, shops, used tickets.
pub fn parse_tickets_feed(text: &str) -> Result<Feed, FeedError> {
    let root =
        crate::domain::tickets::keys::root_key(PRODUCTION).map_err(|e| FeedError::Invalid {
            path: "keys".into(),
            reason: e.to_string(),
        })?;
    parse_feed_parts::<false, true>(text, Some(&root))
}

/// The scanner page's feed parser: the envelope only (it shows no feed data).
pub fn parse_scan_feed(text: &str) -> Result<Feed, FeedError> {
    parse_feed_parts::<false, false>(text, None)
}

/// What an entry page starts besides its UI (feed sync; the wallet on the tickets page).
/// A function pointer chosen in each `main`, so one page's start-up code (e.g. the wallet)
/// is not linked into the other pages' WebAssembly.
pub type Startup = fn(AppState, FeedParser);

/// Start-up of the career health room page: feed sync.
pub fn start_home(state: AppState, parse: FeedParser) {
    start_feed_sync::<0>(state, parse);
}

/// Start-up of the tickets page: the wallet, then feed sync.
pub fn start_tickets(state: AppState, parse: FeedParser) {
    start_wallet(state);
    start_feed_sync::<1>(state, parse);
}

/// Start-up of the scanner page: feed sync.
pub fn start_scan(state: AppState, parse: FeedParser) {
    start_feed_sync::<2>(state, parse);
}

/// Start-up of the self-check page: feed sync.
pub fn start_checks(state: AppState, parse: FeedParser) {
    start_feed_sync::<3>(state, parse);
}

/// Mount the app of one entry page (called from `main`).
pub fn mount(entry: Entry, render: fn(Route) -> AnyView, parse: FeedParser, start: Startup) {
    leptos::mount::mount_to_body(
        move || view! { <App entry=entry render=render parse=parse start=start/> },
    );
}

/// The app of one entry page.
#[component]
pub fn App(
    /// Which entry page this is.
    entry: Entry,
    /// The entry's pages.
    render: fn(Route) -> AnyView,
    /// The entry's feed parser.
    parse: FeedParser,
    /// The entry's start-up (feed sync, wallet).
    start: Startup,
) -> impl IntoView {
    let settings = storage::load::<Settings>();
    let state = AppState::provide(
        entry,
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

    start(state, parse);
    sw::register(move || state.update_ready.set(true));

    // The whole UI is rebuilt when the language changes: static text is then plain text
    // (`state.t`), not one reactive closure per string.
    move || {
        state.lang.track();
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
                {move || {
                    let route = state.route.get();
                    if route.entry() != state.entry {
                        // A route of the other entry page (an old or hand-made link).
                        let _ = web_sys::window().map(|w| w.location().replace(&route.link_from(state.entry)));
                    }
                    render(route)
                }}
            </main>
            <Freshness/>
            <TabBar/>
        }
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
fn start_feed_sync<const ENTRY: u8>(state: AppState, parse: FeedParser) {
    match storage::load::<CachedFeedAt<ENTRY>>() {
        Loaded::Clean(cached) => match parse(&cached.body) {
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
            Ok(fetched) => match parse(&fetched.text) {
                Ok(feed) if !fetched.from_sw_cache => {
                    let now = clock::now();
                    let cached = CachedFeedAt::<ENTRY> {
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

/// Load the wallet, save it whenever it changes, and ask the browser to keep our storage
/// once the wallet holds tickets. ("Used per the feed" is computed at read time from the
/// feed's signed used data: `WalletEntry::status_at`, `Wallet::balance_at`.)
fn start_wallet(state: AppState) {
    let loaded = storage::load::<WalletRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    state.wallet.set(loaded.into_value().into_wallet());
    Effect::new(move |prev: Option<usize>| {
        let (len, record) = state
            .wallet
            .with(|w| (w.len(), WalletRecord::from_wallet(w)));
        if prev.is_some() {
            if let Err(e) = storage::save(&record) {
                state.report_storage(e);
            }
        }
        if len > 0 && prev.is_none_or(|p| p == 0) {
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
        }
        len
    });
}

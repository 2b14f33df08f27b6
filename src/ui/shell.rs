//! The root component: state, routing, feed sync, service worker, layout.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::feed::{self, Feed, FeedError, Wanted, FEED_MAX_BYTES};
use crate::domain::shared::persist::Settings;
use crate::domain::shared::text::Lang;
use crate::platform::{clock, fetch, storage, sw};
use crate::site::routes::Route;
use crate::site::{Nav, Page};
use crate::ui::components::{
    app_header::AppHeader, feed_notice::FeedNotice, freshness::Freshness,
    storage_notice::StorageNotice, tab_bar::TabBar, update_banner::UpdateBanner,
};
use crate::ui::feed_cache;
use crate::ui::state::{AppState, FeedProblem, FeedState};

/// A production build (`--features production`): demo tickets and keys are refused.
pub const PRODUCTION: bool = cfg!(feature = "production");

pub use crate::site::FEED_URL;

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The route in the address bar, or the app's first screen when there is no fragment.
fn current_route(app: &Page) -> Route {
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

/// How an app validates a feed text (only the sections it shows).
pub type FeedParser = fn(&str) -> Result<Feed, FeedError>;

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

/// Remove the entry page's static 「読み込み中…」 and its static shell, if any (see
/// `site::html::entry_html`), and show the app: it runs (`Reveal`; the app is hidden until then,
/// `STARTING`). Called in the same task as the app's first content is built: no frame
/// shows both, or neither.
fn remove_loading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in ["app-shell", "app-loading"] {
        if let Some(el) = document.get_element_by_id(id) {
            el.remove();
        }
    }
    if let Some(body) = document.body() {
        let _ = body.remove_attribute(STARTING);
    }
}

/// When the app's screen is built and shown. Its frame (header, notices, tab bar) is built
/// when the app mounts; the screen's content in a later task of its own, once the feed is
/// in on a first visit (it has come or failed, or `FIRST_FEED_WAIT` has passed: no content
/// drawn twice, first without the feed), at once otherwise. The screen is shown (the
/// loading line and shell removed) in that same task: never half-built, never pushed down
/// by the feed's content arriving after it.
#[derive(Clone, Copy)]
struct Reveal {
    /// The screen's content may be built (read by the `<main>` of `App`).
    built: RwSignal<bool>,
    feed_done: StoredValue<bool>,
}

impl Reveal {
    fn new() -> Self {
        Self {
            built: RwSignal::new(false),
            feed_done: StoredValue::new(false),
        }
    }

    /// The feed is in, or not awaited: build and show the content in the next task.
    fn feed_done(self) {
        if self.feed_done.get_value() {
            return;
        }
        self.feed_done.set_value(true);
        set_timeout(
            move || {
                self.built.set(true);
                // The content is drawn by the effect this wakes, before the next frame.
                remove_loading();
            },
            std::time::Duration::ZERO,
        );
    }
}

/// The `<body>` attribute that keeps the app's screen hidden (`style/main.css`) while the
/// loading line (and the static shell) shows.
const STARTING: &str = "data-starting";

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
                <p>"このアプリは、ほかのサイトの中では開けません。 / This app does not run inside another site."</p></main>
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

    // Routing: the hash is the source of truth.
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        state.route.set(current_route(app));
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
            // Each screen starts at its top, as in any app (after the focus, which may
            // scroll the main area into view below the header).
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
        route
    });

    // The first screen is shown once, complete: on a first visit (no stored feed) the
    // entry page's 「読み込み中…」 stays, and the screen hidden, until the feed has come (its
    // request started while the WebAssembly loaded) or failed, or at most
    // `FIRST_FEED_WAIT`. Shown earlier, the screen would jump as the feed's content pushed
    // it down.
    let reveal = Reveal::new();
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute(STARTING, "");
    }
    let waiting = app
        .feed_cache_key()
        .is_some_and(|key| start_feed_sync(state, parse, key, reveal));
    if !waiting {
        reveal.feed_done();
    }
    start(state);
    sw::register(move || state.update_ready.set(true));
    // The screen's content is built in a task after the frame around it (header, notices,
    // tab bar): shorter pauses of a phone's main thread than one long one (`Reveal`).
    let built = reveal.built;

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
                }}
            </main>
            <Freshness/>
            {(state.page.nav == Nav::Holder).then(|| view! { <TabBar/> })}
        }
    }
}

/// How long a first visit waits for the feed before drawing the screen without it (it is
/// then drawn with 「確認中」 and filled in when the feed comes).
const FIRST_FEED_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

pub use crate::ui::focus::focus_soon;

fn focus_main() {
    crate::ui::focus::focus_now("main");
}

/// Use the stored feed at once (`ui::feed_cache`), then refresh it from the network. A bad
/// answer keeps the last good copy and records the problem for the notice. `true` when
/// nothing was stored: the app's screen then waits, hidden, for this fetch.
fn start_feed_sync(state: AppState, parse: FeedParser, key: &'static str, reveal: Reveal) -> bool {
    match feed_cache::load(key, parse) {
        feed_cache::Stored::Found { feed, fetched_at } => state.feed.set(FeedState {
            feed: Some(feed),
            last_good: fetched_at,
            problem: None,
            checking: true,
            fresh: false,
        }),
        feed_cache::Stored::Nothing => state.feed.update(|f| f.checking = true),
        feed_cache::Stored::Damaged => state.feed.update(|f| {
            f.problem = Some(FeedProblem::CacheDamaged);
            f.checking = true;
        }),
    }
    // Nothing stored to show: the first screen waits for this fetch (see `App`).
    let waiting = state.feed.with_untracked(|f| f.feed.is_none());
    if waiting {
        set_timeout(move || reveal.feed_done(), FIRST_FEED_WAIT);
    }
    leptos::task::spawn_local(async move {
        fetch_feed(state, parse, key).await;
        reveal.feed_done();
    });
    waiting
}

/// Fetch the feed; keep it if it parses, else record the problem (the last good copy stays).
async fn fetch_feed(state: AppState, parse: FeedParser, key: &'static str) {
    let result = fetch::get_text(FEED_URL, FEED_MAX_BYTES).await;
    // The feed requested by the entry page is usually in before the app starts: checking it
    // then is a task of its own, not part of building the app's first frame.
    crate::platform::tasks::yield_now().await;
    let problem = match result {
        Ok(fetched) => match parse(&fetched.text) {
            Ok(feed) if !fetched.from_sw_cache => {
                // Checking the feed and drawing what it changes: two tasks, not one.
                crate::platform::tasks::yield_now().await;
                let now = clock::now();
                if let Err(e) = feed_cache::remember(key, fetched.text, now) {
                    state.storage_problem.set(Some(e.to_string()));
                }
                state.feed.set(FeedState {
                    feed: Some(Arc::new(feed)),
                    last_good: Some(now),
                    problem: None,
                    checking: false,
                    fresh: true,
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
}

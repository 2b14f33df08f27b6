//! The app's one narrow shared state, provided as context.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::feed::{Feed, FeedError};
use crate::domain::shared::persist::QuarantineList;
use crate::domain::shared::text::Lang;
use crate::platform::fetch::FetchError;
use crate::site::routes::Route;
use crate::site::Page;

/// Why the last feed refresh did not bring new data.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedProblem {
    /// The network did not answer (or the service worker answered from its cache).
    Offline,
    /// The server answered, but not with a feed.
    Fetch(FetchError),
    /// The answer was not a valid feed.
    Invalid(FeedError),
    /// The cached copy in storage was unreadable.
    CacheDamaged,
}

/// The feed as the app knows it.
#[derive(Debug, Clone, Default)]
pub struct FeedState {
    /// The feed in use (the last good one), if any.
    pub feed: Option<Arc<Feed>>,
    /// When the feed in use was fetched.
    pub last_good: Option<DateTime<Utc>>,
    /// What went wrong with the latest refresh, if anything.
    pub problem: Option<FeedProblem>,
    /// A refresh is in flight.
    pub checking: bool,
    /// The feed in use came from the network in this visit (not from a cache).
    pub fresh: bool,
}

/// Shared app state. Copy: it only holds signal handles.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// Which page this is (its row in the page table).
    pub page: &'static Page,
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub feed: RwSignal<FeedState>,
    pub quarantine: RwSignal<QuarantineList>,
    /// A storage write failed (e.g. full): shown until dismissed.
    pub storage_problem: RwSignal<Option<String>>,
    /// A new app version is installed and waiting.
    pub update_ready: RwSignal<bool>,
    /// The service worker has just kept this page's audience for offline use, for the
    /// first time on this device: said once, in the freshness line.
    pub offline_ready: RwSignal<bool>,
}

impl AppState {
    /// Create the state and provide it as context.
    pub fn provide(page: &'static Page, lang: Lang, route: Route) -> Self {
        let state = AppState {
            page,
            lang: RwSignal::new(lang),
            route: RwSignal::new(route),
            feed: RwSignal::new(FeedState::default()),
            quarantine: RwSignal::new(QuarantineList::default()),
            storage_problem: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            offline_ready: RwSignal::new(false),
        };
        provide_context(state);
        state
    }

    /// The state provided by [`App`](crate::ui::shell::App).
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Translate with the current language (reactive: re-runs the enclosing closure when
    /// the language changes).
    pub fn tr(&self, ja: &'static str, en: &'static str) -> &'static str {
        crate::ui::i18n::tr(self.lang.get(), ja, en)
    }

    /// Translate with the current language, untracked. The whole UI is rebuilt when the
    /// language changes (`ui::shell::App` keys it on the language), so static text needs no reactive closure of its own:
    /// one closure per string would cost ~0.3 KB of WebAssembly each.
    pub fn t(&self, ja: &'static str, en: &'static str) -> &'static str {
        crate::ui::i18n::tr(self.lang.get_untracked(), ja, en)
    }
}

impl AppState {
    /// The feed in use, if any (reactive).
    pub fn feed(&self) -> Option<Arc<Feed>> {
        self.feed.with(|f| f.feed.clone())
    }

    /// A link to `route` from this app's page.
    pub fn link(&self, route: Route) -> String {
        route.link_from(self.page)
    }

    /// Record a storage failure for the notice.
    pub fn report_storage(&self, e: impl std::fmt::Display) {
        self.storage_problem.set(Some(e.to_string()));
    }
}

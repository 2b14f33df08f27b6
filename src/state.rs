//! The app's one narrow shared state, provided as context.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::feed::{Feed, FeedError};
use crate::domain::persist::QuarantineList;
use crate::domain::text::Lang;
use crate::platform::fetch::FetchError;
use crate::routes::Route;

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
}

/// Shared app state. Copy: it only holds signal handles.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub feed: RwSignal<FeedState>,
    pub quarantine: RwSignal<QuarantineList>,
    /// A storage write failed (e.g. full): shown until dismissed.
    pub storage_problem: RwSignal<Option<String>>,
    /// A new app version is installed and waiting.
    pub update_ready: RwSignal<bool>,
}

impl AppState {
    /// Create the state and provide it as context.
    pub fn provide(lang: Lang, route: Route) -> Self {
        let state = AppState {
            lang: RwSignal::new(lang),
            route: RwSignal::new(route),
            feed: RwSignal::new(FeedState::default()),
            quarantine: RwSignal::new(QuarantineList::default()),
            storage_problem: RwSignal::new(None),
            update_ready: RwSignal::new(false),
        };
        provide_context(state);
        state
    }

    /// The state provided by [`App`](crate::app::App).
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Translate with the current language (reactive).
    pub fn tr(&self, ja: &'static str, en: &'static str) -> &'static str {
        crate::i18n::tr(self.lang.get(), ja, en)
    }
}

//! The feed's offline copies in browser storage: the one place that reads and writes them.
//!
//! The feed lives in three places once a page has been online:
//!
//! 1. **Each app's own last good copy** (`Page::feed_cache_key`, e.g.
//!    `jokatsu.feed.tickets`): the text this app last fetched from the network and accepted.
//! 2. **The shared latest copy** ([`SHARED_FEED_KEY`], `jokatsu.feed.latest`): the text any
//!    page last fetched and accepted. It is what lets a page never opened before (c.html
//!    after a visit to the home page only) show the feed offline.
//! 3. **The service worker's cache** (`jokatsu-feed` in `public/sw.js`): the feed is fetched
//!    into it when the worker installs and refreshed on every online fetch; offline, it
//!    answers the page's request, marked with `x-jokatsu-cache` (`platform::fetch`).
//!
//! Every stored text is re-validated by the reading page's own parser (only the sections
//! it shows), so one page's looser validation never reaches another page; the trust data
//! (key list, used data) has its own sequenced record (`ui::trust`) that a cached feed
//! never moves backwards.
//!
//! API: [`load`] at start-up (the newest stored copy this page accepts, and when it was
//! fetched, for the freshness line); [`remember`] after a fresh network fetch that parsed.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::domain::feed::{last_good_order, CachedFeed, Feed, SHARED_FEED_KEY};
use crate::domain::shared::persist::Loaded;
use crate::platform::storage::{self, StorageError};
use crate::ui::shell::FeedParser;

/// What [`load`] found in storage.
pub enum Stored {
    /// A stored feed this page accepts.
    Found {
        feed: Arc<Feed>,
        /// When that copy was fetched from the network (shown as 最終更新).
        fetched_at: Option<DateTime<Utc>>,
    },
    /// Nothing stored yet.
    Nothing,
    /// Something was stored but none of it is readable by this page.
    Damaged,
}

/// The newest stored feed (this page's own copy or the shared latest copy) that `parse`
/// accepts.
pub fn load(own_key: &str, parse: FeedParser) -> Stored {
    let own = storage::load_from::<CachedFeed>(own_key);
    let shared = storage::load_from::<CachedFeed>(SHARED_FEED_KEY);
    // Nothing of this page's is damaged: its own copy is missing and the shared one is
    // missing or readable (a shared feed this page does not accept is another page's).
    let nothing =
        matches!(own, Loaded::Missing) && matches!(shared, Loaded::Missing | Loaded::Clean(_));
    let (own, shared) = (clean(own), clean(shared));
    for cached in last_good_order(own.as_ref(), shared.as_ref()) {
        if let Ok(feed) = parse(&cached.body) {
            return Stored::Found {
                feed: Arc::new(feed),
                fetched_at: cached.fetched_at,
            };
        }
    }
    if nothing {
        Stored::Nothing
    } else {
        Stored::Damaged
    }
}

fn clean(loaded: Loaded<CachedFeed>) -> Option<CachedFeed> {
    match loaded {
        Loaded::Clean(c) => Some(c),
        _ => None,
    }
}

/// Store `text`, just fetched from the network and accepted by this page's parser, as this
/// page's own last good copy and as the shared latest copy.
pub fn remember(own_key: &str, text: String, now: DateTime<Utc>) -> Result<(), StorageError> {
    let cached = CachedFeed {
        body: text,
        fetched_at: Some(now),
    };
    let own = storage::save_to(own_key, &cached);
    let shared = storage::save_to(SHARED_FEED_KEY, &cached);
    own.and(shared)
}

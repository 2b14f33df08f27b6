//! Feed sync: the stored feed at once, then the network's; a bad answer keeps the last
//! good copy and records the problem for the notice.

use std::sync::Arc;

use leptos::prelude::*;

use super::reveal::Reveal;
use super::FEED_URL;
use crate::domain::feed::{Feed, FeedError, FEED_MAX_BYTES};
use crate::platform::{clock, fetch};
use crate::ui::feed_cache;
use crate::ui::state::{AppState, FeedProblem, FeedState};

/// How an app validates a feed text (only the sections it shows).
pub type FeedParser = fn(&str) -> Result<Feed, FeedError>;

/// How long a first visit waits for the feed before drawing the screen without it (it is
/// then drawn with 「確認中」 and filled in when the feed comes).
const FIRST_FEED_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Use the stored feed at once (`ui::feed_cache`), then refresh it from the network. A bad
/// answer keeps the last good copy and records the problem for the notice. `true` when
/// nothing was stored: the app's screen then waits, hidden, for this fetch.
pub(super) fn start_feed_sync(
    state: AppState,
    parse: FeedParser,
    key: &'static str,
    reveal: Reveal,
) -> bool {
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
        let fresh = fetch_feed(state, parse).await;
        reveal.feed_done();
        if let Some((text, at)) = fresh {
            // Stored after the screen is built and drawn (`feed_done` builds it in the next
            // task; a frame comes in between): two copies of the feed's ~55 KB, encoded and
            // written, took ~25–30 ms of a first visit's start-up at 4× CPU (profiled).
            crate::platform::tasks::sleep_ms(KEEP_AFTER_MS).await;
            if let Err(e) = feed_cache::remember(key, text, at) {
                state.storage_problem.set(Some(e.to_string()));
            }
        }
    });
    waiting
}

/// How long after the screen is shown a fresh feed is stored (`start_feed_sync`): after
/// the first frame, before anyone could have read the screen and closed it.
const KEEP_AFTER_MS: i32 = 100;

/// Fetch the feed; use it if it parses, else record the problem (the last good copy stays).
/// A fresh feed in use is returned with its time, for the caller to store.
async fn fetch_feed(
    state: AppState,
    parse: FeedParser,
) -> Option<(String, chrono::DateTime<chrono::Utc>)> {
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
                state.feed.set(FeedState {
                    feed: Some(Arc::new(feed)),
                    last_good: Some(now),
                    problem: None,
                    checking: false,
                    fresh: true,
                });
                return Some((fetched.text, now));
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
    None
}

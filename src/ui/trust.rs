//! The trust data in force on a page that verifies tickets (wallet, shop): the last
//! accepted key list and used data, kept in storage (`jokatsu.trust`) across feeds. A feed
//! without a `keys` section, with an invalid one, or with an older sequence never replaces
//! it (`domain::tickets::core::trust`); such a feed is named in a notice.
//!
//! Every tab of the origin shares the record, so trust only moves forward in all of them:
//! a save is read-merge-write ([`Trust::merge_record`] of what is stored now, then write),
//! and a tab follows what another tab stores (the `storage` event).

use leptos::prelude::*;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::persist::Persisted;
use crate::domain::tickets::core::keys::root_key;
use crate::domain::tickets::core::trust::{Trust, TrustNotice, TrustRecord};
use crate::platform::{clock, storage};
use crate::ui::shell::PRODUCTION;
use crate::ui::state::AppState;

/// The trust data in force on this page (only the pages that verify tickets start it, so
/// the others carry none of its code).
#[derive(Debug, Clone, Copy)]
pub struct TrustState {
    /// The key list and used data in force.
    pub trust: RwSignal<Trust>,
    /// What the latest update refused or warns about (rolled back, expired…).
    pub notices: RwSignal<Vec<TrustNotice>>,
}

thread_local! {
    // The page's trust data, set once by [`start`]. Not a Leptos context: actions run in
    // event handlers and async tasks, where no reactive owner is there to look one up.
    static CURRENT: std::cell::Cell<Option<TrustState>> = const { std::cell::Cell::new(None) };
}

impl TrustState {
    /// The trust data set up by [`start`] (empty signals on a page that never started it).
    pub fn expect() -> Self {
        CURRENT.with(std::cell::Cell::get).unwrap_or_else(|| {
            let empty = TrustState {
                trust: RwSignal::new(Trust::default()),
                notices: RwSignal::new(Vec::new()),
            };
            CURRENT.with(|c| c.set(Some(empty)));
            empty
        })
    }
}

/// Load the stored trust data, then take in each freshly fetched feed.
pub fn start(state: AppState) {
    let ts = TrustState {
        trust: RwSignal::new(Trust::default()),
        notices: RwSignal::new(Vec::new()),
    };
    CURRENT.with(|c| c.set(Some(ts)));
    let Ok(root) = root_key(PRODUCTION) else {
        return;
    };
    let loaded = storage::load::<TrustRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    let (trust, notices) = Trust::from_record(&loaded.into_value(), &root);
    let today = jst_today(clock::now());
    let mut all = notices;
    all.extend(trust.warnings(today));
    ts.trust.set(trust);
    ts.notices.set(all);
    Effect::new(move |_| {
        let (feed, fresh) = state.feed.with(|f| (f.feed.clone(), f.fresh));
        let Some(feed) = feed else {
            return;
        };
        let empty = ts.trust.with_untracked(|t| t.keys().is_empty());
        // Only a feed fresh from the network moves the trust data forward (a page's own
        // cached copy may be older than what another page already accepted).
        if !fresh && !empty {
            return;
        }
        let today = jst_today(clock::now());
        // What other tabs stored since (a missed `storage` event, a page restored from the
        // back-forward cache) first, so the feed is judged against the newest trust data.
        let stored = storage::load::<TrustRecord>().into_value();
        let mut notices = ts
            .trust
            .try_update(|t| t.merge_record(&stored, &root).notices)
            .unwrap_or_default();
        let update = ts
            .trust
            .try_update(|t| t.update(&feed.sections, &root, today))
            .unwrap_or_default();
        notices.extend(update.notices);
        if update.keys_changed || update.used_changed {
            notices.extend(save_merged(state, ts, &root));
        }
        notices.extend(ts.trust.with_untracked(|t| t.warnings(today)));
        ts.notices.set(notices);
    });
    // Another tab stored newer trust data (a key rotation, newer used data): take it in
    // here at once, so this tab neither verifies with the old list nor saves it back.
    storage::on_changed_elsewhere(<TrustRecord as Persisted>::KEY, move || {
        let stored = storage::load::<TrustRecord>().into_value();
        let update = ts
            .trust
            .try_update(|t| t.merge_record(&stored, &root))
            .unwrap_or_default();
        if !update.notices.is_empty() {
            ts.notices.update(|n| n.extend(update.notices));
        }
    });
}

/// Read-merge-write: re-read the stored record, merge it into this tab's trust (the
/// higher key list and the higher used data, each on its own, floors joined), write the
/// result. A tab opened before a key rotation thus never writes its old list back.
/// Returns what the merge has to say (held used data dropped by a newer stored list).
fn save_merged(
    state: AppState,
    ts: TrustState,
    root: &ed25519_dalek::VerifyingKey,
) -> Vec<TrustNotice> {
    let stored = storage::load::<TrustRecord>().into_value();
    let notices = ts
        .trust
        .try_update(|t| t.merge_record(&stored, root).notices)
        .unwrap_or_default();
    let record = ts.trust.with_untracked(Trust::to_record);
    if let Err(e) = storage::save(&record) {
        state.report_storage(e);
    }
    notices
}

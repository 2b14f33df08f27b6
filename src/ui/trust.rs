//! The trust data in force on a page that verifies tickets (wallet, shop): the last
//! accepted key list and used data, kept in storage (`jokatsu.trust`) across feeds. A feed
//! without a `keys` section, with an invalid one, or with an older sequence never replaces
//! it (`domain::tickets::trust`); such a feed is named in a notice.

use leptos::prelude::*;

use crate::domain::shared::date::jst_today;
use crate::domain::tickets::keys::root_key;
use crate::domain::tickets::trust::{Trust, TrustRecord};
use crate::platform::{clock, storage};
use crate::ui::shell::PRODUCTION;
use crate::ui::state::AppState;

/// Load the stored trust data, then take in each freshly fetched feed.
pub fn start(state: AppState) {
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
    state.trust.set(trust);
    state.trust_notices.set(all);
    Effect::new(move |_| {
        let (feed, fresh) = state.feed.with(|f| (f.feed.clone(), f.fresh));
        let Some(feed) = feed else {
            return;
        };
        let empty = state.trust.with_untracked(|t| t.keys().is_empty());
        // Only a feed fresh from the network moves the trust data forward (a page's own
        // cached copy may be older than what another page already accepted).
        if !fresh && !empty {
            return;
        }
        let today = jst_today(clock::now());
        let update = state
            .trust
            .try_update(|t| t.update(&feed.sections, &root, today))
            .unwrap_or_default();
        if update.keys_changed || update.used_changed {
            let record = state.trust.with_untracked(Trust::to_record);
            if let Err(e) = storage::save(&record) {
                state.report_storage(e);
            }
        }
        let mut notices = update.notices;
        notices.extend(state.trust.with_untracked(|t| t.warnings(today)));
        state.trust_notices.set(notices);
    });
}

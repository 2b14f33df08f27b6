//! The wallet's start-up on the tickets page.

use leptos::prelude::*;

use crate::domain::tickets::wallet_record::WalletRecord;
use crate::platform::{clock, storage};
use crate::ui::state::AppState;

/// Load the wallet, save it whenever it changes, mark tickets the feed reports as used, and
/// ask the browser to keep our storage once the wallet holds tickets.
pub fn start_wallet(state: AppState) {
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
    // Tickets the feed reports as settled are marked used: when the feed arrives and when
    // tickets are added (a second pass finds nothing to change, so this settles).
    Effect::new(move |_| {
        state.wallet.track();
        if let Some(feed) = state.feed() {
            let now = clock::now();
            let changed = state
                .wallet
                .try_update_untracked(|w| w.apply_used(&feed.sections.used, now))
                .unwrap_or(0);
            if changed > 0 {
                state.wallet.notify();
            }
        }
    });
}

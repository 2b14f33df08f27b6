//! Shop mode's start-up: load the till's setup and ledger, save the ledger by
//! read-merge-write whenever it changes, follow other tabs, and keep the trust data (key
//! list, used data) current.

use leptos::prelude::*;

use crate::domain::shared::persist::{Loaded, Persisted};
use crate::domain::tickets::shop::ledger::{merge, Ledger, LedgerRecord};
use crate::domain::tickets::shop::till::ShopSetupRecord;
use crate::features::shop::state::ShopState;
use crate::platform::storage;
use crate::ui::state::AppState;

/// The ledger as stored now, or why it must not be overwritten.
fn stored_ledger(state: AppState) -> Result<Ledger, ()> {
    match storage::load::<LedgerRecord>() {
        Loaded::Missing => Ok(Ledger::new()),
        Loaded::Clean(r) | Loaded::Salvaged(r, _) => Ok(r.into_ledger()),
        Loaded::Unreadable(_, q) => {
            // Never overwrite what we cannot read until its copy is safely set aside.
            match storage::add_to_quarantine(vec![q]) {
                Ok(list) => {
                    state.quarantine.set(list);
                    Ok(Ledger::new())
                }
                Err(e) => {
                    state.report_storage(e);
                    Err(())
                }
            }
        }
    }
}

/// Save the ledger: read what is stored now (another tab may have redeemed), merge, and
/// write the union. Returns the merged ledger when it differs from ours.
pub fn save_merged(state: AppState, shop: ShopState) -> Option<Ledger> {
    let stored = stored_ledger(state).ok()?;
    let mine = shop.ledger.with_untracked(Clone::clone);
    let (merged, _) = merge(stored.clone(), mine.clone());
    if merged != stored {
        if let Err(e) = storage::save(&LedgerRecord::from_ledger(&merged)) {
            state.report_storage(e);
        }
    }
    (merged != mine).then_some(merged)
}

fn load_setup(state: AppState) -> ShopSetupRecord {
    let loaded = storage::load::<ShopSetupRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    loaded.into_value()
}

/// Load the setup and the ledger, save the ledger (merged) whenever it changes, follow
/// other tabs, and start the trust data.
pub fn start_shop(state: AppState) {
    let shop = ShopState::provide();
    shop.setup.set(load_setup(state).setup);
    let loaded = storage::load::<LedgerRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    shop.ledger.set(loaded.into_value().into_ledger());
    Effect::new(move |prev: Option<()>| {
        shop.ledger.track();
        if prev.is_some() {
            if let Some(merged) = save_merged(state, shop) {
                shop.ledger.set(merged);
            }
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
        }
    });
    // Another tab saved: take in what it added (nothing of ours is dropped).
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key.as_deref() == Some(LedgerRecord::KEY) {
            if let Ok(stored) = stored_ledger(state) {
                let mine = shop.ledger.with_untracked(Clone::clone);
                let (merged, _) = merge(stored, mine.clone());
                if merged != mine {
                    shop.ledger.set(merged);
                }
            }
        } else if key.as_deref() == Some(ShopSetupRecord::KEY) {
            shop.setup.set(load_setup(state).setup);
        }
    });
    crate::ui::trust::start(state);
}

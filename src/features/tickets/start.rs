//! The wallet's start-up on the tickets page: load, save by read-merge-write, follow other
//! tabs, and keep the trust data (key list, used data) current.

use leptos::prelude::*;

use crate::domain::shared::persist::{Loaded, Persisted};
use crate::domain::tickets::holder::record::WalletRecord;
use crate::domain::tickets::holder::wallet::{merge, Wallet};
use crate::features::tickets::state::wallet;
use crate::platform::storage;
use crate::ui::state::AppState;

/// The wallet as stored now, or why it must not be overwritten.
fn stored_wallet(state: AppState) -> Result<Wallet, ()> {
    match storage::load::<WalletRecord>() {
        Loaded::Missing => Ok(Wallet::default()),
        Loaded::Clean(r) | Loaded::Salvaged(r, _) => Ok(r.into_wallet()),
        Loaded::Unreadable(_, q) => {
            // Never overwrite what we cannot read until its copy is safely set aside.
            match storage::add_to_quarantine(vec![q]) {
                Ok(list) => {
                    state.quarantine.set(list);
                    Ok(Wallet::default())
                }
                Err(e) => {
                    state.report_storage(e);
                    Err(())
                }
            }
        }
    }
}

/// Save the wallet: read what is stored now (another tab may have changed it), merge, and
/// write the union. Returns the merged wallet when it differs from ours.
fn save_merged(state: AppState) -> Option<Wallet> {
    let stored = stored_wallet(state).ok()?;
    let mine = wallet().with_untracked(Clone::clone);
    let merged = merge(&stored, &mine);
    if merged == stored {
        return (merged != mine).then_some(merged);
    }
    if let Err(e) = storage::save(&WalletRecord::from_wallet(&merged)) {
        state.report_storage(e);
    }
    (merged != mine).then_some(merged)
}

/// Load the wallet, save it (merged) whenever it changes, follow changes made in other
/// tabs, and ask the browser to keep our storage once the wallet holds tickets.
pub fn start_wallet(state: AppState) {
    let loaded = storage::load::<WalletRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    wallet().set(loaded.into_value().into_wallet());
    Effect::new(move |prev: Option<usize>| {
        let len = wallet().with(Wallet::len);
        if prev.is_some() {
            if let Some(merged) = save_merged(state) {
                wallet().set(merged);
            }
        }
        if len > 0 && prev.is_none_or(|p| p == 0) {
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
        }
        len
    });
    // Another tab saved the wallet: take in what it added (nothing of ours is dropped).
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(WalletRecord::KEY) {
            return;
        }
        if let Ok(stored) = stored_wallet(state) {
            let mine = wallet().with_untracked(Clone::clone);
            let merged = merge(&stored, &mine);
            if merged != mine {
                wallet().set(merged);
            }
        }
    });
    crate::ui::trust::start(state);
}

//! Shop mode's start-up: load the till's setup and ledger, save the ledger by
//! read-merge-write whenever it changes and follow other tabs (`ui::persist`), and keep
//! the trust data (key list, used data) current.

use leptos::prelude::*;

use crate::domain::shared::persist::Persisted;
use crate::domain::tickets::shop::claim_key::ShopClaimKeyRecord;
use crate::domain::tickets::shop::ledger::{merge, Ledger, LedgerRecord};
use crate::domain::tickets::shop::till::ShopSetupRecord;
use crate::features::shop::state::ShopState;
use crate::platform::storage;
use crate::site::routes::Route;
use crate::ui::persist::{start_merged, Merged};
use crate::ui::state::AppState;

fn load_setup(state: AppState) -> ShopSetupRecord {
    let loaded = storage::load::<ShopSetupRecord>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    loaded.into_value()
}

impl Merged for LedgerRecord {
    type Value = Ledger;
    fn into_value(self) -> Ledger {
        self.into_ledger()
    }
    fn of(value: &Ledger) -> Self {
        LedgerRecord::from_ledger(value)
    }
    /// The ledgers' union (the merge report is for the office's tools).
    fn merge(stored: &Ledger, mine: &Ledger) -> Ledger {
        merge(stored.clone(), mine.clone()).0
    }
}

/// Load the setup and the ledger, save the ledger (merged) whenever it changes, follow
/// other tabs, and start the trust data.
pub fn start_shop(state: AppState) {
    let shop = ShopState::provide();
    shop.setup.set(load_setup(state).setup);
    // Each change of the ledger asks the browser to keep our storage.
    start_merged::<LedgerRecord, ()>(state, shop.ledger, |prev, _| {
        if prev.is_some() {
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
        }
    });
    // Another tab changed the setup.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(ShopSetupRecord::KEY) {
            shop.setup.set(load_setup(state).setup);
        }
    });
    crate::ui::trust::start(state);
}

/// The back office's start-up (`shop-desk.html`): as [`start_shop`], and opened without a
/// screen in its address on a till that is not set up yet, it opens on the set-up (the
/// ledger is empty and nothing can be claimed until it is).
pub fn start_desk(state: AppState) {
    start_shop(state);
    let shop = ShopState::expect();
    let load_key = move || {
        let loaded = storage::load::<ShopClaimKeyRecord>();
        if !loaded.quarantined().is_empty() {
            state.quarantine.set(storage::quarantine());
        }
        shop.claim_key.set(loaded.into_value().key());
    };
    load_key();
    // Another tab made, restored or replaced the key.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(ShopClaimKeyRecord::KEY) {
            load_key();
        }
    });
    let not_set_up = ShopState::expect().setup.with_untracked(Option::is_none);
    if not_set_up && !crate::platform::history::has_fragment() {
        let _ = crate::platform::history::replace(&Route::ShopSetup.href());
        state.route.set(Route::ShopSetup);
    }
}

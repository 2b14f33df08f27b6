//! The wallet's start-up on the tickets page: load, save by read-merge-write, follow other
//! tabs (`ui::persist`), ask the browser to keep the storage, and keep the trust data (key
//! list, used data) current.

use crate::domain::tickets::holder::record::WalletRecord;
use crate::domain::tickets::holder::wallet::{merge, Wallet};
use crate::features::tickets::state::wallet;
use crate::platform::storage;
use crate::ui::persist::{start_merged, Merged};
use crate::ui::state::AppState;

impl Merged for WalletRecord {
    type Value = Wallet;
    fn into_value(self) -> Wallet {
        self.into_wallet()
    }
    fn of(value: &Wallet) -> Self {
        WalletRecord::from_wallet(value)
    }
    fn merge(stored: &Wallet, mine: &Wallet) -> Wallet {
        merge(stored, mine)
    }
}

/// Load the wallet, save it (merged) whenever it changes, follow changes made in other
/// tabs, and ask the browser to keep our storage once the wallet holds tickets.
pub fn start_wallet(state: AppState) {
    start_merged::<WalletRecord, usize>(state, wallet(), |prev, w| {
        let len = w.len();
        if len > 0 && prev.is_none_or(|p| p == 0) {
            leptos::task::spawn_local(async {
                let _ = storage::request_persistence().await;
            });
        }
        len
    });
    crate::ui::trust::start(state);
}

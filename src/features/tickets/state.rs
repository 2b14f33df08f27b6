//! The wallet pages' own state: the wallet, loaded and saved by `start.rs`. Only the pages
//! that show tickets start it (the schedule's, the self-checks' and the office's state
//! carry no wallet).

use leptos::prelude::*;

use crate::domain::tickets::holder::wallet::Wallet;

/// The wallet on this page. Copy: it only holds a signal handle.
#[derive(Debug, Clone, Copy)]
pub struct WalletState {
    pub wallet: RwSignal<Wallet>,
}

thread_local! {
    // Set once per page. Not a Leptos context: actions run in event handlers and async
    // tasks, where no reactive owner is there to look one up (as `ui::trust`).
    static CURRENT: std::cell::Cell<Option<WalletState>> = const { std::cell::Cell::new(None) };
}

impl WalletState {
    /// The page's wallet state (made empty on first use; `start.rs` loads it).
    pub fn expect() -> Self {
        CURRENT.with(std::cell::Cell::get).unwrap_or_else(|| {
            let empty = WalletState {
                wallet: RwSignal::new(Wallet::default()),
            };
            CURRENT.with(|c| c.set(Some(empty)));
            empty
        })
    }
}

/// The wallet signal of this page.
pub fn wallet() -> RwSignal<Wallet> {
    WalletState::expect().wallet
}

//! Shop mode's own context: the till's setup, its redemption ledger and the latest answer
//! shown at the till. Persisted by `start.rs` (one effect for the ledger).

use leptos::prelude::*;

use crate::domain::tickets::core::bundle::ScanError;
use crate::domain::tickets::core::ticket::{Ticket, Verdict};
use crate::domain::tickets::shop::claim_key::ShopClaimKey;
use crate::domain::tickets::shop::ledger::{Ledger, Redemption};
use crate::domain::tickets::shop::till::{ShopSetup, TillInput};

/// What the till shows after a scan, a redemption or an undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TillAnswer {
    /// A ticket was verified. `earlier` is this device's redemption when the verdict is
    /// "already used here".
    Checked {
        ticket: Box<Ticket>,
        verdict: Verdict,
        earlier: Option<Box<Redemption>>,
    },
    /// Not a ticket: a gift, a bundle, another site's address, text (with what it said,
    /// shortened: `till::excerpt`).
    NotATicket(TillInput, Option<String>),
    /// A ticket, but the till is not set up: nothing was judged.
    NotSetUp,
    /// The clerk accepted the ticket.
    Redeemed(Box<Redemption>),
    /// The clerk undid a redemption.
    Undone(Box<Redemption>),
    /// Something prevented the check or the redemption (no key list, storage).
    Problem(String),
}

impl TillAnswer {
    /// The `data-state` of the verdict panel.
    pub fn state(&self) -> &'static str {
        match self {
            TillAnswer::Checked {
                verdict: Verdict::Valid(v),
                ..
            } if v.demo => "demo",
            TillAnswer::Checked {
                verdict: Verdict::Valid(_),
                ..
            } => "valid",
            TillAnswer::Checked {
                verdict: Verdict::AlreadyUsed(_),
                ..
            } => "used",
            TillAnswer::Checked { .. } => "refused",
            TillAnswer::NotATicket(..) | TillAnswer::NotSetUp | TillAnswer::Problem(_) => "other",
            TillAnswer::Redeemed(_) => "redeemed",
            TillAnswer::Undone(_) => "undone",
        }
    }

    /// A machine name for tests and logs (`data-verdict`).
    pub fn code(&self) -> &'static str {
        match self {
            TillAnswer::Checked { verdict, .. } => verdict.code(),
            TillAnswer::NotATicket(TillInput::Gift, _) => "gift",
            TillAnswer::NotATicket(TillInput::Bundle, _) => "bundle",
            TillAnswer::NotATicket(TillInput::OtherUrl, _) => "other_url",
            TillAnswer::NotATicket(TillInput::NotACode(ScanError::NothingFound), _) => "text",
            TillAnswer::NotATicket(..) => "not_a_code",
            TillAnswer::NotSetUp => "not_set_up",
            TillAnswer::Redeemed(_) => "redeemed",
            TillAnswer::Undone(_) => "undone",
            TillAnswer::Problem(_) => "problem",
        }
    }
}

/// Shop mode's state. Copy: signal handles only.
#[derive(Debug, Clone, Copy)]
pub struct ShopState {
    /// The shop and till this device redeems for (`None` until set up).
    pub setup: RwSignal<Option<ShopSetup>>,
    /// The device's redemption ledger.
    pub ledger: RwSignal<Ledger>,
    /// The latest answer at the till.
    pub answer: RwSignal<Option<TillAnswer>>,
    /// The shop's claim-signing key on this device (the desk; `None` until made).
    pub claim_key: RwSignal<Option<ShopClaimKey>>,
}

impl ShopState {
    /// Create the state and provide it as context.
    pub fn provide() -> Self {
        let s = ShopState {
            setup: RwSignal::new(None),
            ledger: RwSignal::new(Ledger::new()),
            answer: RwSignal::new(None),
            claim_key: RwSignal::new(None),
        };
        provide_context(s);
        s
    }

    /// The state provided by `start.rs`.
    pub fn expect() -> Self {
        expect_context::<ShopState>()
    }
}

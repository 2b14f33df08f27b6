//! The すみまセンエン ticket chain, by role:
//!
//! - [`core`]: what every role uses — the signed ticket and its verification, issuer keys
//!   and the signed key list, base32, bundles and the one link grammar, used data and the
//!   trust store, certified shops, the claim format.
//! - [`holder`]: the wallet on a holder's phone, its stored record, the files she opens and
//!   saves (backup, transfer), the expiry reminder.
//! - [`shop`]: the till's decision, the redemption ledger, the month-end claim export.
//! - [`office`]: the city office only — key files, the roster, eligibility, issuance through
//!   the issuance register, settlement. Never linked into a public page (a test in
//!   `tests/architecture.rs` checks the public pages' module graph).
//!
//! Dependencies go one way: `holder`, `shop` and `office` use `core`; `office` also reads
//! `shop`'s ledger types only through the claim format in `core`; no role uses another's
//! module otherwise.

pub mod core;
pub mod holder;
pub mod office;
pub mod shop;

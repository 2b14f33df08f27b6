//! The holder's side: the wallet, its stored record, the files she opens (bundle, backup,
//! transfer), the expiry reminder, and which browser holds them. What reaches a holder's
//! phone.

pub mod browser;
pub mod files;
pub mod record;
pub mod reminder;
pub mod wallet;

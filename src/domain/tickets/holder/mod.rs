//! The holder's side: the wallet, its stored record, the files she opens (bundle, backup,
//! transfer) and the expiry reminder. What reaches a holder's phone.

pub mod files;
pub mod record;
pub mod reminder;
pub mod wallet;

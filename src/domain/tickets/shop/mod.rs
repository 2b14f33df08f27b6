//! The shop's side: the till's decision on a scan, the redemption ledger on the device and
//! the month-end claim export.

pub mod claim_key;
pub mod export;
pub mod ledger;
pub mod till;

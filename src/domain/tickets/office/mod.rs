//! The city office's side (the office page and `jokatsu-office` only, never a public page):
//! passphrase-protected key files, the roster, eligibility, issuance through the issuance
//! register, and settlement.

pub mod desk_record;
pub mod eligibility;
pub mod interim;
pub mod issuance;
pub mod keyfile;
pub mod keylist;
pub mod roster;
pub mod settlement;

//! The すみまセンエン ticket chain: the signed ticket, issuer keys, base32, bundles and
//! the one link grammar, used data, certified shops, the wallet and its stored record;
//! and the office's side: passphrase-protected key files, the roster, eligibility and
//! issuance through the issuance register.

pub mod base32;
pub mod bundle;
pub mod eligibility;
pub mod issuance;
pub mod keyfile;
pub mod keys;
pub mod roster;
pub mod shops;
pub mod ticket;
pub mod used;
pub mod wallet;
pub mod wallet_record;

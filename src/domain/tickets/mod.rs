//! The すみまセンエン ticket chain: the signed ticket, issuer keys, base32, bundles and
//! the one link grammar, used data and the trust store, certified shops, the wallet and
//! its stored record, the shop's redemption ledger and claims, settlement; and the
//! office's side: passphrase-protected key files, the roster, eligibility and issuance
//! through the issuance register.

pub mod base32;
pub mod bundle;
pub mod claim;
pub mod eligibility;
pub mod files;
pub mod issuance;
pub mod keyfile;
pub mod keys;
pub mod ledger;
pub mod office;
pub mod reminder;
pub mod roster;
pub mod settlement;
pub mod shop_mode;
pub mod shops;
pub mod ticket;
pub mod trust;
pub mod used;
pub mod wallet;
pub mod wallet_record;

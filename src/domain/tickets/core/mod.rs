//! The ticket core every role uses: the ticket format and its verification, keys and the
//! key list, base32, bundles and links, used data, the trust store, shops, the claim format.

pub mod base32;
pub mod bundle;
pub mod claim;
pub mod claim_signature;
pub mod keys;
pub mod shops;
pub mod ticket;
pub mod trust;
pub mod used;

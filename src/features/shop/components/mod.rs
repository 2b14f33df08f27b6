//! Components used by shop mode only.
pub mod claim_key;
pub mod till_bar;
pub mod verdict;

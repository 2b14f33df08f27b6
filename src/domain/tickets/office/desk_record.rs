//! What the office page keeps in its own browser storage (`jokatsu.office`), so that
//! nothing depends on a clerk's memory: the unsigned key list (public keys only) and
//! the issuance register as last issued, with whether it has been saved to a file since.
//! Private keys, passphrases, rosters (names) and reports are never stored.

use serde::{Deserialize, Serialize};

use crate::domain::shared::persist::Persisted;

/// The office page's stored record (version 1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskRecord {
    /// The unsigned key list, as the office's list file (`{"issuers": […]}`).
    pub key_list: Option<String>,
    /// The sequence of the published list the draft started from.
    pub published_sequence: u64,
    /// The issuance register after the last issue on this computer (its file format).
    pub register: Option<String>,
    /// Whether that register was saved to a file after it last changed.
    pub register_saved: bool,
    /// The shops' registered claim keys (`shop-keys.csv`'s text; public keys only).
    pub shop_keys: Option<String>,
}

impl Persisted for DeskRecord {
    const KEY: &'static str = "jokatsu.office";
    const VERSION: u32 = 1;
}

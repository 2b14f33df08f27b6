//! What the office page keeps in its own browser storage (`jokatsu.office`), so that
//! nothing depends on a clerk's memory: the unsigned key list (public keys only) and
//! the issuance register as last issued, with whether it has been saved to a file since,
//! the shops' claim keys, and the office's shop master (the certified-shop list settlement
//! checks shops against, `docs/settlement.md`).
//! Private keys, passphrases, rosters (names) and reports are never stored.

use serde::{Deserialize, Serialize};

use crate::domain::shared::persist::Persisted;
use crate::domain::tickets::core::shops::ShopDto;

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
    /// The office's shop master, as last loaded from a shop CSV (absent in a record
    /// written before it existed: none loaded).
    pub shop_master: Option<StoredShopMaster>,
}

/// The office's shop master as the office page keeps it: the shops read from the shop CSV
/// (as the feed's `shops` section has them), the JST day it was loaded and the file's name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StoredShopMaster {
    pub shops: Vec<ShopDto>,
    /// `YYYY-MM-DD` (JST).
    pub loaded_on: String,
    pub file: String,
}

impl Persisted for DeskRecord {
    const KEY: &'static str = "jokatsu.office";
    const VERSION: u32 = 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_written_before_the_shop_master_still_loads_without_one() {
        let old = r#"{"key_list":"{}","published_sequence":3,"register":null,"register_saved":true,"shop_keys":null}"#;
        let record: DeskRecord = serde_json::from_str(old).unwrap();
        assert_eq!(record.published_sequence, 3);
        assert_eq!(record.shop_master, None);
        let with = DeskRecord {
            shop_master: Some(StoredShopMaster {
                shops: Vec::new(),
                loaded_on: "2026-12-05".into(),
                file: "shops.csv".into(),
            }),
            ..record
        };
        let again: DeskRecord =
            serde_json::from_str(&serde_json::to_string(&with).unwrap()).unwrap();
        assert_eq!(again, with);
    }
}

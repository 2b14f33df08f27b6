//! The wallet in browser storage: key `jokatsu.wallet`, the storage layer's versioned
//! envelope around `{"entries": [WalletEntry…]}`. A damaged entry is quarantined on its
//! own; every good ticket still loads (the wallet never silently loses a ticket).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::shared::persist::{salvage_array, DamagedItems, Persisted};
use crate::domain::tickets::holder::wallet::{migrate_entries_v1, Wallet, WalletEntry, WalletId};

/// The stored form of a [`Wallet`]: `{"wallet_id": "…", "entries": […]}`. `wallet_id` is
/// absent until the wallet's first backup or transfer file is written (and in records of
/// earlier versions, which load unchanged: no version bump); an unreadable one is read as
/// absent, the entries still load.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletRecord {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_id"
    )]
    pub wallet_id: Option<WalletId>,
    pub entries: Vec<WalletEntry>,
}

fn lenient_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<WalletId>, D::Error> {
    let v = Option::<Value>::deserialize(d)?;
    Ok(v.as_ref().and_then(Value::as_str).and_then(WalletId::parse))
}

impl WalletRecord {
    pub fn from_wallet(wallet: &Wallet) -> Self {
        WalletRecord {
            wallet_id: wallet.id(),
            entries: wallet.entries().cloned().collect(),
        }
    }

    pub fn into_wallet(self) -> Wallet {
        Wallet::from_entries(self.entries).with_id(self.wallet_id)
    }
}

impl Persisted for WalletRecord {
    const KEY: &'static str = "jokatsu.wallet";
    /// 2: "used, reported by feed" is no longer stored (computed at read time).
    /// 3: an entry may be "moved" (sent to a new phone); 2 → 3 rewrites nothing.
    const VERSION: u32 = crate::domain::tickets::holder::wallet::WALLET_SCHEMA_VERSION;

    fn migrate(from: u32, mut data: Value) -> Result<Value, String> {
        match from {
            1 => {
                migrate_entries_v1(&mut data);
                Ok(data)
            }
            2 => Ok(data),
            v => Err(format!("no migration from version {v}")),
        }
    }

    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        let wallet_id = data
            .get("wallet_id")
            .and_then(Value::as_str)
            .and_then(WalletId::parse);
        salvage_array(data, "entries", |v| {
            WalletEntry::deserialize(v).map_err(|e| e.to_string())
        })
        .map(|(entries, bad)| (WalletRecord { wallet_id, entries }, bad))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::persist::{load, save, Loaded};
    use crate::domain::tickets::core::bundle::Bundle;
    use crate::domain::tickets::core::keys::demo;
    use crate::domain::tickets::core::ticket::{demo_month, VerifyPolicy, YearMonth};
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 3, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn wallet() -> Wallet {
        let mut w = Wallet::new();
        let tickets = YearMonth::new(2026, 12)
            .map(demo_month)
            .and_then(Result::ok)
            .unwrap_or_default();
        if let Ok(bundle) = Bundle::new(tickets) {
            w.add_bundle(&bundle, &demo::key_set(), VerifyPolicy::DEMO, now());
        }
        w
    }

    #[test]
    fn a_wallet_round_trips_through_storage() {
        let w = wallet();
        assert_eq!(w.len(), 20);
        let raw = save(&WalletRecord::from_wallet(&w), now()).unwrap_or_default();
        let back = load::<WalletRecord>(Some(&raw), now())
            .into_value()
            .into_wallet();
        assert_eq!(back, w);
    }

    #[test]
    fn one_damaged_ticket_is_quarantined_and_the_other_nineteen_load() {
        let raw = save(&WalletRecord::from_wallet(&wallet()), now()).unwrap_or_default();
        let mut value: Value = serde_json::from_str(&raw).unwrap_or_default();
        value["data"]["entries"][5]["ticket"] = Value::String("JK1:DAMAGED".into());
        match load::<WalletRecord>(Some(&value.to_string()), now()) {
            Loaded::Salvaged(record, bad) => {
                assert_eq!(record.entries.len(), 19);
                assert_eq!(bad.len(), 1);
                assert!(bad[0].raw.contains("JK1:DAMAGED"));
            }
            other => panic!("expected salvage, got {other:?}"),
        }
    }

    /// Entries are decoded from a borrowed `&Value` (one decoder per page, see
    /// `persist.rs`): a damaged entry is described exactly as `from_value` of an owned
    /// value described it (the reason kept with it), the tagged `state` and `source` too.
    #[test]
    fn a_damaged_entry_is_described_the_same_from_a_borrowed_value() {
        let raw = save(&WalletRecord::from_wallet(&wallet()), now()).unwrap_or_default();
        let value: Value = serde_json::from_str(&raw).unwrap_or_default();
        let good = value["data"]["entries"][0].clone();
        let damage: [(&str, Value); 9] = [
            ("ticket", Value::String("JK1:DAMAGED".into())),
            ("state", serde_json::json!({"state": "lost"})),
            ("state", serde_json::json!({"at": "2026-12-01T03:00:00Z"})),
            ("state", serde_json::json!({"state": "given", "to": null})),
            (
                "state",
                serde_json::json!({"state": "used", "at": "2026-12-01T03:00:00Z", "reason": "eaten"}),
            ),
            ("state", serde_json::json!({"state": "moved", "at": "soon"})),
            ("state", serde_json::json!("unused")),
            ("source", serde_json::json!({"kind": "gift", "from": 3})),
            ("received_at", serde_json::json!(17)),
        ];
        for (field, bad) in damage {
            let mut v = good.clone();
            v[field] = bad;
            let borrowed = WalletEntry::deserialize(&v).map_err(|e| e.to_string());
            let owned = serde_json::from_value::<WalletEntry>(v.clone()).map_err(|e| e.to_string());
            assert!(borrowed.is_err(), "{v}");
            assert_eq!(borrowed, owned, "{v}");
        }
    }
}

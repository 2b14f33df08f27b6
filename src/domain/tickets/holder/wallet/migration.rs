//! Older stored wallets read as today's: the schema migrations.

use super::*;

/// Version 1 → 2 of one stored entry list (`entries` array of a record or file):
/// an entry `{"state":"used","reason":"reported_by_feed"}` becomes `{"state":"unused"}`.
pub fn migrate_entries_v1(value: &mut Value) {
    if let Some(list) = value.get_mut("entries").and_then(Value::as_array_mut) {
        for entry in list {
            let from_feed = entry.get("state").is_some_and(|s| {
                s.get("reason").and_then(Value::as_str) == Some("reported_by_feed")
            });
            if from_feed {
                if let Some(obj) = entry.as_object_mut() {
                    obj.insert("state".into(), serde_json::json!({"state": "unused"}));
                }
            }
        }
    }
}

/// Brings a stored record or file (any known version) to the current schema (3).
/// 1 → 2: "used, reported by feed" entries become unused ([`migrate_entries_v1`]);
/// 2 → 3: nothing to rewrite (3 adds the "moved" state).
/// Each step has a fixture test proving that old data still loads.
pub fn migrate(mut value: Value) -> Result<Value, WalletError> {
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| WalletError::NotAWallet("no version".into()))?;
    match version {
        1 => migrate_entries_v1(&mut value),
        // 2 → 3 only adds the "moved" state: nothing to rewrite.
        2 | 3 => {}
        0 => return Err(WalletError::NotAWallet("version 0".into())),
        v => return Err(WalletError::NewerVersion(v)),
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), Value::from(WALLET_SCHEMA_VERSION));
    }
    Ok(value)
}

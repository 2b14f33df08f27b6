//! Writes feed variants for the end-to-end trust tests from the demo feed (all PUBLIC demo
//! keys): `cargo run --example trust-fixtures -- public/feed/feed.json tests/e2e/fixtures`
//! - `feed-keys-seq2.json`: the same key list signed again with sequence 2;
//! - `feed-used-settled.json`: used data with the next sequence after the demo feed's
//!   that also marks the first ticket of `demo-bundle-202611.json` used;
//! - `feed-used-corrected.json`: the sequence after that, the office's correction: that
//!   ticket unmarked;
//! - `feed-used-unsigned.json`: used data with its signature removed;
//! - `wallet-120.json`: a stored wallet (`jokatsu.wallet`) of six demo months, 2026-06 to
//!   2026-11 (120 tickets, all expired after 2027-01-31), for the folded lists' paging.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{TimeZone, Utc};
use jokatsu::domain::shared::persist::save;
use jokatsu::domain::tickets::core::bundle::Bundle;
use jokatsu::domain::tickets::core::keys::{demo, sign_key_list, KeyListHeader, KeySet};
use jokatsu::domain::tickets::core::ticket::{demo_month, Ticket, VerifyPolicy, YearMonth};
use jokatsu::domain::tickets::core::used::{UsedData, UsedHeader, UsedListDto};
use jokatsu::domain::tickets::holder::record::WalletRecord;
use jokatsu::domain::tickets::holder::wallet::Wallet;
use serde_json::Value;

fn main() {
    let mut args = std::env::args().skip(1);
    let feed_path = args
        .next()
        .unwrap_or_else(|| "public/feed/feed.json".into());
    let dir = args.next().unwrap_or_else(|| "tests/e2e/generated".into());
    std::fs::create_dir_all(&dir).unwrap();
    let feed: Value = serde_json::from_str(&std::fs::read_to_string(&feed_path).unwrap()).unwrap();
    let root = demo::root_signing_key();
    let write = |name: &str, v: &Value| {
        std::fs::write(
            format!("{dir}/{name}"),
            serde_json::to_string_pretty(v).unwrap(),
        )
        .unwrap();
    };

    // Key list, sequence 2.
    let base = demo::header();
    let header = KeyListHeader {
        sequence: 2,
        ..base
    };
    let keys = sign_key_list(&header, &[demo::issuer_key(), demo::used_key()], &root).unwrap();
    let mut f = feed.clone();
    f["keys"] = serde_json::to_value(&keys).unwrap();
    write("feed-keys-seq2.json", &f);

    // Used data: the demo feed's (sequence n) plus the bundle's first ticket, then corrected.
    let key_set = KeySet::from_feed(&demo::key_list(), &root.verifying_key()).unwrap();
    let used1: UsedListDto = serde_json::from_value(feed["used"].clone()).unwrap();
    let used1 = UsedData::from_feed(&used1, &root.verifying_key(), &key_set).unwrap();
    let bundle: Value = serde_json::from_str(
        &std::fs::read_to_string("tests/e2e/fixtures/demo-bundle-202611.json").unwrap(),
    )
    .unwrap();
    let first = Ticket::from_text(bundle["tickets"][0].as_str().unwrap()).unwrap();
    let mut marks = used1.set().clone();
    marks.mark(first.id());
    let used2 = marks
        .sign(
            &UsedHeader {
                sequence: used1.sequence() + 1,
                signed_at: used1.signed_at(),
                signer: Some(demo::DEMO_USED_KEY_ID),
            },
            &demo::used_signing_key(),
        )
        .unwrap();
    let mut f = feed.clone();
    f["used"] = serde_json::to_value(&used2).unwrap();
    write("feed-used-settled.json", &f);
    let mut corrected = marks.clone();
    corrected.unmark(first.id());
    let used3 = corrected
        .sign(
            &UsedHeader {
                sequence: used1.sequence() + 2,
                signed_at: used1.signed_at(),
                signer: Some(demo::DEMO_USED_KEY_ID),
            },
            &demo::used_signing_key(),
        )
        .unwrap();
    let mut f = feed.clone();
    f["used"] = serde_json::to_value(&used3).unwrap();
    write("feed-used-corrected.json", &f);
    let mut f = feed.clone();
    f["used"]["signature"] = Value::String(String::new());
    write("feed-used-unsigned.json", &f);

    let now = Utc.with_ymd_and_hms(2026, 11, 24, 3, 0, 0).unwrap();
    let mut wallet = Wallet::new();
    for month in 6..=11 {
        let bundle =
            Bundle::new(demo_month(YearMonth::new(2026, month).unwrap()).unwrap()).unwrap();
        let report = wallet.add_bundle(&bundle, &demo::key_set(), VerifyPolicy::DEMO, now);
        assert_eq!(report.added, 20);
    }
    let record = save(&WalletRecord::from_wallet(&wallet), now).unwrap();
    std::fs::write(format!("{dir}/wallet-120.json"), record).unwrap();
}

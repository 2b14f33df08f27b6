//! Stored data at scale for the page benchmarks (`make bench`):
//! `cargo run --profile office --example bench-storage -- OUT NOW`
//! (NOW an RFC 3339 instant, the browser's clock when the benchmark runs). Writes the
//! browser-storage values, exactly as the app stores them:
//! - `OUT/wallet-720.json` (`jokatsu.wallet`): three years of a mother's tickets, 36
//!   monthly bundles of 20 (the current month usable, older ones expired), and
//!   `OUT/wallet-20.json`, the current month alone (the baseline);
//! - `OUT/ledger-10000.json` (`jokatsu.shop.ledger`): a till's 10,000 redemptions over the
//!   last 60 days; `OUT/shop-setup.json` (`jokatsu.shop.setup`): that till.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, Utc};
use jokatsu::domain::shared::date::jst_today;
use jokatsu::domain::shared::persist::save;
use jokatsu::domain::tickets::core::bundle::Bundle;
use jokatsu::domain::tickets::core::keys::demo;
use jokatsu::domain::tickets::core::shops::ShopId;
use jokatsu::domain::tickets::core::ticket::{
    demo_month, issue_month, EmployerId, MonthRun, VerifyPolicy, YearMonth, Yen,
};
use jokatsu::domain::tickets::holder::record::WalletRecord;
use jokatsu::domain::tickets::holder::wallet::Wallet;
use jokatsu::domain::tickets::shop::ledger::{DeviceLabel, Ledger, LedgerRecord, Till};
use jokatsu::domain::tickets::shop::till::{ShopSetup, ShopSetupRecord};

fn previous(m: YearMonth) -> YearMonth {
    YearMonth::of(m.first_day().pred_opt().unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: bench-storage OUT NOW");
    let now: DateTime<Utc> = args
        .next()
        .expect("NOW")
        .parse()
        .expect("an RFC 3339 instant");
    std::fs::create_dir_all(&out).unwrap();
    let today = jst_today(now);

    let mut wallet = Wallet::new();
    let mut month = YearMonth::of(today);
    for _ in 0..36 {
        let bundle = Bundle::new(demo_month(month).unwrap()).unwrap();
        let report = wallet.add_bundle(&bundle, &demo::key_set(), VerifyPolicy::DEMO, now);
        assert_eq!(report.added, 20);
        if wallet.len() == 20 {
            // The baseline: one month's bundle (the page's own start-up cost).
            let record = save(&WalletRecord::from_wallet(&wallet), now).unwrap();
            std::fs::write(format!("{out}/wallet-20.json"), record).unwrap();
        }
        month = previous(month);
    }
    assert_eq!(wallet.len(), 720);
    let record = save(&WalletRecord::from_wallet(&wallet), now).unwrap();
    std::fs::write(format!("{out}/wallet-720.json"), record).unwrap();

    let till = Till {
        shop: ShopId::parse("s001").unwrap(),
        device: DeviceLabel::parse("レジ1").unwrap(),
    };
    let this = YearMonth::of(today);
    let mut ledger = Ledger::new();
    for r in 0..100u16 {
        let run = MonthRun {
            demo: true,
            key_id: demo::DEMO_ISSUER_KEY_ID,
            batch: this.batch(),
            first_index: 1_000 + r * 100,
            count: 100,
            face_value: Yen(1_000),
            employer_share: Yen(500),
            employer: EmployerId(100),
            valid_from: previous(previous(this)).first_day(),
            valid_until: this.next().last_day(),
        };
        for (k, t) in issue_month(&run, &demo::issuer_signing_key())
            .unwrap()
            .iter()
            .enumerate()
        {
            let ago = Duration::minutes(i64::from(r) * 100 * 8 + k as i64 * 8 + 1);
            ledger.redeem(t, &till, now - ago).unwrap();
        }
    }
    let record = save(&LedgerRecord::from_ledger(&ledger), now).unwrap();
    std::fs::write(format!("{out}/ledger-10000.json"), record).unwrap();
    let setup = save(
        &ShopSetupRecord {
            setup: Some(ShopSetup {
                shop: till.shop.clone(),
                device: till.device.clone(),
            }),
        },
        now,
    )
    .unwrap();
    std::fs::write(format!("{out}/shop-setup.json"), setup).unwrap();
}

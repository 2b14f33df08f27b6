//! A synthetic year of the programme for the scale benchmarks (issue: settlement at scale):
//! `cargo run --release --example synthetic-year -- OUT [RECIPIENTS]` (default 2,709
//! recipients: 2,709 × 20 tickets × 12 months = 650,160 redemptions).
//!
//! Everything goes through the office's own code: a roster, the month's plan and
//! signatures (`issue_whole_month`, the demo issuer key), then every ticket redeemed at one
//! of the demo feed's shops and claimed the way a till exports it. About 1 % of the tickets
//! are redeemed a second time (the same shop on its other till, another shop, or another
//! shop the next month) and 0.05 % are forged copies. Writes:
//! - `OUT/feed.json` (the demo feed), `OUT/roster.csv`, `OUT/register.json`;
//! - `OUT/claims/YYYY-MM/<claim id>.json`, one file per shop, till and month;
//! - `OUT/expected.json`: what an exact settlement must find (per month and for the year).
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use jokatsu::domain::tickets::core::claim::{Claim, ClaimHeader, ClaimId, ClaimLine};
use jokatsu::domain::tickets::core::keys::demo;
use jokatsu::domain::tickets::core::shops::ShopId;
use jokatsu::domain::tickets::core::ticket::{EmployerId, Ticket, YearMonth};
use jokatsu::domain::tickets::office::issuance::{issue_whole_month, IssueSettings, Register};
use jokatsu::domain::tickets::office::keyfile::{KeyKind, UnlockedKey};
use jokatsu::domain::tickets::office::roster::{RecipientId, RosterEntry};
use jokatsu::domain::tickets::shop::ledger::DeviceLabel;
use std::collections::BTreeMap;

const YEAR: i32 = 2027;
const TILLS: [&str; 2] = ["レジ1", "レジ2"];

fn jst(day: NaiveDate, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(h, mi, 0).unwrap()) - Duration::hours(9)
}

/// A small deterministic generator (SplitMix64): the same year every run.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Default, serde::Serialize)]
struct Expected {
    tickets: u64,
    claim_lines: u64,
    claim_files: u64,
    paid: u64,
    payout_yen: u64,
    duplicate_same_shop: u64,
    duplicate_other_shop: u64,
    duplicate_settled_earlier: u64,
    forged: u64,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().expect("usage: synthetic-year OUT [RECIPIENTS]");
    let recipients: u32 = args.next().map_or(2_709, |n| n.parse().expect("a number"));
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out.join("claims")).unwrap();
    let feed = std::fs::read_to_string("public/feed/feed.json").expect("run from the repo");
    std::fs::write(out.join("feed.json"), &feed).unwrap();
    let shops: Vec<ShopId> = serde_json::from_str::<serde_json::Value>(&feed).unwrap()["shops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| ShopId::parse(s["id"].as_str().unwrap()).unwrap())
        .collect();

    // The roster: every mother back at work before the year, a child under 3 all year.
    let mut roster =
        String::from("受給者番号,氏名,事業所番号,事業所名,子の生年月日,復職日,連絡先\r\n");
    let entries: Vec<RosterEntry> = (0..recipients)
        .map(|r| {
            let employer = 100 + r % 37;
            roster.push_str(&format!(
                "S{r:05},試験 {r}号,{employer},事業所{employer},2026/3/1,2026/12/1,\r\n"
            ));
            RosterEntry {
                line: r as usize + 2,
                recipient: RecipientId::parse(&format!("S{r:05}")).unwrap(),
                name: format!("試験 {r}号"),
                employer: EmployerId(employer),
                employer_name: format!("事業所{employer}"),
                children: vec![NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()],
                returned: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                contact: String::new(),
            }
        })
        .collect();
    std::fs::write(out.join("roster.csv"), roster).unwrap();

    let key = UnlockedKey {
        kind: KeyKind::Issuer(demo::DEMO_ISSUER_KEY_ID),
        label: "demo issuer".into(),
        signing_key: demo::issuer_signing_key(),
    };
    let settings = IssueSettings::default();
    let mut register = Register::new();
    let mut rng = Mix(2027);
    let mut expected = Expected::default();
    let mut per_month: BTreeMap<String, Expected> = BTreeMap::new();
    // Claim lines per (month, shop index, till).
    type Lines = BTreeMap<(u32, usize, usize), Vec<ClaimLine>>;
    let mut lines: Lines = BTreeMap::new();
    let mut transaction = 0u32;
    let mut add = |lines: &mut Lines, m: u32, shop: usize, till: usize, t: &Ticket, at| {
        transaction += 1;
        lines.entry((m, shop, till)).or_default().push(ClaimLine {
            ticket: t.clone(),
            redeemed_at: at,
            transaction,
        });
    };
    let started = std::time::Instant::now();
    for m in 1..=12u32 {
        let month = YearMonth::new(YEAR, m).unwrap();
        let first = month.first_day();
        let output = issue_whole_month(&entries, &register, &settings, &key, month, first).unwrap();
        register = output.register.clone();
        let mut month_expected = Expected::default();
        for (r, recipient) in output.recipients.iter().enumerate() {
            for (k, t) in recipient.tickets().iter().enumerate() {
                month_expected.tickets += 1;
                let shop = (r + k) % shops.len();
                let till = (r / 7 + k) % 2;
                let day = first + Duration::days(((r * 3 + k) % 28) as i64);
                let at = jst(day, 10 + (k % 8) as u32, (r % 60) as u32);
                add(&mut lines, m, shop, till, t, at);
                month_expected.paid += 1;
                let other = (shop + 1) % shops.len();
                let roll = rng.next() % 10_000;
                if roll < 40 {
                    add(&mut lines, m, shop, 1 - till, t, at + Duration::hours(1));
                    month_expected.duplicate_same_shop += 1;
                } else if roll < 80 {
                    add(&mut lines, m, other, 0, t, at + Duration::hours(2));
                    month_expected.duplicate_other_shop += 1;
                } else if roll < 100 && m < 12 {
                    let next = month.next().first_day() + Duration::days(2);
                    add(&mut lines, m + 1, other, 0, t, jst(next, 12, 0));
                    // Counted in the month it is settled (refused).
                    per_month
                        .entry(month.next().to_string())
                        .or_default()
                        .duplicate_settled_earlier += 1;
                } else if roll < 105 {
                    let mut sig = *t.signature();
                    sig[0] ^= 1;
                    let forged = Ticket::from_parts(*t.body(), sig);
                    add(&mut lines, m, other, 1, &forged, at + Duration::hours(3));
                    month_expected.forged += 1;
                }
            }
        }
        let slot = per_month.entry(month.to_string()).or_default();
        slot.tickets = month_expected.tickets;
        slot.paid = month_expected.paid;
        slot.payout_yen = month_expected.paid * 1_000;
        slot.duplicate_same_shop = month_expected.duplicate_same_shop;
        slot.duplicate_other_shop = month_expected.duplicate_other_shop;
        slot.forged = month_expected.forged;
        eprintln!("{month}: issued and redeemed ({:?})", started.elapsed());
    }
    std::fs::write(out.join("register.json"), register.to_json()).unwrap();

    for ((m, shop, till), mut claim_lines) in lines {
        let period = YearMonth::new(YEAR, m).unwrap();
        let created = jst(period.next().first_day(), 9, 0);
        claim_lines.sort_by_key(|l| l.redeemed_at);
        let id = format!("{}-{YEAR}{m:02}-t{}", shops[shop].as_str(), till + 1);
        let claim = Claim::new(
            ClaimHeader {
                id: ClaimId::parse(&id).unwrap(),
                shop: shops[shop].clone(),
                device: DeviceLabel::parse(TILLS[till]).unwrap(),
                period,
                created_at: created,
            },
            claim_lines,
        )
        .unwrap();
        let dir = out.join("claims").join(period.to_string());
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{id}.json")), claim.to_json()).unwrap();
        let slot = per_month.entry(period.to_string()).or_default();
        slot.claim_lines += claim.count() as u64;
        slot.claim_files += 1;
    }
    for e in per_month.values() {
        expected.tickets += e.tickets;
        expected.claim_lines += e.claim_lines;
        expected.claim_files += e.claim_files;
        expected.paid += e.paid;
        expected.payout_yen += e.payout_yen;
        expected.duplicate_same_shop += e.duplicate_same_shop;
        expected.duplicate_other_shop += e.duplicate_other_shop;
        expected.duplicate_settled_earlier += e.duplicate_settled_earlier;
        expected.forged += e.forged;
    }
    let report = serde_json::json!({ "year": expected, "months": per_month });
    std::fs::write(
        out.join("expected.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();
    eprintln!(
        "{} tickets, {} claim lines in {} files ({:?})",
        expected.tickets,
        expected.claim_lines,
        expected.claim_files,
        started.elapsed()
    );
}

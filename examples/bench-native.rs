//! Native benchmarks (`make bench`; build with `--profile office`): prints one JSON object.
//! `cargo run --profile office --example bench-native -- OUT_DIR`
//! - raw Ed25519 verification throughput (`verify_strict`, what tickets use) on this core;
//! - tickets verified per second through the app's own path (`verify_ticket`: parse the
//!   text, key list, bounds, dates, used data, signature), under the demo key list and
//!   under a city key with the production policy;
//! - used-ticket lookups per second in a year's used data (650,160 tickets, ~95 % used);
//! - the used data for that year, signed, written to OUT_DIR/used-650k.json (the bench
//!   script compresses it);
//! - a month's issuance for 2,709 recipients (54,180 signatures) through `issue_whole_month`.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use ed25519_dalek::{Signer, Verifier};
use jokatsu::domain::tickets::core::keys::demo;
use jokatsu::domain::tickets::core::ticket::{EmployerId, YearMonth};
use jokatsu::domain::tickets::core::used::{UsedHeader, UsedSet};
use jokatsu::domain::tickets::office::issuance::{issue_whole_month, IssueSettings};
use jokatsu::domain::tickets::office::keyfile::{KeyKind, UnlockedKey};
use jokatsu::domain::tickets::office::roster::{RecipientId, RosterEntry};
use std::hint::black_box;
use std::time::Instant;

#[path = "../tests/bench_shared/tickets.rs"]
mod bench_tickets;

/// Milliseconds since the first call (the clock `bench_tickets` takes).
fn elapsed_ms() -> f64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

fn per_second(n: usize, started: Instant) -> f64 {
    (n as f64 / started.elapsed().as_secs_f64()).round()
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench".into());
    std::fs::create_dir_all(&out).unwrap();
    let key = demo::issuer_signing_key();
    let public = key.verifying_key();

    // Raw Ed25519: 20,000 distinct 32-byte messages, verify_strict.
    let messages: Vec<[u8; 32]> = (0..20_000u32)
        .map(|i| {
            let mut m = [0u8; 32];
            m[..4].copy_from_slice(&i.to_le_bytes());
            m
        })
        .collect();
    let signatures: Vec<_> = messages.iter().map(|m| key.sign(m)).collect();
    // Best of three rounds each: the least disturbed by whatever else the machine runs.
    let (mut raw, mut raw_lax) = (0.0f64, 0.0f64);
    for _ in 0..3 {
        let started = Instant::now();
        for (m, s) in messages.iter().zip(&signatures) {
            public.verify_strict(black_box(m), black_box(s)).unwrap();
        }
        raw = raw.max(per_second(messages.len(), started));
        let started = Instant::now();
        for (m, s) in messages.iter().zip(&signatures) {
            public.verify(black_box(m), black_box(s)).unwrap();
        }
        raw_lax = raw_lax.max(per_second(messages.len(), started));
    }

    // Tickets through the app's path: from their text, as a scanner reads them; under the
    // demo key list (the demo policy), and signed by a city key under the production
    // policy, as after going live.
    let month = YearMonth::new(2027, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let (_, tickets, city_tickets) =
        bench_tickets::demo_and_city_rates(month, 1_000, today, elapsed_ms);

    // A year's used data: 2,709 recipients × 20 tickets × 12 months.
    let mut used = UsedSet::new();
    let mut ids = Vec::new();
    for m in 1..=12 {
        let month = YearMonth::new(2027, m).unwrap();
        for r in 0..2_709u32 {
            for k in 0..20u32 {
                let serial = r * 20 + k;
                // A batch holds up to 65,536 tickets: the rest go to the month's next batch.
                let text = format!(
                    "K1-{}{:02}{}-{:05}",
                    month.year,
                    month.month,
                    if serial >= 65_536 { "1" } else { "" },
                    serial % 65_536
                );
                ids.push(text);
            }
        }
    }
    let parsed: Vec<_> = ids
        .iter()
        .filter_map(|t| jokatsu::domain::tickets::office::settlement::parse_ticket_id(t))
        .collect();
    // Not every ticket is used: ~5 % expire unused (a fixed pseudo-random pattern, so the
    // bitmaps compress as real ones would, not as runs of ones).
    let mut state = 2027u64;
    let mut marked = 0usize;
    for id in &parsed {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        if (state >> 33) % 100 >= 5 {
            used.mark(*id);
            marked += 1;
        }
    }
    let dto = used
        .sign(
            &UsedHeader {
                sequence: 12,
                signed_at: NaiveDate::from_ymd_opt(2028, 1, 10).unwrap(),
                signer: Some(demo::DEMO_USED_KEY_ID),
            },
            &demo::used_signing_key(),
        )
        .unwrap();
    let used_json = serde_json::to_string(&dto).unwrap();
    std::fs::write(format!("{out}/used-650k.json"), &used_json).unwrap();
    let started = Instant::now();
    let mut hits = 0usize;
    for _ in 0..5 {
        for id in &parsed {
            hits += usize::from(used.is_used(black_box(*id)));
        }
    }
    let lookups = per_second(parsed.len() * 5, started);
    assert_eq!(hits, marked * 5);

    // A month's issuance for 2,709 recipients.
    let entries: Vec<RosterEntry> = (0..2_709u32)
        .map(|r| RosterEntry {
            line: r as usize + 2,
            recipient: RecipientId::parse(&format!("S{r:05}")).unwrap(),
            name: format!("試験 {r}号"),
            employer: EmployerId(100 + r % 37),
            employer_name: format!("事業所{}", 100 + r % 37),
            children: vec![NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()],
            returned: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            contact: String::new(),
        })
        .collect();
    let unlocked = UnlockedKey {
        kind: KeyKind::Issuer(demo::DEMO_ISSUER_KEY_ID),
        label: "demo".into(),
        signing_key: key.clone(),
    };
    let started = Instant::now();
    let output = issue_whole_month(
        &entries,
        &Default::default(),
        &IssueSettings::default(),
        &unlocked,
        month,
        month.first_day(),
    )
    .unwrap();
    let issue_s = started.elapsed().as_secs_f64();
    let signatures_issued: usize = output.recipients.iter().map(|r| r.tickets().len()).sum();

    let report = serde_json::json!({
        "raw_verify_strict_per_s": raw,
        "raw_verify_per_s": raw_lax,
        "ticket_verify_per_s": tickets,
        "ticket_verify_city_key_per_s": city_tickets,
        "used_lookups_per_s": lookups,
        "used_650k_tickets": parsed.len(),
        "used_650k_marked": marked,
        "used_650k_json_bytes": used_json.len(),
        "issue_month_recipients": entries.len(),
        "issue_month_signatures": signatures_issued,
        "issue_month_s": (issue_s * 1000.0).round() / 1000.0,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}

//! Browser benchmarks (`make bench`, not `make test`): Ed25519 and ticket verification and
//! used-data lookups in WebAssembly in headless Chromium, printed as one JSON line
//! (`BENCH {...}`). Run with the profile being measured:
//! `cargo test --target wasm32-unknown-unknown --profile office --test web_bench`
//! (the office bundle) or `--release` (the public pages, built for size).
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use ed25519_dalek::Signer;
use jokatsu::domain::tickets::core::keys::demo;
use jokatsu::domain::tickets::core::ticket::{Ticket, YearMonth};
use jokatsu::domain::tickets::core::used::UsedSet;
use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "bench_shared/tickets.rs"]
mod bench_tickets;

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn rate(n: usize, started: f64) -> f64 {
    (n as f64 * 1000.0 / (now_ms() - started).max(1.0)).round()
}

#[wasm_bindgen_test]
fn verification_and_lookup_rates() {
    let key = demo::issuer_signing_key();
    let public = key.verifying_key();
    let messages: Vec<[u8; 32]> = (0..3_000u32)
        .map(|i| {
            let mut m = [0u8; 32];
            m[..4].copy_from_slice(&i.to_le_bytes());
            m
        })
        .collect();
    let signatures: Vec<_> = messages.iter().map(|m| key.sign(m)).collect();
    // V8 compiles WebAssembly in tiers: warm up first, then take the best of three rounds.
    let mut raw = 0.0f64;
    for _ in 0..4 {
        let started = now_ms();
        for (m, s) in messages.iter().zip(&signatures) {
            public.verify_strict(black_box(m), black_box(s)).unwrap();
        }
        raw = raw.max(rate(messages.len(), started));
    }

    // Tickets from their text: under the demo key list (the demo policy), and signed by a
    // city key under the production policy, as after going live.
    let month = YearMonth::new(2027, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let (texts, tickets, city_tickets) =
        bench_tickets::demo_and_city_rates(month, 150, today, now_ms);
    let mut used = UsedSet::new();

    let ids: Vec<_> = texts
        .iter()
        .map(|t| Ticket::from_text(t).unwrap().body().id())
        .collect();
    for id in ids.iter().step_by(2) {
        used.mark(*id);
    }
    let started = now_ms();
    let mut hits = 0usize;
    for _ in 0..200 {
        for id in &ids {
            hits += usize::from(used.is_used(black_box(*id)));
        }
    }
    let lookups = rate(ids.len() * 200, started);
    assert_eq!(hits, ids.len() / 2 * 200);
    console_log!(
        "BENCH {{\"raw_verify_strict_per_s\": {raw}, \"ticket_verify_per_s\": {tickets}, \"ticket_verify_city_key_per_s\": {city_tickets}, \"used_lookups_per_s\": {lookups}}}"
    );
}

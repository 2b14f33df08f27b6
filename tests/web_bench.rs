//! Browser benchmarks (`make bench`, not `make test`): Ed25519 and ticket verification and
//! used-data lookups in WebAssembly in headless Chromium, printed as one JSON line
//! (`BENCH {...}`). Run with the profile being measured:
//! `cargo test --target wasm32-unknown-unknown --profile office --test web_bench`
//! (the office bundle) or `--release` (the public pages, built for size).
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use ed25519_dalek::{Signer, SigningKey};
use jokatsu::domain::tickets::core::keys::{demo, IssuerKey, KeySet};
use jokatsu::domain::tickets::core::ticket::{
    issue_month, verify_ticket, EmployerId, MonthRun, Ticket, VerifyPolicy, YearMonth, Yen,
};
use jokatsu::domain::tickets::core::used::UsedSet;
use std::hint::black_box;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn rate(n: usize, started: f64) -> f64 {
    (n as f64 * 1000.0 / (now_ms() - started).max(1.0)).round()
}

/// 3,000 tickets of `month` signed by `key` (key id 1), as text.
fn month_texts(month: YearMonth, key: &SigningKey) -> Vec<String> {
    let mut texts = Vec::new();
    for r in 0..150u16 {
        let run = MonthRun {
            demo: false,
            key_id: demo::DEMO_ISSUER_KEY_ID,
            batch: month.batch(),
            first_index: r * 20,
            count: 20,
            face_value: Yen(1_000),
            employer_share: Yen(500),
            employer: EmployerId(100),
            valid_from: month.first_day(),
            valid_until: month.next().next().last_day(),
        };
        texts.extend(issue_month(&run, key).unwrap().iter().map(Ticket::to_text));
    }
    texts
}

/// Tickets verified per second from their text (best of three rounds); each must be valid.
fn verify_rate(
    texts: &[String],
    keys: &KeySet,
    policy: VerifyPolicy,
    today: NaiveDate,
    used: &UsedSet,
) -> f64 {
    let mut best = 0.0f64;
    for _ in 0..3 {
        let started = now_ms();
        for t in texts {
            let ticket = Ticket::from_text(t).unwrap();
            let verdict = verify_ticket(&ticket, keys, policy, today, used);
            assert_eq!(verdict.code(), "valid");
        }
        best = best.max(rate(texts.len(), started));
    }
    best
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
    let mut used = UsedSet::new();
    let texts = month_texts(month, &key);
    let tickets = verify_rate(&texts, &demo::key_set(), VerifyPolicy::DEMO, today, &used);
    let city = SigningKey::from_bytes(&[42; 32]);
    let window = (month.first_day(), month.next().next().next().last_day());
    let city_keys = KeySet::from_keys([IssuerKey::issuer(
        demo::DEMO_ISSUER_KEY_ID,
        city.verifying_key(),
        window,
    )]);
    let city_texts = month_texts(month, &city);
    let city_tickets = verify_rate(
        &city_texts,
        &city_keys,
        VerifyPolicy::PRODUCTION,
        today,
        &used,
    );

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

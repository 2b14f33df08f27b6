//! What the native benchmark (`examples/bench-native.rs`) and the browser one
//! (`tests/web_bench.rs`) both do with tickets: issue a month's tickets as text, and verify
//! them from their text as a scanner reads them. Included by each with `#[path]`: the two
//! are different crates, and the browser's clock is not `std::time::Instant`.

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use jokatsu::domain::tickets::core::keys::{demo, IssuerKey, KeySet};
use jokatsu::domain::tickets::core::ticket::{
    issue_month, verify_ticket, EmployerId, MonthRun, Ticket, VerifyPolicy, YearMonth, Yen,
};
use jokatsu::domain::tickets::core::used::UsedSet;

/// `recipients` × 20 tickets of `month` signed by `key` (key id 1), as text.
pub fn month_texts(month: YearMonth, key: &SigningKey, recipients: u16) -> Vec<String> {
    let mut texts = Vec::new();
    for r in 0..recipients {
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

/// Tickets verified per second from their text, the best of three rounds (`now_ms`: the
/// clock in milliseconds); every ticket must be valid.
pub fn verify_rate(
    texts: &[String],
    (keys, policy): (&KeySet, VerifyPolicy),
    today: NaiveDate,
    used: &UsedSet,
    now_ms: fn() -> f64,
) -> f64 {
    let mut best = 0.0f64;
    for _ in 0..3 {
        let started = now_ms();
        for t in texts {
            let ticket = Ticket::from_text(t).unwrap();
            let verdict = verify_ticket(&ticket, keys, policy, today, used);
            assert_eq!(verdict.code(), "valid", "every ticket verifies");
        }
        let rate = texts.len() as f64 * 1000.0 / (now_ms() - started).max(0.001);
        best = best.max(rate.round());
    }
    best
}

/// `recipients` × 20 tickets of `month` under the demo issuer key, and the rates at which
/// they verify under the demo key list (the demo policy) and, signed by a city key, under
/// the production policy, as after going live: (the demo tickets' texts, demo rate, city
/// rate).
pub fn demo_and_city_rates(
    month: YearMonth,
    recipients: u16,
    today: NaiveDate,
    now_ms: fn() -> f64,
) -> (Vec<String>, f64, f64) {
    let used = UsedSet::new();
    let texts = month_texts(month, &demo::issuer_signing_key(), recipients);
    let demo_rate = verify_rate(
        &texts,
        (&demo::key_set(), VerifyPolicy::DEMO),
        today,
        &used,
        now_ms,
    );
    let city = SigningKey::from_bytes(&[42; 32]);
    let window = (month.first_day(), month.next().next().next().last_day());
    let city_keys = KeySet::from_keys([IssuerKey::issuer(
        demo::DEMO_ISSUER_KEY_ID,
        city.verifying_key(),
        window,
    )]);
    let city_texts = month_texts(month, &city, recipients);
    let city_rate = verify_rate(
        &city_texts,
        (&city_keys, VerifyPolicy::PRODUCTION),
        today,
        &used,
        now_ms,
    );
    (texts, demo_rate, city_rate)
}

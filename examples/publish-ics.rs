//! Publishes the subscribable calendar from a feed's `schedule` section.
//!
//! ```text
//! cargo run --example publish-ics -- feed.json 3 > calendar.ics
//! cargo run --example publish-ics -- feed.json 3 --from 2026-12 --lang en --stamp 2026-11-24T00:00:00Z
//! ```
//! `3` is the number of months, starting with the current month in Japan (or `--from`).
//! This is a tool, not domain code, so it may read the clock; the stamp (`DTSTAMP`) is "now"
//! unless `--stamp` gives one (useful for reproducible output).
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use jokatsu::domain::schedule::ics::months_ics;
use jokatsu::domain::schedule::Schedule;
use jokatsu::domain::shared::date::jst_today;
use jokatsu::domain::shared::text::Lang;

const USAGE: &str =
    "usage: publish-ics FEED.json MONTHS [--from YYYY-MM] [--lang ja|en] [--stamp RFC3339]";

fn run(args: &[String]) -> Result<String, String> {
    let (path, months) = match args {
        [path, months, ..] => (path, months),
        _ => return Err(USAGE.to_owned()),
    };
    let months: u32 = months
        .parse()
        .ok()
        .filter(|m| (1..=24).contains(m))
        .ok_or("MONTHS must be a number from 1 to 24")?;
    let mut stamp: DateTime<Utc> = std::time::SystemTime::now().into();
    let mut from = jst_today(stamp);
    let mut lang = Lang::Ja;
    let mut rest = args.iter().skip(2);
    while let Some(flag) = rest.next() {
        let value = rest.next().ok_or(USAGE)?;
        match flag.as_str() {
            "--from" => {
                from = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
                    .map_err(|_| format!("--from: expected YYYY-MM, got {value:?}"))?;
            }
            "--lang" => {
                lang = match value.as_str() {
                    "ja" => Lang::Ja,
                    "en" => Lang::En,
                    _ => return Err("--lang: ja or en".to_owned()),
                }
            }
            "--stamp" => {
                stamp = DateTime::parse_from_rfc3339(value)
                    .map_err(|e| format!("--stamp: {e}"))?
                    .with_timezone(&Utc);
            }
            _ => return Err(USAGE.to_owned()),
        }
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let schedule = Schedule::from_feed_json(&text).map_err(|e| format!("{path}: {e}"))?;
    if let Some(coverage) = schedule.holidays().coverage() {
        let last = from.checked_add_months(chrono::Months::new(months));
        if last.is_some_and(|l| l > coverage.last) {
            eprintln!(
                "warning: the holiday list ends on {}; later dates may be wrong (run scripts/update-holidays.py)",
                coverage.last
            );
        }
    }
    months_ics(&schedule, from.year(), from.month(), months, lang, stamp)
        .ok_or_else(|| "invalid month range".to_owned())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(ics) => {
            print!("{ics}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("publish-ics: {e}");
            ExitCode::FAILURE
        }
    }
}

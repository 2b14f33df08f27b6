//! The embedded holiday file is exactly what scripts/update-holidays.py makes of the Cabinet
//! Office's syukujitsu.csv kept in data/source/ (so nobody edits it by hand).
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use jokatsu::domain::shared::holidays::{self, HolidayStatus};

#[test]
fn the_embedded_list_matches_the_cabinet_office_source() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new("python3")
        .current_dir(root)
        .args([
            "scripts/update-holidays.py",
            "data/source/syukujitsu.csv",
            "--check",
        ])
        .output();
    match output {
        Err(e) => println!("SKIPPED: python3 not available ({e})"),
        Ok(o) => assert!(
            o.status.success(),
            "data/holidays-jp.csv is stale: {}",
            String::from_utf8_lossy(&o.stderr)
        ),
    }
}

#[test]
fn the_embedded_list_covers_2020_to_2027_with_named_substitute_days() {
    let coverage = holidays::coverage().unwrap_or_else(|| panic!("no coverage"));
    assert_eq!(coverage.first.to_string(), "2020-01-01");
    assert!(coverage.last.to_string().as_str() >= "2027-12-31");
    // 2020 had the Olympic special dates; 2026-05-06 is a substitute holiday named 「休日」.
    let table = [
        ("2020-07-24", HolidayStatus::Holiday("スポーツの日")),
        ("2020-10-12", HolidayStatus::NotHoliday),
        ("2026-05-06", HolidayStatus::Holiday("休日")),
        ("2027-03-22", HolidayStatus::Holiday("休日")),
    ];
    for (date, want) in table {
        let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{date}: {e}"));
        assert_eq!(holidays::holiday_status(date), want, "{date}");
    }
}

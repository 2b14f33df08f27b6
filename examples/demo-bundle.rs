//! Writes a demo month's bundle for the end-to-end tests and for trying the app:
//! `cargo run --example demo-bundle -- 2026 11 tests/e2e/fixtures`
//! produces `demo-bundle-YYYYMM.txt` (the `JKB1:` text used in `#/receive/` links) and
//! `demo-bundle-YYYYMM.json` (the bundle file form).
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use jokatsu::domain::tickets::core::bundle::Bundle;
use jokatsu::domain::tickets::core::ticket::{demo_month, YearMonth};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (year, month, dir) = match args.as_slice() {
        [y, m, d] => (y.parse()?, m.parse()?, d.clone()),
        _ => return Err("usage: demo-bundle YEAR MONTH OUT_DIR".into()),
    };
    let ym = YearMonth::new(year, month).ok_or("bad month")?;
    let bundle = Bundle::new(demo_month(ym)?)?;
    std::fs::create_dir_all(&dir)?;
    let stem = format!("{dir}/demo-bundle-{year:04}{month:02}");
    std::fs::write(format!("{stem}.txt"), bundle.to_text())?;
    std::fs::write(format!("{stem}.json"), bundle.to_file_json())?;
    Ok(())
}

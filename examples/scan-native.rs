//! The scanner benchmark's frames, read natively: time per frame of the decoder path
//! (RGBA → half-size luma → quircs, full size when that finds nothing) and whether each
//! frame was read. A quick check while tuning; the numbers that count are the browser's
//! (`make bench`). `cargo run --profile office --example scan-native`
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use jokatsu::domain::shared::qr_frames::{bench_frames, to_rgba, HEIGHT, WIDTH};
use jokatsu::domain::shared::qr_read::{decode_luma, rgba_to_luma, QrReader};
use jokatsu::domain::tickets::core::ticket::{demo_month, YearMonth};
use std::time::Instant;

fn main() {
    let text = demo_month(YearMonth::new(2026, 12).unwrap())
        .unwrap()
        .into_iter()
        .nth(4)
        .unwrap()
        .to_text();
    let mut reader = QrReader::new();
    const RUNS: usize = 15;
    for (name, luma) in bench_frames(&text) {
        let rgba = to_rgba(&luma);
        let mut t_new = Vec::new();
        let mut t_old = Vec::new();
        let (mut ok_new, mut ok_old) = (true, true);
        for _ in 0..RUNS {
            let t = Instant::now();
            ok_new &= reader.read_rgba(WIDTH, HEIGHT, &rgba) == vec![text.clone()];
            t_new.push(t.elapsed().as_secs_f64() * 1000.0);
            let t = Instant::now();
            ok_old &= decode_luma(WIDTH, HEIGHT, &rgba_to_luma(&rgba)) == vec![text.clone()];
            t_old.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        t_new.sort_by(f64::total_cmp);
        t_old.sort_by(f64::total_cmp);
        println!(
            "{name:30} new {:6.2} ms {ok_new:5}   full-size {:6.2} ms {ok_old:5}",
            t_new[RUNS / 2],
            t_old[RUNS / 2]
        );
    }
}

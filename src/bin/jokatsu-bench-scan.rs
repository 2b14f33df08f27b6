//! The scanner benchmark page (`make bench` only: built into target/bench/scan, never part
//! of dist/). Makes camera-like 1280×720 frames holding a ticket QR and exposes the app's own
//! decoder path (RGBA → luma, half size first → quircs → ticket text → verification, the
//! same `QrReader::read_rgba` the till calls) to the page's script,
//! which times it side by side with jsQR on the same frames (tests/e2e/bench/scan/).

#[cfg(target_arch = "wasm32")]
mod bench {
    use chrono::NaiveDate;
    use jokatsu::domain::shared::qr_frames::{bench_frames, to_rgba};
    use jokatsu::domain::shared::qr_read::QrReader;
    use jokatsu::domain::tickets::core::keys::{demo, KeySet};
    use jokatsu::domain::tickets::core::ticket::{
        demo_month, verify_ticket, Ticket, VerifyPolicy, YearMonth,
    };
    use jokatsu::domain::tickets::core::used::NothingUsed;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;

    /// The ticket every frame shows (a demo ticket, verifiable offline with the demo keys).
    #[wasm_bindgen]
    pub fn ticket_text() -> String {
        YearMonth::new(2026, 12)
            .and_then(|m| demo_month(m).ok())
            .and_then(|t| t.into_iter().nth(4))
            .map(|t| t.to_text())
            .unwrap_or_default()
    }

    /// The frames, as [name, RGBA bytes] pairs: phone screen and printed sheet; clean,
    /// blurred, low contrast and slightly rotated (`domain::shared::qr_frames`, which the
    /// decoder's native tests read too).
    #[wasm_bindgen]
    pub fn frames() -> js_sys::Array {
        bench_frames(&ticket_text())
            .into_iter()
            .map(|(name, luma)| {
                let pair = js_sys::Array::new();
                pair.push(&JsValue::from_str(name));
                pair.push(&js_sys::Uint8ClampedArray::from(to_rgba(&luma).as_slice()));
                JsValue::from(pair)
            })
            .collect()
    }

    thread_local! {
        // One reader for the run, as the till keeps one for its camera (its buffers are
        // reused from frame to frame).
        static READER: RefCell<QrReader> = RefCell::new(QrReader::new());
        // The keys, checked once, as the till holds them (its trust state) between scans.
        static KEYS: KeySet = demo::key_set();
    }

    /// The app's path for one frame: decode, then verify. Returns the ticket text when a
    /// valid ticket was read, else "".
    #[wasm_bindgen]
    pub fn app_read(width: usize, height: usize, rgba_frame: &[u8]) -> String {
        let today = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap_or_default();
        let texts = READER.with_borrow_mut(|reader| reader.read_rgba(width, height, rgba_frame));
        KEYS.with(|keys| {
            texts.into_iter().find(|text| {
                Ticket::from_text(text).is_ok_and(|t| {
                    verify_ticket(&t, keys, VerifyPolicy::DEMO, today, &NothingUsed).code()
                        == "valid"
                })
            })
        })
        .unwrap_or_default()
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the scanner benchmark page: built by `make bench` (scripts/bench.sh).");
}

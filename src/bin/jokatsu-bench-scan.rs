//! The scanner benchmark page (`make bench` only: built into target/bench/scan, never part
//! of dist/). Makes camera-like 1280×720 frames holding a ticket QR and exposes the app's own
//! decoder path (RGBA → luma → quircs → ticket text → verification) to the page's script,
//! which times it side by side with jsQR on the same frames (tests/e2e/bench/scan/).

#[cfg(target_arch = "wasm32")]
mod bench {
    use chrono::NaiveDate;
    use jokatsu::domain::shared::qr_read::{decode_luma, rgba_to_luma};
    use jokatsu::domain::tickets::keys::demo;
    use jokatsu::domain::tickets::ticket::{
        demo_month, verify_ticket, Ticket, VerifyPolicy, YearMonth,
    };
    use jokatsu::domain::tickets::used::NothingUsed;
    use qrcode::{Color, EcLevel, QrCode};
    use wasm_bindgen::prelude::*;

    const W: usize = 1280;
    const H: usize = 720;

    /// The ticket every frame shows (a demo ticket, verifiable offline with the demo keys).
    #[wasm_bindgen]
    pub fn ticket_text() -> String {
        YearMonth::new(2026, 12)
            .and_then(|m| demo_month(m).ok())
            .and_then(|t| t.into_iter().nth(4))
            .map(|t| t.to_text())
            .unwrap_or_default()
    }

    /// A grey frame with the QR of `text` drawn at `scale` px per module, centred on a
    /// `card` background (a phone screen or a sheet of paper), rotated by `degrees`.
    fn frame(text: &str, scale: f64, surround: u8, card: u8, dark: u8, degrees: f64) -> Vec<u8> {
        let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
            return vec![0; W * H];
        };
        let n = code.width() as f64;
        let colors = code.to_colors();
        let (sin, cos) = degrees.to_radians().sin_cos();
        let (cx, cy) = (W as f64 / 2.0, H as f64 / 2.0);
        let half_card = (n / 2.0 + 6.0) * scale;
        let mut luma = vec![surround; W * H];
        for y in 0..H {
            for x in 0..W {
                // Rotate the sampling point back into the code's frame.
                let (dx, dy) = (x as f64 - cx, y as f64 - cy);
                let (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
                if u.abs() > half_card || v.abs() > half_card {
                    // A soft light gradient across the scene, as a room gives.
                    let shade = (x as f64 / W as f64 * 20.0) as u8;
                    luma[y * W + x] = surround.saturating_add(shade);
                    continue;
                }
                let (mx, my) = ((u / scale + n / 2.0).floor(), (v / scale + n / 2.0).floor());
                let inside = mx >= 0.0 && my >= 0.0 && mx < n && my < n;
                let is_dark = inside
                    && colors.get(my as usize * code.width() + mx as usize) == Some(&Color::Dark);
                luma[y * W + x] = if is_dark { dark } else { card };
            }
        }
        luma
    }

    fn blur(luma: &[u8], r: usize) -> Vec<u8> {
        let mut out = luma.to_vec();
        for y in r..H - r {
            for x in r..W - r {
                let mut sum = 0u32;
                for dy in 0..=2 * r {
                    for dx in 0..=2 * r {
                        sum += u32::from(luma[(y + dy - r) * W + x + dx - r]);
                    }
                }
                out[y * W + x] = (sum / ((2 * r + 1) * (2 * r + 1)) as u32) as u8;
            }
        }
        out
    }

    fn rgba(luma: &[u8]) -> Vec<u8> {
        luma.iter().flat_map(|&l| [l, l, l, 255]).collect()
    }

    /// The frames, as [name, RGBA bytes] pairs: phone screen and printed sheet; clean,
    /// blurred, low contrast and slightly rotated.
    #[wasm_bindgen]
    pub fn frames() -> js_sys::Array {
        let text = ticket_text();
        let phone = frame(&text, 9.0, 30, 245, 20, 0.0);
        let sheet = frame(&text, 5.0, 120, 215, 40, 0.0);
        let list: Vec<(&str, Vec<u8>)> = vec![
            ("phone screen, clean", phone.clone()),
            ("phone screen, blurred", blur(&phone, 2)),
            (
                "phone screen, rotated 8°",
                frame(&text, 9.0, 30, 245, 20, 8.0),
            ),
            ("printed sheet, clean", sheet.clone()),
            ("printed sheet, blurred", blur(&sheet, 1)),
            (
                "printed sheet, low contrast",
                frame(&text, 5.0, 120, 170, 110, 0.0),
            ),
            (
                "printed sheet, rotated 5°",
                frame(&text, 5.0, 120, 215, 40, 5.0),
            ),
        ];
        list.into_iter()
            .map(|(name, l)| {
                let pair = js_sys::Array::new();
                pair.push(&JsValue::from_str(name));
                pair.push(&js_sys::Uint8ClampedArray::from(rgba(&l).as_slice()));
                JsValue::from(pair)
            })
            .collect()
    }

    /// The app's path for one frame: decode, then verify. Returns the ticket text when a
    /// valid ticket was read, else "".
    #[wasm_bindgen]
    pub fn app_read(width: usize, height: usize, rgba_frame: &[u8]) -> String {
        let luma = rgba_to_luma(rgba_frame);
        let keys = demo::key_set();
        let today = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap_or_default();
        decode_luma(width, height, &luma)
            .into_iter()
            .find(|text| {
                Ticket::from_text(text).is_ok_and(|t| {
                    verify_ticket(&t, &keys, VerifyPolicy::DEMO, today, &NothingUsed).code()
                        == "valid"
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

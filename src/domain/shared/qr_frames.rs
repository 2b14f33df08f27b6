//! Camera-like test frames holding a QR code: the scanner benchmark's frames
//! (`src/bin/jokatsu-bench-scan.rs`) and the decoder's native tests use the same ones.
//! Not used by any app page (so it is not in their WebAssembly).

use qrcode::{Color, EcLevel, QrCode};

/// Width of a benchmark frame (a 720p camera).
pub const WIDTH: usize = 1280;
/// Height of a benchmark frame.
pub const HEIGHT: usize = 720;

/// How a code is shown to the camera.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scene {
    /// Pixels per module.
    pub scale: f64,
    /// Luma of the room around the card.
    pub surround: u8,
    /// Luma of the card (phone screen or paper) and the light modules.
    pub card: u8,
    /// Luma of the dark modules.
    pub dark: u8,
    /// Rotation of the card, degrees.
    pub degrees: f64,
}

/// A phone screen held to the camera: 9 px modules, bright screen in a dark room.
pub const PHONE: Scene = Scene {
    scale: 9.0,
    surround: 30,
    card: 245,
    dark: 20,
    degrees: 0.0,
};

/// A printed sheet held further away: 5 px modules, paper on a grey counter.
pub const SHEET: Scene = Scene {
    scale: 5.0,
    surround: 120,
    card: 215,
    dark: 40,
    degrees: 0.0,
};

/// A `width`×`height` greyscale frame with the QR of `text` (error correction M) drawn as
/// `scene` says, centred on its card (6 modules of margin) on a softly shaded background.
pub fn luma_frame(text: &str, scene: Scene, width: usize, height: usize) -> Vec<u8> {
    let Ok(code) = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M) else {
        return vec![0; width * height];
    };
    let side = code.width();
    let n = side as f64;
    let colors = code.to_colors();
    let (sin, cos) = scene.degrees.to_radians().sin_cos();
    let (cx, cy) = (width as f64 / 2.0, height as f64 / 2.0);
    let half_card = (n / 2.0 + 6.0) * scene.scale;
    let mut luma = vec![scene.surround; width * height];
    for (y, row) in luma.chunks_exact_mut(width).enumerate() {
        for (x, px) in row.iter_mut().enumerate() {
            // Rotate the sampling point back into the code's frame.
            let (dx, dy) = (x as f64 - cx, y as f64 - cy);
            let (u, v) = (dx * cos + dy * sin, -dx * sin + dy * cos);
            if u.abs() > half_card || v.abs() > half_card {
                // A soft light gradient across the scene, as a room gives.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..20
                let shade = (x as f64 / width as f64 * 20.0) as u8;
                *px = scene.surround.saturating_add(shade);
                continue;
            }
            let (mx, my) = (
                (u / scene.scale + n / 2.0).floor(),
                (v / scene.scale + n / 2.0).floor(),
            );
            let inside = mx >= 0.0 && my >= 0.0 && mx < n && my < n;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..n, checked
            let is_dark =
                inside && colors.get(my as usize * side + mx as usize) == Some(&Color::Dark);
            *px = if is_dark { scene.dark } else { scene.card };
        }
    }
    luma
}

/// A `(2r+1)`² box blur (an out-of-focus camera); the `r`-pixel border is left as it is.
pub fn blur(luma: &[u8], width: usize, height: usize, r: usize) -> Vec<u8> {
    let mut out = luma.to_vec();
    let area = ((2 * r + 1) * (2 * r + 1)) as u32;
    for y in r..height.saturating_sub(r) {
        for x in r..width.saturating_sub(r) {
            let mut sum = 0u32;
            for dy in 0..=2 * r {
                let start = (y + dy - r) * width + x - r;
                sum += luma[start..=start + 2 * r]
                    .iter()
                    .map(|&p| u32::from(p))
                    .sum::<u32>();
            }
            out[y * width + x] = u8::try_from(sum / area).unwrap_or(u8::MAX);
        }
    }
    out
}

/// A greyscale frame as RGBA (what a canvas gives).
pub fn to_rgba(luma: &[u8]) -> Vec<u8> {
    luma.iter().flat_map(|&l| [l, l, l, 255]).collect()
}

/// The benchmark's 1280×720 frames of `text`, as (name, luma): phone screen and printed
/// sheet; clean, blurred, low contrast and slightly rotated.
pub fn bench_frames(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let (w, h) = (WIDTH, HEIGHT);
    let phone = luma_frame(text, PHONE, w, h);
    let sheet = luma_frame(text, SHEET, w, h);
    vec![
        ("phone screen, clean", phone.clone()),
        ("phone screen, blurred", blur(&phone, w, h, 2)),
        (
            "phone screen, rotated 8°",
            luma_frame(
                text,
                Scene {
                    degrees: 8.0,
                    ..PHONE
                },
                w,
                h,
            ),
        ),
        ("printed sheet, clean", sheet.clone()),
        ("printed sheet, blurred", blur(&sheet, w, h, 1)),
        (
            "printed sheet, low contrast",
            luma_frame(
                text,
                Scene {
                    card: 170,
                    dark: 110,
                    ..SHEET
                },
                w,
                h,
            ),
        ),
        (
            "printed sheet, rotated 5°",
            luma_frame(
                text,
                Scene {
                    degrees: 5.0,
                    ..SHEET
                },
                w,
                h,
            ),
        ),
    ]
}

//! Reading QR codes from camera frames (the WebAssembly decoder behind the browser's
//! BarcodeDetector, which many browsers lack). Pure: takes the frame's RGBA or luma bytes.
//!
//! The decoder (quirc) thresholds and scans every pixel, so a large frame is first read at
//! half size (2×2 pixels averaged, fused with the RGBA → luma conversion in one pass): a
//! ticket QR held to a 720p camera has modules of 5 px or more, which stay ≥ 2.5 px, and
//! the averaging steadies blurred and noisy frames. If that finds finder patterns but no
//! code (modules too fine at half size, or rotated), the area around them is read at full
//! size; if it finds none, the whole frame is (a small or distant code). Each code is first
//! decoded with its grid as found, and only if that fails with the grid's fit refined
//! (quirc's perspective search, which costs more than all the rest). [`QrReader`] keeps its
//! buffers between frames, so scanning allocates nothing per frame.

/// Frames at least this wide and high (a 720p camera's, or a photo's) are read at half size
/// first; smaller ones (a 640×480 camera: modules too fine to halve, and few pixels) at
/// full size only.
const HALF_SIZE_FROM: usize = 720;

/// How a QR code's bytes that are not UTF-8 become text (see [`payload_text`]).
pub type OtherText = fn(&[u8]) -> String;

/// A QR reader for a stream of frames; reuses its buffers from one frame to the next.
pub struct QrReader {
    quirc: quircs::Quirc,
    luma: Vec<u8>,
    other_text: OtherText,
}

impl Default for QrReader {
    fn default() -> Self {
        Self::with_other_text(lossy_utf8)
    }
}

impl std::fmt::Debug for QrReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrReader").finish_non_exhaustive()
    }
}

impl QrReader {
    /// A reader with empty buffers (they grow to the first frame's size). Codes whose
    /// bytes are not UTF-8 are read as UTF-8 with U+FFFD for what is not (a page passes
    /// its Shift_JIS decoder: [`QrReader::with_other_text`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// A reader that reads bytes that are not UTF-8 with `other_text`: the page's
    /// Shift_JIS decoder (the browser's own, `TextDecoder`, so that no encoding tables
    /// weigh on the page's WebAssembly).
    pub fn with_other_text(other_text: OtherText) -> Self {
        QrReader {
            quirc: quircs::Quirc::default(),
            luma: Vec::new(),
            other_text,
        }
    }

    /// Decode every QR code in a `width`×`height` RGBA frame (row-major, as a canvas gives
    /// it): at half size first, then, if that found nothing, at full size. Returns the
    /// texts of the codes that decoded; damaged codes are skipped.
    pub fn read_rgba(&mut self, width: usize, height: usize, rgba: &[u8]) -> Vec<String> {
        let Some(rgba) = rgba.get(..width * height * 4) else {
            return Vec::new();
        };
        if width == 0 || height == 0 {
            return Vec::new();
        }
        if width >= HALF_SIZE_FROM && height >= HALF_SIZE_FROM {
            let (hw, hh) = (width / 2, height / 2);
            rgba_to_luma_half_into(width, height, rgba, &mut self.luma);
            let found = self.decode(hw, hh, Refine::No);
            if !found.is_empty() {
                return found;
            }
            // Finder patterns but no code: one too fine for half size (modules under ~3 px
            // there, or rotated). Read the area around them at full size.
            if let Some(area) = self.finder_area(width, height) {
                rgba_to_luma_crop_into(width, rgba, area, &mut self.luma);
                return self.decode(area.width, area.height, Refine::IfNeeded);
            }
        }
        rgba_to_luma_into(rgba, &mut self.luma);
        self.decode(width, height, Refine::IfNeeded)
    }

    /// Where in the full `width`×`height` frame a code must lie, given at least two finder
    /// patterns found in the half-size frame (their centres, in full-size pixels):
    /// - three: the code's corners; the fourth lies opposite the one at the right angle
    ///   (the one off the longest side), whatever the rotation;
    /// - two: two corners of the code, so the others lie at most their distance away
    ///   across the line joining them (either side);
    /// - more (several codes, or false finds): as for two, around all of them;
    ///
    /// and around that a margin for the outer half of the finder patterns and a little
    /// quiet zone: a quarter of their spread (at least 3.5 modules) and 16 px.
    fn finder_area(&self, width: usize, height: usize) -> Option<Area> {
        let centres: Vec<(i64, i64)> = self
            .quirc
            .capstones
            .iter()
            .map(|c| (i64::from(c.center.x) * 2, i64::from(c.center.y) * 2))
            .collect();
        let mut points = centres.clone();
        if let [a, b, c] = centres[..] {
            let d2 = |p: (i64, i64), q: (i64, i64)| (p.0 - q.0).pow(2) + (p.1 - q.1).pow(2);
            let (corner, p, q) = [(a, b, c), (b, a, c), (c, a, b)]
                .into_iter()
                .max_by_key(|&(_, p, q)| d2(p, q))?;
            points.push((p.0 + q.0 - corner.0, p.1 + q.1 - corner.1));
        }
        let (x0, x1) = (
            points.iter().map(|p| p.0).min()?,
            points.iter().map(|p| p.0).max()?,
        );
        let (y0, y1) = (
            points.iter().map(|p| p.1).min()?,
            points.iter().map(|p| p.1).max()?,
        );
        let margin = (x1 - x0).max(y1 - y0) / 4 + 16;
        let (reach_x, reach_y) = match centres.len() {
            0 | 1 => return None,
            3 => (margin, margin),
            _ => (y1 - y0 + margin, x1 - x0 + margin),
        };
        let clamp = |v: i64, max: usize| usize::try_from(v.max(0)).unwrap_or(0).min(max);
        let (left, right) = (clamp(x0 - reach_x, width), clamp(x1 + reach_x, width));
        let (top, bottom) = (clamp(y0 - reach_y, height), clamp(y1 + reach_y, height));
        (right > left && bottom > top).then_some(Area {
            left,
            top,
            width: right - left,
            height: bottom - top,
        })
    }

    /// Decode every QR code in a `width`×`height` greyscale frame (row-major luma), at
    /// full size.
    pub fn read_luma(&mut self, width: usize, height: usize, luma: &[u8]) -> Vec<String> {
        match luma.get(..width * height) {
            Some(frame) if width > 0 && height > 0 => {
                decode_with(&mut self.quirc, width, height, frame, Refine::IfNeeded)
                    .iter()
                    .map(|p| payload_text(p, self.other_text))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn decode(&mut self, width: usize, height: usize, refine: Refine) -> Vec<String> {
        match self.luma.get(..width * height) {
            Some(frame) => decode_with(&mut self.quirc, width, height, frame, refine)
                .iter()
                .map(|p| payload_text(p, self.other_text))
                .collect(),
            None => Vec::new(),
        }
    }
}

/// Whether a code that does not decode with its grid as found is tried again with the
/// grid's fit refined (quirc's perspective "jiggle": most of the decoder's time on a frame
/// holding a code, and a sharp, square-on code never needs it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refine {
    No,
    IfNeeded,
}

/// Identify the codes in `luma` and decode each, first with the grid as found from its
/// finder and alignment patterns, then, if `refine` says so, with the fit refined.
fn decode_with(
    quirc: &mut quircs::Quirc,
    width: usize,
    height: usize,
    luma: &[u8],
    refine: Refine,
) -> Vec<Vec<u8>> {
    quirc.refine_on_demand = true;
    let count = quirc.identify(width, height, luma).count();
    (0..count)
        .filter_map(|i| {
            let decode = |q: &quircs::Quirc| q.extract(i).ok()?.decode().ok();
            decode(quirc).or_else(|| {
                (refine == Refine::IfNeeded).then(|| quirc.refine(i))?;
                decode(quirc)
            })
        })
        .map(|data| data.payload)
        .collect()
}

/// **Rule: every code that decodes gets read as text.** This app's codes are UTF-8; many
/// Japanese QR makers write Shift_JIS instead (the Kanji mode, and byte mode in older
/// makers). Bytes that are not UTF-8 are read with `other` (the page's Shift_JIS decoder),
/// so such a code is never skipped: the till answers 「チケットではありません」 at once
/// instead of scanning on in silence.
pub fn payload_text(payload: &[u8], other: OtherText) -> String {
    match std::str::from_utf8(payload) {
        Ok(text) => text.to_owned(),
        Err(_) => other(payload),
    }
}

/// UTF-8, with U+FFFD for every byte sequence that is not.
pub fn lossy_utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Decode every QR code found in a `width`×`height` greyscale frame (row-major luma), at
/// full size. Returns the texts of the codes that decoded; damaged codes are skipped.
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    QrReader::new().read_luma(width, height, luma)
}

/// Luma of one pixel from its summed R, G, B over `1 << shift` pixels: ITU-R BT.601
/// weights in 8-bit fixed point (77, 150, 29: they sum to 256).
#[inline(always)]
fn weigh(r: u32, g: u32, b: u32, shift: u32) -> u8 {
    let y = (77 * r + 150 * g + 29 * b) >> (8 + shift);
    u8::try_from(y).unwrap_or(u8::MAX)
}

/// Convert an RGBA frame (as a canvas gives it) to luma, into `out` (resized to fit).
pub fn rgba_to_luma_into(rgba: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.extend(
        rgba.chunks_exact(4)
            .map(|p| weigh(u32::from(p[0]), u32::from(p[1]), u32::from(p[2]), 0)),
    );
}

/// Convert an RGBA frame (as a canvas gives it) to luma.
pub fn rgba_to_luma(rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(rgba.len() / 4);
    rgba_to_luma_into(rgba, &mut out);
    out
}

/// A rectangle of a frame, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub left: usize,
    pub top: usize,
    pub width: usize,
    pub height: usize,
}

/// Convert the `area` of a `width`-pixel-wide RGBA frame to luma, into `out` (resized to
/// fit; rows of the area outside the frame are left out).
pub fn rgba_to_luma_crop_into(width: usize, rgba: &[u8], area: Area, out: &mut Vec<u8>) {
    out.clear();
    let right = (area.left + area.width).min(width);
    for row in rgba
        .chunks_exact(width * 4)
        .skip(area.top)
        .take(area.height)
    {
        if let Some(part) = row.get(area.left * 4..right * 4) {
            out.extend(
                part.chunks_exact(4)
                    .map(|p| weigh(u32::from(p[0]), u32::from(p[1]), u32::from(p[2]), 0)),
            );
        }
    }
}

/// Convert a `width`×`height` RGBA frame to luma at half size, `width / 2` × `height / 2`
/// (each output pixel the average of a 2×2 block; an odd last row or column is dropped),
/// into `out` (resized to fit). One pass over the frame.
pub fn rgba_to_luma_half_into(width: usize, height: usize, rgba: &[u8], out: &mut Vec<u8>) {
    let (hw, hh) = (width / 2, height / 2);
    out.clear();
    out.reserve(hw * hh);
    let row = width * 4;
    for pair in rgba.chunks_exact(2 * row).take(hh) {
        let (top, bottom) = pair.split_at(row);
        out.extend(
            top.chunks_exact(8)
                .zip(bottom.chunks_exact(8))
                .take(hw)
                .map(|(t, b)| luma_of_block(t, b)),
        );
    }
}

/// The luma of a 2×2 block of RGBA pixels (`top` and `bottom` rows, 8 bytes each), its
/// channels summed two at a time as 16-bit lanes of one 64-bit word (R and B in one word,
/// G and A in another): two loads per row instead of eight.
#[inline(always)]
fn luma_of_block(top: &[u8], bottom: &[u8]) -> u8 {
    const LOW_BYTES: u64 = 0x00FF_00FF_00FF_00FF;
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[..8]);
        u64::from_le_bytes(w)
    };
    let (t, b) = (word(top), word(bottom));
    // Lanes (low to high): R0 B0 R1 B1 and G0 A0 G1 A1, each ≤ 2 × 255.
    let rb = (t & LOW_BYTES) + (b & LOW_BYTES);
    let ga = ((t >> 8) & LOW_BYTES) + ((b >> 8) & LOW_BYTES);
    // Add the right pixel's lanes to the left's: R, B, G of the block, each ≤ 4 × 255.
    let rb = rb + (rb >> 32);
    let ga = ga + (ga >> 32);
    weigh(
        (rb & 0xFFFF) as u32,
        (ga & 0xFFFF) as u32,
        ((rb >> 16) & 0xFFFF) as u32,
        2,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{Color, EcLevel, QrCode};

    /// Render `text` as a QR at `scale` pixels per module, with a 4-module quiet zone,
    /// on a larger grey background (like a phone photo of a screen).
    fn render(text: &str, scale: usize, pad: usize) -> (usize, usize, Vec<u8>) {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .unwrap_or_else(|_| unreachable!());
        let n = code.width();
        let colors = code.to_colors();
        let side = (n + 8) * scale;
        let (w, h) = (side + 2 * pad, side + 2 * pad);
        let mut img = vec![200u8; w * h];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
                let dark = mx >= 0
                    && my >= 0
                    && (mx as usize) < n
                    && (my as usize) < n
                    && colors[my as usize * n + mx as usize] == Color::Dark;
                img[(y + pad) * w + x + pad] = if dark { 20 } else { 250 };
            }
        }
        (w, h, img)
    }

    #[test]
    fn reads_back_a_ticket_link_qr() {
        let text = "https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html#/t/JK1:AEAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let (w, h, img) = render(text, 4, 40);
        assert_eq!(decode_luma(w, h, &img), vec![text.to_string()]);
    }

    #[test]
    fn reads_a_shift_jis_qr_as_text() {
        // As a Japanese QR maker writes it: Shift_JIS bytes (kanji and kana in Kanji mode).
        let text = "すみまセンエン　ありがとう！ 旭川市";
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&sjis).is_err(), "not UTF-8");
        let code = QrCode::with_error_correction_level(&sjis[..], EcLevel::M).unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let scale = 6;
        let side = (n + 8) * scale;
        let mut img = vec![250u8; side * side];
        for y in 0..side {
            for x in 0..side {
                let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
                if mx >= 0
                    && my >= 0
                    && (mx as usize) < n
                    && (my as usize) < n
                    && colors[my as usize * n + mx as usize] == Color::Dark
                {
                    img[y * side + x] = 20;
                }
            }
        }
        // Never skipped, and read as Shift_JIS by a page's decoder (here encoding_rs's,
        // the WHATWG decoder the browser's TextDecoder implements).
        assert_eq!(decode_luma(side, side, &img).len(), 1);
        let sjis = |b: &[u8]| {
            encoding_rs::SHIFT_JIS
                .decode_without_bom_handling(b)
                .0
                .into_owned()
        };
        let mut reader = QrReader::with_other_text(sjis);
        assert_eq!(reader.read_luma(side, side, &img), vec![text.to_string()]);
    }

    #[test]
    fn payload_bytes_are_utf8_else_read_by_the_other_decoder() {
        let other: OtherText = |b| format!("other:{}", b.len());
        let cases: [(&[u8], &str); 4] = [
            (b"JK1:AB", "JK1:AB"),
            ("旭川".as_bytes(), "旭川"),
            // ソー in Shift_JIS is not UTF-8.
            (&[0x83, 0x5C, 0x81, 0x5B], "other:4"),
            (&[b'a', 0xFF, b'b'], "other:3"),
        ];
        for (bytes, text) in cases {
            assert_eq!(payload_text(bytes, other), text, "{bytes:?}");
        }
        assert_eq!(lossy_utf8(&[b'a', 0xFF, b'b']), "a\u{FFFD}b");
    }

    #[test]
    fn nothing_in_a_blank_frame_and_no_panic_on_bad_sizes() {
        assert!(decode_luma(64, 64, &[128u8; 64 * 64]).is_empty());
        assert!(decode_luma(64, 64, &[0u8; 10]).is_empty());
        assert!(decode_luma(0, 0, &[]).is_empty());
    }

    #[test]
    fn luma_of_rgba() {
        assert_eq!(
            rgba_to_luma(&[255, 255, 255, 255, 0, 0, 0, 255]),
            vec![255, 0]
        );
    }

    use crate::domain::shared::qr_frames::{
        bench_frames, blur, luma_frame, to_rgba, Scene, HEIGHT, PHONE, SHEET, WIDTH,
    };

    /// A ticket link as long as a real one (version 6 at error correction M, like a ticket).
    const TICKET: &str = "https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html#/t/JK1:AEAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    fn half_only(rgba: &[u8]) -> Vec<String> {
        let mut luma = Vec::new();
        rgba_to_luma_half_into(WIDTH, HEIGHT, rgba, &mut luma);
        decode_luma(WIDTH / 2, HEIGHT / 2, &luma)
    }

    #[test]
    fn reads_every_benchmark_frame() {
        let mut reader = QrReader::new();
        for (name, luma) in bench_frames(TICKET) {
            let rgba = to_rgba(&luma);
            assert_eq!(
                reader.read_rgba(WIDTH, HEIGHT, &rgba),
                vec![TICKET],
                "{name}"
            );
        }
    }

    #[test]
    fn reads_at_half_size_from_5_to_11_px_modules_sharp_blurred_and_faint() {
        let mut reader = QrReader::new();
        for scale in [5.0, 6.0, 7.5, 9.0, 11.0] {
            for (what, scene) in [
                ("paper", Scene { scale, ..SHEET }),
                ("screen", Scene { scale, ..PHONE }),
                (
                    "faint",
                    Scene {
                        scale,
                        card: 170,
                        dark: 110,
                        ..SHEET
                    },
                ),
                (
                    "tilted",
                    Scene {
                        scale,
                        degrees: -4.0,
                        ..SHEET
                    },
                ),
            ] {
                let luma = luma_frame(TICKET, scene, WIDTH, HEIGHT);
                for (blurred, luma) in
                    [(false, luma.clone()), (true, blur(&luma, WIDTH, HEIGHT, 1))]
                {
                    let rgba = to_rgba(&luma);
                    let read = reader.read_rgba(WIDTH, HEIGHT, &rgba);
                    assert_eq!(
                        read,
                        vec![TICKET],
                        "{what} at {scale} px, blurred {blurred}"
                    );
                    // The sharp, square-on ones need no second pass at full size (at
                    // whole-pixel module sizes: at 7.5 px, 3.75 at half size, one finder
                    // pattern is lost and the area around the others is read at full size).
                    if !blurred && scene.degrees == 0.0 && scale.fract() == 0.0 {
                        assert_eq!(
                            half_only(&rgba),
                            vec![TICKET],
                            "{what} at {scale} px, half size"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn falls_back_to_full_size_for_a_small_code() {
        // 2 px modules: 1 px at half size, where no finder pattern survives.
        let rgba = to_rgba(&luma_frame(
            TICKET,
            Scene {
                scale: 2.0,
                ..PHONE
            },
            WIDTH,
            HEIGHT,
        ));
        assert!(half_only(&rgba).is_empty());
        assert_eq!(
            QrReader::new().read_rgba(WIDTH, HEIGHT, &rgba),
            vec![TICKET]
        );
        // A 640×480 camera's frame is read at full size only.
        let vga = to_rgba(&luma_frame(
            TICKET,
            Scene {
                scale: 3.0,
                ..PHONE
            },
            640,
            480,
        ));
        assert_eq!(QrReader::new().read_rgba(640, 480, &vga), vec![TICKET]);
    }

    #[test]
    fn reads_the_area_around_finder_patterns_at_full_size_when_half_size_fails() {
        // The rotated printed sheet: at half size two of the three finder patterns are
        // found and no code; the area around them is read at full size.
        let (name, luma) = bench_frames(TICKET)
            .into_iter()
            .find(|(n, _)| n.contains("rotated 5"))
            .unwrap_or_else(|| unreachable!());
        let rgba = to_rgba(&luma);
        assert!(half_only(&rgba).is_empty(), "{name}");
        let mut reader = QrReader::new();
        assert_eq!(reader.read_rgba(WIDTH, HEIGHT, &rgba), vec![TICKET]);
        // The area read is a fraction of the frame.
        rgba_to_luma_half_into(WIDTH, HEIGHT, &rgba, &mut reader.luma);
        assert!(reader.decode(WIDTH / 2, HEIGHT / 2, Refine::No).is_empty());
        let area = reader
            .finder_area(WIDTH, HEIGHT)
            .unwrap_or_else(|| unreachable!());
        assert!(area.width * area.height < WIDTH * HEIGHT / 5, "{area:?}");
    }

    #[test]
    fn the_finder_area_covers_the_fourth_corner_whatever_the_rotation() {
        let mut reader = QrReader::new();
        for (degrees, scale) in [
            (0.0, 7.5),
            (45.0, 7.0),
            (-30.0, 6.5),
            (135.0, 7.5),
            (200.0, 6.0),
        ] {
            let scene = Scene {
                scale,
                degrees,
                ..SHEET
            };
            let rgba = to_rgba(&luma_frame(TICKET, scene, WIDTH, HEIGHT));
            assert_eq!(
                reader.read_rgba(WIDTH, HEIGHT, &rgba),
                vec![TICKET],
                "{degrees}°"
            );
            // The whole code (its card) lies inside the area found at half size.
            rgba_to_luma_half_into(WIDTH, HEIGHT, &rgba, &mut reader.luma);
            let _ = reader.decode(WIDTH / 2, HEIGHT / 2, Refine::No);
            if reader.quirc.capstones.len() < 2 {
                continue;
            }
            let area = reader
                .finder_area(WIDTH, HEIGHT)
                .unwrap_or_else(|| unreachable!());
            // The code is 41 modules square, centred in the frame; its corners, rotated:
            let half = 41.0 / 2.0 * scale;
            let (sin, cos) = f64::to_radians(degrees).sin_cos();
            for (u, v) in [(-half, -half), (half, -half), (half, half), (-half, half)] {
                let x = WIDTH as f64 / 2.0 + u * cos - v * sin;
                let y = HEIGHT as f64 / 2.0 + u * sin + v * cos;
                assert!(
                    x >= area.left as f64
                        && x <= (area.left + area.width) as f64
                        && y >= area.top as f64
                        && y <= (area.top + area.height) as f64,
                    "{degrees}°: corner ({x:.0}, {y:.0}) outside {area:?}"
                );
            }
        }
    }

    #[test]
    fn a_frame_without_a_code_reads_nothing_and_sizes_are_checked() {
        let mut reader = QrReader::new();
        let grey = vec![128u8; WIDTH * HEIGHT * 4];
        assert!(reader.read_rgba(WIDTH, HEIGHT, &grey).is_empty());
        assert!(reader.read_rgba(WIDTH, HEIGHT, &grey[..100]).is_empty());
        assert!(reader.read_rgba(0, 0, &[]).is_empty());
        assert!(reader.read_rgba(1, 1, &[0, 0, 0, 255]).is_empty());
        assert!(reader
            .read_rgba(721, 721, &vec![255u8; 721 * 721 * 4])
            .is_empty());
    }

    #[test]
    fn half_size_luma_is_the_block_average_of_the_bt601_luma() {
        // Odd sizes: the last column and row are dropped.
        let (w, h) = (7usize, 5usize);
        let rgba: Vec<u8> = (0..w * h * 4)
            .map(|i| ((i * 97 + 13) % 256) as u8)
            .collect();
        let mut half = Vec::new();
        rgba_to_luma_half_into(w, h, &rgba, &mut half);
        assert_eq!(half.len(), (w / 2) * (h / 2));
        for y in 0..h / 2 {
            for x in 0..w / 2 {
                let (mut r, mut g, mut b) = (0u32, 0u32, 0u32);
                for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                    let i = ((2 * y + dy) * w + 2 * x + dx) * 4;
                    r += u32::from(rgba[i]);
                    g += u32::from(rgba[i + 1]);
                    b += u32::from(rgba[i + 2]);
                }
                let want = (77 * r + 150 * g + 29 * b) / 1024;
                assert_eq!(u32::from(half[y * (w / 2) + x]), want, "({x}, {y})");
            }
        }
        let mut white = Vec::new();
        rgba_to_luma_half_into(2, 2, &[255; 16], &mut white);
        assert_eq!(white, vec![255]);
    }

    #[test]
    fn crop_luma_is_the_full_luma_of_the_area() {
        let (w, h) = (9usize, 6usize);
        let rgba: Vec<u8> = (0..w * h * 4).map(|i| ((i * 31 + 7) % 256) as u8).collect();
        let full = rgba_to_luma(&rgba);
        let mut crop = Vec::new();
        let area = Area {
            left: 2,
            top: 1,
            width: 5,
            height: 3,
        };
        rgba_to_luma_crop_into(w, &rgba, area, &mut crop);
        let want: Vec<u8> = (1..4)
            .flat_map(|y| full[y * w + 2..y * w + 7].to_vec())
            .collect();
        assert_eq!(crop, want);
    }
}

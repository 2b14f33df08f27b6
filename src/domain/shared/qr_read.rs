//! Reading QR codes from camera frames (the WebAssembly decoder behind the browser's
//! BarcodeDetector, which many browsers lack). Pure: takes the frame's RGBA or luma bytes.
//!
//! Most of the decoder's time goes into thresholding and scanning every pixel, so a large
//! frame is first read at half size (2×2 pixels averaged, fused with the RGBA → luma
//! conversion in one pass): a ticket QR held to a 720p camera has modules of 5 px or more,
//! which stay ≥ 2.5 px, and the averaging also steadies blurred and noisy frames. Only when
//! the half-size frame yields nothing is the full frame read (a small or distant code).
//! [`QrReader`] keeps its buffers between frames, so scanning allocates nothing per frame.

/// Frames at least this wide and high are read at half size first.
const HALF_SIZE_FROM: usize = 480;

/// A QR reader for a stream of frames; reuses its buffers from one frame to the next.
#[derive(Default)]
pub struct QrReader {
    quirc: quircs::Quirc,
    luma: Vec<u8>,
}

impl std::fmt::Debug for QrReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QrReader").finish_non_exhaustive()
    }
}

impl QrReader {
    /// A reader with empty buffers (they grow to the first frame's size).
    pub fn new() -> Self {
        Self::default()
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
            let found = self.decode(hw, hh);
            if !found.is_empty() {
                return found;
            }
        }
        rgba_to_luma_into(rgba, &mut self.luma);
        self.decode(width, height)
    }

    /// Decode every QR code in a `width`×`height` greyscale frame (row-major luma), at
    /// full size.
    pub fn read_luma(&mut self, width: usize, height: usize, luma: &[u8]) -> Vec<String> {
        match luma.get(..width * height) {
            Some(frame) if width > 0 && height > 0 => {
                decode_with(&mut self.quirc, width, height, frame)
            }
            _ => Vec::new(),
        }
    }

    fn decode(&mut self, width: usize, height: usize) -> Vec<String> {
        match self.luma.get(..width * height) {
            Some(frame) => decode_with(&mut self.quirc, width, height, frame),
            None => Vec::new(),
        }
    }
}

/// Identify the codes in `luma` and decode each: first with the grid fitted from its
/// finder and alignment patterns alone, and only if that does not decode with the fit
/// refined (quirc's perspective "jiggle", most of the decoder's time on a frame holding a
/// code; a sharp, square-on code rarely needs it).
fn decode_with(quirc: &mut quircs::Quirc, width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    quirc.refine_on_demand = true;
    let count = quirc.identify(width, height, luma).count();
    (0..count)
        .filter_map(|i| {
            let decode = |q: &quircs::Quirc| q.extract(i).ok()?.decode().ok();
            decode(quirc).or_else(|| {
                quirc.refine(i);
                decode(quirc)
            })
        })
        .filter_map(|data| String::from_utf8(data.payload).ok())
        .collect()
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
                .map(|(t, b)| {
                    let r = u32::from(t[0]) + u32::from(t[4]) + u32::from(b[0]) + u32::from(b[4]);
                    let g = u32::from(t[1]) + u32::from(t[5]) + u32::from(b[1]) + u32::from(b[5]);
                    let bl = u32::from(t[2]) + u32::from(t[6]) + u32::from(b[2]) + u32::from(b[6]);
                    weigh(r, g, bl, 2)
                }),
        );
    }
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
}

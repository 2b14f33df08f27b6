//! Reading QR codes from camera frames (the WebAssembly decoder behind the browser's
//! BarcodeDetector, which many browsers lack). Pure: takes a greyscale frame.

/// Decode every QR code found in a `width`×`height` greyscale frame (row-major luma).
/// Returns the texts of the codes that decoded; damaged codes are skipped.
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Vec<String> {
    if width == 0 || height == 0 || luma.len() < width * height {
        return Vec::new();
    }
    let mut decoder = quircs::Quirc::default();
    decoder
        .identify(width, height, &luma[..width * height])
        .filter_map(|code| code.ok()?.decode().ok())
        .filter_map(|data| String::from_utf8(data.payload).ok())
        .collect()
}

/// Convert an RGBA frame (as a canvas gives it) to luma (ITU-R BT.601 weights).
pub fn rgba_to_luma(rgba: &[u8]) -> Vec<u8> {
    rgba.chunks_exact(4)
        .map(|p| {
            let y = 299 * u32::from(p[0]) + 587 * u32::from(p[1]) + 114 * u32::from(p[2]);
            u8::try_from(y / 1000).unwrap_or(u8::MAX)
        })
        .collect()
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

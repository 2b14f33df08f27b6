//! QR matrices for tickets: the module grid as an SVG path (drawn by the UI as one
//! `<path>` element, never as HTML text).

use qrcode::{Color, EcLevel, QrCode};
use thiserror::Error;

/// The quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
pub const QUIET_ZONE: usize = 4;

/// Why a QR code could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QrError {
    #[error("the text is too long for a QR code")]
    TooLong,
}

/// A QR code ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPath {
    /// Side length in modules, quiet zone included (the SVG viewBox is `0 0 size size`).
    pub size: usize,
    /// Path data: one `M x y h1 v1 h-1 z` square per dark module, merged per row run.
    pub d: String,
    /// The QR version (1–40).
    pub version: i16,
}

/// Encode `text` at error-correction level M.
pub fn qr_path(text: &str) -> Result<QrPath, QrError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|_| QrError::TooLong)?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                d.push_str(&format!(
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                ));
            } else {
                x += 1;
            }
        }
    }
    let version = match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    Ok(QrPath {
        size: width + 2 * QUIET_ZONE,
        d,
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_makes_a_small_code_with_quiet_zone() {
        let qr = qr_path("JK1:ABC");
        assert!(
            qr.as_ref()
                .is_ok_and(|q| q.version == 1 && q.size == 21 + 8 && q.d.starts_with("M4 4h7")),
            "{qr:?}"
        );
    }

    #[test]
    fn too_long_is_an_error() {
        assert_eq!(qr_path(&"x".repeat(5000)), Err(QrError::TooLong));
    }
}

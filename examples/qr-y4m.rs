//! Writes a one-frame 1280×720 Y4M video showing a QR code of TEXT, for Chromium's fake
//! camera (`--use-file-for-fake-video-capture`) in the end-to-end scanner tests:
//! `cargo run --example qr-y4m -- TEXT OUT.y4m`; `--shift-jis TEXT OUT.y4m` writes TEXT's
//! Shift_JIS bytes, as many Japanese QR makers do (kanji in the QR's Kanji mode).
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use qrcode::{Color, EcLevel, QrCode};
use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (bytes, out) = match args.as_slice() {
        [text, out] => (text.as_bytes().to_vec(), out),
        [flag, text, out] if flag == "--shift-jis" => {
            let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
            if unmappable {
                return Err("the text has characters Shift_JIS cannot write".into());
            }
            (bytes.into_owned(), out)
        }
        _ => return Err("usage: qr-y4m [--shift-jis] TEXT OUT.y4m".into()),
    };
    let code = QrCode::with_error_correction_level(&bytes, EcLevel::M)?;
    let (w, h) = (1280usize, 720usize);
    let n = code.width();
    let colors = code.to_colors();
    let scale = (h - 80) / (n + 8);
    let side = (n + 8) * scale;
    let (x0, y0) = ((w - side) / 2, (h - side) / 2);
    let mut y_plane = vec![180u8; w * h];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / scale) as isize - 4, (y / scale) as isize - 4);
            let dark = mx >= 0
                && my >= 0
                && (mx as usize) < n
                && (my as usize) < n
                && colors[my as usize * n + mx as usize] == Color::Dark;
            y_plane[(y0 + y) * w + x0 + x] = if dark { 16 } else { 235 };
        }
    }
    let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
    write!(f, "YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\nFRAME\n")?;
    f.write_all(&y_plane)?;
    f.write_all(&vec![128u8; w * h / 2])?;
    Ok(())
}

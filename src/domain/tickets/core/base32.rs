//! RFC 4648 base32 (alphabet `A–Z2–7`), uppercase only, no padding.
//!
//! Used for the ticket text form `JK1:…` because every character of the alphabet is in the
//! QR alphanumeric set, which keeps the ticket QR small. Decoding is strict: lowercase,
//! padding, whitespace, impossible lengths and non-zero trailing bits are all rejected, so
//! every byte string has exactly one text form.

use thiserror::Error;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Why a base32 string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum Base32Error {
    #[error("character {found:?} at position {position} is not in the base32 alphabet (A-Z, 2-7)")]
    BadCharacter { position: usize, found: char },
    #[error("a base32 text of {0} characters cannot encode whole bytes")]
    BadLength(usize),
    #[error("the last base32 character has non-zero unused bits")]
    NonCanonical,
}

/// Is `c` one of the 32 characters of the alphabet?
pub fn is_alphabet(c: char) -> bool {
    c.is_ascii_uppercase() || ('2'..='7').contains(&c)
}

fn value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'2'..=b'7' => Some(c - b'2' + 26),
        _ => None,
    }
}

/// Encodes `bytes` (uppercase, no padding). Length is `ceil(8 × len / 5)` characters.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity((bytes.len() * 8).div_ceil(5));
    let mut buffer: u16 = 0;
    let mut bits: u32 = 0;
    for &b in bytes {
        buffer = (buffer << 8) | u16::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[usize::from((buffer >> bits) & 31)]));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(
            ALPHABET[usize::from((buffer << (5 - bits)) & 31)],
        ));
    }
    out
}

/// Decodes a strict base32 text (see the module docs).
pub fn decode(text: &str) -> Result<Vec<u8>, Base32Error> {
    // Lengths 1, 3 and 6 (mod 8) leave 5 or more unused bits: no byte string encodes to them.
    if matches!(text.len() % 8, 1 | 3 | 6) {
        return Err(Base32Error::BadLength(text.chars().count()));
    }
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let mut buffer: u16 = 0;
    let mut bits: u32 = 0;
    for (position, c) in text.char_indices() {
        let v = u8::try_from(c)
            .ok()
            .and_then(value)
            .ok_or(Base32Error::BadCharacter { position, found: c })?;
        buffer = (buffer << 5) | u16::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if buffer != 0 {
        return Err(Base32Error::NonCanonical);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_test_vectors_without_padding() {
        let cases = [
            ("", ""),
            ("f", "MY"),
            ("fo", "MZXQ"),
            ("foo", "MZXW6"),
            ("foob", "MZXW6YQ"),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(encode(plain.as_bytes()), encoded, "encode {plain:?}");
            assert_eq!(
                decode(encoded).as_deref(),
                Ok(plain.as_bytes()),
                "decode {encoded:?}"
            );
        }
    }

    #[test]
    fn strict_decoding_rejects() {
        let cases = [
            ("mzxw6", "lowercase"),
            ("MY======", "padding"),
            ("MZ", "non-zero trailing bits (MY is canonical)"),
            ("M", "impossible length 1"),
            ("MZX", "impossible length 3"),
            ("MZXW6Y", "impossible length 6"),
            ("MZ XQ", "space"),
            ("MZ1Q", "digit 1 is not in the alphabet"),
            ("MZXé", "non-ASCII"),
        ];
        for (text, why) in cases {
            assert!(decode(text).is_err(), "{text:?} should be rejected: {why}");
        }
    }

    proptest! {
        #[test]
        fn round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let text = encode(&bytes);
            prop_assert!(text.chars().all(is_alphabet));
            prop_assert_eq!(decode(&text), Ok(bytes));
        }

        #[test]
        fn decode_never_panics(text in ".{0,64}") {
            let _ = decode(&text);
        }
    }
}

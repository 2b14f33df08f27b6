//! Basics every programme uses.

pub mod base64url;
pub mod csv;
pub mod date;
pub mod date_input;
pub mod holidays;
pub mod instant;
pub mod json_path;
pub mod money;
pub mod persist;
pub mod qr;
pub mod qr_frames;
pub mod qr_read;
pub mod small_sort;
pub mod text;
pub mod wording;

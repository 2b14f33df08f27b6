//! Pure domain rules. No browser crates here (checked by `tests/domain_is_pure.rs`).

pub mod date;
pub mod feed;
pub mod holidays;
pub mod ics;
pub mod persist;
pub mod qr;
pub mod schedule;
pub mod text;

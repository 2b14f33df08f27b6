//! Pure domain rules. No browser crates here (checked by `tests/domain_is_pure.rs`).

pub mod answers;
pub mod base32;
pub mod bundle;
pub mod chart;
pub mod checks_record;
pub mod date;
pub mod feed;
pub mod helplines;
pub mod holidays;
pub mod ics;
pub mod json_path;
pub mod keys;
pub mod persist;
pub mod qr;
pub mod qr_read;
pub mod questionnaire;
pub mod schedule;
pub mod shops;
pub mod small_sort;
pub mod text;
pub mod ticket;
pub mod used;
pub mod wallet;
pub mod wallet_record;

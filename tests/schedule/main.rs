//! The career health room's schedule (`src/domain/schedule/`, the holidays in
//! `src/domain/shared/holidays`), one test binary: `cargo test --test schedule`.
//!
//! - `rules`: the desk's calendar rules against the Cabinet Office holiday list
//! - `holidays_data`: the embedded holiday file is what the update script makes of the source
//! - `validation`: invalid schedule data is rejected at the boundary, saying where
//! - `ics_roundtrip`: `.ics` output read back by Python's `icalendar` (`ics_check.py` here)

mod holidays_data;
mod ics_roundtrip;
mod rules;
mod validation;

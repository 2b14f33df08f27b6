//! Pure domain rules. No browser crates here (checked by `tests/domain_is_pure.rs`).

pub mod answers;
pub mod date;
pub mod helplines;
pub mod questionnaire;
pub mod text;

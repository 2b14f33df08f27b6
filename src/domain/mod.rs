//! Pure domain rules, grouped by programme. No browser crates here (checked by
//! `tests/architecture.rs`).
//!
//! - [`shared`]: dates in JST, holidays, bilingual text, money, versioned persistence,
//!   JSON paths, QR codes.
//! - [`schedule`]: the career health room (desk roster, exceptions, events, queries, ICS).
//! - [`checks`]: self-checks (questionnaires, answers, help lines, history, chart).
//! - [`tickets`]: the すみまセンエン ticket chain (ticket format, keys, bundles and links,
//!   used data, shops, wallet and its backup).
//! - [`feed`]: the feed's envelope, and the sections a caller asks for.

pub mod checks;
pub mod feed;
pub mod publish;
pub mod schedule;
pub mod shared;
pub mod tickets;

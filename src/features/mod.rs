//! The features, one folder each: what a page shows and does, in Leptos. Each has its own
//! state (provided only by the pages that show it), `actions.rs` (use cases: read state,
//! call the domain and the platform, return typed outcomes), `pages/` (screens) and
//! `components/`. A page's entry (`src/bin/`) picks the screens it shows; a feature never
//! imports another feature (`tests/architecture.rs`).
//!
//! - [`schedule`]: the career health room — today, the week, the month, events, experts.
//! - [`checks`]: the self-checks, their history and the 相談メモ.
//! - [`tickets`]: the holder's wallet — receiving, giving, backup and transfer, the scanner,
//!   the shop directory.
//! - [`shop`]: shop mode — the till, its setup and ledger, the claim export.
//! - [`office`]: the city office — keys, roster, issuance, settlement, the feed editor.

pub mod checks;
pub mod office;
pub mod schedule;
pub mod shop;
pub mod tickets;

//! JOKATSU Asahikawa — the app of two city programmes for working women:
//! the career health room (schedule, self-checks) and the すみまセンエン thank-you ticket.
//!
//! Layers, each using only those before it (`tests/architecture.rs` checks it):
//! - [`domain`] is pure Rust, grouped by programme: rules, formats and their errors.
//!   Tested natively.
//! - `platform` is the only code that touches browser APIs (storage, fetch, clock,
//!   camera, downloads, workers, service worker); small adapters returning `Result`. It
//!   knows no page and no feature.
//! - [`site`] is the page table: every entry page, its file, bundle, navigation, feed
//!   sections, storage keys, and which page shows each screen (`Route`). Plain Rust.
//! - `ui` is the shell every page shares (header, tab bar, notices, feed sync, shared
//!   components). It imports no feature.
//! - `features` holds the five features (schedule, checks, tickets, shop, office), each
//!   with its state, actions, pages and components. No feature imports another.
//! - `src/bin/` and `src/main.rs`: one tiny entry per page, which picks its screens.
//!
//! `docs/architecture.md` says where a new rule, screen or page goes.

pub mod domain;
pub mod site;

#[cfg(target_arch = "wasm32")]
pub mod features;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod ui;

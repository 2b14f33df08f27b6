//! JOKATSU Asahikawa — the app of two city programmes for working women:
//! the career health room (schedule, self-checks) and the すみまセンエン thank-you ticket.
//!
//! - [`domain`] is pure Rust, grouped by programme: rules, formats and their errors.
//!   Tested natively.
//! - `platform` is the only code that touches browser APIs (storage, fetch, clock,
//!   camera, downloads, service worker); small adapters returning `Result`.
//! - [`ui`] is the shell every page shares (wasm32 only, except the routes).
//! - [`apps`] holds one folder per entry page, each with its one declaration.
//!
//! `docs/architecture.md` says where a new rule, screen or app goes.

pub mod apps;
pub mod domain;
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod platform;

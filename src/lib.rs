//! JOKATSU Asahikawa — the app of two city programmes for working women:
//! the career health room (schedule, self-checks) and the すみまセンエン thank-you ticket.
//!
//! - [`domain`] is pure Rust: rules, formats and their errors. Tested natively.
//! - `platform` is the only code that touches browser APIs (storage, fetch, clock,
//!   downloads, service worker); small adapters returning `Result`.
//! - `app`, `routes`, `state`, `pages`, `components` are the Leptos UI (wasm32 only).

pub mod domain;
pub mod routes;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod ticket_ui;

//! JOKATSU Asahikawa — the app of two city programmes for working women:
//! the career health room (schedule, self-checks) and the すみまセンエン thank-you ticket.
//!
//! `domain` is pure Rust, tested natively. Everything that touches the browser lives in
//! `platform`; the Leptos UI (`app`, `pages`, `components`) is compiled for wasm32 only.

pub mod domain;

//! The Leptos UI shared by every app: the shell (header, tab bar, notices, feed sync,
//! service worker), the one state context, routes, i18n, shared components. Routes are
//! plain Rust (tested natively); everything else is wasm32 only.

pub mod routes;

#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod feed_cache;
#[cfg(target_arch = "wasm32")]
pub mod i18n;
#[cfg(target_arch = "wasm32")]
pub mod not_found;
#[cfg(target_arch = "wasm32")]
pub mod shell;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod tickets;
#[cfg(target_arch = "wasm32")]
pub mod trust;

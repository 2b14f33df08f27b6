//! The Leptos shell every page shares: header, tab bar, notices, feed sync, service worker,
//! the one shared state context, i18n, the trust data of the pages that verify tickets, and
//! shared components. wasm32 only. It uses `site` (the page table) and imports no feature.

pub mod components;
pub mod feed_cache;
pub mod focus;
pub mod i18n;
pub mod not_found;
pub mod outcome;
pub mod persist;
pub mod shell;
pub mod state;
pub mod tickets;
pub mod ticking;
pub mod trust;

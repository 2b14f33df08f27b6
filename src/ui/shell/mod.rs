//! The root of every page, one file per job:
//! - `mount`: the page's `main` mounts its app (`WebApp`), never inside a frame;
//! - `app`: the state, the frame around the screen (header, notices, tab bar) and the screen;
//! - `reveal`: the first screen is shown once, complete (the loading line until then);
//! - `routing`: the route in the address bar, moving between screens and pages;
//! - `language`: the interface language, stored and set on `<html lang>`;
//! - `feed_sync`: the stored feed at once, then the network's;
//! - `updates`: the service worker, and the banner when a new version waits.

mod app;
mod feed_sync;
mod language;
mod mount;
mod reveal;
mod routing;
mod updates;

pub use app::App;
pub use feed_sync::FeedParser;
pub use mount::{mount, WebApp};
pub use routing::navigate;

pub use crate::site::FEED_URL;
pub use crate::ui::focus::focus_soon;

/// A production build (`--features production`): demo tickets and keys are refused.
pub const PRODUCTION: bool = cfg!(feature = "production");

//! This app's screens, one folder per route target.
mod common;
pub mod feed_editor;
pub mod office;

//! This app's screens, one file per route target.
pub mod feed_editor;
pub mod office;

//! This app's screens, one file per route target.
pub mod receive;
pub mod wallet;

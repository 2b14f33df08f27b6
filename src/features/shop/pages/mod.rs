//! This app's screens, one file per route target.
pub mod ledger;
pub mod scan;
pub mod setup;

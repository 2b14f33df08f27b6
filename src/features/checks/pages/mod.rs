//! This app's screens, one file per route target.
pub mod check;
pub mod check_result;
pub mod check_run;
pub mod memo;

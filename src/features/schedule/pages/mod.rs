//! This app's screens, one file per route target.
pub mod about;
pub mod calendar;
pub mod event;
pub mod schedule;

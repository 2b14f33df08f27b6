//! Components used only by this app.
pub mod check_history;
pub mod check_runner;
pub mod checks_common;
pub mod help_lines;
pub mod next_desk;
pub mod score_chart;

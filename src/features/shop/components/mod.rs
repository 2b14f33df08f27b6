//! Components used by shop mode only.
pub mod till_bar;
pub mod verdict;

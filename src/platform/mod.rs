//! The only code that touches browser APIs. Small adapters returning `Result`.

pub mod clock;
pub mod download;
pub mod fetch;
pub mod share;
pub mod storage;
pub mod sw;

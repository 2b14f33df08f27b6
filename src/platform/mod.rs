//! The only code that touches browser APIs. Small adapters returning `Result`.

pub mod camera;
pub mod clock;
pub mod download;
pub mod fetch;
pub mod history;
pub mod share;
pub mod storage;
pub mod sw;
pub mod tasks;
pub mod wake_lock;
pub mod worker;

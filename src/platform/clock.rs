//! The clock. The domain never reads it; the UI passes `now()` in.

use chrono::{DateTime, Utc};

/// The current instant, from the browser's `Date.now()`.
pub fn now() -> DateTime<Utc> {
    // `Date.now()` is a finite f64 of milliseconds; the cast truncates sub-millisecond noise.
    #[allow(clippy::cast_possible_truncation)] // milliseconds since 1970 fit in i64
    let ms = js_sys::Date::now() as i64;
    crate::domain::shared::date::from_epoch_millis(ms).unwrap_or_default()
}

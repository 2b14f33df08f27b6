//! A ticking clock for views that show the time passing (today's date, a countdown).

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::platform::clock;

/// The current instant, read again every `period` while the calling view is mounted (the
/// interval is cleared when it unmounts). Only the clock writes it. (An `RwSignal`, not
/// a `ReadSignal`: the pages already link its code.)
pub fn ticking_now(period: Duration) -> RwSignal<DateTime<Utc>> {
    let now = RwSignal::new(clock::now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let _ = now.try_set(clock::now());
        },
        period,
    ) {
        on_cleanup(move || handle.clear());
    }
    now
}

//! App updates: the service worker is registered, and the banner shows when a new version
//! is installed and waiting (`components::update_banner`); the freshness line says once
//! when the app is ready offline (`components::freshness`).

use leptos::prelude::*;

use crate::platform::sw;
use crate::ui::state::AppState;

/// Register the service worker; a waiting new version sets `update_ready`, the first
/// report that this page's audience is kept for offline use sets `offline_ready`.
pub(super) fn watch_for_updates(state: AppState) {
    sw::register(
        state.page.audience(),
        move || state.update_ready.set(true),
        move || state.offline_ready.set(true),
    );
}

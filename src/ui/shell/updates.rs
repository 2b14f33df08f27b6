//! App updates: the service worker is registered, and the banner shows when a new version
//! is installed and waiting (`components::update_banner`).

use leptos::prelude::*;

use crate::platform::sw;
use crate::ui::state::AppState;

/// Register the service worker; a waiting new version sets `update_ready`.
pub(super) fn watch_for_updates(state: AppState) {
    sw::register(move || state.update_ready.set(true));
}

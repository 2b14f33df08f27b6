//! "A new version is available" with a reload button.

use leptos::prelude::*;

use crate::platform::sw;
use crate::ui::state::AppState;

/// Shown when the service worker has a new version waiting.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <Show when=move || state.update_ready.get()>
            <div class="notice notice--info" role="status">
                <p>{state.t("新しいバージョンがあります。", "A new version is available.")}</p>
                <button type="button" class="button button--small" on:click=move |_| sw::apply_update()>
                    {state.t("再読み込み", "Reload")}
                </button>
            </div>
        </Show>
    }
}

//! Storage problems: a failed write (e.g. full storage) or damaged records set aside.

use leptos::prelude::*;

use crate::site::routes::Route;
use crate::ui::state::AppState;

/// Tells the user when saving failed or damaged data was set aside, with a way to act.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let state = AppState::expect();
    view! {
        {move || state.storage_problem.get().map(|msg| view! {
            <div class="notice notice--danger" role="alert" data-testid="storage-problem">
                <p>{state.tr("端末に保存できませんでした。", "Could not save on this device.")} " " {msg}</p>
                <button type="button" class="button button--small" on:click=move |_| state.storage_problem.set(None)>
                    {state.tr("閉じる", "Dismiss")}
                </button>
            </div>
        })}
        {move || (!state.quarantine.with(|q| q.items.is_empty())).then(|| view! {
            <div class="notice notice--warn" role="status" data-testid="quarantine-notice">
                <p>
                    {state.tr("読めない保存データがありました。消さずに、別にして残してあります。", "Some saved data could not be read; it was kept apart, not deleted.")}
                    " "
                    <a href=state.link(Route::About)>{state.tr("確認・書き出し", "Review and export")}</a>
                </p>
            </div>
        })}
    }
}

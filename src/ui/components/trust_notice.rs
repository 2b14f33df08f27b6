//! What the latest trust update refused or warns about (a rolled-back or invalid key list,
//! unsigned or older used data, an expired key list), on the pages that verify tickets.
//! The last good data stays in force; the notice says so.

use leptos::prelude::*;

use crate::domain::shared::wording::Wording;
use crate::ui::state::AppState;
use crate::ui::trust::TrustState;

/// One line per notice, in the interface language.
#[component]
pub fn TrustNotice() -> impl IntoView {
    let trust = TrustState::expect();
    let state = AppState::expect();
    move || {
        let lang = state.lang.get();
        let notices = trust.notices.get();
        (!notices.is_empty()).then(|| {
            view! {
                <div class="notice notice--warn" role="status" data-testid="trust-notice">
                    <ul>{notices.into_iter().map(|n| view! { <li>{n.wording(lang)}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

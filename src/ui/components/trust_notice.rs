//! What the latest trust update refused or warns about (a rolled-back or invalid key list,
//! unsigned or older used data, an expired key list), on the pages that verify tickets.
//! The last good data stays in force; the notice says so.

use leptos::prelude::*;

use crate::ui::trust::TrustState;

/// One line per notice (each worded Japanese, then English).
#[component]
pub fn TrustNotice() -> impl IntoView {
    let trust = TrustState::expect();
    move || {
        let notices = trust.notices.get();
        (!notices.is_empty()).then(|| {
            view! {
                <div class="notice notice--warn" role="status" data-testid="trust-notice">
                    <ul>{notices.into_iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }
}

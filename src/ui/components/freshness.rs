//! The feed's freshness line at the bottom of every page.

use leptos::prelude::*;

use crate::ui::i18n::datetime_jst;
use crate::ui::state::AppState;

/// "情報の更新: …" with the time of the last good sync.
#[component]
pub fn Freshness() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <p class="freshness" data-testid="freshness">
            {move || {
                let lang = state.lang.get();
                state.feed.with(|f| match (f.last_good, f.checking) {
                    (Some(t), _) => format!("{} {}", state.tr("情報の取得:", "Information updated:"), datetime_jst(lang, t)),
                    (None, true) => state.tr("情報を確認しています…", "Checking for information…").to_string(),
                    (None, false) => state.tr("情報をまだ取得していません", "No information fetched yet").to_string(),
                })
            }}
        </p>
    }
}

//! Self-check questionnaires.

use leptos::prelude::*;

use crate::state::AppState;

/// The self-check list.
#[component]
pub fn CheckPage() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1>{state.t("セルフチェック", "Self-check")}</h1>
            <p>{state.t(
                "いまの気がかりに合う相談日を探すためのチェックです。回答はこの端末の中だけに保存され、どこにも送信されません。",
                "Checks that help you find the right day to visit. Your answers are kept only on this device and never sent anywhere.",
            )}</p>
        </section>
    }
}

//! Taking one self-check (`#/check/<id>`): the questionnaire from the feed, then the runner.

use leptos::prelude::*;

use crate::features::checks::components::check_runner::CheckRunner;
use crate::features::checks::components::checks_common::{use_checks, ChecksLoading};
use crate::site::routes::Route;
use crate::ui::state::AppState;

/// Finds questionnaire `id` and hands it to [`CheckRunner`].
#[component]
pub fn CheckRunPage(id: String) -> impl IntoView {
    let state = AppState::expect();
    let checks = use_checks();
    let q = Memo::new(move |_| checks.with(|c| c.as_ref().map(|c| c.find(&id).cloned())));
    move || {
        match q.get() {
        None => view! {
            <section class="page">
                <h1>{state.t("セルフチェック", "Self-check")}</h1>
                <ChecksLoading/>
            </section>
        }
        .into_any(),
        Some(None) => view! {
            <section class="page">
                <h1>{state.t("チェックが見つかりません", "Check not found")}</h1>
                <p>{state.t("このチェックは公開されていないか、内容に問題がありました。", "This check is not published or its definition had a problem.")}</p>
                <a href=state.link(Route::Check)>{state.t("チェックの一覧へ", "All checks")}</a>
            </section>
        }
        .into_any(),
        Some(Some(q)) => view! { <CheckRunner q=q/> }.into_any(),
    }
    }
}

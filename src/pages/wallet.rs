//! The ticket wallet.

use leptos::prelude::*;

use crate::state::AppState;

/// The wallet.
#[component]
pub fn WalletPage() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1>{move || state.tr("すみまセンエン チケット", "すみまセンエン tickets")}</h1>
            <p>{move || state.tr(
                "育休から復帰した方に届く「ありがとう」のチケットです。協力してくれた同僚に感謝の気持ちとして渡せます。",
                "Thank-you tickets for people back from childcare leave, to give to coworkers who covered for them.",
            )}</p>
        </section>
    }
}

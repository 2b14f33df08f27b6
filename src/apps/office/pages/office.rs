//! City office mode: feed editing, ticket issuing, settlement.

use leptos::prelude::*;

use crate::ui::state::AppState;

/// Office mode (事務局). Issuing and settlement are later work items; the page says so.
#[component]
pub fn OfficePage() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1>{state.t("事務局", "City office")}</h1>
            <p>{state.t(
                "旭川市の事務局が、配信データの編集、対象者名簿からの月次チケット発行、お店からの精算データの取り込みと支払計算を行う画面です。名簿はこの端末の外に送信されません。",
                "For the city office: edit the feed, issue each month's tickets from the roster, import shops' claims and compute payouts. Rosters never leave this device.",
            )}</p>
            <p class="notice notice--info">{state.t("この画面は準備中です。", "This screen is being prepared.")}</p>
        </section>
    }
}

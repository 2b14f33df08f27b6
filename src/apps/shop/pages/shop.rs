//! Shop mode: scan, verify and redeem tickets at the till (built on the ticket format).

use leptos::prelude::*;

use crate::ui::state::AppState;

/// Shop mode. Scanning and redemption are the next shop-mode work item; this page says so
/// plainly rather than pretending.
#[component]
pub fn ShopPage() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="page">
            <h1>{state.t("お店モード", "Shop mode")}</h1>
            <p>{state.t(
                "こそだてっぴー認定企業のレジで、すみまセンエン チケットのQRコードを読み取って確認・利用記録・月末の精算データ書き出しを行う画面です。",
                "For tills at certified businesses: scan a すみまセンエン ticket's QR code, verify it, record the redemption, and export the month-end claim.",
            )}</p>
            <p class="notice notice--info">{state.t("この画面は準備中です。", "This screen is being prepared.")}</p>
        </section>
    }
}

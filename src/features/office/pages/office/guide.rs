//! The page's order of work, at the top: which card first, which next.

use leptos::prelude::*;

use crate::ui::state::AppState;

/// A short numbered guide to the cards below (each card's completion line also says
/// what comes next).
#[component]
pub(super) fn Guide() -> impl IntoView {
    let state = AppState::expect();
    let steps: [(&str, &str); 6] = [
        (
            "本番を始めるときだけ: 「鍵の準備」で鍵を作り、鍵一覧に署名します（毎月は不要）。",
            "Only when going live: make the keys and sign the key list in “Key set-up” (not monthly).",
        ),
        (
            "「1. 鍵を開く」: 発行鍵のファイルをパスフレーズで開きます。",
            "“1. Open a key”: open the issuer key file with its passphrase.",
        ),
        (
            "「2. 名簿と発行台帳」: 名簿（Excel で保存した CSV）と、前回保存した発行台帳を選びます。",
            "“2. Roster and issuance register”: choose the roster (CSV saved from Excel) and the register saved last time.",
        ),
        (
            "「3. 月のチケットを発行する」: 発行し、発行台帳を必ず保存して、リンクか印刷用シートを届けます。",
            "“3. Issue a month's tickets”: issue, always save the register, and send the links or print the sheets.",
        ),
        (
            "月が終わったら「4. 配信データを確認する」で公開中の配信データを開き、「5. お店の請求を精算する」で精算します。",
            "After a month ends: open the published feed in “4. Check the feed”, then settle in “5. Settle shops' claims”.",
        ),
        (
            "「6. 配信データを作る」: 日程・お店・使用済みデータを配信データに入れ、確認して保存し、公開します。",
            "“6. Make the feed”: put the schedule, shops and used data in the feed, check, save and publish.",
        ),
    ];
    view! {
        <nav class="card office__guide" aria-labelledby="office-guide" data-testid="office-guide">
            <h2 id="office-guide">{state.t("この順に進めます", "The order of work")}</h2>
            <ol>
                {steps.into_iter().map(|(ja, en)| view! { <li>{state.t(ja, en)}</li> }).collect_view()}
            </ol>
        </nav>
    }
}

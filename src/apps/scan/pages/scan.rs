//! The camera scanner page (`s.html#/scan`): scan a ticket, gift or bundle QR, then open
//! the tickets page that handles it. Camera denied → back to the paste box.

use leptos::prelude::*;

use crate::domain::tickets::bundle::Scanned;
use crate::ui::components::scanner::Scanner;
use crate::ui::routes::Route;
use crate::ui::state::AppState;

/// Scan with the camera.
#[component]
pub fn ScanPage() -> impl IntoView {
    let state = AppState::expect();
    let here = state.app;
    let on_scan = Callback::new(move |scanned: Scanned| {
        crate::ui::components::scanner::open_scanned(here, &scanned)
    });
    view! {
        <section class="page">
            <h1>{state.t("QRコードを読み取る", "Scan a QR code")}</h1>
            <p>{state.t(
                "市から届いたチケットの一覧や、同僚から渡されたチケットのQRコードを読み取ります。映像は端末の中だけで処理され、どこにも送信されません。",
                "Scan the QR codes of tickets from the city or from a coworker. The camera image is processed on this device only and never sent anywhere.",
            )}</p>
            <Scanner on_scan=on_scan/>
            <p><a href=state.link(Route::Wallet)>{state.t("リンクやコードを貼り付ける・ファイルから読み込む", "Paste a link or code, or import a file")}</a></p>
        </section>
    }
}

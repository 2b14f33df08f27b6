//! The camera scanner page (`s.html#/scan`): scan a ticket, gift or bundle QR, then open
//! the tickets page that handles it. Or read it from a photo or a forwarded screenshot (no
//! camera needed). Camera denied → the photo, or back to the paste box.

use leptos::prelude::*;

use leptos::html;

use crate::domain::tickets::core::bundle::{parse_scanned, Scanned};
use crate::platform::camera;
use crate::site::routes::Route;
use crate::ui::components::scanner::Scanner;
use crate::ui::state::AppState;

/// Scan with the camera.
#[component]
pub fn ScanPage() -> impl IntoView {
    let state = AppState::expect();
    let here = state.page;
    let on_scan = Callback::new(move |scanned: Scanned| {
        crate::ui::components::scanner::open_scanned(here, &scanned)
    });
    let canvas = NodeRef::<html::Canvas>::new();
    let photo_problem = RwSignal::new(None::<String>);
    let on_photo = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        photo_problem.set(None);
        leptos::task::spawn_local(async move {
            let problem = match camera::decode_image_file(&file, &c).await {
                Ok(texts) => match texts.iter().find_map(|t| parse_scanned(t).ok()) {
                    Some(scanned) => {
                        crate::ui::components::scanner::open_scanned(here, &scanned);
                        return;
                    }
                    None if texts.is_empty() => state.t(
                        "画像からQRコードが見つかりませんでした。QRコードが大きく、はっきり写った画像を選んでください。",
                        "No QR code was found in the image. Choose one where the code is large and sharp.",
                    ),
                    None => state.t(
                        "すみまセンエンのQRコードではありません。",
                        "Not a すみまセンエン QR code.",
                    ),
                }
                .to_string(),
                Err(e) => e.to_string(),
            };
            photo_problem.set(Some(problem));
        });
    };
    view! {
        <section class="page">
            <h1>{state.t("QRコードを読み取る", "Scan a QR code")}</h1>
            <p>{state.t(
                "市から届いたチケットの一覧や、同僚から渡されたチケットのQRコードを読み取ります。映像は端末の中だけで処理され、どこにも送信されません。",
                "Scan the QR codes of tickets from the city or from a coworker. The camera image is processed on this device only and never sent anywhere.",
            )}</p>
            <Scanner on_scan=on_scan/>
            // A photo or a screenshot forwarded by a coworker: no camera needed.
            <label class="button button--secondary file-button">
                {state.t("写真・スクリーンショットから読み取る", "Read from a photo or screenshot")}
                <input class="visually-hidden" type="file" accept="image/*" data-testid="photo-input" on:change=on_photo/>
            </label>
            <canvas node_ref=canvas class="visually-hidden" aria-hidden="true"></canvas>
            <p role="status" class="notice notice--warn" data-testid="photo-problem" hidden=move || photo_problem.with(Option::is_none)>
                {move || photo_problem.get()}
            </p>
            <p><a href=state.link(Route::Wallet)>{state.t("リンクやコードを貼り付ける・ファイルから読み込む", "Paste a link or code, or import a file")}</a></p>
        </section>
    }
}

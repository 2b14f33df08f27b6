//! Receiving tickets by hand: paste a link or code, or open a file (bundle or backup).
//! The camera scanner feeds the same path.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::tickets::bundle::{parse_scanned, Bundle};
use crate::platform::{clock, download};
use crate::routes::Route;
use crate::state::AppState;
use crate::ticket_ui::policy;

/// Largest file read (a wallet backup of a few thousand tickets fits easily).
const MAX_FILE: usize = 4 * 1024 * 1024;

pub use crate::components::scanner::open_scanned;

/// Paste box and file import.
#[component]
pub fn ReceiveBox() -> impl IntoView {
    let state = AppState::expect();
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let on_paste = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_scanned(text.get_untracked().trim()) {
            Ok(scanned) => {
                text.set(String::new());
                open_scanned(state.entry, &scanned);
            }
            Err(e) => message.set(Some((
                false,
                format!(
                    "{} ({e})",
                    state.tr(
                        "チケットのリンクやコードとして読めませんでした。",
                        "This is not a ticket link or code."
                    )
                ),
            ))),
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = match download::read_file(file, MAX_FILE).await {
                Ok(contents) => import_file(state, &contents),
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(summary) => (true, summary),
                Err(e) => (
                    false,
                    format!(
                        "{} ({e})",
                        state.tr(
                            "ファイルを読み込めませんでした。",
                            "Could not import the file."
                        )
                    ),
                ),
            }));
        });
    };
    view! {
        <section class="receive" aria-labelledby="receive-title">
            <h2 id="receive-title">{state.t("チケットを受け取る", "Receive tickets")}</h2>
            <p><a class="button" href=state.link(Route::Scan)>{state.t("カメラでQRを読み取る", "Scan a QR with the camera")}</a></p>
            <form class="receive__paste" on:submit=on_paste>
                <div class="field">
                    <label class="field__label" for="receive-text">{state.t("リンクやコードを貼り付け", "Paste a link or code")}</label>
                    <textarea id="receive-text" class="textarea" rows="2" autocomplete="off" spellcheck="false"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="button">{state.t("読み込む", "Open")}</button>
            </form>
            <div class="field">
                <label class="field__label" for="receive-file">{state.t("ファイルから読み込む（市からのチケット・控え）", "Import a file (tickets from the city, or a backup)")}</label>
                <input id="receive-file" class="input" type="file" accept=".json,application/json" on:change=on_file/>
            </div>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="receive-message">{m}</p>
            })}
        </section>
    }
}

/// Import a bundle file or a wallet backup; returns a summary for the user.
fn import_file(state: AppState, contents: &str) -> Result<String, String> {
    let Some(feed) = state.feed.get_untracked().feed else {
        return Err(state
            .tr(
                "鍵の情報がまだありません。接続して開き直してください。",
                "No key list yet: open the app online first.",
            )
            .into());
    };
    let keys = feed.sections.key_set();
    let now = clock::now();
    let lang = state.lang.get_untracked();
    if contents.contains("\"jokatsu-bundle\"") {
        let bundle = Bundle::from_file_json(contents).map_err(|e| e.to_string())?;
        let r = state
            .wallet
            .try_update(|w| w.add_bundle(&bundle, keys, policy(), now))
            .unwrap_or_default();
        return Ok(match lang {
            crate::domain::shared::text::Lang::Ja => format!(
                "{}枚を受け取りました（受け取り済み {}枚、使えないもの {}枚）。",
                r.added,
                r.duplicates,
                r.rejected.len()
            ),
            crate::domain::shared::text::Lang::En => format!(
                "Received {} tickets ({} already here, {} refused).",
                r.added,
                r.duplicates,
                r.rejected.len()
            ),
        });
    }
    let report = state
        .wallet
        .try_update(|w| w.import_backup(contents, keys, policy()))
        .ok_or_else(|| "wallet unavailable".to_string())?
        .map_err(|e| e.to_string())?;
    Ok(match lang {
        crate::domain::shared::text::Lang::Ja => {
            format!(
            "控えを読み込みました: 追加 {}枚、更新 {}枚、変更なし {}枚、読めなかったもの {}件。",
            report.added, report.advanced, report.unchanged, report.problems.len()
        )
        }
        crate::domain::shared::text::Lang::En => format!(
            "Backup imported: {} added, {} updated, {} unchanged, {} unreadable.",
            report.added,
            report.advanced,
            report.unchanged,
            report.problems.len()
        ),
    })
}

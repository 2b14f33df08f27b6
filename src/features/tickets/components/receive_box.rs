//! Receiving tickets by hand: paste a link or code, or open a file (bundle or backup).
//! The camera scanner feeds the same path.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::bundle::parse_scanned;
use crate::features::tickets::actions;
use crate::platform::download;
use crate::site::routes::Route;
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;

/// Largest file read (a wallet backup of a few thousand tickets fits easily).
const MAX_FILE: usize = 4 * 1024 * 1024;

pub use crate::ui::components::scanner::open_scanned;

/// Import the file chosen in the file input of `ev` with `import` (the office's bundle file
/// or a wallet backup, [`actions::import_file`]; on the backup page also a transfer file,
/// [`actions::import_file_or_transfer`]) and put the outcome in `message`. Used by the
/// receive box and by the backup page.
pub fn import_chosen_file(
    state: AppState,
    ev: &leptos::ev::Event,
    message: RwSignal<Option<(bool, String)>>,
    import: fn(AppState, &str) -> Outcome,
) {
    // The same steps as `platform::download::take_chosen_file`, written out: calling it
    // from here measured 67 B more on w.html, which is at its size budget.
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
        let outcome = match download::read_file(file, MAX_FILE).await {
            Ok(contents) => import(state, &contents),
            Err(e) => Outcome::failed(format!(
                "{} ({e})",
                state.tr(
                    "ファイルを読み込めませんでした。",
                    "Could not import the file."
                )
            )),
        };
        message.set(Some((outcome.ok, outcome.message)));
    });
}

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
                open_scanned(state.page, &scanned);
            }
            Err(e) => message.set(Some((
                false,
                format!(
                    "{} {}",
                    state.tr(
                        "チケットのリンクやコードとして読めませんでした。",
                        "This is not a ticket link or code."
                    ),
                    e.wording(state.lang.get_untracked())
                ),
            ))),
        }
    };
    let on_file =
        move |ev: leptos::ev::Event| import_chosen_file(state, &ev, message, actions::import_file);
    view! {
        <section class="receive" aria-labelledby="receive-title">
            <h2 id="receive-title" tabindex="-1">{state.t("チケットを受け取る", "Receive tickets")}</h2>
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

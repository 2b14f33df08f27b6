//! The backup screen: what a backup is, export (after a confirm) and restore side by side.

use leptos::prelude::*;

use crate::apps::tickets::actions;
use crate::apps::tickets::components::receive_box::import_chosen_file;
use crate::apps::tickets::components::ticket_sheet::trap_tab;
use crate::domain::shared::text::Lang;
use crate::ui::routes::Route;
use crate::ui::state::AppState;

fn focus_id(id: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
        }
    });
}

/// `b.html#/backup`.
#[component]
pub fn BackupPage() -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    let asking = RwSignal::new(false);
    let ask = move |_| {
        asking.set(true);
        focus_id("export-yes");
    };
    let close = move || {
        asking.set(false);
        focus_id("export-button");
    };
    let export = move |_| {
        let outcome = actions::export_backup(state);
        message.set(Some((outcome.ok, outcome.message)));
        close();
    };
    // Escape closes the dialog wherever the focus is (it may not have moved in yet).
    let esc = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && asking.get_untracked() {
            ev.prevent_default();
            close();
        }
    });
    on_cleanup(move || esc.remove());
    let on_key = move |ev: web_sys::KeyboardEvent| trap_tab(&ev);
    let count = move || {
        let n = state.wallet.with(|w| w.len());
        match state.lang.get() {
            Lang::Ja => format!("このスマホのチケット：{n}枚（使用済み・渡したものを含む）"),
            Lang::En => format!("Tickets on this phone: {n} (including used and given ones)"),
        }
    };
    view! {
        <section class="page backup">
            <h1>{state.t("控え（バックアップ）", "Backup")}</h1>
            <p>{state.t(
                "チケットはこのスマホの中にだけ保存されています。機種変更やデータ消去に備えて、控えをファイルに書き出しておけます。控えから戻すと、いまのチケットと重複なく合わさります（消えるチケットはありません）。",
                "Your tickets are stored only on this phone. Export a backup file in case you change phones or clear data. Restoring a backup merges it with the tickets here, without duplicates (nothing is removed).",
            )}</p>
            <p data-testid="backup-count">{count}</p>
            <div class="button-row">
                <button id="export-button" type="button" class="button" on:click=ask>{state.t("控えを書き出す", "Export backup")}</button>
                <label class="button button--secondary file-button">
                    {state.t("控えから戻す（ファイルを選ぶ）", "Restore from a backup (choose a file)")}
                    <input class="visually-hidden" type="file" accept=".json,application/json"
                        on:change=move |ev| import_chosen_file(state, &ev, message)/>
                </label>
            </div>
            {move || message.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="backup-message">{m}</p>
            })}
            <p><a href=state.link(Route::Wallet)>{state.t("ウォレットに戻る", "Back to the wallet")}</a></p>
            <Show when=move || asking.get()>
                <div class="sheet sheet--small" role="alertdialog" aria-modal="true" aria-labelledby="export-title"
                    aria-describedby="export-text" on:keydown=on_key data-testid="export-confirm">
                    <h2 id="export-title" class="sheet__title">{state.t("控えを書き出しますか？", "Export a backup?")}</h2>
                    <p id="export-text">{state.t(
                        "控えのファイルには、使えるチケットがそのまま入ります。持っている人なら誰でも使えるので、自分だけが開ける場所に保存し、人に送らないでください。",
                        "The backup file holds your usable tickets as they are: whoever has it can use them. Keep it where only you can open it, and do not send it to anyone.",
                    )}</p>
                    <div class="button-row">
                        <button id="export-yes" type="button" class="button" on:click=export>{state.t("書き出す", "Export")}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| close()>{state.t("やめる", "Cancel")}</button>
                    </div>
                </div>
            </Show>
            <crate::apps::tickets::components::thanks_log::ThanksLog/>
        </section>
    }
}

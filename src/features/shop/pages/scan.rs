//! The till (`shop.html#/shop`): scan continuously with the camera, or take a photo, or
//! paste the ticket text; the answer is shown full width with the confirm button.

use leptos::html;
use leptos::prelude::*;

use crate::features::shop::actions;
use crate::features::shop::components::till_bar::TillBar;
use crate::features::shop::components::verdict::VerdictPanel;
use crate::features::shop::state::ShopState;
use crate::site::routes::Route;
use crate::ui::components::scanner::Scanner;
use crate::ui::state::AppState;

/// Scan, check and accept tickets.
#[component]
pub fn ScanPage() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    let text = RwSignal::new(String::new());
    let canvas = NodeRef::<html::Canvas>::new();
    let on_text = Callback::new(move |t: String| actions::read_text(state, shop, &t));
    let check_pasted = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = text.get_untracked();
        if !t.trim().is_empty() {
            actions::read_text(state, shop, &t);
            text.set(String::new());
        }
    };
    let on_photo = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(actions::read_photo(state, shop, file, c));
    };
    view! {
        <section class="page till">
            <h1>{state.t("お店モード：チケットの確認", "Shop mode: check a ticket")}</h1>
            <TillBar current=Route::Shop/>
            {move || shop.setup.with(Option::is_none).then(|| view! {
                <p class="notice notice--warn" data-testid="setup-needed">
                    {state.tr("はじめに、お店と端末名（例：レジ1）を設定してください。", "First choose your shop and name this till (e.g. レジ1).")}
                    " "
                    <a href=state.link(Route::ShopSetup)>{state.tr("設定する", "Set up")}</a>
                </p>
            })}
            <VerdictPanel/>
            <Scanner on_text=on_text/>
            <div class="till__manual">
                <label class="button button--secondary till__photo">
                    {state.t("写真を撮って読み取る", "Take a photo of the QR")}
                    <input class="visually-hidden" type="file" accept="image/*" capture="environment" data-testid="photo-input" on:change=on_photo/>
                </label>
                <canvas node_ref=canvas class="visually-hidden" aria-hidden="true"></canvas>
                <form class="till__paste" on:submit=check_pasted>
                    <div class="field">
                        <label class="field__label" for="till-text">{state.t("チケットのコードやリンクを貼り付け・入力", "Paste or type the ticket code or link")}</label>
                        <textarea id="till-text" class="textarea" rows="3" autocomplete="off" spellcheck="false"
                            prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                        <p class="field__hint">{state.t("JK1: で始まるコード、またはチケットのリンク。", "A code starting JK1:, or a ticket link.")}</p>
                    </div>
                    <button type="submit" class="button button--wide">{state.t("確認する", "Check")}</button>
                </form>
            </div>
            <p class="muted">{state.t(
                "カメラの映像と写真は端末の中だけで処理され、どこにも送信されません。チケットは市の鍵で署名を確かめ、この端末の台帳と市の使用済みリストで使用済みかを調べます。",
                "Camera frames and photos are processed on this device only and never sent anywhere. Each ticket's signature is checked with the city's keys, and its use against this till's ledger and the city's used list.",
            )}</p>
        </section>
    }
}

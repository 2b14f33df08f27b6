//! The shop's claim-signing key on the desk (`shop-desk.html#/shop/setup`): made at the
//! first set-up, shown as the text and QR code the shop sends the office (with a short
//! fingerprint to read out on the phone), backed up to a file, restored, replaced.
//! Procedure: `docs/claim-format.md` § "The shop's claim key".

use leptos::prelude::*;

use crate::features::shop::actions;
use crate::features::shop::state::ShopState;
use crate::ui::components::qr_code::QrCode;
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;

/// Largest key backup file read (a backup is about 300 bytes).
const MAX_BACKUP: usize = 64 * 1024;

/// The claim key section.
#[component]
pub fn ClaimKeySection() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    let outcome = RwSignal::new(None::<Outcome>);
    let confirm_replace = RwSignal::new(false);
    let on_backup_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::download::take_chosen_file(&ev) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let o = match crate::platform::download::read_file(file, MAX_BACKUP).await {
                Ok(text) => actions::restore_key_backup(state, shop, &text),
                Err(e) => Outcome::failed(e),
            };
            outcome.set(Some(o));
        });
    };
    let registration = move || {
        shop.claim_key.with(|k| {
            k.as_ref()
                .map(|k| (k.registration().to_text(), k.public().fingerprint()))
        })
    };
    view! {
        <section class="claim-key" data-testid="claim-key" aria-labelledby="claim-key-h">
            <h2 id="claim-key-h">{state.t("請求の署名鍵", "Claim signing key")}</h2>
            <p>{state.t(
                "月末の請求ファイルには、このお店の署名が付きます。市の事務局が登録した鍵の署名がない請求は支払われません。",
                "Your month-end claim file carries this shop's signature. The city office pays only claims signed with a key it has registered.",
            )}</p>
            {move || match registration() {
                None => view! {
                    <div class="notice notice--warn" data-testid="claim-key-missing">
                        <p>{state.tr(
                            "この端末にはまだ署名鍵がありません（前の版で設定した端末など）。作るか、バックアップから戻してください。",
                            "This device has no signing key yet (e.g. set up with an earlier version). Make one, or restore it from a backup.",
                        )}</p>
                        <button type="button" class="button" on:click=move |_| outcome.set(Some(actions::make_claim_key(state, shop).unwrap_or_else(|o| o)))>
                            {state.t("署名鍵を作る", "Make the signing key")}
                        </button>
                    </div>
                }.into_any(),
                Some((text, fingerprint)) => view! {
                    <div class="claim-key__registration">
                        <p>{state.t(
                            "次の登録用の文字列（またはQRコード）を市の事務局へ送ってください。電話で確認するときは指紋を読み上げます。",
                            "Send this registration text (or QR code) to the city office. Read the fingerprint aloud when they check by phone.",
                        )}</p>
                        <p>{state.t("指紋", "Fingerprint")}": "<strong data-testid="claim-key-fingerprint">{fingerprint}</strong></p>
                        <textarea class="input claim-key__text" readonly rows="3" data-testid="claim-key-registration"
                            aria-label=state.t("登録用の文字列", "Registration text") prop:value=text.clone()></textarea>
                        <QrCode text=text label=state.t("登録用QRコード", "Registration QR code").to_string()/>
                        <div class="button-row">
                            <button type="button" class="button" on:click=move |_| outcome.set(Some(actions::save_registration(state, shop)))>
                                {state.t("登録用ファイルを保存", "Save the registration file")}
                            </button>
                            <button type="button" class="button button--secondary" on:click=move |_| outcome.set(Some(actions::save_key_backup(state, shop)))>
                                {state.t("バックアップを保存", "Save a backup")}
                            </button>
                        </div>
                    </div>
                }.into_any(),
            }}
            <div class="field">
                <label class="field__label" for="claim-key-restore">{state.t("バックアップから戻す", "Restore from a backup")}</label>
                <input id="claim-key-restore" type="file" accept=".json,application/json" on:change=on_backup_file/>
            </div>
            <button type="button" class="button button--secondary" on:click=move |_| confirm_replace.set(true)>
                {state.t("署名鍵を作り直す", "Make a new signing key")}
            </button>
            {move || confirm_replace.get().then(|| view! {
                <div class="notice notice--warn" role="alertdialog" aria-labelledby="claim-key-replace-text" data-testid="confirm-replace-key">
                    <p id="claim-key-replace-text">{state.t(
                        "鍵をなくした・漏れたときだけ作り直します。新しい鍵を市の事務局に登録し直すまで、請求は支払われません。作り直しますか？",
                        "Only when the key was lost or leaked. Until the office registers the new key, claims are not paid. Make a new key?",
                    )}</p>
                    <div class="button-row">
                        <button type="button" class="button" on:click=move |_| {
                            confirm_replace.set(false);
                            outcome.set(Some(actions::make_claim_key(state, shop).unwrap_or_else(|o| o)));
                        }>{state.t("作り直す", "Make a new key")}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirm_replace.set(false)>{state.t("やめる", "Cancel")}</button>
                    </div>
                </div>
            })}
            {move || outcome.get().map(|o| view! {
                <p class=if o.ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="claim-key-notice">{o.message}</p>
            })}
        </section>
    }
}

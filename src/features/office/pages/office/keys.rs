//! 1. Keys: unlock a key file; sign the key list with the root key.

use std::sync::Arc;

use leptos::prelude::*;

use super::{Session, MAX_FILE};
use crate::domain::tickets::office::keyfile::KeyKind;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

#[component]
pub(super) fn KeySection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let new_id = RwSignal::new("2".to_string());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_file(file, MAX_FILE).await {
                Ok(text) => actions::open_key(&text, &passphrase.get_untracked()),
                Err(e) => Err(e),
            };
            match result {
                Ok(key) => {
                    let label = match key.kind {
                        KeyKind::Root => format!("ルート鍵 / root key — {}", key.label),
                        KeyKind::Issuer(id) => format!("鍵 {id} / key {id} — {}", key.label),
                    };
                    session.key.set_value(Some(Arc::new(key)));
                    session.key_label.set(Some(label.clone()));
                    passphrase.set(String::new());
                    message.set(Some((true, format!("{label}: 開きました / opened"))));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let make_key = move |_| {
        let id = new_id.get_untracked().trim().parse::<u8>().unwrap_or(0);
        let result = actions::new_issuer_key(
            id,
            &format!("発行鍵 {id} / issuer key {id}"),
            &passphrase.get_untracked(),
        )
        .and_then(|(file, public)| {
            actions::download(&format!("issuer-{id}.key"), file.as_bytes())?;
            Ok(public)
        });
        message.set(Some(match result {
            Ok(public) => (
                true,
                format!("鍵ファイルを保存しました。公開鍵 / public key: {public}"),
            ),
            Err(e) => (false, e),
        }));
    };
    let make_root = move |_| {
        let result =
            actions::new_root_key(&passphrase.get_untracked()).and_then(|(file, public)| {
                actions::download("root.key", file.as_bytes())?;
                Ok(public)
            });
        message.set(Some(match result {
            Ok(public) => (true, format!("ルート鍵ファイルを保存しました。公開鍵（アプリに組み込む値）/ root public key (built into the app): {public}")),
            Err(e) => (false, e),
        }));
    };
    view! {
        <section class="card office__section" aria-labelledby="office-keys">
            <h2 id="office-keys">{state.t("1. 鍵", "1. Keys")}</h2>
            <div class="field">
                <label class="field__label" for="office-passphrase">{state.t("パスフレーズ（12文字以上）", "Passphrase (12 characters or more)")}</label>
                <input id="office-passphrase" class="input" type="password" autocomplete="off"
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keyfile">{state.t("鍵ファイルを開く", "Open a key file")}</label>
                <input id="office-keyfile" type="file" accept=".key,.json,application/json" on:change=on_file/>
            </div>
            <p data-testid="office-key">{move || session.key_label.get().unwrap_or_else(|| state.tr("鍵は開いていません", "No key open").to_string())}</p>
            <details>
                <summary>{state.t("新しい発行鍵を作る", "Make a new issuer key")}</summary>
                <div class="field">
                    <label class="field__label" for="office-new-id">{state.t("鍵の番号（1〜255）", "Key id (1–255)")}</label>
                    <input id="office-new-id" class="input" inputmode="numeric"
                        prop:value=move || new_id.get() on:input=move |ev| new_id.set(event_target_value(&ev))/>
                </div>
                <button type="button" class="button button--secondary" on:click=make_key>{state.t("作って保存する", "Make and save")}</button>
            </details>
            <details>
                <summary>{state.t("新しいルート鍵を作る（最初の1回だけ）", "Make a new root key (once)")}</summary>
                <p>{state.t("ルート鍵は鍵リストに署名する鍵です。作ったファイルはネットワークにつながない場所に保管し、控えを別に保管してください（docs/operations.md）。", "The root key signs the key list. Keep the file offline, with a backup elsewhere (docs/operations.md).")}</p>
                <button type="button" class="button button--secondary" on:click=make_root>{state.t("ルート鍵を作って保存する", "Make and save the root key")}</button>
            </details>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

#[component]
pub(super) fn KeyListSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let list = RwSignal::new(String::new());
    let sequence = RwSignal::new(String::new());
    let signed_at = RwSignal::new(actions::today().to_string());
    let expires = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let sign = move |_| {
        let Some(key) = session.key.get_value() else {
            message.set(Some((
                false,
                state
                    .t("先にルート鍵を開いてください。", "Open the root key first.")
                    .into(),
            )));
            return;
        };
        let result = actions::sign_keys(
            &key,
            &list.get_untracked(),
            &sequence.get_untracked(),
            &signed_at.get_untracked(),
            &expires.get_untracked(),
        )
        .and_then(|json| actions::download("keys.json", json.as_bytes()));
        message.set(Some(match result {
            Ok(()) => (true, state.t("署名した鍵リスト（keys 欄）を保存しました。配信データの keys に入れてください。", "The signed key list (`keys` section) is saved: put it in the feed's `keys`.").into()),
            Err(e) => (false, e),
        }));
    };
    view! {
        <section class="card office__section" aria-labelledby="office-keylist">
            <h2 id="office-keylist">{state.t("鍵リストに署名する（ルート鍵）", "Sign the key list (root key)")}</h2>
            <p>{state.t(
                "発行鍵・使用済み署名鍵の一覧（JSON、発行鍵を作ったときの控え）を貼り付け、前回より大きい番号と有効期限を入れて署名します。",
                "Paste the list of issuer and used-data keys (JSON, as kept when each key was made), give a sequence higher than last time and an expiry, and sign.",
            )}</p>
            <div class="field">
                <label class="field__label" for="office-keylist-json">{state.t("鍵の一覧（JSON）", "Key list (JSON)")}</label>
                <textarea id="office-keylist-json" class="textarea" rows="6" spellcheck="false"
                    prop:value=move || list.get() on:input=move |ev| list.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-seq">{state.t("番号（前回より大きく）", "Sequence (higher than last time)")}</label>
                <input id="office-keylist-seq" class="input" inputmode="numeric" prop:value=move || sequence.get() on:input=move |ev| sequence.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-signed">{state.t("署名日", "Signed on")}</label>
                <input id="office-keylist-signed" class="input" prop:value=move || signed_at.get() on:input=move |ev| signed_at.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-expires">{state.t("有効期限（例 2027-06-30）", "Expires (e.g. 2027-06-30)")}</label>
                <input id="office-keylist-expires" class="input" prop:value=move || expires.get() on:input=move |ev| expires.set(event_target_value(&ev))/>
            </div>
            <p><button type="button" class="button" on:click=sign>{state.t("署名して保存する", "Sign and save")}</button></p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

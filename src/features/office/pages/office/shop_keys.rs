//! Shops' claim keys: the office registers the key each shop's desk made (the text or file
//! the shop sent, checked by its fingerprint on the phone), retires a lost one, and keeps
//! the list in this browser and as `shop-keys.csv` (the CLI's `--shop-keys`). Settlement
//! pays only claims signed with a key registered to the shop (`docs/settlement.md`).

use leptos::prelude::*;

use super::MAX_FILE;
use crate::domain::shared::date::iso_date;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::claim_signature::ShopKeyRegistration;
use crate::domain::tickets::office::settlement::ShopKeyRegister;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status, Message, Say};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

/// The register kept in this browser (empty if none or unreadable).
pub(super) fn stored_shop_keys() -> ShopKeyRegister {
    actions::load_desk()
        .shop_keys
        .and_then(|t| ShopKeyRegister::from_csv(&t).ok())
        .unwrap_or_default()
}

fn keep(register: &ShopKeyRegister) -> Result<(), String> {
    let mut desk = actions::load_desk();
    desk.shop_keys = Some(register.to_csv());
    actions::save_desk(&desk)
}

#[component]
pub(super) fn ShopKeysSection() -> impl IntoView {
    let state = AppState::expect();
    let register = RwSignal::new(stored_shop_keys());
    let text = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let add = move |_| register_texts(state, register, text, message);
    let on_file = move |ev: leptos::ev::Event| {
        let files = files_of(&ev);
        leptos::task::spawn_local(async move {
            for file in files {
                let name = file.name();
                match read_file(file, MAX_FILE).await {
                    // A saved list replaces the one here; a shop's registration file is added.
                    Ok(t) if t.trim_start_matches('\u{FEFF}').starts_with("shop,") => {
                        match ShopKeyRegister::from_csv(&t) {
                            Ok(r) => match keep(&r) {
                                Ok(()) => register.set(r),
                                Err(e) => message.fail(e),
                            },
                            Err(e) => message
                                .fail(format!("{name}: {}", e.wording(state.lang.get_untracked()))),
                        }
                    }
                    Ok(t) => text.update(|x| {
                        x.push_str(t.trim());
                        x.push('\n');
                    }),
                    Err(e) => message.fail(format!("{name}: {e}")),
                }
            }
        });
    };
    let save = move |_| {
        if let Err(e) = actions::download(
            "shop-keys.csv",
            register.get_untracked().to_csv().as_bytes(),
        ) {
            message.fail(e);
        }
    };
    let rows = key_rows(state, register, message);
    view! {
        <section class="card office__section" aria-labelledby="office-shop-keys">
            <h2 id="office-shop-keys">{state.t("お店の請求署名鍵", "Shops' claim keys")}</h2>
            <p>{state.t(
                "お店の事務画面（お店の設定）に表示される登録用の文字列を貼り付けるか、お店から届いたファイルを選んで登録します。電話で指紋を読み上げてもらい、一致を確かめてください。登録した鍵で署名された請求だけが支払われます。",
                "Paste the registration text a shop's desk shows (shop settings), or choose the file the shop sent. Have the shop read its fingerprint on the phone and check it matches. Only claims signed with a registered key are paid.",
            )}</p>
            <div class="field">
                <label class="field__label" for="office-shop-key-text">{state.t("登録用の文字列（1行に1つ）", "Registration texts (one per line)")}</label>
                <textarea id="office-shop-key-text" class="input" rows="3" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label class="field__label" for="office-shop-key-file">{state.t("お店から届いたファイル・店舗鍵一覧（shop-keys.csv）", "A shop's file, or the shop key list (shop-keys.csv)")}</label>
                <input id="office-shop-key-file" type="file" multiple accept=".txt,.csv,text/plain,text/csv" on:change=on_file/>
            </div>
            <p>
                <button type="button" class="button" on:click=add>{state.t("登録する", "Register")}</button>
                " "<button type="button" class="button button--secondary" on:click=save>{state.t("店舗鍵一覧を保存", "Save the shop key list")}</button>
            </p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
            <div class="table-wrap">
            <table class="office__table" data-testid="shop-keys">
                <caption>{state.t("登録済みの鍵", "Registered keys")}</caption>
                <thead><tr>
                    <th scope="col">{state.t("お店", "Shop")}</th>
                    <th scope="col">{state.t("指紋", "Fingerprint")}</th>
                    <th scope="col">{state.t("登録日", "Registered")}</th>
                    <th scope="col">{state.t("失効日", "Retired")}</th>
                    <th scope="col">{state.t("操作", "Action")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        </section>
    }
}

/// Register the pasted texts (all or none: the first that is not a registration, or is a
/// key of another shop, stops it).
fn register_texts(
    state: AppState,
    register: RwSignal<ShopKeyRegister>,
    text: RwSignal<String>,
    message: Message,
) {
    let today = actions::today();
    let mut next = register.get_untracked();
    let mut added = Vec::new();
    for line in text
        .get_untracked()
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let Some(r) = ShopKeyRegistration::parse(line) else {
            message.fail(format!(
                "{}: {}",
                line.trim(),
                state.t(
                    "お店の登録用の文字列（JKSHOPKEY1:…）ではありません",
                    "not a shop's registration text (JKSHOPKEY1:…)"
                )
            ));
            return;
        };
        if !next.register(&r, today) {
            message.fail(format!(
                "{}: {}",
                r.shop,
                state.t(
                    "この鍵は別のお店に登録されています",
                    "this key is registered to another shop"
                )
            ));
            return;
        }
        added.push(format!("{} {}", r.shop, r.key.fingerprint()));
    }
    match keep(&next) {
        Ok(()) => {
            register.set(next);
            text.set(String::new());
            message.done(format!(
                "{} {}",
                state.t(
                    "登録しました（指紋をお店と確認してください）:",
                    "Registered (check the fingerprints with the shops):"
                ),
                added.join(", ")
            ));
        }
        Err(e) => message.fail(e),
    }
}

/// The registered keys, each with a button to retire it.
fn key_rows(
    state: AppState,
    register: RwSignal<ShopKeyRegister>,
    message: Message,
) -> impl IntoView {
    move || {
        register
            .get()
            .keys()
            .iter()
            .map(|k| {
                let key = k.key;
                let retired = k.retired_on.map(iso_date).unwrap_or_default();
                let retire = move |_| {
                    let mut next = register.get_untracked();
                    next.retire(&key, actions::today());
                    match keep(&next) {
                        Ok(()) => register.set(next),
                        Err(e) => message.fail(e),
                    }
                };
                view! {
                    <tr data-testid="shop-key-row">
                        <td>{k.shop.to_string()}</td>
                        <td><code>{k.key.fingerprint()}</code></td>
                        <td>{iso_date(k.registered_on)}</td>
                        <td>{retired.clone()}</td>
                        <td>{retired.is_empty().then(|| view! {
                            <button type="button" class="button button--secondary" on:click=retire>{state.t("失効させる", "Retire")}</button>
                        })}</td>
                    </tr>
                }
            })
            .collect_view()
    }
}

//! Card 6, interim used data: published as often as shops send claim files (e.g. weekly),
//! without settling or paying, so a copied ticket stops passing at other tills within
//! days of its first use (`docs/claim-format.md`, "Interim used data").

use leptos::prelude::*;

use super::{Session, MAX_FILE};
use crate::domain::tickets::office::settlement::ClaimAuth;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status, Say};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

#[component]
pub(super) fn InterimSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let claims = RwSignal::new(Vec::<(String, String)>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let on_claims = move |ev: leptos::ev::Event| {
        let files = files_of(&ev);
        leptos::task::spawn_local(async move {
            for file in files {
                let name = file.name();
                match read_file(file, MAX_FILE).await {
                    Ok(text) => claims.update(|c| c.push((name, text))),
                    Err(e) => message.fail(format!("{name}: {e}")),
                }
            }
        });
    };
    let publish = move |_| {
        let Some(feed) = session.feed.get_untracked() else {
            message.fail(state.t(
                "先に公開中の配信データを開いてください（4.）。",
                "Open the published feed first (4.).",
            ));
            return;
        };
        let Some(key) = session.key.get_value() else {
            message.fail(state.t(
                "使用済みデータに署名する鍵（ルート鍵か使用済みデータ鍵）を開いてください（1.）。",
                "Open the key that signs the used data (root or used-data key) first (1.).",
            ));
            return;
        };
        let files = claims.get_untracked();
        if files.is_empty() {
            message.fail(state.t(
                "お店から届いた請求ファイルを選んでください。",
                "Choose the claim files the shops sent.",
            ));
            return;
        }
        let lang = state.lang.get_untracked();
        // As settlement reads them: production takes only claims signed by a key
        // registered to the shop (the shop keys registered on this page).
        let shop_keys = super::shop_keys::stored_shop_keys();
        let auth = if crate::ui::tickets::policy().accept_demo {
            ClaimAuth::demo(shop_keys)
        } else {
            ClaimAuth::production(shop_keys)
        };
        match actions::sign_interim_used(lang, &feed, &files, &auth, &key)
            .and_then(|(json, said)| actions::download("used.json", json.as_bytes()).map(|()| said))
        {
            Ok(said) => message.done(said),
            Err(e) => message.fail(e),
        }
    };
    view! {
        <section class="card office__section" aria-labelledby="office-interim">
            <h2 id="office-interim">{state.t("6. 途中の使用済みデータ（精算なし）", "6. Interim used data (no settlement)")}</h2>
            <p>{state.t(
                "月の途中でも、届いた請求ファイルから使用済みデータを作って公開できます（例：毎週）。支払いはしません（月末の精算でいつもどおり支払います）。公開すると、コピーされたチケットはほかのお店でも使えなくなります。",
                "Mid-month, the claim files received so far can make used data to publish (e.g. weekly). Nothing is paid (the month's settlement pays as usual). Once published, a copied ticket stops passing at the other shops too.",
            )}</p>
            <div class="field">
                <label class="field__label" for="office-interim-claims">{state.t("届いた請求ファイル（複数可）", "Claim files received (several)")}</label>
                <input id="office-interim-claims" type="file" multiple accept=".json,application/json" on:change=on_claims/>
            </div>
            <p>{move || format!("{} {}", claims.with(Vec::len), state.tr("件の請求ファイル", "claim files"))}</p>
            <p><button type="button" class="button" data-testid="office-interim-publish" on:click=publish>{state.t("途中の使用済みデータを発行", "Publish interim used data")}</button></p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

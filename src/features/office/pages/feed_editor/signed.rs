//! The signed sections (key list, used data) carried over or replaced.

use leptos::prelude::*;

use crate::domain::shared::wording::Wording;

use super::{Editor, MAX_FILE};
use crate::features::office::pages::common::{files_of, status};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

#[component]
pub(super) fn SignedSections(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_file(f, MAX_FILE).await {
                Ok(text) => {
                    let mut out = Err(String::new());
                    editor.change(|d| {
                        out = d
                            .put_signed_section(&text)
                            .map_err(|e| e.wording(editor.lang))
                    });
                    out
                }
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(name) => (
                    true,
                    format!("{name} を配信データに入れました / {name} is put in the feed"),
                ),
                Err(e) => (false, e),
            }));
        });
    };
    view! {
        <h3>{state.t("署名済みデータ（鍵リスト・使用済みデータ）", "Signed data (key list, used data)")}</h3>
        <p>{state.t(
            "「署名して保存する」で作った keys.json や、「使用済みデータに署名」で作った used.json を選ぶと、配信データの該当欄に入ります。署名と番号は保存前の確認で確かめます。",
            "Choose the keys.json made by 「署名して保存する」 or the used.json made by 「使用済みデータに署名」: it goes into its section of the feed. The check before upload verifies its signature and sequence.",
        )}</p>
        <div class="field">
            <label class="field__label" for="editor-signed">{state.t("keys.json または used.json", "keys.json or used.json")}</label>
            <input id="editor-signed" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || message.get().map(|(ok, m)| status(ok, m))}
    }
}

//! Opening the feed to edit: from this server or from a file.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;

use super::fields::value_of;
use super::{Editor, MAX_FILE};
use crate::domain::publish::editor::FeedDraft;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status, Say};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

#[component]
pub(super) fn OpenFeed(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let url = RwSignal::new("feed/feed.json".to_string());
    let message = RwSignal::new(None::<(bool, String)>);
    let open = move |text: String| match FeedDraft::open(&text) {
        Ok(d) => {
            let s = d.schedule_dto();
            message.done(match editor.lang {
                Lang::Ja => format!(
                    "開きました：公開日 {}、日程の変更 {}件、催し {}件、お店 {}件",
                    d.published().unwrap_or("-"),
                    s.exceptions.len(),
                    s.events.len(),
                    d.shops().len()
                ),
                Lang::En => format!(
                    "Opened: published {}, {} dated changes, {} events, {} shops",
                    d.published().unwrap_or("-"),
                    s.exceptions.len(),
                    s.events.len(),
                    d.shops().len()
                ),
            });
            editor.opened.set_value(Some(text));
            editor.draft.set(Some(d));
            editor.report.set(None);
        }
        Err(e) => message.fail(e.wording(editor.lang)),
    };
    let fetch = move |_| {
        let u = url.get_untracked();
        leptos::task::spawn_local(async move {
            match actions::fetch_feed(editor.lang, &u).await {
                Ok(text) => open(text),
                Err(e) => message.fail(e),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file(file, MAX_FILE).await {
                Ok(text) => open(text),
                Err(e) => message.fail(e),
            }
        });
    };
    view! {
        <h3>{state.t("公開中の配信データを開く", "Open the published feed")}</h3>
        <div class="field">
            <label class="field__label" for="editor-url">{state.t("配信データのアドレス（このサーバー内）", "Feed address (on this server)")}</label>
            <p class="field__hint" id="editor-url-hint">{state.t("例 /jokatsu/feed/feed.json。ほかのサイトからは読み込みません。", "e.g. /jokatsu/feed/feed.json. Other sites are never contacted.")}</p>
            <input id="editor-url" class="input" aria-describedby="editor-url-hint" prop:value=move || url.get() on:input=move |ev| url.set(value_of(&ev))/>
        </div>
        <p><button type="button" class="button" on:click=fetch>{state.t("サーバーから読み込む", "Load from the server")}</button></p>
        <div class="field">
            <label class="field__label" for="editor-file">{state.t("または、編集するファイル（feed.json）", "Or a file to edit (feed.json)")}</label>
            <input id="editor-file" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || message.get().map(|(ok, m)| view! { <div data-testid="editor-opened">{status(ok, m)}</div> })}
    }
}

//! 4. Checking the feed (feed.json) before upload.

use std::sync::Arc;

use leptos::prelude::*;

use super::{Session, MAX_FILE};
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status};
use crate::platform::download::read_file_bytes;
use crate::ui::state::AppState;

#[component]
pub(super) fn FeedSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let problems = RwSignal::new(None::<Vec<String>>);
    let on_feed = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file_bytes(file, MAX_FILE)
                .await
                .and_then(|b| actions::json_file(state.lang.get_untracked(), &b))
            {
                Ok(text) => {
                    problems.set(Some(actions::check_feed(state.lang.get_untracked(), &text)));
                    session.feed.set(
                        actions::read_feed(state.lang.get_untracked(), &text)
                            .ok()
                            .map(Arc::new),
                    );
                }
                Err(e) => problems.set(Some(vec![e])),
            }
        });
    };
    view! {
        <section class="card office__section" aria-labelledby="office-feed">
            <h2 id="office-feed">{state.t("4. 配信データ（feed.json）を確認する", "4. Check the feed (feed.json)")}</h2>
            <p>{state.t("精算には、公開中の配信データ（鍵リスト・お店・使用済みデータ）を使います。アップロード前の確認にも使えます。", "Settlement uses the published feed (key list, shops, used data). Also use this to check a feed before uploading it.")}</p>
            <div class="field">
                <label class="field__label" for="office-feed-file">{state.t("配信データを開く", "Open a feed")}</label>
                <input id="office-feed-file" type="file" accept=".json,application/json" on:change=on_feed/>
            </div>
            {move || problems.get().map(|p| if p.is_empty() {
                status(true, state.tr(
                    "問題はありません。アップロードできます。次に: 月初めの精算なら「5. お店の請求を精算する」へ。配信データを変えるなら「6. 配信データを作る」へ。",
                    "No problems: ready to upload. Next: to settle the shops' claims, go to “5. Settle shops' claims”; to change the feed, “6. Make the feed”.",
                ).to_string()).into_any()
            } else {
                view! { <ul class="office__problems" data-testid="feed-problems">{p.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul> }.into_any()
            })}
        </section>
    }
}

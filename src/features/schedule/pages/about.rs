//! About, privacy, and the data kept on this device.

use leptos::prelude::*;

use crate::platform::{download, storage};
use crate::ui::i18n::datetime_jst;
use crate::ui::state::AppState;

/// About and privacy.
#[component]
pub fn AboutPage() -> impl IntoView {
    let state = AppState::expect();
    let export_quarantine = move |_| {
        let list = state.quarantine.get_untracked();
        match serde_json::to_string_pretty(&list) {
            Ok(text) => {
                if let Err(e) =
                    download::save_file("jokatsu-set-aside-data.json", "application/json", &text)
                {
                    state.storage_problem.set(Some(e));
                }
            }
            Err(e) => state.storage_problem.set(Some(e.to_string())),
        }
    };
    // Deleting set-aside data is never one tap: it asks first and offers the export.
    let confirm_forget = RwSignal::new(false);
    let forget_quarantine = move |_| {
        storage::clear_quarantine();
        state.quarantine.set(Default::default());
        confirm_forget.set(false);
    };
    let feed_info = move || {
        let lang = state.lang.get();
        state.feed.with(|f| {
            f.feed.as_ref().map(|feed| {
                format!(
                    "{}{} / {}{}",
                    state.tr("発行：", "Publisher: "),
                    feed.meta.publisher.get(lang),
                    state.tr("作成：", "Generated: "),
                    datetime_jst(lang, feed.meta.generated_at)
                )
            })
        })
    };
    view! {
        <section class="page">
            <h1>{state.t("このアプリについて", "About this app")}</h1>
            <p>{state.t(
                "旭川市の女性活躍の取り組み「女性のキャリアの保健室」と「すみまセンエン THANK YOU TICKET」のアプリです。",
                "The app of Asahikawa's programmes for working women: the career health room and the すみまセンエン thank-you ticket.",
            )}</p>

            <h2>{state.t("プライバシー", "Privacy")}</h2>
            <ul class="plain-list">
                <li>{state.t(
                    "セルフチェックの回答と結果は、この端末のブラウザの中だけに保存されます。市役所にも、だれにも送信されません。",
                    "Your self-check answers and results are stored only in this browser on this device. They are never sent to the city or anyone else.",
                )}</li>
                <li>{state.t(
                    "アプリが通信するのは、このアプリを置いているサイトだけです（アプリ本体と配信情報の取得）。アクセス解析や広告は使っていません。",
                    "The app only talks to the site it is hosted on (to load itself and the published information). No analytics, no ads.",
                )}</li>
                <li>{state.t(
                    "チケットは、市からのリンクを開いたこのスマホのブラウザの中に保存されます（ほかのブラウザやアプリからは見えません）。なくしたときは、市から届いたメッセージのリンクをもう一度開けば、まだ使っていない分が戻ります。",
                    "Tickets are stored in the browser on this phone that opened the city's link (other browsers and apps do not see them). If they are lost, opening the link in the city's message again brings back those not used yet.",
                )}</li>
            </ul>

            <h2>{state.t("配信情報", "Published information")}</h2>
            <p data-testid="feed-info">{feed_info}</p>

            <h2>{state.t("読めなかったデータ（消さずに保管）", "Data that could not be read (kept)")}</h2>
            {move || {
                let items = state.quarantine.get();
                if items.items.is_empty() {
                    view! { <p>{state.tr("ありません。", "None.")}</p> }.into_any()
                } else {
                    let lang = state.lang.get();
                    view! {
                        <p>{state.tr(
                            "読めなかった保存データです。消さずに残しています。書き出して事務局に相談できます。",
                            "Saved data that could not be read. It has been kept, not deleted. You can export it and ask the office for help.",
                        )}</p>
                        <p>{state.tr(
                            "チケット（ウォレット）のデータは、書き出したファイルを「控え・機種変更」のページの「控えから戻す」で選ぶと、ウォレットに読み戻せます。",
                            "Ticket (wallet) data can be read back in: choose the exported file with \"Restore from a backup\" on the \"Backup and new phone\" page.",
                        )}</p>
                        <ul class="plain-list" data-testid="quarantine-list">
                            {items.items.into_iter().map(|q| view! {
                                <li><code>{q.key.clone()}</code> " — " {q.error.to_string()} " (" {datetime_jst(lang, q.found_at)} ")"</li>
                            }).collect_view()}
                        </ul>
                        <div class="button-row">
                            <button type="button" class="button" on:click=export_quarantine>{state.tr("書き出す", "Export")}</button>
                            <button type="button" class="button button--secondary" on:click=move |_| confirm_forget.set(true)>{state.tr("一覧から消す", "Remove from list")}</button>
                        </div>
                        <Show when=move || confirm_forget.get()>
                            <div class="card" role="alertdialog" aria-labelledby="forget-title" data-testid="confirm-forget">
                                <p id="forget-title">{state.tr(
                                    "消すと元に戻せません。先に「書き出す」でファイルに保存しましたか？",
                                    "This cannot be undone. Did you save them to a file with Export first?",
                                )}</p>
                                <div class="button-row">
                                    <button type="button" class="button" on:click=export_quarantine>{state.tr("書き出す", "Export")}</button>
                                    <button type="button" class="button button--danger" on:click=forget_quarantine>{state.tr("消す", "Delete")}</button>
                                    <button type="button" class="button button--secondary" on:click=move |_| confirm_forget.set(false)>{state.tr("やめる", "Cancel")}</button>
                                </div>
                            </div>
                        </Show>
                    }.into_any()
                }
            }}

            <h2>{state.t("バージョン", "Version")}</h2>
            <p>{env!("CARGO_PKG_VERSION")}</p>
        </section>
    }
}

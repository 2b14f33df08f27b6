//! The 相談メモ screen (`m.html#/memo`).

use leptos::prelude::*;

use crate::domain::checks::memo::memo;
use crate::domain::checks::record::ChecksHistory;
use crate::features::checks::components::checks_common::use_checks;
use crate::platform::storage;
use crate::site::routes::Route;
use crate::ui::i18n::{datetime_jst, tr};
use crate::ui::state::AppState;

/// Every stored result, newest first, written out to show at the desk.
#[component]
pub fn MemoPage() -> impl IntoView {
    let state = AppState::expect();
    // Read only: this page never writes the history (the self-check page owns it).
    let history = storage::load::<ChecksHistory>().into_value().into_history();
    let checks = use_checks();
    let body = move || {
        let lang = state.lang.get();
        let list = checks.with(|c| c.as_ref().map(|c| c.list.clone()).unwrap_or_default());
        let entries = memo(&history, &list, lang);
        if entries.is_empty() {
            return view! {
                <p data-testid="memo-empty">{tr(lang, "まだ結果はありません。セルフチェックをすると、ここに並びます。", "No results yet. Your self-check results appear here.")}</p>
            }
            .into_any();
        }
        let items: Vec<_> = entries
            .into_iter()
            .map(|e| {
                let lines: Vec<_> = e
                    .lines
                    .into_iter()
                    .map(|l| view! { <li>{l}</li> })
                    .collect();
                let answers = (!e.answers.is_empty()).then(|| {
                    let rows: Vec<_> = e
                        .answers
                        .into_iter()
                        .map(|(q, a)| view! { <dt>{q}</dt><dd>{a}</dd> })
                        .collect();
                    view! { <dl class="memo__answers">{rows}</dl> }
                });
                view! {
                    <li class="card memo__entry" data-testid="memo-entry">
                        <h2 class="memo__title">{e.title}</h2>
                        <p class="muted">{datetime_jst(lang, e.taken_at)}</p>
                        <ul class="plain-list">{lines}</ul>
                        {answers}
                    </li>
                }
            })
            .collect();
        view! { <ol class="plain-list memo__list">{items}</ol> }.into_any()
    };
    view! {
        <section class="page memo">
            <h1>{state.t("相談メモ", "Notes for the desk")}</h1>
            <p>{state.t(
                "保健室でセンセーに見せるためのメモです。このスマホに保存したセルフチェックの結果を、新しい順に並べています。このメモはスマホの中だけで作られ、どこにも送信されません。",
                "Notes to show the expert at the desk: the self-check results saved on this phone, newest first. They are made on this phone only and sent nowhere.",
            )}</p>
            <p class="muted">{state.t(
                "回答の内容は、チェックの最後に「書いたメモを結果と一緒にこの端末に残す」を選んだときだけ載ります。時刻は日本時間です。",
                "Answers appear only when you chose to keep them at the end of a check. Times are Japan time.",
            )}</p>
            {body}
            <p><a href=state.link(Route::Check)>{state.t("セルフチェックに戻る", "Back to the self-checks")}</a></p>
        </section>
    }
}

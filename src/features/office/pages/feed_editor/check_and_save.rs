//! Check everything, then download `feed.json` and `calendar.ics` for upload.

use leptos::prelude::*;

use crate::domain::shared::wording::Wording;

use super::fields::report_class;
use super::Editor;
use crate::domain::publish::check::{Report, Severity};
use crate::domain::shared::text::Lang;
use crate::features::office::actions;
use crate::features::office::pages::common::{status, Say};
use crate::ui::state::AppState;

#[component]
pub(super) fn CheckAndSave(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let accept_warnings = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    // What would be uploaded now: the feed text and its calendar.
    let build = move || {
        let today = actions::today();
        let now = actions::now();
        editor.draft.with_untracked(|d| {
            d.as_ref()
                .map(|d| (d.to_json(today, now), d.calendar(today, now)))
        })
    };
    let run = move |_| {
        let Some((feed, calendar)) = build() else {
            return;
        };
        let previous = editor.opened.get_value();
        let report = actions::check_for_upload(
            &feed,
            calendar.as_ref().ok().map(String::as_str),
            previous.as_deref(),
        );
        accept_warnings.set(false);
        message.set(None);
        editor.report.set(Some(report));
    };
    let can_save = move || {
        editor.report.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.can_publish(accept_warnings.get()))
        })
    };
    let save_feed = move |_| {
        if !can_save() {
            return;
        }
        let Some((feed, _)) = build() else {
            return;
        };
        match actions::download("feed.json", feed.as_bytes()) {
            Ok(()) => message.done(state.t(
                "feed.json を保存しました。次に: 「calendar.ics を保存」も押し、2つのファイルを市のウェブサイトの feed フォルダーにアップロードしてください。公開後、アプリを開いて変更が出ているか確かめます。",
                "feed.json is saved. Next: also press “Save calendar.ics”, and upload both files to the feed folder of the city's website. Then open the app and check that the change shows.",
            )),
            Err(e) => message.fail(e),
        }
    };
    let save_calendar = move |_| {
        if !can_save() {
            return;
        }
        let Some((_, calendar)) = build() else {
            return;
        };
        match calendar
            .map_err(|e| e.wording(editor.lang))
            .and_then(|c| actions::download("calendar.ics", c.as_bytes()))
        {
            Ok(()) => {
                message.done(state.t("calendar.ics を保存しました。", "calendar.ics is saved."))
            }
            Err(e) => message.fail(e),
        }
    };
    view! {
        <h3>{state.t("確認して保存する", "Check and save")}</h3>
        <p>{state.t(
            "公開日（今日）を入れて、配信データ全体をアプリと同じ規則で確かめます。エラーがあるあいだは保存できません。",
            "Stamps today's publication date and checks the whole feed by the apps' rules. It cannot be saved while there are errors.",
        )}</p>
        <p><button type="button" class="button" on:click=run>{state.t("アップロード前に確認する", "Check before upload")}</button></p>
        {move || editor.report.get().map(|r| {
            let errors = r.errors();
            let warnings = r.warnings();
            view! {
                <div data-testid="editor-report">
                    <p role="status" class=report_class(errors, warnings)>{r.summary(editor.lang)}</p>
                    {(!r.problems.is_empty()).then(|| problems_table(state, editor.lang, &r))}
                    {(errors == 0 && warnings > 0).then(|| view! {
                        <label class="checkbox"><input type="checkbox" prop:checked=move || accept_warnings.get() on:change=move |ev| accept_warnings.set(event_target_checked(&ev))/>
                            {state.t("警告を確認しました。このまま保存します", "I have read the warnings; save anyway")}</label>
                    })}
                </div>
            }
        })}
        {move || can_save().then(|| view! {
            <p class="office__downloads">
                <button type="button" class="button" on:click=save_feed>{state.t("feed.json を保存", "Save feed.json")}</button>
                <button type="button" class="button button--secondary" on:click=save_calendar>{state.t("calendar.ics を保存", "Save calendar.ics")}</button>
            </p>
        })}
        {move || message.get().map(|(ok, m)| status(ok, m))}
    }
}

/// Every problem the check found, one row each: how serious, the section, the place and
/// what is wrong.
fn problems_table(state: AppState, lang: Lang, r: &Report) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="office__table">
                <caption>{state.t("問題の一覧", "Problems")}</caption>
                <thead><tr>
                    <th scope="col">{state.t("重さ", "Severity")}</th>
                    <th scope="col">{state.t("区分", "Section")}</th>
                    <th scope="col">{state.t("場所", "Place")}</th>
                    <th scope="col">{state.t("内容", "Problem")}</th>
                </tr></thead>
                <tbody>
                    {r.problems.iter().map(|p| view! {
                        <tr data-severity=if p.severity == Severity::Error { "error" } else { "warning" }>
                            <td>{p.severity.label()}</td>
                            <td>{p.section.clone()}</td>
                            <td><code>{p.place.clone()}</code></td>
                            <td>{p.wording(lang)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

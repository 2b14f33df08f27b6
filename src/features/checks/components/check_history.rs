//! Past self-check results on this device: by date (JST), a chart per scored check, delete
//! one, delete all (confirmed), export as a JSON file.

use leptos::prelude::*;

use crate::domain::checks::answers::{History, RecordId, ResultRecord};
use crate::domain::shared::text::Lang;
use crate::features::checks::actions;
use crate::features::checks::components::checks_common::use_checks;
use crate::features::checks::components::score_chart::ScoreChart;

use crate::site::routes::Route;
use crate::ui::i18n::{datetime_jst, tr};
use crate::ui::state::AppState;

/// The history section (`<section>` with an `<h2>`), newest first.
#[component]
pub fn CheckHistory(lang: Lang) -> impl IntoView {
    let state = AppState::expect();
    let checks = use_checks();
    let history = RwSignal::new(actions::history(state));
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let export = move |_| {
        let result = history.with_untracked(actions::export_history);
        status.set(Some(match result {
            Ok(()) => tr(lang, "書き出しました。", "Exported."),
            Err(_) => tr(
                lang,
                "ファイルを保存できませんでした。",
                "The file could not be saved.",
            ),
        }));
    };
    let title_of = move |id: &str| {
        checks.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.find(id))
                .map(|q| q.title().get(lang).to_owned())
                .unwrap_or_else(|| id.to_owned())
        })
    };
    // One reactive view: the list, the charts and the actions change together.
    let body = move || {
        checks.track();
        let rows: Vec<_> = history.with(|h| {
            h.records()
                .iter()
                .rev()
                .map(|r| {
                    history_row(
                        state,
                        lang,
                        r,
                        title_of(r.questionnaire_id.as_str()),
                        history,
                    )
                })
                .collect()
        });
        let charts: Vec<_> = checks.with(|c| {
            c.iter()
                .flat_map(|c| c.list.iter())
                .filter_map(|q| {
                    let series = history.with(|h| h.series(q.id(), None));
                    let range = q.total_range()?;
                    let total = crate::domain::checks::questionnaire::Key::total();
                    let direction = crate::domain::checks::chart::direction(q.bands_of(&total), range);
                    (series.len() >= 2).then(|| {
                        view! { <ScoreChart title=q.title().get(lang).to_owned() series=series range=range direction=direction lang=lang/> }
                    })
                })
                .collect()
        });
        let empty = rows.is_empty();
        let confirm = confirming.get();
        let actions = (!empty && !confirm).then(|| view! {
            <div class="button-row">
                <a class="button" href=state.link(Route::Memo)>{tr(lang, "相談メモ（センセーに見せる）", "Notes for the desk")}</a>
                <button type="button" class="button button--secondary" on:click=export>
                    {tr(lang, "書き出す（JSON）", "Export (JSON)")}
                </button>
                <button type="button" class="button button--danger" on:click=move |_| confirming.set(true)>
                    {tr(lang, "すべて削除…", "Delete all…")}
                </button>
            </div>
        });
        let confirm = (!empty && confirm).then(|| view! {
            <div class="notice notice--warn" role="alert">
                <p>{tr(lang, "この端末のすべての結果を削除しますか？元に戻せません。", "Delete every result on this device? This cannot be undone.")}</p>
                <div class="button-row">
                    <button type="button" class="button button--danger" on:click=move |_| {
                        change(state, history, &History::clear);
                        confirming.set(false);
                        status.set(Some(tr(lang, "すべての結果を削除しました。", "All results were deleted.")));
                    }>{tr(lang, "すべて削除する", "Delete all")}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>
                        {tr(lang, "やめる", "Cancel")}
                    </button>
                </div>
            </div>
        });
        let none = empty.then(|| view! { <p data-testid="history-empty">{tr(lang, "まだ結果はありません。", "No results yet.")}</p> });
        view! {
            {charts}
            <ul class="history__list">{rows}</ul>
            {none}
            {actions}
            {confirm}
        }
    };
    view! {
        <section class="history" aria-labelledby="history-title" data-testid="history">
            <h2 id="history-title">{tr(lang, "これまでの結果（この端末）", "Past results (this device)")}</h2>
            {body}
            <p role="status" class="history__status">{move || status.get()}</p>
        </section>
    }
}

/// One past result: when and which check (a link to it), its score, band and desk, and a
/// delete button named with what it deletes.
fn history_row(
    state: AppState,
    lang: Lang,
    r: &ResultRecord,
    title: String,
    history: RwSignal<History>,
) -> impl IntoView {
    let id: RecordId = r.id.clone();
    let when = datetime_jst(lang, r.taken_at);
    let score = r.total.map(|t| format!("{t}{}", tr(lang, "点", " pts")));
    let band = r.band_label.as_ref().map(|b| b.get(lang).to_owned());
    let theme = r.theme.map(|t| t.label().get(lang).to_owned());
    let summary = [score, band, theme]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let context = format!("：{when} {title}");
    view! {
        <li class="history__item">
            <a href=state.link(Route::CheckResult(r.id.0.clone()))>
                <span class="history__when">{when}</span>
                <span class="history__title">{title}</span>
            </a>
            <span class="history__summary">{summary}</span>
            <button type="button" class="button button--danger button--small" on:click=move |_| change(state, history, &|h| { h.delete(&id); })>
                {tr(lang, "削除", "Delete")}
                <span class="visually-hidden">{context}</span>
            </button>
        </li>
    }
}

/// Changes the history and saves it.
fn change(state: AppState, history: RwSignal<History>, f: &dyn Fn(&mut History)) {
    history.update(|h| f(h));
    history.with_untracked(|h| actions::save_history(state, h));
}

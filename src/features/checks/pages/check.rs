//! The self-check list: the checks from the feed, a resume banner for unfinished ones,
//! calm notes about definitions that could not be read, and the history on this device.

use leptos::prelude::*;

use crate::features::checks::actions;

use crate::domain::checks::questionnaire::Kind;
use crate::features::checks::components::check_history::CheckHistory;
use crate::features::checks::components::checks_common::{use_checks, Checks, ChecksLoading};
use crate::site::routes::Route;
use crate::ui::state::AppState;

/// The self-check list (`#/check`).
#[component]
pub fn CheckPage() -> impl IntoView {
    let state = AppState::expect();
    let checks = use_checks();
    let progress = actions::unfinished(state);
    let lang = state.lang.get_untracked();
    let body = move || {
        checks.with(|c| match c {
            None => view! { <ChecksLoading/> }.into_any(),
            Some(c) => list(state, c, &progress).into_any(),
        })
    };
    view! {
        <section class="page checks" aria-labelledby="checks-title">
            <h1 id="checks-title">{state.t("セルフチェック", "Self-check")}</h1>
            <p>{state.t(
                "いまの気がかりに合う相談日を探すためのチェックです。",
                "Checks that help you find the right day to visit.",
            )}</p>
            <p class="notice notice--ok" data-testid="privacy-note">{state.t(
                "回答と結果はこの端末の中だけに保存され、どこにも送信されません。",
                "Your answers and results are kept only on this device and never sent anywhere.",
            )}</p>
            {body}
            <CheckHistory lang=lang/>
        </section>
    }
}

fn kind_label(state: AppState, kind: Kind) -> &'static str {
    match kind {
        Kind::Triage => state.t("相談先さがし", "Find a desk"),
        Kind::Scored => state.t("点数で見る", "Scored"),
        Kind::Reflection => state.t("ふりかえり", "Reflection"),
        Kind::Checklist => state.t("チェックリスト", "Checklist"),
    }
}

fn list(
    state: AppState,
    checks: &Checks,
    progress: &crate::domain::checks::record::ChecksProgress,
) -> impl IntoView {
    let lang = state.lang.get_untracked();
    let resume: Vec<_> = progress
        .items
        .iter()
        .filter_map(|p| {
            let q = checks.find(p.questionnaire_id.as_str())?;
            p.check_fits(q).ok()?;
            let text = format!(
                "{}{}{} ({} / {})",
                state.t("「", "\""),
                q.title().get(lang),
                state.t("」の途中から再開できます", "\" is unfinished: resume"),
                p.current_index + 1,
                q.items().len()
            );
            Some(view! {
                <li><a class="button button--secondary" href=state.link(Route::CheckRun(q.id().to_string()))>{text}</a></li>
            })
        })
        .collect();
    let resume = (!resume.is_empty()).then(|| {
        view! {
            <div class="notice notice--info" data-testid="resume">
                <p>{state.t("途中のチェックがあります。", "You have an unfinished check.")}</p>
                <ul class="stack-list">{resume}</ul>
            </div>
        }
    });
    let errors = (!checks.errors.is_empty()).then(|| {
        let items: Vec<_> = checks
            .errors
            .iter()
            // Which questionnaire and where; the full reason is for the city office (the
            // native feed tests print it), not for the person taking the checks.
            .map(|e| view! { <li><code>{format!("{}{}", e.questionnaire, e.location)}</code></li> })
            .collect();
        view! {
            <div class="notice notice--warn" data-testid="definition-errors">
                <p>{state.t(
                    "一部のチェックは内容に問題があったため表示していません。ほかのチェックは使えます。",
                    "Some checks had a problem in their definition and are not shown. The others work as usual.",
                )}</p>
                <ul class="plain-list">{items}</ul>
            </div>
        }
    });
    let cards: Vec<_> = checks
        .list
        .iter()
        .map(|q| {
            let intro = q
                .card_text()
                .map(|i| view! { <p class="check-card__intro">{i.get(lang).to_owned()}</p> });
            let title = q.title().get(lang).to_owned();
            view! {
                <li class="card check-card">
                    <h3 class="card__title">{title.clone()}</h3>
                    <p class="card__meta">
                        {kind_label(state, q.kind())} " · "
                        {q.items().len()} {state.t("問", " questions")}
                    </p>
                    {intro}
                    <a class="button" href=state.link(Route::CheckRun(q.id().to_string()))>
                        {state.t("はじめる", "Start")}
                        <span class="visually-hidden">{format!("：{title}")}</span>
                    </a>
                </li>
            }
        })
        .collect();
    // The way in by worry: the first triage's first question, one button per answer
    // (子育て is the first), starting that check at its second question.
    let worries = checks.list.iter().find(|q| q.kind() == Kind::Triage).and_then(|q| {
        let first = q.items().first()?;
        let buttons: Vec<_> = first
            .options()
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let q = q.clone();
                view! {
                    <li><button type="button" class="button button--secondary worry-choice"
                        on:click=move |_| actions::start_with_first(state, &q, i)>
                        {o.label.get(lang).to_owned()}
                    </button></li>
                }
            })
            .collect();
        Some(view! {
            <section class="card" aria-labelledby="worry-title" data-testid="worry-choices">
                <h2 id="worry-title">{state.t("気になることから選ぶ", "Start from your worry")}</h2>
                <p>{first.text.get(lang).to_owned()}</p>
                <ul class="stack-list">{buttons}</ul>
            </section>
        })
    });
    view! {
        {resume}
        {worries}
        <h2>{state.t("チェックを選ぶ", "Choose a check")}</h2>
        <ul class="stack-list" data-testid="check-list">{cards}</ul>
        {errors}
    }
}

//! One saved self-check result (`#/result/<record id>`): score and band with its
//! explanation, the "talk to someone soon" notice, the recommended desk and its next date,
//! help lines (always after K6), the disclaimer and the instrument's source and licence.

use leptos::prelude::*;

use crate::domain::checks::answers::{Answer, ResultRecord, Urgency};
use crate::domain::checks::questionnaire::{Kind, Questionnaire};
use crate::domain::shared::text::Lang;
use crate::features::checks::actions;
use crate::features::checks::components::checks_common::{help_lines, use_checks};
use crate::features::checks::components::help_lines::HelpLines;
use crate::features::checks::components::next_desk::NextDesk;
use crate::site::routes::Route;
use crate::ui::i18n::{datetime_jst, tr};
use crate::ui::state::AppState;

/// The result page for history record `id`.
#[component]
pub fn CheckResultPage(id: String) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let record = actions::history(state)
        .records()
        .iter()
        .find(|r| r.id.0 == id)
        .cloned();
    let Some(record) = record else {
        return view! {
            <section class="page">
                <h1>{tr(lang, "結果が見つかりません", "Result not found")}</h1>
                <p>{tr(lang, "この結果は削除されたか、この端末には保存されていません。", "This result was deleted or is not stored on this device.")}</p>
                <a href=state.link(Route::Check)>{tr(lang, "セルフチェックの一覧へ", "All self-checks")}</a>
            </section>
        }
        .into_any();
    };
    let checks = use_checks();
    let qid = record.questionnaire_id.as_str().to_owned();
    (move || checks.with(|c| result(state, lang, &record, c.as_ref().and_then(|c| c.find(&qid)))))
        .into_any()
}

fn result(
    state: AppState,
    lang: Lang,
    r: &ResultRecord,
    q: Option<&Questionnaire>,
) -> impl IntoView {
    let t = |ja, en| tr(lang, ja, en);
    let title = q.map_or_else(
        || t("セルフチェックの結果", "Self-check result").to_owned(),
        |q| q.title().get(lang).to_owned(),
    );
    let safety = q.is_some_and(Questionnaire::safety);
    let urgent = match r.urgency(safety) {
        Urgency::Now => Some(("notice--danger", t(
            "できるだけ早く、誰かに相談してください。つらい気持ちが強いときは、下の相談窓口に今すぐ電話できます。",
            "Please talk to someone as soon as you can. If you feel very low, you can call one of the lines below right now.",
        ))),
        Urgency::Soon => Some(("notice--warn", t(
            "ひとりで抱えず、早めに誰かに相談してください。",
            "Please don't carry this alone: talk to someone soon.",
        ))),
        Urgency::None => None,
    }
    .map(|(class, text)| view! { <p class=format!("notice {class} result__urgent") role="alert" data-testid="urgent">{text}</p> });
    let range = q.and_then(Questionnaire::total_range);
    let total = r.total.map(|v| {
        let of = range.map(|(lo, hi)| match lang {
            Lang::Ja => format!("（{lo}〜{hi}点のうち）"),
            Lang::En => format!(" (out of {lo}–{hi})"),
        });
        view! { <p class="result__total" data-testid="total">{t("合計 ", "Total ")}<strong>{v}</strong>{t("点", " points")}{of}</p> }
    });
    let subscales: Vec<_> = q
        .map(|q| {
            q.subscales()
                .iter()
                .filter_map(|s| {
                    let v = r.subscales.get(&s.id)?;
                    Some(view! { <dt>{s.title.get(lang).to_owned()}</dt><dd>{*v}{t("点", " points")}</dd> })
                })
                .collect()
        })
        .unwrap_or_default();
    let subscales =
        (!subscales.is_empty()).then(|| view! { <dl class="result__scales">{subscales}</dl> });
    let band = r.band_label.as_ref().map(|b| {
        let more = q
            .and_then(|q| r.band_explanation(q))
            .map(|e| view! { <p data-testid="band-explanation">{e.get(lang).to_owned()}</p> });
        view! {
            <p class="result__band" data-testid="band">{b.get(lang).to_owned()}</p>
            {more}
        }
    });
    let worries = r.worries();
    // What the result card says besides a score: the worries she chose (triage), else the
    // desk the result points to; the card is left out when it would be empty.
    let triage = q.is_some_and(|q| q.kind() == Kind::Triage);
    let scored = total.is_some() || band.is_some() || subscales.is_some();
    let pointers = (!worries.is_empty() && (triage || !scored)).then(|| {
        let items: Vec<_> = worries
            .iter()
            .map(|t| view! { <li>{if triage { t.worry() } else { t.label() }.get(lang).to_owned()}</li> })
            .collect();
        let lead = if triage {
            t(
                "あなたが選んだ気がかり（相談日はそれぞれ下にあります）：",
                "The worries you chose (each one's day is below):",
            )
        } else {
            t("相談先の目安：", "Suggested desk:")
        };
        view! { <p>{lead}</p><ul class="result__worries" data-testid="worries">{items}</ul> }
    });
    let card = (scored || pointers.is_some()).then(|| {
        view! {
            <section class="card result" aria-labelledby="result-title">
                <h2 id="result-title" class="result__title">{t("結果", "Result")}</h2>
                {total}
                {band}
                {subscales}
                {pointers}
            </section>
        }
    });
    let desk = (!worries.is_empty()).then(|| view! { <NextDesk themes=worries lang=lang/> });
    let help = r
        .shows_help_lines(safety)
        .then(|| view! { <HelpLines lines=help_lines(state) lang=lang/> });
    let notes = q.map(|q| notes_and_source(lang, r, q));
    view! {
        <section class="page check-result">
            <h1>{title}</h1>
            <p class="muted">{datetime_jst(lang, r.taken_at)} {t(" の結果", "")}</p>
            {urgent}
            {card}
            {desk}
            {help}
            {notes}
            <div class="button-row">
                <a class="button button--secondary" href=state.link(Route::CheckRun(r.questionnaire_id.to_string()))>{t("もう一度チェックする", "Take it again")}</a>
                <a class="button button--secondary" href=state.link(Route::Check)>{t("一覧と履歴へ", "All checks and history")}</a>
            </div>
        </section>
    }
}

/// Below the result: what she wrote (kept answers), the check's disclaimer and notes, and
/// where the check comes from.
fn notes_and_source(lang: Lang, r: &ResultRecord, q: &Questionnaire) -> impl IntoView {
    let t = |ja, en| tr(lang, ja, en);
    let disclaimer = q.disclaimer().map(|d| view! { <p class="notice notice--info" data-testid="disclaimer">{d.get(lang).to_owned()}</p> });
    let notes: Vec<_> = q
        .notes()
        .iter()
        .map(|n| view! { <li>{n.get(lang).to_owned()}</li> })
        .collect();
    let kept = r.answers.as_ref().map(|a| {
        let rows: Vec<_> = q
            .items()
            .iter()
            .filter_map(|item| {
                let text = match a.get(&item.id)? {
                    Answer::Text(s) => s.clone(),
                    Answer::Choice(n) => item.options().get(*n)?.label.get(lang).to_owned(),
                };
                Some(view! { <dt>{item.text.get(lang).to_owned()}</dt><dd class="result__note">{text}</dd> })
            })
            .collect();
        view! {
            <section aria-labelledby="kept-title">
                <h2 id="kept-title">{t("あなたのメモ", "Your notes")}</h2>
                <dl class="result__kept">{rows}</dl>
            </section>
        }
    });
    view! {
        {kept}
        {disclaimer}
        <ul class="plain-list result__notes">{notes}</ul>
        <section aria-labelledby="about-check-title" class="result__about">
            <h2 id="about-check-title">{t("このチェックについて", "About this check")}</h2>
            <p data-testid="source">{q.source().get(lang).to_owned()}</p>
            <p data-testid="licence">{q.licence().get(lang).to_owned()}</p>
        </section>
    }
}

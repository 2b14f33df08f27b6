//! Answering one questionnaire: one question per screen, progress, Back and Next, saved on
//! every step so the user can close the app and resume at the same question.

use leptos::either::Either;
use leptos::prelude::*;

use crate::domain::checks::answers::Answer;
use crate::domain::checks::questionnaire::{
    Item, ItemKind, Kind, Questionnaire, MAX_TEXT_ANSWER_CHARS,
};
use crate::domain::shared::text::Lang;
use crate::features::checks::actions;
use crate::site::routes::Route;
use crate::ui::shell::navigate;
use crate::ui::state::AppState;

fn focus_question() {
    use wasm_bindgen::JsCast;
    request_animation_frame(|| {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("check-question"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
}

/// The question screens of `q`, resuming saved progress when it still fits.
#[component]
pub fn CheckRunner(q: Questionnaire) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let progress = RwSignal::new(actions::resume(state, &q));
    let keep_notes = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let count = q.items().len();
    let title = q.title().get(lang).to_owned();
    let intro = q.intro().map(|i| i.get(lang).to_owned());
    let reflection = q.kind() == Kind::Reflection;
    let q = StoredValue::new(q);

    // Persistence is one effect: every change of the answers or the position is saved.
    Effect::new(move |first: Option<()>| {
        let p = progress.get();
        if first.is_some() {
            actions::save_step(state, p);
        }
    });

    let index = Memo::new(move |_| progress.with(|p| p.current_index));
    let set_answer = move |answer: Answer| {
        let item = q.with_value(|q| q.items()[index.get_untracked()].id.clone());
        let result = q.with_value(|q| progress.try_update(|p| p.answer(q, item, answer)));
        // The screen offers only valid answers, so this is a defect, not a user error: a
        // plain sentence (the detailed messages would only add size).
        let failed = !matches!(result, Some(Ok(())));
        error.set(failed.then(|| {
            state
                .t(
                    "この答えは保存できませんでした。",
                    "This answer could not be saved.",
                )
                .to_owned()
        }));
    };
    let finish = move || {
        let keep = reflection && keep_notes.get_untracked();
        let result =
            q.with_value(|q| progress.with_untracked(|p| actions::finish(state, q, p, keep)));
        match result {
            Ok(id) => navigate(state.page, &Route::CheckResult(id.0)),
            Err(e) => error.set(Some(e)),
        }
    };
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let i = index.get_untracked();
        let missing = q.with_value(|q| progress.with_untracked(|p| p.needs_answer(q, i)));
        if missing {
            error.set(Some(
                state
                    .t(
                        "答えを選んでから「次へ」を押してください。",
                        "Please choose an answer, then press Next.",
                    )
                    .into(),
            ));
            return;
        }
        error.set(None);
        if i + 1 >= count {
            finish();
        } else {
            q.with_value(|q| progress.update(|p| p.go_to(q, i + 1)));
            focus_question();
        }
    };
    let back = move |_| {
        error.set(None);
        let i = index.get_untracked();
        if i == 0 {
            navigate(state.page, &Route::Check);
            return;
        }
        q.with_value(|q| progress.update(|p| p.go_to(q, i - 1)));
        focus_question();
    };

    // One screen per question, rebuilt when the position changes (focus then moves to the
    // question), so the whole screen is a single reactive view.
    let screen = move || {
        let i = index.get();
        let (first, last) = (i == 0, i + 1 >= count);
        let question = q.with_value(|q| {
            let item = &q.items()[i];
            let current = progress.with_untracked(|p| p.answers.get(&item.id).cloned());
            question_view(state, lang, item, current, set_answer)
        });
        let keep = (reflection && last).then(|| keep_notes_choice(state, keep_notes));
        view! {
            {first.then(|| intro.clone().map(|i| view! { <p class="check-run__intro">{i}</p> }))}
            {progress_line(state, i, count)}
            <form class="check-run__form" on:submit=next novalidate>
                {question}
                {keep}
                <p class="question__error" role="alert">{move || error.get()}</p>
                <div class="button-row check-run__nav">
                    <button type="button" class="button button--secondary" on:click=back>
                        {if first { state.t("一覧へ", "All checks") } else { state.t("戻る", "Back") }}
                    </button>
                    <button type="submit" class="button">
                        {if last { state.t("結果を見る", "See the result") } else { state.t("次へ", "Next") }}
                    </button>
                </div>
            </form>
        }
    };
    view! {
        <section class="page check-run">
            <h1>{title}</h1>
            {screen}
            <p class="muted">{state.t(
                "答えはこの端末に保存されます。アプリを閉じても、次に開いたときに続きから答えられます。",
                "Your answers are saved on this device. If you close the app, you can continue where you left off.",
            )}</p>
        </section>
    }
}

/// 「質問 3 / 9」 and its bar.
fn progress_line(state: AppState, i: usize, count: usize) -> impl IntoView {
    view! {
        <div class="check-run__progress">
            <p id="check-step" class="check-run__step">{format!("{} {} / {count}", state.t("質問", "Question"), i + 1)}</p>
            <progress max=count value=i + 1 aria-labelledby="check-step"></progress>
        </div>
    }
}

/// A reflection's last screen: keep what she wrote with the result (on by default).
fn keep_notes_choice(state: AppState, keep_notes: RwSignal<bool>) -> impl IntoView {
    view! {
        <label class="choice">
            <input type="checkbox" class="choice__input" prop:checked=keep_notes.get_untracked()
                on:change=move |ev| keep_notes.set(event_target_checked(&ev))/>
            <span class="choice__label">{state.t("書いたメモを結果と一緒にこの端末に残す", "Keep my notes with the result on this device")}</span>
        </label>
    }
}

/// The question `item` of a screen, with its `current` answer: choices or a text field.
fn question_view(
    state: AppState,
    lang: Lang,
    item: &Item,
    current: Option<Answer>,
    set_answer: impl Fn(Answer) + Copy + 'static,
) -> impl IntoView {
    let hint = item.hint.as_ref().map(|h| h.get(lang).to_owned());
    let described = hint.is_some().then_some("check-hint");
    let hint_view = hint.map(|h| view! { <p id="check-hint" class="field__hint">{h}</p> });
    let optional = item.optional.then(
        || view! { <span class="question__optional">{state.t("（任意）", " (optional)")}</span> },
    );
    let text = item.text.get(lang).to_owned();
    match &item.kind {
        ItemKind::Choice { options, .. } => {
            let name = format!("answer-{}", item.id);
            let choices: Vec<_> = options
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    let checked = current == Some(Answer::Choice(n));
                    view! {
                        <label class="choice">
                            <input type="radio" class="choice__input" name=name.clone() value=n.to_string()
                                prop:checked=checked on:change=move |_| set_answer(Answer::Choice(n))/>
                            <span class="choice__label">{o.label.get(lang).to_owned()}</span>
                        </label>
                    }
                })
                .collect();
            Either::Left(view! {
                <fieldset class="question" aria-describedby=described>
                    <legend id="check-question" class="question__text" tabindex="-1">{text}{optional}</legend>
                    {hint_view}
                    <div class="question__choices">{choices}</div>
                </fieldset>
            })
        }
        ItemKind::Text => {
            let value = match current {
                Some(Answer::Text(t)) => t,
                _ => String::new(),
            };
            Either::Right(view! {
                <div class="question field">
                    <label id="check-question" for="check-answer" class="question__text" tabindex="-1">{text}{optional}</label>
                    {hint_view}
                    <textarea id="check-answer" class="textarea" maxlength=MAX_TEXT_ANSWER_CHARS
                        aria-describedby=described prop:value=value
                        on:input=move |ev| set_answer(Answer::Text(event_target_value(&ev)))></textarea>
                </div>
            })
        }
    }
}

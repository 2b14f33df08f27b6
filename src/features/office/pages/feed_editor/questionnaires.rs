//! The self-checks (questionnaire files).

use leptos::prelude::*;

use crate::domain::shared::wording::Wording;

use super::{Editor, MAX_FILE};
use crate::domain::publish::editor::{read_questionnaire_file, QuestionnaireFile};
use crate::features::office::pages::common::{files_of, status};
use crate::platform::download::read_file;
use crate::ui::state::AppState;

#[component]
pub(super) fn Questionnaires(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let file = RwSignal::new(None::<Result<QuestionnaireFile, String>>);
    let applied = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = files_of(&ev).into_iter().next() else {
            return;
        };
        applied.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file(f, MAX_FILE).await {
                Ok(text) => {
                    read_questionnaire_file(&text, editor.lang).map_err(|e| e.wording(editor.lang))
                }
                Err(e) => Err(e),
            };
            file.set(Some(result));
        });
    };
    let apply = move |_| {
        let Some(Ok(q)) = file.get_untracked() else {
            return;
        };
        let mut n = 0;
        editor.change(|d| {
            for def in q.definitions.clone() {
                if d.put_questionnaire(def).is_ok() {
                    n += 1;
                }
            }
        });
        applied.set(Some(format!(
            "{n}件のセルフチェックを配信データに入れました / {n} self-checks put in the feed"
        )));
        file.set(None);
    };
    view! {
        <h3>{state.t("セルフチェック（質問票ファイル）", "Self-checks (questionnaire file)")}</h3>
        <div class="field">
            <label class="field__label" for="editor-questionnaire">{state.t("質問票ファイル（JSON）", "Questionnaire file (JSON)")}</label>
            <input id="editor-questionnaire" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || file.get().map(|r| match r {
            Err(e) => status(false, e).into_any(),
            Ok(q) => {
                let ok = q.problems.is_empty();
                view! {
                    <div data-testid="questionnaire-file">
                        {(!ok).then(|| view! {
                            <ul class="office__problems">
                                {q.problems.iter().map(|p| view! { <li>{format!("{}: {}", p.place, p.wording(editor.lang))}</li> }).collect_view()}
                            </ul>
                        })}
                        {q.previews.into_iter().map(|p| view! {
                            <div class="feed-editor__phone">
                                <p class="feed-editor__day">{p.title}</p>
                                {p.intro.map(|i| view! { <p>{i}</p> })}
                                <ol>
                                    {p.questions.into_iter().map(|(text, options)| view! {
                                        <li>{text}
                                            <ul>{options.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </div>
                        }).collect_view()}
                        <p><button type="button" class="button" disabled=!ok on:click=apply>{state.t("配信データに入れる", "Put it in the feed")}</button></p>
                    </div>
                }.into_any()
            }
        })}
        {move || applied.get().map(|m| status(true, m))}
    }
}

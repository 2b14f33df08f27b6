//! Shared pieces of the self-check screens: the questionnaires and help lines from the
//! feed. Stored progress and history go through `features::checks::actions`.

use leptos::prelude::*;

use crate::domain::checks::helplines::{load_help_lines, HelpLine};
use crate::domain::checks::questionnaire::{load_all, DefinitionError, Questionnaire};
use crate::ui::state::AppState;

/// The questionnaires of the feed in use: the good ones in feed order, and the rejected
/// ones with where they are wrong.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checks {
    pub list: Vec<Questionnaire>,
    pub errors: Vec<DefinitionError>,
}

impl Checks {
    /// The questionnaire with id `id`.
    pub fn find(&self, id: &str) -> Option<&Questionnaire> {
        self.list.iter().find(|q| q.id().as_str() == id)
    }
}

/// The feed's questionnaires (reactive; `None` until a feed has loaded). A memo, so a feed
/// refresh with the same definitions does not rebuild a check being answered.
pub fn use_checks() -> Memo<Option<Checks>> {
    let state = AppState::expect();
    Memo::new(move |_| {
        state.feed().map(|feed| {
            let (list, errors) = load_all(&feed.sections.questionnaires);
            Checks { list, errors }
        })
    })
}

/// The feed's help lines (bad entries left out).
pub fn help_lines(state: AppState) -> Vec<HelpLine> {
    state
        .feed()
        .and_then(|f| f.sections.help_lines.clone())
        .and_then(|v| v.as_array().cloned())
        .map(|values| load_help_lines(values).0)
        .unwrap_or_default()
}

/// Shown until the feed with the checks has loaded.
#[component]
pub fn ChecksLoading() -> impl IntoView {
    let state = AppState::expect();
    move || {
        let text = if state.feed.with(|f| f.checking) {
            state.t("チェックを読み込んでいます…", "Loading the checks…")
        } else {
            state.t(
                "チェックの情報がまだありません。接続できる場所で開き直してください。",
                "No checks yet. Please open the app again when you are online.",
            )
        };
        view! { <p class="notice notice--info" role="status">{text}</p> }
    }
}

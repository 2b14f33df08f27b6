//! The interface language: stored when changed, and set on `<html lang>`.

use leptos::prelude::*;

use crate::domain::shared::persist::Settings;
use crate::domain::shared::text::Lang;
use crate::platform::storage;
use crate::ui::state::AppState;

/// Language: persisted when changed, and reflected in `<html lang>`.
pub(super) fn follow_language(state: AppState) {
    Effect::new(move |prev: Option<Lang>| {
        let lang = state.lang.get();
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang.tag());
        }
        if prev.is_some_and(|p| p != lang) {
            // An unreadable settings record was quarantined at load; overwriting it now
            // is the user's explicit choice.
            let mut s = storage::load::<Settings>().into_value();
            s.lang = lang;
            if let Err(e) = storage::save(&s) {
                state.storage_problem.set(Some(e.to_string()));
            }
        }
        lang
    });
}

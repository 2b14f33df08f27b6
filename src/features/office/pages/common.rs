//! What the office's two screens share: the files chosen in a file input, and a card's
//! status line.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The files chosen in the input `ev` happened on (the input is cleared: choosing the
/// same file again is a change).
pub(super) fn files_of(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let list = input.files();
    let out = (0..list.as_ref().map_or(0, |l| l.length()))
        .filter_map(|i| list.as_ref().and_then(|l| l.get(i)))
        .collect();
    input.set_value("");
    out
}

/// A status line: ok or not.
pub(super) fn status(ok: bool, text: String) -> impl IntoView {
    view! {
        <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status">{text}</p>
    }
}

/// A card's status line: `(ok, text)`, in the interface's language.
pub(super) type Message = RwSignal<Option<(bool, String)>>;

/// Says on a card's status line what a step did or what stopped it.
pub(super) trait Say {
    /// What the step did.
    fn done(&self, text: impl Into<String>);
    /// What stopped the step (and how to go on).
    fn fail(&self, text: impl Into<String>);
}

impl Say for Message {
    fn done(&self, text: impl Into<String>) {
        self.set(Some((true, text.into())));
    }

    fn fail(&self, text: impl Into<String>) {
        self.set(Some((false, text.into())));
    }
}

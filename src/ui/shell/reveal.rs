//! The first screen is shown once, complete: the entry page's loading line (and static
//! shell) stays, and the app hidden, until the screen's content is built.

use leptos::prelude::*;

/// Remove the entry page's static 「読み込み中…」 and its static shell, if any (see
/// `site::html::entry_html`), and show the app: it runs (`Reveal`; the app is hidden until then,
/// `STARTING`). Called in the same task as the app's first content is built: no frame
/// shows both, or neither.
pub(super) fn remove_loading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for id in ["app-shell", "app-loading"] {
        if let Some(el) = document.get_element_by_id(id) {
            el.remove();
        }
    }
    if let Some(body) = document.body() {
        let _ = body.remove_attribute(STARTING);
    }
}

/// When the app's screen is built and shown. Its frame (header, notices, tab bar) is built
/// when the app mounts; the screen's content in a later task of its own, once the feed is
/// in on a first visit (it has come or failed, or `FIRST_FEED_WAIT` has passed: no content
/// drawn twice, first without the feed), at once otherwise. The screen is shown (the
/// loading line and shell removed) in that same task: never half-built, never pushed down
/// by the feed's content arriving after it.
#[derive(Clone, Copy)]
pub(super) struct Reveal {
    /// The screen's content may be built (read by the `<main>` of `App`).
    pub(super) built: RwSignal<bool>,
    feed_done: StoredValue<bool>,
}

impl Reveal {
    /// Hide the app's screen (`STARTING`) until it is built and shown.
    pub(super) fn start() -> Self {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.set_attribute(STARTING, "");
        }
        Self {
            built: RwSignal::new(false),
            feed_done: StoredValue::new(false),
        }
    }

    /// The feed is in, or not awaited: build and show the content in the next task.
    pub(super) fn feed_done(self) {
        if self.feed_done.get_value() {
            return;
        }
        self.feed_done.set_value(true);
        set_timeout(
            move || {
                self.built.set(true);
                // The content is drawn by the effect this wakes, before the next frame.
                remove_loading();
            },
            std::time::Duration::ZERO,
        );
    }
}

/// The `<body>` attribute that keeps the app's screen hidden (`style/main.css`) while the
/// loading line (and the static shell) shows.
const STARTING: &str = "data-starting";

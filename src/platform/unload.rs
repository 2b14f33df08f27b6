//! Asking before the page is closed or reloaded while there is unsaved work (the office's
//! issuance register): the browser's own "leave this page?" prompt.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

/// While `unsaved()` is true, closing or reloading the page asks first. Lives as long as
/// the page (the listener is never removed).
pub fn warn_before_leaving(unsaved: impl Fn() -> bool + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if unsaved() {
                ev.prevent_default();
                // Older browsers show the prompt only when a return value is set.
                ev.set_return_value("unsaved");
            }
        },
    );
    let _ =
        window.add_event_listener_with_callback("beforeunload", handler.as_ref().unchecked_ref());
    // The page lives until it is closed: the handler must too.
    handler.forget();
}

//! Moving the keyboard focus: to an element by id, now or once it has been rendered.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The element with `id`, if it is on the page and can take the focus.
pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Focus the element with `id` now.
pub fn focus_now(id: &str) {
    if let Some(el) = element(id) {
        let _ = el.focus();
    }
}

/// Focus the element with `id` once it has been rendered.
pub fn focus_soon(id: &'static str) {
    request_animation_frame(move || focus_now(id));
}

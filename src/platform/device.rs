//! What the page knows of the browser it runs in: its user agent (read by
//! `domain::tickets::holder::browser`) and whether it was opened from the home screen.

use wasm_bindgen::JsValue;

/// `navigator.userAgent` (empty if unavailable).
pub fn user_agent() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// Whether the app runs from the home screen: the manifest's `standalone` display mode, or
/// an iPhone's `navigator.standalone`.
pub fn is_standalone() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let ios = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("standalone"))
        .is_ok_and(|v| v.is_truthy());
    let display = js_sys::Reflect::get(&window, &JsValue::from_str("matchMedia"))
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())
        .and_then(|f| {
            f.call1(&window, &JsValue::from_str("(display-mode: standalone)"))
                .ok()
        })
        .and_then(|list| js_sys::Reflect::get(&list, &JsValue::from_str("matches")).ok())
        .is_some_and(|m| m.is_truthy());
    ios || display
}

//! The browser history: replace the current entry's fragment without a new entry or a
//! `hashchange` event.

/// Replace the current history entry's address with `url` (relative to the page). Used
/// once a payload link (`#/receive/…`, `#/gift/…`, `#/t/…`) has been handled, so the
/// tickets it carries do not stay in the browser's history.
pub fn replace(url: &str) -> Result<(), String> {
    let history = web_sys::window()
        .ok_or("no window")?
        .history()
        .map_err(|_| "no history".to_string())?;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url))
        .map_err(|_| "the address could not be replaced".to_string())
}

/// Is this page shown inside a frame (of any origin)?
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.top() {
        Ok(Some(top)) => top != window,
        // A cross-origin parent may deny access: that is framed too.
        Ok(None) | Err(_) => true,
    }
}

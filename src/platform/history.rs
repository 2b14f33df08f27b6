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

/// Whether the page's address names a screen (a fragment other than `#` or `#/`).
pub fn has_fragment() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| !h.trim_start_matches('#').trim_start_matches('/').is_empty())
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

/// Add a history entry for the same address, marked as an open sheet, so that the Back
/// button closes the sheet instead of leaving the screen ([`is_sheet_state`]).
pub fn push_sheet() -> Result<(), String> {
    let history = web_sys::window()
        .ok_or("no window")?
        .history()
        .map_err(|_| "no history".to_string())?;
    history
        .push_state(&wasm_bindgen::JsValue::from_str(SHEET_STATE), "")
        .map_err(|_| "no history entry could be added".to_string())
}

/// Is the current history entry the one [`push_sheet`] added?
pub fn is_sheet_state() -> bool {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.state().ok())
        .and_then(|s| s.as_string())
        .is_some_and(|s| s == SHEET_STATE)
}

/// Go back one history entry (closing a sheet by its own button consumes its entry).
pub fn back() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

const SHEET_STATE: &str = "jokatsu-sheet";

//! Keep the screen awake while a ticket QR is shown (where the browser supports it).

use wasm_bindgen::{JsCast, JsValue};

/// Request a screen wake lock; returns the sentinel to release later, if granted.
pub async fn acquire() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let wake_lock = js_sys::Reflect::get(&navigator, &JsValue::from_str("wakeLock")).ok()?;
    if wake_lock.is_undefined() {
        return None;
    }
    let request: js_sys::Function = js_sys::Reflect::get(&wake_lock, &JsValue::from_str("request"))
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = request
        .call1(&wake_lock, &JsValue::from_str("screen"))
        .ok()?
        .dyn_into()
        .ok()?;
    wasm_bindgen_futures::JsFuture::from(promise).await.ok()
}

/// Release a sentinel from [`acquire`].
pub fn release(sentinel: &JsValue) {
    if let Ok(release) = js_sys::Reflect::get(sentinel, &JsValue::from_str("release")) {
        if let Ok(f) = release.dyn_into::<js_sys::Function>() {
            let _ = f.call0(sentinel);
        }
    }
}

//! Sharing a link: the Web Share API where present, else the clipboard.

use wasm_bindgen::{JsCast, JsValue};

/// How a link was shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The system share sheet was used.
    Sheet,
    /// Copied to the clipboard.
    Copied,
}

/// Share `url` with `title`; falls back to copying. Err if neither works.
pub async fn share_link(title: &str, url: &str) -> Result<Shared, String> {
    let window = web_sys::window().ok_or("no window")?;
    let navigator = window.navigator();
    let has_share = js_sys::Reflect::get(&navigator, &JsValue::from_str("share"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    if has_share {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_url(url);
        if wasm_bindgen_futures::JsFuture::from(navigator.share_with_data(&data))
            .await
            .is_ok()
        {
            return Ok(Shared::Sheet);
        }
    }
    copy_text(url).await.map(|_| Shared::Copied)
}

/// Copy text to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let clipboard = window.navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "clipboard unavailable".into())
        })
}

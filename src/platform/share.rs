//! Sharing a link: the Web Share API where the browser has it, else the clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What happened when the user asked to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareOutcome {
    /// The system share sheet took the link.
    Shared,
    /// The user closed the share sheet.
    Cancelled,
    /// The link was copied to the clipboard (no Web Share API here).
    Copied,
}

fn js_err(e: JsValue) -> String {
    super::describe(&e)
}

fn has(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::get(target, &JsValue::from_str(name))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

/// The app's address without the fragment, e.g. `https://example.jp/jokatsu/`.
pub fn app_base_url() -> Option<String> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    Some(href.split('#').next().unwrap_or(&href).to_owned())
}

/// The absolute address of a hash route, e.g. `https://example.jp/jokatsu/#/event/x`.
pub fn route_url(hash: &str) -> Option<String> {
    app_base_url().map(|base| format!("{base}{hash}"))
}

/// Share `url` with the system share sheet, or copy it to the clipboard where there is none.
pub async fn share_or_copy(title: &str, text: &str, url: &str) -> Result<ShareOutcome, String> {
    let navigator = web_sys::window()
        .ok_or_else(|| "no window".to_string())?
        .navigator();
    if has(&navigator, "share") {
        let data = web_sys::ShareData::new();
        data.set_title(title);
        data.set_text(text);
        data.set_url(url);
        return share_result(navigator.share_with_data(&data)).await;
    }
    if !has(&navigator, "clipboard") {
        return Err("no clipboard".to_string());
    }
    JsFuture::from(navigator.clipboard().write_text(url))
        .await
        .map_err(js_err)?;
    Ok(ShareOutcome::Copied)
}

/// Copy `text` to the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let navigator = web_sys::window()
        .ok_or_else(|| "no window".to_string())?
        .navigator();
    if !has(&navigator, "clipboard") {
        return Err("no clipboard".to_string());
    }
    JsFuture::from(navigator.clipboard().write_text(text))
        .await
        .map(|_| ())
        .map_err(js_err)
}

/// Hands a text file to the system share sheet (AirDrop, LINE, mail…) where the browser
/// can share files (`navigator.canShare({files})`), e.g. the wallet's transfer file on an
/// iPhone. Called **synchronously** in the click handler (the share sheet needs the tap's
/// user activation); await the returned share with [`share_result`]. `None`: this browser
/// cannot share such a file (the caller saves it as a download instead).
pub fn start_file_share(name: &str, text: &str) -> Option<js_sys::Promise> {
    let navigator = web_sys::window()?.navigator();
    if !has(&navigator, "share") || !has(&navigator, "canShare") {
        return None;
    }
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let file = web_sys::File::new_with_str_sequence(&parts, name).ok()?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &"files".into(), &js_sys::Array::of1(&file)).ok()?;
    let can = js_sys::Reflect::get(&navigator, &"canShare".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&navigator, &data)
        .ok()?;
    if can.as_bool() != Some(true) {
        return None;
    }
    js_sys::Reflect::get(&navigator, &"share".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call1(&navigator, &data)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// The outcome of a share (`navigator.share`, or one started by [`start_file_share`]):
/// shared, or closed by the user (`AbortError`), or failed.
pub async fn share_result(share: js_sys::Promise) -> Result<ShareOutcome, String> {
    match JsFuture::from(share).await {
        Ok(_) => Ok(ShareOutcome::Shared),
        Err(e)
            if e.dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "AbortError") =>
        {
            Ok(ShareOutcome::Cancelled)
        }
        Err(e) => Err(js_err(e)),
    }
}

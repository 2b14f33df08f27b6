//! Saving a file to the device (backup export, .ics) and reading a picked file.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

fn js_err(e: JsValue) -> String {
    crate::platform::describe(&e)
}

/// Offer `contents` as a download named `filename`.
pub fn save_file(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    save_bytes(filename, mime, contents.as_bytes())
}

/// Read the text of a file the user picked (`<input type=file>`), up to `max_bytes`.
pub async fn read_file(file: web_sys::File, max_bytes: usize) -> Result<String, String> {
    let size = file.size();
    if size > max_bytes as f64 {
        return Err(format!("the file is larger than {max_bytes} bytes"));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(js_err)?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// Offer `bytes` (e.g. a UTF-8-with-BOM CSV) as a download named `filename`.
pub fn save_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let props = BlobPropertyBag::new();
    props.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &props).map_err(js_err)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_err)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| "no document".to_string())?;
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_err)?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    Url::revoke_object_url(&url).map_err(js_err)?;
    Ok(())
}

/// Read the bytes of a file the user picked, up to `max_bytes` (rosters may be Shift_JIS:
/// the domain decodes them).
pub async fn read_file_bytes(file: web_sys::File, max_bytes: usize) -> Result<Vec<u8>, String> {
    if file.size() > max_bytes as f64 {
        return Err(format!("the file is larger than {max_bytes} bytes"));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The file the user has just chosen in an `<input type=file>` (its `change` event), the
/// input cleared so that choosing the same file again is seen as a new choice.
pub fn take_chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

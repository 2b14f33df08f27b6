//! The only code that touches browser APIs. Small adapters returning `Result`.

pub mod camera;
pub mod clock;
pub mod device;
pub mod download;
pub mod fetch;
pub mod history;
pub mod share;
pub mod storage;
pub mod sw;
pub mod tasks;
pub mod unload;
pub mod wake_lock;
pub mod worker;

/// A browser error (an `Error` or `DOMException`, or a string) as text: its name and
/// message, without the JS value printer that `{:?}` would link into every page.
pub fn describe(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|x| format!("{}: {}", String::from(x.name()), String::from(x.message())))
        })
        .unwrap_or_else(|| "unknown browser error".into())
}

/// Scroll the page just enough to show `element` whole (`scrollIntoView({block:
/// "nearest"})`; its CSS `scroll-margin` keeps it clear of a sticky header).
pub fn scroll_into_view(element: &web_sys::Element) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    if let Ok(f) = js_sys::Reflect::get(element, &"scrollIntoView".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call1(element, &options);
        }
    }
}

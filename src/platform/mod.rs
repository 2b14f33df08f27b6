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

//! Fetching same-origin static files (the feed). The app makes no request to any other
//! origin: URLs are resolved against the document and checked before the request.

use thiserror::Error;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestCache, RequestInit, Response};

/// Header the service worker adds when it answers from its cache (offline).
pub const FROM_CACHE_HEADER: &str = "x-jokatsu-cache";

/// What went wrong fetching a file. `Display` is the English diagnosis (logs); a user
/// reads [`Wording::wording`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FetchError {
    #[error("no network connection")]
    Offline,
    #[error("the server answered {0}")]
    Status(u16),
    #[error("refused to contact another site ({0})")]
    CrossOrigin(String),
    #[error("the answer was larger than {0} bytes")]
    TooLarge(usize),
    #[error("the answer is not UTF-8 text")]
    NotText,
    #[error("browser error: {0}")]
    Browser(String),
}

impl Wording for FetchError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            _ if lang == Lang::En => self.to_string(),
            Self::Offline => "接続できません".into(),
            Self::Status(n) => format!("サーバーの応答 {n}"),
            Self::CrossOrigin(_) => "ほかのサイトには接続しません".into(),
            Self::TooLarge(_) => "大きすぎます".into(),
            Self::NotText => "文字の情報ではありません".into(),
            Self::Browser(_) => "ブラウザーのエラー".into(),
        }
    }
}

/// A fetched text body.
pub struct Fetched {
    pub text: String,
    /// The service worker answered from its offline cache.
    pub from_sw_cache: bool,
}

fn js_err(e: wasm_bindgen::JsValue) -> FetchError {
    FetchError::Browser(crate::platform::describe(&e))
}

/// GET `url` (relative to the page) bypassing the HTTP cache, refusing other origins and
/// bodies over `max_bytes`.
pub async fn get_text(url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
    let window = web_sys::window().ok_or_else(|| FetchError::Browser("no window".into()))?;
    let base = window.location().href().map_err(js_err)?;
    let resolved = web_sys::Url::new_with_base(url, &base).map_err(js_err)?;
    let origin = window.location().origin().map_err(js_err)?;
    if resolved.origin() != origin {
        return Err(FetchError::CrossOrigin(resolved.origin()));
    }
    let response: Response = match take_early(&window, url) {
        // The entry page's request; a network failure arrives as its error value.
        Some(early) => JsFuture::from(early)
            .await
            .map_err(|_| FetchError::Offline)?
            .dyn_into()
            .map_err(|_| FetchError::Offline)?,
        None => {
            let init = RequestInit::new();
            init.set_method("GET");
            init.set_cache(RequestCache::NoCache);
            let request =
                Request::new_with_str_and_init(&resolved.href(), &init).map_err(js_err)?;
            JsFuture::from(window.fetch_with_request(&request))
                .await
                .map_err(|_| FetchError::Offline)?
                .dyn_into()
                .map_err(js_err)?
        }
    };
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let headers = response.headers();
    if let Ok(Some(len)) = headers.get("content-length") {
        if len.trim().parse::<usize>().is_ok_and(|n| n > max_bytes) {
            return Err(FetchError::TooLarge(max_bytes));
        }
    }
    let from_sw_cache = headers.get(FROM_CACHE_HEADER).ok().flatten().is_some();
    let text = read_limited(&response, max_bytes).await?;
    Ok(Fetched {
        text,
        from_sw_cache,
    })
}

/// The request for `url` that the entry page started while the WebAssembly loaded
/// (`site::html::early_feed_script`), taken over once: later calls fetch afresh.
fn take_early(window: &web_sys::Window, url: &str) -> Option<js_sys::Promise> {
    let key = wasm_bindgen::JsValue::from_str(crate::domain::feed::EARLY_FEED_GLOBAL);
    let early = js_sys::Reflect::get(window, &key)
        .ok()
        .filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
    let asked = js_sys::Reflect::get(&early, &"url".into())
        .ok()?
        .as_string()?;
    if asked != url {
        return None;
    }
    js_sys::Reflect::get(&early, &"response".into())
        .ok()?
        .dyn_into()
        .ok()
}

/// Read the body chunk by chunk, stopping (and cancelling the download) as soon as it
/// passes `max_bytes`: a huge answer never has to fit in memory.
async fn read_limited(response: &Response, max_bytes: usize) -> Result<String, FetchError> {
    let Some(body) = response.body() else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body
        .get_reader()
        .dyn_into()
        .map_err(|o: js_sys::Object| js_err(o.into()))?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| FetchError::Offline)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .map_err(js_err)?
            .as_bool()
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(js_err)?;
        let part = js_sys::Uint8Array::new(&value);
        let len = part.length() as usize;
        if bytes.len().saturating_add(len) > max_bytes {
            let _ = reader.cancel();
            return Err(FetchError::TooLarge(max_bytes));
        }
        let start = bytes.len();
        bytes.resize(start + len, 0);
        part.copy_to(&mut bytes[start..]);
    }
    String::from_utf8(bytes).map_err(|_| FetchError::NotText)
}

//! The office page's verification worker (`public/verify-worker.js`): a second thread that
//! loads this page's own WebAssembly (found from the entry page's preload links, which
//! Trunk writes) and answers requests in the order sent with its exported `verify_ahead`.
//! Same origin only; nothing leaves the browser. Where a worker cannot start, callers
//! work alone on the page's thread.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the worker said.
enum Said {
    Ready,
    Answer(String),
    Failed(String),
}

/// A running worker; terminated when dropped.
pub struct Helper {
    worker: Worker,
    /// What it said and the page has not taken yet, oldest first.
    said: Rc<RefCell<VecDeque<Said>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

/// The same-origin URL of the entry page's link matching `selector`.
fn link_url(document: &web_sys::Document, selector: &str) -> Option<String> {
    let href = document
        .query_selector(selector)
        .ok()
        .flatten()?
        .get_attribute("href")?;
    let base = document.url().ok()?;
    let url = web_sys::Url::new_with_base(&href, &base).ok()?;
    let origin = web_sys::window()?.location().origin().ok()?;
    (url.origin() == origin).then(|| url.href())
}

fn field(data: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &name.into()).ok()?.as_string()
}

impl Helper {
    /// Start the worker `script` with the page's module whose file name starts with
    /// `module` (e.g. `jokatsu-office-web-`), and wait (at most `wait_ms`) until it has
    /// loaded the WebAssembly. `None` when that is not possible.
    pub async fn start(script: &str, module: &str, wait_ms: f64) -> Option<Helper> {
        let document = web_sys::window()?.document()?;
        let glue = link_url(
            &document,
            &format!("link[rel=\"modulepreload\"][href*=\"{module}\"]"),
        )?;
        let wasm = link_url(
            &document,
            &format!("link[rel=\"preload\"][href*=\"{module}\"][href$=\".wasm\"]"),
        )?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(script, &options).ok()?;
        let said = Rc::new(RefCell::new(VecDeque::new()));
        let inbox = said.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let message = match field(&data, "kind").as_deref() {
                Some("ready") => Said::Ready,
                Some("answer") => Said::Answer(field(&data, "answer").unwrap_or_default()),
                _ => Said::Failed(field(&data, "error").unwrap_or_default()),
            };
            inbox.borrow_mut().push_back(message);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let helper = Helper {
            worker,
            said,
            _on_message: on_message,
        };
        let init = js_sys::Object::new();
        js_sys::Reflect::set(&init, &"kind".into(), &"init".into()).ok()?;
        js_sys::Reflect::set(&init, &"glue".into(), &glue.into()).ok()?;
        js_sys::Reflect::set(&init, &"wasm".into(), &wasm.into()).ok()?;
        helper.worker.post_message(&init).ok()?;
        let started = js_sys::Date::now();
        while js_sys::Date::now() - started < wait_ms {
            crate::platform::tasks::sleep_ms(20).await;
            let said = helper.said.borrow_mut().pop_front();
            match said {
                Some(Said::Ready) => return Some(helper),
                Some(Said::Failed(_)) => return None,
                _ => {}
            }
        }
        None
    }

    /// Send `request` to the worker's `verify_ahead`. Requests queue in the worker and are
    /// answered in the order sent.
    pub fn send(&self, request: &str) -> bool {
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &"kind".into(), &"verify".into()).is_ok()
            && js_sys::Reflect::set(&message, &"request".into(), &request.into()).is_ok()
            && self.worker.post_message(&message).is_ok()
    }

    /// The answer to the oldest request not yet answered, once it has come (`Err` if the
    /// worker failed).
    pub fn answer(&self) -> Option<Result<String, String>> {
        match self.said.borrow_mut().pop_front()? {
            Said::Answer(a) => Some(Ok(a)),
            Said::Failed(e) => Some(Err(e)),
            Said::Ready => None,
        }
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.terminate();
    }
}

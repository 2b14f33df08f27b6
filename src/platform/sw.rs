//! Service worker registration and the "new version available" flow. The glue is a small
//! JS module (`js/sw_register.js`) because the ServiceWorker event plumbing is much shorter there.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/platform/js/sw_register.js")]
extern "C" {
    /// Register `sw.js`; calls `on_update` once a new version is installed and waiting.
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker(on_update: &Closure<dyn FnMut()>);
    /// Activate the waiting version and reload the page.
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update();
}

/// Register the service worker. `on_update` runs when a new version is waiting.
pub fn register(on_update: impl FnMut() + 'static) {
    let closure = Closure::<dyn FnMut()>::new(on_update);
    register_service_worker(&closure);
    // The callback lives as long as the page.
    closure.forget();
}

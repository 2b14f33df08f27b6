//! Service worker registration, the "new version available" flow and "ready offline". The
//! glue is a small JS module (`js/sw_register.js`) because the ServiceWorker event plumbing
//! is much shorter there.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/platform/js/sw_register.js")]
extern "C" {
    /// Register `sw.js`; calls `on_update` once a new version is installed and waiting, and
    /// `on_offline_ready` when the worker has kept `audience`'s files, the first time.
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker(
        audience: &str,
        on_update: &Closure<dyn FnMut()>,
        on_offline_ready: &Closure<dyn FnMut()>,
    );
    /// Activate the waiting version and reload the page.
    #[wasm_bindgen(js_name = applyUpdate)]
    pub fn apply_update();
}

/// Register the service worker for a page of `audience` (`public/sw.js` keeps the files
/// per audience). `on_update` runs when a new version is waiting; `on_offline_ready` once
/// per device and audience, when all its pages work offline (the worker remembers that
/// it was said).
pub fn register(
    audience: &str,
    on_update: impl FnMut() + 'static,
    on_offline_ready: impl FnMut() + 'static,
) {
    let update = Closure::<dyn FnMut()>::new(on_update);
    let ready = Closure::<dyn FnMut()>::new(on_offline_ready);
    register_service_worker(audience, &update, &ready);
    // The callbacks live as long as the page.
    update.forget();
    ready.forget();
}

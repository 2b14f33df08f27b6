//! Entry point of `office.html` (see `src/apps/office/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    // Started inside the page's verification worker (no window): only `verify_ahead` runs.
    if web_sys::window().is_none() {
        return;
    }
    jokatsu::ui::shell::mount::<jokatsu::apps::office::Web>();
}

/// The office page's second core: settlement lines verified in its worker
/// (`public/verify-worker.js`, `apps::office::actions::settle`) with this same WebAssembly.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn verify_ahead(request: &str) -> String {
    jokatsu::apps::office::actions::answer_ahead(request)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

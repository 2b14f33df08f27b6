//! Entry point: panic hook and mount, nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(jokatsu::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jokatsu is a web app: build it with `make dist` or serve it with `make serve`.");
}

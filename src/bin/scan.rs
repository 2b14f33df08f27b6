//! Entry point of the camera scanner page (`s.html`): panic hook and mount.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jokatsu::app::mount(
        jokatsu::routes::Entry::Scan,
        jokatsu::pages::render_scan,
        jokatsu::app::parse_scan_feed,
        jokatsu::app::start_scan,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "jokatsu-scan is a web app: build it with `make dist` or serve it with `make serve`."
    );
}

//! Entry point of the self-check page (`c.html`): panic hook and mount.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jokatsu::app::mount(
        jokatsu::routes::Entry::Checks,
        jokatsu::pages::render_checks,
        jokatsu::app::parse_home_feed,
        jokatsu::app::start_checks,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "jokatsu-checks is a web app: build it with `make dist` or serve it with `make serve`."
    );
}

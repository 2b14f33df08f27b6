//! Entry point of the career health room page (`index.html`): panic hook and mount.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jokatsu::app::mount(
        jokatsu::routes::Entry::Home,
        jokatsu::pages::render_home,
        jokatsu::app::parse_home_feed,
        jokatsu::app::start_home,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jokatsu is a web app: build it with `make dist` or serve it with `make serve`.");
}

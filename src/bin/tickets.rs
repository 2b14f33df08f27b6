//! Entry point of the tickets page (`w.html`): panic hook and mount.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    jokatsu::app::mount(
        jokatsu::routes::Entry::Tickets,
        jokatsu::pages::render_tickets,
        jokatsu::app::parse_tickets_feed,
        jokatsu::app::start_tickets,
    );
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "jokatsu-tickets is a web app: build it with `make dist` or serve it with `make serve`."
    );
}

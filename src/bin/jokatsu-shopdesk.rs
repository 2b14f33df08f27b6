//! Entry point of `shop-desk.html` (see `src/apps/shopdesk/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<jokatsu::apps::shopdesk::Web>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

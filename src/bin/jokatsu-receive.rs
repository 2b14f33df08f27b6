//! Entry point of `r.html` (see `src/apps/receive/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<jokatsu::apps::receive::Web>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

//! Entry point of `d.html` (see `src/apps/directory/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<jokatsu::apps::directory::Web>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

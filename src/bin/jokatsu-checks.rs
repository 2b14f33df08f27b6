//! Entry point of `c.html` (see `src/apps/checks/`).

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<jokatsu::apps::checks::Web>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("this is a web app's entry point: build it with `make dist`.");
}

//! Entry point of the career health room page (`index.html`, see `src/apps/home/`).
//!
//! Natively, the apps tool the build uses (everything derives from `src/apps/mod.rs`):
//! - `jokatsu apps`: the apps as JSON (`name`, `page`, `bin`, `bundle`), read by
//!   `scripts/dist.sh` and `scripts/postbuild.py`;
//! - `jokatsu pages [--check]`: write (or check) each app's entry HTML file.

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<jokatsu::apps::home::Web>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use jokatsu::apps::{apps_json, entry_html, APPS};
    use std::process::ExitCode;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("apps") => {
            println!("{}", apps_json());
            ExitCode::SUCCESS
        }
        Some("pages") => {
            let check = args.iter().any(|a| a == "--check");
            let mut stale = 0;
            for app in APPS {
                let html = entry_html(app);
                let on_disk = std::fs::read_to_string(app.page).unwrap_or_default();
                if on_disk == html {
                    continue;
                }
                if check {
                    eprintln!(
                        "{} is stale: run `cargo run --bin jokatsu -- pages`",
                        app.page
                    );
                    stale += 1;
                } else if let Err(e) = std::fs::write(app.page, html) {
                    eprintln!("{}: {e}", app.page);
                    return ExitCode::FAILURE;
                } else {
                    println!("wrote {}", app.page);
                }
            }
            if stale > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            eprintln!(
                "jokatsu is a web app: build it with `make dist`, serve it with `make serve`.\n\
                 Tools: `jokatsu apps` (the app list as JSON), `jokatsu pages [--check]`."
            );
            ExitCode::from(2)
        }
    }
}

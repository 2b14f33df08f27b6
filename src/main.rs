//! Entry point of `index.html`: the career health room (`features::schedule`). The page's
//! row in the page table is `site::HOME`; this file picks the screens it shows.
//!
//! Natively, the page-table tool the build uses (everything derives from `src/site/`):
//! - `jokatsu pages-json`: the pages as JSON (`name`, `page`, `bin`, `bundle`), read by
//!   `scripts/dist.sh` and `scripts/postbuild.py`;
//! - `jokatsu pages [--check]`: write (or check) each page's entry HTML file.

#[cfg(target_arch = "wasm32")]
use jokatsu::site::Route;

/// The page's screens.
#[cfg(target_arch = "wasm32")]
struct Entry;

#[cfg(target_arch = "wasm32")]
impl jokatsu::ui::shell::WebApp for Entry {
    const PAGE: &'static jokatsu::site::Page = &jokatsu::site::HOME;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use jokatsu::features::schedule::pages::{
            about::AboutPage, calendar::CalendarPage, event::EventPage, schedule::SchedulePage,
        };
        use leptos::prelude::*;
        match route {
            Route::Schedule => view! { <SchedulePage/> }.into_any(),
            Route::Calendar => view! { <CalendarPage/> }.into_any(),
            Route::Event(id) => view! { <EventPage id=id/> }.into_any(),
            Route::About => view! { <AboutPage/> }.into_any(),
            other => jokatsu::ui::not_found::render(other),
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    jokatsu::ui::shell::mount::<Entry>();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use jokatsu::site::{html::entry_html, pages_json, PAGES};
    use std::process::ExitCode;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("pages-json") => {
            println!("{}", pages_json());
            ExitCode::SUCCESS
        }
        Some("pages") => {
            let check = args.iter().any(|a| a == "--check");
            let mut stale = 0;
            for app in PAGES {
                let html = entry_html(app);
                let on_disk = std::fs::read_to_string(app.file).unwrap_or_default();
                if on_disk == html {
                    continue;
                }
                if check {
                    eprintln!(
                        "{} is stale: run `cargo run --bin jokatsu -- pages`",
                        app.file
                    );
                    stale += 1;
                } else if let Err(e) = std::fs::write(app.file, html) {
                    eprintln!("{}: {e}", app.file);
                    return ExitCode::FAILURE;
                } else {
                    println!("wrote {}", app.file);
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
                 Tools: `jokatsu pages-json` (the page table as JSON), `jokatsu pages [--check]`."
            );
            ExitCode::from(2)
        }
    }
}

//! The entry HTML of each page (`jokatsu pages` writes these files; `make test` checks
//! them): the page's title, its styles, its WebAssembly, the early feed request and, for
//! the office, a static shell shown while its WebAssembly loads.

use super::{Bundle, Nav, Page, FEED_URL, OFFICE, OFFICE_LEAD};
use crate::domain::feed::EARLY_FEED_GLOBAL;

/// An inline script for the entry page of an app that shows the feed: it starts the feed
/// request while the WebAssembly is still downloading, so the first screen does not wait
/// for two downloads in a row. It comes first in `<head>` (after the charset and the CSP
/// that `scripts/postbuild.py` puts there): an inline script after a stylesheet waits for
/// the stylesheet, and the request would start a round trip later. It records which URL
/// it asked for (the app uses the answer only for its own `FEED_URL`), asks as the app
/// would (`cache: "no-cache"`, same origin), and turns a network failure into the error
/// value rather than a rejected promise (no "unhandled rejection" before the app takes
/// it). `scripts/postbuild.py` allows it in the Content-Security-Policy by its hash.
pub fn early_feed_script(url: &str) -> String {
    // A JSON string is a valid JavaScript string; `<` is escaped so that no `</script>`
    // can close the element early.
    let url = serde_json::Value::String(url.to_string())
        .to_string()
        .replace('<', "\\u003c");
    format!(
        "<script>window.{EARLY_FEED_GLOBAL} = {{ url: {url}, response: fetch({url}, {{ cache: \"no-cache\" }}).catch(function (e) {{ return e; }}) }};</script>"
    )
}

/// The entry HTML of an app (`jokatsu pages` writes these files; `make test` checks them).
pub fn entry_html(app: &Page) -> String {
    let (ja, _) = app.title;
    let title = if app.file == "index.html" {
        "JOKATSU あさひかわ".to_string()
    } else {
        format!("{ja} — JOKATSU あさひかわ")
    };
    // The home page's HTML also copies the shared static files into the build.
    let copies = if app.file == "index.html" {
        concat!(
            "    <link data-trunk rel=\"copy-dir\" href=\"public/feed\" />\n",
            "    <link data-trunk rel=\"copy-dir\" href=\"public/icons\" />\n",
            "    <link data-trunk rel=\"copy-file\" href=\"public/manifest.webmanifest\" />\n",
            "    <link data-trunk rel=\"copy-file\" href=\"public/sw.js\" />\n",
        )
    } else if app.bundle == Bundle::Office {
        // The office page's settlement worker (`platform::worker`).
        "    <link data-trunk rel=\"copy-file\" href=\"public/verify-worker.js\" />\n"
    } else {
        ""
    };
    format!(
        r##"<!doctype html>
<!-- Generated from the page table (src/site/mod.rs) by `cargo run --bin jokatsu -- pages`: do not edit. -->
<html lang="ja">
  <head>
    <meta charset="utf-8" />
{early}    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
    <meta name="description" content="旭川市 女性のキャリアの保健室 と すみまセンエン THANK YOU TICKET のアプリ" />
    <meta name="theme-color" content="#0f5e8c" />
    <meta name="referrer" content="no-referrer" />
    <title>{title}</title>
    <link rel="manifest" href="manifest.webmanifest" />
    <link rel="icon" href="icons/icon.svg" type="image/svg+xml" />
    <link rel="apple-touch-icon" href="icons/icon-192.png" />
    <link data-trunk rel="rust" data-bin="{bin}" data-wasm-opt="{opt}"{opt_params} />
    <link data-trunk rel="css" href="style/main.css" />
{schedule}{tickets}{staff}{copies}  </head>
  <body>
{loading}    <noscript>このアプリを使うには JavaScript を有効にしてください。 / Please enable JavaScript to use this app.</noscript>
  </body>
</html>
"##,
        bin = app.bin,
        loading = shell_html(app),
        schedule = if app.shows_schedule() {
            "    <link data-trunk rel=\"css\" href=\"style/schedule.css\" />\n"
        } else {
            ""
        },
        tickets = if app.shows_tickets() {
            "    <link data-trunk rel=\"css\" href=\"style/tickets.css\" />\n"
        } else {
            ""
        },
        // The shop's and the office's styles: not downloaded by the holder's pages.
        staff = match app.nav {
            Nav::Tool => "    <link data-trunk rel=\"css\" href=\"style/staff.css\" />\n",
            Nav::Holder => "",
        },
        early = match app.feed {
            Some(_) => format!("    {}\n", early_feed_script(FEED_URL)),
            None => String::new(),
        },
        // Public pages are optimised for size (the 250 KB budget); the office's internal
        // bundle for speed (signing a month, verifying a year of claims), which the compiler
        // already gave it (opt-level 3): wasm-opt's quick passes only (`-O1`; `-O3` took a
        // minute per build on the 2-core machine for a few percent of verification speed,
        // docs/performance.md).
        opt = match app.bundle {
            Bundle::Public => "z",
            Bundle::Office => "1",
        },
        // Size: a second -Oz round, and the promise that nothing is stored in the lowest
        // 1 KB of memory (true of Rust's wasm32 layout: the stack sits below the data and
        // grows down from 1 MB, so the lowest 1 KB is used only by a stack ~1 MB deep,
        // which overflows anyway), which lets wasm-opt fold more address arithmetic into
        // loads and stores. Measured on w.html: 1.3 KB less brotli (docs/performance.md).
        opt_params = match app.bundle {
            Bundle::Public => " data-wasm-opt-params=\"--low-memory-unused -Oz\"",
            Bundle::Office => "",
        },
    )
}

/// The Japanese lead paragraph of a page whose first screen is its title and a fixed
/// paragraph, drawn by the entry page as a static shell while the WebAssembly loads: the
/// office (700 KB, the largest page).
pub fn shell_lead(app: &Page) -> Option<&'static str> {
    (app.name == OFFICE.name).then_some(OFFICE_LEAD.0)
}

/// What the entry page shows until the app runs (`ui::shell` removes it): the loading
/// line, under the app's static shell if it has one ([`shell_lead`]). The shell is the
/// app header's brand and the page's `.main > .page > h1, p`, so that the app's own
/// drawing of them lands in the same place.
fn shell_html(app: &Page) -> String {
    let loading = |class: &str| {
        format!(
            "<p id=\"app-loading\" class=\"{class}\" role=\"status\">読み込み中… / Loading…</p>"
        )
    };
    let Some(lead) = shell_lead(app) else {
        return format!("    {}\n", loading("app-loading"));
    };
    let text = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    format!(
        concat!(
            "    <div id=\"app-shell\">\n",
            "      <header class=\"app-header\"><a class=\"app-header__brand\" href=\"#/\">",
            "<span class=\"app-header__logo\" aria-hidden=\"true\">J</span><span>JOKATSU あさひかわ</span></a></header>\n",
            "      <main class=\"main\"><section class=\"page {name}\"><h1>{title}</h1><p>{lead}</p>{loading}</section></main>\n",
            "    </div>\n",
        ),
        name = app.name,
        title = text(app.title.0),
        lead = text(lead),
        loading = loading("app-loading app-loading--shell"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::PAGES;

    #[test]
    fn entry_html_files_are_up_to_date() {
        let root = env!("CARGO_MANIFEST_DIR");
        for app in PAGES {
            let path = format!("{root}/{}", app.file);
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(
                on_disk,
                entry_html(app),
                "{path} is stale: run `cargo run --bin jokatsu -- pages`"
            );
        }
    }

    #[test]
    fn each_page_loads_only_the_styles_it_uses() {
        let without: Vec<&str> = PAGES
            .iter()
            .filter(|a| !a.shows_tickets())
            .map(|a| a.file)
            .collect();
        assert_eq!(without, ["index.html", "c.html", "m.html"]);
        let schedule: Vec<&str> = PAGES
            .iter()
            .filter(|a| a.shows_schedule())
            .map(|a| a.file)
            .collect();
        assert_eq!(schedule, ["index.html"]);
        for app in PAGES {
            let html = entry_html(app);
            assert_eq!(
                html.contains("style/tickets.css"),
                app.shows_tickets(),
                "{}",
                app.file
            );
            assert_eq!(
                html.contains("style/staff.css"),
                app.nav == Nav::Tool,
                "{}",
                app.file
            );
        }
    }

    #[test]
    fn a_static_shell_shows_the_title_and_lead_the_app_draws() {
        let office = entry_html(&OFFICE);
        assert!(office.contains("<h1>事務局</h1>"), "{office}");
        assert!(
            office.contains(&format!("<p>{}</p>", OFFICE_LEAD.0)),
            "{office}"
        );
        // Its loading line stays (removed with the shell when the app runs).
        assert!(office.contains("id=\"app-loading\""));
        assert_eq!(office.matches("<main").count(), 1);
        for app in PAGES.iter().filter(|a| shell_lead(a).is_none()) {
            let html = entry_html(app);
            assert!(!html.contains("app-shell"), "{}", app.file);
            assert!(
                html.contains("<p id=\"app-loading\" class=\"app-loading\""),
                "{}",
                app.file
            );
        }
    }
}

//! The apps: one per entry page. Each app is one folder here whose `mod.rs` holds its
//! single declaration ([`AppDecl`]): page file, bundle, title, feed sections, storage keys
//! and, on wasm32, its routes (`render`), feed parser and start-up. Everything else derives
//! from [`APPS`]: the entry HTML files (`jokatsu pages`), the build's page list and the
//! service worker's precache list (`scripts/dist.sh` reads `jokatsu apps`), the feed-cache
//! keys, the links between pages ([`Route::app`] is an exhaustive `match`).
//!
//! A new app: a folder `src/apps/<name>/` with its `APP` declaration, one line in
//! [`APPS`], a three-line `src/bin/<bin>.rs` (a test names it if it is missing), then
//! `cargo run --bin jokatsu -- pages` writes its HTML file.

pub mod backup;
pub mod checks;
pub mod directory;
pub mod home;
pub mod memo;
pub mod office;
pub mod receive;
pub mod scan;
pub mod shop;
pub mod shopdesk;
pub mod tickets;

use crate::domain::feed::Wanted;
pub use crate::ui::routes::Route;

/// Where an app is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The public site (`dist/`): the holder's pages and shop mode.
    Public,
    /// The city office's internal server only (`dist-office/`): never on the public site.
    Office,
}

/// Which navigation an app shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The holder's bottom tab bar (schedule, checks, wallet, about).
    Holder,
    /// No tab bar: a tool with its own screens (shop, office).
    Tool,
}

/// One app's declaration.
#[derive(Debug, PartialEq, Eq)]
pub struct AppDecl {
    /// Short name, e.g. `tickets`: the folder under `src/apps/`.
    pub name: &'static str,
    /// The entry HTML file, e.g. `w.html`.
    pub page: &'static str,
    /// The Cargo binary that is this page's WebAssembly (`src/bin/<…>.rs` or `src/main.rs`).
    pub bin: &'static str,
    /// The page title, Japanese and English.
    pub title: (&'static str, &'static str),
    pub bundle: Bundle,
    pub nav: Nav,
    /// The feed sections this app validates and shows (`None`: it loads no feed by itself).
    pub feed: Option<Wanted>,
    /// The browser-storage keys this app writes (its last good feed first).
    pub storage_keys: &'static [&'static str],
    /// The screen the page opens on when its address has no fragment.
    pub first: Route,
}

impl AppDecl {
    /// The page's URL relative to the app's base: `./` for the home page.
    pub fn href(&self) -> &'static str {
        if self.page == "index.html" {
            "./"
        } else {
            self.page
        }
    }

    /// Whether the page is the schedule's (the home app: today, the week, the month,
    /// events) and loads `style/schedule.css`: its feed has the schedule but not the
    /// self-checks (c.html uses the schedule only to name the next desk day).
    pub fn shows_schedule(&self) -> bool {
        self.feed.is_some_and(|w| w.schedule && !w.checks)
    }

    /// Whether the page shows tickets or shops (and loads `style/tickets.css`): every page
    /// but those whose feed is only the schedule and the self-checks (the schedule, the
    /// self-checks, the notes page), which stay smaller.
    pub fn shows_tickets(&self) -> bool {
        !self
            .feed
            .is_some_and(|w| (w.schedule || w.checks) && !w.tickets && !w.shops)
    }

    /// The key of this app's last good feed in browser storage, if it keeps one. Each app
    /// keeps its own, because each validates different sections: a feed one page accepts
    /// must never replace another page's last good copy.
    pub fn feed_cache_key(&self) -> Option<&'static str> {
        self.feed.and(self.storage_keys.first().copied())
    }
}

/// Every app. The one list.
pub const APPS: [&AppDecl; 11] = [
    &home::APP,
    &checks::APP,
    &memo::APP,
    &tickets::APP,
    &receive::APP,
    &backup::APP,
    &directory::APP,
    &scan::APP,
    &shop::APP,
    &shopdesk::APP,
    &office::APP,
];

/// Storage keys several apps write: settings, the quarantine list, the trust data (key
/// list and used data, `ui::trust`), which only ever moves forward to a higher sequence,
/// so the wallet and the shop may share it, and the latest feed text any page fetched
/// (`ui::feed_cache`; each page re-validates it before use).
pub const SHARED_STORAGE_KEYS: [&str; 4] = [
    "jokatsu.settings",
    "jokatsu.quarantine",
    "jokatsu.trust",
    crate::domain::feed::SHARED_FEED_KEY,
];

/// Where the feed lives, fixed at build time (`JOKATSU_FEED_URL`), relative to the app.
pub const FEED_URL: &str = match option_env!("JOKATSU_FEED_URL") {
    Some(url) => url,
    None => "feed/feed.json",
};

/// The name of the global that holds the feed request the entry page starts (see
/// [`early_feed_script`]); `platform::fetch` takes it over once.
pub const EARLY_FEED_GLOBAL: &str = "jokatsuEarlyFeed";

/// An inline script for the entry page of an app that shows the feed: it starts the feed
/// request while the WebAssembly is still downloading, so the first screen does not wait
/// for two downloads in a row. It records which URL it asked for (the app uses the answer
/// only for its own `FEED_URL`), asks as the app would (`cache: "no-cache"`, same origin),
/// and turns a network failure into the error value rather than a rejected promise (no
/// "unhandled rejection" before the app takes it). `scripts/postbuild.py` allows it in
/// the Content-Security-Policy by its hash.
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
pub fn entry_html(app: &AppDecl) -> String {
    let (ja, _) = app.title;
    let title = if app.page == "index.html" {
        "JOKATSU あさひかわ".to_string()
    } else {
        format!("{ja} — JOKATSU あさひかわ")
    };
    // The home page's HTML also copies the shared static files into the build.
    let copies = if app.page == "index.html" {
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
<!-- Generated from src/apps/{name}/mod.rs by `cargo run --bin jokatsu -- pages`: do not edit. -->
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
    <meta name="description" content="旭川市 女性のキャリアの保健室 と すみまセンエン THANK YOU TICKET のアプリ" />
    <meta name="theme-color" content="#0f5e8c" />
    <meta name="referrer" content="no-referrer" />
    <title>{title}</title>
    <link rel="manifest" href="manifest.webmanifest" />
    <link rel="icon" href="icons/icon.svg" type="image/svg+xml" />
    <link rel="apple-touch-icon" href="icons/icon-192.png" />
    <link data-trunk rel="rust" data-bin="{bin}" data-wasm-opt="{opt}" />
    <link data-trunk rel="css" href="style/main.css" />
{schedule}{tickets}{staff}{early}{copies}  </head>
  <body>
{loading}    <noscript>このアプリを使うには JavaScript を有効にしてください。 / Please enable JavaScript to use this app.</noscript>
  </body>
</html>
"##,
        name = app.name,
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
        // bundle for speed (signing a month, verifying a year of claims).
        opt = match app.bundle {
            Bundle::Public => "z",
            Bundle::Office => "3",
        },
    )
}

/// The Japanese lead paragraph of an app whose first screen is its title and a fixed
/// paragraph, drawn by the entry page as a static shell while the WebAssembly loads: the
/// office (700 KB, the largest page). Not a field of [`AppDecl`]: that table is in every
/// page's WebAssembly, and the holder's pages are at their size budget.
pub fn shell_lead(app: &AppDecl) -> Option<&'static str> {
    (app.name == office::APP.name).then_some(office::LEAD.0)
}

/// What the entry page shows until the app runs (`ui::shell` removes it): the loading
/// line, under the app's static shell if it has one ([`shell_lead`]). The shell is the
/// app header's brand and the page's `.main > .page > h1, p`, so that the app's own
/// drawing of them lands in the same place.
fn shell_html(app: &AppDecl) -> String {
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

/// The apps as JSON for the build scripts: `[{"name", "page", "bin", "bundle"}]`.
pub fn apps_json() -> String {
    let items: Vec<serde_json::Value> = APPS
        .iter()
        .map(|a| {
            serde_json::json!({
                "name": a.name,
                "page": a.page,
                "bin": a.bin,
                "bundle": match a.bundle { Bundle::Public => "public", Bundle::Office => "office" },
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_keys_are_distinct_across_apps() {
        let mut seen = std::collections::BTreeMap::new();
        for app in APPS {
            for key in app.storage_keys {
                assert!(
                    !SHARED_STORAGE_KEYS.contains(key),
                    "{} claims the shared key {key}",
                    app.name
                );
                if let Some(other) = seen.insert(*key, app.name) {
                    panic!("{key} is written by both {other} and {}", app.name);
                }
            }
        }
    }

    #[test]
    fn every_app_that_loads_a_feed_has_its_own_cache_key() {
        let keys: Vec<_> = APPS.iter().filter_map(|a| a.feed_cache_key()).collect();
        let expected = APPS.iter().filter(|a| a.feed.is_some()).count();
        assert_eq!(keys.len(), expected);
        for key in keys {
            assert!(key.starts_with("jokatsu.feed"), "{key}");
        }
    }

    #[test]
    fn names_pages_and_bins_are_unique_and_exist() {
        let root = env!("CARGO_MANIFEST_DIR");
        for (i, a) in APPS.iter().enumerate() {
            for b in &APPS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.page, b.page);
                assert_ne!(a.bin, b.bin);
            }
            let folder = format!("{root}/src/apps/{}/mod.rs", a.name);
            assert!(std::path::Path::new(&folder).exists(), "{folder} missing");
            let main = if a.bin == "jokatsu" {
                format!("{root}/src/main.rs")
            } else {
                format!("{root}/src/bin/{}.rs", a.bin)
            };
            assert!(std::path::Path::new(&main).exists(), "{main} missing");
        }
    }

    #[test]
    fn entry_html_files_are_up_to_date() {
        let root = env!("CARGO_MANIFEST_DIR");
        for app in APPS {
            let path = format!("{root}/{}", app.page);
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
        let without: Vec<&str> = APPS
            .iter()
            .filter(|a| !a.shows_tickets())
            .map(|a| a.page)
            .collect();
        assert_eq!(without, ["index.html", "c.html", "m.html"]);
        let schedule: Vec<&str> = APPS
            .iter()
            .filter(|a| a.shows_schedule())
            .map(|a| a.page)
            .collect();
        assert_eq!(schedule, ["index.html"]);
        for app in APPS {
            let html = entry_html(app);
            assert_eq!(
                html.contains("style/tickets.css"),
                app.shows_tickets(),
                "{}",
                app.page
            );
            assert_eq!(
                html.contains("style/staff.css"),
                app.nav == Nav::Tool,
                "{}",
                app.page
            );
        }
    }

    #[test]
    fn a_static_shell_shows_the_title_and_lead_the_app_draws() {
        let office = entry_html(&office::APP);
        assert!(office.contains("<h1>事務局</h1>"), "{office}");
        assert!(
            office.contains(&format!("<p>{}</p>", office::LEAD.0)),
            "{office}"
        );
        // Its loading line stays (removed with the shell when the app runs).
        assert!(office.contains("id=\"app-loading\""));
        assert_eq!(office.matches("<main").count(), 1);
        for app in APPS.iter().filter(|a| shell_lead(a).is_none()) {
            let html = entry_html(app);
            assert!(!html.contains("app-shell"), "{}", app.page);
            assert!(
                html.contains("<p id=\"app-loading\" class=\"app-loading\""),
                "{}",
                app.page
            );
        }
    }

    #[test]
    fn each_app_opens_on_a_screen_of_its_own() {
        for app in APPS {
            assert_eq!(
                app.first.app(),
                app,
                "{} opens on {:?}",
                app.name,
                app.first
            );
        }
    }

    #[test]
    fn every_route_belongs_to_an_app_that_is_listed() {
        for route in Route::examples() {
            assert!(APPS.contains(&route.app()), "{route:?}");
        }
    }
}

//! The site: the one table of entry pages, below the shell. Each row ([`Page`]) says a
//! page's file, its WebAssembly binary, its bundle, its navigation, the feed sections it
//! validates, the storage keys it writes and the screen it opens on; [`routes::Route::page`]
//! says which page shows each screen (so links between pages are ordinary page loads).
//! Everything else derives from [`PAGES`]: the entry HTML files (`jokatsu pages`, see
//! [`html`]), the build's page list and the service worker's precache list
//! (`scripts/dist.sh` reads `jokatsu pages-json`), the feed-cache keys.
//!
//! Plain Rust, tested natively. `site` imports only `domain`; the shell (`ui`) and the
//! features use it; each page's entry (`src/bin/`, `src/main.rs`) picks its screens.
//!
//! A new page: a row here (and in [`PAGES`]), a `Route` variant naming it, a tiny main in
//! `src/bin/<bin>.rs` that mounts its screens (a test names it if it is missing), then
//! `make pages` writes its HTML file.

pub mod html;
pub mod routes;

use crate::domain::feed::Wanted;
use crate::domain::shared::persist::{Persisted, QuarantineList, Settings};
use crate::domain::tickets::core::trust::TrustRecord;
use crate::domain::tickets::holder::record::WalletRecord;
use crate::domain::tickets::shop::ledger::LedgerRecord;
use crate::domain::tickets::shop::till::ShopSetupRecord;
pub use routes::{Route, Tab};

/// Where a page is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bundle {
    /// The public site (`dist/`): the holder's pages and shop mode.
    Public,
    /// The city office's internal server only (`dist-office/`): never on the public site.
    Office,
}

/// Which navigation a page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// The holder's bottom tab bar (schedule, checks, wallet, about).
    Holder,
    /// No tab bar: a tool with its own screens (shop, office).
    Tool,
}

/// One entry page.
#[derive(Debug, PartialEq, Eq)]
pub struct Page {
    /// Short name, e.g. `tickets`: the page's CSS hook and its name in build logs.
    pub name: &'static str,
    /// The feature folder whose screens it shows (`src/features/<feature>/`).
    pub feature: &'static str,
    /// The entry HTML file, e.g. `w.html`.
    pub file: &'static str,
    /// The Cargo binary that is this page's WebAssembly (`src/bin/<…>.rs` or `src/main.rs`).
    pub bin: &'static str,
    /// The page title, Japanese and English.
    pub title: (&'static str, &'static str),
    pub bundle: Bundle,
    pub nav: Nav,
    /// The feed sections this page validates and shows (`None`: it loads no feed by itself).
    pub feed: Option<Wanted>,
    /// The browser-storage keys only this page writes (its last good feed first).
    pub storage_keys: &'static [&'static str],
    /// The screen the page opens on when its address has no fragment.
    pub first: Route,
}

impl Page {
    /// The page's URL relative to the app's base: `./` for the home page.
    pub fn href(&self) -> &'static str {
        if self.file == "index.html" {
            "./"
        } else {
            self.file
        }
    }

    /// Whether the page is the schedule's (today, the week, the month, events) and loads
    /// `style/schedule.css`: its feed has the schedule but not the self-checks (c.html uses
    /// the schedule only to name the next desk day).
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

    /// Who opens the page, which decides when the service worker keeps it for offline use
    /// (`public/sw.js`): `holder` pages on the first visit to any of them, `shop` pages
    /// once shop mode is opened on the device, `office` in the office bundle's own worker.
    pub fn audience(&self) -> &'static str {
        match (self.bundle, self.nav) {
            (Bundle::Office, _) => "office",
            (Bundle::Public, Nav::Holder) => "holder",
            (Bundle::Public, Nav::Tool) => "shop",
        }
    }

    /// The key of this page's last good feed in browser storage, if it keeps one. Each page
    /// keeps its own, because each validates different sections: a feed one page accepts
    /// must never replace another page's last good copy.
    pub fn feed_cache_key(&self) -> Option<&'static str> {
        self.feed.and(self.storage_keys.first().copied())
    }
}

const fn wants(schedule: bool, checks: bool, tickets: bool, shops: bool) -> Option<Wanted> {
    Some(Wanted {
        schedule,
        checks,
        tickets,
        shops,
    })
}

/// `index.html`: the career health room — today, week, calendar, events, experts; about.
pub const HOME: Page = Page {
    name: "home",
    feature: "schedule",
    file: "index.html",
    bin: "jokatsu",
    title: ("女性のキャリアの保健室", "Career health room"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(true, false, false, false),
    storage_keys: &["jokatsu.feed"],
    first: Route::Schedule,
};

/// `c.html`: the self-checks — questionnaires, results with the next desk, history.
pub const CHECKS: Page = Page {
    name: "checks",
    feature: "checks",
    file: "c.html",
    bin: "jokatsu-checks",
    title: ("セルフチェック", "Self-checks"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(true, true, false, false),
    storage_keys: &[
        "jokatsu.feed.checks",
        "jokatsu.checks.progress",
        "jokatsu.checks.history",
    ],
    first: Route::Check,
};

/// `m.html`: the 相談メモ — her self-check results written out to show at the desk;
/// read-only. A page of its own so the self-check page stays within its budget.
pub const MEMO: Page = Page {
    name: "memo",
    feature: "checks",
    file: "m.html",
    bin: "jokatsu-memo",
    title: ("相談メモ", "Notes for the desk"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    // The questionnaires: titles, score ranges and question texts.
    feed: wants(false, true, false, false),
    storage_keys: &["jokatsu.feed.memo"],
    first: Route::Memo,
};

/// `w.html`: the すみまセンエン wallet — tickets, giving, the thank-you log.
pub const WALLET: Page = Page {
    name: "tickets",
    feature: "tickets",
    file: "w.html",
    bin: "jokatsu-tickets",
    title: ("すみまセンエン チケット", "すみまセンエン tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(false, false, true, false),
    storage_keys: &["jokatsu.feed.tickets"],
    first: Route::Wallet,
};

/// `r.html`: links that carry tickets — a month's bundle from the office, a gift from a
/// coworker, a single ticket to look at. A `static`: its first route holds a `String`.
pub static RECEIVE: Page = Page {
    name: "receive",
    feature: "tickets",
    file: "r.html",
    bin: "jokatsu-receive",
    title: ("チケットを受け取る", "Receive tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(false, false, true, false),
    storage_keys: &["jokatsu.feed.receive"],
    // Opened bare (no ticket in the link): a screen saying where tickets come from.
    first: Route::Receive(String::new()),
};

/// `b.html`: the wallet's backup and restore, moving to a new phone, the expiry reminder.
pub const BACKUP: Page = Page {
    name: "backup",
    feature: "tickets",
    file: "b.html",
    bin: "jokatsu-backup",
    title: ("控え・機種変更", "Backup and new phone"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    // The key list, to check each ticket of a restored file.
    feed: wants(false, false, true, false),
    storage_keys: &["jokatsu.feed.backup"],
    first: Route::Backup,
};

/// `d.html`: where tickets can be used — the certified-shop directory.
pub const DIRECTORY: Page = Page {
    name: "directory",
    feature: "tickets",
    file: "d.html",
    bin: "jokatsu-directory",
    title: ("使えるお店", "Where to use tickets"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(false, false, false, true),
    storage_keys: &["jokatsu.feed.directory"],
    first: Route::Shops,
};

/// `s.html`: the holder's camera scanner (a ticket, gift or bundle QR into the wallet).
pub const SCAN: Page = Page {
    name: "scan",
    feature: "tickets",
    file: "s.html",
    bin: "jokatsu-scan",
    title: ("QRコードを読み取る", "Scan a QR code"),
    bundle: Bundle::Public,
    nav: Nav::Holder,
    feed: wants(false, false, false, false),
    storage_keys: &["jokatsu.feed.scan"],
    first: Route::Scan,
};

/// `shop.html`: shop mode at the till — scan, offline verdict, accept, undo.
pub const SHOP: Page = Page {
    name: "shop",
    feature: "shop",
    file: "shop.html",
    bin: "jokatsu-shop",
    title: ("お店モード", "Shop mode"),
    bundle: Bundle::Public,
    nav: Nav::Tool,
    feed: wants(false, false, true, true),
    storage_keys: &["jokatsu.feed.shop"],
    first: Route::Shop,
};

/// `shop-desk.html`: shop mode's back office — till setup, the ledger, the claim export.
pub const SHOP_DESK: Page = Page {
    name: "shopdesk",
    feature: "shop",
    file: "shop-desk.html",
    bin: "jokatsu-shopdesk",
    title: ("お店の設定・台帳", "Shop setup and ledger"),
    bundle: Bundle::Public,
    nav: Nav::Tool,
    feed: wants(false, false, true, true),
    // The shop's claim-signing key (`shop::claim_key::ShopClaimKeyRecord`): the desk only.
    storage_keys: &["jokatsu.feed.shopdesk", "jokatsu.shop.claim-key"],
    first: Route::ShopLedger,
};

/// `office.html`: the city office — keys, roster, issuance, settlement, the feed.
/// Internal bundle only, never on the public site.
pub const OFFICE: Page = Page {
    name: "office",
    feature: "office",
    file: "office.html",
    bin: "jokatsu-office-web",
    title: ("事務局", "City office"),
    bundle: Bundle::Office,
    nav: Nav::Tool,
    feed: None,
    // The unsigned key list and the issuance register (`DeskRecord`, office-only
    // code: named here by its key, which a test compares): no private key, roster or report.
    storage_keys: &["jokatsu.office"],
    first: Route::Office,
};

/// The office page's lead paragraph, under its heading: in the entry page's static shell
/// (shown while its WebAssembly loads, [`html::shell_lead`]) and on the page. Not a field
/// of [`Page`]: that table is in every page's WebAssembly.
pub const OFFICE_LEAD: (&str, &str) = (
    "名簿・鍵・報告はこのタブの中だけで扱い、どこにも送信しません。なくさないように、発行台帳と鍵一覧（公開部分）だけはこのパソコンのブラウザーにも保存します。作ったファイルは、事務局の決められた場所に保存してください。",
    "Rosters, keys and reports stay in this tab and are sent nowhere. So that they are not lost, the issuance register and the key list (public part) are also kept in this computer's browser. Keep the files you download in the office's own place.",
);

/// Every page. The one list.
pub const PAGES: [&Page; 11] = [
    &HOME, &CHECKS, &MEMO, &WALLET, &RECEIVE, &BACKUP, &DIRECTORY, &SCAN, &SHOP, &SHOP_DESK,
    &OFFICE,
];

/// Storage keys several pages write, with the pages that write them: settings and the
/// quarantine list (every page), the trust data (key list and used data,
/// `ui::trust`), which only ever moves forward, the latest feed text any page fetched
/// (`ui::feed_cache`; each page re-validates it before use), the wallet (saved by
/// read-merge-write from every ticket page), the shop's ledger and setup (the till and its
/// back office).
pub const SHARED_STORAGE_KEYS: [(&str, &[&Page]); 7] = [
    (Settings::KEY, &PAGES),
    (QuarantineList::KEY, &PAGES),
    (
        TrustRecord::KEY,
        &[&WALLET, &RECEIVE, &BACKUP, &SHOP, &SHOP_DESK],
    ),
    (crate::domain::feed::SHARED_FEED_KEY, &PAGES),
    (WalletRecord::KEY, &[&WALLET, &RECEIVE, &BACKUP]),
    (LedgerRecord::KEY, &[&SHOP, &SHOP_DESK]),
    (ShopSetupRecord::KEY, &[&SHOP, &SHOP_DESK]),
];

/// Where the feed lives, fixed at build time (`JOKATSU_FEED_URL`), relative to the app.
pub const FEED_URL: &str = match option_env!("JOKATSU_FEED_URL") {
    Some(url) => url,
    None => "feed/feed.json",
};

/// The pages as JSON for the build scripts: `[{"name", "page", "bin", "bundle", "audience"}]`.
pub fn pages_json() -> String {
    let items: Vec<serde_json::Value> = PAGES
        .iter()
        .map(|p| {
            serde_json::json!({
                "name": p.name,
                "page": p.file,
                "bin": p.bin,
                "bundle": match p.bundle { Bundle::Public => "public", Bundle::Office => "office" },
                "audience": p.audience(),
            })
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_keys_are_distinct_across_pages() {
        let shared: Vec<&str> = SHARED_STORAGE_KEYS.iter().map(|(k, _)| *k).collect();
        let mut seen = std::collections::BTreeMap::new();
        for page in PAGES {
            for key in page.storage_keys {
                assert!(
                    !shared.contains(key),
                    "{} claims the shared key {key}",
                    page.name
                );
                if let Some(other) = seen.insert(*key, page.name) {
                    panic!("{key} is written by both {other} and {}", page.name);
                }
            }
        }
        for (i, (key, _)) in SHARED_STORAGE_KEYS.iter().enumerate() {
            assert!(
                !SHARED_STORAGE_KEYS[i + 1..].iter().any(|(k, _)| k == key),
                "{key} listed twice"
            );
        }
    }

    #[test]
    fn every_stored_record_of_the_domain_is_in_the_table() {
        use crate::domain::checks::record::{ChecksHistory, ChecksProgress};
        use crate::domain::tickets::office::desk_record::DeskRecord;
        let all: Vec<&str> = PAGES
            .iter()
            .flat_map(|p| p.storage_keys.iter().copied())
            .chain(SHARED_STORAGE_KEYS.iter().map(|(k, _)| *k))
            .collect();
        for key in [
            Settings::KEY,
            QuarantineList::KEY,
            TrustRecord::KEY,
            WalletRecord::KEY,
            LedgerRecord::KEY,
            ShopSetupRecord::KEY,
            crate::domain::tickets::shop::claim_key::ShopClaimKeyRecord::KEY,
            ChecksProgress::KEY,
            ChecksHistory::KEY,
            DeskRecord::KEY,
        ] {
            assert!(all.contains(&key), "{key} is written but not in the table");
        }
    }

    #[test]
    fn every_page_that_loads_a_feed_has_its_own_cache_key() {
        let keys: Vec<_> = PAGES.iter().filter_map(|p| p.feed_cache_key()).collect();
        let expected = PAGES.iter().filter(|p| p.feed.is_some()).count();
        assert_eq!(keys.len(), expected);
        for key in keys {
            assert!(key.starts_with("jokatsu.feed"), "{key}");
        }
    }

    #[test]
    fn names_files_and_bins_are_unique_and_exist() {
        let root = env!("CARGO_MANIFEST_DIR");
        for (i, a) in PAGES.iter().enumerate() {
            for b in &PAGES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.file, b.file);
                assert_ne!(a.bin, b.bin);
            }
            let folder = format!("{root}/src/features/{}/mod.rs", a.feature);
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
    fn the_holder_is_offered_only_her_pages_and_the_shop_its_own() {
        let of = |audience: &str| -> Vec<&str> {
            PAGES
                .iter()
                .filter(|p| p.audience() == audience)
                .map(|p| p.file)
                .collect()
        };
        assert_eq!(
            of("holder"),
            [
                "index.html",
                "c.html",
                "m.html",
                "w.html",
                "r.html",
                "b.html",
                "d.html",
                "s.html"
            ]
        );
        assert_eq!(of("shop"), ["shop.html", "shop-desk.html"]);
        assert_eq!(of("office"), ["office.html"]);
    }

    #[test]
    fn the_build_scripts_are_told_each_pages_audience() {
        // scripts/postbuild.py reads `audience` to write the service worker's lists.
        let json: serde_json::Value = serde_json::from_str(&pages_json()).unwrap();
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), PAGES.len());
        for (row, page) in rows.iter().zip(PAGES) {
            assert_eq!(row["page"], page.file);
            assert_eq!(row["audience"], page.audience(), "{}", page.file);
        }
    }

    #[test]
    fn each_page_opens_on_a_screen_of_its_own() {
        for page in PAGES {
            assert_eq!(
                page.first.page(),
                page,
                "{} opens on {:?}",
                page.name,
                page.first
            );
        }
    }

    #[test]
    fn every_route_belongs_to_a_page_that_is_listed() {
        for route in Route::examples() {
            assert!(PAGES.contains(&route.page()), "{route:?}");
        }
    }
}

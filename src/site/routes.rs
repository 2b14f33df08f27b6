//! Typed routes. The app uses hash routing (`index.html#/wallet`): the server only ever
//! serves `index.html`, so the app works unchanged under any sub-path of a static site,
//! deep links and reloads work on every route without server rewrites or a `404.html`, and
//! ticket payloads in links (`#/t/JK1:…`) stay in the fragment, which browsers never send
//! to a server. Plain Rust, tested natively.

use super::{
    Page, BACKUP, CHECKS, DIRECTORY, HOME, MEMO, OFFICE, RECEIVE, SCAN, SHOP, SHOP_DESK, WALLET,
};

/// Every screen of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The career health room schedule (home).
    Schedule,
    /// One event's detail.
    Event(String),
    /// The month calendar.
    Calendar,
    /// Self-check list and history.
    Check,
    /// Taking one self-check.
    CheckRun(String),
    /// The result of one saved self-check.
    CheckResult(String),
    /// The 相談メモ: her results written out to show at the desk.
    Memo,
    /// The ticket wallet.
    Wallet,
    /// The wallet's backup: export (after a confirm) and restore.
    Backup,
    /// The backup page at its expiry reminder (the wallet's expiry banner links here).
    Reminder,
    /// Certified shop directory.
    Shops,
    /// A ticket link or scanned QR: `#/t/JK1:…`.
    Ticket(String),
    /// A month's bundle from the office: `#/receive/JKB1:…`.
    Receive(String),
    /// A gift from a coworker: `#/gift/JK1:…?from=…&msg=…`.
    Gift(String),
    /// Scan a ticket, gift or bundle QR with the camera.
    Scan,
    /// Shop mode (scan and redeem).
    Shop,
    /// Shop mode: the till's redemption ledger and month-end claims.
    ShopLedger,
    /// Shop mode: choose the shop and name the till.
    ShopSetup,
    /// City office mode.
    Office,
    /// About, privacy, storage and data.
    About,
    /// Anything else.
    NotFound(String),
}

impl Route {
    /// Parse the location hash (with or without the leading `#`).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        let (head, rest) = match path.split_once('/') {
            Some((h, r)) => (h, Some(r)),
            None => (path, None),
        };
        // Query strings only matter for payload routes; strip them elsewhere.
        let bare = head.split('?').next().unwrap_or(head);
        match (bare, rest) {
            ("", None) => Route::Schedule,
            ("calendar", None) => Route::Calendar,
            ("event", Some(id)) if !id.is_empty() => Route::Event(id.to_string()),
            ("check", None) => Route::Check,
            ("check", Some(id)) if !id.is_empty() => Route::CheckRun(id.to_string()),
            ("result", Some(id)) if !id.is_empty() => Route::CheckResult(id.to_string()),
            ("memo", None) => Route::Memo,
            ("wallet", None) => Route::Wallet,
            ("backup", None) => Route::Backup,
            ("backup", Some("reminder")) => Route::Reminder,
            ("shops", None) => Route::Shops,
            ("t", Some(p)) if !p.is_empty() => Route::Ticket(p.to_string()),
            ("receive", Some(p)) if !p.is_empty() => Route::Receive(p.to_string()),
            ("gift", Some(p)) if !p.is_empty() => Route::Gift(p.to_string()),
            ("scan", None) => Route::Scan,
            ("shop", None) => Route::Shop,
            ("shop", Some("ledger")) => Route::ShopLedger,
            ("shop", Some("setup")) => Route::ShopSetup,
            ("office", None) => Route::Office,
            ("about", None) => Route::About,
            _ => Route::NotFound(path.to_string()),
        }
    }

    /// The hash path of this route, e.g. `#/wallet`.
    pub fn href(&self) -> String {
        match self {
            Route::Schedule => "#/".into(),
            Route::Calendar => "#/calendar".into(),
            Route::Event(id) => format!("#/event/{id}"),
            Route::Check => "#/check".into(),
            Route::CheckRun(id) => format!("#/check/{id}"),
            Route::CheckResult(id) => format!("#/result/{id}"),
            Route::Memo => "#/memo".into(),
            Route::Wallet => "#/wallet".into(),
            Route::Backup => "#/backup".into(),
            Route::Reminder => "#/backup/reminder".into(),
            Route::Shops => "#/shops".into(),
            Route::Ticket(p) => format!("#/t/{p}"),
            Route::Receive(p) => format!("#/receive/{p}"),
            Route::Gift(p) => format!("#/gift/{p}"),
            Route::Scan => "#/scan".into(),
            Route::Shop => "#/shop".into(),
            Route::ShopLedger => "#/shop/ledger".into(),
            Route::ShopSetup => "#/shop/setup".into(),
            Route::Office => "#/office".into(),
            Route::About => "#/about".into(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }

    /// The entry page that shows this route. Exhaustive on purpose: a new route does not
    /// compile until it names its page.
    pub fn page(&self) -> &'static Page {
        match self {
            Route::Schedule | Route::Event(_) | Route::Calendar | Route::About => &HOME,
            Route::NotFound(_) => &HOME,
            Route::Check | Route::CheckRun(_) | Route::CheckResult(_) => &CHECKS,
            Route::Memo => &MEMO,
            Route::Wallet => &WALLET,
            Route::Backup | Route::Reminder => &BACKUP,
            Route::Ticket(_) | Route::Receive(_) | Route::Gift(_) => &RECEIVE,
            Route::Shops => &DIRECTORY,
            Route::Scan => &SCAN,
            Route::Shop => &SHOP,
            Route::ShopLedger | Route::ShopSetup => &SHOP_DESK,
            Route::Office => &OFFICE,
        }
    }

    /// A link to this route from page `from`: a bare fragment within the same page, the
    /// other page's file plus the fragment otherwise.
    pub fn link_from(&self, from: &Page) -> String {
        if self.page() == from {
            self.href()
        } else {
            format!("{}{}", self.page().href(), self.href())
        }
    }

    /// One route of each kind (for tests).
    pub fn examples() -> Vec<Route> {
        vec![
            Route::Schedule,
            Route::Calendar,
            Route::Event("ev-1".into()),
            Route::Check,
            Route::CheckRun("k6".into()),
            Route::CheckResult("r1".into()),
            Route::Memo,
            Route::Wallet,
            Route::Backup,
            Route::Reminder,
            Route::Shops,
            Route::Ticket("JK1:ABC".into()),
            Route::Receive("JKB1:xyz".into()),
            Route::Gift("JK1:ABC?from=a&msg=b".into()),
            Route::Scan,
            Route::Shop,
            Route::ShopLedger,
            Route::ShopSetup,
            Route::Office,
            Route::About,
        ]
    }

    /// Which bottom-navigation tab this route belongs to.
    pub fn tab(&self) -> Option<Tab> {
        match self {
            Route::Schedule | Route::Event(_) | Route::Calendar => Some(Tab::Schedule),
            Route::Check | Route::CheckRun(_) | Route::CheckResult(_) | Route::Memo => {
                Some(Tab::Check)
            }
            Route::Wallet
            | Route::Backup
            | Route::Reminder
            | Route::Shops
            | Route::Ticket(_)
            | Route::Receive(_)
            | Route::Gift(_)
            | Route::Scan => Some(Tab::Wallet),
            Route::About => Some(Tab::About),
            // Shop and office are tools of their own, outside the holder's tabs.
            Route::Shop
            | Route::ShopLedger
            | Route::ShopSetup
            | Route::Office
            | Route::NotFound(_) => None,
        }
    }
}

/// The holder's bottom navigation tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Schedule,
    Check,
    Wallet,
    About,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Schedule, Tab::Check, Tab::Wallet, Tab::About];

    /// The route a tab opens.
    pub fn route(self) -> Route {
        match self {
            Tab::Schedule => Route::Schedule,
            Tab::Check => Route::Check,
            Tab::Wallet => Route::Wallet,
            Tab::About => Route::About,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_round_trips_through_its_href() {
        for r in Route::examples() {
            assert_eq!(Route::from_hash(&r.href()), r, "{}", r.href());
        }
    }

    #[test]
    fn links_cross_entries_only_when_needed() {
        assert_eq!(Route::Wallet.link_from(&WALLET), "#/wallet");
        assert_eq!(Route::Wallet.link_from(&HOME), "w.html#/wallet");
        assert_eq!(Route::Schedule.link_from(&WALLET), "./#/");
        assert_eq!(Route::Check.link_from(&HOME), "c.html#/check");
        assert_eq!(Route::Shop.link_from(&HOME), "shop.html#/shop");
        assert_eq!(Route::Ticket("JK1:A".into()).page(), &RECEIVE);
        assert_eq!(Route::NotFound("x".into()).page(), &HOME);
        assert_eq!(Route::Shop.page(), &SHOP);
        assert_eq!(Route::CheckRun("k6".into()).page(), &CHECKS);
    }

    #[test]
    fn empty_and_unknown_hashes() {
        assert_eq!(Route::from_hash(""), Route::Schedule);
        assert_eq!(Route::from_hash("#"), Route::Schedule);
        assert_eq!(Route::from_hash("#/"), Route::Schedule);
        assert_eq!(Route::from_hash("#/nope"), Route::NotFound("nope".into()));
        assert_eq!(
            Route::from_hash("#/wallet/extra"),
            Route::NotFound("wallet/extra".into())
        );
        assert_eq!(Route::from_hash("#/t/"), Route::NotFound("t/".into()));
        // A handled payload link leaves this marker in the address: still the wallet.
        assert_eq!(Route::from_hash("#/wallet?handled"), Route::Wallet);
    }
}

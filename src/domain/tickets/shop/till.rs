//! Shop mode's own rules, beside the ledger and claims: which shop and till this device is
//! (remembered), what a scan or paste at the till is, when the device's trust data is too
//! old to rely on, and which month a claim is for by default.
//!
//! Rules (each with a test below):
//! - [`ShopSetup`] / [`ShopSetupRecord`]: the shop id and device label chosen on this
//!   device, stored under `jokatsu.shop.setup`; a damaged record loads as "not set up".
//! - [`ShopSetup::is_change`]: choosing a different shop (not just relabelling the till)
//!   needs the clerk's confirmation.
//! - [`read_at_till`]: a ticket is checked; a gift link, a bundle, another site's address
//!   and plain text each get their own answer.
//! - [`decide`]: the till's decision on a scan, in one pure function: a ticket is judged
//!   only on a till that is set up and holds the city's keys; only a valid ticket may be
//!   accepted ([`TillDecision::may_accept`]).
//! - [`excerpt`]: what a scan said, as the till shows it (one line, at most
//!   [`EXCERPT_CHARS`] characters).
//! - [`data_age`]: the feed or used data is stale after [`STALE_AFTER_DAYS`] days.
//! - [`data_notice`]: what the till says about its data: its age, and "go online" only when
//!   the device is offline (online, the age is the city's latest publication's).
//! - [`default_claim_period`]: the month before today's (JST).
//! - [`claim_timing`]: a claim for a month that is not over yet is made only after the
//!   clerk confirms it (its later redemptions will need another claim).
//! - [`find_shops`]: the setup's one search box matches name (kana-insensitive),
//!   category and area.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::shared::persist::Persisted;
use crate::domain::tickets::core::bundle::{parse_scanned, ScanError, Scanned};
use crate::domain::tickets::core::keys::KeySet;
use crate::domain::tickets::core::shops::{fold, Directory, Shop, ShopId};
use crate::domain::tickets::core::ticket::{
    verify_ticket, Ticket, Verdict, VerifyPolicy, YearMonth,
};
use crate::domain::tickets::core::used::UsedLookup;
use crate::domain::tickets::shop::ledger::{DeviceLabel, Till};

/// After this many days without newer data (feed publication, used data), shop mode
/// warns that a ticket used elsewhere may not be known as used here.
pub const STALE_AFTER_DAYS: i64 = 7;

/// The shop and till this device redeems for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ShopSetupRaw")]
pub struct ShopSetup {
    pub shop: ShopId,
    pub device: DeviceLabel,
}

#[derive(Deserialize)]
struct ShopSetupRaw {
    shop: String,
    device: DeviceLabel,
}

impl TryFrom<ShopSetupRaw> for ShopSetup {
    type Error = String;
    fn try_from(r: ShopSetupRaw) -> Result<Self, String> {
        let shop =
            ShopId::parse(&r.shop).ok_or_else(|| format!("shop id {:?} is not valid", r.shop))?;
        Ok(ShopSetup {
            shop,
            device: r.device,
        })
    }
}

impl ShopSetup {
    /// The till redemptions are recorded at.
    pub fn till(&self) -> Till {
        Till {
            shop: self.shop.clone(),
            device: self.device.clone(),
        }
    }

    /// **Rule: changing the shop needs confirmation.** True when `next` is for another
    /// shop than this setup (a new device label alone is not a change of shop).
    pub fn is_change(current: Option<&ShopSetup>, next: &ShopSetup) -> bool {
        current.is_some_and(|c| c.shop != next.shop)
    }
}

/// The stored form: key `jokatsu.shop.setup`, `{"setup": {"shop": "s001", "device": "レジ1"}}`
/// or `{"setup": null}` before the first setup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSetupRecord {
    #[serde(default)]
    pub setup: Option<ShopSetup>,
}

impl Persisted for ShopSetupRecord {
    const KEY: &'static str = "jokatsu.shop.setup";
    const VERSION: u32 = 1;
}

/// What was scanned or pasted at the till.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TillInput {
    /// A ticket (bare `JK1:…` or a ticket link): verify it.
    Ticket(Box<Ticket>),
    /// A coworker's gift link: the customer must receive it in her wallet first.
    Gift,
    /// A month's bundle from the office: it belongs in the customer's wallet.
    Bundle,
    /// Some other web address (no ticket in it): shop mode never follows links.
    OtherUrl,
    /// Text that holds no code, or a damaged one.
    NotACode(ScanError),
}

/// **Rule: what the till does with a scan.** Reads `text` with the one link grammar
/// (`parse_scanned`); a ticket is to be verified, everything else gets its own answer. An
/// address (`http://`, `https://` or `www.`) with no ticket in it is "another site", not
/// "random text".
pub fn read_at_till(text: &str) -> TillInput {
    match parse_scanned(text) {
        Ok(Scanned::Ticket(t)) => TillInput::Ticket(Box::new(t)),
        Ok(Scanned::Gift(_)) => TillInput::Gift,
        Ok(Scanned::Bundle(_)) => TillInput::Bundle,
        Err(ScanError::NothingFound) if looks_like_url(text) => TillInput::OtherUrl,
        Err(e) => TillInput::NotACode(e),
    }
}

fn looks_like_url(text: &str) -> bool {
    let t = text.trim().to_ascii_lowercase();
    t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
}

/// What the till knows when it decides on a scan (all inputs: no clock, no storage).
pub struct TillContext<'a> {
    /// The shop and till this device redeems for (`None` before set-up).
    pub setup: Option<&'a ShopSetup>,
    /// The city's key list in force on this device (empty before the first feed).
    pub keys: &'a KeySet,
    /// Demo or production policy.
    pub policy: VerifyPolicy,
    /// Today, JST.
    pub today: NaiveDate,
    /// This device's ledger and the feed's used data.
    pub used: &'a dyn UsedLookup,
}

/// The till's answer to a scan, before any wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TillDecision {
    /// A ticket, verified: the verdict decides whether it may be accepted.
    Checked {
        ticket: Box<Ticket>,
        verdict: Verdict,
    },
    /// A ticket, but this device has not been set up (no shop, no till name): nothing is
    /// judged, so nothing shows as valid, until it is.
    NotSetUp,
    /// A ticket, but the device has no key list yet (never online): it cannot be checked.
    NoKeys,
    /// Not a ticket: a gift, a bundle, another site's address, text.
    NotATicket(TillInput),
}

impl TillDecision {
    /// **Rule: only a verified, valid ticket on a set-up till may be accepted.**
    pub fn may_accept(&self) -> bool {
        matches!(
            self,
            TillDecision::Checked {
                verdict: Verdict::Valid(_),
                ..
            }
        )
    }
}

/// **Rule: the till's decision.** Reads `text` ([`read_at_till`]); a ticket is verified
/// against the key list, the policy, today's date and the used data, but only on a till
/// that is set up and has a key list. The same function decides again when the clerk taps
/// 「受け付ける」 (the last guard before recording).
pub fn decide(text: &str, ctx: &TillContext<'_>) -> TillDecision {
    match read_at_till(text) {
        TillInput::Ticket(ticket) => {
            if ctx.setup.is_none() {
                TillDecision::NotSetUp
            } else if ctx.keys.is_empty() {
                TillDecision::NoKeys
            } else {
                let verdict = verify_ticket(&ticket, ctx.keys, ctx.policy, ctx.today, ctx.used);
                TillDecision::Checked { ticket, verdict }
            }
        }
        other => TillDecision::NotATicket(other),
    }
}

/// The most characters of a scan the till shows.
pub const EXCERPT_CHARS: usize = 60;

/// **Rule: what a scan said, as the till shows it**: one line (control characters and
/// line breaks become spaces, runs of spaces one), at most `max` characters, `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let one_line = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// How old the data is that a verification relies on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataAge {
    /// Published at most [`STALE_AFTER_DAYS`] days ago.
    Fresh,
    /// Published this many days ago (more than [`STALE_AFTER_DAYS`]).
    Stale(i64),
    /// No data at all yet.
    Missing,
}

/// **Rule: stale after [`STALE_AFTER_DAYS`] days.** `published` is the JST date the feed
/// (or its used data) was published; `today` is today's JST date.
pub fn data_age(published: Option<NaiveDate>, today: NaiveDate) -> DataAge {
    match published {
        None => DataAge::Missing,
        Some(p) => {
            let days = (today - p).num_days();
            if days > STALE_AFTER_DAYS {
                DataAge::Stale(days)
            } else {
                DataAge::Fresh
            }
        }
    }
}

/// How the device stands with the city's feed at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// The latest refresh reached the feed.
    Online,
    /// The network did not answer.
    Offline,
    /// The server answered, but not with a usable feed (or the stored copy was damaged).
    Failed,
}

/// What the till says about the data its verdicts rely on (one compact line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataNotice {
    /// Fresh data, but this visit could not refresh it: the data in use was published on
    /// `published`.
    NotRefreshed {
        published: NaiveDate,
        connection: Connection,
    },
    /// The data in use was published `days` days ago, more than [`STALE_AFTER_DAYS`]: a
    /// ticket used at another shop since may not be known here.
    Stale {
        days: i64,
        published: NaiveDate,
        connection: Connection,
    },
    /// No data at all: tickets cannot be checked.
    Missing { connection: Connection },
}

impl DataNotice {
    /// **Rule: "go online" is advice only when the device is offline.** Online, stale data
    /// is the city's latest publication: reconnecting cannot make it newer.
    pub fn advise_going_online(&self) -> bool {
        match self {
            DataNotice::NotRefreshed { connection, .. }
            | DataNotice::Stale { connection, .. }
            | DataNotice::Missing { connection } => *connection == Connection::Offline,
        }
    }

    /// Whether the till can check tickets at all (no data: it cannot).
    pub fn blocks_checks(&self) -> bool {
        matches!(self, DataNotice::Missing { .. })
    }
}

/// **Rule: one notice about the data, never two.** `published` is the JST date of the
/// data in use (feed or used data), `today` today's JST date, `connection` how the latest
/// refresh went. Nothing to say when the data is fresh and was refreshed.
pub fn data_notice(
    published: Option<NaiveDate>,
    today: NaiveDate,
    connection: Connection,
) -> Option<DataNotice> {
    match (data_age(published, today), published) {
        (DataAge::Missing, _) | (_, None) => Some(DataNotice::Missing { connection }),
        (DataAge::Stale(days), Some(published)) => Some(DataNotice::Stale {
            days,
            published,
            connection,
        }),
        (DataAge::Fresh, Some(published)) => {
            (connection != Connection::Online).then_some(DataNotice::NotRefreshed {
                published,
                connection,
            })
        }
    }
}

/// **Rule: claims are made after the month ends.** The period the claim screen offers
/// first: the JST month before `today`'s.
pub fn default_claim_period(today: NaiveDate) -> YearMonth {
    let this = YearMonth::of(today);
    let prev = this.first_day().pred_opt().unwrap_or(this.first_day());
    YearMonth::of(prev)
}

/// Where a claim's month stands on the day it is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimTiming {
    /// The month is over: its claim is complete.
    MonthOver,
    /// This month: redemptions after the export go into a later claim of the month.
    MonthNotOver { last_day: NaiveDate },
    /// A month still to come: nothing can be claimed for it.
    Future,
}

/// **Rule: a month's claim is complete only once the month is over** (JST). `today` is
/// today's JST date.
pub fn claim_timing(period: YearMonth, today: NaiveDate) -> ClaimTiming {
    let this = YearMonth::of(today);
    if period < this {
        ClaimTiming::MonthOver
    } else if period == this {
        ClaimTiming::MonthNotOver {
            last_day: period.last_day(),
        }
    } else {
        ClaimTiming::Future
    }
}

/// **Rule: one search box for the setup.** Shops (feed order) where every word of
/// `query` appears in the Japanese or English name, the category or the area, ignoring
/// case, width and katakana/hiragana. An empty query lists every shop.
pub fn find_shops<'a>(directory: &'a Directory, query: &str) -> Vec<&'a Shop> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    directory
        .shops()
        .iter()
        .filter(|s| {
            let hay = fold(&format!(
                "{}\n{}\n{}\n{}",
                s.name.ja,
                s.name.en.as_deref().unwrap_or(""),
                s.category,
                s.area
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::persist::{load, save, Loaded};
    use crate::domain::tickets::core::bundle::{Bundle, Gift};
    use crate::domain::tickets::core::ticket::demo_month;
    use chrono::{TimeZone, Utc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn setup(shop: &str, device: &str) -> ShopSetup {
        ShopSetup {
            shop: ShopId::parse(shop).unwrap(),
            device: DeviceLabel::parse(device).unwrap(),
        }
    }

    #[test]
    fn setup_round_trips_through_storage() {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let record = ShopSetupRecord {
            setup: Some(setup("s001", "レジ1")),
        };
        let text = save(&record, now).unwrap();
        assert!(text.contains("レジ1"));
        assert_eq!(
            load::<ShopSetupRecord>(Some(&text), now),
            Loaded::Clean(record)
        );
        assert_eq!(
            load::<ShopSetupRecord>(None, now).into_value(),
            ShopSetupRecord::default()
        );
    }

    #[test]
    fn a_damaged_setup_is_not_loaded_as_a_shop() {
        for data in [
            r#"{"setup":{"shop":"S 001","device":"レジ1"}}"#,
            r#"{"setup":{"shop":"s001","device":""}}"#,
            r#"{"setup":{"shop":"s001","device":" レジ1"}}"#,
        ] {
            assert!(
                serde_json::from_str::<ShopSetupRecord>(data).is_err(),
                "{data}"
            );
        }
        let ok: ShopSetupRecord =
            serde_json::from_str(r#"{"setup":{"shop":"s001","device":"レジ1"}}"#).unwrap();
        assert_eq!(ok.setup.unwrap().till().device.as_str(), "レジ1");
    }

    #[test]
    fn changing_the_shop_needs_confirmation_relabelling_does_not() {
        let a = setup("s001", "レジ1");
        let cases = [
            (None, setup("s001", "レジ1"), false),
            (Some(&a), setup("s001", "レジ2"), false),
            (Some(&a), setup("s002", "レジ1"), true),
        ];
        for (current, next, change) in cases {
            assert_eq!(ShopSetup::is_change(current, &next), change, "{next:?}");
        }
    }

    #[test]
    fn each_kind_of_scan_gets_its_own_answer() {
        let tickets = demo_month(YearMonth::new(2026, 11).unwrap()).unwrap();
        let t = tickets[0].clone();
        let gift = Gift::new(t.clone(), Some("山田".into()), Some("ありがとう".into())).unwrap();
        let bundle = Bundle::new(tickets[..2].to_vec()).unwrap();
        let base = "https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html";
        assert_eq!(
            read_at_till(&t.to_text()),
            TillInput::Ticket(Box::new(t.clone()))
        );
        assert_eq!(
            read_at_till(&t.to_link(base)),
            TillInput::Ticket(Box::new(t.clone()))
        );
        assert_eq!(read_at_till(&gift.to_link(base)), TillInput::Gift);
        assert_eq!(read_at_till(&bundle.to_link(base)), TillInput::Bundle);
        assert_eq!(read_at_till(&bundle.to_text()), TillInput::Bundle);
        for url in [
            "https://example.com/pay?x=1",
            " http://evil.test/",
            "www.example.jp",
        ] {
            assert_eq!(read_at_till(url), TillInput::OtherUrl, "{url}");
        }
        assert_eq!(
            read_at_till("こんにちは 1000円"),
            TillInput::NotACode(ScanError::NothingFound)
        );
        let damaged = format!("{}A", &t.to_text()[..60]);
        assert!(matches!(read_at_till(&damaged), TillInput::NotACode(_)));
    }

    #[test]
    fn the_till_judges_a_ticket_only_when_set_up_with_keys() {
        use crate::domain::tickets::core::keys::demo;
        use crate::domain::tickets::core::used::{NothingUsed, UsedBy};
        use std::collections::BTreeSet;
        let tickets = demo_month(YearMonth::new(2026, 11).unwrap()).unwrap();
        let t = &tickets[0];
        let text = t.to_text();
        let keys = demo::key_set();
        let none = KeySet::default();
        let till = setup("s001", "レジ1");
        let used: BTreeSet<_> = [tickets[1].body().id()].into_iter().collect();
        let forged = {
            let mut x = text.clone();
            let c = if &x[100..101] == "A" { "B" } else { "A" };
            x.replace_range(100..101, c);
            x
        };
        let gift = Gift::new(t.clone(), None, None)
            .unwrap()
            .to_link("https://x.jp/r.html");
        let second = tickets[1].to_text();
        let (demo_policy, prod) = (VerifyPolicy::DEMO, VerifyPolicy::PRODUCTION);
        fn ctx<'a>(
            setup: Option<&'a ShopSetup>,
            keys: &'a KeySet,
            policy: VerifyPolicy,
            used: &'a dyn UsedLookup,
        ) -> TillContext<'a> {
            TillContext {
                setup,
                keys,
                policy,
                today: d(2026, 11, 24),
                used,
            }
        }
        let set_up = Some(&till);
        #[rustfmt::skip]
        let cases: Vec<(&str, TillContext<'_>, &str, bool)> = vec![
            // Before set-up nothing is judged, not even a valid ticket.
            (&text, ctx(None, &keys, demo_policy, &NothingUsed), "not_set_up", false),
            (&forged, ctx(None, &keys, demo_policy, &NothingUsed), "not_set_up", false),
            (&text, ctx(set_up, &none, demo_policy, &NothingUsed), "no_keys", false),
            (&text, ctx(set_up, &keys, demo_policy, &NothingUsed), "valid", true),
            (&forged, ctx(set_up, &keys, demo_policy, &NothingUsed), "forged", false),
            (&text, ctx(set_up, &keys, prod, &NothingUsed), "demo_not_accepted", false),
            (&second, ctx(set_up, &keys, demo_policy, &used), "already_used", false),
            // What is not a ticket gets its own answer, set up or not.
            (&gift, ctx(None, &keys, demo_policy, &NothingUsed), "gift", false),
            ("こんにちは", ctx(set_up, &keys, demo_policy, &NothingUsed), "text", false),
        ];
        for (input, ctx, code, accept) in cases {
            let decision = decide(input, &ctx);
            let got = match &decision {
                TillDecision::Checked { verdict, .. } => verdict.code(),
                TillDecision::NotSetUp => "not_set_up",
                TillDecision::NoKeys => "no_keys",
                TillDecision::NotATicket(TillInput::Gift) => "gift",
                TillDecision::NotATicket(_) => "text",
            };
            assert_eq!(got, code, "{input:.20}");
            assert_eq!(decision.may_accept(), accept, "{input:.20} {code}");
        }
        assert!(matches!(
            decide(&second, &ctx(set_up, &keys, demo_policy, &used)),
            TillDecision::Checked {
                verdict: Verdict::AlreadyUsed(UsedBy::LocalRedemption),
                ..
            }
        ));
    }

    #[test]
    fn the_data_notice_says_go_online_only_when_offline() {
        use Connection::*;
        let today = d(2026, 12, 7);
        let old = d(2026, 11, 20);
        let recent = d(2026, 12, 5);
        let cases = [
            (Some(recent), Online, None, false),
            (
                Some(recent),
                Offline,
                Some(DataNotice::NotRefreshed {
                    published: recent,
                    connection: Offline,
                }),
                true,
            ),
            (
                Some(recent),
                Failed,
                Some(DataNotice::NotRefreshed {
                    published: recent,
                    connection: Failed,
                }),
                false,
            ),
            // Stale while online: the city's latest data is old; reconnecting cannot help.
            (
                Some(old),
                Online,
                Some(DataNotice::Stale {
                    days: 17,
                    published: old,
                    connection: Online,
                }),
                false,
            ),
            (
                Some(old),
                Failed,
                Some(DataNotice::Stale {
                    days: 17,
                    published: old,
                    connection: Failed,
                }),
                false,
            ),
            // Stale and offline: one notice (not two), and going online may bring newer data.
            (
                Some(old),
                Offline,
                Some(DataNotice::Stale {
                    days: 17,
                    published: old,
                    connection: Offline,
                }),
                true,
            ),
            (
                None,
                Online,
                Some(DataNotice::Missing { connection: Online }),
                false,
            ),
            (
                None,
                Offline,
                Some(DataNotice::Missing {
                    connection: Offline,
                }),
                true,
            ),
        ];
        for (published, connection, notice, go_online) in cases {
            let got = data_notice(published, today, connection);
            assert_eq!(got, notice, "{published:?} {connection:?}");
            assert_eq!(
                got.is_some_and(|n| n.advise_going_online()),
                go_online,
                "{published:?} {connection:?}"
            );
        }
        assert!(data_notice(None, today, Online).unwrap().blocks_checks());
        assert!(!data_notice(Some(old), today, Online)
            .unwrap()
            .blocks_checks());
    }

    #[test]
    fn the_till_shows_one_short_line_of_what_it_read() {
        let cases = [
            (
                "旭川駅前ベーカリー　ポイントカード",
                60,
                "旭川駅前ベーカリー ポイントカード",
            ),
            ("  a\r\n\tb\u{0}c  ", 60, "a b c"),
            ("あいうえおかきくけこ", 5, "あいうえ…"),
            ("あいうえお", 5, "あいうえお"),
            ("", 5, ""),
        ];
        for (text, max, shown) in cases {
            assert_eq!(excerpt(text, max), shown, "{text:?}");
        }
    }

    #[test]
    fn data_is_stale_after_seven_days() {
        let today = d(2026, 12, 10);
        let cases = [
            (None, DataAge::Missing),
            (Some(d(2026, 12, 10)), DataAge::Fresh),
            (Some(d(2026, 12, 3)), DataAge::Fresh),
            (Some(d(2026, 12, 2)), DataAge::Stale(8)),
            (Some(d(2026, 10, 31)), DataAge::Stale(40)),
        ];
        for (published, age) in cases {
            assert_eq!(data_age(published, today), age, "{published:?}");
        }
    }

    #[test]
    fn one_search_box_finds_shops_by_name_kana_category_and_area() {
        let json = std::fs::read_to_string("public/feed/feed.json").unwrap();
        let feed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let dto: Vec<crate::domain::tickets::core::shops::ShopDto> =
            serde_json::from_value(feed["shops"].clone()).unwrap();
        let dir = Directory::from_dto(&dto).unwrap();
        let ids = |q: &str| -> Vec<String> {
            find_shops(&dir, q)
                .iter()
                .map(|s| s.id.to_string())
                .collect()
        };
        assert_eq!(ids("").len(), dir.shops().len());
        assert_eq!(ids("ベーカリー"), ["s001"]);
        assert_eq!(ids("べーかりー"), ["s001"], "hiragana finds katakana");
        assert_eq!(ids("bakery"), ["s001"]);
        assert!(ids("永山").iter().all(|id| dir
            .get(&ShopId::parse(id).unwrap())
            .is_some_and(|s| s.area == "永山")));
        assert!(!ids("永山").is_empty());
        assert!(ids("飲食 ベーカリー") == ["s001"]);
        assert!(ids("存在しない店").is_empty());
    }

    #[test]
    fn a_claim_is_complete_once_its_month_is_over() {
        let ym = |y, m| YearMonth::new(y, m).unwrap();
        let cases = [
            (ym(2026, 11), d(2026, 12, 1), ClaimTiming::MonthOver),
            (
                ym(2026, 12),
                d(2026, 12, 7),
                ClaimTiming::MonthNotOver {
                    last_day: d(2026, 12, 31),
                },
            ),
            (
                ym(2026, 12),
                d(2026, 12, 31),
                ClaimTiming::MonthNotOver {
                    last_day: d(2026, 12, 31),
                },
            ),
            (ym(2026, 12), d(2027, 1, 1), ClaimTiming::MonthOver),
            (
                ym(2027, 2),
                d(2027, 2, 10),
                ClaimTiming::MonthNotOver {
                    last_day: d(2027, 2, 28),
                },
            ),
            (ym(2027, 1), d(2026, 12, 31), ClaimTiming::Future),
        ];
        for (period, today, timing) in cases {
            assert_eq!(claim_timing(period, today), timing, "{period:?} {today}");
        }
    }

    #[test]
    fn the_default_claim_period_is_last_month() {
        let cases = [
            (d(2026, 12, 1), (2026, 11)),
            (d(2026, 12, 31), (2026, 11)),
            (d(2027, 1, 1), (2026, 12)),
            (d(2026, 3, 15), (2026, 2)),
        ];
        for (today, (y, m)) in cases {
            assert_eq!(
                default_claim_period(today),
                YearMonth::new(y, m).unwrap(),
                "{today}"
            );
        }
    }
}

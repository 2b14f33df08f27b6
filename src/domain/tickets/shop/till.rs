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
//! - [`decide_scan`]: the till's answer to a scan: a ticket is verified against the key
//!   list, this device's ledger and the city's used data ([`TillContext`]); without a key
//!   list nothing is verified.
//! - [`decide_redemption`]: before a redemption is recorded the ticket is verified again
//!   (another tab may have accepted it meanwhile); only a valid ticket is recorded, at the
//!   till this device is set up for.
//! - [`data_age`]: the feed or used data is stale after [`STALE_AFTER_DAYS`] days.
//! - [`default_claim_period`]: the month before today's (JST).
//! - [`find_shops`]: the setup's one search box matches name (kana-insensitive),
//!   category and area.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::shared::date::jst_today;
use crate::domain::shared::persist::Persisted;
use crate::domain::tickets::core::bundle::{parse_scanned, ScanError, Scanned};
use crate::domain::tickets::core::keys::KeySet;
use crate::domain::tickets::core::shops::{fold, Directory, Shop, ShopId};
use crate::domain::tickets::core::ticket::{
    verify_ticket, Ticket, Verdict, VerifyPolicy, YearMonth,
};
use crate::domain::tickets::core::used::{AnyOf, UsedBy, UsedLookup, UsedSet};
use crate::domain::tickets::shop::ledger::{DeviceLabel, Ledger, Redemption, Till};

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

/// What the till knows when it decides: the key list, this device's ledger, the city's
/// used data, the build's verification policy, and the time.
#[derive(Debug, Clone, Copy)]
pub struct TillContext<'a> {
    pub keys: &'a KeySet,
    pub ledger: &'a Ledger,
    pub used: &'a UsedSet,
    pub policy: VerifyPolicy,
    pub now: DateTime<Utc>,
}

/// The till's answer to a scan ([`decide_scan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TillDecision {
    /// A ticket, verified. `earlier` is this device's redemption of it when the verdict
    /// is "already used here".
    Checked {
        ticket: Box<Ticket>,
        verdict: Verdict,
        earlier: Option<Box<Redemption>>,
    },
    /// Not a ticket: a gift, a bundle, another site's address, text.
    NotATicket(TillInput),
    /// A ticket, but there is no key list yet: nothing can be verified.
    NoKeys,
}

/// **Rule: the till's answer to a scan.** A ticket is verified (JST date of `now`)
/// against the key list, with this device's ledger and then the city's used data as the
/// used lists; everything else is not a ticket. Without a key list no ticket is verified.
pub fn decide_scan(input: TillInput, ctx: &TillContext) -> TillDecision {
    match input {
        TillInput::Ticket(ticket) => check(ticket, ctx),
        other => TillDecision::NotATicket(other),
    }
}

fn check(ticket: Box<Ticket>, ctx: &TillContext) -> TillDecision {
    if ctx.keys.is_empty() {
        return TillDecision::NoKeys;
    }
    let verdict = verify_ticket(
        &ticket,
        ctx.keys,
        ctx.policy,
        jst_today(ctx.now),
        &AnyOf(&[ctx.ledger as &dyn UsedLookup, ctx.used]),
    );
    let earlier = match verdict {
        Verdict::AlreadyUsed(UsedBy::LocalRedemption) => ctx
            .ledger
            .redeemed(ticket.body().id())
            .cloned()
            .map(Box::new),
        _ => None,
    };
    TillDecision::Checked {
        ticket,
        verdict,
        earlier,
    }
}

/// What to do when the clerk accepts a ticket ([`decide_redemption`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedeemDecision {
    /// The device is not set up: there is no shop to record it for.
    NotSetUp,
    /// Still valid: record it at this till.
    Record(Till),
    /// Verified again, it may not be accepted now: the till shows this answer instead.
    Refused(TillDecision),
}

/// **Rule: verify again before recording.** The ticket shown as valid is verified again
/// with what the till knows now (another tab may have accepted it, the used data may have
/// come in); only a still valid ticket is recorded, at the till `setup` names.
pub fn decide_redemption(
    setup: Option<&ShopSetup>,
    ticket: &Ticket,
    ctx: &TillContext,
) -> RedeemDecision {
    let Some(setup) = setup else {
        return RedeemDecision::NotSetUp;
    };
    match check(Box::new(ticket.clone()), ctx) {
        TillDecision::Checked {
            verdict: Verdict::Valid(_),
            ..
        } => RedeemDecision::Record(setup.till()),
        other => RedeemDecision::Refused(other),
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

/// **Rule: claims are made after the month ends.** The period the claim screen offers
/// first: the JST month before `today`'s.
pub fn default_claim_period(today: NaiveDate) -> YearMonth {
    let this = YearMonth::of(today);
    let prev = this.first_day().pred_opt().unwrap_or(this.first_day());
    YearMonth::of(prev)
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

    /// The till's fixtures: a key list with the demo issuer and a production issuer (id 2),
    /// a production ticket and a demo one, valid on 2026-12-15 (JST).
    mod fixtures {
        use super::*;
        use crate::domain::shared::money::Yen;
        use crate::domain::tickets::core::keys::{demo, sign_key_list, IssuerKey, KeyId, KeyRole};
        use crate::domain::tickets::core::ticket::{issue, EmployerId, Serial, TicketSpec};
        use chrono::TimeZone;
        use ed25519_dalek::SigningKey;

        pub fn prod_key() -> SigningKey {
            SigningKey::from_bytes(&[0x42; 32])
        }

        pub fn keys() -> KeySet {
            let prod = IssuerKey {
                id: KeyId::new(2).unwrap(),
                role: KeyRole::Issuer,
                public_key: prod_key().verifying_key(),
                not_before: d(2026, 7, 1),
                not_after: d(2027, 6, 30),
                max_validity_days: 92,
                max_face_value: Yen(1_000),
                demo: false,
                label: "test production key".into(),
            };
            let root = demo::root_signing_key();
            let dto = sign_key_list(&demo::header(), &[demo::issuer_key(), prod], &root).unwrap();
            KeySet::from_feed(&dto, &root.verifying_key()).unwrap()
        }

        pub fn spec(key: u8, index: u16) -> TicketSpec {
            TicketSpec {
                demo: false,
                key_id: KeyId::new(key).unwrap(),
                serial: Serial::new(202612, index),
                face_value: Yen(1000),
                employer_share: Yen(500),
                employer: EmployerId(4242),
                valid_from: d(2026, 12, 1),
                valid_until: d(2027, 2, 28),
            }
        }

        /// A production ticket.
        pub fn real(index: u16) -> Ticket {
            issue(spec(2, index), &prod_key()).unwrap()
        }

        /// A ticket of a key the list does not have (id 9).
        pub fn unknown_key() -> Ticket {
            issue(spec(9, 0), &SigningKey::from_bytes(&[0x09; 32])).unwrap()
        }

        /// A production ticket with one bit of its signature changed.
        pub fn forged() -> Ticket {
            let t = real(1);
            let mut sig = *t.signature();
            sig[0] ^= 1;
            Ticket::from_parts(*t.body(), sig)
        }

        pub fn demo_ticket() -> Ticket {
            demo_month(YearMonth::new(2026, 12).unwrap()).unwrap()[0].clone()
        }

        /// 2026-12-15 10:00 JST.
        pub fn now() -> DateTime<Utc> {
            Utc.with_ymd_and_hms(2026, 12, 15, 1, 0, 0).unwrap()
        }

        pub fn till() -> Till {
            setup("s001", "レジ1").till()
        }
    }

    #[test]
    fn the_till_decides_on_each_kind_of_scan() {
        use fixtures::*;
        let keys = keys();
        let no_keys = KeySet::default();
        let base = "https://www.city.asahikawa.hokkaido.jp/jokatsu/w.html";
        let demo = demo_ticket();
        let gift = Gift::new(demo.clone(), None, None).unwrap();
        let bundle = Bundle::new(vec![demo.clone()]).unwrap();
        // Ticket 3 was redeemed on this device; ticket 4 is in the city's used data;
        // ticket 5 is both (this device's record is the one shown).
        let mut ledger = Ledger::new();
        let here = ledger.redeem(&real(3), &till(), now()).unwrap();
        let both = ledger.redeem(&real(5), &till(), now()).unwrap();
        let mut used = UsedSet::new();
        used.mark(real(4).body().id());
        used.mark(real(5).body().id());
        let demo_policy = VerifyPolicy::DEMO;
        let prod = VerifyPolicy::PRODUCTION;
        // (what was scanned, policy, keys, verdict code or other answer, earlier)
        let cases: Vec<(String, VerifyPolicy, &KeySet, &str, Option<&Redemption>)> = vec![
            (real(0).to_text(), prod, &keys, "valid", None),
            (real(0).to_link(base), prod, &keys, "valid", None),
            (demo.to_text(), demo_policy, &keys, "valid", None),
            (demo.to_text(), prod, &keys, "demo_not_accepted", None),
            (unknown_key().to_text(), prod, &keys, "unknown_key", None),
            (forged().to_text(), prod, &keys, "forged", None),
            (real(4).to_text(), prod, &keys, "already_used", None),
            (real(3).to_text(), prod, &keys, "already_used", Some(&here)),
            (real(5).to_text(), prod, &keys, "already_used", Some(&both)),
            (real(0).to_text(), prod, &no_keys, "no_keys", None),
            (gift.to_link(base), prod, &keys, "gift", None),
            (gift.to_link(base), prod, &no_keys, "gift", None),
            (bundle.to_text(), prod, &keys, "bundle", None),
            (
                "https://example.com/".into(),
                prod,
                &keys,
                "other_url",
                None,
            ),
            ("こんにちは".into(), prod, &keys, "not_a_code", None),
        ];
        for (text, policy, keys, want, earlier) in cases {
            let ctx = TillContext {
                keys,
                ledger: &ledger,
                used: &used,
                policy,
                now: now(),
            };
            let decision = decide_scan(read_at_till(&text), &ctx);
            let got = match &decision {
                TillDecision::Checked { verdict, .. } => verdict.code(),
                TillDecision::NoKeys => "no_keys",
                TillDecision::NotATicket(TillInput::Gift) => "gift",
                TillDecision::NotATicket(TillInput::Bundle) => "bundle",
                TillDecision::NotATicket(TillInput::OtherUrl) => "other_url",
                TillDecision::NotATicket(_) => "not_a_code",
            };
            assert_eq!(got, want, "{text}");
            if let TillDecision::Checked {
                verdict,
                earlier: e,
                ..
            } = &decision
            {
                assert_eq!(e.as_deref(), earlier, "{text}");
                if want == "already_used" {
                    let by = if earlier.is_some() {
                        UsedBy::LocalRedemption
                    } else {
                        UsedBy::Feed
                    };
                    assert_eq!(verdict, &Verdict::AlreadyUsed(by), "{text}");
                }
            }
        }
    }

    #[test]
    fn the_till_verifies_again_before_recording() {
        use fixtures::*;
        let keys = keys();
        let ticket = real(0);
        let at_till = setup("s001", "レジ1");
        let ctx = |ledger, used| TillContext {
            keys: &keys,
            ledger,
            used,
            policy: VerifyPolicy::PRODUCTION,
            now: now(),
        };
        let empty_ledger = Ledger::new();
        let no_use = UsedSet::new();
        // Still valid: recorded at the till of the setup.
        assert_eq!(
            decide_redemption(Some(&at_till), &ticket, &ctx(&empty_ledger, &no_use)),
            RedeemDecision::Record(till())
        );
        // Not set up: nothing is recorded.
        assert_eq!(
            decide_redemption(None, &ticket, &ctx(&empty_ledger, &no_use)),
            RedeemDecision::NotSetUp
        );
        // Another tab accepted it meanwhile: refused, with that redemption.
        let mut ledger = Ledger::new();
        let earlier = ledger.redeem(&ticket, &till(), now()).unwrap();
        assert_eq!(
            decide_redemption(Some(&at_till), &ticket, &ctx(&ledger, &no_use)),
            RedeemDecision::Refused(TillDecision::Checked {
                ticket: Box::new(ticket.clone()),
                verdict: Verdict::AlreadyUsed(UsedBy::LocalRedemption),
                earlier: Some(Box::new(earlier)),
            })
        );
        // The city's used data came in meanwhile and lists it: refused.
        let mut used = UsedSet::new();
        used.mark(ticket.body().id());
        assert_eq!(
            decide_redemption(Some(&at_till), &ticket, &ctx(&empty_ledger, &used)),
            RedeemDecision::Refused(TillDecision::Checked {
                ticket: Box::new(ticket.clone()),
                verdict: Verdict::AlreadyUsed(UsedBy::Feed),
                earlier: None,
            })
        );
        // Forged, or no key list: refused.
        assert!(matches!(
            decide_redemption(Some(&at_till), &forged(), &ctx(&empty_ledger, &no_use)),
            RedeemDecision::Refused(TillDecision::Checked {
                verdict: Verdict::Forged,
                ..
            })
        ));
        let no_keys = KeySet::default();
        let without = TillContext {
            keys: &no_keys,
            ..ctx(&empty_ledger, &no_use)
        };
        assert_eq!(
            decide_redemption(Some(&at_till), &ticket, &without),
            RedeemDecision::Refused(TillDecision::NoKeys)
        );
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

//! The shop's redemption ledger: every ticket a till accepted, on that device.
//!
//! Rules (each with a test below):
//! - [`Ledger::redeem`]: a ticket is accepted once per device; a second attempt returns the
//!   earlier redemption ("already redeemed here at … transaction …") unless it was undone.
//! - [`Ledger::undo`]: a mistaken redemption can be undone within [`UNDO_WINDOW_MINUTES`]
//!   and only while it is not claimed; an undone redemption is never claimed.
//! - [`Ledger::today`] / [`Ledger::this_month`]: count and total of the shop's live
//!   redemptions on the JST day / month.
//! - [`Ledger::search`]: by serial text (`202612-00003`, `K1-202612-00003`, digits only).
//! - [`Ledger::redeemed`] and the [`UsedLookup`] impl: the device's own used list, combined
//!   with the feed's used data by the verifier.
//! - [`merge`]: two tabs' ledgers joined without losing a redemption.
//! - [`LedgerRecord`]: the versioned storage record; a damaged redemption is quarantined
//!   on its own and every good one still loads.
//!
//! Claims (month-end export) are in [`export`](super::export); they mark redemptions
//! `claimed_in` so nothing is claimed twice.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::domain::shared::date::{jst_today, to_jst};
use crate::domain::shared::money::{Overflow, Yen};
use crate::domain::shared::persist::{salvage_array, DamagedItems, Persisted};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
pub use crate::domain::tickets::core::claim::{
    BadDeviceLabel, DeviceLabel, Till, MAX_DEVICE_LABEL_CHARS,
};
use crate::domain::tickets::core::claim::{ClaimId, ClaimSummary};
use crate::domain::tickets::core::shops::ShopId;
use crate::domain::tickets::core::ticket::{Ticket, TicketId, YearMonth};
use crate::domain::tickets::core::used::{UsedBy, UsedLookup};

/// How long after a redemption the clerk may undo it.
pub const UNDO_WINDOW_MINUTES: i64 = 10;

/// One accepted ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RedemptionRaw")]
pub struct Redemption {
    /// Always `ticket.body().id()` (checked when loading).
    pub id: TicketId,
    /// The full ticket, so the office can re-verify it (serialised as `JK1:…`).
    pub ticket: Ticket,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    pub redeemed_at: DateTime<Utc>,
    pub shop: ShopId,
    pub device: DeviceLabel,
    /// Per-device sequence number, from 1.
    pub transaction: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::domain::shared::instant::de_opt")]
    pub undone_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_in: Option<ClaimId>,
}

#[derive(Deserialize)]
struct RedemptionRaw {
    id: TicketId,
    ticket: Ticket,
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
    redeemed_at: DateTime<Utc>,
    shop: ShopId,
    device: DeviceLabel,
    transaction: u32,
    #[serde(default)]
    #[serde(deserialize_with = "crate::domain::shared::instant::de_opt")]
    undone_at: Option<DateTime<Utc>>,
    #[serde(default)]
    claimed_in: Option<ClaimId>,
}

impl TryFrom<RedemptionRaw> for Redemption {
    type Error = String;
    fn try_from(r: RedemptionRaw) -> Result<Self, String> {
        if r.ticket.body().id() != r.id {
            return Err(format!(
                "id {} does not match the ticket {}",
                r.id,
                r.ticket.body().id()
            ));
        }
        if ShopId::parse(r.shop.as_str()).is_none() {
            return Err(format!("shop id {:?} is not valid", r.shop.as_str()));
        }
        if r.undone_at.is_some() && r.claimed_in.is_some() {
            return Err("a redemption cannot be both undone and claimed".into());
        }
        Ok(Redemption {
            id: r.id,
            ticket: r.ticket,
            redeemed_at: r.redeemed_at,
            shop: r.shop,
            device: r.device,
            transaction: r.transaction,
            undone_at: r.undone_at,
            claimed_in: r.claimed_in,
        })
    }
}

impl Redemption {
    /// Not undone.
    pub fn is_live(&self) -> bool {
        self.undone_at.is_none()
    }
    /// The JST month of the redemption (the claim period it belongs to).
    pub fn period(&self) -> YearMonth {
        YearMonth::of(jst_today(self.redeemed_at))
    }
    pub fn face_value(&self) -> Yen {
        self.ticket.body().face_value()
    }
    /// Ledger order: time, then transaction number, then ticket.
    fn order(a: &Redemption, b: &Redemption) -> Ordering {
        (a.redeemed_at, a.transaction, a.id).cmp(&(b.redeemed_at, b.transaction, b.id))
    }
    /// The identity used when merging two copies of a ledger.
    fn same_event(&self, other: &Redemption) -> bool {
        self.id == other.id
            && self.redeemed_at == other.redeemed_at
            && self.device == other.device
            && self.transaction == other.transaction
            && self.shop == other.shop
    }
}

/// `2026-12-02 14:05` in JST, for messages.
pub fn jst_minute(at: DateTime<Utc>) -> String {
    let t = to_jst(at);
    format!(
        "{} {}",
        crate::domain::shared::date::iso_date(t.date()),
        crate::domain::shared::date::hh_mm(t.time())
    )
}

/// Why a redemption was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum RedeemError {
    AlreadyRedeemed(Box<Redemption>),
    TransactionsExhausted,
}

impl Wording for RedeemError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::AlreadyRedeemed(r) => {
                let (at, transaction) = (jst_minute(r.redeemed_at), r.transaction);
                say!(
                    lang,
                    "この券はこの端末で受付済みです（{at}、取引番号 {transaction}）",
                    "already redeemed here at {at} (transaction {transaction})",
                )
            }
            Self::TransactionsExhausted => say(
                lang,
                "取引番号が上限に達しました",
                "the transaction number ran out",
            ),
        }
    }
}

/// Why an undo was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum UndoError {
    NotRedeemed,
    WindowPassed { redeemed_at: DateTime<Utc> },
    AlreadyClaimed { claim: ClaimId },
}

impl Wording for UndoError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NotRedeemed => say(
                lang,
                "この券の受付記録がありません",
                "no redemption of this ticket to undo",
            ),
            Self::WindowPassed { redeemed_at } => {
                let at = jst_minute(*redeemed_at);
                say!(
                    lang,
                    "取り消しできるのは受付から{UNDO_WINDOW_MINUTES}分以内です（受付 {at}）",
                    "a redemption can be undone only within {UNDO_WINDOW_MINUTES} minutes (redeemed at {at})",
                )
            }
            Self::AlreadyClaimed { claim } => say!(
                lang,
                "請求済みのため取り消せません（請求番号 {claim}）",
                "already claimed in {claim}; cannot undo",
            ),
        }
    }
}

/// A count and total of redemptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    pub count: usize,
    pub total: Yen,
}

/// What [`merge`] found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    /// Redemptions only the in-memory copy had.
    pub added_from_memory: usize,
    /// Redemptions only the stored copy had (e.g. redeemed in another tab).
    pub added_from_storage: usize,
    /// Tickets with more than one live redemption after the merge (both tabs accepted the
    /// same ticket). Both are kept; a claim includes the ticket once.
    pub double_redemptions: Vec<TicketId>,
    /// Transaction numbers used by two different redemptions (two tabs numbering at once).
    pub transaction_clashes: Vec<u32>,
}

/// The device's ledger. Redemptions are kept in ledger order (time, transaction).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ledger {
    redemptions: Vec<Redemption>,
    next_transaction: u32,
    claims: Vec<ClaimSummary>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a ledger from stored parts (sorted, numbering continued after the highest).
    pub fn from_parts(
        mut redemptions: Vec<Redemption>,
        next_transaction: u32,
        claims: Vec<ClaimSummary>,
    ) -> Self {
        crate::domain::shared::small_sort::sort_by(&mut redemptions, Redemption::order);
        let after_highest = redemptions
            .iter()
            .map(|r| r.transaction.saturating_add(1))
            .max()
            .unwrap_or(1);
        Self {
            redemptions,
            next_transaction: next_transaction.max(after_highest).max(1),
            claims,
        }
    }

    pub fn redemptions(&self) -> &[Redemption] {
        &self.redemptions
    }

    /// Newest first, for the history list.
    pub fn newest_first(&self) -> impl Iterator<Item = &Redemption> {
        self.redemptions.iter().rev()
    }

    pub fn next_transaction(&self) -> u32 {
        self.next_transaction.max(1)
    }

    /// The claims exported from this device, oldest first.
    pub fn claims(&self) -> &[ClaimSummary] {
        &self.claims
    }

    pub(super) fn claims_mut(&mut self) -> &mut Vec<ClaimSummary> {
        &mut self.claims
    }

    pub(super) fn redemptions_mut(&mut self) -> &mut [Redemption] {
        &mut self.redemptions
    }

    pub fn len(&self) -> usize {
        self.redemptions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.redemptions.is_empty()
    }

    /// The live (not undone) redemption of `id` on this device, if any.
    pub fn redeemed(&self, id: TicketId) -> Option<&Redemption> {
        self.redemptions.iter().find(|r| r.id == id && r.is_live())
    }

    /// **Rule: a ticket is redeemed once per device.** Records `ticket` as accepted at
    /// `till` at `now` with the next transaction number. The caller has verified the
    /// ticket (with this ledger as one of its used lookups); this rule is the last guard.
    pub fn redeem(
        &mut self,
        ticket: &Ticket,
        till: &Till,
        now: DateTime<Utc>,
    ) -> Result<Redemption, RedeemError> {
        let id = ticket.body().id();
        if let Some(earlier) = self.redeemed(id) {
            return Err(RedeemError::AlreadyRedeemed(Box::new(earlier.clone())));
        }
        let transaction = self.next_transaction();
        let next = transaction
            .checked_add(1)
            .ok_or(RedeemError::TransactionsExhausted)?;
        let record = Redemption {
            id,
            ticket: ticket.clone(),
            redeemed_at: now,
            shop: till.shop.clone(),
            device: till.device.clone(),
            transaction,
            undone_at: None,
            claimed_in: None,
        };
        self.next_transaction = next;
        // Usually the newest: inserting keeps ledger order even if the clock went back.
        let at = self
            .redemptions
            .partition_point(|r| Redemption::order(r, &record) != Ordering::Greater);
        self.redemptions.insert(at, record.clone());
        Ok(record)
    }

    /// **Rule: undo within the window, never once claimed.** Undoes the live redemption of
    /// `id` if `now` is at most [`UNDO_WINDOW_MINUTES`] after it was redeemed. The ticket
    /// can then be redeemed again (a new transaction); the undone record stays in the
    /// ledger and is never claimed.
    pub fn undo(&mut self, id: TicketId, now: DateTime<Utc>) -> Result<&Redemption, UndoError> {
        let at = self
            .redemptions
            .iter()
            .rposition(|r| r.id == id && r.is_live())
            .ok_or(UndoError::NotRedeemed)?;
        let record = self.redemptions.get_mut(at).ok_or(UndoError::NotRedeemed)?;
        if let Some(claim) = &record.claimed_in {
            return Err(UndoError::AlreadyClaimed {
                claim: claim.clone(),
            });
        }
        if now - record.redeemed_at > Duration::minutes(UNDO_WINDOW_MINUTES) {
            return Err(UndoError::WindowPassed {
                redeemed_at: record.redeemed_at,
            });
        }
        record.undone_at = Some(now);
        Ok(record)
    }

    /// Can the redemption of `id` still be undone at `now`? (For showing the button.)
    pub fn undo_deadline(&self, id: TicketId) -> Option<DateTime<Utc>> {
        let r = self.redeemed(id)?;
        r.claimed_in
            .is_none()
            .then(|| r.redeemed_at + Duration::minutes(UNDO_WINDOW_MINUTES))
    }

    fn tally(&self, shop: &ShopId, keep: impl Fn(&Redemption) -> bool) -> Result<Tally, Overflow> {
        let live = self
            .redemptions
            .iter()
            .filter(|r| r.is_live() && &r.shop == shop && keep(r));
        let mut tally = Tally::default();
        for r in live {
            tally.count += 1;
            tally.total = tally.total.checked_add(r.face_value())?;
        }
        Ok(tally)
    }

    /// **Rule: today's takings** — live redemptions at `shop` on the JST day of `now`.
    pub fn today(&self, shop: &ShopId, now: DateTime<Utc>) -> Result<Tally, Overflow> {
        let day = jst_today(now);
        self.tally(shop, |r| jst_today(r.redeemed_at) == day)
    }

    /// **Rule: this month's takings** — live redemptions at `shop` in the JST month of `now`.
    pub fn this_month(&self, shop: &ShopId, now: DateTime<Utc>) -> Result<Tally, Overflow> {
        self.month(shop, YearMonth::of(jst_today(now)))
    }

    /// Live redemptions at `shop` in JST month `period`.
    pub fn month(&self, shop: &ShopId, period: YearMonth) -> Result<Tally, Overflow> {
        self.tally(shop, |r| r.period() == period)
    }

    /// **Rule: search by serial.** Redemptions (newest first) whose serial matches `query`
    /// ignoring spaces, hyphens, width and case: `202612-00003`, `K1-202612-00003`,
    /// `20261200003`, or a part of one. An empty query lists everything.
    pub fn search(&self, query: &str) -> Vec<&Redemption> {
        let q = fold_serial(query);
        self.newest_first()
            .filter(|r| q.is_empty() || fold_serial(&r.id.to_string()).contains(&q))
            .collect()
    }

    /// **Rule: forget only what is settled business.** Drops the redemptions of periods
    /// before `before` that are claimed or undone, and the claims of those periods, to keep
    /// the stored ledger small. A live, unclaimed redemption is never dropped, and
    /// numbering continues. Call it with a period whose tickets have all expired (e.g.
    /// three months back): by then the feed's used data covers the device's own list.
    /// Returns how many redemptions were dropped.
    pub fn forget_before(&mut self, before: YearMonth) -> usize {
        let old = |r: &Redemption| r.period() < before;
        let was = self.redemptions.len();
        self.redemptions
            .retain(|r| !(old(r) && (r.claimed_in.is_some() || !r.is_live())));
        self.claims.retain(|c| c.header.period >= before);
        was - self.redemptions.len()
    }
}

/// Serial text folded for search: ASCII upper case, full-width to half-width, without
/// spaces and hyphens.
fn fold_serial(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!matches!(
                c,
                '-' | ' ' | '\u{3000}' | '\u{2010}'..='\u{2015}' | '\u{30FC}'
            ))
            .then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// **The device's own used list**: a live redemption of the ticket with this identity.
impl UsedLookup for Ledger {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.redeemed(id).map(|_| UsedBy::LocalRedemption)
    }
}

/// **Rule: merging never loses a redemption.** Joins the ledger found in storage (perhaps
/// written by another tab) with the one in memory: every redemption of either is kept;
/// the same redemption in both (same ticket, time, shop, device, transaction) is kept once,
/// undone if either copy undid it (unless claimed), claimed if either claimed it. Claims
/// are joined by id; numbering continues after the highest of both.
pub fn merge(stored: Ledger, in_memory: Ledger) -> (Ledger, MergeReport) {
    let mut report = MergeReport::default();
    let mut out: Vec<Redemption> = stored.redemptions;
    let from_storage = out.len();
    let mut matched = vec![false; from_storage];
    let mut index: HashMap<(TicketId, DateTime<Utc>, u32), Vec<usize>> = HashMap::new();
    for (i, r) in out.iter().enumerate() {
        index
            .entry((r.id, r.redeemed_at, r.transaction))
            .or_default()
            .push(i);
    }
    for mine in in_memory.redemptions {
        let found = index
            .get(&(mine.id, mine.redeemed_at, mine.transaction))
            .and_then(|candidates| {
                candidates
                    .iter()
                    .copied()
                    .find(|&i| out.get(i).is_some_and(|r| r.same_event(&mine)))
            });
        match found {
            Some(i) => {
                if let (Some(slot), Some(m)) = (out.get_mut(i), matched.get_mut(i)) {
                    *m = true;
                    if slot.claimed_in.is_none() {
                        slot.claimed_in = mine.claimed_in;
                    }
                    if slot.claimed_in.is_none() {
                        slot.undone_at = match (slot.undone_at, mine.undone_at) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                    } else {
                        slot.undone_at = None;
                    }
                }
            }
            None => {
                report.added_from_memory += 1;
                out.push(mine);
            }
        }
    }
    report.added_from_storage = matched.iter().filter(|m| !**m).count();
    let mut claims = stored.claims;
    for c in in_memory.claims {
        if !claims.iter().any(|s| s.header.id == c.header.id) {
            claims.push(c);
        }
    }
    crate::domain::shared::small_sort::sort_by(&mut claims, |a, b| {
        (a.header.created_at, &a.header.id).cmp(&(b.header.created_at, &b.header.id))
    });
    let merged = Ledger::from_parts(
        out,
        stored.next_transaction.max(in_memory.next_transaction),
        claims,
    );
    let mut live: Vec<TicketId> = merged
        .redemptions
        .iter()
        .filter(|r| r.is_live())
        .map(|r| r.id)
        .collect();
    crate::domain::shared::small_sort::sort_by(&mut live, Ord::cmp);
    report.double_redemptions = live
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    report.double_redemptions.dedup();
    let mut numbers: Vec<(&DeviceLabel, u32)> = merged
        .redemptions
        .iter()
        .map(|r| (&r.device, r.transaction))
        .collect();
    crate::domain::shared::small_sort::sort_by(&mut numbers, Ord::cmp);
    report.transaction_clashes = numbers
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0].1)
        .collect();
    report.transaction_clashes.dedup();
    (merged, report)
}

/// The stored form of a [`Ledger`]: key `jokatsu.shop.ledger`, the storage layer's
/// versioned envelope around `{"next_transaction": n, "redemptions": […], "claims": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerRecord {
    #[serde(default)]
    pub next_transaction: u32,
    pub redemptions: Vec<Redemption>,
    #[serde(default)]
    pub claims: Vec<ClaimSummary>,
}

impl LedgerRecord {
    pub fn from_ledger(ledger: &Ledger) -> Self {
        Self {
            next_transaction: ledger.next_transaction(),
            redemptions: ledger.redemptions.clone(),
            claims: ledger.claims.clone(),
        }
    }

    pub fn into_ledger(self) -> Ledger {
        Ledger::from_parts(self.redemptions, self.next_transaction, self.claims)
    }
}

impl Persisted for LedgerRecord {
    const KEY: &'static str = "jokatsu.shop.ledger";
    const VERSION: u32 = 1;

    /// Version 1 is the first; the hook is here so that version 2 adds one arm.
    fn migrate(from: u32, data: Value) -> Result<Value, String> {
        let _ = data;
        Err(format!("no migration from ledger version {from}"))
    }

    /// Each redemption and each claim decodes on its own: a damaged one is quarantined
    /// and every good one loads. Numbering continues after the highest good or damaged
    /// transaction number that can still be read, so a number is never reused.
    fn salvage(data: &Value) -> Option<(Self, DamagedItems)> {
        let (redemptions, mut bad) = salvage_array(data, "redemptions", |v| {
            Redemption::deserialize(v).map_err(|e| e.to_string())
        })?;
        let (claims, bad_claims) = match data.get("claims") {
            None | Some(Value::Null) => (Vec::new(), Vec::new()),
            Some(_) => salvage_array(data, "claims", |v| {
                ClaimSummary::deserialize(v).map_err(|e| e.to_string())
            })
            .unwrap_or_else(|| {
                let raw = data.get("claims").cloned().unwrap_or(Value::Null);
                (Vec::new(), vec![(raw, "claims is not a list".to_string())])
            }),
        };
        bad.extend(bad_claims);
        let damaged_max = bad
            .iter()
            .filter_map(|(v, _)| v.get("transaction").and_then(Value::as_u64))
            .filter_map(|n| u32::try_from(n).ok())
            .map(|n| n.saturating_add(1))
            .max()
            .unwrap_or(0);
        let stored_next = data
            .get("next_transaction")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0);
        Some((
            LedgerRecord {
                next_transaction: stored_next.max(damaged_max),
                redemptions,
                claims,
            },
            bad,
        ))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::shared::persist::{load, save, Loaded};
    use crate::domain::tickets::core::ticket::demo_month;
    use chrono::TimeZone;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        let t = tickets(2026, 12);
        let mut ledger = Ledger::new();
        let first = ledger
            .redeem(&t[0], &till("cafe-1", "till-1"), at(2026, 12, 5, 10, 0))
            .unwrap();
        crate::domain::shared::wording::assert_worded(&[
            (
                "AlreadyRedeemed",
                &RedeemError::AlreadyRedeemed(Box::new(first)),
            ),
            ("TransactionsExhausted", &RedeemError::TransactionsExhausted),
            ("NotRedeemed", &UndoError::NotRedeemed),
            (
                "WindowPassed",
                &UndoError::WindowPassed {
                    redeemed_at: at(2026, 12, 5, 10, 0),
                },
            ),
            (
                "AlreadyClaimed",
                &UndoError::AlreadyClaimed {
                    claim: ClaimId::parse("c-1").unwrap(),
                },
            ),
        ]);
    }

    pub(crate) fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        // JST wall clock → UTC.
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap() - Duration::hours(9)
    }

    pub(crate) fn tickets(y: i32, m: u32) -> Vec<Ticket> {
        demo_month(YearMonth::new(y, m).unwrap()).unwrap()
    }

    pub(crate) fn till(shop: &str, device: &str) -> Till {
        Till {
            shop: ShopId::parse(shop).unwrap(),
            device: DeviceLabel::parse(device).unwrap(),
        }
    }

    #[test]
    fn redeem_numbers_transactions_and_refuses_a_second_time() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        let first = ledger.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        assert_eq!(first.transaction, 1);
        assert_eq!(
            ledger
                .redeem(&t[1], &till, at(2026, 12, 5, 10, 1))
                .unwrap()
                .transaction,
            2
        );
        let err = ledger
            .redeem(&t[0], &till, at(2026, 12, 5, 11, 0))
            .unwrap_err();
        assert_eq!(err, RedeemError::AlreadyRedeemed(Box::new(first)));
        let msg = err.to_string();
        assert!(msg.contains("2026-12-05 10:00"), "{msg}");
        assert!(msg.contains("取引番号 1"), "{msg}");
        assert_eq!(
            err.wording(Lang::En),
            "already redeemed here at 2026-12-05 10:00 (transaction 1)"
        );
        assert_eq!(ledger.len(), 2);
        assert_eq!(ledger.next_transaction(), 3);
    }

    #[test]
    fn undo_within_the_window_then_redeem_again() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        let id = t[0].body().id();
        ledger.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        assert_eq!(
            ledger.undo_deadline(id),
            Some(at(2026, 12, 5, 10, UNDO_WINDOW_MINUTES as u32))
        );
        // Exactly at the window's end is still allowed.
        let undone = ledger.undo(id, at(2026, 12, 5, 10, 10)).unwrap();
        assert_eq!(undone.undone_at, Some(at(2026, 12, 5, 10, 10)));
        assert_eq!(ledger.redeemed(id), None);
        assert_eq!(
            ledger.undo(id, at(2026, 12, 5, 10, 11)),
            Err(UndoError::NotRedeemed)
        );
        let again = ledger
            .redeem(&t[0], &till, at(2026, 12, 5, 10, 20))
            .unwrap();
        assert_eq!(again.transaction, 2);
        // Too late now.
        assert_eq!(
            ledger.undo(id, at(2026, 12, 5, 10, 31)),
            Err(UndoError::WindowPassed {
                redeemed_at: at(2026, 12, 5, 10, 20)
            })
        );
        assert_eq!(ledger.len(), 2, "the undone record is kept");
    }

    #[test]
    fn today_and_month_count_live_redemptions_by_jst_day() {
        let t = tickets(2026, 12);
        let shop = till("cafe-1", "レジ1");
        let other = till("book-2", "レジ1");
        let mut ledger = Ledger::new();
        // 2026-12-01 00:30 JST is still 2026-11-30 in UTC.
        ledger.redeem(&t[0], &shop, at(2026, 12, 1, 0, 30)).unwrap();
        ledger
            .redeem(&t[1], &shop, at(2026, 12, 1, 23, 59))
            .unwrap();
        ledger.redeem(&t[2], &shop, at(2026, 12, 2, 9, 0)).unwrap();
        ledger
            .redeem(&t[3], &other, at(2026, 12, 1, 12, 0))
            .unwrap();
        ledger.redeem(&t[4], &shop, at(2026, 12, 1, 12, 0)).unwrap();
        ledger
            .undo(t[4].body().id(), at(2026, 12, 1, 12, 1))
            .unwrap();
        let now = at(2026, 12, 1, 23, 59);
        assert_eq!(
            ledger.today(&shop.shop, now).unwrap(),
            Tally {
                count: 2,
                total: Yen(2_000)
            }
        );
        assert_eq!(
            ledger.this_month(&shop.shop, now).unwrap(),
            Tally {
                count: 3,
                total: Yen(3_000)
            }
        );
        assert_eq!(
            ledger.this_month(&shop.shop, at(2027, 1, 1, 0, 0)).unwrap(),
            Tally::default()
        );
        assert_eq!(ledger.today(&other.shop, now).unwrap().count, 1);
    }

    #[test]
    fn search_by_serial_text() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        for (i, ticket) in t.iter().take(12).enumerate() {
            ledger
                .redeem(ticket, &till, at(2026, 12, 5, 10, i as u32))
                .unwrap();
        }
        let serials = |q: &str| -> Vec<String> {
            ledger
                .search(q)
                .iter()
                .map(|r| r.id.serial.to_string())
                .collect()
        };
        assert_eq!(serials("202612-00003"), vec!["202612-00003"]);
        assert_eq!(serials("DEMO-K1-202612-00003"), vec!["202612-00003"]);
        assert_eq!(serials("２０２６１２－０００１１"), vec!["202612-00011"]);
        assert_eq!(serials(" 20261200011 "), vec!["202612-00011"]);
        assert_eq!(
            serials("0001"),
            vec!["202612-00011", "202612-00010", "202612-00001"]
        );
        assert_eq!(serials("").len(), 12);
        assert!(serials("202611").is_empty());
    }

    #[test]
    fn the_ledger_is_the_devices_used_lookup() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        ledger.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        ledger.redeem(&t[1], &till, at(2026, 12, 5, 10, 0)).unwrap();
        ledger
            .undo(t[1].body().id(), at(2026, 12, 5, 10, 1))
            .unwrap();
        assert_eq!(ledger.used(t[0].id()), Some(UsedBy::LocalRedemption));
        assert_eq!(ledger.used(t[1].id()), None, "undone");
        assert_eq!(ledger.used(t[2].id()), None);
        // Through the verifier: the second scan says already used.
        let verdict = crate::domain::tickets::core::ticket::verify_ticket(
            &t[0],
            &crate::domain::tickets::core::keys::demo::key_set(),
            crate::domain::tickets::core::ticket::VerifyPolicy::DEMO,
            jst_today(at(2026, 12, 5, 10, 5)),
            &ledger,
        );
        assert_eq!(verdict.code(), "already_used");
    }

    #[test]
    fn merge_keeps_every_redemption_of_both_tabs() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut base = Ledger::new();
        base.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        let mut tab_a = base.clone();
        let mut tab_b = base.clone();
        tab_a.redeem(&t[1], &till, at(2026, 12, 5, 10, 1)).unwrap();
        tab_b.redeem(&t[2], &till, at(2026, 12, 5, 10, 2)).unwrap();
        tab_b
            .undo(t[0].body().id(), at(2026, 12, 5, 10, 3))
            .unwrap();
        tab_b.redeem(&t[3], &till, at(2026, 12, 5, 10, 4)).unwrap();
        let (merged, report) = merge(tab_a.clone(), tab_b);
        let ids: Vec<_> = merged.redemptions().iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            [0, 1, 2, 3].map(|i| t[i].body().id()).to_vec(),
            "all four, in time order"
        );
        assert!(merged.redeemed(t[0].body().id()).is_none(), "undo kept");
        assert_eq!(report.added_from_memory, 2);
        assert_eq!(report.added_from_storage, 1);
        assert_eq!(report.transaction_clashes, vec![2], "both tabs numbered 2");
        assert_eq!(merged.next_transaction(), 4);
        // Merging with itself changes nothing.
        let (same, report) = merge(tab_a.clone(), tab_a.clone());
        assert_eq!(same, tab_a);
        assert_eq!(report, MergeReport::default());
    }

    #[test]
    fn merge_reports_a_ticket_both_tabs_accepted() {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut a = Ledger::new();
        let mut b = Ledger::new();
        a.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        b.redeem(&t[0], &till, at(2026, 12, 5, 10, 1)).unwrap();
        let (merged, report) = merge(a, b);
        assert_eq!(merged.len(), 2);
        assert_eq!(report.double_redemptions, vec![t[0].body().id()]);
    }

    fn sample() -> Ledger {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        for (i, ticket) in t.iter().take(5).enumerate() {
            ledger
                .redeem(ticket, &till, at(2026, 12, 5, 10, i as u32))
                .unwrap();
        }
        ledger
            .undo(t[4].body().id(), at(2026, 12, 5, 10, 5))
            .unwrap();
        ledger
    }

    #[test]
    fn the_ledger_round_trips_through_storage() {
        let ledger = sample();
        let now = at(2026, 12, 5, 11, 0);
        let raw = save(&LedgerRecord::from_ledger(&ledger), now).unwrap();
        let back = load::<LedgerRecord>(Some(&raw), now);
        assert!(matches!(back, Loaded::Clean(_)));
        assert_eq!(back.into_value().into_ledger(), ledger);
    }

    #[test]
    fn a_damaged_redemption_is_quarantined_and_the_others_load() {
        let ledger = sample();
        let now = at(2026, 12, 5, 11, 0);
        let raw = save(&LedgerRecord::from_ledger(&ledger), now).unwrap();
        let mut value: Value = serde_json::from_str(&raw).unwrap();
        // A ticket damaged in storage, and one whose id no longer matches its ticket.
        value["data"]["redemptions"][1]["ticket"] = Value::String("JK1:DAMAGED".into());
        value["data"]["redemptions"][2]["id"]["serial"]["index"] = 999.into();
        value["data"]["next_transaction"] = Value::Null;
        match load::<LedgerRecord>(Some(&value.to_string()), now) {
            Loaded::Salvaged(record, bad) => {
                assert_eq!(record.redemptions.len(), 3);
                assert_eq!(bad.len(), 2);
                assert!(bad[0].raw.contains("JK1:DAMAGED"));
                assert!(bad[1].error.to_string().contains("does not match"));
                // Numbering never reuses a damaged record's number.
                assert_eq!(record.into_ledger().next_transaction(), 6);
            }
            other => panic!("expected salvage, got {other:?}"),
        }
    }

    #[test]
    fn a_ledger_from_a_newer_app_is_quarantined_whole() {
        let raw = r#"{"version":2,"data":{"redemptions":[]}}"#;
        let loaded = load::<LedgerRecord>(Some(raw), at(2026, 12, 5, 11, 0));
        assert!(matches!(loaded, Loaded::Unreadable(..)));
        assert_eq!(loaded.quarantined()[0].raw, raw);
    }

    type Ops = Vec<(usize, u32, bool)>;

    fn apply(ledger: &mut Ledger, pool: &[Ticket], ops: &Ops, offset: u32) {
        let till = till("cafe-1", "レジ1");
        for &(i, minute, undo) in ops {
            let now = at(2026, 12, 5, 0, 0) + Duration::minutes(i64::from(offset + minute));
            if ledger.redeem(&pool[i], &till, now).is_ok() && undo {
                ledger.undo(pool[i].body().id(), now).unwrap();
            }
        }
    }

    fn ops() -> impl proptest::strategy::Strategy<Value = Ops> {
        use proptest::prelude::*;
        proptest::collection::vec((0usize..20, 0u32..600, any::<bool>()), 0..12)
    }

    proptest::proptest! {
        /// Two tabs from a common start: the merge holds every redemption of both, invents
        /// none, keeps every undo, and merging again changes nothing (in either order).
        #[test]
        fn merge_never_loses_a_redemption(base_ops in ops(), a_ops in ops(), b_ops in ops()) {
            let pool = tickets(2026, 12);
            let mut base = Ledger::new();
            apply(&mut base, &pool, &base_ops, 0);
            let mut a = base.clone();
            apply(&mut a, &pool, &a_ops, 1_000);
            let mut b = base.clone();
            apply(&mut b, &pool, &b_ops, 1_000);
            let (m, _) = merge(a.clone(), b.clone());
            for r in a.redemptions().iter().chain(b.redemptions()) {
                let kept: Vec<&Redemption> =
                    m.redemptions().iter().filter(|x| x.same_event(r)).collect();
                proptest::prop_assert_eq!(kept.len(), 1);
                if r.undone_at.is_some() {
                    proptest::prop_assert!(kept[0].undone_at.is_some());
                }
            }
            for x in m.redemptions() {
                proptest::prop_assert!(a
                    .redemptions()
                    .iter()
                    .chain(b.redemptions())
                    .any(|r| r.same_event(x)));
            }
            proptest::prop_assert!(m.next_transaction() >= a.next_transaction());
            proptest::prop_assert!(m.next_transaction() >= b.next_transaction());
            let (again, _) = merge(m.clone(), a.clone());
            proptest::prop_assert_eq!(&again, &m);
            let (swapped, _) = merge(b, a);
            proptest::prop_assert_eq!(&swapped, &m);
        }
    }

    #[test]
    fn forget_keeps_unclaimed_redemptions() {
        let dec = tickets(2026, 12);
        let jan = tickets(2027, 1);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        ledger
            .redeem(&dec[0], &till, at(2026, 12, 5, 10, 0))
            .unwrap();
        ledger
            .redeem(&dec[1], &till, at(2026, 12, 5, 10, 1))
            .unwrap();
        ledger
            .undo(dec[1].body().id(), at(2026, 12, 5, 10, 2))
            .unwrap();
        let period = YearMonth::new(2026, 12).unwrap();
        crate::domain::tickets::shop::export::export_claim(
            &mut ledger,
            &till,
            period,
            at(2027, 1, 1, 9, 0),
        )
        .unwrap();
        ledger
            .redeem(&dec[2], &till, at(2026, 12, 31, 23, 0))
            .unwrap(); // late, unclaimed
        ledger
            .redeem(&jan[0], &till, at(2027, 1, 2, 10, 0))
            .unwrap();
        assert_eq!(ledger.forget_before(YearMonth::new(2027, 1).unwrap()), 2);
        let left: Vec<TicketId> = ledger.redemptions().iter().map(|r| r.id).collect();
        assert_eq!(left, vec![dec[2].body().id(), jan[0].body().id()]);
        assert!(ledger.claims().is_empty());
        assert_eq!(ledger.next_transaction(), 5);
    }

    #[test]
    fn device_labels() {
        assert_eq!(DeviceLabel::parse(" レジ1 ").unwrap().as_str(), "レジ1");
        assert!(DeviceLabel::parse("").is_err());
        assert!(DeviceLabel::parse("a\nb").is_err());
        assert!(DeviceLabel::parse(&"あ".repeat(21)).is_err());
        assert!(serde_json::from_str::<DeviceLabel>("\" レジ1\"").is_err());
    }
}

/// Golden fixtures: a version-1 ledger as the app stored it, with one claim exported; the
/// claim exports again byte for byte as the golden claim files.
#[cfg(test)]
mod fixtures {
    use super::tests::{at, tickets};
    use super::*;
    use crate::domain::shared::persist::{load, Loaded};
    use crate::domain::tickets::core::claim::Claim;
    use crate::domain::tickets::shop::export::reexport_claim;

    const LEDGER_V1: &str = include_str!("../../../../tests/fixtures/storage/shop-ledger-v1.json");
    const CLAIM_JSON: &str = include_str!("../../../../tests/fixtures/claims/claim-v1.json");
    const CLAIM_CSV: &str = include_str!("../../../../tests/fixtures/claims/claim-v1.csv");

    #[test]
    fn ledger_v1_loads_and_its_claim_exports_identically() {
        let ledger = match load::<LedgerRecord>(Some(LEDGER_V1), at(2027, 1, 5, 9, 0)) {
            Loaded::Clean(record) => record.into_ledger(),
            other => panic!("expected a clean load, got {other:?}"),
        };
        let t = tickets(2026, 12);
        assert_eq!(ledger.len(), 4);
        assert_eq!(ledger.next_transaction(), 5);
        assert!(ledger.redeemed(t[1].body().id()).is_none(), "undone");
        assert_eq!(
            ledger.redeemed(t[3].body().id()).map(|r| r.transaction),
            Some(4)
        );
        let claim = &ledger.claims()[0];
        assert_eq!(claim.count, 2);
        let again = reexport_claim(&ledger, &claim.header.id).unwrap();
        assert_eq!(again.to_json(), CLAIM_JSON);
        assert_eq!(again.to_csv("（見本）買物公園カフェ"), CLAIM_CSV);
        assert_eq!(Claim::from_json(CLAIM_JSON).unwrap(), again);
    }
}

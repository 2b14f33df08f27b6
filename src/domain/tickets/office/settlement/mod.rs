//! The office's settlement of shop claims: import, re-verify, dedup, pay, charge, publish.
//! Inputs, rules, outputs and a worked example: `docs/settlement.md`.
//!
//! A run ([`Settlement`]) starts from the previous month's [`SettlementState`], imports
//! claim files ([`Settlement::import_file`]; the same file twice changes nothing, a refused
//! file is listed in the report), checks their lines a chunk at a time ([`Settlement::step`], so a page can show progress), and
//! [`Settlement::finish`]es into a [`SettlementReport`]: payouts per shop, charges per
//! employer and for the city, every rejected line with its reason, every duplicate with
//! the recipient the ticket traces to, the tickets newly settled (for the used data) and
//! the state to carry over.
//!
//! The ticket check, the shop check, the recipient lookup and the issuance register are
//! injected ([`SettlementChecks`]), so this module does not depend on how keys, used data,
//! the certified list or the register are stored. Each line is checked in order: its date
//! against the run ([`Settlement::with_today`]), the ticket, the register ([`as_issued`]),
//! the shop.

mod claims_auth;
mod duplicates;
mod files;
mod issued;
mod report;
mod shop_master;
mod state;
mod till_numbers;
mod worker;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::date::{iso_date, jst_today, to_jst};
use crate::domain::shared::money::{Overflow, Yen};
use crate::domain::shared::text::{I18n, Lang};
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::claim::{
    csv_document, instant_text, parse_period, Cell, Claim, ClaimError, ClaimHeader, ClaimId,
};
use crate::domain::tickets::core::keys::{KeyId, KeySet};
use crate::domain::tickets::core::shops::{Directory, ShopId};
use crate::domain::tickets::core::ticket::{
    known_code, verify_ticket, EmployerId, Serial, Ticket, TicketBody, TicketId, VerifyPolicy,
    YearMonth,
};
use crate::domain::tickets::core::used::NothingUsed;
use crate::domain::tickets::office::issuance::Register;

/// Whether a shop may be paid for a redemption on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopStatus {
    Certified,
    /// Not in the certified list at all.
    NotListed,
    /// Listed, but not certified on that day (certification dates, when the list has them).
    NotCertifiedOn,
}

/// What settlement needs from the rest of the office, injected.
pub trait SettlementChecks {
    /// Re-verifies `ticket` as on JST date `redeemed_on`, with the key list valid for it and
    /// no used data, and returns the verdict's code (`Verdict::code`): `"valid"`,
    /// `"forged"`, `"unknown_key"`, `"demo_not_accepted"`, `"expired"`, … .
    fn verify(&self, ticket: &Ticket, redeemed_on: NaiveDate) -> &'static str;
    /// Was `shop` certified on `redeemed_on`?
    fn shop(&self, shop: &ShopId, redeemed_on: NaiveDate) -> ShopStatus;
    /// The recipient a ticket was issued to, from the issuance register (a label for
    /// reports, e.g. `R-0123 旭川 花子`), or `None` if the register does not know it.
    fn recipient(&self, id: TicketId) -> Option<String>;
    /// The issuance register's verdict on a ticket that verified ([`as_issued`]): `None`
    /// when it was issued as it states (or when there is no register, see
    /// [`SettlementChecks::register_checked`]).
    fn issued(&self, ticket: &Ticket, redeemed_on: NaiveDate) -> Option<Reason>;
    /// Is there a register to check against? Only a demo run may have none
    /// ([`checks::settlement_checks`] refuses a production run without one); the summary
    /// then says the check was not made.
    fn register_checked(&self) -> bool;
    /// Which shop list [`SettlementChecks::shop`] reads: the office's shop master (with
    /// how the opened feed's list differs from it) or, in a demo run without one, the
    /// feed's ([`checks::settlement_checks`]); the summary says which.
    fn shop_list(&self) -> ShopList;
}

/// [`SettlementChecks`] from three closures, the issuance register (`None`: not
/// checked, demo runs only) and which shop list `shop` reads.
pub struct Checks<'r, V, S, R> {
    pub verify: V,
    pub shop: S,
    pub recipient: R,
    pub register: Option<&'r Register>,
    pub shop_list: ShopList,
}

impl<V, S, R> SettlementChecks for Checks<'_, V, S, R>
where
    V: Fn(&Ticket, NaiveDate) -> &'static str,
    S: Fn(&ShopId, NaiveDate) -> ShopStatus,
    R: Fn(TicketId) -> Option<String>,
{
    fn verify(&self, ticket: &Ticket, redeemed_on: NaiveDate) -> &'static str {
        (self.verify)(ticket, redeemed_on)
    }
    fn shop(&self, shop: &ShopId, redeemed_on: NaiveDate) -> ShopStatus {
        (self.shop)(shop, redeemed_on)
    }
    fn recipient(&self, id: TicketId) -> Option<String> {
        (self.recipient)(id)
    }
    fn issued(&self, ticket: &Ticket, redeemed_on: NaiveDate) -> Option<Reason> {
        self.register
            .and_then(|register| as_issued(register, ticket, redeemed_on))
    }
    fn register_checked(&self) -> bool {
        self.register.is_some()
    }
    fn shop_list(&self) -> ShopList {
        self.shop_list.clone()
    }
}

/// A verifier over one key set and policy (the common case), for [`Checks::verify`].
pub fn verify_with<'a>(
    keys: &'a KeySet,
    policy: VerifyPolicy,
) -> impl Fn(&Ticket, NaiveDate) -> &'static str + 'a {
    move |ticket, day| verify_ticket(ticket, keys, policy, day, &NothingUsed).code()
}

/// A shop check over the feed's certified-shop list: listed and certified on the day
/// (inside `certified_from`..=`certified_until` when the list has them) → certified;
/// listed but outside its dates → not certified on that day. Demo shops count only when
/// `accept_demo`.
pub fn shops_in(
    directory: &Directory,
    accept_demo: bool,
) -> impl Fn(&ShopId, NaiveDate) -> ShopStatus {
    let listed: HashMap<ShopId, (Option<NaiveDate>, Option<NaiveDate>)> = directory
        .shops()
        .iter()
        .filter(|s| accept_demo || !s.demo)
        .map(|s| (s.id.clone(), (s.certified_from, s.certified_until)))
        .collect();
    move |shop, day| match listed.get(shop) {
        None => ShopStatus::NotListed,
        Some((from, until)) if from.is_some_and(|f| day < f) || until.is_some_and(|u| u < day) => {
            ShopStatus::NotCertifiedOn
        }
        Some(_) => ShopStatus::Certified,
    }
}

/// Why a claimed redemption is not paid. Every code is in `docs/settlement.md`'s table (a
/// test reads it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Dated (JST) after the run's today: a shop's clock, or a line made up.
    RedeemedInFuture { today: NaiveDate },
    /// Dated in a month after the month being settled.
    RedeemedAfterRunMonth,
    /// The signature does not verify: altered or made up.
    Forged,
    /// Signed with a key the office's key list does not have.
    UnknownKey,
    /// The ticket's first day is outside its key's window (`not_before`..=`not_after`).
    KeyNotValidForTicket,
    /// Outside the issuing key's bounds (face value, validity length or end).
    OutsideKeyBounds,
    /// A demo ticket in production.
    Demo,
    /// Redeemed (by the shop's clock) after the ticket's last day.
    RedeemedAfterExpiry,
    /// Redeemed (by the shop's clock) before the ticket's first day.
    RedeemedBeforeValid,
    /// The ticket is not a well-formed ticket.
    Malformed,
    /// Any other verdict (its code).
    Verdict(&'static str),
    /// The issuance register has no allocation holding this serial.
    NotIssued,
    /// The register's allocation for this serial says otherwise: which field differs first.
    NotAsIssued(Mismatch),
    /// The allocation was replaced (its issuer key withdrawn) before the redemption day.
    Replaced { on: Option<NaiveDate> },
    /// The shop is not in the certified list.
    ShopNotCertified,
    /// The shop was not certified on the redemption day.
    ShopNotCertifiedOn,
}

/// The first field in which a ticket differs from its allocation in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    Employer,
    FaceValue,
    EmployerShare,
    ValidFrom,
    ValidUntil,
}

impl Mismatch {
    /// The field's name (as in the register file).
    pub fn field(self) -> &'static str {
        match self {
            Mismatch::Employer => "employer",
            Mismatch::FaceValue => "face_value",
            Mismatch::EmployerShare => "employer_share",
            Mismatch::ValidFrom => "valid_from",
            Mismatch::ValidUntil => "valid_until",
        }
    }
}

impl Reason {
    fn from_code(code: &'static str) -> Option<Self> {
        Some(match code {
            "valid" => return None,
            "forged" => Reason::Forged,
            "unknown_key" => Reason::UnknownKey,
            "key_not_valid_for_ticket" => Reason::KeyNotValidForTicket,
            "outside_key_bounds" => Reason::OutsideKeyBounds,
            "demo_not_accepted" => Reason::Demo,
            "expired" => Reason::RedeemedAfterExpiry,
            "not_yet_valid" => Reason::RedeemedBeforeValid,
            "malformed" => Reason::Malformed,
            other => Reason::Verdict(other),
        })
    }

    /// Stable machine name for CSV and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::RedeemedInFuture { .. } => "redeemed_in_future",
            Reason::RedeemedAfterRunMonth => "redeemed_after_run_month",
            Reason::Forged => "forged",
            Reason::UnknownKey => "unknown_key",
            Reason::KeyNotValidForTicket => "key_not_valid_for_ticket",
            Reason::OutsideKeyBounds => "outside_key_bounds",
            Reason::Demo => "demo",
            Reason::RedeemedAfterExpiry => "redeemed_after_expiry",
            Reason::RedeemedBeforeValid => "redeemed_before_valid",
            Reason::Malformed => "malformed",
            Reason::Verdict(code) => code,
            Reason::NotIssued => "not_issued",
            Reason::NotAsIssued(_) => "not_as_issued",
            Reason::Replaced { .. } => "replaced",
            Reason::ShopNotCertified => "shop_not_certified",
            Reason::ShopNotCertifiedOn => "shop_not_certified_on_day",
        }
    }
}

impl Wording for Reason {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Reason::RedeemedInFuture { today } => {
                let today = iso_date(*today);
                say!(
                    lang,
                    "受付日時が精算日 {today} より後",
                    "redeemed after the settlement day {today}",
                )
            }
            Reason::RedeemedAfterRunMonth => say(
                lang,
                "受付日時が精算する月より後の月",
                "redeemed in a month after the month settled",
            ),
            Reason::Forged => say(
                lang,
                "偽造または改ざん（署名が一致しません）",
                "forged or altered (signature does not match)",
            ),
            Reason::UnknownKey => say(
                lang,
                "市の鍵一覧にない鍵で署名",
                "signed with a key not in the city's key list",
            ),
            Reason::KeyNotValidForTicket => say(
                lang,
                "券の利用開始日が発行鍵の有効期間外",
                "the ticket's first day is outside its issuer key's window",
            ),
            Reason::OutsideKeyBounds => say(
                lang,
                "発行鍵の上限（額面・有効期間）を超える券",
                "outside the issuer key's bounds (face value, validity)",
            ),
            Reason::Demo => say(lang, "見本（デモ）券", "demo ticket"),
            Reason::RedeemedAfterExpiry => say(
                lang,
                "有効期限後の受付",
                "redeemed after the ticket expired",
            ),
            Reason::RedeemedBeforeValid => say(
                lang,
                "利用開始日前の受付",
                "redeemed before the ticket's first day",
            ),
            Reason::Malformed => say(
                lang,
                "券の形式が正しくありません",
                "not a well-formed ticket",
            ),
            Reason::Verdict(code) => say!(
                lang,
                "検証で受け付けられません（{code}）",
                "refused by verification ({code})",
            ),
            Reason::NotIssued => say(
                lang,
                "発行台帳にない券番号（市が発行していません）",
                "serial not in the issuance register (not issued by the city)",
            ),
            Reason::NotAsIssued(m) => {
                let field = m.field();
                say!(
                    lang,
                    "発行台帳の内容と違う券（{field}）",
                    "differs from its issuance register entry ({field})",
                )
            }
            Reason::Replaced { on: Some(on) } => {
                let on = iso_date(*on);
                say!(
                    lang,
                    "{on} に差し替えられた券（差し替え後の受付）",
                    "replaced on {on} (redeemed after the replacement)",
                )
            }
            Reason::Replaced { on: None } => say(
                lang,
                "差し替えられた券（差し替え日が不明）",
                "replaced (the replacement day is not known)",
            ),
            Reason::ShopNotCertified => say(
                lang,
                "認定店舗一覧にない店舗",
                "shop not in the certified list",
            ),
            Reason::ShopNotCertifiedOn => say(
                lang,
                "受付日に認定されていない店舗",
                "shop not certified on the redemption day",
            ),
        }
    }
}

/// Japanese / English, as the problems CSV's reason column has it.
impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::domain::shared::wording::both(self))
    }
}

/// A redemption as a claim states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub ticket: TicketId,
    pub shop: ShopId,
    pub claim: ClaimId,
    /// The shop's transaction number; 0 for a redemption paid in an earlier run (the
    /// state keeps shop, time and claim only).
    pub transaction: u32,
    pub redeemed_at: DateTime<Utc>,
}

/// A claimed redemption that is not paid, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub line: Claimed,
    pub reason: Reason,
    pub face_value: Yen,
    /// Who the ticket (as it claims to be) was issued to.
    pub recipient: Option<String>,
}

/// How a duplicate arose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateKind {
    /// The same shop claimed the ticket twice (two tills, or a restored ledger).
    SameShop,
    /// Another shop redeemed the ticket first.
    OtherShop,
    /// The ticket was settled in an earlier run (month).
    SettledEarlier { run: YearMonth },
}

impl DuplicateKind {
    pub fn code(&self) -> &'static str {
        match self {
            DuplicateKind::SameShop => "duplicate_same_shop",
            DuplicateKind::OtherShop => "duplicate_other_shop",
            DuplicateKind::SettledEarlier { .. } => "duplicate_settled_earlier",
        }
    }
}

/// A ticket claimed more than once: the redemption paid and one that is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub kind: DuplicateKind,
    /// The redemption that was (or earlier had been) paid.
    pub paid: Claimed,
    /// The redemption refused.
    pub refused: Claimed,
    pub face_value: Yen,
    /// Who the ticket was issued to (the issuance register).
    pub recipient: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// Queued for verification.
    Added { lines: usize },
    /// The same file was already imported (this run or an earlier one): nothing changes.
    SameFileAgain,
}

/// Why a claim file is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ImportError {
    Unreadable(#[from] ClaimError),
    IdReused(ClaimId),
    /// Refused for its signature (`claims_auth`): `claim_unsigned`, `claim_wrong_key`,
    /// `claim_bad_signature`.
    Refused {
        code: AuthRefusal,
        shop: ShopId,
        claim: ClaimId,
    },
    /// Not a claim file at all (`claim_file_text`): the shop's record CSV, a workbook.
    NotAClaim(NotAClaimFile),
}

impl Wording for ImportError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Unreadable(e) => e.wording(lang),
            Self::IdReused(id) => say!(
                lang,
                "請求番号 {id} は内容の違う別の請求で使われています",
                "claim id {id} was already used by a claim with different content",
            ),
            Self::Refused { code, shop, claim } => code.wording(lang, shop, claim),
            Self::NotAClaim(e) => e.wording(lang),
        }
    }
}

/// Why a run could not be completed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum SettleError {
    Overflow(#[from] Overflow),
    Unreconciled { payouts: Yen, charges: Yen },
    NotFinished,
}

impl Wording for SettleError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Overflow(e) => e.wording(lang),
            Self::Unreconciled { payouts, charges } => {
                let (payouts, charges) = (payouts.in_lang(lang), charges.in_lang(lang));
                say!(
                    lang,
                    "支払額の合計 {payouts} と請求額の合計 {charges} が一致しません",
                    "payouts {payouts} and charges {charges} do not reconcile",
                )
            }
            Self::NotFinished => say(lang, "精算の途中です", "the settlement has not finished"),
        }
    }
}

/// Verification progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }
}

pub use claims_auth::*;
pub use duplicates::*;
pub use files::*;
pub use issued::*;
pub use report::*;
pub use shop_master::*;
pub use state::*;
pub use till_numbers::*;
pub use worker::*;

/// A line waiting to be verified or verified valid.
#[derive(Debug, Clone)]
struct Line {
    /// Index into `Settlement::headers` (import order).
    claim: u32,
    /// Position in its claim.
    seq: u32,
    ticket: Ticket,
    transaction: u32,
    redeemed_at: DateTime<Utc>,
}

/// One settlement run in progress.
#[derive(Debug, Clone)]
pub struct Settlement {
    run: YearMonth,
    state: SettlementState,
    headers: Vec<(ClaimHeader, String)>,
    /// Claim ids belong to their shop: (shop, claim id) → digest.
    in_run: HashMap<(ShopId, ClaimId), String>,
    queue: Vec<Line>,
    cursor: usize,
    seen: HashSet<(TicketId, u32, DateTime<Utc>)>,
    shop_index: HashMap<ShopId, u32>,
    valid: Vec<Line>,
    rejections: Vec<Rejection>,
    repeated_files: Vec<ClaimId>,
    repeated_lines: usize,
    totals: Totals,
    /// Verdicts for queued lines (by queue index) computed on another thread
    /// ([`Settlement::verified_ahead`]); `step` uses them instead of verifying again.
    ahead: HashMap<usize, &'static str>,
    /// Signatures, till numbering and reviews (`claims_auth`, `till_numbers`, `duplicates`).
    claims_extra: ClaimsExtra,
    /// Claim files refused as a whole, in import order ([`Settlement::import_file`]).
    refused_files: Vec<RefusedFile>,
    /// The run's JST day ([`Settlement::with_today`]).
    today: Option<NaiveDate>,
    /// Whether the checks had an issuance register.
    register_checked: bool,
    /// The shops' names from the feed's list ([`Settlement::with_shop_names`]).
    shop_names: BTreeMap<ShopId, I18n>,
    /// The shop list the checks used (taken once, when totalling starts).
    shop_list: Option<ShopList>,
}

fn shop_number(index: &mut HashMap<ShopId, u32>, shop: &ShopId) -> u32 {
    let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
    *index.entry(shop.clone()).or_insert(next)
}

impl Settlement {
    /// Starts the run for month `run` from the state the previous run left.
    pub fn new(run: YearMonth, previous: SettlementState) -> Self {
        Self {
            run,
            state: previous,
            headers: Vec::new(),
            in_run: HashMap::new(),
            queue: Vec::new(),
            cursor: 0,
            seen: HashSet::new(),
            shop_index: HashMap::new(),
            valid: Vec::new(),
            rejections: Vec::new(),
            repeated_files: Vec::new(),
            repeated_lines: 0,
            totals: Totals::default(),
            ahead: HashMap::new(),
            claims_extra: ClaimsExtra::default(),
            refused_files: Vec::new(),
            today: None,
            register_checked: false,
            shop_names: BTreeMap::new(),
            shop_list: None,
        }
    }

    /// The shops' names from the feed's certified list (every shop listed, demo or not):
    /// the report names each shop with them beside its id (screen, CSVs, summary). A shop
    /// the list does not have is written by its id alone.
    pub fn with_shop_names(mut self, directory: &Directory) -> Self {
        self.shop_names = directory
            .shops()
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        self
    }

    /// The run's JST day (the CLI's `--today`, the page's clock): a redemption dated after
    /// it is refused (`redeemed_in_future`). Without it only redemptions in a month after
    /// the run's are refused (`redeemed_after_run_month`).
    pub fn with_today(mut self, today: NaiveDate) -> Self {
        self.today = Some(today);
        self
    }

    /// **Rule: no redemption from the future.** Why a line dated `day` (JST) cannot be
    /// settled in this run, before anything else is checked.
    fn dated_wrong(&self, day: NaiveDate) -> Option<Reason> {
        match self.today {
            Some(today) if day > today => Some(Reason::RedeemedInFuture { today }),
            _ if YearMonth::of(day) > self.run => Some(Reason::RedeemedAfterRunMonth),
            _ => None,
        }
    }

    /// Parses one claim file (signed or not), checks its signature against the shop key
    /// register ([`ClaimAuth`]) and imports it. A refused file is only returned as the
    /// error; the page and the tool use [`Settlement::import_file`], which also keeps it in
    /// the report by name.
    pub fn import_json(&mut self, json: &str) -> Result<ImportOutcome, ImportError> {
        self.import_signed(None, json)
    }

    /// Imports a claim that came without a signature: refused (`claim_unsigned`) in a
    /// production run, accepted and marked in a demo run.
    pub fn import(&mut self, claim: &Claim) -> Result<ImportOutcome, ImportError> {
        if self.claims_extra.auth.require_signed {
            return Err(ImportError::Refused {
                code: AuthRefusal::Unsigned,
                shop: claim.header().shop.clone(),
                claim: claim.id().clone(),
            });
        }
        self.import_as(claim, Authenticity::Unsigned)
    }

    /// **Rule: the same file twice changes nothing; a claim id belongs to its shop.**
    /// Queues a claim's lines, unless this shop imported a claim with this id before (this
    /// run or an earlier one): then the same content (SHA-256 of the claim file) is
    /// ignored and different content is refused. Another shop's use of the id is no
    /// obstacle.
    fn import_checked(&mut self, claim: &Claim) -> Result<ImportOutcome, ImportError> {
        let sum = claim_digest(claim);
        let key = (claim.header().shop.clone(), claim.id().clone());
        let earlier = self.in_run.get(&key).cloned().or_else(|| {
            self.state
                .claim_index
                .get(&key)
                .and_then(|&i| self.state.claims.get(i as usize))
                .map(|c| c.digest.clone())
        });
        if let Some(earlier) = earlier {
            if same_digest(&earlier, claim) {
                self.repeated_files.push(claim.id().clone());
                return Ok(ImportOutcome::SameFileAgain);
            }
            return Err(ImportError::IdReused(claim.id().clone()));
        }
        let index = u32::try_from(self.headers.len()).unwrap_or(u32::MAX);
        self.in_run.insert(key, sum.clone());
        self.headers.push((claim.header().clone(), sum));
        for (seq, l) in claim.lines().iter().enumerate() {
            self.queue.push(Line {
                claim: index,
                seq: u32::try_from(seq).unwrap_or(u32::MAX),
                ticket: l.ticket.clone(),
                transaction: l.transaction,
                redeemed_at: l.redeemed_at,
            });
        }
        Ok(ImportOutcome::Added {
            lines: claim.count(),
        })
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.cursor,
            total: self.queue.len(),
        }
    }

    fn claimed(&self, line: &Line) -> Option<Claimed> {
        let (h, _) = self.headers.get(line.claim as usize)?;
        Some(Claimed {
            ticket: line.ticket.body().id(),
            shop: h.shop.clone(),
            claim: h.id.clone(),
            transaction: line.transaction,
            redeemed_at: line.redeemed_at,
        })
    }

    /// **Rule: re-verify every line.** Verifies up to `max_lines` queued lines (call
    /// again until [`Progress::is_complete`]; a page yields between calls). A line that
    /// repeats one already seen (same ticket, shop and time) is skipped; the others are
    /// checked with `checks` on the JST day of their redemption.
    pub fn step(&mut self, checks: &dyn SettlementChecks, max_lines: usize) -> Progress {
        self.register_checked = checks.register_checked();
        let end = self.cursor.saturating_add(max_lines).min(self.queue.len());
        while self.cursor < end {
            let Some(line) = self.queue.get(self.cursor).cloned() else {
                break;
            };
            let ahead = self.ahead.remove(&self.cursor);
            self.cursor += 1;
            let Some((header, _)) = self.headers.get(line.claim as usize) else {
                continue;
            };
            let shop = header.shop.clone();
            let id = line.ticket.body().id();
            let shop_no = shop_number(&mut self.shop_index, &shop);
            if !self.seen.insert((id, shop_no, line.redeemed_at)) {
                self.repeated_lines += 1;
                continue;
            }
            if let Some((earlier, at)) = self.state.settled(id) {
                if earlier.shop == shop && at == line.redeemed_at {
                    // The very redemption already paid, sent again under another claim.
                    self.repeated_lines += 1;
                    continue;
                }
            }
            // In order: the date, the ticket, the register, the shop; the first failure
            // is the reason.
            let day = jst_today(line.redeemed_at);
            let reason = self
                .dated_wrong(day)
                .or_else(|| {
                    let code = ahead.unwrap_or_else(|| checks.verify(&line.ticket, day));
                    Reason::from_code(code)
                })
                .or_else(|| checks.issued(&line.ticket, day))
                .or_else(|| match checks.shop(&shop, day) {
                    ShopStatus::Certified => None,
                    ShopStatus::NotListed => Some(Reason::ShopNotCertified),
                    ShopStatus::NotCertifiedOn => Some(Reason::ShopNotCertifiedOn),
                });
            match (reason, self.claimed(&line)) {
                (None, _) => self.valid.push(line),
                (Some(reason), Some(claimed)) => self.rejections.push(Rejection {
                    line: claimed,
                    reason,
                    face_value: line.ticket.body().face_value(),
                    recipient: checks.recipient(id),
                }),
                (Some(_), None) => {}
            }
        }
        self.progress()
    }

    /// Verifying ahead on another thread (a page's worker, see [`VerifyAhead`]): the
    /// queued lines `from..from + max` not yet verified, as (queue index, ticket text, the
    /// JST day of the redemption) — exactly what `checks.verify` would be asked.
    pub fn lines_to_verify(&self, from: usize, max: usize) -> Vec<(usize, String, NaiveDate)> {
        let from = from.max(self.cursor);
        let end = from.saturating_add(max).min(self.queue.len());
        (from..end)
            .filter_map(|i| {
                let line = self.queue.get(i)?;
                Some((i, line.ticket.to_text(), jst_today(line.redeemed_at)))
            })
            .collect()
    }

    /// A verdict code for queued line `index`, computed elsewhere with the same key set
    /// and policy as `checks.verify` ([`VerifyAhead::answer`]). Ignored (`false`) for a
    /// line already verified or an unknown code; the line is then verified here as usual.
    pub fn verified_ahead(&mut self, index: usize, code: &str) -> bool {
        match known_code(code) {
            Some(code) if index >= self.cursor && index < self.queue.len() => {
                self.ahead.insert(index, code);
                true
            }
            _ => false,
        }
    }

    /// **Rules: first redemption wins; money reconciles.** Verifies what is left, then
    /// resolves duplicates (per ticket the earliest redemption time wins, ties going to
    /// the earlier-imported claim and then the earlier line; a ticket settled in an
    /// earlier run is never paid again), pays shops and charges employers and the city
    /// the shares each ticket states, and returns the report with the state to carry over.
    /// In one call; a page calls [`Settlement::total_step`] until it is done, then
    /// [`Settlement::into_report`] — the same report.
    pub fn finish(
        mut self,
        checks: &dyn SettlementChecks,
    ) -> Result<SettlementReport, SettleError> {
        while !self.total_step(checks, 50_000) {}
        self.into_report()
    }

    /// One bounded piece of the work after import: verification first (as
    /// [`Settlement::step`]), then the totalling — about `max_lines` lines per call, apart
    /// from one sort of the valid lines' keys. `true` once everything is done.
    pub fn total_step(&mut self, checks: &dyn SettlementChecks, max_lines: usize) -> bool {
        self.register_checked = checks.register_checked();
        if self.shop_list.is_none() {
            self.shop_list = Some(checks.shop_list());
        }
        if !self.progress().is_complete() {
            self.step(checks, max_lines);
            return false;
        }
        let mut t = std::mem::take(&mut self.totals);
        let max = max_lines.max(1);
        match t.phase {
            TotalPhase::Keys => {
                if t.pos == 0 {
                    self.check_tills_once();
                    // Claim records for the state, in import order.
                    for (h, sum) in &self.headers {
                        t.claim_no.push(self.state.add_claim(ClaimRecord {
                            id: h.id.clone(),
                            shop: h.shop.clone(),
                            period: h.period,
                            run: self.run,
                            digest: sum.clone(),
                        }));
                    }
                }
                let end = t.pos.saturating_add(max).min(self.valid.len());
                for (i, l) in self.valid.iter().enumerate().take(end).skip(t.pos) {
                    let i = u32::try_from(i).unwrap_or(u32::MAX);
                    t.order
                        .push((l.ticket.body().id(), l.redeemed_at, l.claim, l.seq, i));
                }
                t.pos = end;
                if end == self.valid.len() {
                    t.phase = TotalPhase::Sort;
                }
            }
            TotalPhase::Sort => {
                // Sorted as small keys, not the lines themselves. (claim, seq) is unique
                // per line, so the order is total and the result stable.
                t.order.sort_unstable();
                t.phase = TotalPhase::Group;
                t.pos = 0;
            }
            TotalPhase::Group => {
                let mut done = 0;
                while done < max && t.pos < t.order.len() {
                    let id = t.order.get(t.pos).map(|k| k.0);
                    let mut end = t.pos;
                    while end < t.order.len() && t.order.get(end).map(|k| k.0) == id {
                        end += 1;
                    }
                    let group: Vec<u32> = t
                        .order
                        .get(t.pos..end)
                        .unwrap_or_default()
                        .iter()
                        .map(|k| k.4)
                        .collect();
                    done += end - t.pos;
                    t.pos = end;
                    if let Some(id) = id {
                        self.resolve(&mut t, id, &group, checks);
                    }
                }
                if t.pos >= t.order.len() {
                    t.phase = TotalPhase::Money;
                    t.pos = 0;
                    t.order = Vec::new();
                    if let Err(e) = self.pay_decided_pending(&mut t, checks) {
                        t.error = Some(e);
                        t.phase = TotalPhase::Done;
                    }
                }
            }
            TotalPhase::Money => {
                let end = t.pos.saturating_add(max).min(t.paid.len());
                let result = self.pay(&mut t, end);
                t.pos = end;
                if let Err(e) = result {
                    t.error = Some(e);
                    t.phase = TotalPhase::Done;
                } else if end == t.paid.len() {
                    t.phase = TotalPhase::Done;
                }
            }
            TotalPhase::Done => {}
        }
        let done = t.phase == TotalPhase::Done;
        self.totals = t;
        done
    }

    /// Resolves one ticket's valid lines (indices into `valid`, earliest first).
    fn resolve(
        &mut self,
        t: &mut Totals,
        id: TicketId,
        group: &[u32],
        checks: &dyn SettlementChecks,
    ) {
        if self.state.settled(id).is_none() && self.contest(t, id, group, checks) {
            return;
        }
        let lines: Vec<&Line> = group
            .iter()
            .filter_map(|&i| self.valid.get(i as usize))
            .collect();
        let (Some(&first_index), Some(first)) = (group.first(), lines.first().copied()) else {
            return;
        };
        let earlier = self.state.settled(id).map(|(c, at)| {
            (
                Claimed {
                    ticket: id,
                    shop: c.shop.clone(),
                    claim: c.id.clone(),
                    transaction: 0,
                    redeemed_at: at,
                },
                c.run,
            )
        });
        let (winner, losers, settled_in) = match earlier {
            Some((before, before_run)) => (before, lines.as_slice(), Some(before_run)),
            None => {
                t.paid.push(first_index);
                let Some(winner) = self.claimed(first) else {
                    return;
                };
                (winner, lines.get(1..).unwrap_or_default(), None)
            }
        };
        if losers.is_empty() {
            return;
        }
        let recipient = checks.recipient(id);
        for refused in losers.iter().filter_map(|l| self.claimed(l)) {
            let kind = match settled_in {
                Some(run) => DuplicateKind::SettledEarlier { run },
                None if refused.shop == winner.shop => DuplicateKind::SameShop,
                None => DuplicateKind::OtherShop,
            };
            t.duplicates.push(Duplicate {
                kind,
                paid: winner.clone(),
                refused,
                face_value: first.ticket.body().face_value(),
                recipient: recipient.clone(),
            });
        }
    }

    /// Money for the paid lines `t.pos..end`.
    fn pay(&mut self, t: &mut Totals, end: usize) -> Result<(), SettleError> {
        for k in t.pos..end {
            let Some(&i) = t.paid.get(k) else {
                break;
            };
            let Some(l) = self.valid.get(i as usize) else {
                continue;
            };
            let body = l.ticket.body();
            let Some((h, _)) = self.headers.get(l.claim as usize) else {
                continue;
            };
            t.pay(&h.shop, body)?;
            let claim = t
                .claim_no
                .get(l.claim as usize)
                .copied()
                .unwrap_or(u32::MAX);
            self.state.settled.insert(
                body.id(),
                SettledTicket {
                    claim,
                    redeemed_at: l.redeemed_at,
                },
            );
            t.settled.push(SettledLine {
                ticket: body.id(),
                claim: l.claim,
                transaction: l.transaction,
                redeemed_at: l.redeemed_at,
                face_value: body.face_value(),
                employer: body.employer(),
                employer_share: body.employer_share(),
                city_share: body.city_share(),
            });
        }
        Ok(())
    }

    /// The report, once [`Settlement::total_step`] said done ([`SettleError::NotFinished`]
    /// before that).
    pub fn into_report(mut self) -> Result<SettlementReport, SettleError> {
        if self.totals.phase != TotalPhase::Done {
            return Err(SettleError::NotFinished);
        }
        let run = self.run;
        let mut t = std::mem::take(&mut self.totals);
        if let Some(e) = t.error.take() {
            return Err(e);
        }
        let claims_check = self.claims_check();
        let mut state = std::mem::take(&mut self.state);
        let total_payout = Yen::sum(t.payouts.values().map(|t| t.amount))?;
        let total_employers = Yen::sum(t.employers.values().map(|t| t.amount))?;
        let total_charges = total_employers.checked_add(t.city.amount)?;
        if total_payout != total_charges {
            return Err(SettleError::Unreconciled {
                payouts: total_payout,
                charges: total_charges,
            });
        }
        if !state.runs.contains(&run) {
            state.runs.push(run);
        }
        let mut settled = t.settled;
        settled.sort_unstable_by_key(|s| (s.claim, s.redeemed_at, s.transaction, s.ticket));
        let mut newly_settled: Vec<TicketId> = settled.iter().map(|s| s.ticket).collect();
        newly_settled.sort_unstable();
        let mut rejections = std::mem::take(&mut self.rejections);
        rejections.sort_by(|a, b| {
            (&a.line.claim, a.line.redeemed_at, a.line.ticket).cmp(&(
                &b.line.claim,
                b.line.redeemed_at,
                b.line.ticket,
            ))
        });
        let mut duplicates = t.duplicates;
        duplicates.sort_by(|a, b| {
            (a.refused.ticket, a.refused.redeemed_at, &a.refused.claim).cmp(&(
                b.refused.ticket,
                b.refused.redeemed_at,
                &b.refused.claim,
            ))
        });
        Ok(SettlementReport {
            run,
            claims: self.headers.into_iter().map(|(h, _)| h).collect(),
            settled,
            payouts: t.payouts,
            employers: t.employers,
            city: t.city,
            total_payout,
            total_employers,
            total_charges,
            rejections,
            duplicates,
            repeated_files: self.repeated_files,
            repeated_lines: self.repeated_lines,
            refused_files: self.refused_files,
            register_checked: self.register_checked,
            shop_list: self.shop_list.take().unwrap_or_default(),
            today: self.today,
            shop_names: self.shop_names,
            newly_settled,
            state,
            claims_check,
        })
    }
}

/// The totalling's phases ([`Settlement::total_step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum TotalPhase {
    #[default]
    Keys,
    Sort,
    Group,
    Money,
    Done,
}

/// The totalling in progress.
#[derive(Debug, Clone, Default)]
pub(super) struct Totals {
    phase: TotalPhase,
    pos: usize,
    /// (ticket, redeemed at, claim, line, index into `valid`) of every valid line.
    order: Vec<(TicketId, DateTime<Utc>, u32, u32, u32)>,
    claim_no: Vec<u32>,
    /// Indices into `valid` of the lines paid.
    paid: Vec<u32>,
    duplicates: Vec<Duplicate>,
    payouts: BTreeMap<ShopId, Tally>,
    employers: BTreeMap<EmployerId, Tally>,
    city: Tally,
    settled: Vec<SettledLine>,
    error: Option<SettleError>,
}

impl Totals {
    /// Counts a paid ticket: its face value to the shop, its shares to the employer and
    /// to the city.
    pub(super) fn pay(&mut self, shop: &ShopId, body: &TicketBody) -> Result<(), Overflow> {
        self.payouts
            .entry(shop.clone())
            .or_default()
            .add(body.face_value())?;
        self.employers
            .entry(body.employer())
            .or_default()
            .add(body.employer_share())?;
        self.city.add(body.city_share())
    }
}

pub mod checks;

#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
mod claims_tests;

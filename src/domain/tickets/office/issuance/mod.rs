//! Issuing a month of tickets from the roster, through the office's **issuance register**
//! (`docs/issuance.md`).
//!
//! Three steps, all pure (the date and the key are inputs):
//!
//! 1. [`plan_month`]: eligibility for every roster entry and serials through the
//!    [`Register`]: a recipient already in the register for that month gets *her recorded
//!    allocation* back (same serials, amounts, dates, key: re-issue is byte-identical,
//!    Ed25519 being deterministic); a new one gets the next free indices of the month's
//!    batch, spilling into the month's next batch when 65,536 are used. Nobody is ever
//!    renumbered.
//! 2. [`MonthIssue::step`]: signs N recipients per call (a browser calls it between
//!    frames and shows [`Progress`]), [`MonthIssue::finish`] gives the [`MonthOutput`].
//! 3. [`MonthOutput`]: per recipient a bundle link and bundle file, the links CSV for mail
//!    merge, and the reports per employer and for the city (money as checked [`Yen`]).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::csv;
use crate::domain::shared::date::iso_date;
use crate::domain::shared::money::{Overflow, Yen};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::bundle::{Bundle, ScanError, MAX_BUNDLE_TICKETS};
use crate::domain::tickets::core::keys::KeyId;
use crate::domain::tickets::core::ticket::{
    issue_month, BatchId, EmployerId, MonthRun, Serial, Ticket, TicketError, TicketId, YearMonth,
};
use crate::domain::tickets::office::eligibility::{EligibilityRule, MonthStatus};
use crate::domain::tickets::office::keyfile::{KeyKind, UnlockedKey};
use crate::domain::tickets::office::roster::{RecipientId, RosterEntry, RosterProblem};

/// `format` of the register file.
pub const REGISTER_FORMAT: &str = "jokatsu-issuance-register";
/// `version` of the register file.
pub const REGISTER_VERSION: u32 = 1;
/// Tickets one batch holds (u16 indices).
pub const BATCH_CAPACITY: u32 = 65_536;
/// Batches one month may use: `YYYYMM`, then `YYYYMM1` … `YYYYMM9` (see [`batch_id`]).
pub const MAX_BATCHES_PER_MONTH: u32 = 10;
/// The page of the app that receives a bundle link: `<app>/r.html#/receive/JKB1:…`.
pub const RECEIVE_PAGE: &str = "r.html";

/// The programme settings that shape a month's tickets. JSON: any field left out takes
/// its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IssueSettings {
    /// Tickets per recipient per month (1..=100, one bundle). Seed: 20.
    pub tickets_per_month: u32,
    /// Face value of one ticket. Seed: 1,000 yen.
    pub face_value: Yen,
    /// What the employer pays per ticket (the city pays the rest). Seed: 500 yen, i.e.
    /// 10,000 + 10,000 yen a month per recipient.
    pub employer_share: Yen,
    /// Validity: from the 1st of the month for this many calendar months (1..=12), e.g. 3:
    /// December tickets are valid 1 December to the end of February.
    pub valid_months: u32,
    pub eligibility: EligibilityRule,
    /// The app's address on its own origin (`docs/issuance.md`, `docs/operations.md`):
    /// the folder it is served from, e.g. `https://jokatsu.example.jp/`, or one of its
    /// pages there (`…/w.html`: its folder is used). Bundle links open the receiving page
    /// there directly ([`IssueSettings::receive_page`]). **No default**: required before
    /// issuing ([`IssueSettings::require_link_base`]).
    pub link_base: String,
    /// Demo tickets (flag bit 0). `false` for real issuance.
    pub demo: bool,
}

impl Default for IssueSettings {
    fn default() -> Self {
        Self {
            tickets_per_month: 20,
            face_value: Yen(1_000),
            employer_share: Yen(500),
            valid_months: 3,
            eligibility: EligibilityRule::default(),
            link_base: String::new(),
            demo: false,
        }
    }
}

impl IssueSettings {
    /// First and last (inclusive) day of validity of `month`'s tickets.
    pub fn validity(&self, month: YearMonth) -> (NaiveDate, NaiveDate) {
        let mut last = month;
        for _ in 1..self.valid_months.max(1) {
            last = last.next();
        }
        (month.first_day(), last.last_day())
    }

    /// Checks the settings (before anything is planned).
    pub fn check(&self) -> Result<(), IssuanceError> {
        let bad = |field: &'static str, problem: &str| {
            Err(IssuanceError::Settings {
                field,
                problem: problem.into(),
            })
        };
        if self.tickets_per_month == 0
            || usize::try_from(self.tickets_per_month).map_or(true, |n| n > MAX_BUNDLE_TICKETS)
        {
            return bad("tickets_per_month", "1〜100 / 1 to 100");
        }
        if self.face_value == Yen::ZERO {
            return bad("face_value", "0円 / zero");
        }
        if self.employer_share > self.face_value {
            return bad(
                "employer_share",
                "額面より大きい / larger than the face value",
            );
        }
        if !(1..=12).contains(&self.valid_months) {
            return bad("valid_months", "1〜12 / 1 to 12");
        }
        if !(1..=31).contains(&self.eligibility.return_cutoff_day) {
            return bad("eligibility.return_cutoff_day", "1〜31 / 1 to 31");
        }
        if self.link_base.contains(['#', '?']) || self.link_base.chars().any(char::is_whitespace) {
            return bad(
                "link_base",
                "# ? や空白を含まない URL / a URL without #, ? or spaces",
            );
        }
        Ok(())
    }

    /// **Rule: bundle links go to the app's own origin, named by the office.** Before a
    /// month is issued for real (the tool's `issue`, the office page's 「発行する」),
    /// `link_base` must be set — there is no default, so a link never silently points at
    /// a shared website — and be an `https://` URL with a host. Plain `http://` is accepted
    /// only for this machine (`localhost`, `127.0.0.1`, `[::1]`, any port: what browsers
    /// treat as secure, for tests), then [`Self::check`] applies.
    pub fn require_link_base(&self) -> Result<(), IssuanceError> {
        let base = self.link_base.trim();
        if base.is_empty() {
            return Err(IssuanceError::LinkBaseRequired);
        }
        let host_of = |rest: &str| {
            let authority = rest.split('/').next().unwrap_or("");
            let host = if authority.starts_with('[') {
                authority.split(']').next().map(|h| format!("{h}]"))
            } else {
                authority.split(':').next().map(str::to_owned)
            };
            host.unwrap_or_default()
        };
        let ok = match (base.strip_prefix("https://"), base.strip_prefix("http://")) {
            (Some(rest), _) => !host_of(rest).is_empty(),
            (None, Some(rest)) => {
                matches!(host_of(rest).as_str(), "localhost" | "127.0.0.1" | "[::1]")
            }
            (None, None) => false,
        };
        if !ok {
            return Err(IssuanceError::LinkBaseNotHttps(base.to_owned()));
        }
        self.check()
    }

    /// The receiving page a bundle link opens: [`RECEIVE_PAGE`] in the folder of
    /// `link_base` (`https://a.jp/` → `https://a.jp/r.html`; `https://a.jp/app/w.html` →
    /// `https://a.jp/app/r.html`; `https://a.jp/app` → `https://a.jp/app/r.html`).
    pub fn receive_page(&self) -> String {
        let base = self.link_base.trim();
        let folder = match base.rfind('/') {
            Some(i) if base[i + 1..].ends_with(".html") => &base[..=i],
            _ if base.is_empty() || base.ends_with('/') => base,
            _ => return format!("{base}/{RECEIVE_PAGE}"),
        };
        format!("{folder}{RECEIVE_PAGE}")
    }
}

/// `YYYY-MM` → month.
pub fn parse_month(text: &str) -> Option<YearMonth> {
    let (y, m) = text.trim().split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    YearMonth::new(y.parse().ok()?, m.parse().ok()?)
}

/// Batch `k` (0-based) of `month`: `YYYYMM` for the first, `YYYYMM` × 10 + k after that
/// (e.g. 202612, then 2026121, 2026122 …). The two forms have 6 and 7 digits, so they
/// never collide.
pub fn batch_id(month: YearMonth, k: u32) -> BatchId {
    if k == 0 {
        BatchId(month.batch())
    } else {
        BatchId(month.batch() * 10 + k)
    }
}

/// The month a batch number belongs to (inverse of [`batch_id`]).
pub fn batch_month(batch: BatchId) -> Option<(YearMonth, u32)> {
    let b = batch.0;
    let (yyyymm, k) = if (100_000..1_000_000).contains(&b) {
        (b, 0)
    } else if (1_000_000..10_000_000).contains(&b) && b % 10 != 0 {
        (b / 10, b % 10)
    } else {
        return None;
    };
    let month = YearMonth::new(i32::try_from(yyyymm / 100).ok()?, yyyymm % 100)?;
    Some((month, k))
}

mod month_text {
    use super::{parse_month, YearMonth};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(m: &YearMonth, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&m.to_string())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<YearMonth, D::Error> {
        let text = String::deserialize(d)?;
        parse_month(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("{text:?} is not YYYY-MM")))
    }
}

/// One register line: a recipient's tickets for a month, with everything needed to sign
/// them again byte for byte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    #[serde(with = "month_text")]
    pub month: YearMonth,
    pub recipient: RecipientId,
    pub employer: EmployerId,
    pub key_id: KeyId,
    pub demo: bool,
    pub batch: BatchId,
    pub first_index: u16,
    pub count: u32,
    pub face_value: Yen,
    pub employer_share: Yen,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    /// JST date of the first issue (re-issues keep it).
    pub issued_on: NaiveDate,
    /// Replaced by a later allocation because its issuer key was withdrawn (a leak): its
    /// serials stay reserved and traceable, but it is no longer re-issued or reported.
    #[serde(default, skip_serializing_if = "is_false")]
    pub replaced: bool,
    /// JST date of the replacement (`plan_replacement`'s `today`); settlement refuses a
    /// redemption of a replaced allocation dated after it (`replaced`). Absent in
    /// registers written before it was recorded: settlement then takes the `issued_on` of
    /// the current allocation of the same recipient and month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_on: Option<NaiveDate>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An allocation's count does not fit: `first_index + count` is beyond any batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub struct CountTooLarge {
    pub first_index: u16,
    pub count: u32,
}

impl Wording for CountTooLarge {
    fn wording(&self, lang: Lang) -> String {
        let (first, count) = (self.first_index, self.count);
        say!(
            lang,
            "枚数 {count}（開始番号 {first}）が大きすぎます",
            "count {count} from index {first} is too large",
        )
    }
}

impl Allocation {
    /// Does this allocation hold the ticket with this identity?
    pub fn holds(&self, id: &TicketId) -> bool {
        id.demo == self.demo
            && id.key == self.key_id
            && id.serial.batch == self.batch
            && u32::from(id.serial.index) >= u32::from(self.first_index)
            && self.end().is_ok_and(|end| u32::from(id.serial.index) < end)
    }

    /// One past the last index, checked: a count too large for any batch is an error,
    /// never a wrapped number.
    pub fn end(&self) -> Result<u32, CountTooLarge> {
        u32::from(self.first_index)
            .checked_add(self.count)
            .filter(|end| *end <= BATCH_CAPACITY)
            .ok_or(CountTooLarge {
                first_index: self.first_index,
                count: self.count,
            })
    }

    /// First and last serial.
    pub fn serials(&self) -> (Serial, Serial) {
        let end = self.end().unwrap_or(BATCH_CAPACITY);
        let last = u16::try_from(end.saturating_sub(1)).unwrap_or(u16::MAX);
        (
            Serial {
                batch: self.batch,
                index: self.first_index,
            },
            Serial {
                batch: self.batch,
                index: last,
            },
        )
    }

    fn run(&self) -> MonthRun {
        MonthRun {
            demo: self.demo,
            key_id: self.key_id,
            batch: self.batch.0,
            first_index: self.first_index,
            count: self.count,
            face_value: self.face_value,
            employer_share: self.employer_share,
            employer: self.employer,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
        }
    }

    /// Employer and city share of these tickets.
    pub fn amounts(&self) -> Result<Amounts, Overflow> {
        let n = u64::from(self.count);
        Ok(Amounts {
            face: self.face_value.checked_mul(n)?,
            employer: self.employer_share.checked_mul(n)?,
            city: self
                .face_value
                .checked_sub(self.employer_share)?
                .checked_mul(n)?,
        })
    }
}

/// Money of some tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Amounts {
    pub face: Yen,
    pub employer: Yen,
    pub city: Yen,
}

impl Amounts {
    fn add(self, other: Amounts) -> Result<Amounts, Overflow> {
        Ok(Amounts {
            face: self.face.checked_add(other.face)?,
            employer: self.employer.checked_add(other.employer)?,
            city: self.city.checked_add(other.city)?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterDto {
    format: String,
    version: u32,
    allocations: Vec<Allocation>,
}

/// Why a register file was refused. A refused register must be fixed or restored from a
/// backup: issuing without it could hand out a serial twice.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum RegisterError {
    NotRegister(String),
    UnsupportedVersion(u32),
    Invalid {
        index: usize,
        problem: &'static str,
        problem_en: &'static str,
    },
    Duplicate {
        index: usize,
        recipient: String,
        month: YearMonth,
    },
    Overlap {
        index: usize,
        batch: u32,
    },
}

impl Wording for RegisterError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NotRegister(text) => say!(
                lang,
                "発行台帳ではありません（{text}）",
                "not an issuance register ({text})",
            ),
            Self::UnsupportedVersion(n) => say!(
                lang,
                "発行台帳の版 {n} は読めません",
                "register version {n} is not supported",
            ),
            Self::Invalid {
                index,
                problem,
                problem_en,
            } => say!(
                lang,
                "発行台帳 {index}件目: {problem}",
                "register entry {index}: {problem_en}",
            ),
            Self::Duplicate {
                index,
                recipient,
                month,
            } => say!(
                lang,
                "発行台帳 {index}件目: {recipient} の {month} 分が重複しています",
                "register entry {index}: {recipient} already has {month}",
            ),
            Self::Overlap { index, batch } => say!(
                lang,
                "発行台帳 {index}件目: 番号がほかの件と重なっています（バッチ {batch}）",
                "register entry {index}: serials overlap another entry (batch {batch})",
            ),
        }
    }
}

/// The issuance register: which serials went to which recipient, month and employer.
/// Kept by the office as a file ([`Register::to_json`]); settlement uses it to trace a
/// ticket to its recipient ([`Register::find`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Register {
    allocations: Vec<Allocation>,
    by_recipient: HashMap<(YearMonth, RecipientId), usize>,
    /// Per batch: (first index, end, position in `allocations`) of every allocation,
    /// sorted by first index.
    ranges: BTreeMap<BatchId, Vec<(u32, u32, usize)>>,
}

impl Register {
    pub fn new() -> Self {
        Self::default()
    }

    /// Every allocation, in the order they were made.
    pub fn allocations(&self) -> &[Allocation] {
        &self.allocations
    }

    pub fn len(&self) -> usize {
        self.allocations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.allocations.is_empty()
    }

    /// The allocation of `recipient` for `month`.
    pub fn get(&self, month: YearMonth, recipient: &RecipientId) -> Option<&Allocation> {
        self.by_recipient
            .get(&(month, recipient.clone()))
            .and_then(|&i| self.allocations.get(i))
    }

    /// Who a ticket was issued to (settlement: tracing a duplicate to its recipient).
    /// A binary search in the ticket's batch.
    pub fn find(&self, id: &TicketId) -> Option<&Allocation> {
        let ranges = self.ranges.get(&id.serial.batch)?;
        let index = u32::from(id.serial.index);
        let at = ranges
            .partition_point(|(s, _, _)| *s <= index)
            .checked_sub(1)?;
        let (_, _, position) = ranges.get(at)?;
        self.allocations.get(*position).filter(|a| a.holds(id))
    }

    /// Current (not replaced) allocations of one month, in order.
    pub fn month(&self, month: YearMonth) -> impl Iterator<Item = &Allocation> {
        self.allocations
            .iter()
            .filter(move |a| a.month == month && !a.replaced)
    }

    /// The next free index of a batch (0 for an unused batch).
    pub fn next_index(&self, batch: BatchId) -> u32 {
        self.ranges
            .get(&batch)
            .and_then(|r| r.iter().map(|(_, end, _)| *end).max())
            .unwrap_or(0)
    }

    fn insert(&mut self, index: usize, a: Allocation) -> Result<(), RegisterError> {
        let invalid = |problem, problem_en| RegisterError::Invalid {
            index,
            problem,
            problem_en,
        };
        let Ok(end) = a.end() else {
            return Err(invalid(
                "枚数または番号の範囲が不正",
                "bad count or index range",
            ));
        };
        if a.count == 0 {
            return Err(invalid(
                "枚数または番号の範囲が不正",
                "bad count or index range",
            ));
        }
        if a.valid_until < a.valid_from {
            return Err(invalid("有効期間が逆転", "validity reversed"));
        }
        if a.employer_share > a.face_value || a.face_value == Yen::ZERO {
            return Err(invalid("金額が不正", "bad amounts"));
        }
        match batch_month(a.batch) {
            Some((month, _)) if month == a.month => {}
            _ => {
                return Err(invalid(
                    "バッチ番号が対象月と合わない",
                    "batch number does not match the month",
                ))
            }
        }
        let key = (a.month, a.recipient.clone());
        if !a.replaced && self.by_recipient.contains_key(&key) {
            return Err(RegisterError::Duplicate {
                index,
                recipient: a.recipient.to_string(),
                month: a.month,
            });
        }
        let ranges = self.ranges.entry(a.batch).or_default();
        let start = u32::from(a.first_index);
        let at = ranges.partition_point(|(s, _, _)| *s < start);
        let overlaps_prev = at > 0 && ranges.get(at - 1).is_some_and(|(_, e, _)| *e > start);
        let overlaps_next = ranges.get(at).is_some_and(|(s, _, _)| *s < end);
        if overlaps_prev || overlaps_next {
            return Err(RegisterError::Overlap {
                index,
                batch: a.batch.0,
            });
        }
        ranges.insert(at, (start, end, self.allocations.len()));
        if !a.replaced {
            self.by_recipient.insert(key, self.allocations.len());
        }
        self.allocations.push(a);
        Ok(())
    }

    /// Reads and checks a register file (no serial twice, one allocation per recipient
    /// and month, batches matching their months).
    pub fn from_json(json: &str) -> Result<Self, RegisterError> {
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        #[derive(Deserialize)]
        struct Probe {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let probe: Probe =
            serde_json::from_str(json).map_err(|e| RegisterError::NotRegister(e.to_string()))?;
        if probe.format.as_ref().and_then(|v| v.as_str()) != Some(REGISTER_FORMAT) {
            return Err(RegisterError::NotRegister(format!(
                "format is not {REGISTER_FORMAT:?}"
            )));
        }
        let version = probe
            .version
            .as_ref()
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        if version != u64::from(REGISTER_VERSION) {
            return Err(RegisterError::UnsupportedVersion(
                u32::try_from(version).unwrap_or(u32::MAX),
            ));
        }
        let dto: RegisterDto =
            serde_json::from_str(json).map_err(|e| RegisterError::NotRegister(e.to_string()))?;
        let mut register = Register::new();
        for (i, a) in dto.allocations.into_iter().enumerate() {
            register.insert(i + 1, a)?;
        }
        Ok(register)
    }

    /// The register file: JSON with one allocation per line (diff-friendly, stable).
    pub fn to_json(&self) -> String {
        let mut out = format!(
            "{{\n  \"format\": \"{REGISTER_FORMAT}\",\n  \"version\": {REGISTER_VERSION},\n  \"allocations\": ["
        );
        for (i, a) in self.allocations.iter().enumerate() {
            out.push_str(if i == 0 { "\n    " } else { ",\n    " });
            out.push_str(&serde_json::to_string(a).unwrap_or_default());
        }
        out.push_str(if self.allocations.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        out
    }

    /// A new allocation for `recipient` in `month`: the next free indices of the month's
    /// first batch with room.
    fn allocate(
        &mut self,
        template: Allocation,
        month: YearMonth,
    ) -> Result<Allocation, IssuanceError> {
        for k in 0..MAX_BATCHES_PER_MONTH {
            let batch = batch_id(month, k);
            let next = self.next_index(batch);
            if next
                .checked_add(template.count)
                .is_some_and(|end| end <= BATCH_CAPACITY)
            {
                let a = Allocation {
                    batch,
                    first_index: u16::try_from(next).unwrap_or(u16::MAX),
                    ..template
                };
                self.insert(self.allocations.len() + 1, a.clone())
                    .map_err(IssuanceError::Register)?;
                return Ok(a);
            }
        }
        Err(IssuanceError::MonthFull { month })
    }
}

/// Why a month could not be planned or issued.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum IssuanceError {
    Settings {
        field: &'static str,
        problem: String,
    },
    MonthFull {
        month: YearMonth,
    },
    Register(RegisterError),
    Ticket(#[from] TicketError),
    Bundle(#[from] ScanError),
    Overflow(#[from] Overflow),
    NotFinished,
    WrongKey {
        expected: KeyId,
        found: KeyKind,
    },
    /// No app address for the bundle links ([`IssueSettings::require_link_base`]).
    LinkBaseRequired,
    /// The app address is not an `https://` URL.
    LinkBaseNotHttps(String),
}

impl Wording for IssuanceError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Settings { field, problem } => say!(
                lang,
                "設定 {field} が不正です（{problem}）",
                "setting {field} is invalid ({problem})",
            ),
            Self::LinkBaseRequired => say(
                lang,
                "アプリのアドレス（受け取りリンク用）を入れてください。例 https://jokatsu.example.jp/ （アプリ専用のホスト名。市の共用サイトではなく）",
                "enter the app's address (for the receive links), e.g. https://jokatsu.example.jp/ (the app's own host name, not a shared website)",
            ),
            Self::LinkBaseNotHttps(base) => say!(
                lang,
                "アプリのアドレス「{base}」は https:// で始まる URL にしてください",
                "the app's address {base:?} must be an https:// URL",
            ),
            Self::MonthFull { month } => say!(
                lang,
                "{month} の番号がすべて使われました（{MAX_BATCHES_PER_MONTH}バッチ）",
                "no serials left for {month} ({MAX_BATCHES_PER_MONTH} batches used)",
            ),
            Self::Register(e) => e.wording(lang),
            Self::Ticket(e) => {
                let e = e.wording(lang);
                say!(lang, "チケットを作れません", "cannot make the ticket: {e}")
            }
            Self::Bundle(e) => {
                let e = e.wording(lang);
                say!(lang, "バンドルを作れません", "cannot make the bundle: {e}")
            }
            Self::Overflow(e) => e.wording(lang),
            Self::NotFinished => say(
                lang,
                "発行がまだ終わっていません",
                "issuance has not finished",
            ),
            Self::WrongKey { expected, found } => {
                let found = found.wording(lang);
                say!(
                    lang,
                    "発行鍵 {expected} の計画に、別の鍵（{found}）が読み込まれています",
                    "the plan is for issuer key {expected}, the key loaded is {found}",
                )
            }
        }
    }
}

/// Why an entry of the roster gets no tickets this month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SkipReason {
    /// Not eligible this month (before the return, or the child is 3).
    NotEligible { status: MonthStatus },
    /// The roster data contradicts itself (the finding in Japanese and English).
    Data { ja: String, en: String },
    /// Already issued with another issuer key: only that key can re-issue byte-identical
    /// tickets.
    OtherKey { issued_with: KeyId },
}

impl crate::domain::shared::wording::Wording for SkipReason {
    fn wording(&self, lang: crate::domain::shared::text::Lang) -> String {
        use crate::domain::shared::wording::say;
        match self {
            SkipReason::NotEligible { status } => status.wording(lang),
            SkipReason::Data { ja, en } => say(lang, ja.as_str(), en.as_str()),
            SkipReason::OtherKey { issued_with } => crate::domain::shared::wording::say!(
                lang,
                "発行済み（発行鍵 {issued_with}）：再発行にはその鍵が必要です",
                "already issued with issuer key {issued_with}: re-issue needs that key",
            ),
        }
    }
}

impl SkipReason {
    /// Both languages, for the files the office keeps (`not-issued.csv`, the CLI's lines).
    pub fn message(&self) -> String {
        crate::domain::shared::wording::both(self)
    }

    fn code(&self) -> &'static str {
        match self {
            SkipReason::NotEligible { .. } => "not_eligible",
            SkipReason::Data { .. } => "data",
            SkipReason::OtherKey { .. } => "other_key",
        }
    }
}

/// A roster entry that gets nothing this month, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub line: usize,
    pub recipient: RecipientId,
    pub name: String,
    pub reason: SkipReason,
}

/// A recipient to issue to this month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub entry: RosterEntry,
    pub allocation: Allocation,
    /// Already in the register before this run (the same tickets again).
    pub reissue: bool,
}

/// What [`plan_month`] decided: who gets which serials, who gets nothing and why, and the
/// register with the new allocations (save it before handing anything out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPlan {
    pub month: YearMonth,
    /// The issuer key every planned allocation is for.
    pub key_id: KeyId,
    pub planned: Vec<Planned>,
    pub skipped: Vec<Skipped>,
    pub register: Register,
    pub settings: IssueSettings,
}

impl MonthPlan {
    /// Recipients who get tickets for the first time this run.
    pub fn new_count(&self) -> usize {
        self.planned.iter().filter(|p| !p.reissue).count()
    }
}

/// Decides a month: eligibility and serials for every entry, in roster order. The key id
/// is the issuer key that will sign; `today` (JST) is recorded on new allocations.
pub fn plan_month(
    entries: &[RosterEntry],
    register: &Register,
    settings: &IssueSettings,
    key_id: KeyId,
    month: YearMonth,
    today: NaiveDate,
) -> Result<MonthPlan, IssuanceError> {
    settings.check()?;
    let mut register = register.clone();
    let mut planned = Vec::new();
    let mut skipped = Vec::new();
    let (valid_from, valid_until) = settings.validity(month);
    for entry in entries {
        let skip = |reason| Skipped {
            line: entry.line,
            recipient: entry.recipient.clone(),
            name: entry.name.clone(),
            reason,
        };
        if let Some(existing) = register.get(month, &entry.recipient) {
            if existing.key_id != key_id {
                skipped.push(skip(SkipReason::OtherKey {
                    issued_with: existing.key_id,
                }));
            } else {
                planned.push(Planned {
                    entry: entry.clone(),
                    allocation: existing.clone(),
                    reissue: true,
                });
            }
            continue;
        }
        let status = match settings
            .eligibility
            .month_status(&entry.children, entry.returned, month)
        {
            Ok(status) => status,
            Err(e) => {
                skipped.push(skip(SkipReason::Data {
                    ja: e.wording(Lang::Ja),
                    en: e.wording(Lang::En),
                }));
                continue;
            }
        };
        if !status.is_eligible() {
            skipped.push(skip(SkipReason::NotEligible { status }));
            continue;
        }
        let template = Allocation {
            month,
            recipient: entry.recipient.clone(),
            employer: entry.employer,
            key_id,
            demo: settings.demo,
            batch: batch_id(month, 0),
            first_index: 0,
            count: settings.tickets_per_month,
            face_value: settings.face_value,
            employer_share: settings.employer_share,
            valid_from,
            valid_until,
            issued_on: today,
            replaced: false,
            replaced_on: None,
        };
        let allocation = register.allocate(template, month)?;
        planned.push(Planned {
            entry: entry.clone(),
            allocation,
            reissue: false,
        });
    }
    Ok(MonthPlan {
        month,
        key_id,
        planned,
        skipped,
        register,
        settings: settings.clone(),
    })
}

/// After an issuer key is withdrawn (`docs/operations.md`, "If a key leaks"): for every
/// roster entry whose allocation for `month` was signed by `withdrawn`, marks it replaced
/// and makes a new allocation with new serials under `new_key_id` — same employer,
/// amounts and validity as the original. Entries without such an allocation are skipped
/// with the reason. Then sign with [`MonthIssue`] as usual.
pub fn plan_replacement(
    entries: &[RosterEntry],
    register: &Register,
    settings: &IssueSettings,
    withdrawn: KeyId,
    new_key_id: KeyId,
    month: YearMonth,
    today: NaiveDate,
) -> Result<MonthPlan, IssuanceError> {
    settings.check()?;
    if withdrawn == new_key_id {
        return Err(IssuanceError::Settings {
            field: "key",
            problem: "新しい発行鍵が必要 / a new issuer key is needed".into(),
        });
    }
    let mut register = register.clone();
    let mut planned = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        let Some(&index) = register.by_recipient.get(&(month, entry.recipient.clone())) else {
            continue;
        };
        let Some(old) = register.allocations.get(index).cloned() else {
            continue;
        };
        if old.key_id != withdrawn {
            skipped.push(Skipped {
                line: entry.line,
                recipient: entry.recipient.clone(),
                name: entry.name.clone(),
                reason: SkipReason::OtherKey {
                    issued_with: old.key_id,
                },
            });
            continue;
        }
        if let Some(a) = register.allocations.get_mut(index) {
            a.replaced = true;
            a.replaced_on = Some(today);
        }
        register
            .by_recipient
            .remove(&(month, entry.recipient.clone()));
        let template = Allocation {
            key_id: new_key_id,
            issued_on: today,
            replaced: false,
            replaced_on: None,
            ..old
        };
        let allocation = register.allocate(template, month)?;
        planned.push(Planned {
            entry: entry.clone(),
            allocation,
            reissue: false,
        });
    }
    Ok(MonthPlan {
        month,
        key_id: new_key_id,
        planned,
        skipped,
        register,
        settings: settings.clone(),
    })
}

/// Skip reasons are read in the office's bilingual reports (`not-issued.csv`).
/// One recipient's issued month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedRecipient {
    pub entry: RosterEntry,
    pub allocation: Allocation,
    pub reissue: bool,
    pub bundle: Bundle,
    /// `<link_base>#/receive/JKB1:…` (for mail or LINE).
    pub link: String,
}

impl IssuedRecipient {
    /// `bundles/A0001_2026-12.json`.
    pub fn file_name(&self) -> String {
        format!(
            "bundles/{}_{}.json",
            self.allocation.recipient, self.allocation.month
        )
    }

    /// The bundle file (what the wallet imports).
    pub fn file_json(&self) -> String {
        self.bundle.to_file_json()
    }

    pub fn tickets(&self) -> &[Ticket] {
        self.bundle.tickets()
    }

    /// What the printable A4 sheet shows: name, month, expiry and, per ticket, its serial
    /// and the text of its QR code: the bare ticket text `JK1:…` (a paper ticket stays
    /// paper: an ordinary camera opens no page from it, and shop mode reads it). The
    /// bundle link (`link_base`) is printed once on the sheet for the holder's own wallet.
    pub fn print_sheet(&self, link_base: &str) -> PrintSheet {
        let _ = link_base;
        PrintSheet {
            recipient: self.allocation.recipient.clone(),
            name: self.entry.name.clone(),
            employer_name: self.entry.employer_name.clone(),
            month: self.allocation.month,
            valid_from: self.allocation.valid_from,
            valid_until: self.allocation.valid_until,
            face_value: self.allocation.face_value,
            tickets: self
                .tickets()
                .iter()
                .map(|t| SheetTicket {
                    id: t.body().id().to_string(),
                    qr_text: t.to_text(),
                })
                .collect(),
        }
    }
}

/// One ticket on the printable sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetTicket {
    /// `K2-202612-00003`, printed under the QR code.
    pub id: String,
    pub qr_text: String,
}

/// The printable sheet of one recipient's month (the page renders it for browser print).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintSheet {
    pub recipient: RecipientId,
    pub name: String,
    pub employer_name: String,
    pub month: YearMonth,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub face_value: Yen,
    pub tickets: Vec<SheetTicket>,
}

/// Work done so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Recipients signed.
    pub done: usize,
    pub total: usize,
}

impl Progress {
    pub fn is_done(&self) -> bool {
        self.done >= self.total
    }
    /// 0..=100.
    pub fn percent(&self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        u8::try_from(self.done.min(self.total) * 100 / self.total).unwrap_or(100)
    }
}

/// Signing a planned month a few recipients at a time.
pub struct MonthIssue {
    plan: MonthPlan,
    key: SigningKey,
    issued: Vec<IssuedRecipient>,
}

impl std::fmt::Debug for MonthIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MonthIssue")
            .field("month", &self.plan.month)
            .field("progress", &self.progress())
            .finish_non_exhaustive()
    }
}

impl MonthIssue {
    /// Starts signing `plan` with the issuer key it was made for
    /// ([`IssuanceError::WrongKey`] for any other key).
    pub fn new(plan: MonthPlan, key: &UnlockedKey) -> Result<Self, IssuanceError> {
        if key.kind != KeyKind::Issuer(plan.key_id) {
            return Err(IssuanceError::WrongKey {
                expected: plan.key_id,
                found: key.kind,
            });
        }
        Ok(Self {
            issued: Vec::with_capacity(plan.planned.len()),
            plan,
            key: key.signing_key.clone(),
        })
    }

    pub fn progress(&self) -> Progress {
        Progress {
            done: self.issued.len(),
            total: self.plan.planned.len(),
        }
    }

    /// Signs up to `max_recipients` more recipients (at least one if any is left).
    pub fn step(&mut self, max_recipients: usize) -> Result<Progress, IssuanceError> {
        let start = self.issued.len();
        let end = (start + max_recipients.max(1)).min(self.plan.planned.len());
        for p in self.plan.planned.get(start..end).unwrap_or(&[]) {
            let tickets = issue_month(&p.allocation.run(), &self.key)?;
            let bundle = Bundle::new(tickets)?;
            let link = bundle.to_link(&self.plan.settings.receive_page());
            self.issued.push(IssuedRecipient {
                entry: p.entry.clone(),
                allocation: p.allocation.clone(),
                reissue: p.reissue,
                bundle,
                link,
            });
        }
        Ok(self.progress())
    }

    /// The finished month ([`IssuanceError::NotFinished`] if steps remain).
    pub fn finish(self) -> Result<MonthOutput, IssuanceError> {
        if !self.progress().is_done() {
            return Err(IssuanceError::NotFinished);
        }
        Ok(MonthOutput {
            month: self.plan.month,
            recipients: self.issued,
            skipped: self.plan.skipped,
            register: self.plan.register,
        })
    }
}

/// Plans and signs a whole month in one call (the CLI; a browser uses [`MonthIssue`]).
pub fn issue_whole_month(
    entries: &[RosterEntry],
    register: &Register,
    settings: &IssueSettings,
    key: &UnlockedKey,
    month: YearMonth,
    today: NaiveDate,
) -> Result<MonthOutput, IssuanceError> {
    let KeyKind::Issuer(key_id) = key.kind else {
        return Err(IssuanceError::Settings {
            field: "key",
            problem: "発行鍵ではなくルート鍵です / the root key, not an issuer key".into(),
        });
    };
    let plan = plan_month(entries, register, settings, key_id, month, today)?;
    let mut run = MonthIssue::new(plan, key)?;
    while !run.step(256)?.is_done() {}
    run.finish()
}

/// One file of the month's output (the CLI writes them under `--out`; the page offers
/// them as downloads). Same bytes either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// One employer's line of the month report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerTotal {
    pub employer: EmployerId,
    pub employer_name: String,
    pub recipients: u64,
    pub tickets: u64,
    pub amounts: Amounts,
}

/// A month's totals from the register (every allocation of the month, whichever run made
/// it), per employer and for the city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthReport {
    pub month: YearMonth,
    pub employers: Vec<EmployerTotal>,
    pub recipients: u64,
    pub tickets: u64,
    pub amounts: Amounts,
}

/// Totals of `month` in `register`; employer names are looked up in `entries` (the
/// register holds ids only).
pub fn month_report(
    register: &Register,
    month: YearMonth,
    entries: &[RosterEntry],
) -> Result<MonthReport, Overflow> {
    let names: HashMap<EmployerId, &str> = entries
        .iter()
        .map(|e| (e.employer, e.employer_name.as_str()))
        .collect();
    let mut employers: BTreeMap<EmployerId, EmployerTotal> = BTreeMap::new();
    let mut total = Amounts::default();
    let (mut recipients, mut tickets) = (0u64, 0u64);
    for a in register.month(month) {
        let amounts = a.amounts()?;
        let line = employers
            .entry(a.employer)
            .or_insert_with(|| EmployerTotal {
                employer: a.employer,
                employer_name: names.get(&a.employer).copied().unwrap_or("").to_owned(),
                recipients: 0,
                tickets: 0,
                amounts: Amounts::default(),
            });
        line.recipients = line.recipients.checked_add(1).ok_or(Overflow)?;
        line.tickets = line
            .tickets
            .checked_add(u64::from(a.count))
            .ok_or(Overflow)?;
        line.amounts = line.amounts.add(amounts)?;
        total = total.add(amounts)?;
        recipients = recipients.checked_add(1).ok_or(Overflow)?;
        tickets = tickets.checked_add(u64::from(a.count)).ok_or(Overflow)?;
    }
    Ok(MonthReport {
        month,
        employers: employers.into_values().collect(),
        recipients,
        tickets,
        amounts: total,
    })
}

impl MonthReport {
    /// Per employer, UTF-8 BOM CSV.
    pub fn employers_csv(&self) -> Vec<u8> {
        let mut rows = vec![vec![
            "対象月 / month".to_owned(),
            "事業所番号 / employer id".into(),
            "事業所名 / employer name".into(),
            "受給者数 / recipients".into(),
            "枚数 / tickets".into(),
            "額面合計 / face total (yen)".into(),
            "事業所負担 / employer share (yen)".into(),
            "市負担 / city share (yen)".into(),
        ]];
        for e in &self.employers {
            rows.push(vec![
                self.month.to_string(),
                e.employer.0.to_string(),
                e.employer_name.clone(),
                e.recipients.to_string(),
                e.tickets.to_string(),
                e.amounts.face.0.to_string(),
                e.amounts.employer.0.to_string(),
                e.amounts.city.0.to_string(),
            ]);
        }
        csv::write(rows)
    }

    /// For the city: one line of totals, UTF-8 BOM CSV.
    pub fn city_csv(&self) -> Vec<u8> {
        csv::write([
            vec![
                "対象月 / month".to_owned(),
                "事業所数 / employers".into(),
                "受給者数 / recipients".into(),
                "枚数 / tickets".into(),
                "額面合計 / face total (yen)".into(),
                "事業所負担 / employer share (yen)".into(),
                "市負担 / city share (yen)".into(),
            ],
            vec![
                self.month.to_string(),
                self.employers.len().to_string(),
                self.recipients.to_string(),
                self.tickets.to_string(),
                self.amounts.face.0.to_string(),
                self.amounts.employer.0.to_string(),
                self.amounts.city.0.to_string(),
            ],
        ])
    }
}

/// A finished month: the recipients issued in this run, the entries skipped, and the
/// register to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthOutput {
    pub month: YearMonth,
    pub recipients: Vec<IssuedRecipient>,
    pub skipped: Vec<Skipped>,
    pub register: Register,
}

impl MonthOutput {
    /// The mail-merge CSV: one line per recipient issued in this run; its file column
    /// names the bundle as the command-line tool writes it (`bundles/<recipient>_<YYYY-MM>.json`).
    pub fn links_csv(&self) -> Vec<u8> {
        self.links_csv_with(true)
    }

    /// The same CSV for files saved one by one from a browser (no `bundles/` folder).
    pub fn links_csv_without_folder(&self) -> Vec<u8> {
        self.links_csv_with(false)
    }

    fn links_csv_with(&self, folder: bool) -> Vec<u8> {
        let mut rows = vec![vec![
            "受給者番号 / recipient id".to_owned(),
            "氏名 / name".into(),
            "連絡先 / contact".into(),
            "事業所番号 / employer id".into(),
            "事業所名 / employer name".into(),
            "対象月 / month".into(),
            "枚数 / tickets".into(),
            "有効期限 / valid until".into(),
            "最初の番号 / first serial".into(),
            "再発行 / reissue".into(),
            "リンク / link".into(),
            "ファイル / file".into(),
        ]];
        for r in &self.recipients {
            let (first, _) = r.allocation.serials();
            rows.push(vec![
                r.allocation.recipient.to_string(),
                r.entry.name.clone(),
                r.entry.contact.clone(),
                r.allocation.employer.0.to_string(),
                r.entry.employer_name.clone(),
                r.allocation.month.to_string(),
                r.allocation.count.to_string(),
                iso_date(r.allocation.valid_until),
                first.to_string(),
                if r.reissue { "1" } else { "0" }.into(),
                r.link.clone(),
                if folder {
                    r.file_name()
                } else {
                    r.file_name().trim_start_matches("bundles/").to_owned()
                },
            ]);
        }
        csv::write(rows)
    }

    /// Entries that got nothing (and roster lines that could not be read), with reasons.
    pub fn not_issued_csv(&self, roster_problems: &[RosterProblem]) -> Vec<u8> {
        let mut rows = vec![vec![
            "行 / line".to_owned(),
            "受給者番号 / recipient id".into(),
            "氏名 / name".into(),
            "区分 / code".into(),
            "理由 / reason".into(),
        ]];
        for p in roster_problems {
            rows.push(vec![
                p.line.to_string(),
                String::new(),
                String::new(),
                "roster".into(),
                crate::domain::shared::wording::both(p),
            ]);
        }
        for s in &self.skipped {
            rows.push(vec![
                s.line.to_string(),
                s.recipient.to_string(),
                s.name.clone(),
                s.reason.code().into(),
                s.reason.message(),
            ]);
        }
        csv::write(rows)
    }

    /// The month's report from the register (all runs of the month).
    pub fn report(&self, entries: &[RosterEntry]) -> Result<MonthReport, Overflow> {
        month_report(&self.register, self.month, entries)
    }

    /// Every output file: `links.csv`, `report-employers.csv`, `report-city.csv`,
    /// `not-issued.csv` and `bundles/<recipient>_<YYYY-MM>.json`. (The register is saved
    /// separately, before these are handed out.)
    pub fn files(
        &self,
        entries: &[RosterEntry],
        roster_problems: &[RosterProblem],
    ) -> Result<Vec<OutputFile>, IssuanceError> {
        let report = self.report(entries)?;
        let mut files = vec![
            OutputFile {
                path: "links.csv".into(),
                bytes: self.links_csv(),
            },
            OutputFile {
                path: "report-employers.csv".into(),
                bytes: report.employers_csv(),
            },
            OutputFile {
                path: "report-city.csv".into(),
                bytes: report.city_csv(),
            },
            OutputFile {
                path: "not-issued.csv".into(),
                bytes: self.not_issued_csv(roster_problems),
            },
        ];
        for r in &self.recipients {
            files.push(OutputFile {
                path: r.file_name(),
                bytes: r.file_json().into_bytes(),
            });
        }
        Ok(files)
    }
}

pub mod safety;

#[cfg(test)]
mod tests;

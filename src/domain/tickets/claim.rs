//! The shop's month-end claim: a machine-readable claim file (JSON) the office re-verifies
//! ticket by ticket, and a CSV for people. Format and rules: `docs/claim-format.md`.
//!
//! Rules (each with a test below):
//! - [`export_claim`]: every live, unclaimed redemption of the shop in the period goes into
//!   the claim exactly once (one line per ticket) and is marked `claimed_in`, so a second
//!   claim of the same period has none of them.
//! - [`reexport_claim`]: an earlier claim is produced again byte for byte.
//! - [`Claim::from_json`]: strict parsing; every error says where.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::date::{iso_date, to_jst};
use crate::domain::shared::money::{Overflow, Yen};
use crate::domain::tickets::ledger::{DeviceLabel, Ledger, Redemption, Till};
use crate::domain::tickets::shops::ShopId;
use crate::domain::tickets::ticket::{Ticket, TicketId, YearMonth};

/// `format` of a claim file.
pub const CLAIM_FORMAT: &str = "jokatsu-claim";
/// `version` of the claim file this app writes and reads.
pub const CLAIM_VERSION: u32 = 1;
/// Largest claim file accepted (a busy shop's month is well under 5 MB).
pub const MAX_CLAIM_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Longest claim id.
pub const MAX_CLAIM_ID_LEN: usize = 80;

/// A claim's id: 1–80 characters of `A–Z a–z 0–9 . _ -`. Made by [`export_claim`] as
/// `<shop>-<YYYYMM>-<8 hex>-<n>`, where the hex digits hash the device label and the
/// creation time and `n` counts the device's claims.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClaimId(String);

impl ClaimId {
    pub fn parse(id: &str) -> Option<Self> {
        let ok = (1..=MAX_CLAIM_ID_LEN).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        ok.then(|| Self(id.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ClaimId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("{s:?} is not a claim id"))
    }
}

impl From<ClaimId> for String {
    fn from(id: ClaimId) -> String {
        id.0
    }
}

impl fmt::Display for ClaimId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who claims what for which month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimHeader {
    pub id: ClaimId,
    pub shop: ShopId,
    pub device: DeviceLabel,
    #[serde(with = "period_text")]
    pub period: YearMonth,
    pub created_at: DateTime<Utc>,
}

/// What the ledger remembers of a claim it exported (to export it again identically).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSummary {
    pub header: ClaimHeader,
    pub count: usize,
    pub total: Yen,
}

/// One redemption in a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimLine {
    pub ticket: Ticket,
    pub redeemed_at: DateTime<Utc>,
    pub transaction: u32,
}

impl ClaimLine {
    pub fn id(&self) -> TicketId {
        self.ticket.body().id()
    }
}

/// A claim: header and lines in ledger order (time, transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    header: ClaimHeader,
    lines: Vec<ClaimLine>,
    total: Yen,
}

mod period_text {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(p: &YearMonth, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&p.to_string())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<YearMonth, D::Error> {
        let text = String::deserialize(d)?;
        parse_period(&text).ok_or_else(|| serde::de::Error::custom("period must be YYYY-MM"))
    }
}

/// `2026-12` → December 2026 (exactly four digits, a hyphen, two digits).
pub fn parse_period(text: &str) -> Option<YearMonth> {
    let b = text.as_bytes();
    if b.len() != 7
        || b[4] != b'-'
        || !text
            .bytes()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit())
    {
        return None;
    }
    YearMonth::new(text.get(..4)?.parse().ok()?, text.get(5..)?.parse().ok()?)
}

/// The one text form of an instant in claim files: `2026-12-05T01:00:00.000Z` (UTC,
/// milliseconds).
pub fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    (instant_text(at) == text).then_some(at)
}

/// `2026-12-05 10:00:00` in JST, for people.
fn jst_seconds(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let t = to_jst(at);
    format!(
        "{} {:02}:{:02}:{:02}",
        iso_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Why a claim file was refused. Every error says where.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ClaimError {
    #[error(
        "請求ファイルが大きすぎます（{bytes}バイト） / the claim file is too large ({bytes} bytes)"
    )]
    TooLarge { bytes: usize },
    #[error("請求ファイルの{line}行{column}列目が読めません（{reason}） / the claim file cannot be read at line {line}, column {column}: {reason}")]
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    #[error("請求ファイルの {at} が正しくありません（{problem}） / claim file {at}: {problem}")]
    Invalid { at: String, problem: String },
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> ClaimError {
    ClaimError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// The claim file as JSON (field order is the file's order).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimFileDto {
    format: String,
    version: u32,
    claim_id: String,
    shop: String,
    device: String,
    period: String,
    created_at: String,
    count: u64,
    total: u64,
    redemptions: Vec<ClaimLineDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClaimLineDto {
    ticket: String,
    redeemed_at: String,
    transaction: u32,
}

impl Claim {
    /// Checks the lines against the header: non-empty, one line per ticket, each redeemed
    /// in the period (JST) and not after the claim was made; computes the total.
    pub fn new(header: ClaimHeader, lines: Vec<ClaimLine>) -> Result<Self, ClaimError> {
        if lines.is_empty() {
            return Err(invalid(
                "redemptions",
                "a claim must list at least one redemption",
            ));
        }
        let mut seen = BTreeSet::new();
        let mut total = Yen::ZERO;
        for (i, line) in lines.iter().enumerate() {
            let at = |field: &str| format!("redemptions[{i}].{field}");
            if !seen.insert(line.id()) {
                return Err(invalid(
                    at("ticket"),
                    format!("ticket {} is listed twice", line.id()),
                ));
            }
            if YearMonth::of(to_jst(line.redeemed_at).date()) != header.period {
                return Err(invalid(
                    at("redeemed_at"),
                    format!(
                        "{} is outside the period {}",
                        instant_text(line.redeemed_at),
                        header.period
                    ),
                ));
            }
            if line.redeemed_at > header.created_at {
                return Err(invalid(
                    at("redeemed_at"),
                    "later than the claim's created_at",
                ));
            }
            if line.transaction == 0 {
                return Err(invalid(at("transaction"), "must be 1 or more"));
            }
            total = total
                .checked_add(line.ticket.body().face_value())
                .map_err(|Overflow| invalid(at("ticket"), "the total overflows"))?;
        }
        Ok(Self {
            header,
            lines,
            total,
        })
    }

    pub fn header(&self) -> &ClaimHeader {
        &self.header
    }
    pub fn id(&self) -> &ClaimId {
        &self.header.id
    }
    pub fn lines(&self) -> &[ClaimLine] {
        &self.lines
    }
    pub fn count(&self) -> usize {
        self.lines.len()
    }
    /// Sum of the face values claimed.
    pub fn total(&self) -> Yen {
        self.total
    }

    pub fn summary(&self) -> ClaimSummary {
        ClaimSummary {
            header: self.header.clone(),
            count: self.count(),
            total: self.total,
        }
    }

    /// Base file name: `claim-<claim id>` (add `.json` / `.csv`).
    pub fn file_stem(&self) -> String {
        format!("claim-{}", self.header.id)
    }

    /// The claim file: pretty-printed JSON with a final newline, always the same bytes for
    /// the same claim.
    pub fn to_json(&self) -> String {
        let dto = ClaimFileDto {
            format: CLAIM_FORMAT.into(),
            version: CLAIM_VERSION,
            claim_id: self.header.id.to_string(),
            shop: self.header.shop.to_string(),
            device: self.header.device.to_string(),
            period: self.header.period.to_string(),
            created_at: instant_text(self.header.created_at),
            count: u64::try_from(self.lines.len()).unwrap_or(u64::MAX),
            total: self.total.0,
            redemptions: self
                .lines
                .iter()
                .map(|l| ClaimLineDto {
                    ticket: l.ticket.to_text(),
                    redeemed_at: instant_text(l.redeemed_at),
                    transaction: l.transaction,
                })
                .collect(),
        };
        // Strings and integers only: serialising cannot fail.
        let mut json = serde_json::to_string_pretty(&dto).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Parses a claim file strictly: exact format and version, no unknown fields, every
    /// ticket in its exact `JK1:` form, canonical UTC times, count and total matching.
    pub fn from_json(json: &str) -> Result<Self, ClaimError> {
        if json.len() > MAX_CLAIM_FILE_BYTES {
            return Err(ClaimError::TooLarge { bytes: json.len() });
        }
        let dto: ClaimFileDto = serde_json::from_str(json).map_err(|e| ClaimError::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        if dto.format != CLAIM_FORMAT {
            return Err(invalid("format", format!("must be {CLAIM_FORMAT:?}")));
        }
        if dto.version != CLAIM_VERSION {
            return Err(invalid(
                "version",
                format!(
                    "version {} is not supported (this app reads version {CLAIM_VERSION})",
                    dto.version
                ),
            ));
        }
        let header = ClaimHeader {
            id: ClaimId::parse(&dto.claim_id)
                .ok_or_else(|| invalid("claim_id", "1–80 characters of A–Z a–z 0–9 . _ -"))?,
            shop: ShopId::parse(&dto.shop)
                .ok_or_else(|| invalid("shop", "1–32 characters of a–z 0–9 - _"))?,
            device: DeviceLabel::try_from(dto.device)
                .map_err(|e| invalid("device", e.to_string()))?,
            period: parse_period(&dto.period)
                .ok_or_else(|| invalid("period", "must be YYYY-MM"))?,
            created_at: parse_instant(&dto.created_at)
                .ok_or_else(|| invalid("created_at", "must be like 2026-12-31T15:00:00.000Z"))?,
        };
        let mut lines = Vec::with_capacity(dto.redemptions.len());
        for (i, l) in dto.redemptions.into_iter().enumerate() {
            let ticket = Ticket::from_text(&l.ticket)
                .map_err(|e| invalid(format!("redemptions[{i}].ticket"), e.to_string()))?;
            if ticket.to_text() != l.ticket {
                return Err(invalid(
                    format!("redemptions[{i}].ticket"),
                    "not in the exact JK1: form",
                ));
            }
            let redeemed_at = parse_instant(&l.redeemed_at).ok_or_else(|| {
                invalid(
                    format!("redemptions[{i}].redeemed_at"),
                    "must be like 2026-12-05T01:00:00.000Z",
                )
            })?;
            lines.push(ClaimLine {
                ticket,
                redeemed_at,
                transaction: l.transaction,
            });
        }
        let claim = Claim::new(header, lines)?;
        if u64::try_from(claim.count()).ok() != Some(dto.count) {
            return Err(invalid(
                "count",
                format!(
                    "says {} but {} redemptions are listed",
                    dto.count,
                    claim.count()
                ),
            ));
        }
        if claim.total.0 != dto.total {
            return Err(invalid(
                "total",
                format!(
                    "says {} but the tickets add up to {}",
                    dto.total, claim.total.0
                ),
            ));
        }
        Ok(claim)
    }

    /// The claim as CSV for people (`docs/claim-format.md`): UTF-8 with BOM, CRLF, RFC 4180
    /// quoting, Japanese headers, one row per redemption and a total row.
    pub fn to_csv(&self) -> String {
        let h = &self.header;
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(self.lines.len() + 2);
        rows.push(
            CLAIM_CSV_HEADERS
                .iter()
                .map(|s| Cell::Text((*s).to_string()))
                .collect(),
        );
        for l in &self.lines {
            let body = l.ticket.body();
            rows.push(vec![
                Cell::Text(h.id.to_string()),
                Cell::Text(h.shop.to_string()),
                Cell::Text(h.device.to_string()),
                Cell::Number(u64::from(l.transaction)),
                Cell::Text(jst_seconds(l.redeemed_at)),
                Cell::Text(l.id().to_string()),
                Cell::Text(iso_date(body.valid_until())),
                Cell::Number(body.face_value().0),
            ]);
        }
        rows.push(vec![
            Cell::Text("合計".into()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(format!("{}枚", self.lines.len())),
            Cell::Text(String::new()),
            Cell::Number(self.total.0),
        ]);
        csv_document(&rows)
    }
}

/// Column headers of the claim CSV (English in `docs/claim-format.md`).
pub const CLAIM_CSV_HEADERS: [&str; 8] = [
    "請求番号",
    "店舗ID",
    "端末",
    "取引番号",
    "受付日時（日本時間）",
    "券番号",
    "有効期限",
    "額面（円）",
];

/// One CSV cell: text (quoted when needed, guarded against spreadsheet formulas) or a
/// plain integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    Text(String),
    Number(u64),
}

/// RFC 4180 field: quoted if it holds a comma, quote, CR or LF (quotes doubled). Text
/// that a spreadsheet would run as a formula (`= + - @`, tab) gets a leading `'`.
pub(crate) fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => n.to_string(),
        Cell::Text(s) => {
            let guarded;
            let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                guarded = format!("'{s}");
                guarded.as_str()
            } else {
                s.as_str()
            };
            if s.contains([',', '"', '\r', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        }
    }
}

/// A whole CSV document: BOM, rows joined by commas, each row ended by CRLF.
pub(crate) fn csv_document(rows: &[Vec<Cell>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for row in rows {
        let fields: Vec<String> = row.iter().map(csv_field).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Why a claim could not be exported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("{period} に請求できる受付はありません（請求済みか取り消し済みです） / nothing left to claim for {period} (everything is claimed or undone)")]
    NothingToClaim { period: YearMonth },
    #[error("請求 {0} の記録がありません / no claim {0} on this device")]
    UnknownClaim(ClaimId),
    #[error("請求 {id} の受付記録が{found}件しか見つかりません（{expected}件のはず） / claim {id}: only {found} of its {expected} redemptions are in the ledger")]
    Incomplete {
        id: ClaimId,
        expected: usize,
        found: usize,
    },
    #[error("請求を作れません: {0} / the claim cannot be made: {0}")]
    Invalid(#[from] ClaimError),
}

/// FNV-1a, 32 bits: a short, stable tag for claim ids (not a security measure).
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The redemptions [`export_claim`] would claim now (ledger order): per ticket the
/// earliest live redemption at the till's shop in `period`, unless a redemption of that
/// ticket is already claimed.
pub fn claimable<'a>(ledger: &'a Ledger, shop: &ShopId, period: YearMonth) -> Vec<&'a Redemption> {
    let claimed: BTreeSet<TicketId> = ledger
        .redemptions()
        .iter()
        .filter(|r| r.claimed_in.is_some())
        .map(|r| r.id)
        .collect();
    let mut taken = BTreeSet::new();
    ledger
        .redemptions()
        .iter()
        .filter(|r| {
            r.is_live()
                && &r.shop == shop
                && r.period() == period
                && !claimed.contains(&r.id)
                && taken.insert(r.id)
        })
        .collect()
}

/// **Rule: claim once.** Exports the claim of `till`'s shop for `period` made at `now`:
/// every ticket with a live, unclaimed redemption in the period appears exactly once, and
/// its redemption is marked claimed, so another claim of the period leaves it out.
pub fn export_claim(
    ledger: &mut Ledger,
    till: &Till,
    period: YearMonth,
    now: DateTime<Utc>,
) -> Result<Claim, ExportError> {
    let chosen: BTreeSet<(TicketId, DateTime<Utc>, u32)> = claimable(ledger, &till.shop, period)
        .into_iter()
        .map(|r| (r.id, r.redeemed_at, r.transaction))
        .collect();
    if chosen.is_empty() {
        return Err(ExportError::NothingToClaim { period });
    }
    let seq = ledger.claims().len() + 1;
    let tag = fnv1a32(format!("{}|{}", till.device, instant_text(now)).as_bytes());
    let id_text = format!(
        "{}-{:04}{:02}-{tag:08x}-{seq}",
        till.shop, period.year, period.month
    );
    let id = ClaimId::parse(&id_text).ok_or_else(|| invalid("claim_id", "cannot be made"))?;
    let lines = ledger
        .redemptions()
        .iter()
        .filter(|r| chosen.contains(&(r.id, r.redeemed_at, r.transaction)) && r.is_live())
        .filter(|r| r.shop == till.shop)
        .map(|r| ClaimLine {
            ticket: r.ticket.clone(),
            redeemed_at: r.redeemed_at,
            transaction: r.transaction,
        });
    let lines = dedup_lines(lines);
    let claim = Claim::new(
        ClaimHeader {
            id: id.clone(),
            shop: till.shop.clone(),
            device: till.device.clone(),
            period,
            created_at: now,
        },
        lines,
    )?;
    let chosen: BTreeSet<(TicketId, DateTime<Utc>, u32)> = claim
        .lines
        .iter()
        .map(|l| (l.id(), l.redeemed_at, l.transaction))
        .collect();
    for r in ledger.redemptions_mut() {
        if r.is_live()
            && r.claimed_in.is_none()
            && r.shop == till.shop
            && chosen.contains(&(r.id, r.redeemed_at, r.transaction))
        {
            r.claimed_in = Some(id.clone());
        }
    }
    ledger.claims_mut().push(claim.summary());
    Ok(claim)
}

/// One line per ticket (the first in ledger order).
fn dedup_lines(lines: impl Iterator<Item = ClaimLine>) -> Vec<ClaimLine> {
    let mut seen = BTreeSet::new();
    lines.filter(|l| seen.insert(l.id())).collect()
}

/// **Rule: an earlier claim exports again identically** (same JSON and CSV bytes), from
/// the redemptions the ledger marked with its id.
pub fn reexport_claim(ledger: &Ledger, id: &ClaimId) -> Result<Claim, ExportError> {
    let summary = ledger
        .claims()
        .iter()
        .find(|c| &c.header.id == id)
        .ok_or_else(|| ExportError::UnknownClaim(id.clone()))?;
    let lines = dedup_lines(
        ledger
            .redemptions()
            .iter()
            .filter(|r| r.claimed_in.as_ref() == Some(id))
            .map(|r| ClaimLine {
                ticket: r.ticket.clone(),
                redeemed_at: r.redeemed_at,
                transaction: r.transaction,
            }),
    );
    let incomplete = ExportError::Incomplete {
        id: id.clone(),
        expected: summary.count,
        found: lines.len(),
    };
    if lines.len() != summary.count {
        return Err(incomplete);
    }
    let claim = Claim::new(summary.header.clone(), lines)?;
    if claim.total != summary.total {
        return Err(incomplete);
    }
    Ok(claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::ledger::tests::{at, tickets, till};
    use proptest::prelude::*;

    fn dec_ledger() -> (Ledger, Vec<Ticket>) {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        for (i, ticket) in t.iter().take(6).enumerate() {
            ledger
                .redeem(ticket, &till, at(2026, 12, 5 + i as u32, 10, 0))
                .unwrap();
        }
        ledger
            .undo(t[5].body().id(), at(2026, 12, 10, 10, 1))
            .unwrap();
        (ledger, t)
    }

    fn dec() -> YearMonth {
        YearMonth::new(2026, 12).unwrap()
    }

    #[test]
    fn export_claims_live_redemptions_once() {
        let (mut ledger, t) = dec_ledger();
        let till = till("cafe-1", "レジ1");
        let claim = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0)).unwrap();
        assert_eq!(claim.count(), 5, "the undone one is not claimed");
        assert_eq!(claim.total(), Yen(5_000));
        assert_eq!(claim.id().as_str().len(), "cafe-1-202612-".len() + 8 + 2);
        assert!(claim.id().as_str().starts_with("cafe-1-202612-"));
        assert!(claim.id().as_str().ends_with("-1"));
        let ids: Vec<_> = claim.lines().iter().map(ClaimLine::id).collect();
        assert_eq!(ids, (0..5).map(|i| t[i].body().id()).collect::<Vec<_>>());
        assert_eq!(
            export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 5)),
            Err(ExportError::NothingToClaim { period: dec() })
        );
        // A claimed redemption cannot be undone.
        assert!(matches!(
            ledger.undo(t[0].body().id(), at(2026, 12, 5, 10, 1)),
            Err(crate::domain::tickets::ledger::UndoError::AlreadyClaimed { .. })
        ));
        // A late redemption goes into a second claim of the period, alone.
        ledger
            .redeem(&t[7], &till, at(2026, 12, 31, 23, 59))
            .unwrap();
        let second = export_claim(&mut ledger, &till, dec(), at(2027, 1, 2, 9, 0)).unwrap();
        assert_eq!(second.count(), 1);
        assert!(second.id().as_str().ends_with("-2"));
        assert_ne!(second.id(), claim.id());
    }

    #[test]
    fn an_earlier_claim_exports_again_byte_for_byte() {
        let (mut ledger, _) = dec_ledger();
        let till = till("cafe-1", "レジ1");
        let claim = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0)).unwrap();
        // Through storage and back, then again.
        let now = at(2027, 1, 3, 9, 0);
        let raw = crate::domain::shared::persist::save(
            &crate::domain::tickets::ledger::LedgerRecord::from_ledger(&ledger),
            now,
        )
        .unwrap();
        let stored = crate::domain::shared::persist::load::<
            crate::domain::tickets::ledger::LedgerRecord,
        >(Some(&raw), now)
        .into_value()
        .into_ledger();
        let again = reexport_claim(&stored, claim.id()).unwrap();
        assert_eq!(again.to_json(), claim.to_json());
        assert_eq!(again.to_csv(), claim.to_csv());
        let unknown = ClaimId::parse("nope").unwrap();
        assert_eq!(
            reexport_claim(&stored, &unknown),
            Err(ExportError::UnknownClaim(unknown))
        );
    }

    #[test]
    fn claim_file_is_strict_and_says_where() {
        let (mut ledger, t) = dec_ledger();
        let claim = export_claim(
            &mut ledger,
            &till("cafe-1", "レジ1"),
            dec(),
            at(2027, 1, 1, 9, 0),
        )
        .unwrap();
        let json = claim.to_json();
        assert_eq!(Claim::from_json(&json).unwrap(), claim);
        let edit = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
            f(&mut v);
            Claim::from_json(&v.to_string()).unwrap_err()
        };
        let located = |e: ClaimError| match e {
            ClaimError::Invalid { at, .. } => at,
            other => panic!("{other:?}"),
        };
        assert_eq!(located(edit(&|v| v["format"] = "x".into())), "format");
        assert!(edit(&|v| v["version"] = 2.into())
            .to_string()
            .contains("version 2"));
        assert_eq!(located(edit(&|v| v["shop"] = "Cafe 1".into())), "shop");
        assert_eq!(located(edit(&|v| v["period"] = "2026-1".into())), "period");
        assert_eq!(
            located(edit(
                &|v| v["created_at"] = "2027-01-01T00:00:00+09:00".into()
            )),
            "created_at"
        );
        assert_eq!(located(edit(&|v| v["count"] = 4.into())), "count");
        assert_eq!(located(edit(&|v| v["total"] = 6000.into())), "total");
        assert_eq!(
            located(edit(&|v| v["redemptions"][2]["ticket"] = "JK1:AAAA".into())),
            "redemptions[2].ticket"
        );
        assert_eq!(
            located(edit(
                &|v| v["redemptions"][3]["ticket"] = t[0].to_text().into()
            )),
            "redemptions[3].ticket",
            "listed twice"
        );
        assert_eq!(
            located(edit(
                &|v| v["redemptions"][1]["redeemed_at"] = "2026-11-30T14:59:59.000Z".into()
            )),
            "redemptions[1].redeemed_at",
            "outside the JST month"
        );
        assert_eq!(
            located(edit(&|v| v["redemptions"][0]["transaction"] = 0.into())),
            "redemptions[0].transaction"
        );
        assert_eq!(
            located(edit(&|v| v["redemptions"] = serde_json::json!([]))),
            "redemptions"
        );
        match edit(&|v| v["extra"] = 1.into()) {
            ClaimError::Json { line, .. } => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
        match Claim::from_json("{\n  \"format\": \"jokatsu-claim\",\n  oops").unwrap_err() {
            ClaimError::Json { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("{other:?}"),
        }
        let msg = edit(&|v| v["shop"] = "Cafe 1".into()).to_string();
        assert!(msg.starts_with("請求ファイルの shop"), "{msg}");
        assert!(msg.contains(" / claim file shop"), "{msg}");
    }

    /// A minimal RFC 4180 reader for the tests.
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{FEFF}').expect("BOM");
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    _ => field.push(c),
                }
            } else {
                match c {
                    '"' => quoted = true,
                    ',' => row.push(std::mem::take(&mut field)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "CR without LF");
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\n' => panic!("bare LF"),
                    _ => field.push(c),
                }
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "last row not ended by CRLF"
        );
        rows
    }

    #[test]
    fn claim_csv_is_excel_ready() {
        let t = tickets(2026, 12);
        let mut ledger = Ledger::new();
        let till = till("cafe-1", "レジ1,\"奥\"");
        ledger.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        ledger
            .redeem(&t[1], &till, at(2026, 12, 31, 23, 59))
            .unwrap();
        let csv = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0))
            .unwrap()
            .to_csv();
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        assert!(csv.contains("\"レジ1,\"\"奥\"\"\""), "{csv}");
        let rows = read_csv(&csv);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0], CLAIM_CSV_HEADERS.map(String::from).to_vec());
        assert_eq!(rows[1][2], "レジ1,\"奥\"");
        assert_eq!(rows[1][3], "1");
        assert_eq!(rows[1][4], "2026-12-05 10:00:00");
        assert_eq!(rows[1][5], "DEMO-K1-202612-00000");
        assert_eq!(rows[1][6], "2027-02-28");
        assert_eq!(rows[1][7], "1000");
        assert_eq!(rows[2][4], "2026-12-31 23:59:00");
        assert_eq!(rows[3][0], "合計");
        assert_eq!(rows[3][5], "2枚");
        assert_eq!(rows[3][7], "2000");
    }

    #[test]
    fn csv_guards_spreadsheet_formulas() {
        assert_eq!(csv_field(&Cell::Text("=1+1".into())), "'=1+1");
        assert_eq!(csv_field(&Cell::Text("-1,2".into())), "\"'-1,2\"");
        assert_eq!(csv_field(&Cell::Number(5)), "5");
    }

    proptest! {
        #[test]
        fn csv_quoting_round_trips(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z,\"\r\n 　旭川市，「」、です=+@-]{0,12}", 1..5), 1..5)) {
            let width = rows[0].len();
            let rows: Vec<Vec<String>> = rows.into_iter().map(|mut r| { r.resize(width, String::new()); r }).collect();
            let cells: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().cloned().map(Cell::Text).collect()).collect();
            let back = read_csv(&csv_document(&cells));
            let expected: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| {
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.clone() }
            }).collect()).collect();
            prop_assert_eq!(back, expected);
        }

        /// Every live ticket appears exactly once in the first claim of a period; a second
        /// claim of the period has none; the claim file round-trips through its parser.
        #[test]
        fn claims_take_each_live_ticket_once(
            ops in proptest::collection::vec((0usize..40, 0u32..(62 * 24 * 60), any::<bool>(), 0usize..2), 1..60)
        ) {
            let mut pool = tickets(2026, 12);
            pool.extend(tickets(2027, 1));
            let tills = [till("cafe-1", "レジ1"), till("book-2", "レジ1")];
            let start = at(2026, 12, 1, 0, 0);
            let mut ledger = Ledger::new();
            let mut ops = ops;
            ops.sort_by_key(|o| o.1);
            for (ticket, minute, undo, t) in ops {
                let now = start + chrono::Duration::minutes(i64::from(minute));
                let ticket = &pool[ticket];
                if ledger.redeem(ticket, &tills[t], now).is_ok() && undo {
                    ledger.undo(ticket.body().id(), now + chrono::Duration::minutes(3)).unwrap();
                }
            }
            let end = at(2027, 2, 1, 9, 0);
            for period in [dec(), YearMonth::new(2027, 1).unwrap()] {
                let till = &tills[0];
                let expected: BTreeSet<TicketId> = ledger.redemptions().iter()
                    .filter(|r| r.is_live() && r.shop == till.shop && r.period() == period)
                    .map(|r| r.id).collect();
                match export_claim(&mut ledger, till, period, end) {
                    Ok(claim) => {
                        let ids: Vec<TicketId> = claim.lines().iter().map(ClaimLine::id).collect();
                        let unique: BTreeSet<TicketId> = ids.iter().copied().collect();
                        prop_assert_eq!(ids.len(), unique.len());
                        prop_assert_eq!(&unique, &expected);
                        prop_assert_eq!(claim.total(), Yen(1_000 * ids.len() as u64));
                        let json = claim.to_json();
                        let parsed = Claim::from_json(&json).unwrap();
                        prop_assert_eq!(&parsed, &claim);
                        prop_assert_eq!(parsed.to_json(), json);
                        prop_assert_eq!(reexport_claim(&ledger, claim.id()).unwrap().to_json(), claim.to_json());
                    }
                    Err(e) => {
                        prop_assert_eq!(e, ExportError::NothingToClaim { period });
                        prop_assert!(expected.is_empty());
                    }
                }
                prop_assert_eq!(
                    export_claim(&mut ledger, till, period, end + chrono::Duration::minutes(1)),
                    Err(ExportError::NothingToClaim { period })
                );
            }
        }
    }
}

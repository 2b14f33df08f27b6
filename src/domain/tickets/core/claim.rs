//! The shop's month-end claim: a machine-readable claim file (JSON) the office re-verifies
//! ticket by ticket, and a CSV for people. Format and rules: `docs/claim-format.md`.
//!
//! Rules (each with a test below):
//! The export from a shop's ledger is `shop::export`; settlement reads claims in
//! `office::settlement`.
//! - [`Claim::from_json`]: strict parsing; every error says where.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::date::{iso_date, to_jst};
use crate::domain::shared::money::{Overflow, Yen};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::shops::ShopId;
use crate::domain::tickets::core::ticket::{Ticket, TicketId, YearMonth};

/// `format` of a claim file.
pub const CLAIM_FORMAT: &str = "jokatsu-claim";
/// `version` of the claim file this app writes and reads.
pub const CLAIM_VERSION: u32 = 1;
/// Largest claim file accepted (a busy shop's month is well under 5 MB).
pub const MAX_CLAIM_FILE_BYTES: usize = 32 * 1024 * 1024;
/// Longest claim id.
pub const MAX_CLAIM_ID_LEN: usize = 80;

/// A claim's id: 1–80 characters of `A–Z a–z 0–9 . _ -`. Made by `shop::export::export_claim` as
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
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
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
#[error("{}", self.wording(Lang::Ja))]
pub enum ClaimError {
    TooLarge {
        bytes: usize,
    },
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    Invalid {
        at: String,
        problem: String,
    },
}

impl Wording for ClaimError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::TooLarge { bytes } => say!(
                lang,
                "請求ファイルが大きすぎます（{bytes}バイト）",
                "the claim file is too large ({bytes} bytes)",
            ),
            Self::Json {
                line,
                column,
                reason,
            } => say!(
                lang,
                "請求ファイルの{line}行{column}列目が読めません（{reason}）",
                "the claim file cannot be read at line {line}, column {column}: {reason}",
            ),
            Self::Invalid { at, problem } => say!(
                lang,
                "請求ファイルの {at} が正しくありません（{problem}）",
                "claim file {at}: {problem}",
            ),
        }
    }
}

pub(crate) fn invalid(at: impl Into<String>, problem: impl Into<String>) -> ClaimError {
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

    /// The claim as CSV for the shop's own records (`docs/claim-format.md`; the office
    /// reads only the JSON): UTF-8 with BOM, CRLF, RFC 4180 quoting, Japanese headers,
    /// one row per redemption, a total row, and when demo tickets are listed a row of
    /// their count and amount. `shop_name` is the shop's name as the feed gave it when
    /// the file was made (empty if the feed did not know the shop).
    pub fn to_csv(&self, shop_name: &str) -> String {
        let h = &self.header;
        let text = |s: &str| Cell::Text(s.to_string());
        let blank = || Cell::Text(String::new());
        let mut rows: Vec<Vec<Cell>> = Vec::with_capacity(self.lines.len() + 3);
        rows.push(CLAIM_CSV_HEADERS.iter().map(|s| text(s)).collect());
        let mut demo = (0usize, 0u64);
        for l in &self.lines {
            let body = l.ticket.body();
            if body.is_demo_flagged() {
                demo = (demo.0 + 1, demo.1.saturating_add(body.face_value().0));
            }
            rows.push(vec![
                Cell::Text(h.id.to_string()),
                Cell::Text(h.shop.to_string()),
                text(shop_name),
                Cell::Text(h.device.to_string()),
                Cell::Number(u64::from(l.transaction)),
                Cell::Text(jst_seconds(l.redeemed_at)),
                Cell::Text(l.id().to_string()),
                text(if body.is_demo_flagged() {
                    CSV_DEMO_MARK
                } else {
                    ""
                }),
                Cell::Text(iso_date(body.valid_until())),
                Cell::Number(body.face_value().0),
            ]);
        }
        let summary = |label: &str, count: usize, total: u64| {
            let mut row = vec![text(label)];
            row.extend((0..5).map(|_| blank()));
            row.extend([Cell::Text(format!("{count}枚")), blank(), blank()]);
            row.push(Cell::Number(total));
            row
        };
        rows.push(summary("合計", self.lines.len(), self.total.0));
        if demo.0 > 0 {
            rows.push(summary(CSV_DEMO_TOTAL, demo.0, demo.1));
        }
        csv_document(&rows)
    }
}

/// Column headers of the claim CSV (English in `docs/claim-format.md`).
pub const CLAIM_CSV_HEADERS: [&str; 10] = [
    "請求番号",
    "店舗ID",
    "店舗名",
    "端末",
    "取引番号",
    "受付日時（日本時間）",
    "券番号",
    "見本",
    "有効期限",
    "額面（円）",
];

/// The claim CSV's 見本 column for a demo ticket (flag bit 0): never paid.
pub const CSV_DEMO_MARK: &str = "見本（支払対象外）";
/// The first cell of the claim CSV's row counting its demo tickets.
pub const CSV_DEMO_TOTAL: &str = "うち見本（支払対象外）";

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

/// Longest device label, in characters.
pub const MAX_DEVICE_LABEL_CHARS: usize = 20;

/// A till's name within its shop, e.g. `レジ1`: 1–20 characters, no control characters,
/// no surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DeviceLabel(String);

/// Why a device label was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub struct BadDeviceLabel;

impl Wording for BadDeviceLabel {
    fn wording(&self, lang: Lang) -> String {
        say(
            lang,
            "端末名は1〜20文字で、改行などの制御文字は使えません",
            "a device label is 1–20 characters without control characters",
        )
    }
}

impl DeviceLabel {
    pub fn parse(label: &str) -> Result<Self, BadDeviceLabel> {
        let label = label.trim();
        let chars = label.chars().count();
        if chars == 0 || chars > MAX_DEVICE_LABEL_CHARS || label.chars().any(char::is_control) {
            return Err(BadDeviceLabel);
        }
        Ok(Self(label.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for DeviceLabel {
    type Error = BadDeviceLabel;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let label = Self::parse(&s)?;
        // Storage and claim files carry the label exactly; a padded one is damaged.
        if label.0 == s {
            Ok(label)
        } else {
            Err(BadDeviceLabel)
        }
    }
}

impl From<DeviceLabel> for String {
    fn from(d: DeviceLabel) -> String {
        d.0
    }
}

impl fmt::Display for DeviceLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a redemption happens: the shop chosen on this device and the device's label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Till {
    pub shop: ShopId,
    pub device: DeviceLabel,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("ClaimError::TooLarge", &ClaimError::TooLarge { bytes: 3 }),
            (
                "ClaimError::Json",
                &ClaimError::Json {
                    line: 3,
                    column: 3,
                    reason: "x".into(),
                },
            ),
            (
                "ClaimError::Invalid",
                &ClaimError::Invalid {
                    at: "x".into(),
                    problem: "x".into(),
                },
            ),
            ("BadDeviceLabel", &BadDeviceLabel),
        ]);
    }
}

//! The すみまセンエン thank-you ticket, format v1 (see `docs/ticket-format.md`).
//!
//! A ticket is a 25-byte body signed with Ed25519 by a city issuer key: 89 bytes in all.
//! Its text form is `JK1:` + base32 of the 89 bytes. [`Ticket`] is a *structurally* valid
//! ticket (right length, version, flags, field ranges); whether it is genuine, current and
//! unused is decided by [`verify`].

mod issue;
mod verify;

pub use issue::{
    demo_month, demo_month_for, eligible_months, issue, issue_month, third_birthday,
    EligibilityError, MonthRun, YearMonth, DEMO_EMPLOYER, EMPLOYER_SHARE, FACE_VALUE,
    MONTHLY_TICKETS,
};
pub use verify::{
    authenticate, known_code, verify, verify_ticket, TicketInput, ValidTicket, Verdict,
    VerifyPolicy, VERDICT_CODES,
};

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use thiserror::Error;

use crate::domain::shared::date::{days_since_epoch, from_days_since_epoch};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::base32;
use crate::domain::tickets::core::keys::KeyId;

/// Format version carried in byte 0.
pub const FORMAT_VERSION: u8 = 1;
/// Length of the signed body.
pub const BODY_LEN: usize = 25;
/// Length of an Ed25519 signature.
pub const SIGNATURE_LEN: usize = 64;
/// Length of a whole ticket (body + signature).
pub const TICKET_LEN: usize = BODY_LEN + SIGNATURE_LEN;
/// Domain-separation prefix of the signed message: ASCII, 17 bytes, no terminator.
pub const SIGNING_PREFIX: &[u8; 17] = b"jokatsu-ticket-v1";
/// Prefix of the text form.
pub const TEXT_PREFIX: &str = "JK1:";
/// Length of the text form: `JK1:` + 143 base32 characters.
pub const TEXT_LEN: usize = 4 + (TICKET_LEN * 8).div_ceil(5);
/// Flag bit 0: demo ticket. All other flag bits must be zero.
pub const FLAG_DEMO: u8 = 0b0000_0001;

pub use crate::domain::shared::money::Yen;

/// One issuance run (e.g. `202612` for December 2026). At most 65,536 tickets per batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BatchId(pub u32);

/// Who is charged the employer share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EmployerId(pub u32);

/// A ticket's serial: (batch, index within batch), as printed and read out. Unique per
/// issuer key; the programme-wide identity is [`TicketId`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Serial {
    pub batch: BatchId,
    pub index: u16,
}

impl Serial {
    pub fn new(batch: u32, index: u16) -> Self {
        Self {
            batch: BatchId(batch),
            index,
        }
    }
}

impl fmt::Display for Serial {
    /// `202612-00003`: what a clerk reads out over the phone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:05}", self.batch.0, self.index)
    }
}

/// A ticket's programme-wide identity: demo flag, issuer key and serial. Two issuer keys
/// may sign the same serial, and a demo ticket may carry a real month's serial: neither
/// collides, because the identity includes the key and the demo flag. The wallet, the shop
/// ledger, the used data and settlement all key tickets on this (`docs/ticket-format.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TicketId {
    pub demo: bool,
    pub key: KeyId,
    pub serial: Serial,
}

impl fmt::Display for TicketId {
    /// `K1-202612-00003`, or `DEMO-K1-202612-00003` for a demo ticket.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.demo {
            f.write_str("DEMO-")?;
        }
        write!(f, "K{}-{}", self.key.get(), self.serial)
    }
}

/// Why bytes or text are not a well-formed v1 ticket. `Display` is the exact English
/// diagnosis (the office's verify output, logs); a holder or a clerk reads
/// [`Wording::wording`], which in Japanese says what to do rather than which byte is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TicketError {
    #[error("not a ticket: the text must start with \"JK1:\"")]
    MissingPrefix,
    #[error("not a ticket: the code is damaged ({0})")]
    BadText(#[from] base32::Base32Error),
    #[error("not a ticket: {0} bytes instead of 89")]
    BadLength(usize),
    #[error("unsupported ticket format version {0} (this app reads version 1)")]
    UnsupportedVersion(u8),
    #[error("unknown ticket flags {0:#04x}")]
    UnknownFlags(u8),
    #[error("ticket key id 0 is not allowed")]
    ZeroKeyId,
    #[error("ticket face value is 0 yen")]
    ZeroFaceValue,
    #[error("ticket amount ¥{} does not fit the format (at most ¥4,294,967,295)", .0.grouped())]
    AmountTooLarge(Yen),
    #[error("employer share ¥{} is larger than the face value ¥{}", .share.grouped(), .face.grouped())]
    ShareExceedsFace { face: Yen, share: Yen },
    #[error("ticket validity ends ({until}) before it starts ({from})")]
    DatesReversed { from: NaiveDate, until: NaiveDate },
    #[error("ticket date {0} cannot be encoded (must be 1970-01-01 to 2149-06-06)")]
    DateOutOfRange(NaiveDate),
    #[error("a batch holds at most 65,536 tickets; index {first} + {count} tickets overflows")]
    BatchOverflow { first: u16, count: u32 },
}

impl Wording for TicketError {
    fn wording(&self, lang: Lang) -> String {
        match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Ja, Self::MissingPrefix) => "チケットのコード（JK1:…）ではありません。".into(),
            (Lang::Ja, Self::BadText(_) | Self::BadLength(_)) => {
                "コードが壊れています（一部が欠けているか、書き換えられています）。".into()
            }
            (Lang::Ja, Self::UnsupportedVersion(v)) => {
                format!("新しい形式（版 {v}）のチケットです。アプリを更新してください。")
            }
            (
                Lang::Ja,
                Self::UnknownFlags(_)
                | Self::ZeroKeyId
                | Self::ZeroFaceValue
                | Self::AmountTooLarge(_)
                | Self::ShareExceedsFace { .. }
                | Self::DatesReversed { .. }
                | Self::DateOutOfRange(_)
                | Self::BatchOverflow { .. },
            ) => "チケットの中身が規則に合いません。".into(),
        }
    }
}

/// The fields of a ticket as the issuer chooses them (input to [`TicketBody::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSpec {
    pub demo: bool,
    pub key_id: KeyId,
    pub serial: Serial,
    pub face_value: Yen,
    pub employer_share: Yen,
    pub employer: EmployerId,
    pub valid_from: NaiveDate,
    /// Inclusive.
    pub valid_until: NaiveDate,
}

/// A checked ticket body: every field within the ranges of the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketBody {
    spec: TicketSpec,
}

fn encode_date(date: NaiveDate) -> Result<u16, TicketError> {
    u16::try_from(days_since_epoch(date)).map_err(|_| TicketError::DateOutOfRange(date))
}

fn decode_date(days: u16) -> NaiveDate {
    // Every u16 day count is a valid date (1970-01-01 + 0..=65,535 days ends in 2149).
    from_days_since_epoch(i64::from(days)).unwrap_or_default()
}

impl TicketBody {
    /// Checks the fields against the format's rules.
    pub fn new(spec: TicketSpec) -> Result<Self, TicketError> {
        if spec.face_value.0 == 0 {
            return Err(TicketError::ZeroFaceValue);
        }
        for amount in [spec.face_value, spec.employer_share] {
            if u32::try_from(amount.0).is_err() {
                return Err(TicketError::AmountTooLarge(amount));
            }
        }
        if spec.employer_share > spec.face_value {
            return Err(TicketError::ShareExceedsFace {
                face: spec.face_value,
                share: spec.employer_share,
            });
        }
        encode_date(spec.valid_from)?;
        encode_date(spec.valid_until)?;
        if spec.valid_until < spec.valid_from {
            return Err(TicketError::DatesReversed {
                from: spec.valid_from,
                until: spec.valid_until,
            });
        }
        Ok(Self { spec })
    }

    /// The 25 body bytes (big-endian integers, layout in `docs/ticket-format.md`).
    pub fn to_bytes(&self) -> [u8; BODY_LEN] {
        let s = &self.spec;
        let mut b = [0u8; BODY_LEN];
        b[0] = FORMAT_VERSION;
        b[1] = if s.demo { FLAG_DEMO } else { 0 };
        b[2] = s.key_id.get();
        b[3..7].copy_from_slice(&s.serial.batch.0.to_be_bytes());
        b[7..9].copy_from_slice(&s.serial.index.to_be_bytes());
        // Amounts range checked in `new`.
        let amount = |y: Yen| u32::try_from(y.0).unwrap_or(0).to_be_bytes();
        b[9..13].copy_from_slice(&amount(s.face_value));
        b[13..17].copy_from_slice(&amount(s.employer_share));
        b[17..21].copy_from_slice(&s.employer.0.to_be_bytes());
        // Range checked in `new`.
        b[21..23].copy_from_slice(&encode_date(s.valid_from).unwrap_or(0).to_be_bytes());
        b[23..25].copy_from_slice(&encode_date(s.valid_until).unwrap_or(0).to_be_bytes());
        b
    }

    /// Parses the 25 body bytes.
    pub fn from_bytes(b: &[u8; BODY_LEN]) -> Result<Self, TicketError> {
        if b[0] != FORMAT_VERSION {
            return Err(TicketError::UnsupportedVersion(b[0]));
        }
        if b[1] & !FLAG_DEMO != 0 {
            return Err(TicketError::UnknownFlags(b[1]));
        }
        let key_id = KeyId::new(b[2]).ok_or(TicketError::ZeroKeyId)?;
        let u32_at = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        let u16_at = |i: usize| u16::from_be_bytes([b[i], b[i + 1]]);
        Self::new(TicketSpec {
            demo: b[1] & FLAG_DEMO != 0,
            key_id,
            serial: Serial::new(u32_at(3), u16_at(7)),
            face_value: Yen(u64::from(u32_at(9))),
            employer_share: Yen(u64::from(u32_at(13))),
            employer: EmployerId(u32_at(17)),
            valid_from: decode_date(u16_at(21)),
            valid_until: decode_date(u16_at(23)),
        })
    }

    /// The exact bytes the issuer signs: `"jokatsu-ticket-v1" || body`.
    pub fn signed_message(&self) -> [u8; 17 + BODY_LEN] {
        let mut m = [0u8; 17 + BODY_LEN];
        m[..17].copy_from_slice(SIGNING_PREFIX);
        m[17..].copy_from_slice(&self.to_bytes());
        m
    }

    pub fn spec(&self) -> TicketSpec {
        self.spec
    }
    /// Flag bit 0. (A ticket signed by a demo key is demo too; see [`ValidTicket::demo`].)
    pub fn is_demo_flagged(&self) -> bool {
        self.spec.demo
    }
    pub fn key_id(&self) -> KeyId {
        self.spec.key_id
    }
    pub fn serial(&self) -> Serial {
        self.spec.serial
    }
    /// The programme-wide identity ([`TicketId`]).
    pub fn id(&self) -> TicketId {
        TicketId {
            demo: self.spec.demo,
            key: self.spec.key_id,
            serial: self.spec.serial,
        }
    }
    pub fn face_value(&self) -> Yen {
        self.spec.face_value
    }
    pub fn employer_share(&self) -> Yen {
        self.spec.employer_share
    }
    /// What the city pays: face value − employer share.
    pub fn city_share(&self) -> Yen {
        Yen(self.spec.face_value.0 - self.spec.employer_share.0)
    }
    pub fn employer(&self) -> EmployerId {
        self.spec.employer
    }
    pub fn valid_from(&self) -> NaiveDate {
        self.spec.valid_from
    }
    /// Last day (inclusive, JST) on which the ticket can be used.
    pub fn valid_until(&self) -> NaiveDate {
        self.spec.valid_until
    }
}

/// A structurally valid ticket: body + (not yet checked) signature.
///
/// Serde: serialized as its text form `"JK1:…"`.
#[derive(Clone, PartialEq, Eq)]
pub struct Ticket {
    body: TicketBody,
    signature: [u8; SIGNATURE_LEN],
}

impl fmt::Debug for Ticket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ticket")
            .field("serial", &self.body.serial())
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

impl Ticket {
    /// Joins a body and a signature (no signature check).
    pub fn from_parts(body: TicketBody, signature: [u8; SIGNATURE_LEN]) -> Self {
        Self { body, signature }
    }

    /// Parses 89 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TicketError> {
        if bytes.len() != TICKET_LEN {
            return Err(TicketError::BadLength(bytes.len()));
        }
        let mut body = [0u8; BODY_LEN];
        body.copy_from_slice(&bytes[..BODY_LEN]);
        let mut signature = [0u8; SIGNATURE_LEN];
        signature.copy_from_slice(&bytes[BODY_LEN..]);
        Ok(Self {
            body: TicketBody::from_bytes(&body)?,
            signature,
        })
    }

    /// Parses the exact text form `JK1:` + 143 uppercase base32 characters.
    /// For scanned or pasted text (links, surrounding words) use
    /// [`parse_scanned`](crate::domain::tickets::core::bundle::parse_scanned).
    pub fn from_text(text: &str) -> Result<Self, TicketError> {
        let b32 = text
            .strip_prefix(TEXT_PREFIX)
            .ok_or(TicketError::MissingPrefix)?;
        Self::from_bytes(&base32::decode(b32)?)
    }

    /// The 89 bytes: body then signature.
    pub fn to_bytes(&self) -> [u8; TICKET_LEN] {
        let mut out = [0u8; TICKET_LEN];
        out[..BODY_LEN].copy_from_slice(&self.body.to_bytes());
        out[BODY_LEN..].copy_from_slice(&self.signature);
        out
    }

    /// `JK1:` + base32 (uppercase, no padding) of the 89 bytes; 147 characters.
    pub fn to_text(&self) -> String {
        format!("{TEXT_PREFIX}{}", base32::encode(&self.to_bytes()))
    }

    /// The QR/link form `<base>#/t/JK1:…`. `base` is the app URL without a fragment, e.g.
    /// `https://www.city.asahikawa.hokkaido.jp/jokatsu/`.
    pub fn to_link(&self, base: &str) -> String {
        format!("{base}#/t/{}", self.to_text())
    }

    pub fn body(&self) -> &TicketBody {
        &self.body
    }
    pub fn serial(&self) -> Serial {
        self.body.serial()
    }

    /// The programme-wide identity ([`TicketId`]).
    pub fn id(&self) -> TicketId {
        self.body.id()
    }
    pub fn signature(&self) -> &[u8; SIGNATURE_LEN] {
        &self.signature
    }
}

impl Serialize for Ticket {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for Ticket {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ticket::from_text(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;

//! Tickets already used: the feed's signed `used` section (version 2, per-key per-batch
//! bitmaps, demo separate) and the lookup trait the verifier consults. Format and size
//! trade-off: `docs/feed-tickets.md`.

use chrono::NaiveDate;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use thiserror::Error;

use crate::domain::shared::base64url;
use crate::domain::shared::date::{days_since_epoch, iso_date};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{
    acceptance, decode_signature, verify_signature, Acceptance, KeyId, KeyRole, KeySet,
};
use crate::domain::tickets::core::ticket::{BatchId, Serial, TicketId};

/// Most tickets one batch can hold (indices are u16).
pub const MAX_BATCH_COUNT: u32 = 65_536;
/// Domain-separation prefix of the signed used-data message (15 ASCII bytes).
pub const USED_PREFIX: &[u8; 15] = b"jokatsu-used-v2";
/// Format version of the `used` section this app reads.
pub const USED_VERSION: u32 = 2;

/// Who says a ticket is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsedBy {
    /// The city's feed lists it as settled.
    Feed,
    /// This device already redeemed it (the shop's own ledger).
    LocalRedemption,
}

/// Something that knows used tickets, by programme-wide identity. The verifier asks
/// every source it is given.
pub trait UsedLookup {
    fn used(&self, id: TicketId) -> Option<UsedBy>;
}

/// No ticket is known to be used.
#[derive(Debug, Clone, Copy, Default)]
pub struct NothingUsed;

impl UsedLookup for NothingUsed {
    fn used(&self, _: TicketId) -> Option<UsedBy> {
        None
    }
}

/// A local redemption ledger given as a set of identities.
impl UsedLookup for BTreeSet<TicketId> {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.contains(&id).then_some(UsedBy::LocalRedemption)
    }
}

impl UsedLookup for HashSet<TicketId> {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.contains(&id).then_some(UsedBy::LocalRedemption)
    }
}

impl<T: UsedLookup> UsedLookup for Option<T> {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.as_ref().and_then(|u| u.used(id))
    }
}

/// Several sources, asked in order (e.g. `AnyOf(&[&ledger, &feed_used])`).
pub struct AnyOf<'a>(pub &'a [&'a dyn UsedLookup]);

impl UsedLookup for AnyOf<'_> {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.0.iter().find_map(|source| source.used(id))
    }
}

/// Feed JSON: one bitmap of the `used` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsedBatchDto {
    /// Demo tickets (flag bit 0) have bitmaps of their own.
    pub demo: bool,
    /// Issuer key id, 1..=255.
    pub key: u8,
    pub batch: u32,
    /// Number of indices the bitmap covers (1..=65,536).
    pub count: u32,
    /// base64url (no padding) of `ceil(count / 8)` bytes; bit i = index i, LSB first.
    pub bits: String,
}

/// Feed JSON of the `used` section (version 2), signed by the root or a `used` key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsedListDto {
    /// Must be 2.
    pub version: u32,
    /// Grows with every publication; a lower one is a rollback.
    pub sequence: u64,
    /// `YYYY-MM-DD` (JST), the day it was signed.
    pub signed_at: String,
    /// 0 = the root key; otherwise the id of a `used`-role key in the key list.
    pub signer: u8,
    /// Strictly ascending by (demo, key, batch), `false` before `true`.
    pub batches: Vec<UsedBatchDto>,
    /// base64url (no padding) of the 64-byte signature.
    pub signature: String,
}

/// Why the feed's `used` section was refused (the app keeps its last good used data).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum UsedError {
    Unsigned,
    BadSignature,
    UnknownSigner(u8),
    /// Signed by a demo key (flagged, or a demo public key) under a production root: its
    /// private half is public, so anyone could have signed it.
    DemoSigner(u8),
    SignerNotValid {
        signer: u8,
        signed_at: NaiveDate,
    },
    RolledBack {
        held: u64,
        offered: u64,
    },
    UnsupportedVersion(u32),
    Invalid {
        at: String,
        problem: String,
    },
    BadCount(usize),
    BadBase64(usize),
    BadBitsLength {
        at: usize,
        expected: usize,
        found: usize,
    },
    BitsBeyondCount(usize),
    Order(usize),
    ZeroKey(usize),
    TooLarge,
}

impl Wording for UsedError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Unsigned => say(
                lang,
                "使用済みリストに署名がありません",
                "the used list is not signed",
            ),
            Self::BadSignature => say(
                lang,
                "使用済みリストの署名が合いません",
                "the used list was altered or signed by another key",
            ),
            Self::UnknownSigner(n) => say!(
                lang,
                "使用済みリストの署名鍵 {n} が鍵リストにありません",
                "the used list's signing key {n} is not a used-data key in the key list",
            ),
            Self::DemoSigner(n) => say!(
                lang,
                "使用済みリストが見本（デモ）の鍵 {n} で署名されています。本番では使えません",
                "the used list is signed by demo key {n}: not accepted in production",
            ),
            Self::SignerNotValid { signer, signed_at } => say!(
                lang,
                "使用済みリストの署名鍵 {signer} はこの日付に使えません",
                "key {signer} may not sign a used list dated {signed_at}",
            ),
            Self::RolledBack { held, offered } => say!(
                lang,
                "使用済みリストが古いです",
                "the used list is older than the one in use (sequence {offered} < {held})",
            ),
            Self::UnsupportedVersion(n) => say!(
                lang,
                "使用済みリストの形式 {n} は読めません",
                "used: version {n} is not supported (this app reads version 2)",
            ),
            Self::Invalid { at, problem } => {
                say!(lang, "使用済みリストが不正です", "{at}: {problem}")
            }
            Self::BadCount(n) => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{n}].count: must be 1..=65536",
            ),
            Self::BadBase64(n) => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{n}].bits: not base64url without padding",
            ),
            Self::BadBitsLength {
                at,
                expected,
                found,
            } => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{at}].bits: {found} bytes, expected {expected} for count",
            ),
            Self::BitsBeyondCount(n) => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{n}].bits: bits set beyond count",
            ),
            Self::Order(n) => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{n}]: not in ascending (demo, key, batch) order, or listed twice",
            ),
            Self::ZeroKey(n) => say!(
                lang,
                "使用済みリストが不正です",
                "used.batches[{n}].key: key id 0"
            ),
            Self::TooLarge => say(
                lang,
                "使用済みリストが大きすぎます",
                "the used list has too many batches",
            ),
        }
    }
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> UsedError {
    UsedError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// Which bitmap a ticket is in: demo flag, issuer key, batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BatchKey {
    pub demo: bool,
    pub key: KeyId,
    pub batch: BatchId,
}

impl BatchKey {
    pub fn of(id: TicketId) -> Self {
        Self {
            demo: id.demo,
            key: id.key,
            batch: id.serial.batch,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Bitmap {
    count: u32,
    bits: Vec<u8>,
}

impl Bitmap {
    fn get(&self, index: u16) -> bool {
        let i = usize::from(index);
        u32::from(index) < self.count
            && self
                .bits
                .get(i / 8)
                .is_some_and(|b| b & (1 << (i % 8)) != 0)
    }
}

/// Used tickets, one bitmap per (demo, key, batch): the content of the used data, and
/// the office's builder ([`UsedSet::mark`], [`UsedSet::merge`], [`UsedSet::sign`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsedSet {
    batches: BTreeMap<BatchKey, Bitmap>,
}

impl UsedSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses the bitmaps of a `used` section (structure only; see [`UsedData::from_feed`]).
    pub fn from_dto(dto: &[UsedBatchDto]) -> Result<Self, UsedError> {
        let mut batches = BTreeMap::new();
        let mut last: Option<BatchKey> = None;
        for (at, b) in dto.iter().enumerate() {
            let key = KeyId::new(b.key).ok_or(UsedError::ZeroKey(at))?;
            let bk = BatchKey {
                demo: b.demo,
                key,
                batch: BatchId(b.batch),
            };
            if last.is_some_and(|l| l >= bk) {
                return Err(UsedError::Order(at));
            }
            last = Some(bk);
            if b.count == 0 || b.count > MAX_BATCH_COUNT {
                return Err(UsedError::BadCount(at));
            }
            let bits = base64url::decode(&b.bits).map_err(|_| UsedError::BadBase64(at))?;
            let expected = usize::try_from(b.count.div_ceil(8)).unwrap_or(usize::MAX);
            if bits.len() != expected {
                return Err(UsedError::BadBitsLength {
                    at,
                    expected,
                    found: bits.len(),
                });
            }
            let tail = b.count % 8;
            if tail != 0 && bits.last().is_some_and(|last| last >> tail != 0) {
                return Err(UsedError::BitsBeyondCount(at));
            }
            batches.insert(
                bk,
                Bitmap {
                    count: b.count,
                    bits,
                },
            );
        }
        Ok(Self { batches })
    }

    pub fn is_used(&self, id: TicketId) -> bool {
        self.batches
            .get(&BatchKey::of(id))
            .is_some_and(|b| b.get(id.serial.index))
    }

    /// Marks a ticket used; its bitmap grows to cover the highest marked index.
    pub fn mark(&mut self, id: TicketId) {
        let i = usize::from(id.serial.index);
        let bitmap = self.batches.entry(BatchKey::of(id)).or_insert(Bitmap {
            count: 0,
            bits: Vec::new(),
        });
        bitmap.count = bitmap.count.max(u32::from(id.serial.index) + 1);
        if bitmap.bits.len() <= i / 8 {
            bitmap.bits.resize(i / 8 + 1, 0);
        }
        bitmap.bits[i / 8] |= 1 << (i % 8);
    }

    /// A correction: the ticket is not used after all (e.g. a claim was withdrawn).
    pub fn unmark(&mut self, id: TicketId) {
        let i = usize::from(id.serial.index);
        if let Some(b) = self.batches.get_mut(&BatchKey::of(id)) {
            if let Some(byte) = b.bits.get_mut(i / 8) {
                *byte &= !(1 << (i % 8));
            }
        }
    }

    /// Adds every ticket marked in `other` (the office merges what it published before
    /// with the new claims).
    pub fn merge(&mut self, other: &UsedSet) {
        for id in other.ids() {
            self.mark(id);
        }
    }

    /// Number of used tickets in one batch of one key.
    pub fn count_in_batch(&self, batch: BatchKey) -> u64 {
        self.batches.get(&batch).map_or(0, |b| {
            b.bits.iter().map(|byte| u64::from(byte.count_ones())).sum()
        })
    }

    /// Number of used tickets.
    pub fn len(&self) -> usize {
        self.batches
            .values()
            .map(|b| {
                b.bits
                    .iter()
                    .map(|x| x.count_ones() as usize)
                    .sum::<usize>()
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All used identities in order.
    pub fn ids(&self) -> impl Iterator<Item = TicketId> + '_ {
        self.batches.iter().flat_map(|(bk, b)| {
            (0..b.count).filter_map(move |i| {
                let index = u16::try_from(i).ok()?;
                b.get(index).then_some(TicketId {
                    demo: bk.demo,
                    key: bk.key,
                    serial: Serial {
                        batch: bk.batch,
                        index,
                    },
                })
            })
        })
    }

    /// The bitmaps as feed JSON, in the signed (ascending) order.
    pub fn to_dto(&self) -> Vec<UsedBatchDto> {
        self.batches
            .iter()
            .map(|(bk, b)| UsedBatchDto {
                demo: bk.demo,
                key: bk.key.get(),
                batch: bk.batch.0,
                count: b.count,
                bits: base64url::encode(&b.bits),
            })
            .collect()
    }

    /// The exact bytes signed (`docs/feed-tickets.md`):
    /// `"jokatsu-used-v2" || sequence u64 BE || signed_at u16 BE days || signer u8 ||
    /// count u32 BE || per bitmap in ascending order (demo u8, key u8, batch u32 BE,
    /// count u32 BE, bits)`.
    pub fn signed_message(&self, header: &UsedHeader) -> Result<Vec<u8>, UsedError> {
        let days = u16::try_from(days_since_epoch(header.signed_at)).map_err(|_| {
            invalid(
                "used.signed_at",
                "date must be between 1970-01-01 and 2149-06-06",
            )
        })?;
        let count = u32::try_from(self.batches.len()).map_err(|_| UsedError::TooLarge)?;
        let mut m = Vec::with_capacity(
            34 + self
                .batches
                .values()
                .map(|b| 10 + b.bits.len())
                .sum::<usize>(),
        );
        m.extend_from_slice(USED_PREFIX);
        m.extend_from_slice(&header.sequence.to_be_bytes());
        m.extend_from_slice(&days.to_be_bytes());
        m.push(header.signer.map_or(0, KeyId::get));
        m.extend_from_slice(&count.to_be_bytes());
        for (bk, b) in &self.batches {
            m.push(u8::from(bk.demo));
            m.push(bk.key.get());
            m.extend_from_slice(&bk.batch.0.to_be_bytes());
            m.extend_from_slice(&b.count.to_be_bytes());
            m.extend_from_slice(&b.bits);
        }
        Ok(m)
    }

    /// Signs this set as the feed's `used` section (office tool). `key` is the root
    /// signing key when `header.signer` is `None`, else that `used` key's.
    pub fn sign(&self, header: &UsedHeader, key: &SigningKey) -> Result<UsedListDto, UsedError> {
        let message = self.signed_message(header)?;
        Ok(UsedListDto {
            version: USED_VERSION,
            sequence: header.sequence,
            signed_at: iso_date(header.signed_at),
            signer: header.signer.map_or(0, KeyId::get),
            batches: self.to_dto(),
            signature: base64url::encode(key.sign(&message).to_bytes()),
        })
    }
}

impl UsedLookup for UsedSet {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.is_used(id).then_some(UsedBy::Feed)
    }
}

/// What is signed besides the bitmaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UsedHeader {
    pub sequence: u64,
    pub signed_at: NaiveDate,
    /// `None` = signed by the root key.
    pub signer: Option<KeyId>,
}

/// Verified used data: what the app holds and consults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsedData {
    header: UsedHeader,
    set: UsedSet,
    dto: UsedListDto,
}

impl UsedData {
    /// Parses and verifies the feed's `used` section: version 2, well-formed bitmaps,
    /// signed by `root` (signer 0) or by a `used`-role key of `keys` whose window covers
    /// `signed_at` and that is not a demo key unless `root` is the demo root (a production
    /// app never trusts the demo root, so there a demo signer is [`UsedError::DemoSigner`]).
    /// Does not compare sequences (see [`UsedData::accept`]).
    pub fn from_feed(
        dto: &UsedListDto,
        root: &VerifyingKey,
        keys: &KeySet,
    ) -> Result<UsedData, UsedError> {
        if dto.version != USED_VERSION {
            return Err(UsedError::UnsupportedVersion(dto.version));
        }
        if dto.signature.is_empty() {
            return Err(UsedError::Unsigned);
        }
        let signed_at =
            crate::domain::shared::date::strict_date(&dto.signed_at).ok_or_else(|| {
                invalid(
                    "used.signed_at",
                    format!("{:?} is not a YYYY-MM-DD date", dto.signed_at),
                )
            })?;
        let set = UsedSet::from_dto(&dto.batches)?;
        let sig =
            decode_signature(&dto.signature, "used.signature").map_err(|(at, p)| invalid(at, p))?;
        let signer = KeyId::new(dto.signer);
        let header = UsedHeader {
            sequence: dto.sequence,
            signed_at,
            signer,
        };
        let public_key = match signer {
            None => *root,
            Some(id) => {
                let key = keys
                    .get_any(id)
                    .filter(|k| k.role == KeyRole::Used)
                    .ok_or(UsedError::UnknownSigner(dto.signer))?;
                let demo_mode =
                    *root == crate::domain::tickets::core::keys::demo::root_public_key();
                if key.is_demo() && !demo_mode {
                    return Err(UsedError::DemoSigner(dto.signer));
                }
                if !key.covers(signed_at) {
                    return Err(UsedError::SignerNotValid {
                        signer: dto.signer,
                        signed_at,
                    });
                }
                key.public_key
            }
        };
        if !verify_signature(&public_key, &set.signed_message(&header)?, &sig) {
            return Err(UsedError::BadSignature);
        }
        Ok(UsedData {
            header,
            set,
            dto: dto.clone(),
        })
    }

    /// [`UsedData::from_feed`] then the sequence rule against the data held now:
    /// `Ok(Some(new))` to hold, `Ok(None)` for the same sequence (keep the held data),
    /// `Err(RolledBack)` for an older one.
    pub fn accept(
        dto: &UsedListDto,
        root: &VerifyingKey,
        keys: &KeySet,
        held: Option<&UsedData>,
    ) -> Result<Option<UsedData>, UsedError> {
        let offered = UsedData::from_feed(dto, root, keys)?;
        match acceptance(held.map(UsedData::sequence), offered.sequence()) {
            Acceptance::Accept => Ok(Some(offered)),
            Acceptance::Same => Ok(None),
            Acceptance::RolledBack { held, offered } => {
                Err(UsedError::RolledBack { held, offered })
            }
        }
    }

    pub fn sequence(&self) -> u64 {
        self.header.sequence
    }

    pub fn signed_at(&self) -> NaiveDate {
        self.header.signed_at
    }

    pub fn header(&self) -> UsedHeader {
        self.header
    }

    pub fn set(&self) -> &UsedSet {
        &self.set
    }

    /// The section as received: store it and re-verify with [`UsedData::from_feed`] on
    /// the next start.
    pub fn dto(&self) -> &UsedListDto {
        &self.dto
    }

    /// The office's next publication: everything published in `self` plus `new_marks`,
    /// with sequence + 1. (For a correction, build the set from [`UsedData::set`],
    /// [`UsedSet::unmark`] and sign it with a higher sequence.)
    pub fn next(
        &self,
        new_marks: &UsedSet,
        signed_at: NaiveDate,
        signer: Option<KeyId>,
        key: &SigningKey,
    ) -> Result<UsedListDto, UsedError> {
        let mut set = self.set.clone();
        set.merge(new_marks);
        set.sign(
            &UsedHeader {
                sequence: self.header.sequence.saturating_add(1),
                signed_at,
                signer,
            },
            key,
        )
    }
}

impl UsedLookup for UsedData {
    fn used(&self, id: TicketId) -> Option<UsedBy> {
        self.set.used(id)
    }
}

/// Reads the raw `used` section: the old unsigned form (a JSON array, version 1) is
/// refused as [`UsedError::Unsigned`]; otherwise the version-2 object.
pub fn parse_used_section(json: &str) -> Result<UsedListDto, UsedError> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| invalid("used", e.to_string()))?;
    if value.is_array() {
        return Err(UsedError::Unsigned);
    }
    if let Some(v) = value.get("version").and_then(serde_json::Value::as_u64) {
        if v != u64::from(USED_VERSION) {
            return Err(UsedError::UnsupportedVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ));
        }
    }
    if value.get("signature").is_none() {
        return Err(UsedError::Unsigned);
    }
    UsedListDto::deserialize(&value).map_err(|e| invalid("used", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::keys::demo;
    use proptest::prelude::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("UsedError::Unsigned", &UsedError::Unsigned),
            ("UsedError::BadSignature", &UsedError::BadSignature),
            ("UsedError::UnknownSigner", &UsedError::UnknownSigner(3)),
            ("UsedError::DemoSigner", &UsedError::DemoSigner(200)),
            (
                "UsedError::SignerNotValid",
                &UsedError::SignerNotValid {
                    signer: 3,
                    signed_at: chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap(),
                },
            ),
            (
                "UsedError::RolledBack",
                &UsedError::RolledBack {
                    held: 3,
                    offered: 3,
                },
            ),
            (
                "UsedError::UnsupportedVersion",
                &UsedError::UnsupportedVersion(3),
            ),
            (
                "UsedError::Invalid",
                &UsedError::Invalid {
                    at: "x".into(),
                    problem: "x".into(),
                },
            ),
            ("UsedError::BadCount", &UsedError::BadCount(3)),
            ("UsedError::BadBase64", &UsedError::BadBase64(3)),
            (
                "UsedError::BadBitsLength",
                &UsedError::BadBitsLength {
                    at: 3,
                    expected: 3,
                    found: 3,
                },
            ),
            ("UsedError::BitsBeyondCount", &UsedError::BitsBeyondCount(3)),
            ("UsedError::Order", &UsedError::Order(3)),
            ("UsedError::ZeroKey", &UsedError::ZeroKey(3)),
            ("UsedError::TooLarge", &UsedError::TooLarge),
        ]);
    }

    fn id(demo: bool, key: u8, batch: u32, index: u16) -> TicketId {
        TicketId {
            demo,
            key: KeyId::new(key).unwrap(),
            serial: Serial::new(batch, index),
        }
    }

    fn dto(key: u8, batch: u32, count: u32, bits: &[u8]) -> UsedBatchDto {
        UsedBatchDto {
            demo: false,
            key,
            batch,
            count,
            bits: base64url::encode(bits),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn header(sequence: u64, signer: Option<KeyId>) -> UsedHeader {
        UsedHeader {
            sequence,
            signed_at: day(2026, 12, 20),
            signer,
        }
    }

    #[test]
    fn bit_order_is_lsb_first_and_identity_is_keyed() {
        // byte 0 = 0b0000_1000 → index 3; byte 1 = 0b0000_0001 → index 8.
        let set = UsedSet::from_dto(&[dto(2, 202612, 10, &[0b0000_1000, 0b0000_0001])]).unwrap();
        let used: Vec<u16> = (0..10)
            .filter(|&i| set.is_used(id(false, 2, 202612, i)))
            .collect();
        assert_eq!(used, vec![3, 8]);
        assert!(!set.is_used(id(false, 2, 202611, 3)), "other batch");
        assert!(
            !set.is_used(id(false, 3, 202612, 3)),
            "other key, same serial"
        );
        assert!(!set.is_used(id(true, 2, 202612, 3)), "demo, same serial");
        assert!(!set.is_used(id(false, 2, 202612, 60000)), "beyond count");
        assert_eq!(set.used(id(false, 2, 202612, 3)), Some(UsedBy::Feed));
    }

    #[test]
    fn invalid_bitmaps_are_refused() {
        let cases = [
            (vec![dto(1, 1, 0, &[])], UsedError::BadCount(0)),
            (vec![dto(1, 1, 65_537, &[0; 8193])], UsedError::BadCount(0)),
            (
                vec![dto(1, 1, 9, &[0])],
                UsedError::BadBitsLength {
                    at: 0,
                    expected: 2,
                    found: 1,
                },
            ),
            (
                vec![dto(1, 1, 9, &[0, 0b10])],
                UsedError::BitsBeyondCount(0),
            ),
            (
                vec![dto(1, 5, 8, &[0]), dto(1, 5, 8, &[1])],
                UsedError::Order(1),
            ),
            (
                vec![dto(2, 5, 8, &[0]), dto(1, 6, 8, &[1])],
                UsedError::Order(1),
            ),
            (vec![dto(0, 5, 8, &[0])], UsedError::ZeroKey(0)),
        ];
        for (input, expected) in cases {
            assert_eq!(UsedSet::from_dto(&input), Err(expected));
        }
        let mut bad = dto(1, 1, 8, &[0]);
        bad.bits = "A=".into();
        assert_eq!(UsedSet::from_dto(&[bad]), Err(UsedError::BadBase64(0)));
    }

    #[test]
    fn a_production_build_refuses_used_data_signed_by_a_demo_key() {
        use crate::domain::tickets::core::keys::{sign_key_list, KeyListHeader};
        // A production root lists the demo used-data key: flagged, and unflagged (the
        // public key alone makes it a demo key: its seed is public).
        let prod_root = SigningKey::from_bytes(&[0x31; 32]);
        let mut set = UsedSet::new();
        set.mark(id(false, 2, 202612, 4));
        let signed = set
            .sign(
                &header(3, Some(demo::DEMO_USED_KEY_ID)),
                &demo::used_signing_key(),
            )
            .unwrap();
        for flagged in [true, false] {
            let mut listed = demo::used_key();
            listed.demo = flagged;
            let list = sign_key_list(
                &KeyListHeader {
                    sequence: 2,
                    signed_at: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    expires: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
                },
                &[listed],
                &prod_root,
            )
            .unwrap();
            let keys = KeySet::from_feed(&list, &prod_root.verifying_key()).unwrap();
            assert_eq!(
                UsedData::from_feed(&signed, &prod_root.verifying_key(), &keys),
                Err(UsedError::DemoSigner(200)),
                "flagged {flagged}"
            );
        }
        // The demo app (demo root) accepts it: that is what the demo feed is.
        assert!(UsedData::from_feed(
            &signed,
            &demo::root_signing_key().verifying_key(),
            &demo::key_set()
        )
        .is_ok());
    }

    #[test]
    fn signed_used_data_round_trips_and_tampering_is_refused() {
        let root = demo::root_signing_key();
        let keys = demo::key_set();
        let mut set = UsedSet::new();
        set.mark(id(false, 2, 202612, 4));
        set.mark(id(true, 1, 202612, 4));
        // By the root and by the demo used-data key.
        for (signer, key) in [
            (None, root.clone()),
            (Some(demo::DEMO_USED_KEY_ID), demo::used_signing_key()),
        ] {
            let signed = set.sign(&header(3, signer), &key).unwrap();
            let data = UsedData::from_feed(&signed, &root.verifying_key(), &keys).unwrap();
            assert_eq!(data.set(), &set);
            assert_eq!(data.sequence(), 3);
            let mut t = signed.clone();
            t.batches[0].bits = base64url::encode([0u8]);
            assert_eq!(
                UsedData::from_feed(&t, &root.verifying_key(), &keys),
                Err(UsedError::BadSignature),
                "a cleared bit must not re-validate a spent ticket"
            );
            let mut t = signed.clone();
            t.sequence = 4;
            assert_eq!(
                UsedData::from_feed(&t, &root.verifying_key(), &keys),
                Err(UsedError::BadSignature)
            );
        }
        // The issuer key is not a used-data key; an unlisted key is unknown.
        let by_issuer = set
            .sign(
                &header(3, Some(demo::DEMO_ISSUER_KEY_ID)),
                &demo::issuer_signing_key(),
            )
            .unwrap();
        assert_eq!(
            UsedData::from_feed(&by_issuer, &root.verifying_key(), &keys),
            Err(UsedError::UnknownSigner(1))
        );
        let mut unsigned = set.sign(&header(3, None), &root).unwrap();
        unsigned.signature.clear();
        assert_eq!(
            UsedData::from_feed(&unsigned, &root.verifying_key(), &keys),
            Err(UsedError::Unsigned)
        );
        assert_eq!(
            parse_used_section(r#"[{"batch":202612,"count":8,"bits":"AQ"}]"#),
            Err(UsedError::Unsigned)
        );
        assert_eq!(
            parse_used_section(
                r#"{"version":2,"sequence":1,"signed_at":"2026-12-01","signer":0,"batches":[]}"#
            ),
            Err(UsedError::Unsigned)
        );
    }

    #[test]
    fn sequence_rule_and_corrections() {
        let root = demo::root_signing_key();
        let keys = demo::key_set();
        let t = id(false, 2, 202612, 4);
        let mut set = UsedSet::new();
        set.mark(t);
        let v5 = set.sign(&header(5, None), &root).unwrap();
        let held = UsedData::accept(&v5, &root.verifying_key(), &keys, None)
            .unwrap()
            .unwrap();
        assert!(held.is_used_for_test(t));
        assert_eq!(
            UsedData::accept(&v5, &root.verifying_key(), &keys, Some(&held)),
            Ok(None)
        );
        let v4 = UsedSet::new().sign(&header(4, None), &root).unwrap();
        assert_eq!(
            UsedData::accept(&v4, &root.verifying_key(), &keys, Some(&held)),
            Err(UsedError::RolledBack {
                held: 5,
                offered: 4
            })
        );
        // The office corrects: t was not used after all.
        let mut corrected = held.set().clone();
        corrected.unmark(t);
        let v6 = corrected.sign(&header(6, None), &root).unwrap();
        let now = UsedData::accept(&v6, &root.verifying_key(), &keys, Some(&held))
            .unwrap()
            .unwrap();
        assert!(!now.is_used_for_test(t));
        // And the next publication merges new marks into what was published.
        let mut marks = UsedSet::new();
        marks.mark(id(false, 2, 202612, 9));
        let v7 = now.next(&marks, day(2026, 12, 27), None, &root).unwrap();
        let next = UsedData::accept(&v7, &root.verifying_key(), &keys, Some(&now))
            .unwrap()
            .unwrap();
        assert_eq!(next.sequence(), 7);
        assert_eq!(next.set().len(), 1);
    }

    impl UsedData {
        fn is_used_for_test(&self, id: TicketId) -> bool {
            self.used(id).is_some()
        }
    }

    #[test]
    fn any_of_asks_each_source() {
        let mut feed = UsedSet::new();
        feed.mark(id(false, 1, 1, 1));
        let ledger = BTreeSet::from([id(false, 1, 1, 2)]);
        let both = AnyOf(&[&ledger, &feed]);
        assert_eq!(both.used(id(false, 1, 1, 1)), Some(UsedBy::Feed));
        assert_eq!(both.used(id(false, 1, 1, 2)), Some(UsedBy::LocalRedemption));
        assert_eq!(both.used(id(false, 1, 1, 3)), None);
    }

    #[test]
    fn a_full_batch_of_54000_is_6750_bytes() {
        let mut set = UsedSet::new();
        set.mark(id(false, 2, 202612, 53_999));
        let json = serde_json::to_string(&set.to_dto()).unwrap();
        assert_eq!(set.to_dto()[0].count, 54_000);
        // 6,750 bytes → 9,000 base64 characters + a few bytes of JSON.
        assert!(json.len() < 9_080, "{}", json.len());
    }

    proptest! {
        #[test]
        fn builder_round_trips(marks in proptest::collection::btree_set((any::<bool>(), 1u8..4, 0u32..3, any::<u16>()), 0..50)) {
            let mut set = UsedSet::new();
            for &(d, k, b, i) in &marks {
                set.mark(id(d, k, b, i));
            }
            let back = UsedSet::from_dto(&set.to_dto()).unwrap();
            prop_assert_eq!(&back, &set);
            let expected: Vec<TicketId> = marks.iter().map(|&(d, k, b, i)| id(d, k, b, i)).collect();
            let mut got: Vec<TicketId> = back.ids().collect();
            got.sort();
            let mut exp = expected.clone();
            exp.sort();
            prop_assert_eq!(got, exp);
            prop_assert_eq!(back.len(), marks.len());
        }
    }
}

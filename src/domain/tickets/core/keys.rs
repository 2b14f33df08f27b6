//! The city's keys: a compiled-in ROOT public key signs the list of ISSUER keys published
//! in the feed (`keys` section); issuer keys sign tickets. Format: `docs/feed-tickets.md`.

use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;
use thiserror::Error;

use crate::domain::shared::base64url;
use crate::domain::shared::date::{days_since_epoch, iso_date};
use crate::domain::shared::money::Yen;
use crate::domain::shared::text::clean_line;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};

/// Domain-separation prefix of the signed key list message (15 ASCII bytes).
pub const KEY_LIST_PREFIX: &[u8; 15] = b"jokatsu-keys-v2";
/// Format version of the `keys` section this app reads.
pub const KEY_LIST_VERSION: u32 = 2;

/// An issuer key id, 1..=255 (byte 2 of a ticket).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct KeyId(u8);

impl KeyId {
    /// `None` for 0.
    pub const fn new(id: u8) -> Option<Self> {
        if id == 0 {
            None
        } else {
            Some(Self(id))
        }
    }
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for KeyId {
    type Error = &'static str;
    fn try_from(id: u8) -> Result<Self, Self::Error> {
        Self::new(id).ok_or("key id must be 1..=255")
    }
}

impl From<KeyId> for u8 {
    fn from(id: KeyId) -> u8 {
        id.0
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What a listed key may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyRole {
    /// Signs tickets (signed byte 1).
    Issuer,
    /// Signs the feed's used data on behalf of the office (signed byte 2).
    Used,
}

impl KeyRole {
    /// The byte in the signed message.
    pub const fn byte(self) -> u8 {
        match self {
            KeyRole::Issuer => 1,
            KeyRole::Used => 2,
        }
    }
}

/// Feed JSON of the `keys` section (version 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyListDto {
    /// Must be 2.
    pub version: u32,
    /// Grows with every list the root signs; a lower one is a rollback.
    pub sequence: u64,
    /// `YYYY-MM-DD` (JST), the day the root signed the list.
    pub signed_at: String,
    /// `YYYY-MM-DD` (JST), last day the list counts as current (after it the app warns).
    pub expires: String,
    pub keys: Vec<IssuerKeyDto>,
    /// base64url (no padding) of the 64-byte root signature.
    pub signature: String,
}

/// One key as listed in the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerKeyDto {
    /// 1..=255, unique across roles (wider type here so a bad value gets a precise error).
    pub id: i64,
    pub role: KeyRole,
    /// base64url (no padding) of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// `YYYY-MM-DD`: first JST day a ticket's `valid_from` (issuer) or a used list's
    /// `signed_at` (used) may have.
    pub not_before: String,
    /// `YYYY-MM-DD`: last such day (inclusive).
    pub not_after: String,
    /// Issuer: `valid_until − valid_from ≤ max_validity_days` and
    /// `valid_until ≤ not_after + max_validity_days`. 0 for a used key.
    pub max_validity_days: u16,
    /// Issuer: largest face value (yen) it may sign. 0 for a used key.
    pub max_face_value: u32,
    pub demo: bool,
    #[serde(default)]
    pub label: String,
    /// `YYYY-MM-DD` (JST), issuer keys only, optional: the key leaked or was lost, and no
    /// ticket of it counts when checked (at a till: today; at settlement: the redemption
    /// day) on or after this day (verdict `key_revoked`). Signed (the revocation trailer,
    /// `docs/feed-tickets.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_from: Option<String>,
}

/// Why a key list (or the root key) was refused. A refused list is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum KeyListError {
    Invalid { at: String, problem: String },
    UnsupportedVersion(u32),
    NotSignedByRoot,
    TooManyKeys(usize),
    DuplicateId { index: usize, id: u8 },
    RolledBack { held: u64, offered: u64 },
    Missing,
    RootKeyMissing,
    RootKeyInvalid(String),
    DemoRootInProduction,
}

impl Wording for KeyListError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Invalid { at, problem } => say!(lang, "鍵リストの {at} が不正です", "{at}: {problem}"),
            Self::UnsupportedVersion(n) => say!(
                lang,
                "鍵リストの形式 {n} は読めません",
                "keys: version {n} is not supported (this app reads version 2)",
            ),
            Self::NotSignedByRoot => say(
                lang,
                "鍵リストに市の署名がありません",
                "keys: the key list is not signed by the city's root key",
            ),
            Self::TooManyKeys(n) => say!(
                lang,
                "鍵リストの鍵が多すぎます",
                "keys.keys: {n} keys listed, at most 255 allowed",
            ),
            Self::DuplicateId { index, id } => say!(
                lang,
                "鍵番号 {id} が二重です",
                "keys.keys[{index}].id: key id {id} listed twice",
            ),
            Self::RolledBack { held, offered } => say!(
                lang,
                "鍵リストが古いです",
                "the key list is older than the one in use (sequence {offered} < {held})",
            ),
            Self::Missing => say(lang, "フィードに鍵リストがありません", "the feed has no key list"),
            Self::RootKeyMissing => say(
                lang,
                "このアプリにはルート鍵がありません",
                "this build has no root public key (JOKATSU_ROOT_PUBLIC_KEY was not set at build time)",
            ),
            Self::RootKeyInvalid(text) => say!(
                lang,
                "ルート鍵が不正です",
                "the root public key given at build time is invalid: {text}",
            ),
            Self::DemoRootInProduction => say(
                lang,
                "本番版では見本のルート鍵は使えません",
                "a production build cannot use the demo root key",
            ),
        }
    }
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> KeyListError {
    KeyListError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// A verified key from the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerKey {
    pub id: KeyId,
    pub role: KeyRole,
    pub public_key: VerifyingKey,
    /// Issuer: tickets whose `valid_from` is in `[not_before, not_after]` may be signed by
    /// this key. Used: used lists whose `signed_at` is in it.
    pub not_before: NaiveDate,
    pub not_after: NaiveDate,
    /// See [`IssuerKeyDto::max_validity_days`].
    pub max_validity_days: u16,
    /// Largest face value this key may sign.
    pub max_face_value: Yen,
    /// A demo key: its tickets are refused unless [`VerifyPolicy::accept_demo`](crate::domain::tickets::core::ticket::VerifyPolicy).
    pub demo: bool,
    pub label: String,
    /// Issuer keys only: tickets checked on or after this JST day are refused
    /// ([`Verdict::KeyRevoked`](crate::domain::tickets::core::ticket::Verdict)).
    pub revoked_from: Option<NaiveDate>,
}

/// Which bound of its key a ticket breaks ([`Verdict::OutsideKeyBounds`](crate::domain::tickets::core::ticket::Verdict)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyBound {
    /// `valid_until − valid_from` exceeds `max_validity_days`.
    Validity { days: i64, max: u16 },
    /// `valid_until` is after `not_after + max_validity_days`.
    ValidUntil { latest: NaiveDate },
    /// The face value exceeds `max_face_value`.
    FaceValue { max: Yen },
}

impl IssuerKey {
    /// An issuer key (tickets).
    pub fn issuer(id: KeyId, public_key: VerifyingKey, window: (NaiveDate, NaiveDate)) -> Self {
        Self {
            id,
            role: KeyRole::Issuer,
            public_key,
            not_before: window.0,
            not_after: window.1,
            max_validity_days: 100,
            max_face_value: Yen(1_000),
            demo: false,
            label: String::new(),
            revoked_from: None,
        }
    }

    /// A demo key: flagged `demo`, or one of the demo public keys whatever its flag (their
    /// private halves are public, [`demo`]). Production refuses such a key in every role.
    pub fn is_demo(&self) -> bool {
        self.demo || demo::is_demo_public_key(&self.public_key)
    }

    /// Revoked on JST day `day`: the list gives a `revoked_from` on or before it.
    pub fn is_revoked_on(&self, day: NaiveDate) -> bool {
        self.revoked_from.is_some_and(|from| day >= from)
    }

    /// Does this key's window cover a ticket starting on `valid_from` (or, for a used
    /// key, a used list signed on that day)?
    pub fn covers(&self, valid_from: NaiveDate) -> bool {
        self.not_before <= valid_from && valid_from <= self.not_after
    }

    /// The last `valid_until` any ticket of this key may have: `not_after +
    /// max_validity_days`.
    pub fn latest_valid_until(&self) -> NaiveDate {
        self.not_after
            .checked_add_days(chrono::Days::new(u64::from(self.max_validity_days)))
            .unwrap_or(self.not_after)
    }

    /// Checks a ticket's validity span and face value against this key's bounds
    /// (the `valid_from` window is [`IssuerKey::covers`]).
    pub fn check_bounds(
        &self,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
        face_value: Yen,
    ) -> Result<(), KeyBound> {
        let days = (valid_until - valid_from).num_days();
        if days > i64::from(self.max_validity_days) {
            return Err(KeyBound::Validity {
                days,
                max: self.max_validity_days,
            });
        }
        let latest = self.latest_valid_until();
        if valid_until > latest {
            return Err(KeyBound::ValidUntil { latest });
        }
        if face_value > self.max_face_value {
            return Err(KeyBound::FaceValue {
                max: self.max_face_value,
            });
        }
        Ok(())
    }
}

/// The keys the app trusts, from one root-signed key list, with the list's sequence,
/// signing date and expiry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeySet {
    sequence: u64,
    signed_at: NaiveDate,
    expires: NaiveDate,
    issuers: BTreeMap<KeyId, IssuerKey>,
    /// The list as received (kept so the app can store and re-verify it).
    dto: Option<KeyListDto>,
}

fn date_days(date: NaiveDate, at: &str) -> Result<u16, KeyListError> {
    u16::try_from(days_since_epoch(date))
        .map_err(|_| invalid(at, "date must be between 1970-01-01 and 2149-06-06"))
}

fn parse_date(text: &str, at: String) -> Result<NaiveDate, KeyListError> {
    let date = crate::domain::shared::date::strict_date(text)
        .ok_or_else(|| invalid(at.clone(), format!("{text:?} is not a YYYY-MM-DD date")))?;
    date_days(date, &at)?;
    Ok(date)
}

/// The header of a key list: what the root signs besides the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyListHeader {
    pub sequence: u64,
    pub signed_at: NaiveDate,
    pub expires: NaiveDate,
}

/// The bytes the root key signs (`docs/feed-tickets.md`):
/// `"jokatsu-keys-v2" || sequence u64 BE || signed_at u16 BE days || expires u16 BE days
/// || count u8 || per key (id u8, role u8, public key 32, not_before u16 BE days,
/// not_after u16 BE days, max_validity_days u16 BE, max_face_value u32 BE, demo u8)`,
/// then — only when at least one key has a `revoked_from` — the revocation trailer:
/// `revoked count u8 || per revoked key in list order (id u8, revoked_from u16 BE days)`.
/// A list without revocations signs exactly the bytes it always did.
pub fn key_list_message(
    header: &KeyListHeader,
    keys: &[IssuerKey],
) -> Result<Vec<u8>, KeyListError> {
    let count = u8::try_from(keys.len()).map_err(|_| KeyListError::TooManyKeys(keys.len()))?;
    let mut m = Vec::with_capacity(28 + keys.len() * 45);
    m.extend_from_slice(KEY_LIST_PREFIX);
    m.extend_from_slice(&header.sequence.to_be_bytes());
    m.extend_from_slice(&date_days(header.signed_at, "keys.signed_at")?.to_be_bytes());
    m.extend_from_slice(&date_days(header.expires, "keys.expires")?.to_be_bytes());
    m.push(count);
    for (i, k) in keys.iter().enumerate() {
        m.push(k.id.get());
        m.push(k.role.byte());
        m.extend_from_slice(k.public_key.as_bytes());
        m.extend_from_slice(
            &date_days(k.not_before, &format!("keys.keys[{i}].not_before"))?.to_be_bytes(),
        );
        m.extend_from_slice(
            &date_days(k.not_after, &format!("keys.keys[{i}].not_after"))?.to_be_bytes(),
        );
        m.extend_from_slice(&k.max_validity_days.to_be_bytes());
        let face = u32::try_from(k.max_face_value.0).map_err(|_| {
            invalid(
                format!("keys.keys[{i}].max_face_value"),
                "larger than 4,294,967,295",
            )
        })?;
        m.extend_from_slice(&face.to_be_bytes());
        m.push(u8::from(k.demo));
    }
    let revoked: Vec<(usize, &IssuerKey, NaiveDate)> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.revoked_from.map(|d| (i, k, d)))
        .collect();
    if !revoked.is_empty() {
        // At most 255 keys, so at most 255 revoked.
        m.push(u8::try_from(revoked.len()).unwrap_or(u8::MAX));
        for (i, k, day) in revoked {
            m.push(k.id.get());
            m.extend_from_slice(
                &date_days(day, &format!("keys.keys[{i}].revoked_from"))?.to_be_bytes(),
            );
        }
    }
    Ok(m)
}

/// Signs a key list with the root key (office tool, demo feed, tests).
pub fn sign_key_list(
    header: &KeyListHeader,
    keys: &[IssuerKey],
    root: &SigningKey,
) -> Result<KeyListDto, KeyListError> {
    let message = key_list_message(header, keys)?;
    let signature = root.sign(&message);
    Ok(KeyListDto {
        version: KEY_LIST_VERSION,
        sequence: header.sequence,
        signed_at: iso_date(header.signed_at),
        expires: iso_date(header.expires),
        keys: keys
            .iter()
            .map(|k| IssuerKeyDto {
                id: i64::from(k.id.get()),
                role: k.role,
                public_key: base64url::encode(k.public_key.as_bytes()),
                not_before: iso_date(k.not_before),
                not_after: iso_date(k.not_after),
                max_validity_days: k.max_validity_days,
                max_face_value: u32::try_from(k.max_face_value.0).unwrap_or(u32::MAX),
                demo: k.demo,
                label: k.label.clone(),
                revoked_from: k.revoked_from.map(iso_date),
            })
            .collect(),
        signature: base64url::encode(signature.to_bytes()),
    })
}

fn parse_issuer(i: usize, dto: &IssuerKeyDto) -> Result<IssuerKey, KeyListError> {
    let at = |field: &str| format!("keys.keys[{i}].{field}");
    let id = u8::try_from(dto.id)
        .ok()
        .and_then(KeyId::new)
        .ok_or_else(|| invalid(at("id"), format!("{} is not 1..=255", dto.id)))?;
    let public_key =
        decode_public_key(&dto.public_key).map_err(|p| invalid(at("public_key"), p))?;
    let not_before = parse_date(&dto.not_before, at("not_before"))?;
    let not_after = parse_date(&dto.not_after, at("not_after"))?;
    if dto.label.chars().count() > 100 {
        return Err(invalid(at("label"), "longer than 100 characters"));
    }
    let revoked_from = dto
        .revoked_from
        .as_deref()
        .map(|text| parse_date(text, at("revoked_from")))
        .transpose()?;
    Ok(IssuerKey {
        id,
        role: dto.role,
        public_key,
        not_before,
        not_after,
        max_validity_days: dto.max_validity_days,
        max_face_value: Yen(u64::from(dto.max_face_value)),
        demo: dto.demo,
        label: clean_line(&dto.label, 100),
        revoked_from,
    })
}

fn decode_public_key(text: &str) -> Result<VerifyingKey, &'static str> {
    let raw = base64url::decode(text).map_err(|_| "not base64url without padding")?;
    let raw: [u8; 32] = raw.try_into().map_err(|_| "not 32 bytes")?;
    let key = VerifyingKey::from_bytes(&raw).map_err(|_| "not an Ed25519 public key")?;
    if key.is_weak() {
        return Err("weak (small-order) key");
    }
    Ok(key)
}

/// Decodes a base64url (no padding) 64-byte signature; `at` names the field in errors.
pub(crate) fn decode_signature(text: &str, at: &str) -> Result<[u8; 64], (String, &'static str)> {
    let sig =
        base64url::decode(text).map_err(|_| (at.to_string(), "not base64url without padding"))?;
    sig.try_into().map_err(|_| (at.to_string(), "not 64 bytes"))
}

/// How an offered list (key list or used data) compares with the one in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acceptance {
    /// Nothing held yet, or a higher sequence: use the offered list.
    Accept,
    /// The same sequence as the one held: keep the held list (nothing to do).
    Same,
    /// A lower sequence: an old list replayed; refuse it and keep the held one.
    RolledBack { held: u64, offered: u64 },
}

/// THE rule for signed, sequenced trust data: given the sequence of the last accepted
/// list (`None` if none) and the offered list's sequence, accept, ignore or refuse.
pub fn acceptance(held: Option<u64>, offered: u64) -> Acceptance {
    match held {
        None => Acceptance::Accept,
        Some(h) if offered > h => Acceptance::Accept,
        Some(h) if offered == h => Acceptance::Same,
        Some(h) => Acceptance::RolledBack { held: h, offered },
    }
}

impl KeySet {
    /// Parses the feed's key list and checks its root signature. Any problem refuses the
    /// whole list (the caller keeps its last good key set).
    pub fn from_feed(dto: &KeyListDto, root: &VerifyingKey) -> Result<KeySet, KeyListError> {
        if dto.version != KEY_LIST_VERSION {
            return Err(KeyListError::UnsupportedVersion(dto.version));
        }
        if dto.keys.len() > 255 {
            return Err(KeyListError::TooManyKeys(dto.keys.len()));
        }
        let header = KeyListHeader {
            sequence: dto.sequence,
            signed_at: parse_date(&dto.signed_at, "keys.signed_at".into())?,
            expires: parse_date(&dto.expires, "keys.expires".into())?,
        };
        let keys = dto
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| parse_issuer(i, k))
            .collect::<Result<Vec<_>, _>>()?;
        let sig =
            decode_signature(&dto.signature, "keys.signature").map_err(|(at, p)| invalid(at, p))?;
        let message = key_list_message(&header, &keys)?;
        if !verify_signature(root, &message, &sig) {
            return Err(KeyListError::NotSignedByRoot);
        }
        // Semantic checks only on authenticated data.
        if header.expires < header.signed_at {
            return Err(invalid("keys.expires", "earlier than signed_at"));
        }
        let mut set = BTreeMap::new();
        for (index, key) in keys.into_iter().enumerate() {
            if key.not_after < key.not_before {
                return Err(invalid(
                    format!("keys.keys[{index}].not_after"),
                    "earlier than not_before",
                ));
            }
            if key.role == KeyRole::Used
                && (key.max_validity_days != 0 || key.max_face_value.0 != 0)
            {
                return Err(invalid(
                    format!("keys.keys[{index}]"),
                    "a used key must have max_validity_days and max_face_value 0",
                ));
            }
            if key.role == KeyRole::Used && key.revoked_from.is_some() {
                return Err(invalid(
                    format!("keys.keys[{index}].revoked_from"),
                    "a used-data key is not revoked by date: drop it from the list",
                ));
            }
            let id = key.id;
            if set.insert(id, key).is_some() {
                return Err(KeyListError::DuplicateId {
                    index,
                    id: id.get(),
                });
            }
        }
        Ok(KeySet {
            sequence: header.sequence,
            signed_at: header.signed_at,
            expires: header.expires,
            issuers: set,
            dto: Some(dto.clone()),
        })
    }

    /// The issuer key with this id, if listed (a `used` key is not an issuer).
    pub fn get(&self, id: KeyId) -> Option<&IssuerKey> {
        self.issuers.get(&id).filter(|k| k.role == KeyRole::Issuer)
    }

    /// The key with this id whatever its role.
    pub fn get_any(&self, id: KeyId) -> Option<&IssuerKey> {
        self.issuers.get(&id)
    }

    /// All keys, by id.
    pub fn iter(&self) -> impl Iterator<Item = &IssuerKey> {
        self.issuers.values()
    }

    pub fn len(&self) -> usize {
        self.issuers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.issuers.is_empty()
    }

    /// The list's sequence number (0 for an empty set that came from no list).
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    pub fn signed_at(&self) -> NaiveDate {
        self.signed_at
    }

    pub fn expires(&self) -> NaiveDate {
        self.expires
    }

    /// Past its `expires` day on JST date `today`: the app warns ("鍵リストの有効期限が
    /// 切れています") but keeps verifying with it, since it is still the newest it has.
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.dto.is_some() && today > self.expires
    }

    /// The list as received from the feed (`None` for a set built in code): store this
    /// and re-verify it with [`KeySet::from_feed`] on the next start.
    pub fn dto(&self) -> Option<&KeyListDto> {
        self.dto.as_ref()
    }

    /// [`acceptance`] of `offered` against this (held) set. A set that came from no list
    /// counts as nothing held.
    pub fn acceptance_of(held: Option<&KeySet>, offered: &KeySet) -> Acceptance {
        acceptance(
            held.filter(|k| k.dto.is_some()).map(KeySet::sequence),
            offered.sequence,
        )
    }

    /// A set from keys built in code (tests, demo): sequence 0, no list.
    pub fn from_keys(keys: impl IntoIterator<Item = IssuerKey>) -> KeySet {
        KeySet {
            issuers: keys.into_iter().map(|k| (k.id, k)).collect(),
            ..KeySet::default()
        }
    }
}

/// THE signature check of the app (tickets and key lists): Ed25519 per RFC 8032, pure,
/// with ed25519-dalek's `verify_strict` (rejects non-canonical S, non-canonical or
/// small-order R and small-order public keys). Exercised by `tests/tickets/wycheproof.rs`.
pub fn verify_signature(key: &VerifyingKey, message: &[u8], signature: &[u8; 64]) -> bool {
    key.verify_strict(message, &Signature::from_bytes(signature))
        .is_ok()
}

/// [`verify_signature`] on raw bytes: `false` for a public key that does not decode or a
/// signature that is not 64 bytes.
pub fn verify_signature_raw(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    let Ok(pk) = <[u8; 32]>::try_from(public_key) else {
        return false;
    };
    let Ok(sig) = <[u8; 64]>::try_from(signature) else {
        return false;
    };
    VerifyingKey::from_bytes(&pk).is_ok_and(|key| verify_signature(&key, message, &sig))
}

/// The root public key baked in at build time, base64url in `JOKATSU_ROOT_PUBLIC_KEY`.
pub const BUILD_ROOT_PUBLIC_KEY: Option<&str> = option_env!("JOKATSU_ROOT_PUBLIC_KEY");

/// Parses a base64url (no padding) 32-byte Ed25519 public key.
pub fn parse_public_key(text: &str) -> Result<VerifyingKey, KeyListError> {
    let raw = base64url::decode(text.trim())
        .map_err(|_| KeyListError::RootKeyInvalid("not base64url without padding".into()))?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| KeyListError::RootKeyInvalid("not 32 bytes".into()))?;
    let key = VerifyingKey::from_bytes(&raw)
        .map_err(|_| KeyListError::RootKeyInvalid("not an Ed25519 public key".into()))?;
    if key.is_weak() {
        return Err(KeyListError::RootKeyInvalid(
            "weak (small-order) key".into(),
        ));
    }
    Ok(key)
}

/// The root key the app trusts. `production = false` (demo mode) uses the demo root;
/// `production = true` uses the build-time key and refuses a missing key or the demo root.
pub fn root_key(production: bool) -> Result<VerifyingKey, KeyListError> {
    root_key_from(production, BUILD_ROOT_PUBLIC_KEY)
}

/// [`root_key`] with the build-time value passed in (testable).
pub fn root_key_from(
    production: bool,
    build_value: Option<&str>,
) -> Result<VerifyingKey, KeyListError> {
    if !production {
        return Ok(demo::root_public_key());
    }
    let key = parse_public_key(build_value.ok_or(KeyListError::RootKeyMissing)?)?;
    if key == demo::root_public_key() {
        return Err(KeyListError::DemoRootInProduction);
    }
    Ok(key)
}

/// DEMO keys. The private halves below are PUBLIC, committed on purpose so the app's demo
/// mode can issue "a demo month of tickets in one tap". Never use them for real tickets:
/// production builds refuse the demo root, demo keys and demo-flagged tickets.
pub mod demo {
    use super::*;

    /// Seed of the demo root signing key. NOT SECRET.
    pub const DEMO_ROOT_SEED: [u8; 32] = *b"JOKATSU-DEMO-ROOT-SEED-NOTSECRET";
    /// Seed of the demo issuer signing key (key id [`DEMO_ISSUER_KEY_ID`]). NOT SECRET.
    pub const DEMO_ISSUER_SEED: [u8; 32] = *b"JOKATSU-DEMO-ISSUER-1-NOTSECRET!";
    /// Key id of the demo issuer key.
    pub const DEMO_ISSUER_KEY_ID: KeyId = KeyId(1);
    /// Seed of the demo `used`-role key (key id [`DEMO_USED_KEY_ID`]). NOT SECRET.
    pub const DEMO_USED_SEED: [u8; 32] = *b"JOKATSU-DEMO-USED-KEY-NOTSECRET!";
    /// Key id of the demo used-data key.
    pub const DEMO_USED_KEY_ID: KeyId = KeyId(200);
    /// Validity window of the demo keys: wide on purpose, so the demo works in any year
    /// the ticket format can encode (production builds refuse demo keys anyway).
    pub const DEMO_NOT_BEFORE: (i32, u32, u32) = (2020, 1, 1);
    pub const DEMO_NOT_AFTER: (i32, u32, u32) = (2148, 12, 31);
    /// Bounds of the demo issuer key: a demo month is 1,000-yen tickets valid ≤ 92 days.
    pub const DEMO_MAX_VALIDITY_DAYS: u16 = 100;
    pub const DEMO_MAX_FACE_VALUE: Yen = Yen(1_000);
    /// Header of the demo key list.
    pub const DEMO_LIST_SEQUENCE: u64 = 1;
    pub const DEMO_LIST_SIGNED_AT: (i32, u32, u32) = (2026, 1, 1);
    pub const DEMO_LIST_EXPIRES: (i32, u32, u32) = (2148, 12, 31);

    pub fn root_signing_key() -> SigningKey {
        SigningKey::from_bytes(&DEMO_ROOT_SEED)
    }

    pub fn issuer_signing_key() -> SigningKey {
        SigningKey::from_bytes(&DEMO_ISSUER_SEED)
    }

    pub fn used_signing_key() -> SigningKey {
        SigningKey::from_bytes(&DEMO_USED_SEED)
    }

    /// The public half of the key with this seed, derived once per run: a derivation is a
    /// scalar multiplication, and a page's start-up compares keys with the demo root
    /// several times (profiled on `shop-desk.html`: ~13 ms of a first visit's start-up
    /// under a phone's CPU, before this).
    fn derived_once(cell: &'static OnceLock<VerifyingKey>, seed: &[u8; 32]) -> VerifyingKey {
        *cell.get_or_init(|| SigningKey::from_bytes(seed).verifying_key())
    }

    /// The demo root's public key.
    pub fn root_public_key() -> VerifyingKey {
        static KEY: OnceLock<VerifyingKey> = OnceLock::new();
        derived_once(&KEY, &DEMO_ROOT_SEED)
    }

    /// One of the demo public keys (root, issuer, used-data): its private half is public.
    pub fn is_demo_public_key(key: &VerifyingKey) -> bool {
        static ISSUER: OnceLock<VerifyingKey> = OnceLock::new();
        static USED: OnceLock<VerifyingKey> = OnceLock::new();
        *key == root_public_key()
            || *key == derived_once(&ISSUER, &DEMO_ISSUER_SEED)
            || *key == derived_once(&USED, &DEMO_USED_SEED)
    }

    pub(crate) fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// The demo issuer key as listed in the demo feed.
    pub fn issuer_key() -> IssuerKey {
        IssuerKey {
            id: DEMO_ISSUER_KEY_ID,
            role: KeyRole::Issuer,
            public_key: issuer_signing_key().verifying_key(),
            not_before: ymd(DEMO_NOT_BEFORE),
            not_after: ymd(DEMO_NOT_AFTER),
            max_validity_days: DEMO_MAX_VALIDITY_DAYS,
            max_face_value: DEMO_MAX_FACE_VALUE,
            demo: true,
            label: "見本（デモ）発行鍵 / demo issuer key".into(),
            revoked_from: None,
        }
    }

    /// The demo used-data key as listed in the demo feed.
    pub fn used_key() -> IssuerKey {
        IssuerKey {
            id: DEMO_USED_KEY_ID,
            role: KeyRole::Used,
            public_key: used_signing_key().verifying_key(),
            not_before: ymd(DEMO_NOT_BEFORE),
            not_after: ymd(DEMO_NOT_AFTER),
            max_validity_days: 0,
            max_face_value: Yen(0),
            demo: true,
            label: "見本（デモ）使用済み署名鍵 / demo used-data key".into(),
            revoked_from: None,
        }
    }

    /// The demo key list's header.
    pub fn header() -> KeyListHeader {
        KeyListHeader {
            sequence: DEMO_LIST_SEQUENCE,
            signed_at: ymd(DEMO_LIST_SIGNED_AT),
            expires: ymd(DEMO_LIST_EXPIRES),
        }
    }

    /// The demo key list, signed by the demo root.
    pub fn key_list() -> KeyListDto {
        // Two keys, small dates: cannot fail.
        sign_key_list(&header(), &[issuer_key(), used_key()], &root_signing_key()).unwrap_or(
            KeyListDto {
                version: KEY_LIST_VERSION,
                sequence: 0,
                signed_at: String::new(),
                expires: String::new(),
                keys: Vec::new(),
                signature: String::new(),
            },
        )
    }

    /// The demo key set (what the app holds after loading the demo feed's `keys`).
    pub fn key_set() -> KeySet {
        KeySet::from_feed(&key_list(), &root_signing_key().verifying_key())
            .unwrap_or_else(|_| KeySet::from_keys([issuer_key(), used_key()]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            (
                "KeyListError::Invalid",
                &KeyListError::Invalid {
                    at: "x".into(),
                    problem: "x".into(),
                },
            ),
            (
                "KeyListError::UnsupportedVersion",
                &KeyListError::UnsupportedVersion(3),
            ),
            (
                "KeyListError::NotSignedByRoot",
                &KeyListError::NotSignedByRoot,
            ),
            ("KeyListError::TooManyKeys", &KeyListError::TooManyKeys(3)),
            (
                "KeyListError::DuplicateId",
                &KeyListError::DuplicateId { index: 3, id: 3 },
            ),
            (
                "KeyListError::RolledBack",
                &KeyListError::RolledBack {
                    held: 3,
                    offered: 3,
                },
            ),
            ("KeyListError::Missing", &KeyListError::Missing),
            (
                "KeyListError::RootKeyMissing",
                &KeyListError::RootKeyMissing,
            ),
            (
                "KeyListError::RootKeyInvalid",
                &KeyListError::RootKeyInvalid("x".into()),
            ),
            (
                "KeyListError::DemoRootInProduction",
                &KeyListError::DemoRootInProduction,
            ),
        ]);
    }

    fn key(id: u8, seed: u8, demo: bool) -> IssuerKey {
        IssuerKey {
            id: KeyId::new(id).unwrap(),
            role: KeyRole::Issuer,
            public_key: SigningKey::from_bytes(&[seed; 32]).verifying_key(),
            not_before: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            not_after: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            max_validity_days: 92,
            max_face_value: Yen(1_000),
            demo,
            label: format!("key {id}"),
            revoked_from: None,
        }
    }

    fn hdr(sequence: u64) -> KeyListHeader {
        KeyListHeader {
            sequence,
            signed_at: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            expires: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        }
    }

    type Edit = Box<dyn Fn(&mut KeyListDto)>;

    #[test]
    fn demo_key_list_verifies_under_demo_root() {
        let set = KeySet::from_feed(&demo::key_list(), &demo::root_signing_key().verifying_key())
            .unwrap();
        assert_eq!(set, demo::key_set());
        assert!(set.get(demo::DEMO_ISSUER_KEY_ID).unwrap().demo);
    }

    #[test]
    fn key_list_signed_by_another_key_is_refused() {
        let other_root = SigningKey::from_bytes(&[9; 32]);
        let dto = sign_key_list(&hdr(7), &[key(1, 1, false)], &other_root).unwrap();
        assert_eq!(
            KeySet::from_feed(&dto, &demo::root_signing_key().verifying_key()),
            Err(KeyListError::NotSignedByRoot)
        );
    }

    #[test]
    fn any_edit_of_a_signed_list_is_refused() {
        let root = demo::root_signing_key();
        let dto = sign_key_list(&hdr(7), &[key(1, 1, false), key(2, 2, false)], &root).unwrap();
        let edits: Vec<(&str, Edit)> = vec![
            ("id", Box::new(|d| d.keys[0].id = 3)),
            (
                "not_after",
                Box::new(|d| d.keys[1].not_after = "2030-12-31".into()),
            ),
            (
                "not_before",
                Box::new(|d| d.keys[1].not_before = "2025-12-31".into()),
            ),
            ("demo", Box::new(|d| d.keys[0].demo = true)),
            ("order", Box::new(|d| d.keys.swap(0, 1))),
            (
                "dropped key",
                Box::new(|d| {
                    d.keys.pop();
                }),
            ),
            (
                "key swapped",
                Box::new(|d| d.keys[0].public_key = d.keys[1].public_key.clone()),
            ),
        ];
        for (what, edit) in edits {
            let mut d = dto.clone();
            edit(&mut d);
            assert_eq!(
                KeySet::from_feed(&d, &root.verifying_key()),
                Err(KeyListError::NotSignedByRoot),
                "{what}"
            );
        }
        // The label is not signed: it is display text only.
        let mut d = dto.clone();
        d.keys[0].label = "renamed".into();
        assert!(KeySet::from_feed(&d, &root.verifying_key()).is_ok());
    }

    #[test]
    fn malformed_entries_say_where() {
        let root = demo::root_signing_key();
        let good = sign_key_list(&hdr(7), &[key(1, 1, false), key(2, 2, false)], &root).unwrap();
        let cases: Vec<(Edit, &str)> = vec![
            (
                Box::new(|d| d.keys[1].public_key = "AAAA".into()),
                "keys.keys[1].public_key: not 32 bytes",
            ),
            (
                Box::new(|d| d.keys[1].public_key = "!!".into()),
                "keys.keys[1].public_key: not base64url without padding",
            ),
            (
                Box::new(|d| d.keys[0].id = 0),
                "keys.keys[0].id: 0 is not 1..=255",
            ),
            (
                Box::new(|d| d.keys[0].id = 256),
                "keys.keys[0].id: 256 is not 1..=255",
            ),
            (
                Box::new(|d| d.keys[1].not_before = "2026/01/01".into()),
                "keys.keys[1].not_before: \"2026/01/01\" is not a YYYY-MM-DD date",
            ),
            (
                Box::new(|d| d.signature = "AAAA".into()),
                "keys.signature: not 64 bytes",
            ),
        ];
        for (edit, expected) in cases {
            let mut d = good.clone();
            edit(&mut d);
            let err = KeySet::from_feed(&d, &root.verifying_key()).unwrap_err();
            assert_eq!(err.wording(Lang::En), expected);
        }
    }

    #[test]
    fn duplicate_ids_and_reversed_windows_are_refused_even_if_signed() {
        let root = demo::root_signing_key();
        let dto = sign_key_list(&hdr(7), &[key(1, 1, false), key(1, 2, false)], &root).unwrap();
        assert_eq!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::DuplicateId { index: 1, id: 1 })
        );
        let mut reversed = key(1, 1, false);
        reversed.not_after = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let dto = sign_key_list(&hdr(7), &[reversed], &root).unwrap();
        assert!(matches!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::Invalid { at, .. }) if at == "keys.keys[0].not_after"
        ));
    }

    #[test]
    fn feed_json_shape() {
        let json = serde_json::to_value(demo::key_list()).unwrap();
        assert_eq!(json["version"], 2);
        assert_eq!(json["sequence"], 1);
        assert_eq!(json["expires"], "2148-12-31");
        let issuer = &json["keys"][0];
        assert_eq!(issuer["id"], 1);
        assert_eq!(issuer["role"], "issuer");
        assert_eq!(issuer["not_before"], "2020-01-01");
        assert_eq!(issuer["max_validity_days"], 100);
        assert_eq!(issuer["max_face_value"], 1000);
        assert_eq!(json["keys"][1]["role"], "used");
        assert_eq!(issuer["demo"], true);
        assert_eq!(issuer["public_key"].as_str().unwrap().len(), 43);
        assert_eq!(json["signature"].as_str().unwrap().len(), 86);
        let unknown = r#"{"version":2,"sequence":1,"signed_at":"2026-01-01","expires":"2026-01-01","keys":[],"signature":"","extra":1}"#;
        assert!(serde_json::from_str::<KeyListDto>(unknown).is_err());
    }

    /// Wycheproof's 151 cases pass with dalek's lenient `verify` too, so this case proves
    /// the app really uses the strict check: identity public key, R = identity, S = 0
    /// "signs" every message under lenient verification.
    #[test]
    fn strict_verification_rejects_small_order_forgery() {
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut sig = [0u8; 64];
        sig[0] = 1;
        let key = VerifyingKey::from_bytes(&identity).unwrap();
        let lenient =
            ed25519_dalek::Verifier::verify(&key, b"any ticket", &Signature::from_bytes(&sig));
        assert!(
            lenient.is_ok(),
            "precondition: lenient verify accepts the forgery"
        );
        assert!(!verify_signature_raw(&identity, b"any ticket", &sig));
        assert!(!verify_signature(&key, b"any ticket", &sig));
        // And such a key never gets into a key set.
        let dto = IssuerKeyDto {
            id: 1,
            role: KeyRole::Issuer,
            max_validity_days: 92,
            max_face_value: 1000,
            public_key: base64url::encode(identity),
            not_before: "2026-01-01".into(),
            not_after: "2026-12-31".into(),
            demo: false,
            label: String::new(),
            revoked_from: None,
        };
        assert_eq!(
            parse_issuer(0, &dto),
            Err(invalid("keys.keys[0].public_key", "weak (small-order) key"))
        );
    }

    #[test]
    fn demo_public_keys_are_those_of_the_demo_seeds() {
        assert_eq!(
            demo::root_public_key(),
            demo::root_signing_key().verifying_key()
        );
        for seed in [
            demo::DEMO_ROOT_SEED,
            demo::DEMO_ISSUER_SEED,
            demo::DEMO_USED_SEED,
        ] {
            let key = SigningKey::from_bytes(&seed).verifying_key();
            assert!(demo::is_demo_public_key(&key));
            // Asked again (the derived keys are kept): the same answer.
            assert!(demo::is_demo_public_key(&key));
        }
        let other = SigningKey::from_bytes(&[7; 32]).verifying_key();
        assert!(!demo::is_demo_public_key(&other));
        let window = (demo::ymd((2026, 1, 1)), demo::ymd((2026, 12, 31)));
        let mut key = IssuerKey::issuer(KeyId(9), other, window);
        assert!(!key.is_demo());
        key.public_key = demo::issuer_signing_key().verifying_key();
        assert!(key.is_demo(), "a demo public key is demo whatever its flag");
    }

    #[test]
    fn root_key_selection() {
        let demo_root = demo::root_signing_key().verifying_key();
        assert_eq!(root_key_from(false, None), Ok(demo_root));
        assert_eq!(root_key_from(true, None), Err(KeyListError::RootKeyMissing));
        let demo_b64 = base64url::encode(demo_root.as_bytes());
        assert_eq!(
            root_key_from(true, Some(&demo_b64)),
            Err(KeyListError::DemoRootInProduction)
        );
        let prod = SigningKey::from_bytes(&[7; 32]).verifying_key();
        let prod_b64 = base64url::encode(prod.as_bytes());
        assert_eq!(root_key_from(true, Some(&prod_b64)), Ok(prod));
        assert!(matches!(
            root_key_from(true, Some("short")),
            Err(KeyListError::RootKeyInvalid(_))
        ));
    }

    #[test]
    fn header_edits_are_refused_and_sequence_rule() {
        let root = demo::root_signing_key();
        let dto = sign_key_list(&hdr(7), &[key(1, 1, false)], &root).unwrap();
        let edits: Vec<(&str, Edit)> = vec![
            ("sequence", Box::new(|d| d.sequence = 8)),
            ("expires", Box::new(|d| d.expires = "2099-12-31".into())),
            ("signed_at", Box::new(|d| d.signed_at = "2026-01-02".into())),
            (
                "max_validity_days",
                Box::new(|d| d.keys[0].max_validity_days = 9999),
            ),
            (
                "max_face_value",
                Box::new(|d| d.keys[0].max_face_value = u32::MAX),
            ),
            ("role", Box::new(|d| d.keys[0].role = KeyRole::Used)),
        ];
        for (what, edit) in edits {
            let mut d = dto.clone();
            edit(&mut d);
            assert_eq!(
                KeySet::from_feed(&d, &root.verifying_key()),
                Err(KeyListError::NotSignedByRoot),
                "{what}"
            );
        }
        let mut v1 = dto.clone();
        v1.version = 1;
        assert_eq!(
            KeySet::from_feed(&v1, &root.verifying_key()),
            Err(KeyListError::UnsupportedVersion(1))
        );
        let set = KeySet::from_feed(&dto, &root.verifying_key()).unwrap();
        assert_eq!(set.sequence(), 7);
        let cases = [
            (None, 1, Acceptance::Accept),
            (Some(6), 7, Acceptance::Accept),
            (Some(7), 7, Acceptance::Same),
            (
                Some(8),
                7,
                Acceptance::RolledBack {
                    held: 8,
                    offered: 7,
                },
            ),
            (
                Some(u64::MAX),
                0,
                Acceptance::RolledBack {
                    held: u64::MAX,
                    offered: 0,
                },
            ),
        ];
        for (held, offered, expected) in cases {
            assert_eq!(acceptance(held, offered), expected, "{held:?} {offered}");
        }
        assert_eq!(KeySet::acceptance_of(Some(&set), &set), Acceptance::Same);
        assert_eq!(
            KeySet::acceptance_of(Some(&KeySet::from_keys([])), &set),
            Acceptance::Accept
        );
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(!set.is_expired(d(2026, 12, 31)));
        assert!(set.is_expired(d(2027, 1, 1)));
        assert!(
            !KeySet::from_keys([]).is_expired(d(2100, 1, 1)),
            "no list, nothing to warn about"
        );
        // Reversed header dates are refused even if signed.
        let mut h = hdr(1);
        h.expires = d(2025, 1, 1);
        let dto = sign_key_list(&h, &[key(1, 1, false)], &root).unwrap();
        assert!(matches!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::Invalid { at, .. }) if at == "keys.expires"
        ));
    }

    #[test]
    fn key_bounds() {
        let k = key(1, 1, false);
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(k.latest_valid_until(), d(2027, 4, 2));
        let cases = [
            (d(2026, 12, 1), d(2027, 2, 28), 1_000, Ok(())),
            (d(2026, 12, 31), d(2027, 4, 2), 1_000, Ok(())),
            (
                d(2026, 1, 1),
                d(2026, 4, 3),
                1_000,
                Err(KeyBound::Validity { days: 92, max: 92 }).or(Ok(())),
            ),
            (
                d(2026, 1, 1),
                d(2026, 4, 4),
                1_000,
                Err(KeyBound::Validity { days: 93, max: 92 }),
            ),
            (
                d(2026, 12, 1),
                d(2149, 6, 6),
                1_000,
                Err(KeyBound::Validity {
                    days: 44_747,
                    max: 92,
                }),
            ),
            (
                d(2026, 12, 1),
                d(2027, 2, 28),
                1_001,
                Err(KeyBound::FaceValue { max: Yen(1_000) }),
            ),
            (
                d(2026, 12, 1),
                d(2027, 2, 28),
                4_294_967_295,
                Err(KeyBound::FaceValue { max: Yen(1_000) }),
            ),
        ];
        for (from, until, face, expected) in cases {
            assert_eq!(
                k.check_bounds(from, until, Yen(face)),
                expected,
                "{from} {until} {face}"
            );
        }
        // valid_until past not_after + max is caught even with a long max span.
        let mut long = key(1, 1, false);
        long.max_validity_days = 1000;
        long.not_after = d(2026, 1, 31);
        assert_eq!(
            long.check_bounds(d(2026, 1, 1), d(2029, 1, 1), Yen(1)),
            Err(KeyBound::Validity {
                days: 1096,
                max: 1000
            })
        );
        assert_eq!(
            long.check_bounds(d(2026, 1, 1), d(2028, 9, 1), Yen(1)),
            Ok(())
        );
        // A used key must not carry ticket bounds.
        let root = demo::root_signing_key();
        let mut used = key(2, 2, false);
        used.role = KeyRole::Used;
        let dto = sign_key_list(&hdr(1), &[used], &root).unwrap();
        assert!(matches!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::Invalid { at, .. }) if at == "keys.keys[0]"
        ));
    }

    #[test]
    fn the_demo_key_covers_any_year_and_is_an_issuer_while_200_is_not() {
        let set = demo::key_set();
        let k = set.get(demo::DEMO_ISSUER_KEY_ID).unwrap();
        for year in [2026, 2028, 2040, 2100, 2148] {
            assert!(
                k.covers(NaiveDate::from_ymd_opt(year, 6, 1).unwrap()),
                "{year}"
            );
        }
        assert!(set.get(demo::DEMO_USED_KEY_ID).is_none());
        assert_eq!(
            set.get_any(demo::DEMO_USED_KEY_ID).unwrap().role,
            KeyRole::Used
        );
    }
}

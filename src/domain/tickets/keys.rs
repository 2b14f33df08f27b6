//! The city's keys: a compiled-in ROOT public key signs the list of ISSUER keys published
//! in the feed (`keys` section); issuer keys sign tickets. Format: `docs/feed-tickets.md`.

use std::collections::BTreeMap;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::NaiveDate;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::date::days_since_epoch;

/// Domain-separation prefix of the signed key list message (15 ASCII bytes).
pub const KEY_LIST_PREFIX: &[u8; 15] = b"jokatsu-keys-v1";

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

/// Feed JSON of the `keys` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyListDto {
    pub issuers: Vec<IssuerKeyDto>,
    /// base64url (no padding) of the 64-byte root signature.
    pub signature: String,
}

/// One issuer key as listed in the feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerKeyDto {
    /// 1..=255 (wider type here so a bad value gets a precise error).
    pub id: i64,
    /// base64url (no padding) of the 32-byte Ed25519 public key.
    pub public_key: String,
    /// `YYYY-MM-DD`, first JST day a ticket's `valid_from` may have.
    pub not_before: String,
    /// `YYYY-MM-DD`, last JST day (inclusive) a ticket's `valid_from` may have.
    pub not_after: String,
    pub demo: bool,
    #[serde(default)]
    pub label: String,
}

/// Why a key list (or the root key) was refused. A refused list is refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyListError {
    #[error("{at}: {problem}")]
    Invalid { at: String, problem: String },
    #[error("keys: the key list is not signed by the city's root key")]
    NotSignedByRoot,
    #[error("keys.issuers: {0} keys listed, at most 255 allowed")]
    TooManyKeys(usize),
    #[error("keys.issuers[{index}].id: key id {id} listed twice")]
    DuplicateId { index: usize, id: u8 },
    #[error(
        "this build has no root public key (JOKATSU_ROOT_PUBLIC_KEY was not set at build time)"
    )]
    RootKeyMissing,
    #[error("the root public key given at build time is invalid: {0}")]
    RootKeyInvalid(String),
    #[error("a production build cannot use the demo root key")]
    DemoRootInProduction,
}

fn invalid(at: impl Into<String>, problem: impl Into<String>) -> KeyListError {
    KeyListError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// A verified issuer key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerKey {
    pub id: KeyId,
    pub public_key: VerifyingKey,
    /// Tickets whose `valid_from` is in `[not_before, not_after]` may be signed by this key.
    pub not_before: NaiveDate,
    pub not_after: NaiveDate,
    /// A demo key: its tickets are refused unless [`VerifyPolicy::accept_demo`](crate::domain::tickets::ticket::VerifyPolicy).
    pub demo: bool,
    pub label: String,
}

impl IssuerKey {
    /// Does this key's window cover a ticket starting on `valid_from`?
    pub fn covers(&self, valid_from: NaiveDate) -> bool {
        self.not_before <= valid_from && valid_from <= self.not_after
    }
}

/// The issuer keys the app trusts, from a root-signed key list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeySet {
    issuers: BTreeMap<KeyId, IssuerKey>,
}

fn date_days(date: NaiveDate, at: &str) -> Result<u16, KeyListError> {
    u16::try_from(days_since_epoch(date))
        .map_err(|_| invalid(at, "date must be between 1970-01-01 and 2149-06-06"))
}

fn parse_date(text: &str, at: String) -> Result<NaiveDate, KeyListError> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| invalid(at.clone(), format!("{text:?} is not a YYYY-MM-DD date")))?;
    date_days(date, &at)?;
    Ok(date)
}

/// The bytes the root key signs:
/// `"jokatsu-keys-v1" || count u8 || per issuer (id u8, public key 32, not_before u16 BE days,
/// not_after u16 BE days, demo u8)`.
pub fn key_list_message(issuers: &[IssuerKey]) -> Result<Vec<u8>, KeyListError> {
    let count =
        u8::try_from(issuers.len()).map_err(|_| KeyListError::TooManyKeys(issuers.len()))?;
    let mut m = Vec::with_capacity(16 + issuers.len() * 38);
    m.extend_from_slice(KEY_LIST_PREFIX);
    m.push(count);
    for (i, k) in issuers.iter().enumerate() {
        m.push(k.id.get());
        m.extend_from_slice(k.public_key.as_bytes());
        m.extend_from_slice(
            &date_days(k.not_before, &format!("keys.issuers[{i}].not_before"))?.to_be_bytes(),
        );
        m.extend_from_slice(
            &date_days(k.not_after, &format!("keys.issuers[{i}].not_after"))?.to_be_bytes(),
        );
        m.push(u8::from(k.demo));
    }
    Ok(m)
}

/// Signs a key list with the root key (office tool, demo feed, tests).
pub fn sign_key_list(issuers: &[IssuerKey], root: &SigningKey) -> Result<KeyListDto, KeyListError> {
    let message = key_list_message(issuers)?;
    let signature = root.sign(&message);
    Ok(KeyListDto {
        issuers: issuers
            .iter()
            .map(|k| IssuerKeyDto {
                id: i64::from(k.id.get()),
                public_key: URL_SAFE_NO_PAD.encode(k.public_key.as_bytes()),
                not_before: crate::domain::shared::date::iso_date(k.not_before),
                not_after: crate::domain::shared::date::iso_date(k.not_after),
                demo: k.demo,
                label: k.label.clone(),
            })
            .collect(),
        signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()),
    })
}

fn parse_issuer(i: usize, dto: &IssuerKeyDto) -> Result<IssuerKey, KeyListError> {
    let at = |field: &str| format!("keys.issuers[{i}].{field}");
    let id = u8::try_from(dto.id)
        .ok()
        .and_then(KeyId::new)
        .ok_or_else(|| invalid(at("id"), format!("{} is not 1..=255", dto.id)))?;
    let raw = URL_SAFE_NO_PAD
        .decode(&dto.public_key)
        .map_err(|_| invalid(at("public_key"), "not base64url without padding"))?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| invalid(at("public_key"), "not 32 bytes"))?;
    let public_key = VerifyingKey::from_bytes(&raw)
        .map_err(|_| invalid(at("public_key"), "not an Ed25519 public key"))?;
    if public_key.is_weak() {
        return Err(invalid(at("public_key"), "weak (small-order) key"));
    }
    let not_before = parse_date(&dto.not_before, at("not_before"))?;
    let not_after = parse_date(&dto.not_after, at("not_after"))?;
    if dto.label.chars().count() > 100 {
        return Err(invalid(at("label"), "longer than 100 characters"));
    }
    Ok(IssuerKey {
        id,
        public_key,
        not_before,
        not_after,
        demo: dto.demo,
        label: dto.label.clone(),
    })
}

impl KeySet {
    /// Parses the feed's key list and checks its root signature. Any problem refuses the
    /// whole list (the caller keeps its last good key set).
    pub fn from_feed(dto: &KeyListDto, root: &VerifyingKey) -> Result<KeySet, KeyListError> {
        if dto.issuers.len() > 255 {
            return Err(KeyListError::TooManyKeys(dto.issuers.len()));
        }
        let issuers = dto
            .issuers
            .iter()
            .enumerate()
            .map(|(i, k)| parse_issuer(i, k))
            .collect::<Result<Vec<_>, _>>()?;
        let sig = URL_SAFE_NO_PAD
            .decode(&dto.signature)
            .map_err(|_| invalid("keys.signature", "not base64url without padding"))?;
        let sig: [u8; 64] = sig
            .try_into()
            .map_err(|_| invalid("keys.signature", "not 64 bytes"))?;
        let message = key_list_message(&issuers)?;
        if !verify_signature(root, &message, &sig) {
            return Err(KeyListError::NotSignedByRoot);
        }
        // Semantic checks only on authenticated data.
        let mut set = BTreeMap::new();
        for (index, key) in issuers.into_iter().enumerate() {
            if key.not_after < key.not_before {
                return Err(invalid(
                    format!("keys.issuers[{index}].not_after"),
                    "earlier than not_before",
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
        Ok(KeySet { issuers: set })
    }

    /// The key with this id, if listed.
    pub fn get(&self, id: KeyId) -> Option<&IssuerKey> {
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
}

/// THE signature check of the app (tickets and key lists): Ed25519 per RFC 8032, pure,
/// with ed25519-dalek's `verify_strict` (rejects non-canonical S, non-canonical or
/// small-order R and small-order public keys). Exercised by `tests/wycheproof.rs`.
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
    let raw = URL_SAFE_NO_PAD
        .decode(text.trim())
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
        return Ok(demo::root_signing_key().verifying_key());
    }
    let key = parse_public_key(build_value.ok_or(KeyListError::RootKeyMissing)?)?;
    if key == demo::root_signing_key().verifying_key() {
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
    /// Validity window of the demo issuer key.
    pub const DEMO_NOT_BEFORE: (i32, u32, u32) = (2026, 1, 1);
    pub const DEMO_NOT_AFTER: (i32, u32, u32) = (2027, 12, 31);

    pub fn root_signing_key() -> SigningKey {
        SigningKey::from_bytes(&DEMO_ROOT_SEED)
    }

    pub fn issuer_signing_key() -> SigningKey {
        SigningKey::from_bytes(&DEMO_ISSUER_SEED)
    }

    fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// The demo issuer key as listed in the demo feed.
    pub fn issuer_key() -> IssuerKey {
        IssuerKey {
            id: DEMO_ISSUER_KEY_ID,
            public_key: issuer_signing_key().verifying_key(),
            not_before: ymd(DEMO_NOT_BEFORE),
            not_after: ymd(DEMO_NOT_AFTER),
            demo: true,
            label: "見本（デモ）発行鍵 / demo issuer key".into(),
        }
    }

    /// The demo key list, signed by the demo root.
    pub fn key_list() -> KeyListDto {
        // One key, two small dates: cannot fail.
        sign_key_list(&[issuer_key()], &root_signing_key()).unwrap_or(KeyListDto {
            issuers: Vec::new(),
            signature: String::new(),
        })
    }

    /// The demo key set (what the app holds after loading the demo feed's `keys`).
    pub fn key_set() -> KeySet {
        let key = issuer_key();
        KeySet {
            issuers: BTreeMap::from([(key.id, key)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: u8, seed: u8, demo: bool) -> IssuerKey {
        IssuerKey {
            id: KeyId::new(id).unwrap(),
            public_key: SigningKey::from_bytes(&[seed; 32]).verifying_key(),
            not_before: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            not_after: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            demo,
            label: format!("key {id}"),
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
        let dto = sign_key_list(&[key(1, 1, false)], &other_root).unwrap();
        assert_eq!(
            KeySet::from_feed(&dto, &demo::root_signing_key().verifying_key()),
            Err(KeyListError::NotSignedByRoot)
        );
    }

    #[test]
    fn any_edit_of_a_signed_list_is_refused() {
        let root = demo::root_signing_key();
        let dto = sign_key_list(&[key(1, 1, false), key(2, 2, false)], &root).unwrap();
        let edits: Vec<(&str, Edit)> = vec![
            ("id", Box::new(|d| d.issuers[0].id = 3)),
            (
                "not_after",
                Box::new(|d| d.issuers[1].not_after = "2030-12-31".into()),
            ),
            (
                "not_before",
                Box::new(|d| d.issuers[1].not_before = "2025-12-31".into()),
            ),
            ("demo", Box::new(|d| d.issuers[0].demo = true)),
            ("order", Box::new(|d| d.issuers.swap(0, 1))),
            (
                "dropped key",
                Box::new(|d| {
                    d.issuers.pop();
                }),
            ),
            (
                "key swapped",
                Box::new(|d| d.issuers[0].public_key = d.issuers[1].public_key.clone()),
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
        d.issuers[0].label = "renamed".into();
        assert!(KeySet::from_feed(&d, &root.verifying_key()).is_ok());
    }

    #[test]
    fn malformed_entries_say_where() {
        let root = demo::root_signing_key();
        let good = sign_key_list(&[key(1, 1, false), key(2, 2, false)], &root).unwrap();
        let cases: Vec<(Edit, &str)> = vec![
            (
                Box::new(|d| d.issuers[1].public_key = "AAAA".into()),
                "keys.issuers[1].public_key: not 32 bytes",
            ),
            (
                Box::new(|d| d.issuers[1].public_key = "!!".into()),
                "keys.issuers[1].public_key: not base64url without padding",
            ),
            (
                Box::new(|d| d.issuers[0].id = 0),
                "keys.issuers[0].id: 0 is not 1..=255",
            ),
            (
                Box::new(|d| d.issuers[0].id = 256),
                "keys.issuers[0].id: 256 is not 1..=255",
            ),
            (
                Box::new(|d| d.issuers[1].not_before = "2026/01/01".into()),
                "keys.issuers[1].not_before: \"2026/01/01\" is not a YYYY-MM-DD date",
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
            assert_eq!(err.to_string(), expected);
        }
    }

    #[test]
    fn duplicate_ids_and_reversed_windows_are_refused_even_if_signed() {
        let root = demo::root_signing_key();
        let dto = sign_key_list(&[key(1, 1, false), key(1, 2, false)], &root).unwrap();
        assert_eq!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::DuplicateId { index: 1, id: 1 })
        );
        let mut reversed = key(1, 1, false);
        reversed.not_after = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let dto = sign_key_list(&[reversed], &root).unwrap();
        assert!(matches!(
            KeySet::from_feed(&dto, &root.verifying_key()),
            Err(KeyListError::Invalid { at, .. }) if at == "keys.issuers[0].not_after"
        ));
    }

    #[test]
    fn feed_json_shape() {
        let json = serde_json::to_value(demo::key_list()).unwrap();
        let issuer = &json["issuers"][0];
        assert_eq!(issuer["id"], 1);
        assert_eq!(issuer["not_before"], "2026-01-01");
        assert_eq!(issuer["demo"], true);
        assert_eq!(issuer["public_key"].as_str().unwrap().len(), 43);
        assert_eq!(json["signature"].as_str().unwrap().len(), 86);
        let unknown = r#"{"issuers":[],"signature":"","extra":1}"#;
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
            public_key: URL_SAFE_NO_PAD.encode(identity),
            not_before: "2026-01-01".into(),
            not_after: "2026-12-31".into(),
            demo: false,
            label: String::new(),
        };
        assert_eq!(
            parse_issuer(0, &dto),
            Err(invalid(
                "keys.issuers[0].public_key",
                "weak (small-order) key"
            ))
        );
    }

    #[test]
    fn root_key_selection() {
        let demo_root = demo::root_signing_key().verifying_key();
        assert_eq!(root_key_from(false, None), Ok(demo_root));
        assert_eq!(root_key_from(true, None), Err(KeyListError::RootKeyMissing));
        let demo_b64 = URL_SAFE_NO_PAD.encode(demo_root.as_bytes());
        assert_eq!(
            root_key_from(true, Some(&demo_b64)),
            Err(KeyListError::DemoRootInProduction)
        );
        let prod = SigningKey::from_bytes(&[7; 32]).verifying_key();
        let prod_b64 = URL_SAFE_NO_PAD.encode(prod.as_bytes());
        assert_eq!(root_key_from(true, Some(&prod_b64)), Ok(prod));
        assert!(matches!(
            root_key_from(true, Some("short")),
            Err(KeyListError::RootKeyInvalid(_))
        ));
    }
}

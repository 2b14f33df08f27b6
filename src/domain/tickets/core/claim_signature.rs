//! A claim proves which shop made it: the shop's claim-signing key (Ed25519), its
//! registration text, its fingerprint, and the signed claim file (an envelope around the
//! claim file's exact bytes). Byte layouts: `docs/claim-format.md` § "Signed claims".
//!
//! Rules (each with a test below):
//! - [`sign_claim`] signs the claim file's exact bytes after a fixed prefix
//!   ([`CLAIM_SIGNATURE_PREFIX`]); Ed25519 is deterministic, so the same claim and key give
//!   the same file byte for byte.
//! - [`ClaimFile::parse`] reads a signed or an unsigned claim file strictly and says whether
//!   the signature verifies (strictly) under the key it names; who that key belongs to is
//!   the office's question (`office::settlement::claims_auth`).

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

use crate::domain::shared::base64url;
use crate::domain::tickets::core::claim::{invalid, Claim, ClaimError, MAX_CLAIM_FILE_BYTES};
use crate::domain::tickets::core::shops::ShopId;

/// `format` of a signed claim file.
pub const SIGNED_CLAIM_FORMAT: &str = "jokatsu-signed-claim";
/// Its version.
pub const SIGNED_CLAIM_VERSION: u32 = 1;
/// The bytes signed are this prefix (ASCII, ending in a line feed) followed by the UTF-8
/// bytes of the envelope's `claim` string.
pub const CLAIM_SIGNATURE_PREFIX: &[u8] = b"jokatsu-claim-signature-v1\n";
/// The registration text's prefix: `JKSHOPKEY1:<shop>:<key>`.
pub const REGISTRATION_PREFIX: &str = "JKSHOPKEY1:";

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A shop's claim-signing public key (Ed25519, not small-order).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ShopPublicKey(VerifyingKey);

impl fmt::Debug for ShopPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShopPublicKey({})", self.to_text())
    }
}

impl PartialOrd for ShopPublicKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ShopPublicKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.as_bytes().cmp(other.0.as_bytes())
    }
}

impl ShopPublicKey {
    pub fn of(key: &SigningKey) -> Self {
        Self(key.verifying_key())
    }
    /// From base64url without padding (43 characters); refuses small-order keys.
    pub fn parse(text: &str) -> Option<Self> {
        let raw: [u8; 32] = base64url::decode(text).ok()?.try_into().ok()?;
        let key = VerifyingKey::from_bytes(&raw).ok()?;
        (!key.is_weak() && base64url::encode(raw) == text).then_some(Self(key))
    }
    pub fn to_text(&self) -> String {
        base64url::encode(self.0.as_bytes())
    }
    pub fn verifying_key(&self) -> &VerifyingKey {
        &self.0
    }
    /// The first 8 bytes of SHA-256 of the 32 key bytes, upper-case hex in four groups:
    /// `1A2B-3C4D-5E6F-7A8B` — what staff read aloud on the phone to compare.
    pub fn fingerprint(&self) -> String {
        let hex = sha256_hex(self.0.as_bytes()).to_ascii_uppercase();
        let groups: Vec<&str> = (0..4).filter_map(|i| hex.get(i * 4..i * 4 + 4)).collect();
        groups.join("-")
    }
}

/// What a shop sends the office to register its key: one line, also shown as a QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopKeyRegistration {
    pub shop: ShopId,
    pub key: ShopPublicKey,
}

impl ShopKeyRegistration {
    /// `JKSHOPKEY1:cafe-1:<43 characters>`.
    pub fn to_text(&self) -> String {
        format!("{REGISTRATION_PREFIX}{}:{}", self.shop, self.key.to_text())
    }
    /// Reads the registration text (surrounding whitespace ignored, nothing else).
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.trim().strip_prefix(REGISTRATION_PREFIX)?;
        let (shop, key) = rest.split_once(':')?;
        Some(Self {
            shop: ShopId::parse(shop)?,
            key: ShopPublicKey::parse(key)?,
        })
    }
}

/// The signed claim file as JSON (field order is the file's order).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignedClaimDto {
    format: String,
    version: u32,
    key: String,
    signature: String,
    claim: String,
}

/// Only the `format` field, to tell the two kinds of claim file apart.
#[derive(Deserialize)]
struct FormatOnly {
    format: Option<String>,
}

fn message(claim_text: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(CLAIM_SIGNATURE_PREFIX.len() + claim_text.len());
    m.extend_from_slice(CLAIM_SIGNATURE_PREFIX);
    m.extend_from_slice(claim_text.as_bytes());
    m
}

/// The signed claim file for `claim`: pretty-printed JSON with a final newline whose
/// `claim` is exactly [`Claim::to_json`], signed with the shop's key.
pub fn sign_claim(claim: &Claim, key: &SigningKey) -> String {
    let text = claim.to_json();
    let signature = key.sign(&message(&text));
    let dto = SignedClaimDto {
        format: SIGNED_CLAIM_FORMAT.into(),
        version: SIGNED_CLAIM_VERSION,
        key: ShopPublicKey::of(key).to_text(),
        signature: base64url::encode(signature.to_bytes()),
        claim: text,
    };
    // Strings and integers only: serialising cannot fail.
    let mut json = serde_json::to_string_pretty(&dto).unwrap_or_default();
    json.push('\n');
    json
}

/// Who signed a claim file, as the file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimSigner {
    pub key: ShopPublicKey,
    /// The signature verifies (strictly) under `key` over the claim's exact bytes.
    pub verified: bool,
}

/// A claim file as read: the claim, and its signer if the file was signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFile {
    pub claim: Claim,
    pub signer: Option<ClaimSigner>,
}

impl ClaimFile {
    /// Reads a claim file: `jokatsu-signed-claim` (the envelope; its `claim` string is
    /// read as a claim file with [`Claim::from_json`]) or `jokatsu-claim` (unsigned).
    /// A malformed envelope, key or signature field refuses the file; a well-formed
    /// signature that does not verify is reported in [`ClaimSigner::verified`].
    pub fn parse(text: &str) -> Result<Self, ClaimError> {
        if text.len() > MAX_CLAIM_FILE_BYTES {
            return Err(ClaimError::TooLarge { bytes: text.len() });
        }
        let format = serde_json::from_str::<FormatOnly>(text)
            .ok()
            .and_then(|f| f.format);
        if format.as_deref() != Some(SIGNED_CLAIM_FORMAT) {
            return Ok(Self {
                claim: Claim::from_json(text)?,
                signer: None,
            });
        }
        let dto: SignedClaimDto = serde_json::from_str(text).map_err(|e| ClaimError::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        if dto.version != SIGNED_CLAIM_VERSION {
            return Err(invalid(
                "version",
                format!(
                    "version {} of a signed claim is not supported (this app reads version {SIGNED_CLAIM_VERSION})",
                    dto.version
                ),
            ));
        }
        let key = ShopPublicKey::parse(&dto.key).ok_or_else(|| {
            invalid(
                "key",
                "not an Ed25519 public key in base64url without padding",
            )
        })?;
        let signature: [u8; 64] = base64url::decode(&dto.signature)
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| invalid("signature", "not 64 bytes in base64url without padding"))?;
        let verified = key
            .0
            .verify_strict(&message(&dto.claim), &Signature::from_bytes(&signature))
            .is_ok();
        let claim = Claim::from_json(&dto.claim).map_err(|e| match e {
            ClaimError::Invalid { at, problem } => invalid(format!("claim.{at}"), problem),
            other => other,
        })?;
        Ok(Self {
            claim,
            signer: Some(ClaimSigner { key, verified }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_text_reads_back_and_nothing_else_does() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let r = ShopKeyRegistration {
            shop: ShopId::parse("cafe-1").unwrap(),
            key: ShopPublicKey::of(&key),
        };
        let text = r.to_text();
        assert!(text.starts_with("JKSHOPKEY1:cafe-1:"));
        assert_eq!(ShopKeyRegistration::parse(&format!(" {text}\n")), Some(r));
        assert_eq!(
            ShopKeyRegistration::parse(&text.replace("cafe-1", "Cafe")),
            None
        );
        assert_eq!(ShopKeyRegistration::parse(&text[..text.len() - 1]), None);
    }

    #[test]
    fn the_test_vector_keys_fingerprint_is_as_documented() {
        let key = ShopPublicKey::parse("IVL40Zt5HSRFMkLhXy6rbLfP-ntqXtMAl5YOBpiB2xI").unwrap();
        assert_eq!(key.fingerprint(), "3097-E2DE-E2CB-4A34");
        assert_eq!(key, ShopPublicKey::of(&SigningKey::from_bytes(&[0x42; 32])));
    }

    #[test]
    fn a_fingerprint_is_four_groups_of_hex() {
        let f = ShopPublicKey::of(&SigningKey::from_bytes(&[7; 32])).fingerprint();
        assert_eq!(f.len(), 19);
        assert!(f
            .split('-')
            .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_hexdigit())));
        assert_ne!(
            f,
            ShopPublicKey::of(&SigningKey::from_bytes(&[8; 32])).fingerprint()
        );
    }
}

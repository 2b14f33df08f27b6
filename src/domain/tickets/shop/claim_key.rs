//! The shop's claim-signing key: made on the desk at set-up from random bytes the platform
//! passes in, kept in that browser, written to a backup file and read back, replaced when
//! lost. Format and procedure: `docs/claim-format.md` § "The shop's claim key".

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::Zeroize;

use crate::domain::shared::base64url;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::claim::{instant_text, Claim};
use crate::domain::tickets::core::claim_signature::{
    sign_claim, ShopKeyRegistration, ShopPublicKey,
};
use crate::domain::tickets::core::shops::ShopId;

/// `format` of the key backup file (and of the stored record).
pub const SHOP_KEY_FORMAT: &str = "jokatsu-shop-claim-key";
/// Its version.
pub const SHOP_KEY_VERSION: u32 = 1;
/// Storage key of the record in the shop desk's browser.
pub const SHOP_KEY_STORAGE_KEY: &str = "jokatsu.shop.claim-key";

/// The stored record in the desk's browser (key [`SHOP_KEY_STORAGE_KEY`], version 1, in
/// the storage layer's envelope): the key's backup file text, or nothing yet.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ShopClaimKeyRecord {
    #[serde(default)]
    pub backup: Option<String>,
}

impl crate::domain::shared::persist::Persisted for ShopClaimKeyRecord {
    const KEY: &'static str = SHOP_KEY_STORAGE_KEY;
    const VERSION: u32 = 1;
}

impl ShopClaimKeyRecord {
    /// The key it holds (`None` if none or unreadable).
    pub fn key(&self) -> Option<ShopClaimKey> {
        ShopClaimKey::from_json(self.backup.as_deref()?).ok()
    }
    pub fn of(key: &ShopClaimKey) -> Self {
        Self {
            backup: Some(key.to_json()),
        }
    }
}

/// A shop's claim-signing key.
#[derive(Clone)]
pub struct ShopClaimKey {
    shop: ShopId,
    key: SigningKey,
    created_at: DateTime<Utc>,
}

impl std::fmt::Debug for ShopClaimKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never prints the secret.
        write!(
            f,
            "ShopClaimKey({}, {})",
            self.shop,
            self.public().to_text()
        )
    }
}

/// The backup file (and stored record), field order as written.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShopKeyDto {
    format: String,
    version: u32,
    shop: String,
    created_at: String,
    public_key: String,
    secret_key: String,
}

/// Why a key backup file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ShopKeyError {
    Unreadable,
    Invalid { at: &'static str },
    Mismatch,
    OtherShop { file: String },
}

impl Wording for ShopKeyError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Unreadable => say(
                lang,
                "店舗の署名鍵のバックアップファイルとして読めません",
                "this is not a readable shop signing key backup",
            ),
            Self::Invalid { at } => say!(
                lang,
                "署名鍵のバックアップの {at} が正しくありません",
                "signing key backup field {at} is not valid",
            ),
            Self::Mismatch => say(
                lang,
                "署名鍵のバックアップの秘密鍵と公開鍵が一致しません（壊れています）",
                "the backup's secret and public key do not match (the file is damaged)",
            ),
            Self::OtherShop { file } => say!(
                lang,
                "このバックアップは別の店舗（{file}）の鍵です",
                "this backup holds the key of another shop ({file})",
            ),
        }
    }
}

impl ShopClaimKey {
    /// A new key for `shop` from 32 random bytes (the platform's CSPRNG).
    pub fn generate(shop: ShopId, mut random: [u8; 32], now: DateTime<Utc>) -> Self {
        let key = SigningKey::from_bytes(&random);
        random.zeroize();
        Self {
            shop,
            key,
            created_at: now,
        }
    }
    pub fn shop(&self) -> &ShopId {
        &self.shop
    }
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    pub fn public(&self) -> ShopPublicKey {
        ShopPublicKey::of(&self.key)
    }
    /// What the shop sends the office (text and QR).
    pub fn registration(&self) -> ShopKeyRegistration {
        ShopKeyRegistration {
            shop: self.shop.clone(),
            key: self.public(),
        }
    }
    /// The signed claim file for `claim`.
    pub fn sign(&self, claim: &Claim) -> String {
        sign_claim(claim, &self.key)
    }

    /// The backup file (also the stored record): pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let dto = ShopKeyDto {
            format: SHOP_KEY_FORMAT.into(),
            version: SHOP_KEY_VERSION,
            shop: self.shop.to_string(),
            created_at: instant_text(self.created_at),
            public_key: self.public().to_text(),
            secret_key: base64url::encode(self.key.to_bytes()),
        };
        // Strings and integers only: serialising cannot fail.
        let mut json = serde_json::to_string_pretty(&dto).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Reads a backup file; the secret must give the public key written beside it.
    pub fn from_json(text: &str) -> Result<Self, ShopKeyError> {
        let dto: ShopKeyDto = serde_json::from_str(text).map_err(|_| ShopKeyError::Unreadable)?;
        if dto.format != SHOP_KEY_FORMAT {
            return Err(ShopKeyError::Unreadable);
        }
        if dto.version != SHOP_KEY_VERSION {
            return Err(ShopKeyError::Invalid { at: "version" });
        }
        let shop = ShopId::parse(&dto.shop).ok_or(ShopKeyError::Invalid { at: "shop" })?;
        let created_at = chrono::DateTime::parse_from_rfc3339(&dto.created_at)
            .map_err(|_| ShopKeyError::Invalid { at: "created_at" })?
            .with_timezone(&Utc);
        let public = ShopPublicKey::parse(&dto.public_key)
            .ok_or(ShopKeyError::Invalid { at: "public_key" })?;
        let mut seed: [u8; 32] = base64url::decode(&dto.secret_key)
            .ok()
            .and_then(|s| s.try_into().ok())
            .ok_or(ShopKeyError::Invalid { at: "secret_key" })?;
        let key = SigningKey::from_bytes(&seed);
        seed.zeroize();
        if ShopPublicKey::of(&key) != public {
            return Err(ShopKeyError::Mismatch);
        }
        Ok(Self {
            shop,
            key,
            created_at,
        })
    }

    /// Reads a backup for the shop chosen on this device (a backup of another shop's key
    /// is refused: its claims would be refused at settlement as `claim_wrong_key`).
    pub fn restore(text: &str, shop: &ShopId) -> Result<Self, ShopKeyError> {
        let key = Self::from_json(text)?;
        if &key.shop != shop {
            return Err(ShopKeyError::OtherShop {
                file: key.shop.to_string(),
            });
        }
        Ok(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::claim_signature::ClaimFile;
    use chrono::TimeZone;

    fn key() -> ShopClaimKey {
        ShopClaimKey::generate(
            ShopId::parse("cafe-1").unwrap(),
            [9; 32],
            Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap(),
        )
    }

    #[test]
    fn a_backup_restores_the_same_key_for_its_shop_only() {
        let k = key();
        let back = ShopClaimKey::restore(&k.to_json(), k.shop()).unwrap();
        assert_eq!(back.public(), k.public());
        assert_eq!(back.to_json(), k.to_json());
        assert!(matches!(
            ShopClaimKey::restore(&k.to_json(), &ShopId::parse("bakery").unwrap()),
            Err(ShopKeyError::OtherShop { .. })
        ));
    }

    #[test]
    fn a_damaged_backup_is_refused_not_used() {
        let k = key();
        let other = ShopClaimKey::generate(k.shop().clone(), [10; 32], k.created_at());
        let mixed = k
            .to_json()
            .replace(&k.public().to_text(), &other.public().to_text());
        assert_eq!(
            ShopClaimKey::from_json(&mixed).unwrap_err(),
            ShopKeyError::Mismatch
        );
        assert_eq!(
            ShopClaimKey::from_json("{}").unwrap_err(),
            ShopKeyError::Unreadable
        );
    }

    #[test]
    fn a_signed_claim_names_the_key_and_verifies() {
        let claim_json = include_str!("../../../../tests/fixtures/claims/claim-v1.json");
        let claim = Claim::from_json(claim_json).unwrap();
        let k = key();
        let file = ClaimFile::parse(&k.sign(&claim)).unwrap();
        let signer = file.signer.unwrap();
        assert!(signer.verified);
        assert_eq!(signer.key, k.public());
        assert_eq!(file.claim, claim);
    }
}

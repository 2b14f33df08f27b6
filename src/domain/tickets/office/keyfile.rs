//! Passphrase-protected key files for the city's private keys (root and issuer keys).
//! Format and parameters: `docs/operations.md` ("Key files").
//!
//! The 32-byte Ed25519 seed is encrypted with XChaCha20-Poly1305 under a key derived
//! from the passphrase with Argon2id. Everything else in the file (kind, key id, label,
//! public key, KDF parameters, salt) is authenticated as associated data, so no field can
//! be changed without the file being refused. The domain never draws random numbers: the
//! seed, salt and nonce are inputs ([`KEYGEN_RANDOM_LEN`] bytes from the platform).
//!
//! A wrong passphrase and a tampered file are told apart: Argon2id yields 64 bytes, the
//! first 32 are the AEAD key and the next 16 a *check* value stored in the file. A wrong
//! check means a wrong passphrase (or edited KDF parameters or salt, which act the
//! same); a right check with a failing AEAD tag means the file was altered.

use std::fmt;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::base64url;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use zeroize::Zeroizing;

use crate::domain::tickets::core::keys::KeyId;

/// `format` of a key file.
pub const KEYFILE_FORMAT: &str = "jokatsu-keyfile";
/// `version` of a key file.
pub const KEYFILE_VERSION: u32 = 1;
/// Shortest passphrase accepted when a file is written: characters that are not
/// whitespace (Unicode `White_Space`: spaces, ideographic spaces, tabs, line breaks), so
/// twelve spaces are not a passphrase. The passphrase itself is used exactly as typed.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
/// Salt length (bytes).
pub const SALT_LEN: usize = 16;
/// XChaCha20-Poly1305 nonce length (bytes).
pub const NONCE_LEN: usize = 24;
/// Ed25519 seed length (bytes).
pub const SEED_LEN: usize = 32;
/// Random bytes [`generate`] needs: seed, then salt, then nonce.
pub const KEYGEN_RANDOM_LEN: usize = SEED_LEN + SALT_LEN + NONCE_LEN;
/// Random bytes [`reseal`] needs: salt, then nonce.
pub const RESEAL_RANDOM_LEN: usize = SALT_LEN + NONCE_LEN;
/// Longest label (characters).
pub const MAX_LABEL_CHARS: usize = 100;
/// Largest memory cost a file may ask for (KiB): 1 GiB. A file asking for more is refused
/// rather than left to exhaust the machine.
pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
/// Most iterations a file may ask for.
pub const MAX_ITERATIONS: u32 = 16;
/// Most lanes a file may ask for.
pub const MAX_PARALLELISM: u32 = 8;

const CHECK_LEN: usize = 16;
const AAD_PREFIX: &[u8] = b"jokatsu-keyfile-v1";

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// What the tool and the office page write: 64 MiB, 3 passes, 1 lane (RFC 9106 §4's
    /// second recommended option, with one lane because a browser tab runs one thread).
    /// About a second natively, a few seconds in WebAssembly.
    pub const DEFAULT: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };
    /// The documented floor (`docs/operations.md`, "Key files"): a file asking for less
    /// memory or fewer passes than this is refused by [`open`] (only
    /// [`open_allowing_test_kdf`], for tests, and a file holding one of the public demo keys
    /// accept one). Equal to [`KdfParams::DEFAULT`].
    pub const MINIMUM: KdfParams = KdfParams::DEFAULT;
    /// Tiny parameters for tests only (never for a real key).
    pub const INSECURE_TEST: KdfParams = KdfParams {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
    };

    /// Whether these parameters are at least the documented strength: memory and passes
    /// each at least [`KdfParams::MINIMUM`]'s (more lanes do not make a guess dearer, so
    /// lanes are not compared).
    pub fn meets_minimum(self) -> bool {
        self.memory_kib >= Self::MINIMUM.memory_kib && self.iterations >= Self::MINIMUM.iterations
    }
}

/// Whether a passphrase is long enough to write a key file with: at least
/// [`MIN_PASSPHRASE_CHARS`] characters that are not whitespace.
pub fn passphrase_is_long_enough(passphrase: &str) -> bool {
    passphrase.chars().filter(|c| !c.is_whitespace()).count() >= MIN_PASSPHRASE_CHARS
}

/// Which key a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// The root key: signs the issuer-key list.
    Root,
    /// An issuer key with its id: signs tickets.
    Issuer(KeyId),
    /// A used-data key with its id: signs the feed's used data for the office.
    Used(KeyId),
}

impl KeyKind {
    fn name(self) -> &'static str {
        match self {
            KeyKind::Root => "root",
            KeyKind::Issuer(_) => "issuer",
            KeyKind::Used(_) => "used",
        }
    }
}

/// The key's name for a person: `ルート鍵`, `発行鍵 3` / `root key`, `issuer key 3`.
impl Wording for KeyKind {
    fn wording(&self, lang: Lang) -> String {
        match self {
            KeyKind::Root => say(lang, "ルート鍵", "root key"),
            KeyKind::Issuer(id) => say!(lang, "発行鍵 {id}", "issuer key {id}"),
            KeyKind::Used(id) => say!(lang, "使用済みデータ鍵 {id}", "used-data key {id}"),
        }
    }
}

/// Why a key file could not be written or opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum KeyFileError {
    WrongPassphrase,
    Tampered,
    NotKeyFile(String),
    UnsupportedVersion(u32),
    Invalid {
        field: &'static str,
        problem: String,
    },
    PassphraseTooShort,
    /// The file's Argon2id parameters are below [`KdfParams::MINIMUM`].
    WeakKdf {
        memory_kib: u32,
        iterations: u32,
    },
    BadLabel,
    NotIssuerKey,
    NotRootKey,
}

impl Wording for KeyFileError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::WrongPassphrase => say(lang, "パスフレーズが違います", "wrong passphrase"),
            Self::Tampered => say(
                lang,
                "鍵ファイルが改ざんされているか壊れています",
                "the key file has been altered or is damaged",
            ),
            Self::NotKeyFile(text) => say!(
                lang,
                "鍵ファイルではありません（{text}）",
                "not a key file ({text})"
            ),
            Self::UnsupportedVersion(n) => say!(
                lang,
                "鍵ファイルの版 {n} は読めません（この版は 1）",
                "key file version {n} is not supported (this tool reads 1)",
            ),
            Self::Invalid { field, problem } => say!(
                lang,
                "鍵ファイルの {field} が不正です（{problem}）",
                "key file field {field}: {problem}",
            ),
            Self::PassphraseTooShort => say!(
                lang,
                "パスフレーズは空白を除いて{MIN_PASSPHRASE_CHARS}文字以上にしてください",
                "the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters besides spaces",
            ),
            Self::WeakKdf {
                memory_kib,
                iterations,
            } => {
                let (min_m, min_t) = (KdfParams::MINIMUM.memory_kib, KdfParams::MINIMUM.iterations);
                say!(
                    lang,
                    "この鍵ファイルの暗号化は弱すぎます（Argon2id {memory_kib} KiB・{iterations} 回。必要なのは {min_m} KiB・{min_t} 回以上）。試験用の鍵ファイルは本番では使えません",
                    "this key file's encryption is too weak (Argon2id {memory_kib} KiB, {iterations} passes; at least {min_m} KiB and {min_t} passes are required): a test key file cannot be used for real",
                )
            }
            Self::BadLabel => say(
                lang,
                "ラベルが長すぎるか制御文字を含みます",
                "the label is too long or contains control characters",
            ),
            Self::NotIssuerKey => say(
                lang,
                "発行鍵のファイルが必要ですが、これはルート鍵です",
                "expected an issuer key file, this holds the root key",
            ),
            Self::NotRootKey => say(
                lang,
                "ルート鍵のファイルが必要ですが、これは発行鍵です",
                "expected the root key file, this holds an issuer key",
            ),
        }
    }
}

fn invalid(field: &'static str, problem: impl Into<String>) -> KeyFileError {
    KeyFileError::Invalid {
        field,
        problem: problem.into(),
    }
}

/// The KDF section of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfDto {
    /// `"argon2id"`.
    pub algorithm: String,
    /// Argon2 version, 19 (0x13).
    pub version: u32,
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
    /// base64url (no padding), 16 bytes.
    pub salt: String,
}

/// The cipher section of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CipherDto {
    /// `"xchacha20poly1305"`.
    pub algorithm: String,
    /// base64url (no padding), 24 bytes.
    pub nonce: String,
}

/// The key file JSON (see `docs/operations.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFileDto {
    pub format: String,
    pub version: u32,
    /// `"root"` or `"issuer"`.
    pub kind: String,
    /// Issuer key id 1..=255; absent for the root key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<u8>,
    #[serde(default)]
    pub label: String,
    /// base64url (no padding) of the 32-byte Ed25519 public key.
    pub public_key: String,
    pub kdf: KdfDto,
    pub cipher: CipherDto,
    /// base64url (no padding), 16 bytes: Argon2id output bytes 32..48.
    pub check: String,
    /// base64url (no padding), 48 bytes: the encrypted seed and the Poly1305 tag.
    pub ciphertext: String,
}

/// What anyone may read from a key file without the passphrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFileInfo {
    pub kind: KeyKind,
    pub label: String,
    pub public_key: VerifyingKey,
    pub kdf: KdfParams,
}

/// An opened key file. The seed is wiped from memory when this is dropped
/// (ed25519-dalek's `zeroize` feature).
#[derive(Clone)]
pub struct UnlockedKey {
    pub kind: KeyKind,
    pub label: String,
    pub signing_key: SigningKey,
}

impl fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockedKey")
            .field("kind", &self.kind)
            .field("label", &self.label)
            .field("public_key", &self.signing_key.verifying_key())
            .finish_non_exhaustive()
    }
}

impl UnlockedKey {
    pub fn public_key(&self) -> VerifyingKey {
        self.signing_key.verifying_key()
    }
    /// The issuer key id, or [`KeyFileError::NotIssuerKey`] for a root key.
    pub fn issuer_id(&self) -> Result<KeyId, KeyFileError> {
        match self.kind {
            KeyKind::Issuer(id) => Ok(id),
            KeyKind::Root | KeyKind::Used(_) => Err(KeyFileError::NotIssuerKey),
        }
    }
    /// The signing key of a root key file, [`KeyFileError::NotRootKey`] otherwise.
    pub fn require_root(&self) -> Result<&SigningKey, KeyFileError> {
        match self.kind {
            KeyKind::Root => Ok(&self.signing_key),
            KeyKind::Issuer(_) | KeyKind::Used(_) => Err(KeyFileError::NotRootKey),
        }
    }
}

/// Minutes without any input after which the office page closes an open key
/// (`docs/operations.md`, "Key files"): a PC left unlocked at the desk does not leave the
/// city's signing key usable by whoever sits down.
pub const IDLE_LOCK_MINUTES: i64 = 15;

/// **Rule: an open key closes after [`IDLE_LOCK_MINUTES`] without input.** Whether a key
/// opened in the office page must be closed at `now`, its last input (key press, pointer,
/// typing) having been at `last_input`. A clock that went backwards does not close it.
pub fn idle_lock_due(
    last_input: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    now.signed_duration_since(last_input) >= chrono::Duration::minutes(IDLE_LOCK_MINUTES)
}

fn check_label(label: &str) -> Result<(), KeyFileError> {
    if label.chars().count() > MAX_LABEL_CHARS || label.chars().any(char::is_control) {
        return Err(KeyFileError::BadLabel);
    }
    Ok(())
}

fn check_params(p: KdfParams) -> Result<Params, KeyFileError> {
    if p.memory_kib > MAX_MEMORY_KIB {
        return Err(invalid(
            "kdf.memory_kib",
            format!("{} > {MAX_MEMORY_KIB}", p.memory_kib),
        ));
    }
    if p.iterations == 0 || p.iterations > MAX_ITERATIONS {
        return Err(invalid(
            "kdf.iterations",
            format!("{} not 1..={MAX_ITERATIONS}", p.iterations),
        ));
    }
    if p.parallelism == 0 || p.parallelism > MAX_PARALLELISM {
        return Err(invalid(
            "kdf.parallelism",
            format!("{} not 1..={MAX_PARALLELISM}", p.parallelism),
        ));
    }
    Params::new(
        p.memory_kib,
        p.iterations,
        p.parallelism,
        Some(32 + CHECK_LEN),
    )
    .map_err(|e| invalid("kdf", e.to_string()))
}

/// Argon2id(passphrase, salt) → 32-byte AEAD key ‖ 16-byte check.
fn derive(
    passphrase: &str,
    salt: &[u8; SALT_LEN],
    params: KdfParams,
) -> Result<Zeroizing<[u8; 32 + CHECK_LEN]>, KeyFileError> {
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, check_params(params)?);
    let mut out = Zeroizing::new([0u8; 32 + CHECK_LEN]);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| invalid("kdf", e.to_string()))?;
    Ok(out)
}

/// The associated data: every header field, length-prefixed, in a fixed order.
fn aad(dto: &KeyFileDto) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    let mut field = |bytes: &[u8]| {
        out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(bytes);
    };
    field(AAD_PREFIX);
    field(dto.format.as_bytes());
    field(&dto.version.to_be_bytes());
    field(dto.kind.as_bytes());
    field(&[dto.key_id.unwrap_or(0)]);
    field(dto.label.as_bytes());
    field(dto.public_key.as_bytes());
    field(dto.kdf.algorithm.as_bytes());
    field(&dto.kdf.version.to_be_bytes());
    field(&dto.kdf.memory_kib.to_be_bytes());
    field(&dto.kdf.iterations.to_be_bytes());
    field(&dto.kdf.parallelism.to_be_bytes());
    field(dto.kdf.salt.as_bytes());
    field(dto.cipher.algorithm.as_bytes());
    field(dto.cipher.nonce.as_bytes());
    field(dto.check.as_bytes());
    out
}

fn b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

fn unb64<const N: usize>(text: &str, field: &'static str) -> Result<[u8; N], KeyFileError> {
    let raw =
        base64url::decode(text).map_err(|_| invalid(field, "not base64url without padding"))?;
    <[u8; N]>::try_from(raw.as_slice()).map_err(|_| invalid(field, format!("not {N} bytes")))
}

fn split<const A: usize, const B: usize>(bytes: &[u8]) -> ([u8; A], [u8; B]) {
    let mut a = [0u8; A];
    let mut b = [0u8; B];
    a.copy_from_slice(&bytes[..A]);
    b.copy_from_slice(&bytes[A..A + B]);
    (a, b)
}

/// Encrypts `seed` into a key file (pretty JSON). `salt` and `nonce` must be fresh random
/// bytes.
pub fn seal(
    kind: KeyKind,
    label: &str,
    seed: &[u8; SEED_LEN],
    passphrase: &str,
    params: KdfParams,
    salt: &[u8; SALT_LEN],
    nonce: &[u8; NONCE_LEN],
) -> Result<String, KeyFileError> {
    if !passphrase_is_long_enough(passphrase) {
        return Err(KeyFileError::PassphraseTooShort);
    }
    check_label(label)?;
    let derived = derive(passphrase, salt, params)?;
    let public_key = SigningKey::from_bytes(seed).verifying_key();
    let mut dto = KeyFileDto {
        format: KEYFILE_FORMAT.into(),
        version: KEYFILE_VERSION,
        kind: kind.name().into(),
        key_id: match kind {
            KeyKind::Root => None,
            KeyKind::Issuer(id) | KeyKind::Used(id) => Some(id.get()),
        },
        label: label.into(),
        public_key: b64(public_key.as_bytes()),
        kdf: KdfDto {
            algorithm: "argon2id".into(),
            version: 0x13,
            memory_kib: params.memory_kib,
            iterations: params.iterations,
            parallelism: params.parallelism,
            salt: b64(salt),
        },
        cipher: CipherDto {
            algorithm: "xchacha20poly1305".into(),
            nonce: b64(nonce),
        },
        check: b64(&derived[32..]),
        ciphertext: String::new(),
    };
    let mut key_bytes = Zeroizing::new([0u8; 32]);
    key_bytes.copy_from_slice(&derived[..32]);
    let cipher = XChaCha20Poly1305::new(&Key::from(*key_bytes));
    let aad = aad(&dto);
    let sealed = cipher
        .encrypt(
            &XNonce::from(*nonce),
            Payload {
                msg: seed,
                aad: &aad,
            },
        )
        .map_err(|_| invalid("ciphertext", "encryption failed"))?;
    dto.ciphertext = b64(&sealed);
    serde_json::to_string_pretty(&dto).map_err(|e| invalid("json", e.to_string()))
}

/// Makes a new key from [`KEYGEN_RANDOM_LEN`] random bytes (seed ‖ salt ‖ nonce) and
/// writes its key file. Returns the file and the public key.
pub fn generate(
    kind: KeyKind,
    label: &str,
    passphrase: &str,
    params: KdfParams,
    random: &[u8; KEYGEN_RANDOM_LEN],
) -> Result<(String, VerifyingKey), KeyFileError> {
    let mut seed = Zeroizing::new([0u8; SEED_LEN]);
    seed.copy_from_slice(&random[..SEED_LEN]);
    let (salt, nonce) = split::<SALT_LEN, NONCE_LEN>(&random[SEED_LEN..]);
    let file = seal(kind, label, &seed, passphrase, params, &salt, &nonce)?;
    Ok((file, SigningKey::from_bytes(&seed).verifying_key()))
}

fn parse_dto(json: &str) -> Result<KeyFileDto, KeyFileError> {
    #[derive(Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    if json.len() > 16 * 1024 {
        return Err(KeyFileError::NotKeyFile("file too large".into()));
    }
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let probe: Probe =
        serde_json::from_str(json).map_err(|e| KeyFileError::NotKeyFile(e.to_string()))?;
    if probe.format.as_ref().and_then(|v| v.as_str()) != Some(KEYFILE_FORMAT) {
        return Err(KeyFileError::NotKeyFile(format!(
            "format is not {KEYFILE_FORMAT:?}"
        )));
    }
    match probe.version.as_ref().and_then(serde_json::Value::as_u64) {
        Some(1) => {}
        Some(v) => {
            return Err(KeyFileError::UnsupportedVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            ))
        }
        None => return Err(invalid("version", "missing")),
    }
    serde_json::from_str(json).map_err(|e| KeyFileError::NotKeyFile(e.to_string()))
}

fn info_of(dto: &KeyFileDto) -> Result<KeyFileInfo, KeyFileError> {
    let kind = match (dto.kind.as_str(), dto.key_id) {
        ("root", None) => KeyKind::Root,
        ("issuer", Some(id)) => {
            KeyKind::Issuer(KeyId::new(id).ok_or_else(|| invalid("key_id", "must be 1..=255"))?)
        }
        ("used", Some(id)) => {
            KeyKind::Used(KeyId::new(id).ok_or_else(|| invalid("key_id", "must be 1..=255"))?)
        }
        ("root", Some(_)) => return Err(invalid("key_id", "a root key has no key id")),
        ("issuer" | "used", None) => return Err(invalid("key_id", "missing")),
        (other, _) => {
            return Err(invalid(
                "kind",
                format!("{other:?} is not root, issuer or used"),
            ))
        }
    };
    check_label(&dto.label)?;
    let public = unb64::<32>(&dto.public_key, "public_key")?;
    let public_key = VerifyingKey::from_bytes(&public)
        .map_err(|_| invalid("public_key", "not an Ed25519 public key"))?;
    if dto.kdf.algorithm != "argon2id" || dto.kdf.version != 0x13 {
        return Err(invalid("kdf", "only argon2id version 19 is supported"));
    }
    if dto.cipher.algorithm != "xchacha20poly1305" {
        return Err(invalid("cipher", "only xchacha20poly1305 is supported"));
    }
    Ok(KeyFileInfo {
        kind,
        label: dto.label.clone(),
        public_key,
        kdf: KdfParams {
            memory_kib: dto.kdf.memory_kib,
            iterations: dto.kdf.iterations,
            parallelism: dto.kdf.parallelism,
        },
    })
}

/// Reads what a key file says about itself (no passphrase needed, nothing verified).
pub fn inspect(json: &str) -> Result<KeyFileInfo, KeyFileError> {
    info_of(&parse_dto(json)?)
}

/// Whether a public key is one of the demo keys, whose seeds are public anyway
/// (`keys::demo`): a key file holding one may use the test parameters.
fn is_demo_key(public: &VerifyingKey) -> bool {
    use crate::domain::tickets::core::keys::demo;
    [
        demo::root_signing_key(),
        demo::issuer_signing_key(),
        demo::used_signing_key(),
    ]
    .iter()
    .any(|k| k.verifying_key() == *public)
}

/// Opens a key file with its passphrase. A file whose KDF parameters are below
/// [`KdfParams::MINIMUM`] is refused ([`KeyFileError::WeakKdf`]) before any work, unless
/// it holds one of the public demo keys.
pub fn open(json: &str, passphrase: &str) -> Result<UnlockedKey, KeyFileError> {
    open_with_floor(json, passphrase, true)
}

/// [`open`] without the KDF floor: for tests and their `--insecure-test-kdf` only, never
/// for a real key.
pub fn open_allowing_test_kdf(json: &str, passphrase: &str) -> Result<UnlockedKey, KeyFileError> {
    open_with_floor(json, passphrase, false)
}

fn open_with_floor(json: &str, passphrase: &str, floor: bool) -> Result<UnlockedKey, KeyFileError> {
    let dto = parse_dto(json)?;
    let info = info_of(&dto)?;
    if floor && !info.kdf.meets_minimum() && !is_demo_key(&info.public_key) {
        return Err(KeyFileError::WeakKdf {
            memory_kib: info.kdf.memory_kib,
            iterations: info.kdf.iterations,
        });
    }
    let salt = unb64::<SALT_LEN>(&dto.kdf.salt, "kdf.salt")?;
    let nonce = unb64::<NONCE_LEN>(&dto.cipher.nonce, "cipher.nonce")?;
    let check = unb64::<CHECK_LEN>(&dto.check, "check")?;
    let sealed = unb64::<{ SEED_LEN + 16 }>(&dto.ciphertext, "ciphertext")?;
    let derived = derive(passphrase, &salt, info.kdf)?;
    if derived[32..] != check {
        return Err(KeyFileError::WrongPassphrase);
    }
    let mut key_bytes = Zeroizing::new([0u8; 32]);
    key_bytes.copy_from_slice(&derived[..32]);
    let cipher = XChaCha20Poly1305::new(&Key::from(*key_bytes));
    let aad = aad(&dto);
    let seed = Zeroizing::new(
        cipher
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: &sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| KeyFileError::Tampered)?,
    );
    let seed: [u8; SEED_LEN] =
        <[u8; SEED_LEN]>::try_from(seed.as_slice()).map_err(|_| KeyFileError::Tampered)?;
    let signing_key = SigningKey::from_bytes(&seed);
    if signing_key.verifying_key() != info.public_key {
        return Err(KeyFileError::Tampered);
    }
    Ok(UnlockedKey {
        kind: info.kind,
        label: info.label,
        signing_key,
    })
}

/// Re-encrypts a key file under a new passphrase (and parameters) with fresh salt and
/// nonce from [`RESEAL_RANDOM_LEN`] random bytes (salt ‖ nonce). The key itself is
/// unchanged.
/// A file below the KDF floor cannot be resealed by this function (it is refused as by
/// [`open`]); tests use [`reseal_allowing_test_kdf`].
pub fn reseal(
    json: &str,
    old_passphrase: &str,
    new_passphrase: &str,
    params: KdfParams,
    random: &[u8; RESEAL_RANDOM_LEN],
) -> Result<String, KeyFileError> {
    reseal_key(&open(json, old_passphrase)?, new_passphrase, params, random)
}

/// [`reseal`] of a file that may be below the KDF floor: tests only.
pub fn reseal_allowing_test_kdf(
    json: &str,
    old_passphrase: &str,
    new_passphrase: &str,
    params: KdfParams,
    random: &[u8; RESEAL_RANDOM_LEN],
) -> Result<String, KeyFileError> {
    reseal_key(
        &open_allowing_test_kdf(json, old_passphrase)?,
        new_passphrase,
        params,
        random,
    )
}

fn reseal_key(
    key: &UnlockedKey,
    new_passphrase: &str,
    params: KdfParams,
    random: &[u8; RESEAL_RANDOM_LEN],
) -> Result<String, KeyFileError> {
    let (salt, nonce) = split::<SALT_LEN, NONCE_LEN>(random);
    let seed = Zeroizing::new(key.signing_key.to_bytes());
    seal(
        key.kind,
        &key.label,
        &seed,
        new_passphrase,
        params,
        &salt,
        &nonce,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("WrongPassphrase", &KeyFileError::WrongPassphrase),
            ("Tampered", &KeyFileError::Tampered),
            ("NotKeyFile", &KeyFileError::NotKeyFile("x".into())),
            ("UnsupportedVersion", &KeyFileError::UnsupportedVersion(3)),
            (
                "Invalid",
                &KeyFileError::Invalid {
                    field: "kdf",
                    problem: "x".into(),
                },
            ),
            ("PassphraseTooShort", &KeyFileError::PassphraseTooShort),
            (
                "WeakKdf",
                &KeyFileError::WeakKdf {
                    memory_kib: 64,
                    iterations: 1,
                },
            ),
            ("BadLabel", &KeyFileError::BadLabel),
            ("NotIssuerKey", &KeyFileError::NotIssuerKey),
            ("NotRootKey", &KeyFileError::NotRootKey),
            ("Root", &KeyKind::Root),
            ("Issuer", &issuer(3)),
        ]);
    }

    const PASS: &str = "ゆきのした 2026 すみま";

    /// The tests' files use the fast test KDF; the floor has tests of its own below.
    fn open_t(json: &str, passphrase: &str) -> Result<UnlockedKey, KeyFileError> {
        open_allowing_test_kdf(json, passphrase)
    }
    const P: KdfParams = KdfParams::INSECURE_TEST;

    fn random(n: u8) -> [u8; KEYGEN_RANDOM_LEN] {
        let mut r = [0u8; KEYGEN_RANDOM_LEN];
        for (i, b) in r.iter_mut().enumerate() {
            *b = n.wrapping_mul(31).wrapping_add(u8::try_from(i).unwrap());
        }
        r
    }

    fn issuer(id: u8) -> KeyKind {
        KeyKind::Issuer(KeyId::new(id).unwrap())
    }

    #[test]
    fn round_trip_and_deterministic_given_the_random_bytes() {
        let (file, public) = generate(issuer(2), "2027 発行鍵", PASS, P, &random(1)).unwrap();
        let again = generate(issuer(2), "2027 発行鍵", PASS, P, &random(1)).unwrap();
        assert_eq!(file, again.0, "the domain draws no randomness of its own");
        let key = open_t(&file, PASS).unwrap();
        assert_eq!(key.kind, issuer(2));
        assert_eq!(key.label, "2027 発行鍵");
        assert_eq!(key.public_key(), public);
        assert_eq!(key.signing_key.to_bytes()[..], random(1)[..32]);
        assert_eq!(key.issuer_id(), Ok(KeyId::new(2).unwrap()));
        assert!(key.require_root().is_err());
        let info = inspect(&file).unwrap();
        assert_eq!(info.public_key, public);
        assert_eq!(info.kdf, P);
        // The seed does not appear in the file.
        let seed_b64 = b64(&random(1)[..32]);
        assert!(!file.contains(&seed_b64));
        let json: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(json["format"], "jokatsu-keyfile");
        assert_eq!(json["kdf"]["algorithm"], "argon2id");
        assert_eq!(json["cipher"]["algorithm"], "xchacha20poly1305");
    }

    #[test]
    fn wrong_passphrase_is_refused() {
        let (file, _) = generate(KeyKind::Root, "", PASS, P, &random(2)).unwrap();
        assert_eq!(
            open_t(&file, "ゆきのした 2026 すみま!").unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        assert_eq!(
            open_t(&file, "").unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        assert!(open_t(&file, PASS).unwrap().require_root().is_ok());
    }

    #[test]
    fn any_tampering_is_refused() {
        let (file, _) = generate(issuer(3), "label", PASS, P, &random(3)).unwrap();
        let dto: KeyFileDto = serde_json::from_str(&file).unwrap();
        let other_public = b64(SigningKey::from_bytes(&[9; 32]).verifying_key().as_bytes());
        let mut flipped = base64url::decode(&dto.ciphertext).unwrap();
        flipped[0] ^= 1;
        let mut tag_flipped = base64url::decode(&dto.ciphertext).unwrap();
        tag_flipped[47] ^= 0x80;
        type Edit = Box<dyn Fn(&mut KeyFileDto)>;
        let edits: Vec<(&str, Edit)> = vec![
            ("key id", Box::new(|d| d.key_id = Some(4))),
            ("label", Box::new(|d| d.label = "renamed".into())),
            (
                "public key",
                Box::new(move |d| d.public_key = other_public.clone()),
            ),
            (
                "kind",
                Box::new(|d| {
                    d.kind = "root".into();
                    d.key_id = None;
                }),
            ),
            (
                "ciphertext",
                Box::new(move |d| d.ciphertext = b64(&flipped)),
            ),
            ("tag", Box::new(move |d| d.ciphertext = b64(&tag_flipped))),
            ("nonce", Box::new(|d| d.cipher.nonce = b64(&[7; 24]))),
        ];
        for (what, edit) in edits {
            let mut d = dto.clone();
            edit(&mut d);
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(
                open_t(&json, PASS).unwrap_err(),
                KeyFileError::Tampered,
                "{what}"
            );
        }
        // Edited KDF inputs change the derived key: indistinguishable from a wrong
        // passphrase, and refused.
        let mut d = dto.clone();
        d.kdf.salt = b64(&[1; 16]);
        assert_eq!(
            open_t(&serde_json::to_string(&d).unwrap(), PASS).unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        // Structural damage says where.
        let mut d = dto.clone();
        d.ciphertext = "AAAA".into();
        assert_eq!(
            open_t(&serde_json::to_string(&d).unwrap(), PASS).unwrap_err(),
            invalid("ciphertext", "not 48 bytes")
        );
        let mut d = dto.clone();
        d.kdf.memory_kib = MAX_MEMORY_KIB + 1;
        assert!(matches!(
            open_t(&serde_json::to_string(&d).unwrap(), PASS).unwrap_err(),
            KeyFileError::Invalid {
                field: "kdf.memory_kib",
                ..
            }
        ));
        assert!(matches!(
            open_t("{}", PASS),
            Err(KeyFileError::NotKeyFile(_))
        ));
        assert!(matches!(
            open_t("<html>", PASS),
            Err(KeyFileError::NotKeyFile(_))
        ));
        let future = file.replace("\"version\": 1,", "\"version\": 2,");
        assert_eq!(
            open_t(&future, PASS).unwrap_err(),
            KeyFileError::UnsupportedVersion(2)
        );
    }

    #[test]
    fn short_passphrase_and_bad_label_are_refused_when_writing() {
        assert_eq!(
            generate(KeyKind::Root, "", "short", P, &random(4)).unwrap_err(),
            KeyFileError::PassphraseTooShort
        );
        assert_eq!(
            generate(KeyKind::Root, "a\nb", PASS, P, &random(4)).unwrap_err(),
            KeyFileError::BadLabel
        );
    }

    #[test]
    fn reseal_changes_the_passphrase_not_the_key() {
        let (file, public) = generate(issuer(5), "k5", PASS, P, &random(5)).unwrap();
        let new_pass = "another long passphrase";
        let resealed =
            reseal_allowing_test_kdf(&file, PASS, new_pass, P, &[8; RESEAL_RANDOM_LEN]).unwrap();
        assert_eq!(
            open_t(&resealed, PASS).unwrap_err(),
            KeyFileError::WrongPassphrase
        );
        let key = open_t(&resealed, new_pass).unwrap();
        assert_eq!(key.public_key(), public);
        assert_eq!(key.kind, issuer(5));
        assert_eq!(
            reseal_allowing_test_kdf(&file, "wrong wrong wrong", new_pass, P, &[8; 40])
                .unwrap_err(),
            KeyFileError::WrongPassphrase
        );
    }

    #[test]
    fn default_parameters_are_memory_hard() {
        let default = KdfParams::DEFAULT;
        assert_eq!(
            (default.memory_kib, default.iterations, default.parallelism),
            (65_536, 3, 1)
        );
        assert!(check_params(KdfParams::DEFAULT).is_ok());
    }

    #[test]
    fn a_key_file_below_the_documented_kdf_strength_is_refused() {
        // A real (non-demo) key written with the test parameters: anyone who steals the
        // file could try passphrases a thousand times faster than the docs promise.
        let (file, _) = generate(issuer(6), "k6", PASS, P, &random(6)).unwrap();
        assert_eq!(
            open(&file, PASS).unwrap_err(),
            KeyFileError::WeakKdf {
                memory_kib: 64,
                iterations: 1
            }
        );
        // Refused before the passphrase is even tried.
        assert!(matches!(
            open(&file, "wrong wrong wrong wrong").unwrap_err(),
            KeyFileError::WeakKdf { .. }
        ));
        assert!(matches!(
            reseal(
                &file,
                PASS,
                "another long passphrase",
                KdfParams::DEFAULT,
                &[1; 40]
            ),
            Err(KeyFileError::WeakKdf { .. })
        ));
        // Fewer passes alone, or less memory alone, is below the floor too.
        for weak in [
            KdfParams {
                memory_kib: 64 * 1024,
                iterations: 2,
                parallelism: 1,
            },
            KdfParams {
                memory_kib: 32 * 1024,
                iterations: 3,
                parallelism: 4,
            },
        ] {
            assert!(!weak.meets_minimum(), "{weak:?}");
        }
        assert!(KdfParams::DEFAULT.meets_minimum());
        assert!(!KdfParams::INSECURE_TEST.meets_minimum());
        // Only the explicit test path opens it.
        assert!(open_allowing_test_kdf(&file, PASS).is_ok());
    }

    #[test]
    fn a_demo_key_file_may_use_the_test_kdf_its_seed_is_public_anyway() {
        use crate::domain::tickets::core::keys::demo;
        let file = seal(
            issuer(1),
            "demo",
            &demo::DEMO_ISSUER_SEED,
            PASS,
            P,
            &[1; SALT_LEN],
            &[2; NONCE_LEN],
        )
        .unwrap();
        assert_eq!(
            open(&file, PASS).unwrap().public_key(),
            demo::issuer_signing_key().verifying_key()
        );
    }

    #[test]
    fn a_passphrase_needs_twelve_characters_besides_whitespace() {
        for blank in [
            "            ",
            "\u{3000}".repeat(20).as_str(),
            "a b c d e f g h i j k",
            " \t abcdefghijk \n",
        ] {
            assert_eq!(
                generate(KeyKind::Root, "", blank, P, &random(7)).unwrap_err(),
                KeyFileError::PassphraseTooShort,
                "{blank:?}"
            );
        }
        assert!(passphrase_is_long_enough("a b c d e f g h i j k l"));
        assert!(passphrase_is_long_enough("ゆきのしたすみまセンエン"));
        // Used exactly as typed: the spaces are part of the passphrase.
        let pass = "  twelve chars ok  ";
        let (file, _) = generate(KeyKind::Root, "", pass, P, &random(7)).unwrap();
        assert!(open_t(&file, pass).is_ok());
        assert_eq!(
            open_t(&file, pass.trim()).unwrap_err(),
            KeyFileError::WrongPassphrase
        );
    }

    #[test]
    fn an_open_key_closes_after_fifteen_minutes_without_input() {
        use chrono::TimeZone;
        let t = chrono::Utc.with_ymd_and_hms(2026, 12, 1, 1, 0, 0).unwrap();
        let after =
            |m: i64, s: i64| t + chrono::Duration::minutes(m) + chrono::Duration::seconds(s);
        assert!(!idle_lock_due(t, t));
        assert!(!idle_lock_due(t, after(14, 59)));
        assert!(idle_lock_due(t, after(15, 0)));
        assert!(idle_lock_due(t, after(60, 0)));
        assert!(
            !idle_lock_due(after(5, 0), t),
            "a clock going back does not close it"
        );
    }
}

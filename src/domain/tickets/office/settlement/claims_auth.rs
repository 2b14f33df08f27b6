//! Which shop made a claim: the office's register of shop claim keys (`shop-keys.csv`),
//! the check of each claim file's signature against it, and what a run remembers of each
//! claim's authenticity. Rules and codes: `docs/settlement.md` § "Claim signatures" and
//! `docs/claim-format.md` § "Signed claims".
//!
//! Rules (each with a test in `tests.rs`):
//! - a signature that does not verify refuses the file (`claim_bad_signature`), always;
//! - in production ([`ClaimAuth::production`]) an unsigned claim is refused
//!   (`claim_unsigned`), and so is a claim signed by a key not registered to the shop it
//!   names (`claim_wrong_key`) — the key of another shop, a retired key or an unknown one;
//! - in a demo run ([`ClaimAuth::demo`]) both are accepted and marked in the report.

use super::*;
use crate::domain::tickets::core::claim_signature::{
    ClaimFile, ShopKeyRegistration, ShopPublicKey,
};

/// One key in the office's register of shop keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredShopKey {
    pub shop: ShopId,
    pub key: ShopPublicKey,
    /// The day the office registered it (for the record).
    pub registered_on: NaiveDate,
    /// From this JST day on, claims made with it are refused (the key was replaced or lost).
    pub retired_on: Option<NaiveDate>,
}

/// The office's register of shop claim keys (`shop-keys.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShopKeyRegister {
    keys: Vec<RegisteredShopKey>,
}

/// `shop-keys.csv`'s header row.
pub const SHOP_KEYS_CSV_HEADER: &str = "shop,key,registered_on,retired_on";

/// Why a shop key register was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ShopKeysError {
    Header,
    Row { line: usize, problem: &'static str },
}

impl Wording for ShopKeysError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Header => say!(
                lang,
                "店舗鍵一覧の1行目は {SHOP_KEYS_CSV_HEADER} でなければなりません",
                "the shop key list's first line must be {SHOP_KEYS_CSV_HEADER}",
            ),
            Self::Row { line, problem } => say!(
                lang,
                "店舗鍵一覧の{line}行目が正しくありません（{problem}）",
                "shop key list line {line}: {problem}",
            ),
        }
    }
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    (iso_date(d) == text).then_some(d)
}

impl ShopKeyRegister {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn keys(&self) -> &[RegisteredShopKey] {
        &self.keys
    }

    /// Registers a shop's key on `today` (a key already registered to that shop is left
    /// as it is). A key registered to another shop is refused (`false`): one key, one shop.
    pub fn register(&mut self, registration: &ShopKeyRegistration, today: NaiveDate) -> bool {
        if self
            .keys
            .iter()
            .any(|k| k.key == registration.key && k.shop != registration.shop)
        {
            return false;
        }
        if !self
            .keys
            .iter()
            .any(|k| k.key == registration.key && k.shop == registration.shop)
        {
            self.keys.push(RegisteredShopKey {
                shop: registration.shop.clone(),
                key: registration.key,
                registered_on: today,
                retired_on: None,
            });
        }
        true
    }

    /// Retires a key from `day` on (claims made from that JST day on are refused).
    pub fn retire(&mut self, key: &ShopPublicKey, day: NaiveDate) -> bool {
        let mut found = false;
        for k in self.keys.iter_mut().filter(|k| &k.key == key) {
            k.retired_on = Some(k.retired_on.map_or(day, |d| d.min(day)));
            found = true;
        }
        found
    }

    /// Is `key` registered to `shop` for a claim made at `created_at`?
    pub fn holds(&self, shop: &ShopId, key: &ShopPublicKey, created_at: DateTime<Utc>) -> bool {
        let day = jst_today(created_at);
        self.keys
            .iter()
            .any(|k| &k.shop == shop && &k.key == key && k.retired_on.is_none_or(|r| day < r))
    }

    /// `shop-keys.csv`: UTF-8, LF, the header row then one row per key in registration
    /// order: shop id, key (base64url), `YYYY-MM-DD`, `YYYY-MM-DD` or empty.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(SHOP_KEYS_CSV_HEADER);
        out.push('\n');
        for k in &self.keys {
            out.push_str(&format!(
                "{},{},{},{}\n",
                k.shop,
                k.key.to_text(),
                iso_date(k.registered_on),
                k.retired_on.map(iso_date).unwrap_or_default()
            ));
        }
        out
    }

    /// Reads `shop-keys.csv` (a BOM, CRLF line ends and blank lines are allowed; every
    /// field is checked; one key registered to two shops refuses the file).
    pub fn from_csv(text: &str) -> Result<Self, ShopKeysError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut lines = text.lines().map(|l| l.trim_end_matches('\r'));
        if lines.next().map(str::trim) != Some(SHOP_KEYS_CSV_HEADER) {
            return Err(ShopKeysError::Header);
        }
        let mut register = Self::new();
        for (i, row) in lines.enumerate() {
            let line = i + 2;
            if row.trim().is_empty() {
                continue;
            }
            let bad = |problem| ShopKeysError::Row { line, problem };
            let f: Vec<&str> = row.split(',').collect();
            let [shop, key, registered, retired] = f.as_slice() else {
                return Err(bad("4 fields: shop,key,registered_on,retired_on"));
            };
            let shop = ShopId::parse(shop).ok_or(bad("shop is not a shop id"))?;
            let key = ShopPublicKey::parse(key).ok_or(bad("key is not a shop public key"))?;
            let registered_on = parse_day(registered).ok_or(bad("registered_on: YYYY-MM-DD"))?;
            let retired_on = match *retired {
                "" => None,
                d => Some(parse_day(d).ok_or(bad("retired_on: YYYY-MM-DD or empty"))?),
            };
            if register.keys.iter().any(|k| k.key == key && k.shop != shop) {
                return Err(bad("this key is registered to another shop"));
            }
            register.keys.push(RegisteredShopKey {
                shop,
                key,
                registered_on,
                retired_on,
            });
        }
        Ok(register)
    }
}

/// How a run treats claim signatures.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimAuth {
    pub keys: ShopKeyRegister,
    /// Production: unsigned claims and claims signed by an unregistered key are refused.
    pub require_signed: bool,
}

impl ClaimAuth {
    pub fn production(keys: ShopKeyRegister) -> Self {
        Self {
            keys,
            require_signed: true,
        }
    }
    pub fn demo(keys: ShopKeyRegister) -> Self {
        Self {
            keys,
            require_signed: false,
        }
    }
}

/// What a run knows about who made a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Authenticity {
    /// Signed by a key registered to the shop it names.
    Registered,
    /// Signed, but by a key not registered to that shop (accepted only in a demo run).
    UnregisteredKey,
    /// Not signed (accepted only in a demo run).
    Unsigned,
}

impl Authenticity {
    /// The code in `problems.csv` for a claim accepted in a demo run although not
    /// [`Authenticity::Registered`].
    pub fn code(self) -> &'static str {
        match self {
            Self::Registered => "claim_signed",
            Self::UnregisteredKey => "claim_wrong_key",
            Self::Unsigned => "claim_unsigned",
        }
    }
}

/// Why a claim file was refused for its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthRefusal {
    /// `claim_unsigned`
    Unsigned,
    /// `claim_wrong_key`
    WrongKey,
    /// `claim_bad_signature`
    BadSignature,
}

impl AuthRefusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::Unsigned => "claim_unsigned",
            Self::WrongKey => "claim_wrong_key",
            Self::BadSignature => "claim_bad_signature",
        }
    }
    /// The wording, ending with the code in parentheses (what the office looks up).
    pub fn wording(self, lang: Lang, shop: &ShopId, id: &ClaimId) -> String {
        let code = self.code();
        match self {
            Self::Unsigned => say!(
                lang,
                "請求 {id}（店舗 {shop}）は署名されていません（本番では署名のない請求は受け付けません）（{code}）",
                "claim {id} (shop {shop}) is not signed (production refuses unsigned claims) ({code})",
            ),
            Self::WrongKey => say!(
                lang,
                "請求 {id} は店舗 {shop} に登録された鍵で署名されていません（{code}）",
                "claim {id} is not signed by a key registered to shop {shop} ({code})",
            ),
            Self::BadSignature => say!(
                lang,
                "請求 {id}（店舗 {shop}）の署名が内容と一致しません（改ざんまたは破損）（{code}）",
                "the signature of claim {id} (shop {shop}) does not match its content (altered or damaged) ({code})",
            ),
        }
    }
}

impl ClaimAuth {
    /// **Rule: a claim proves which shop made it.** The authenticity of a claim file
    /// read as `file`, or why it is refused.
    pub fn check(&self, file: &ClaimFile) -> Result<Authenticity, AuthRefusal> {
        let h = file.claim.header();
        let found = match file.signer {
            None => Authenticity::Unsigned,
            Some(s) if !s.verified => return Err(AuthRefusal::BadSignature),
            Some(s) if self.keys.holds(&h.shop, &s.key, h.created_at) => Authenticity::Registered,
            Some(_) => Authenticity::UnregisteredKey,
        };
        match (found, self.require_signed) {
            (Authenticity::Unsigned, true) => Err(AuthRefusal::Unsigned),
            (Authenticity::UnregisteredKey, true) => Err(AuthRefusal::WrongKey),
            (a, _) => Ok(a),
        }
    }
}

/// A claim accepted in a demo run although not signed by a registered key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkedClaim {
    pub claim: ClaimId,
    pub shop: ShopId,
    pub authenticity: Authenticity,
}

/// The SHA-256 of a claim's canonical file ([`Claim::to_json`]), hex: "the same file again".
pub(super) fn claim_digest(claim: &Claim) -> String {
    crate::domain::tickets::core::claim_signature::sha256_hex(claim.to_json().as_bytes())
}

/// Does a digest stored by an earlier version (FNV-1a 64, 16 hex digits) or this one
/// (SHA-256, 64 hex digits) name the same claim?
pub(super) fn same_digest(stored: &str, claim: &Claim) -> bool {
    if stored.len() == 16 {
        let h = claim
            .to_json()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
            });
        return format!("{h:016x}") == stored;
    }
    stored == claim_digest(claim)
}

impl ClaimAuth {
    /// Reads a claim file and checks its signature by these rules, without importing it:
    /// the claim, or why the file is refused (interim used data marks only claims a
    /// settlement would accept: in production, signed by a key registered to the shop).
    pub fn read_claim(&self, text: &str) -> Result<Claim, ImportError> {
        let file = ClaimFile::parse(text)?;
        let h = file.claim.header();
        self.check(&file).map_err(|code| ImportError::Refused {
            code,
            shop: h.shop.clone(),
            claim: h.id.clone(),
        })?;
        Ok(file.claim)
    }
}

impl Settlement {
    /// Sets how this run treats claim signatures (before importing). A new run is a demo
    /// run with no registered keys until this is called; the office page and the CLI
    /// call it with [`ClaimAuth::production`] for every production run.
    pub fn with_claim_auth(mut self, auth: ClaimAuth) -> Self {
        self.claims_extra.auth = auth;
        self
    }

    /// Records the office's decision about a ticket two shops claimed (kept in the state
    /// and applied in this run and every later one).
    pub fn decide(&mut self, ticket: TicketId, decision: Decision) {
        self.state.decisions.insert(ticket, decision);
    }

    /// Reads a claim file (signed or not), checks its signature against the shop key
    /// register, and imports it. With a file `name`, a refused file is also kept in the
    /// run ([`Settlement::import_file`]).
    pub(super) fn import_signed(
        &mut self,
        name: Option<&str>,
        text: &str,
    ) -> Result<ImportOutcome, ImportError> {
        let file = match ClaimFile::parse(text) {
            Ok(file) => file,
            Err(e) => {
                let e = ImportError::from(e);
                if let Some(name) = name {
                    self.refuse_file(name, None, FileRefusal::Import(e.clone()));
                }
                return Err(e);
            }
        };
        let h = file.claim.header();
        let result = match self.claims_extra.auth.check(&file) {
            Ok(authenticity) => self.import_as(&file.claim, authenticity),
            Err(code) => Err(ImportError::Refused {
                code,
                shop: h.shop.clone(),
                claim: h.id.clone(),
            }),
        };
        if let (Err(e), Some(name)) = (&result, name) {
            self.refuse_file(name, Some(h), FileRefusal::Import(e.clone()));
        }
        result
    }
}

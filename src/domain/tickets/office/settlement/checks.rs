//! The office's settlement checks, one definition for the office page and the command-line
//! tool (so both give byte-identical reports): verify each ticket under the published key
//! list, accept only certified shops, and trace each ticket to its recipient through the
//! issuance register (with the name from the roster when it is at hand).

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;

use crate::domain::shared::money::Yen;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{
    sign_key_list, IssuerKey, KeyId, KeyListDto, KeyListError, KeyListHeader, KeyRole, KeySet,
};
use crate::domain::tickets::core::shops::Directory;
use crate::domain::tickets::core::ticket::{TicketId, VerifyPolicy};
use crate::domain::tickets::core::used::{UsedData, UsedError, UsedHeader, UsedListDto, UsedSet};
use crate::domain::tickets::office::issuance::Register;
use crate::domain::tickets::office::roster::RosterEntry;
use crate::domain::tickets::office::settlement::{shops_in, verify_with, Checks, SettlementChecks};

/// Who a ticket was issued to: `A0001 旭川 花子` (the name only if the roster has it).
pub fn recipient_of<'a>(
    register: &'a Register,
    roster: &'a [RosterEntry],
) -> impl Fn(TicketId) -> Option<String> + 'a {
    move |id| {
        let a = register.find(&id)?;
        let name = roster
            .iter()
            .find(|e| e.recipient == a.recipient)
            .map(|e| e.name.as_str())
            .unwrap_or_default();
        Some(format!("{} {name}", a.recipient).trim_end().to_string())
    }
}

/// The checks settlement runs: `policy` decides about demo tickets (and demo shops).
pub fn settlement_checks<'a>(
    keys: &'a KeySet,
    shops: &'a Directory,
    register: &'a Register,
    roster: &'a [RosterEntry],
    policy: VerifyPolicy,
) -> impl SettlementChecks + 'a {
    Checks {
        verify: verify_with(keys, policy),
        shop: shops_in(shops, policy.accept_demo),
        recipient: recipient_of(register, roster),
    }
}

/// The next used-data section to publish: everything `previous` published plus `newly`
/// settled tickets, sequence + 1 (or 1 for the very first), signed with `key` as `signer`
/// (`None`: the root key; else the id of a `used`-role key in the key list).
pub fn next_used_section(
    previous: Option<&UsedData>,
    newly: &[TicketId],
    signed_at: NaiveDate,
    signer: Option<KeyId>,
    key: &SigningKey,
) -> Result<UsedListDto, UsedError> {
    let mut marks = UsedSet::new();
    for id in newly {
        marks.mark(*id);
    }
    match previous {
        Some(p) => p.next(&marks, signed_at, signer, key),
        None => marks.sign(
            &UsedHeader {
                sequence: 1,
                signed_at,
                signer,
            },
            key,
        ),
    }
}

/// One entry of the issuer-key list the office keeps (what `jokatsu-office keys
/// gen-issuer` prints; `docs/operations.md`). Role and bounds default to the programme's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerEntry {
    pub id: u8,
    #[serde(default = "issuer_role")]
    pub role: KeyRole,
    /// base64url (no padding) of the 32-byte public key.
    pub public_key: String,
    /// `YYYY-MM-DD`.
    pub not_before: String,
    /// `YYYY-MM-DD`.
    pub not_after: String,
    /// A ticket's validity may be at most this many days.
    #[serde(default = "default_max_validity_days")]
    pub max_validity_days: u16,
    /// A ticket's face value may be at most this many yen.
    #[serde(default = "default_max_face_value")]
    pub max_face_value: u32,
    #[serde(default)]
    pub demo: bool,
    #[serde(default)]
    pub label: String,
}

fn issuer_role() -> KeyRole {
    KeyRole::Issuer
}
/// The programme's real bounds: tickets valid about three months, 1,000 yen each.
pub fn default_max_validity_days() -> u16 {
    92
}
/// See [`default_max_validity_days`].
pub fn default_max_face_value() -> u32 {
    1_000
}

/// The list file: `{"issuers": [IssuerEntry…]}`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuerListFile {
    issuers: Vec<IssuerEntry>,
}

/// Why the office's issuer-key list could not be signed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum IssuerListError {
    /// Not the list's JSON (the parser's message).
    Unreadable(String),
    /// An entry's field: where (`issuers[2].public_key`) and what is wrong.
    Entry { at: String, problem: &'static str },
    /// The keys do not make a valid key list.
    List(KeyListError),
}

impl Wording for IssuerListError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Unreadable(why) => say!(
                lang,
                "発行鍵一覧が読めません",
                "the issuer list cannot be read: {why}",
            ),
            Self::Entry { at, problem } => {
                say!(lang, "発行鍵一覧の {at} が不正です", "{at}: {problem}")
            }
            Self::List(e) => e.wording(lang),
        }
    }
}

/// Read the office's issuer-key list (JSON) and sign it with the root key for the feed's
/// `keys` section. Errors name the entry and field.
pub fn sign_issuer_list(
    list_json: &str,
    header: &KeyListHeader,
    root: &SigningKey,
) -> Result<KeyListDto, IssuerListError> {
    use base64::Engine as _;
    let list: IssuerListFile =
        serde_json::from_str(list_json).map_err(|e| IssuerListError::Unreadable(e.to_string()))?;
    let mut keys = Vec::with_capacity(list.issuers.len());
    for (i, e) in list.issuers.iter().enumerate() {
        let at = |what: &str, problem: &'static str| IssuerListError::Entry {
            at: format!("issuers[{i}].{what}"),
            problem,
        };
        let raw: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(&e.public_key)
            .ok()
            .and_then(|r| r.try_into().ok())
            .ok_or_else(|| at("public_key", "not 32 bytes of base64url"))?;
        let date = |text: &str, what: &str| {
            crate::domain::shared::date::strict_date(text).ok_or_else(|| at(what, "not YYYY-MM-DD"))
        };
        keys.push(IssuerKey {
            id: KeyId::new(e.id).ok_or_else(|| at("id", "must be 1..=255"))?,
            role: e.role,
            public_key: ed25519_dalek::VerifyingKey::from_bytes(&raw)
                .map_err(|_| at("public_key", "not an Ed25519 key"))?,
            not_before: date(&e.not_before, "not_before")?,
            not_after: date(&e.not_after, "not_after")?,
            // A used-data key signs no tickets: its bounds are 0 whatever the file says.
            max_validity_days: if e.role == KeyRole::Used {
                0
            } else {
                e.max_validity_days
            },
            max_face_value: Yen(if e.role == KeyRole::Used {
                0
            } else {
                u64::from(e.max_face_value)
            }),
            demo: e.demo,
            label: e.label.clone(),
        });
    }
    sign_key_list(header, &keys, root).map_err(IssuerListError::List)
}

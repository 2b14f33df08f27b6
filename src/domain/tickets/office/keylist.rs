//! The office's key list: the public part of every key the city uses (issuer keys and
//! used-data keys, each with its window and bounds), kept by the office as a draft and
//! signed with the root key into the feed's `keys` section (`docs/operations.md`, "Going
//! live"). Made by the tools, never by hand: making a key adds its entry
//! ([`KeyListDraft::upsert`], [`IssuerEntry::for_key`]), and a published list starts the
//! next draft ([`KeyListDraft::from_json`] reads either form), so rotation and revocation
//! edit what is there.
//!
//! Also the checks before a list or used data is signed: no demo key in production
//! ([`KeyListDraft::check`]), and a used-data signer the app will accept ([`used_signer`]).

use chrono::NaiveDate;
use ed25519_dalek::{SigningKey, VerifyingKey};

use crate::domain::shared::base64url;
use crate::domain::shared::money::Yen;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{
    demo, sign_key_list, IssuerKey, KeyId, KeyListDto, KeyListError, KeyListHeader, KeyRole, KeySet,
};
use crate::domain::tickets::office::keyfile::{KeyFileInfo, KeyKind};

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
    /// `YYYY-MM-DD`, issuer keys only: the key leaked or was lost; tickets redeemed on or
    /// after this day are refused (`key_revoked`), earlier redemptions are still paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_from: Option<String>,
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
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    let list: IssuerListFile =
        serde_json::from_str(list_json).map_err(|e| IssuerListError::Unreadable(e.to_string()))?;
    let mut keys = Vec::with_capacity(list.issuers.len());
    for (i, e) in list.issuers.iter().enumerate() {
        let at = |what: &str, problem: &'static str| IssuerListError::Entry {
            at: format!("issuers[{i}].{what}"),
            problem,
        };
        let raw: [u8; 32] = base64url::decode(&e.public_key)
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
            revoked_from: match &e.revoked_from {
                None => None,
                Some(_) if e.role == KeyRole::Used => {
                    return Err(at(
                        "revoked_from",
                        "a used-data key is not revoked by date: remove it from the list",
                    ))
                }
                Some(text) => Some(date(text, "revoked_from")?),
            },
        });
    }
    sign_key_list(header, &keys, root).map_err(IssuerListError::List)
}

impl IssuerEntry {
    /// The list entry of a key file (its public part), with the window and bounds the
    /// office chose. A root key file has no entry (it signs the list itself).
    pub fn for_key(
        info: &KeyFileInfo,
        not_before: NaiveDate,
        not_after: NaiveDate,
        max_validity_days: u16,
        max_face_value: u32,
    ) -> Option<IssuerEntry> {
        let (id, role) = match info.kind {
            KeyKind::Root => return None,
            KeyKind::Issuer(id) => (id, KeyRole::Issuer),
            KeyKind::Used(id) => (id, KeyRole::Used),
        };
        let used = role == KeyRole::Used;
        Some(IssuerEntry {
            id: id.get(),
            role,
            public_key: base64url::encode(info.public_key.as_bytes()),
            not_before: not_before.to_string(),
            not_after: not_after.to_string(),
            max_validity_days: if used { 0 } else { max_validity_days },
            max_face_value: if used { 0 } else { max_face_value },
            demo: false,
            label: info.label.clone(),
            revoked_from: None,
        })
    }
}

/// The office's unsigned key list: the entries the next signed list will hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyListDraft {
    pub entries: Vec<IssuerEntry>,
    /// The sequence of the published list this draft started from (0: none). The next
    /// list must have a higher one.
    pub published_sequence: u64,
}

/// Why a draft cannot be read or signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftProblem {
    /// Neither `{"issuers": […]}` nor a published `keys` section.
    Unreadable(String),
    /// A demo key (flagged, or the demo key's public key) in a production list.
    DemoKey { id: u8 },
    /// Two entries with one id.
    DuplicateId { id: u8 },
    /// The list has no issuer key: no ticket could be accepted.
    NoIssuerKey,
    /// The sequence is not higher than the published list's.
    SequenceNotHigher { published: u64 },
    /// An entry that cannot be signed (its field and what is wrong).
    BadEntry(IssuerListError),
    /// No entry has this id (revoking).
    NoSuchKey { id: u8 },
    /// A used-data key cannot be revoked by date (revoking).
    RevokeUsedKey { id: u8 },
}

impl DraftProblem {
    /// What is wrong and what to do, in the interface's language.
    pub fn wording(&self, lang: Lang) -> String {
        let ja = matches!(lang, Lang::Ja);
        match self {
            Self::Unreadable(e) => {
                if ja {
                    format!("鍵一覧として読めません。このページで保存した「鍵一覧（公開部分）」か、公開中のフィードの keys を選んでください（{e}）。")
                } else {
                    format!("This is not a key list. Choose the key list (public part) saved from this page, or the published feed's keys ({e}).")
                }
            }
            Self::DemoKey { id } => {
                if ja {
                    format!("鍵 {id} は見本（DEMO）の鍵です。本番の鍵一覧には入れられません。一覧から外してください。")
                } else {
                    format!(
                        "Key {id} is a demo key. It cannot be in a production key list: remove it."
                    )
                }
            }
            Self::DuplicateId { id } => {
                if ja {
                    format!("鍵の番号 {id} が2つあります。どちらかを外すか、番号を変えて鍵を作り直してください。")
                } else {
                    format!("Key id {id} is listed twice. Remove one, or make the key again with another id.")
                }
            }
            Self::NoIssuerKey => {
                if ja {
                    "発行鍵が1つもありません。先に発行鍵を作ってください（チケットに署名する鍵です）。".into()
                } else {
                    "There is no issuer key. Make an issuer key first (it signs the tickets)."
                        .into()
                }
            }
            Self::BadEntry(e) => e.wording(lang),
            Self::NoSuchKey { id } => {
                if ja {
                    format!("鍵一覧に鍵 {id} がありません。")
                } else {
                    format!("The key list has no key {id}.")
                }
            }
            Self::RevokeUsedKey { id } => {
                if ja {
                    format!("鍵 {id} は使用済みデータ鍵です。日付で取り消すことはできません。漏れたときは鍵一覧から外し、新しい使用済みデータ鍵を作ってください。")
                } else {
                    format!("Key {id} is a used-data key: it is not revoked by date. If it leaked, remove it from the list and make a new used-data key.")
                }
            }
            Self::SequenceNotHigher { published } => {
                if ja {
                    format!("番号は公開中の鍵一覧の番号（{published}）より大きくしてください。同じか小さい番号の一覧は、スマホやお店で受け付けられません。")
                } else {
                    format!("The sequence must be higher than the published list's ({published}): phones and shops refuse a list with the same or a lower one.")
                }
            }
        }
    }
}

impl KeyListDraft {
    /// Reads a draft: the office's list file (`{"issuers": […]}`), or a published `keys`
    /// section (its entries, and its sequence as the one to exceed). The published list's
    /// signature is not checked here: it is only a starting point, signed again by the root.
    pub fn from_json(text: &str) -> Result<KeyListDraft, DraftProblem> {
        let text = text.trim_start_matches('\u{feff}');
        if let Ok(file) = serde_json::from_str::<IssuerListFile>(text) {
            return Ok(KeyListDraft {
                entries: file.issuers,
                published_sequence: 0,
            });
        }
        let dto: KeyListDto =
            serde_json::from_str(text).map_err(|e| DraftProblem::Unreadable(e.to_string()))?;
        let entries = dto
            .keys
            .iter()
            .map(|k| IssuerEntry {
                id: u8::try_from(k.id).unwrap_or(0),
                role: k.role,
                public_key: k.public_key.clone(),
                not_before: k.not_before.clone(),
                not_after: k.not_after.clone(),
                max_validity_days: k.max_validity_days,
                max_face_value: k.max_face_value,
                demo: k.demo,
                label: k.label.clone(),
                revoked_from: k.revoked_from.clone(),
            })
            .collect();
        Ok(KeyListDraft {
            entries,
            published_sequence: dto.sequence,
        })
    }

    /// The draft as the office's list file, `{"issuers": […]}` (what `keys sign-list` reads).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&IssuerListFile {
            issuers: self.entries.clone(),
        })
        .unwrap_or_default()
    }

    /// Adds an entry, or replaces the one with its id (returned).
    pub fn upsert(&mut self, entry: IssuerEntry) -> Option<IssuerEntry> {
        match self.entries.iter_mut().find(|e| e.id == entry.id) {
            Some(e) => Some(std::mem::replace(e, entry)),
            None => {
                self.entries.push(entry);
                self.entries.sort_by_key(|e| e.id);
                None
            }
        }
    }

    /// Removes the entry with this id (a key retired, or one that leaked).
    pub fn remove(&mut self, id: u8) -> Option<IssuerEntry> {
        let at = self.entries.iter().position(|e| e.id == id)?;
        Some(self.entries.remove(at))
    }

    /// Revokes issuer key `id` from JST day `from` (a leaked or lost key): the next
    /// signed list refuses its tickets redeemed on or after `from`, and settlement still
    /// pays those redeemed before. `None` lifts a revocation. Errors: no such entry, or a
    /// used-data key (drop that from the list instead).
    pub fn revoke(&mut self, id: u8, from: Option<NaiveDate>) -> Result<(), DraftProblem> {
        let entry = self
            .entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(DraftProblem::NoSuchKey { id })?;
        if entry.role == KeyRole::Used {
            return Err(DraftProblem::RevokeUsedKey { id });
        }
        entry.revoked_from = from.map(|d| d.to_string());
        Ok(())
    }

    /// The lowest id no entry has, from `from` (issuer keys from 1, used keys from 200).
    pub fn free_id(&self, from: u8) -> Option<u8> {
        (from..=u8::MAX).find(|id| self.entries.iter().all(|e| e.id != *id))
    }

    /// Every reason the draft cannot be signed as a production list with `sequence`
    /// (`production`: demo keys refused, by flag or by key).
    pub fn check(&self, sequence: u64, production: bool) -> Vec<DraftProblem> {
        let mut problems = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            if production && (e.demo || is_demo_key_text(&e.public_key)) {
                problems.push(DraftProblem::DemoKey { id: e.id });
            }
            if self.entries[..i].iter().any(|o| o.id == e.id) {
                problems.push(DraftProblem::DuplicateId { id: e.id });
            }
        }
        if !self.entries.iter().any(|e| e.role == KeyRole::Issuer) {
            problems.push(DraftProblem::NoIssuerKey);
        }
        if sequence <= self.published_sequence {
            problems.push(DraftProblem::SequenceNotHigher {
                published: self.published_sequence,
            });
        }
        problems
    }

    /// Signs the draft with the root key: the feed's `keys` section. Refused with every
    /// problem [`check`](Self::check) finds, or the entry that cannot be read.
    pub fn sign(
        &self,
        header: &KeyListHeader,
        root: &SigningKey,
        production: bool,
    ) -> Result<KeyListDto, Vec<DraftProblem>> {
        let problems = self.check(header.sequence, production);
        if !problems.is_empty() {
            return Err(problems);
        }
        sign_issuer_list(&self.to_json(), header, root).map_err(|e| vec![DraftProblem::BadEntry(e)])
    }
}

/// The base64url text of one of the demo public keys ([`demo::is_demo_public_key`]).
pub fn is_demo_key_text(public_key: &str) -> bool {
    base64url::decode(public_key.trim())
        .ok()
        .and_then(|raw| <[u8; 32]>::try_from(raw).ok())
        .and_then(|raw| VerifyingKey::from_bytes(&raw).ok())
        .is_some_and(|k| demo::is_demo_public_key(&k))
}

/// Why a key may not sign the used data the app will read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsedSignerProblem {
    /// An issuer key: it signs tickets only.
    IssuerKey,
    /// A root key that is not the one this app was built with.
    NotThisAppsRoot,
    /// A used-data key the key list does not have (or has with another public key).
    NotInList { id: KeyId },
    /// The list's key with this id is not a used-data key.
    NotUsedRole { id: KeyId },
    /// The key's window does not cover the signing day.
    Window { id: KeyId, day: NaiveDate },
    /// A demo key in production.
    Demo,
}

impl UsedSignerProblem {
    /// What is wrong and which key is needed, in the interface's language.
    pub fn wording(&self, lang: Lang) -> String {
        let ja = matches!(lang, Lang::Ja);
        match self {
            Self::IssuerKey => {
                if ja {
                    "発行鍵では使用済みデータに署名できません。「使用済みデータ鍵」（鍵の準備で作った used-… のファイル）を開いてください。".into()
                } else {
                    "An issuer key cannot sign the used data. Open the used-data key (the used-… file made in key set-up).".into()
                }
            }
            Self::NotThisAppsRoot => {
                if ja {
                    "このルート鍵は、アプリに組み込まれたルート鍵ではありません。この署名はスマホやお店で受け付けられません。鍵一覧にある「使用済みデータ鍵」を開いてください。".into()
                } else {
                    "This root key is not the one built into the app: phones and shops would refuse this signature. Open the used-data key that is in the key list.".into()
                }
            }
            Self::NotInList { id } => {
                if ja {
                    format!("使用済みデータ鍵 {id} は、公開中の鍵一覧にありません（または別の鍵です）。鍵一覧に加えて署名し、公開してから使ってください。")
                } else {
                    format!("Used-data key {id} is not in the published key list (or is a different key). Add it to the list, sign and publish it first.")
                }
            }
            Self::NotUsedRole { id } => {
                if ja {
                    format!("鍵一覧の鍵 {id} は使用済みデータ鍵ではありません。")
                } else {
                    format!("Key {id} in the key list is not a used-data key.")
                }
            }
            Self::Window { id, day } => {
                if ja {
                    format!("使用済みデータ鍵 {id} は {day} には使えません（鍵一覧の期間外）。期間の合う鍵を使うか、鍵一覧の期間を直してください。")
                } else {
                    format!("Used-data key {id} may not sign on {day} (outside its window in the key list). Use a key whose window covers it, or fix the list.")
                }
            }
            Self::Demo => {
                if ja {
                    "本番では見本（DEMO）の鍵で使用済みデータに署名できません。".into()
                } else {
                    "Demo keys cannot sign used data in production.".into()
                }
            }
        }
    }
}

/// The signer id to write in the used data (`None`: the root) if `key` may sign used data
/// dated `day` for an app built with `app_root` that trusts `keys`.
pub fn used_signer(
    kind: KeyKind,
    public_key: &VerifyingKey,
    keys: &KeySet,
    app_root: &VerifyingKey,
    day: NaiveDate,
    production: bool,
) -> Result<Option<KeyId>, UsedSignerProblem> {
    if production && demo::is_demo_public_key(public_key) {
        return Err(UsedSignerProblem::Demo);
    }
    match kind {
        KeyKind::Issuer(_) => Err(UsedSignerProblem::IssuerKey),
        KeyKind::Root if public_key == app_root => Ok(None),
        KeyKind::Root => Err(UsedSignerProblem::NotThisAppsRoot),
        KeyKind::Used(id) => {
            let listed: &IssuerKey = keys
                .get_any(id)
                .filter(|k| k.public_key == *public_key)
                .ok_or(UsedSignerProblem::NotInList { id })?;
            if listed.role != KeyRole::Used {
                return Err(UsedSignerProblem::NotUsedRole { id });
            }
            if production && listed.is_demo() {
                return Err(UsedSignerProblem::Demo);
            }
            if day < listed.not_before || day > listed.not_after {
                return Err(UsedSignerProblem::Window { id, day });
            }
            Ok(Some(id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::office::keyfile::KdfParams;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn info(kind: KeyKind, seed: u8) -> KeyFileInfo {
        KeyFileInfo {
            kind,
            label: format!("key {seed}"),
            public_key: SigningKey::from_bytes(&[seed; 32]).verifying_key(),
            kdf: KdfParams::DEFAULT,
        }
    }
    fn id(n: u8) -> KeyId {
        KeyId::new(n).unwrap()
    }
    fn fiscal() -> (NaiveDate, NaiveDate) {
        (ymd(2027, 4, 1), ymd(2028, 3, 31))
    }
    fn city_draft() -> KeyListDraft {
        let (from, to) = fiscal();
        let mut d = KeyListDraft::default();
        d.upsert(
            IssuerEntry::for_key(&info(KeyKind::Issuer(id(2)), 2), from, to, 92, 1_000).unwrap(),
        );
        d.upsert(
            IssuerEntry::for_key(&info(KeyKind::Used(id(200)), 20), from, to, 92, 1_000).unwrap(),
        );
        d
    }
    fn header(sequence: u64) -> KeyListHeader {
        KeyListHeader {
            sequence,
            signed_at: ymd(2027, 3, 1),
            expires: ymd(2027, 9, 30),
        }
    }

    #[test]
    fn each_key_made_gives_its_entry_and_the_root_none() {
        let (from, to) = fiscal();
        let issuer =
            IssuerEntry::for_key(&info(KeyKind::Issuer(id(2)), 2), from, to, 92, 1_000).unwrap();
        assert_eq!(
            (issuer.id, issuer.role, issuer.max_face_value),
            (2, KeyRole::Issuer, 1_000)
        );
        assert_eq!(issuer.not_before, "2027-04-01");
        let used =
            IssuerEntry::for_key(&info(KeyKind::Used(id(200)), 20), from, to, 92, 1_000).unwrap();
        assert_eq!(
            (used.role, used.max_face_value, used.max_validity_days),
            (KeyRole::Used, 0, 0)
        );
        assert_eq!(
            IssuerEntry::for_key(&info(KeyKind::Root, 1), from, to, 92, 1_000),
            None
        );
    }

    #[test]
    fn the_office_revokes_a_leaked_issuer_key_by_a_signed_date_and_never_a_used_key() {
        let root = SigningKey::from_bytes(&[1; 32]);
        let mut draft = city_draft();
        draft.revoke(2, Some(ymd(2027, 5, 10))).unwrap();
        let dto = draft.sign(&header(2), &root, true).unwrap();
        assert_eq!(dto.keys[0].revoked_from.as_deref(), Some("2027-05-10"));
        let keys = KeySet::from_feed(&dto, &root.verifying_key()).unwrap();
        let k = keys.get(id(2)).unwrap();
        assert!(!k.is_revoked_on(ymd(2027, 5, 9)));
        assert!(k.is_revoked_on(ymd(2027, 5, 10)));
        // The revocation survives into the next draft (a published list starts it) and
        // can be lifted.
        let mut next = KeyListDraft::from_json(&serde_json::to_string(&dto).unwrap()).unwrap();
        assert_eq!(next.entries[0].revoked_from.as_deref(), Some("2027-05-10"));
        next.revoke(2, None).unwrap();
        assert_eq!(next.entries[0].revoked_from, None);
        // Not a used-data key, not a key the list does not have.
        assert_eq!(
            draft.revoke(200, Some(ymd(2027, 5, 10))),
            Err(DraftProblem::RevokeUsedKey { id: 200 })
        );
        assert_eq!(
            draft.revoke(9, Some(ymd(2027, 5, 10))),
            Err(DraftProblem::NoSuchKey { id: 9 })
        );
        // A hand-edited list revoking a used key is refused when signed.
        let mut hand = city_draft();
        hand.entries[1].revoked_from = Some("2027-05-10".into());
        assert!(matches!(
            hand.sign(&header(2), &root, true),
            Err(p) if matches!(&p[..], [DraftProblem::BadEntry(IssuerListError::Entry { at, .. })] if at == "issuers[1].revoked_from")
        ));
    }

    #[test]
    fn a_production_list_refuses_demo_public_keys_even_unflagged_in_every_role() {
        let b64 = |k: VerifyingKey| base64url::encode(k.as_bytes());
        for key in [
            demo::issuer_signing_key().verifying_key(),
            demo::used_signing_key().verifying_key(),
            demo::root_signing_key().verifying_key(),
        ] {
            for n in 0..2 {
                let mut draft = city_draft();
                draft.entries[n].public_key = b64(key);
                draft.entries[n].demo = false;
                let id = draft.entries[n].id;
                assert!(
                    draft.check(2, true).contains(&DraftProblem::DemoKey { id }),
                    "entry {n}"
                );
                assert!(!draft
                    .check(2, false)
                    .contains(&DraftProblem::DemoKey { id }));
            }
        }
    }

    #[test]
    fn a_signed_draft_is_a_key_list_the_app_accepts() {
        let root = SigningKey::from_bytes(&[1; 32]);
        let dto = city_draft().sign(&header(1), &root, true).unwrap();
        let keys = KeySet::from_feed(&dto, &root.verifying_key()).unwrap();
        assert!(keys.get(id(2)).is_some());
        assert_eq!(keys.get_any(id(200)).map(|k| k.role), Some(KeyRole::Used));
        // The published list starts the next draft: same entries, its sequence to exceed.
        let next = KeyListDraft::from_json(&serde_json::to_string(&dto).unwrap()).unwrap();
        assert_eq!(next.entries, city_draft().entries);
        assert_eq!(next.published_sequence, 1);
        assert_eq!(
            next.check(1, true),
            vec![DraftProblem::SequenceNotHigher { published: 1 }]
        );
        assert!(next.check(2, true).is_empty());
        // The office's own file round-trips.
        let again = KeyListDraft::from_json(&city_draft().to_json()).unwrap();
        assert_eq!(again, city_draft());
    }

    #[test]
    fn a_production_list_refuses_demo_keys_twins_and_no_issuer() {
        let root = SigningKey::from_bytes(&[1; 32]);
        let mut d = city_draft();
        let mut demo_entry = d.entries[0].clone();
        demo_entry.id = 1;
        demo_entry.public_key =
            base64url::encode(demo::issuer_signing_key().verifying_key().as_bytes());
        d.upsert(demo_entry);
        assert_eq!(d.check(1, true), vec![DraftProblem::DemoKey { id: 1 }]);
        assert!(d.check(1, false).is_empty(), "the demo build may list it");
        assert!(d.sign(&header(1), &root, true).is_err());
        let mut twins = city_draft();
        twins.entries.push(twins.entries[0].clone());
        assert!(twins
            .check(1, true)
            .contains(&DraftProblem::DuplicateId { id: 2 }));
        let mut no_issuer = city_draft();
        assert!(no_issuer.remove(2).is_some());
        assert_eq!(no_issuer.check(1, true), vec![DraftProblem::NoIssuerKey]);
        assert_eq!(city_draft().free_id(1), Some(1));
        assert_eq!(city_draft().free_id(200), Some(201));
    }

    #[test]
    fn only_the_listed_used_key_or_the_apps_root_signs_used_data() {
        let root = SigningKey::from_bytes(&[1; 32]);
        let dto = city_draft().sign(&header(1), &root, true).unwrap();
        let keys = KeySet::from_feed(&dto, &root.verifying_key()).unwrap();
        let app_root = root.verifying_key();
        let day = ymd(2027, 5, 31);
        let pk = |seed: u8| SigningKey::from_bytes(&[seed; 32]).verifying_key();
        let signer = |kind, seed, day| used_signer(kind, &pk(seed), &keys, &app_root, day, true);
        assert_eq!(signer(KeyKind::Used(id(200)), 20, day), Ok(Some(id(200))));
        assert_eq!(signer(KeyKind::Root, 1, day), Ok(None));
        assert_eq!(
            signer(KeyKind::Root, 9, day),
            Err(UsedSignerProblem::NotThisAppsRoot)
        );
        assert_eq!(
            signer(KeyKind::Issuer(id(2)), 2, day),
            Err(UsedSignerProblem::IssuerKey)
        );
        assert_eq!(
            signer(KeyKind::Used(id(201)), 21, day),
            Err(UsedSignerProblem::NotInList { id: id(201) })
        );
        assert_eq!(
            signer(KeyKind::Used(id(200)), 21, day),
            Err(UsedSignerProblem::NotInList { id: id(200) }),
            "same id, another key"
        );
        assert_eq!(
            signer(KeyKind::Used(id(200)), 20, ymd(2028, 4, 1)),
            Err(UsedSignerProblem::Window {
                id: id(200),
                day: ymd(2028, 4, 1)
            })
        );
        let demo_used = demo::used_signing_key().verifying_key();
        assert_eq!(
            used_signer(
                KeyKind::Used(id(200)),
                &demo_used,
                &demo::key_set(),
                &app_root,
                day,
                true
            ),
            Err(UsedSignerProblem::Demo)
        );
    }

    #[test]
    fn problems_are_worded_in_one_language_at_a_time() {
        let kana = |s: &str| s.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
        let problems = [
            DraftProblem::Unreadable("x".into()),
            DraftProblem::DemoKey { id: 1 },
            DraftProblem::DuplicateId { id: 1 },
            DraftProblem::NoIssuerKey,
            DraftProblem::SequenceNotHigher { published: 3 },
            DraftProblem::NoSuchKey { id: 9 },
            DraftProblem::RevokeUsedKey { id: 200 },
            DraftProblem::BadEntry(IssuerListError::Entry {
                at: "issuers[0].id".into(),
                problem: "must be 1..=255",
            }),
        ];
        for p in problems {
            assert!(
                kana(&p.wording(Lang::Ja)) && !kana(&p.wording(Lang::En)),
                "{p:?}"
            );
        }
        let signers = [
            UsedSignerProblem::IssuerKey,
            UsedSignerProblem::NotThisAppsRoot,
            UsedSignerProblem::NotInList { id: id(3) },
            UsedSignerProblem::NotUsedRole { id: id(3) },
            UsedSignerProblem::Window {
                id: id(3),
                day: ymd(2027, 1, 1),
            },
            UsedSignerProblem::Demo,
        ];
        for p in signers {
            assert!(
                kana(&p.wording(Lang::Ja)) && !kana(&p.wording(Lang::En)),
                "{p:?}"
            );
        }
    }
}

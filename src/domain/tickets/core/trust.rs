//! The trust data a device holds: the last accepted key list and used data. Both are
//! signed and sequenced; a feed can only move them forward (`docs/feed-tickets.md`,
//! "Trust model"). A feed without a `keys` section, or with a refused one, leaves the held
//! list in force; the same for `used`.

use chrono::NaiveDate;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

use crate::domain::feed::Sections;
use crate::domain::shared::base64url;
use crate::domain::shared::persist::Persisted;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{
    acceptance, Acceptance, KeyListDto, KeyListError, KeySet,
};
use crate::domain::tickets::core::used::{UsedData, UsedError, UsedListDto, UsedSet};

/// Something the app should tell the user after a feed update or a start-up. Each says
/// which data stays in force.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum TrustNotice {
    /// The feed's key list was refused (or absent, [`KeyListError::Missing`]); the
    /// previously accepted list stays in force.
    Keys(KeyListError),
    /// The held key list is past its `expires` day.
    KeysExpired { expires: NaiveDate },
    /// The feed's used data was refused; the previously accepted data stays in force.
    Used(UsedError),
    /// A newer key list no longer lists the key that signed the held used data (or
    /// changed it): the held used data was dropped at once (`signer` 0: the root).
    UsedDropped { signer: u8, because: UsedError },
}

impl Wording for TrustNotice {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Keys(e) => {
                let e = e.wording(lang);
                say!(
                    lang,
                    "{e}（前回の鍵リストを使います）",
                    "{e} (the last good key list stays in force)",
                )
            }
            Self::KeysExpired { expires } => say!(
                lang,
                "鍵リストの有効期限（{expires}）が切れています。最新のデータを取得してください",
                "the key list expired on {expires}; update the app data",
            ),
            Self::Used(e) => {
                let e = e.wording(lang);
                say!(
                    lang,
                    "{e}（前回の使用済みリストを使います）",
                    "{e} (the last good used list stays in force)",
                )
            }
            Self::UsedDropped { signer, .. } => say!(
                lang,
                "使用済みリストの署名鍵 {signer} が新しい鍵リストから外れたため、そのリストを破棄しました。次の配信データを取得してください",
                "the new key list no longer lists key {signer}, which signed the used list: that list was dropped; update the app data",
            ),
        }
    }
}

/// What one [`Trust::update`] or [`Trust::merge_record`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustUpdate {
    /// A newer key list was accepted.
    pub keys_changed: bool,
    /// Newer used data was accepted, or the held used data was dropped.
    pub used_changed: bool,
    pub notices: Vec<TrustNotice>,
}

/// The stored form (`jokatsu.trust`): the signed sections exactly as received; they are
/// re-verified on every load, so a tampered store is refused like a tampered feed. Saved
/// by read-merge-write ([`Trust::merge_record`]): a tab re-reads the stored record, keeps
/// the higher of each part, and only then writes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustRecord {
    #[serde(default)]
    pub keys: Option<KeyListDto>,
    #[serde(default)]
    pub used: Option<UsedListDto>,
    /// The used-data floor: per signer ([`signer_name`]), the highest used-data sequence
    /// this device ever accepted from it. A used list below its signer's floor is never
    /// accepted again, even after the held data was dropped.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub used_floors: BTreeMap<String, u64>,
}

impl Persisted for TrustRecord {
    const KEY: &'static str = "jokatsu.trust";
    const VERSION: u32 = 1;
}

/// The name a used-data signer's floor is kept under: `root` for the root key (signer 0),
/// else `key:` and the base64url public key of the listed `used` key (so a key id reused
/// for a new key starts a floor of its own).
pub fn signer_name(data: &UsedData, keys: &KeySet) -> String {
    match data.header().signer {
        None => "root".into(),
        Some(id) => match keys.get_any(id) {
            Some(k) => format!("key:{}", base64url::encode(k.public_key.as_bytes())),
            None => format!("id:{id}"),
        },
    }
}

/// The accepted key list and used data, and the used-data floors.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trust {
    keys: Option<KeySet>,
    used: Option<UsedData>,
    floors: BTreeMap<String, u64>,
}

impl Trust {
    /// Starts from a list built into the app (demo mode: the demo key list) or nothing.
    pub fn new(keys: Option<KeySet>) -> Self {
        Self {
            keys,
            ..Self::default()
        }
    }

    /// Re-verifies a stored record under `root`. A part that no longer verifies is
    /// dropped with a notice (the next feed brings it back); the floors are kept.
    pub fn from_record(record: &TrustRecord, root: &VerifyingKey) -> (Trust, Vec<TrustNotice>) {
        let mut notices = Vec::new();
        let keys = record
            .keys
            .as_ref()
            .and_then(|k| match KeySet::from_feed(k, root) {
                Ok(k) => Some(k),
                Err(e) => {
                    notices.push(TrustNotice::Keys(e));
                    None
                }
            });
        let mut trust = Trust {
            keys,
            used: None,
            floors: record.used_floors.clone(),
        };
        if let Some(u) = &record.used {
            if let Err(e) = trust.take_used(u, root) {
                notices.push(TrustNotice::Used(e));
            }
        }
        (trust, notices)
    }

    /// What to store.
    pub fn to_record(&self) -> TrustRecord {
        TrustRecord {
            keys: self.keys.as_ref().and_then(|k| k.dto().cloned()),
            used: self.used.as_ref().map(|u| u.dto().clone()),
            used_floors: self.floors.clone(),
        }
    }

    /// The keys in force (empty if none was ever accepted).
    pub fn keys(&self) -> &KeySet {
        static EMPTY: std::sync::OnceLock<KeySet> = std::sync::OnceLock::new();
        self.keys
            .as_ref()
            .unwrap_or_else(|| EMPTY.get_or_init(KeySet::default))
    }

    /// The used data in force, if any.
    pub fn used_data(&self) -> Option<&UsedData> {
        self.used.as_ref()
    }

    /// The used-data floors ([`TrustRecord::used_floors`]).
    pub fn used_floors(&self) -> &BTreeMap<String, u64> {
        &self.floors
    }

    /// The used tickets in force (empty if none was ever accepted). Pass this to
    /// `verify` and to the wallet's status functions at read time.
    pub fn used(&self) -> &UsedSet {
        static EMPTY: std::sync::OnceLock<UsedSet> = std::sync::OnceLock::new();
        self.used
            .as_ref()
            .map(UsedData::set)
            .unwrap_or_else(|| EMPTY.get_or_init(UsedSet::default))
    }

    /// Warnings that hold on JST date `today` regardless of a feed (an expired list).
    pub fn warnings(&self, today: NaiveDate) -> Vec<TrustNotice> {
        match &self.keys {
            Some(k) if k.is_expired(today) => vec![TrustNotice::KeysExpired {
                expires: k.expires(),
            }],
            _ => Vec::new(),
        }
    }

    /// The key-list rule: `offered` replaces the held list only if its sequence is
    /// higher. A new list re-binds the held used data: if it no longer verifies under the
    /// new list (its signer dropped, replaced or its window moved) it is dropped at once,
    /// with a [`TrustNotice::UsedDropped`] in `out`.
    fn take_keys(
        &mut self,
        offered: &KeySet,
        root: &VerifyingKey,
        out: &mut TrustUpdate,
    ) -> Result<(), KeyListError> {
        match KeySet::acceptance_of(self.keys.as_ref(), offered) {
            Acceptance::Accept => {
                self.keys = Some(offered.clone());
                out.keys_changed = true;
                if let Some(held) = &self.used {
                    if let Err(e) = UsedData::from_feed(held.dto(), root, self.keys()) {
                        let signer = held.header().signer.map_or(0, |id| id.get());
                        self.used = None;
                        out.used_changed = true;
                        out.notices
                            .push(TrustNotice::UsedDropped { signer, because: e });
                    }
                }
                Ok(())
            }
            Acceptance::Same => Ok(()),
            Acceptance::RolledBack { held, offered } => {
                Err(KeyListError::RolledBack { held, offered })
            }
        }
    }

    /// The used-data rule: verified under the keys in force, not below its signer's
    /// floor, and higher than the held data's sequence (the same sequence: nothing to
    /// do). Accepting raises the signer's floor. Returns whether the held data changed.
    fn take_used(&mut self, dto: &UsedListDto, root: &VerifyingKey) -> Result<bool, UsedError> {
        let offered = UsedData::from_feed(dto, root, self.keys())?;
        let name = signer_name(&offered, self.keys());
        if let Some(&floor) = self.floors.get(&name) {
            if offered.sequence() < floor {
                return Err(UsedError::RolledBack {
                    held: floor,
                    offered: offered.sequence(),
                });
            }
        }
        match acceptance(
            self.used.as_ref().map(UsedData::sequence),
            offered.sequence(),
        ) {
            Acceptance::Accept => {
                let floor = self.floors.entry(name).or_insert(0);
                *floor = (*floor).max(offered.sequence());
                self.used = Some(offered);
                Ok(true)
            }
            Acceptance::Same => Ok(false),
            Acceptance::RolledBack { held, offered } => {
                Err(UsedError::RolledBack { held, offered })
            }
        }
    }

    /// Applies a validated feed's ticket sections: the key list first (accepted only if
    /// valid and newer than the held one; a new list drops held used data whose signer
    /// it no longer lists), then the used data (verified under the keys now in force,
    /// accepted only if newer than the held data and not below its signer's floor).
    /// Refusals become notices; the held data stays. `today` (JST) adds the expiry
    /// warning.
    pub fn update(
        &mut self,
        sections: &Sections,
        root: &VerifyingKey,
        today: NaiveDate,
    ) -> TrustUpdate {
        let mut out = TrustUpdate::default();
        match &sections.keys {
            None => out.notices.push(TrustNotice::Keys(KeyListError::Missing)),
            Some(Err(e)) => out.notices.push(TrustNotice::Keys(e.clone())),
            Some(Ok(offered)) => {
                if let Err(e) = self.take_keys(offered, root, &mut out) {
                    out.notices.push(TrustNotice::Keys(e));
                }
            }
        }
        match &sections.used {
            None => {}
            Some(Err(e)) => out.notices.push(TrustNotice::Used(e.clone())),
            Some(Ok(dto)) => match self.take_used(dto, root) {
                Ok(changed) => out.used_changed |= changed,
                Err(e) => out.notices.push(TrustNotice::Used(e)),
            },
        }
        out.notices.extend(self.warnings(today));
        out
    }

    /// Merges a record another tab (or this one, earlier) stored: the floors are joined
    /// (the higher per signer), then the stored key list and used data are offered to
    /// this trust by the same rules as a feed's, each part on its own — so the result
    /// holds the higher key-list sequence and the higher used-data sequence, whichever
    /// side had them. A stale or refused part is simply not taken (no notice: it is not
    /// news). Save by read-merge-write: read the stored record, merge it, write
    /// [`Trust::to_record`]; follow other tabs by merging what they store.
    pub fn merge_record(&mut self, other: &TrustRecord, root: &VerifyingKey) -> TrustUpdate {
        let mut out = TrustUpdate::default();
        for (name, &seq) in &other.used_floors {
            let floor = self.floors.entry(name.clone()).or_insert(0);
            *floor = (*floor).max(seq);
        }
        if let Some(Ok(keys)) = other.keys.as_ref().map(|k| KeySet::from_feed(k, root)) {
            // A stale stored list is not news: the result is the same either way.
            let _stale = self.take_keys(&keys, root, &mut out);
        }
        if let Some(used) = &other.used {
            out.used_changed |= self.take_used(used, root).unwrap_or(false);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::keys::{demo, sign_key_list, KeyListHeader};
    use crate::domain::tickets::core::ticket::{Serial, TicketId};
    use crate::domain::tickets::core::used::{UsedHeader, UsedLookup};

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("Keys", &TrustNotice::Keys(KeyListError::NotSignedByRoot)),
            (
                "KeysExpired",
                &TrustNotice::KeysExpired {
                    expires: chrono::NaiveDate::from_ymd_opt(2027, 1, 2).unwrap(),
                },
            ),
            (
                "Used",
                &TrustNotice::Used(crate::domain::tickets::core::used::UsedError::Unsigned),
            ),
            (
                "UsedDropped",
                &TrustNotice::UsedDropped {
                    signer: 200,
                    because: UsedError::UnknownSigner(200),
                },
            ),
        ]);
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn list(sequence: u64, expires: NaiveDate, with_used_key: bool) -> KeySet {
        let mut keys = vec![demo::issuer_key()];
        if with_used_key {
            keys.push(demo::used_key());
        }
        let header = KeyListHeader {
            sequence,
            signed_at: day(2026, 1, 1),
            expires,
        };
        let dto = sign_key_list(&header, &keys, &demo::root_signing_key()).unwrap();
        KeySet::from_feed(&dto, &root()).unwrap()
    }

    fn root() -> VerifyingKey {
        demo::root_signing_key().verifying_key()
    }

    fn sections(
        keys: Option<Result<KeySet, KeyListError>>,
        used: Option<Result<UsedListDto, UsedError>>,
    ) -> Sections {
        Sections {
            keys,
            used,
            ..Sections::default()
        }
    }

    fn ticket() -> TicketId {
        TicketId {
            demo: true,
            key: demo::DEMO_ISSUER_KEY_ID,
            serial: Serial::new(202612, 4),
        }
    }

    fn used(sequence: u64, mark: bool) -> UsedListDto {
        let mut set = UsedSet::new();
        if mark {
            set.mark(ticket());
        }
        set.sign(
            &UsedHeader {
                sequence,
                signed_at: day(2026, 12, 20),
                signer: Some(demo::DEMO_USED_KEY_ID),
            },
            &demo::used_signing_key(),
        )
        .unwrap()
    }

    #[test]
    fn keys_only_move_forward_and_a_missing_or_bad_section_keeps_the_last_good_list() {
        let today = day(2026, 12, 1);
        let mut trust = Trust::default();
        let v2 = list(2, day(2027, 12, 31), true);
        let u = trust.update(&sections(Some(Ok(v2.clone())), None), &root(), today);
        assert!(u.keys_changed && u.notices.is_empty(), "{u:?}");
        // Rolled back: refused, v2 stays.
        let u = trust.update(
            &sections(Some(Ok(list(1, day(2027, 12, 31), false))), None),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Keys(KeyListError::RolledBack {
                held: 2,
                offered: 1
            })]
        );
        assert_eq!(trust.keys(), &v2);
        // Same again: nothing to do, no notice.
        let u = trust.update(&sections(Some(Ok(v2.clone())), None), &root(), today);
        assert_eq!(u, TrustUpdate::default());
        // Missing and invalid sections: notices, v2 stays.
        for keys in [None, Some(Err(KeyListError::NotSignedByRoot))] {
            let u = trust.update(&sections(keys, None), &root(), today);
            assert!(!u.keys_changed);
            assert_eq!(u.notices.len(), 1);
            assert_eq!(trust.keys(), &v2);
        }
        // Expired: a warning, still in force.
        assert_eq!(
            trust.warnings(day(2028, 1, 1)),
            vec![TrustNotice::KeysExpired {
                expires: day(2027, 12, 31)
            }]
        );
        assert!(trust.warnings(day(2027, 12, 31)).is_empty());
        // Stored and re-verified.
        let (back, notices) = Trust::from_record(&trust.to_record(), &root());
        assert_eq!(back, trust);
        assert!(notices.is_empty());
        let mut tampered = trust.to_record();
        if let Some(k) = tampered.keys.as_mut() {
            k.sequence = 99;
        }
        let (back, notices) = Trust::from_record(&tampered, &root());
        assert!(back.keys().is_empty());
        assert_eq!(
            notices,
            vec![TrustNotice::Keys(KeyListError::NotSignedByRoot)]
        );
    }

    #[test]
    fn used_data_is_verified_sequenced_and_correctable() {
        let today = day(2026, 12, 21);
        let keys = Some(Ok(list(2, day(2027, 12, 31), true)));
        let mut trust = Trust::default();
        let u = trust.update(
            &sections(keys.clone(), Some(Ok(used(5, true)))),
            &root(),
            today,
        );
        assert!(u.used_changed, "{u:?}");
        assert!(trust.used().used(ticket()).is_some());
        // Older: refused, still used.
        let u = trust.update(
            &sections(keys.clone(), Some(Ok(used(4, false)))),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::RolledBack {
                held: 5,
                offered: 4
            })]
        );
        assert!(trust.used().used(ticket()).is_some());
        // Tampered (bit cleared without re-signing): refused.
        let mut t = used(5, true);
        t.batches[0].bits = "AA".into();
        let u = trust.update(&sections(keys.clone(), Some(Ok(t))), &root(), today);
        assert_eq!(u.notices, vec![TrustNotice::Used(UsedError::BadSignature)]);
        // Unsigned: refused.
        let u = trust.update(
            &sections(keys.clone(), Some(Err(UsedError::Unsigned))),
            &root(),
            today,
        );
        assert_eq!(u.notices, vec![TrustNotice::Used(UsedError::Unsigned)]);
        assert!(trust.used().used(ticket()).is_some());
        // A signed correction (sequence 6, bit cleared) brings the ticket back.
        let u = trust.update(
            &sections(keys.clone(), Some(Ok(used(6, false)))),
            &root(),
            today,
        );
        assert!(u.used_changed);
        assert!(trust.used().used(ticket()).is_none());
        // Without a used key in force, a used-key signature is refused.
        let mut fresh = Trust::default();
        let u = fresh.update(
            &sections(
                Some(Ok(list(1, day(2027, 12, 31), false))),
                Some(Ok(used(7, true))),
            ),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::UnknownSigner(200))]
        );
    }

    const SEED_201: [u8; 32] = [0x21; 32];
    const SEED_202: [u8; 32] = [0x22; 32];

    /// A list (demo root) with the demo issuer and `used` keys built from `(id, seed)`.
    fn list_with(sequence: u64, used_keys: &[(u8, [u8; 32])]) -> KeySet {
        use crate::domain::tickets::core::keys::{IssuerKey, KeyId, KeyRole};
        let mut keys = vec![demo::issuer_key()];
        for (id, seed) in used_keys {
            let mut k = IssuerKey::issuer(
                KeyId::new(*id).unwrap(),
                ed25519_dalek::SigningKey::from_bytes(seed).verifying_key(),
                (day(2020, 1, 1), day(2148, 12, 31)),
            );
            k.role = KeyRole::Used;
            k.max_validity_days = 0;
            k.max_face_value = crate::domain::shared::money::Yen(0);
            keys.push(k);
        }
        let header = KeyListHeader {
            sequence,
            signed_at: day(2026, 1, 1),
            expires: day(2030, 1, 1),
        };
        let dto = sign_key_list(&header, &keys, &demo::root_signing_key()).unwrap();
        KeySet::from_feed(&dto, &root()).unwrap()
    }

    fn used_by(sequence: u64, id: u8, seed: [u8; 32], mark: bool) -> UsedListDto {
        let mut set = UsedSet::new();
        if mark {
            set.mark(ticket());
        }
        set.sign(
            &UsedHeader {
                sequence,
                signed_at: day(2026, 12, 20),
                signer: crate::domain::tickets::core::keys::KeyId::new(id),
            },
            &ed25519_dalek::SigningKey::from_bytes(&seed),
        )
        .unwrap()
    }

    fn feed(keys: &KeySet, used: Option<UsedListDto>) -> Sections {
        sections(Some(Ok(keys.clone())), used.map(Ok))
    }

    #[test]
    fn a_stale_tab_cannot_roll_back_the_stored_key_list() {
        let today = day(2026, 12, 21);
        let v1 = list_with(1, &[(201, SEED_201)]);
        let v2 = list_with(2, &[(202, SEED_202)]);
        // Two tabs start from the same stored record (list 1).
        let mut stored = TrustRecord::default();
        let mut a = Trust::default();
        a.update(&feed(&v1, None), &root(), today);
        stored = {
            let mut t = Trust::from_record(&stored, &root()).0;
            t.merge_record(&a.to_record(), &root());
            t.to_record()
        };
        let (mut b, _) = Trust::from_record(&stored, &root());
        // Tab B takes in list 2 (key 201 dropped) and saves by read-merge-write.
        b.update(&feed(&v2, None), &root(), today);
        b.merge_record(&stored, &root());
        stored = b.to_record();
        // Tab A, still on list 1, saves something of its own (new used data under list
        // 1) by read-merge-write: the stored list stays 2 and A follows it.
        a.update(
            &feed(&v1, Some(used_by(3, 201, SEED_201, true))),
            &root(),
            today,
        );
        let u = a.merge_record(&stored, &root());
        assert!(u.keys_changed, "{u:?}");
        stored = a.to_record();
        let (reloaded, notices) = Trust::from_record(&stored, &root());
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(reloaded.keys().sequence(), 2);
        assert!(
            reloaded
                .keys()
                .get_any(crate::domain::tickets::core::keys::KeyId::new(201).unwrap())
                .is_none(),
            "the dropped key does not come back at the next start"
        );
        // And A's used data, signed by the dropped key, is not stored under list 2.
        assert!(reloaded.used_data().is_none());
        // Merging never lowers a part: an old record offered to the newer trust changes nothing.
        let before = reloaded.clone();
        let mut after = reloaded;
        let old = {
            let mut t = Trust::default();
            t.update(&feed(&v1, None), &root(), today);
            t.to_record()
        };
        assert_eq!(after.merge_record(&old, &root()), TrustUpdate::default());
        assert_eq!(after, before);
    }

    #[test]
    fn merging_keeps_the_higher_key_list_and_the_higher_used_data_separately() {
        let today = day(2026, 12, 21);
        let v1 = list_with(1, &[(201, SEED_201)]);
        let v2 = list_with(2, &[(201, SEED_201)]);
        // Tab A: newer key list, older used data. Tab B: older key list, newer used data.
        let mut a = Trust::default();
        a.update(
            &feed(&v2, Some(used_by(4, 201, SEED_201, false))),
            &root(),
            today,
        );
        let mut b = Trust::default();
        b.update(
            &feed(&v1, Some(used_by(5, 201, SEED_201, true))),
            &root(),
            today,
        );
        let mut merged = a.clone();
        let u = merged.merge_record(&b.to_record(), &root());
        assert!(!u.keys_changed && u.used_changed, "{u:?}");
        assert_eq!(merged.keys().sequence(), 2);
        assert_eq!(merged.used_data().unwrap().sequence(), 5);
        let mut other_way = b.clone();
        other_way.merge_record(&a.to_record(), &root());
        assert_eq!(other_way.keys().sequence(), 2);
        assert_eq!(other_way.used_data().unwrap().sequence(), 5);
        assert_eq!(other_way.to_record(), merged.to_record());
    }

    #[test]
    fn used_data_signed_by_a_dropped_key_is_dropped() {
        let today = day(2026, 12, 21);
        let mut trust = Trust::default();
        trust.update(
            &feed(
                &list_with(1, &[(201, SEED_201)]),
                Some(used_by(3, 201, SEED_201, true)),
            ),
            &root(),
            today,
        );
        assert!(trust.used().used(ticket()).is_some());
        // The next list drops key 201: the used data it signed goes at once.
        let u = trust.update(
            &feed(&list_with(2, &[(202, SEED_202)]), None),
            &root(),
            today,
        );
        assert!(u.keys_changed && u.used_changed);
        assert_eq!(
            u.notices,
            vec![TrustNotice::UsedDropped {
                signer: 201,
                because: UsedError::UnknownSigner(201)
            }]
        );
        assert!(trust.used_data().is_none());
        // And it cannot come back: not from a feed, not from a stale stored record.
        let u = trust.update(
            &feed(
                &list_with(2, &[(202, SEED_202)]),
                Some(used_by(3, 201, SEED_201, true)),
            ),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::UnknownSigner(201))]
        );
        // A key id reused for another key is another signer: its forged list fails.
        let u = trust.update(
            &feed(
                &list_with(3, &[(201, SEED_202)]),
                Some(used_by(4, 201, SEED_201, true)),
            ),
            &root(),
            today,
        );
        assert_eq!(u.notices, vec![TrustNotice::Used(UsedError::BadSignature)]);
    }

    #[test]
    fn a_leaked_used_key_cannot_freeze_used_data_nor_reopen_older_lists() {
        let today = day(2026, 12, 21);
        let both = list_with(1, &[(201, SEED_201), (202, SEED_202)]);
        let mut trust = Trust::default();
        // The office publishes with key 202 up to sequence 10.
        trust.update(
            &feed(&both, Some(used_by(10, 202, SEED_202, true))),
            &root(),
            today,
        );
        // Key 201 leaks: the thief publishes sequence u64::MAX with nothing used.
        let u = trust.update(
            &feed(&both, Some(used_by(u64::MAX, 201, SEED_201, false))),
            &root(),
            today,
        );
        assert!(u.used_changed);
        // Until the list drops 201, the office's sequence 11 is refused…
        let u = trust.update(
            &feed(&both, Some(used_by(11, 202, SEED_202, true))),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::RolledBack {
                held: u64::MAX,
                offered: 11
            })]
        );
        // …the list that drops 201 drops the thief's data and 202's lists flow again,
        let only_202 = list_with(2, &[(202, SEED_202)]);
        let u = trust.update(&feed(&only_202, None), &root(), today);
        assert!(u.used_changed && trust.used_data().is_none());
        // but never one older than the newest 202 list this device accepted (the floor).
        let u = trust.update(
            &feed(&only_202, Some(used_by(9, 202, SEED_202, false))),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::RolledBack {
                held: 10,
                offered: 9
            })]
        );
        assert!(trust.used_data().is_none());
        let u = trust.update(
            &feed(&only_202, Some(used_by(11, 202, SEED_202, true))),
            &root(),
            today,
        );
        assert!(u.used_changed && u.notices.is_empty(), "{u:?}");
        assert!(trust.used().used(ticket()).is_some());
        // The floor is stored and survives a restart and a merge.
        let (back, _) = Trust::from_record(&trust.to_record(), &root());
        let mut fresh = Trust::default();
        fresh.merge_record(&back.to_record(), &root());
        let u = fresh.update(
            &feed(&only_202, Some(used_by(10, 202, SEED_202, false))),
            &root(),
            today,
        );
        assert_eq!(
            u.notices,
            vec![TrustNotice::Used(UsedError::RolledBack {
                held: 11,
                offered: 10
            })]
        );
    }
}

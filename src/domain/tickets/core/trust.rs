//! The trust data a device holds: the last accepted key list and used data. Both are
//! signed and sequenced; a feed can only move them forward (`docs/feed-tickets.md`,
//! "Trust model"). A feed without a `keys` section, or with a refused one, leaves the held
//! list in force; the same for `used`.

use chrono::NaiveDate;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::feed::Sections;
use crate::domain::shared::persist::Persisted;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::{Acceptance, KeyListDto, KeyListError, KeySet};
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
        }
    }
}

/// What one [`Trust::update`] changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustUpdate {
    /// A newer key list was accepted.
    pub keys_changed: bool,
    /// Newer used data was accepted.
    pub used_changed: bool,
    pub notices: Vec<TrustNotice>,
}

/// The stored form (`jokatsu.trust`): the signed sections exactly as received; they are
/// re-verified on every load, so a tampered store is refused like a tampered feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustRecord {
    #[serde(default)]
    pub keys: Option<KeyListDto>,
    #[serde(default)]
    pub used: Option<UsedListDto>,
}

impl Persisted for TrustRecord {
    const KEY: &'static str = "jokatsu.trust";
    const VERSION: u32 = 1;
}

/// The accepted key list and used data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trust {
    keys: Option<KeySet>,
    used: Option<UsedData>,
}

impl Trust {
    /// Starts from a list built into the app (demo mode: the demo key list) or nothing.
    pub fn new(keys: Option<KeySet>) -> Self {
        Self { keys, used: None }
    }

    /// Re-verifies a stored record under `root`. A part that no longer verifies is
    /// dropped with a notice (the next feed brings it back).
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
        let empty = KeySet::default();
        let used = record.used.as_ref().and_then(|u| {
            match UsedData::from_feed(u, root, keys.as_ref().unwrap_or(&empty)) {
                Ok(u) => Some(u),
                Err(e) => {
                    notices.push(TrustNotice::Used(e));
                    None
                }
            }
        });
        (Trust { keys, used }, notices)
    }

    /// What to store.
    pub fn to_record(&self) -> TrustRecord {
        TrustRecord {
            keys: self.keys.as_ref().and_then(|k| k.dto().cloned()),
            used: self.used.as_ref().map(|u| u.dto().clone()),
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

    /// Applies a validated feed's ticket sections: the key list first (accepted only if
    /// valid and not older than the held one), then the used data (verified under the
    /// keys now in force, accepted only if not older). Refusals become notices; the held
    /// data stays. `today` (JST) adds the expiry warning.
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
            Some(Ok(offered)) => match KeySet::acceptance_of(self.keys.as_ref(), offered) {
                Acceptance::Accept => {
                    self.keys = Some(offered.clone());
                    out.keys_changed = true;
                }
                Acceptance::Same => {}
                Acceptance::RolledBack { held, offered } => {
                    out.notices
                        .push(TrustNotice::Keys(KeyListError::RolledBack {
                            held,
                            offered,
                        }))
                }
            },
        }
        match &sections.used {
            None => {}
            Some(Err(e)) => out.notices.push(TrustNotice::Used(e.clone())),
            Some(Ok(dto)) => match UsedData::accept(dto, root, self.keys(), self.used.as_ref()) {
                Ok(Some(data)) => {
                    self.used = Some(data);
                    out.used_changed = true;
                }
                Ok(None) => {}
                Err(e) => out.notices.push(TrustNotice::Used(e)),
            },
        }
        out.notices.extend(self.warnings(today));
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
}

//! Issuance that cannot produce tickets nobody accepts, nor serials twice
//! (`docs/issuance.md`, "Before signing").
//!
//! - [`check_key_trusted`]: the issuer key must be in the key list the app trusts (the
//!   published feed's, or the one about to be published), with the same public key, the
//!   issuer role, a window that covers the tickets' whole validity and bounds that allow
//!   their face value and length; a demo key or demo tickets are refused outside the demo
//!   build. A sample ticket of the month is signed and verified exactly as a wallet and a
//!   till would (`verify_ticket`), so the check cannot drift from what they accept.
//! - [`reissue_risk`]: a month that may already have been issued without the register in
//!   hand (the office's stored register has it, or the published used data already lists
//!   serials of its batches) is named with those facts, for her to confirm or to load the
//!   register.

use chrono::NaiveDate;

use super::{batch_id, IssueSettings, Register, MAX_BATCHES_PER_MONTH};
use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::keys::{KeyId, KeyRole, KeySet};
use crate::domain::tickets::core::ticket::{
    issue, verify_ticket, EmployerId, Serial, TicketSpec, Verdict, VerifyPolicy, YearMonth,
};
use crate::domain::tickets::core::used::{BatchKey, NothingUsed, UsedData};
use crate::domain::tickets::office::keyfile::{KeyKind, UnlockedKey};

/// Why a month must not be signed with this key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyNotTrusted {
    /// No key list to check against (the feed has none, or it was not opened).
    NoKeyList,
    /// The key file is not an issuer key (a root or used-data key).
    NotAnIssuerKey,
    /// The key list has no key with this id.
    NotInList { id: KeyId },
    /// The list has a key with this id, but another public key (another key file).
    OtherKeyInList { id: KeyId },
    /// The listed key is not an issuer key.
    WrongRole { id: KeyId },
    /// A demo key, or demo tickets, outside the demo build.
    Demo,
    /// The key's window does not cover the tickets' validity.
    Window {
        id: KeyId,
        not_before: NaiveDate,
        not_after: NaiveDate,
        valid_from: NaiveDate,
        valid_until: NaiveDate,
    },
    /// The tickets' face value or length is over the key's bounds.
    Bounds { id: KeyId, verdict: &'static str },
    /// The key list refuses the sample ticket for another reason (its verdict code).
    Refused { verdict: &'static str },
}

impl KeyNotTrusted {
    /// What is wrong and what to do, in the interface's language.
    pub fn wording(&self, lang: Lang) -> String {
        let ja = matches!(lang, Lang::Ja);
        match self {
            Self::NoKeyList => {
                if ja {
                    "アプリが信頼する鍵一覧がありません。「公開中のフィード」を開くか、鍵一覧に署名してフィードに入れてから発行してください（鍵一覧にない鍵で作ったチケットは、どのスマホでもお店でも使えません）。".into()
                } else {
                    "There is no key list the app trusts. Open the published feed, or sign the key list and put it in the feed, before issuing (tickets signed with a key that is not in the list are accepted by no phone and no shop).".into()
                }
            }
            Self::NotAnIssuerKey => {
                if ja {
                    "この鍵ファイルは発行鍵ではありません。チケットには「発行鍵」のファイルを使います（ルート鍵は鍵一覧に、使用済みデータ鍵は使用済みデータに署名する鍵です）。".into()
                } else {
                    "This key file is not an issuer key. Tickets are signed with an issuer key file (the root key signs the key list; the used-data key signs the used data).".into()
                }
            }
            Self::NotInList { id } => {
                if ja {
                    format!("発行鍵 {id} は、アプリが信頼する鍵一覧にありません。この鍵で作ったチケットは使えません。鍵の準備（カード1）で鍵一覧に加えて署名し、フィードを公開してから発行してください。")
                } else {
                    format!("Issuer key {id} is not in the key list the app trusts: tickets signed with it would not be accepted. Add it to the key list in key set-up (card 1), sign the list and publish the feed, then issue.")
                }
            }
            Self::OtherKeyInList { id } => {
                if ja {
                    format!("鍵一覧の発行鍵 {id} は、このファイルとは別の鍵です。鍵一覧に載せた発行鍵 {id} のファイルを選んでください。")
                } else {
                    format!("The key list's issuer key {id} is a different key from this file. Choose the file of the issuer key {id} that is in the list.")
                }
            }
            Self::WrongRole { id } => {
                if ja {
                    format!("鍵一覧の鍵 {id} は発行鍵ではありません（使用済みデータ用）。発行鍵のファイルを選んでください。")
                } else {
                    format!("Key {id} in the key list is not an issuer key (it signs used data). Choose an issuer key file.")
                }
            }
            Self::Demo => {
                if ja {
                    "本番では見本（DEMO）の鍵や見本のチケットは発行できません。市の発行鍵で、「見本として発行」を外して発行してください。".into()
                } else {
                    "Demo keys and demo tickets cannot be issued in production. Use the city's issuer key, with “issue as demo” unticked.".into()
                }
            }
            Self::Window {
                id,
                not_before,
                not_after,
                valid_from,
                valid_until,
            } => {
                if ja {
                    format!("発行鍵 {id} で発行できる期間（{not_before}〜{not_after}）に、この月のチケット（有効期間 {valid_from}〜{valid_until}）は入りません。期間の合う発行鍵を使うか、鍵一覧の期間を直して署名し直してください。")
                } else {
                    format!("Issuer key {id} may issue tickets from {not_before} to {not_after}; this month's tickets (valid {valid_from} to {valid_until}) are outside that. Use an issuer key whose window covers them, or fix the window in the key list and sign it again.")
                }
            }
            Self::Bounds { id, .. } => {
                if ja {
                    format!("この月のチケットの額面または有効日数が、発行鍵 {id} の上限を超えています。発行の設定か鍵一覧の上限を確かめてください。")
                } else {
                    format!("This month's tickets exceed issuer key {id}'s face-value or validity bounds. Check the issuance settings or the key list's bounds.")
                }
            }
            Self::Refused { verdict } => {
                if ja {
                    format!("鍵一覧で確かめると、この月のチケットは受け付けられません（{verdict}）。鍵一覧と発行の設定を確かめてください。")
                } else {
                    format!("Checked against the key list, this month's tickets would be refused ({verdict}). Check the key list and the issuance settings.")
                }
            }
        }
    }
}

/// Checks that tickets of `month` signed with `key` under `settings` would be accepted by a
/// wallet and a till that trust `keys` (the list the app will have). `production`: a demo
/// key or demo tickets are refused. `keys` is `None` when no key list is at hand.
pub fn check_key_trusted(
    key: &UnlockedKey,
    keys: Option<&KeySet>,
    settings: &IssueSettings,
    month: YearMonth,
    production: bool,
) -> Result<(), KeyNotTrusted> {
    let KeyKind::Issuer(id) = key.kind else {
        return Err(KeyNotTrusted::NotAnIssuerKey);
    };
    let keys = keys.ok_or(KeyNotTrusted::NoKeyList)?;
    let listed = keys.get_any(id).ok_or(KeyNotTrusted::NotInList { id })?;
    if listed.public_key != key.public_key() {
        return Err(KeyNotTrusted::OtherKeyInList { id });
    }
    if listed.role != KeyRole::Issuer {
        return Err(KeyNotTrusted::WrongRole { id });
    }
    if production && (listed.demo || settings.demo) {
        return Err(KeyNotTrusted::Demo);
    }
    let (valid_from, valid_until) = settings.validity(month);
    // A sample of the month, verified as the wallet verifies a received bundle: on its
    // first valid day, with the policy of the build that will receive it.
    let sample = issue(
        TicketSpec {
            demo: settings.demo,
            key_id: id,
            serial: Serial::new(batch_id(month, 0).0, 0),
            face_value: settings.face_value,
            employer_share: settings.employer_share,
            employer: EmployerId(1),
            valid_from,
            valid_until,
        },
        &key.signing_key,
    )
    .map_err(|_| KeyNotTrusted::Refused {
        verdict: "malformed",
    })?;
    let policy = if production {
        VerifyPolicy::PRODUCTION
    } else {
        VerifyPolicy::DEMO
    };
    match verify_ticket(&sample, keys, policy, valid_from, &NothingUsed) {
        Verdict::Valid(_) => Ok(()),
        Verdict::KeyNotValidForTicket { .. } => Err(KeyNotTrusted::Window {
            id,
            not_before: listed.not_before,
            not_after: listed.not_after,
            valid_from,
            valid_until,
        }),
        Verdict::OutsideKeyBounds { .. } => Err(KeyNotTrusted::Bounds {
            id,
            verdict: "outside_key_bounds",
        }),
        other => Err(KeyNotTrusted::Refused {
            verdict: other.code(),
        }),
    }
}

/// The facts that say a month may already have been issued although the register in hand
/// has no allocation for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReissueRisk {
    pub month: YearMonth,
    /// Allocations of the month in the register this office kept (its browser storage).
    pub stored_allocations: usize,
    /// Serials of the month's batches already listed as used in the published used data.
    pub used_serials: u64,
}

impl ReissueRisk {
    /// The facts and the choice, in the interface's language.
    pub fn wording(&self, lang: Lang) -> String {
        let mut facts = Vec::new();
        let ja = matches!(lang, Lang::Ja);
        if self.stored_allocations > 0 {
            facts.push(if ja {
                format!(
                    "この端末に保存された発行台帳に、{} の割り当てが {} 件あります",
                    self.month, self.stored_allocations
                )
            } else {
                format!(
                    "the issuance register stored on this computer has {} allocations for {}",
                    self.stored_allocations, self.month
                )
            });
        }
        if self.used_serials > 0 {
            facts.push(if ja {
                format!(
                    "公開中の使用済みデータに、{} のチケットが {} 枚あります",
                    self.month, self.used_serials
                )
            } else {
                format!(
                    "the published used data lists {} tickets of {}",
                    self.used_serials, self.month
                )
            });
        }
        if ja {
            format!("{} はすでに発行されているかもしれません（{}）。発行台帳を読み込まずに発行すると、前回と同じ番号のチケットが別の人に渡ります。発行台帳を読み込んでください。どうしても台帳がないときだけ、確認のうえ発行してください。", self.month, facts.join("、"))
        } else {
            format!("{} may already have been issued ({}). Issuing without its register gives other people tickets with the same numbers as last time. Load the issuance register; issue without it only if it is truly lost, after confirming.", self.month, facts.join("; "))
        }
    }
}

/// Whether issuing `month` with `register` risks giving serials twice: `register` has no
/// allocation for the month, but `stored` (the register this office kept) does, or `used`
/// (the published used data) lists serials of the month's batches under `key_id`.
pub fn reissue_risk(
    register: &Register,
    month: YearMonth,
    key_id: KeyId,
    demo: bool,
    stored: Option<&Register>,
    used: Option<&UsedData>,
) -> Option<ReissueRisk> {
    if register.allocations().iter().any(|a| a.month == month) {
        return None;
    }
    let stored_allocations = stored.map_or(0, |s| s.month(month).count());
    let used_serials = used.map_or(0, |u| {
        (0..MAX_BATCHES_PER_MONTH)
            .map(|k| {
                u.set().count_in_batch(BatchKey {
                    demo,
                    key: key_id,
                    batch: batch_id(month, k),
                })
            })
            .sum()
    });
    (stored_allocations > 0 || used_serials > 0).then_some(ReissueRisk {
        month,
        stored_allocations,
        used_serials,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shared::money::Yen;
    use crate::domain::tickets::core::keys::{demo, IssuerKey};
    use crate::domain::tickets::core::ticket::TicketId;
    use crate::domain::tickets::core::used::{UsedHeader, UsedSet};
    use ed25519_dalek::SigningKey;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }
    fn id(n: u8) -> KeyId {
        KeyId::new(n).unwrap()
    }
    fn month() -> YearMonth {
        super::super::parse_month("2027-01").unwrap()
    }
    fn city_key(n: u8, seed: u8) -> UnlockedKey {
        UnlockedKey {
            kind: KeyKind::Issuer(id(n)),
            label: String::new(),
            signing_key: SigningKey::from_bytes(&[seed; 32]),
        }
    }
    /// The city's issuer key `n` (seed `seed`) in a list, issuing from 2026-10-01 to
    /// 2027-09-30 with the programme's bounds.
    fn listed(n: u8, seed: u8) -> IssuerKey {
        let mut k = IssuerKey::issuer(
            id(n),
            SigningKey::from_bytes(&[seed; 32]).verifying_key(),
            (ymd(2026, 10, 1), ymd(2027, 9, 30)),
        );
        k.max_validity_days = 92;
        k
    }
    fn real() -> IssueSettings {
        IssueSettings::default()
    }

    #[test]
    fn a_key_the_list_has_signs_tickets_the_app_accepts() {
        let keys = KeySet::from_keys([listed(3, 3)]);
        assert_eq!(
            check_key_trusted(&city_key(3, 3), Some(&keys), &real(), month(), true),
            Ok(())
        );
    }

    #[test]
    fn tickets_nobody_would_accept_are_refused_before_signing() {
        let keys = KeySet::from_keys([listed(3, 3), {
            let mut used = listed(200, 9);
            used.role = KeyRole::Used;
            used
        }]);
        let cases: Vec<(
            &str,
            UnlockedKey,
            Option<&KeySet>,
            IssueSettings,
            KeyNotTrusted,
        )> = vec![
            (
                "no list",
                city_key(3, 3),
                None,
                real(),
                KeyNotTrusted::NoKeyList,
            ),
            (
                "not listed",
                city_key(4, 4),
                Some(&keys),
                real(),
                KeyNotTrusted::NotInList { id: id(4) },
            ),
            (
                "same id, other key file",
                city_key(3, 8),
                Some(&keys),
                real(),
                KeyNotTrusted::OtherKeyInList { id: id(3) },
            ),
            (
                "a used-data key",
                city_key(200, 9),
                Some(&keys),
                real(),
                KeyNotTrusted::WrongRole { id: id(200) },
            ),
            (
                "demo tickets in production",
                city_key(3, 3),
                Some(&keys),
                IssueSettings {
                    demo: true,
                    ..real()
                },
                KeyNotTrusted::Demo,
            ),
            (
                "over the face value bound",
                city_key(3, 3),
                Some(&keys),
                IssueSettings {
                    face_value: Yen(5_000),
                    ..real()
                },
                KeyNotTrusted::Bounds {
                    id: id(3),
                    verdict: "outside_key_bounds",
                },
            ),
        ];
        for (what, key, keys, settings, expected) in cases {
            assert_eq!(
                check_key_trusted(&key, keys, &settings, month(), true),
                Err(expected),
                "{what}"
            );
        }
        let root = UnlockedKey {
            kind: KeyKind::Root,
            label: String::new(),
            signing_key: SigningKey::from_bytes(&[1; 32]),
        };
        assert_eq!(
            check_key_trusted(&root, Some(&keys), &real(), month(), true),
            Err(KeyNotTrusted::NotAnIssuerKey)
        );
    }

    #[test]
    fn a_key_whose_window_is_over_is_refused_with_its_dates() {
        let keys = KeySet::from_keys([listed(3, 3)]);
        let late = super::super::parse_month("2027-12").unwrap();
        match check_key_trusted(&city_key(3, 3), Some(&keys), &real(), late, true) {
            Err(KeyNotTrusted::Window {
                not_after,
                valid_from,
                ..
            }) => {
                assert_eq!(not_after, ymd(2027, 9, 30));
                assert_eq!(valid_from, ymd(2027, 12, 1));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_demo_key_issues_demo_tickets_only_in_the_demo_build() {
        let keys = demo::key_set();
        let demo_key = UnlockedKey {
            kind: KeyKind::Issuer(demo::DEMO_ISSUER_KEY_ID),
            label: String::new(),
            signing_key: demo::issuer_signing_key(),
        };
        let demo_settings = IssueSettings {
            demo: true,
            ..real()
        };
        assert_eq!(
            check_key_trusted(&demo_key, Some(&keys), &demo_settings, month(), false),
            Ok(())
        );
        assert_eq!(
            check_key_trusted(&demo_key, Some(&keys), &demo_settings, month(), true),
            Err(KeyNotTrusted::Demo)
        );
        // Real (unflagged) tickets with the demo key: the demo app accepts them too.
        assert_eq!(
            check_key_trusted(&demo_key, Some(&keys), &real(), month(), false),
            Ok(())
        );
    }

    fn allocation(recipient: &str, first_index: u16) -> super::super::Allocation {
        let (valid_from, valid_until) = real().validity(month());
        super::super::Allocation {
            month: month(),
            recipient: crate::domain::tickets::office::roster::RecipientId::parse(recipient)
                .unwrap(),
            employer: EmployerId(7),
            key_id: id(3),
            demo: false,
            batch: batch_id(month(), 0),
            first_index,
            count: 20,
            face_value: Yen(1_000),
            employer_share: Yen(500),
            valid_from,
            valid_until,
            issued_on: ymd(2026, 12, 7),
            replaced: false,
            replaced_on: None,
        }
    }

    fn register(allocations: &[super::super::Allocation]) -> Register {
        let json = serde_json::json!({
            "format": super::super::REGISTER_FORMAT,
            "version": 1,
            "allocations": allocations,
        })
        .to_string();
        Register::from_json(&json).unwrap()
    }

    #[test]
    fn a_month_issued_before_is_named_with_its_facts() {
        let empty = Register::new();
        let stored = register(&[allocation("A0001", 0), allocation("A0002", 20)]);
        let risk = reissue_risk(&empty, month(), id(3), false, Some(&stored), None).unwrap();
        assert_eq!(risk.stored_allocations, 2);
        assert!(
            risk.wording(Lang::Ja).contains("2 件"),
            "{}",
            risk.wording(Lang::Ja)
        );

        // The published used data lists two tickets of the month's first batch.
        let root = SigningKey::from_bytes(&[1; 32]);
        let mut set = UsedSet::new();
        for index in [3, 17] {
            set.mark(TicketId {
                demo: false,
                key: id(3),
                serial: Serial::new(batch_id(month(), 0).0, index),
            });
        }
        let dto = set
            .sign(
                &UsedHeader {
                    sequence: 1,
                    signed_at: ymd(2027, 1, 31),
                    signer: None,
                },
                &root,
            )
            .unwrap();
        let used = UsedData::from_feed(&dto, &root.verifying_key(), &KeySet::default()).unwrap();
        let risk = reissue_risk(&empty, month(), id(3), false, None, Some(&used)).unwrap();
        assert_eq!(risk.used_serials, 2);
        // Another key's or the demo tickets' serials are not this month's.
        assert_eq!(
            reissue_risk(&empty, month(), id(4), false, None, Some(&used)),
            None
        );
        assert_eq!(
            reissue_risk(&empty, month(), id(3), true, None, Some(&used)),
            None
        );
    }

    #[test]
    fn the_register_of_the_month_or_no_facts_means_no_risk() {
        let stored = register(&[allocation("A0001", 0)]);
        assert_eq!(
            reissue_risk(&stored, month(), id(3), false, Some(&stored), None),
            None
        );
        assert_eq!(
            reissue_risk(&Register::new(), month(), id(3), false, None, None),
            None
        );
        let other_month = super::super::parse_month("2027-02").unwrap();
        assert_eq!(
            reissue_risk(
                &Register::new(),
                other_month,
                id(3),
                false,
                Some(&stored),
                None
            ),
            None
        );
    }

    #[test]
    fn each_refusal_is_worded_in_one_language_at_a_time() {
        let all = [
            KeyNotTrusted::NoKeyList,
            KeyNotTrusted::NotAnIssuerKey,
            KeyNotTrusted::NotInList { id: id(4) },
            KeyNotTrusted::OtherKeyInList { id: id(4) },
            KeyNotTrusted::WrongRole { id: id(4) },
            KeyNotTrusted::Demo,
            KeyNotTrusted::Bounds {
                id: id(4),
                verdict: "outside_key_bounds",
            },
            KeyNotTrusted::Refused { verdict: "forged" },
        ];
        for e in all {
            let (ja, en) = (e.wording(Lang::Ja), e.wording(Lang::En));
            assert!(
                ja.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{ja}"
            );
            assert!(
                !en.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
                "{en}"
            );
        }
    }
}

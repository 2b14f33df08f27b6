//! The office's settlement checks, one definition for the office page and the command-line
//! tool (so both give byte-identical reports): verify each ticket under the published key
//! list, accept only certified shops, and trace each ticket to its recipient through the
//! issuance register (with the name from the roster when it is at hand).

use chrono::NaiveDate;
use ed25519_dalek::SigningKey;
use thiserror::Error;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};

use crate::domain::tickets::core::keys::{KeyId, KeySet};
use crate::domain::tickets::core::shops::Directory;
use crate::domain::tickets::core::ticket::{TicketId, VerifyPolicy};
use crate::domain::tickets::core::used::{UsedData, UsedError, UsedHeader, UsedListDto, UsedSet};
use crate::domain::tickets::office::issuance::Register;
use crate::domain::tickets::office::roster::RosterEntry;
use crate::domain::tickets::office::settlement::{
    require_shop_master, shop_differences, shops_in, verify_with, Checks, SettlementChecks,
    ShopList, ShopMaster, ShopMasterRequired,
};

/// Who a ticket was issued to: `A0001 旭川 花子` (the name only if the roster has it).
pub fn recipient_of<'a>(
    register: Option<&'a Register>,
    roster: &'a [RosterEntry],
) -> impl Fn(TicketId) -> Option<String> + 'a {
    move |id| {
        let a = register?.find(&id)?;
        let name = roster
            .iter()
            .find(|e| e.recipient == a.recipient)
            .map(|e| e.name.as_str())
            .unwrap_or_default();
        Some(format!("{} {name}", a.recipient).trim_end().to_string())
    }
}

/// A production settlement was asked for without the issuance register: refused, since
/// without it a minted serial would be paid ("pay only what was issued").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub struct RegisterRequired;

impl Wording for RegisterRequired {
    fn wording(&self, lang: Lang) -> String {
        say(
            lang,
            "発行台帳がないと精算できません。発行のときに保存した発行台帳（register.json）を読み込んでください。",
            "settlement needs the issuance register: load the register saved when the tickets were issued (register.json).",
        )
    }
}

/// **Rule: production settles only against the register.** `Err` for a production
/// `policy` without one (a demo run may go without).
pub fn require_register(
    register: Option<&Register>,
    policy: VerifyPolicy,
) -> Result<(), RegisterRequired> {
    if register.is_none() && !policy.accept_demo {
        return Err(RegisterRequired);
    }
    Ok(())
}

/// An input a production settlement cannot go without, missing (checked in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum InputRequired {
    Register(#[from] RegisterRequired),
    ShopMaster(#[from] ShopMasterRequired),
}

impl InputRequired {
    /// The command line's option that gives it.
    pub fn option(self) -> &'static str {
        match self {
            Self::Register(_) => "--register",
            Self::ShopMaster(_) => "--shops",
        }
    }
}

impl Wording for InputRequired {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Register(e) => e.wording(lang),
            Self::ShopMaster(e) => e.wording(lang),
        }
    }
}

/// The checks settlement runs: `policy` decides about demo tickets (and demo shops).
/// `register`: the issuance register; `None` is allowed only with a demo policy (the
/// summary then says the register check was not made), else [`RegisterRequired`].
/// `master`: the office's shop master, the list the shop check reads (the opened feed's
/// `feed_shops` are only compared with it, [`shop_differences`]); `None` is allowed only
/// with a demo policy (the feed's list is then used and the summary says so), else
/// [`ShopMasterRequired`].
pub fn settlement_checks<'a>(
    keys: &'a KeySet,
    feed_shops: &'a Directory,
    master: Option<&'a ShopMaster>,
    register: Option<&'a Register>,
    roster: &'a [RosterEntry],
    policy: VerifyPolicy,
) -> Result<impl SettlementChecks + 'a, InputRequired> {
    require_register(register, policy)?;
    require_shop_master(master, policy)?;
    let (shops, shop_list) = match master {
        Some(m) => {
            let counted = m
                .directory()
                .shops()
                .iter()
                .filter(|s| policy.accept_demo || !s.demo)
                .count();
            (
                m.directory(),
                ShopList::Master {
                    shops: counted,
                    differences: shop_differences(m.directory(), feed_shops, policy.accept_demo),
                },
            )
        }
        None => (feed_shops, ShopList::Feed),
    };
    Ok(Checks {
        verify: verify_with(keys, policy),
        shop: shops_in(shops, policy.accept_demo),
        recipient: recipient_of(register, roster),
        register,
        shop_list,
    })
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

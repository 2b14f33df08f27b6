//! Offline verification of a ticket: one verdict, checks in a fixed order.

use std::fmt;

use chrono::NaiveDate;

use super::{Ticket, TicketBody, TicketError};
use crate::domain::tickets::core::keys::{verify_signature, KeyBound, KeyId, KeySet};
use crate::domain::tickets::core::used::{UsedBy, UsedLookup};

/// What the verifier accepts besides genuine, current, unused production tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VerifyPolicy {
    /// Accept demo tickets (flag bit 0) and tickets signed by demo keys. `false` in
    /// production builds.
    pub accept_demo: bool,
}

impl VerifyPolicy {
    pub const PRODUCTION: Self = Self { accept_demo: false };
    pub const DEMO: Self = Self { accept_demo: true };
}

/// A ticket that passed every check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidTicket {
    pub body: TicketBody,
    /// Demo flag set or signed by a demo key.
    pub demo: bool,
}

/// The verifier's answer. Checks run in this order and the first failure is the verdict:
/// `Malformed → UnknownKey → Forged → DemoNotAccepted → KeyNotValidForTicket →
/// OutsideKeyBounds → KeyRevoked → NotYetValid → Expired → AlreadyUsed → Valid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid(ValidTicket),
    /// Not a v1 ticket at all (bad text, length, version, flags or field ranges).
    Malformed(TicketError),
    /// The key id is not in the city's key list.
    UnknownKey(KeyId),
    /// The signature does not verify: the ticket was altered or made up.
    Forged,
    /// A demo ticket (or demo key) under a production policy.
    DemoNotAccepted,
    /// The key exists but may not sign tickets starting on this date.
    KeyNotValidForTicket {
        key_id: KeyId,
        valid_from: NaiveDate,
    },
    /// Genuine, but the ticket exceeds what its key may sign (validity span, last day or
    /// face value): a leaked or wrongly listed key cannot mint arbitrary tickets.
    OutsideKeyBounds {
        key_id: KeyId,
        bound: KeyBound,
    },
    /// Genuine, but the key list revokes its key from a day on or before the day of the
    /// check (`revoked_from`): a leaked key's tickets stop counting from that day, while
    /// the same ticket redeemed before it is still paid at settlement.
    KeyRevoked {
        key_id: KeyId,
        revoked_from: NaiveDate,
    },
    NotYetValid {
        valid_from: NaiveDate,
    },
    Expired {
        valid_until: NaiveDate,
    },
    AlreadyUsed(UsedBy),
}

impl Verdict {
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Valid(_))
    }

    /// Stable machine name (test vectors, logs, CSS `data-state`).
    pub fn code(&self) -> &'static str {
        match self {
            Verdict::Valid(_) => "valid",
            Verdict::Malformed(_) => "malformed",
            Verdict::UnknownKey(_) => "unknown_key",
            Verdict::Forged => "forged",
            Verdict::DemoNotAccepted => "demo_not_accepted",
            Verdict::KeyNotValidForTicket { .. } => "key_not_valid_for_ticket",
            Verdict::OutsideKeyBounds { .. } => "outside_key_bounds",
            Verdict::KeyRevoked { .. } => "key_revoked",
            Verdict::NotYetValid { .. } => "not_yet_valid",
            Verdict::Expired { .. } => "expired",
            Verdict::AlreadyUsed(_) => "already_used",
        }
    }
}

/// Every code [`Verdict::code`] gives, for a verdict that crossed a thread as text (the
/// office page's second worker): [`known_code`] turns such text back into the code.
pub const VERDICT_CODES: [&str; 11] = [
    "valid",
    "malformed",
    "unknown_key",
    "forged",
    "demo_not_accepted",
    "key_not_valid_for_ticket",
    "outside_key_bounds",
    "key_revoked",
    "not_yet_valid",
    "expired",
    "already_used",
];

/// The verdict code spelled `text`, if it is one ([`VERDICT_CODES`]).
pub fn known_code(text: &str) -> Option<&'static str> {
    VERDICT_CODES.iter().copied().find(|c| *c == text)
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Valid(v) if v.demo => write!(
                f,
                "DEMO — not money: a valid demo ticket {}, {}, usable until {}",
                v.body.id(),
                v.body.face_value(),
                v.body.valid_until()
            ),
            Verdict::Valid(v) => write!(
                f,
                "Valid: {} ticket {}, usable until {}",
                v.body.face_value(),
                v.body.serial(),
                v.body.valid_until()
            ),
            Verdict::Malformed(e) => write!(f, "Not a valid ticket code: {e}"),
            Verdict::UnknownKey(id) => write!(
                f,
                "Not accepted: signed with a key this app does not know (key {id}); update the app data and scan again"
            ),
            Verdict::Forged => write!(f, "Forged or altered ticket: the signature does not match"),
            Verdict::DemoNotAccepted => write!(f, "Demo ticket: not accepted for payment"),
            Verdict::KeyNotValidForTicket { key_id, valid_from } => write!(
                f,
                "Not accepted: key {key_id} was not allowed to issue tickets starting {valid_from}"
            ),
            Verdict::OutsideKeyBounds { key_id, bound } => match bound {
                KeyBound::Validity { days, max } => write!(
                    f,
                    "Not accepted: valid for {days} days, key {key_id} may sign at most {max}"
                ),
                KeyBound::ValidUntil { latest } => write!(
                    f,
                    "Not accepted: valid past {latest}, the last day key {key_id} may sign"
                ),
                KeyBound::FaceValue { max } => write!(
                    f,
                    "Not accepted: face value above {max}, the most key {key_id} may sign"
                ),
            },
            Verdict::KeyRevoked { key_id, revoked_from } => write!(
                f,
                "Not accepted: key {key_id} was revoked from {revoked_from} (a leaked or lost key)"
            ),
            Verdict::NotYetValid { valid_from } => {
                write!(f, "Not yet valid: usable from {valid_from}")
            }
            Verdict::Expired { valid_until } => write!(f, "Expired: was usable until {valid_until}"),
            Verdict::AlreadyUsed(UsedBy::Feed) => {
                write!(f, "Already used: the city lists this ticket as settled")
            }
            Verdict::AlreadyUsed(UsedBy::LocalRedemption) => {
                write!(f, "Already used: this device already accepted this ticket")
            }
        }
    }
}

/// What to verify: raw bytes (89) or text (`JK1:…` exactly; use `parse_scanned` first for
/// links).
#[derive(Debug, Clone, Copy)]
pub enum TicketInput<'a> {
    Bytes(&'a [u8]),
    Text(&'a str),
}

impl<'a> From<&'a str> for TicketInput<'a> {
    fn from(text: &'a str) -> Self {
        TicketInput::Text(text)
    }
}

impl<'a> From<&'a [u8]> for TicketInput<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        TicketInput::Bytes(bytes)
    }
}

/// Checks that a ticket is genuine and allowed by its key and the policy — everything
/// except dates and use. Used when importing tickets into a wallet (expired ones stay in
/// the history). Returns whether the ticket counts as demo.
pub fn authenticate(ticket: &Ticket, keys: &KeySet, policy: VerifyPolicy) -> Result<bool, Verdict> {
    let body = ticket.body();
    let key = keys
        .get(body.key_id())
        .ok_or(Verdict::UnknownKey(body.key_id()))?;
    if !verify_signature(&key.public_key, &body.signed_message(), ticket.signature()) {
        return Err(Verdict::Forged);
    }
    let demo = body.is_demo_flagged() || key.is_demo();
    if demo && !policy.accept_demo {
        return Err(Verdict::DemoNotAccepted);
    }
    if !key.covers(body.valid_from()) {
        return Err(Verdict::KeyNotValidForTicket {
            key_id: key.id,
            valid_from: body.valid_from(),
        });
    }
    key.check_bounds(body.valid_from(), body.valid_until(), body.face_value())
        .map_err(|bound| Verdict::OutsideKeyBounds {
            key_id: key.id,
            bound,
        })?;
    Ok(demo)
}

/// Verifies a parsed ticket on JST date `today`.
pub fn verify_ticket(
    ticket: &Ticket,
    keys: &KeySet,
    policy: VerifyPolicy,
    today: NaiveDate,
    used: &dyn UsedLookup,
) -> Verdict {
    let demo = match authenticate(ticket, keys, policy) {
        Ok(demo) => demo,
        Err(verdict) => return verdict,
    };
    let body = *ticket.body();
    if let Some(key) = keys.get(body.key_id()) {
        if let Some(revoked_from) = key.revoked_from.filter(|_| key.is_revoked_on(today)) {
            return Verdict::KeyRevoked {
                key_id: key.id,
                revoked_from,
            };
        }
    }
    if today < body.valid_from() {
        return Verdict::NotYetValid {
            valid_from: body.valid_from(),
        };
    }
    if today > body.valid_until() {
        return Verdict::Expired {
            valid_until: body.valid_until(),
        };
    }
    if let Some(by) = used.used(body.id()) {
        return Verdict::AlreadyUsed(by);
    }
    Verdict::Valid(ValidTicket { body, demo })
}

/// Verifies ticket bytes or text on JST date `today` (see [`Verdict`] for the check order).
pub fn verify(
    input: TicketInput<'_>,
    keys: &KeySet,
    policy: VerifyPolicy,
    today: NaiveDate,
    used: &dyn UsedLookup,
) -> Verdict {
    let parsed = match input {
        TicketInput::Bytes(bytes) => Ticket::from_bytes(bytes),
        TicketInput::Text(text) => Ticket::from_text(text),
    };
    match parsed {
        Ok(ticket) => verify_ticket(&ticket, keys, policy, today, used),
        Err(e) => Verdict::Malformed(e),
    }
}

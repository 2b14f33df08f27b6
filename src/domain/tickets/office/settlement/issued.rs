//! **Rule: pay only what was issued, as issued.** The issuance register as a settlement
//! check: a genuine signature is not enough, the serial must be one the office allocated,
//! to the employer, face value, shares and dates the ticket states, and not replaced
//! before the redemption day. (`docs/settlement.md`, "Rules", step 3.)

use chrono::NaiveDate;

use super::{Mismatch, Reason};
use crate::domain::tickets::core::ticket::Ticket;
use crate::domain::tickets::office::issuance::Register;

/// Why `ticket`, redeemed on JST day `redeemed_on`, is not paid by the register's account,
/// or `None` when the register holds it as issued. In this order:
/// 1. no allocation holds its identity (demo flag, key, batch, index) → [`Reason::NotIssued`];
/// 2. the allocation's employer, face value, employer share, first day or last day differ
///    (in that order; the first difference is named) → [`Reason::NotAsIssued`];
/// 3. the allocation is replaced and the redemption day is after the replacement day →
///    [`Reason::Replaced`]. The replacement day is the allocation's `replaced_on`; for an
///    older register without it, the `issued_on` of the recipient's current allocation of
///    that month; with neither, every redemption is refused.
pub fn as_issued(register: &Register, ticket: &Ticket, redeemed_on: NaiveDate) -> Option<Reason> {
    let body = ticket.body();
    let Some(a) = register.find(&body.id()) else {
        return Some(Reason::NotIssued);
    };
    let mismatch = [
        (a.employer == body.employer(), Mismatch::Employer),
        (a.face_value == body.face_value(), Mismatch::FaceValue),
        (
            a.employer_share == body.employer_share(),
            Mismatch::EmployerShare,
        ),
        (a.valid_from == body.valid_from(), Mismatch::ValidFrom),
        (a.valid_until == body.valid_until(), Mismatch::ValidUntil),
    ]
    .into_iter()
    .find_map(|(same, m)| (!same).then_some(m));
    if let Some(m) = mismatch {
        return Some(Reason::NotAsIssued(m));
    }
    if !a.replaced {
        return None;
    }
    let on = a.replaced_on.or_else(|| {
        register
            .get(a.month, &a.recipient)
            .filter(|current| !current.replaced)
            .map(|current| current.issued_on)
    });
    match on {
        Some(day) if redeemed_on <= day => None,
        on => Some(Reason::Replaced { on }),
    }
}

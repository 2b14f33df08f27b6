//! Interim used data: the office publishes used data as often as shops send claim files
//! (e.g. weekly), without settling or paying, so a copied ticket stops passing at every
//! till soon after its first redemption instead of after the month's settlement
//! (`docs/claim-format.md`, "Interim used data"; `docs/security.md`, "Copied tickets").
//!
//! Pure: the claims already received, a verifier (the one settlement uses, with the
//! redemption day) and the published used data go in; the tickets to mark come out. Nothing
//! is recorded as settled: the month's settlement later pays the same claims as usual.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::domain::shared::date::jst_today;
use crate::domain::tickets::core::claim::{Claim, ClaimId};
use crate::domain::tickets::core::ticket::{Ticket, TicketId};
use crate::domain::tickets::core::used::UsedData;

/// One claim line that interim used data does not mark, and why (the verdict code on the
/// redemption day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMarked {
    pub claim: ClaimId,
    pub ticket: TicketId,
    pub code: &'static str,
}

/// What interim used data marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InterimMarks {
    /// Tickets to add to the used data (sorted, each once, none already published).
    pub new: Vec<TicketId>,
    /// Lines already marked in the published used data (counted, nothing to add).
    pub already_published: usize,
    /// Lines whose ticket did not verify on its redemption day: not marked (the month's
    /// settlement reports them with their problem codes).
    pub not_marked: Vec<NotMarked>,
}

/// The tickets of `claims` to mark as used now: every line whose ticket `verify` finds
/// `"valid"` on the JST day the shop redeemed it (the settlement verifier: genuine, of a
/// listed key, inside its bounds, not revoked on that day, inside its validity) and that
/// `published` does not already list. A ticket claimed twice (by one shop or two) is
/// marked once: marking stops further use, it decides nothing about who is paid.
pub fn interim_marks(
    claims: &[Claim],
    published: Option<&UsedData>,
    verify: impl Fn(&Ticket, NaiveDate) -> &'static str,
) -> InterimMarks {
    let mut new = BTreeSet::new();
    let mut out = InterimMarks::default();
    for claim in claims {
        for line in claim.lines() {
            let id = line.id();
            if published.is_some_and(|u| u.set().is_used(id)) {
                out.already_published += 1;
                continue;
            }
            match verify(&line.ticket, jst_today(line.redeemed_at)) {
                "valid" => {
                    new.insert(id);
                }
                code => out.not_marked.push(NotMarked {
                    claim: claim.id().clone(),
                    ticket: id,
                    code,
                }),
            }
        }
    }
    out.new = new.into_iter().collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::claim::{ClaimHeader, ClaimLine, DeviceLabel};
    use crate::domain::tickets::core::keys::demo;
    use crate::domain::tickets::core::shops::ShopId;
    use crate::domain::tickets::core::ticket::{
        demo_month, verify_ticket, Verdict, VerifyPolicy, YearMonth,
    };
    use crate::domain::tickets::core::used::UsedBy;
    use crate::domain::tickets::office::settlement::checks::next_used_section;
    use crate::domain::tickets::office::settlement::verify_with;
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn jst(y: i32, mo: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, 0, 0).single().unwrap() - Duration::hours(9)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn claim(id: &str, shop: &str, lines: &[(&Ticket, DateTime<Utc>)]) -> Claim {
        Claim::new(
            ClaimHeader {
                id: ClaimId::parse(id).unwrap(),
                shop: ShopId::parse(shop).unwrap(),
                device: DeviceLabel::parse("レジ1").unwrap(),
                period: YearMonth::new(2026, 12).unwrap(),
                created_at: jst(2026, 12, 31, 23),
            },
            lines
                .iter()
                .enumerate()
                .map(|(i, (t, at))| ClaimLine {
                    ticket: (*t).clone(),
                    redeemed_at: *at,
                    transaction: u32::try_from(i).unwrap() + 1,
                })
                .collect(),
        )
        .unwrap()
    }

    /// The week's story: a ticket redeemed on Thursday at one shop is in the interim used
    /// data signed on Monday, and a till that never saw it refuses the copy from then on;
    /// nothing was settled or paid to get there.
    #[test]
    fn a_weekly_interim_publication_makes_a_fresh_till_refuse_a_ticket_redeemed_that_week() {
        let month = YearMonth::new(2026, 12).unwrap();
        let tickets = demo_month(month).unwrap();
        let keys = demo::key_set();
        let root = demo::root_signing_key().verifying_key();
        let (t0, t1, t2) = (&tickets[0], &tickets[1], &tickets[2]);
        // Two shops sent interim claims; t0 is claimed by both (a copy), t1 once.
        let claims = [
            claim(
                "cafe-1-w1",
                "cafe-1",
                &[(t0, jst(2026, 12, 3, 12)), (t1, jst(2026, 12, 4, 12))],
            ),
            claim("book-2-w1", "book-2", &[(t0, jst(2026, 12, 5, 15))]),
        ];
        let verify = verify_with(&keys, VerifyPolicy::DEMO);
        let marks = interim_marks(&claims, None, &verify);
        assert_eq!(
            marks.new,
            vec![t0.body().id(), t1.body().id()],
            "each ticket once"
        );
        assert!(marks.not_marked.is_empty());
        let dto = next_used_section(
            None,
            &marks.new,
            day(2026, 12, 7),
            Some(demo::DEMO_USED_KEY_ID),
            &demo::used_signing_key(),
        )
        .unwrap();
        let interim = UsedData::from_feed(&dto, &root, &keys).unwrap();
        // A till that never saw t0 refuses it on Tuesday; t2 still passes.
        let at_till =
            |t: &Ticket| verify_ticket(t, &keys, VerifyPolicy::DEMO, day(2026, 12, 8), &interim);
        assert_eq!(at_till(t0), Verdict::AlreadyUsed(UsedBy::Feed));
        assert_eq!(at_till(t1), Verdict::AlreadyUsed(UsedBy::Feed));
        assert!(at_till(t2).is_valid());
        // Next week: what is published is not marked again; the new line is, with the
        // sequence moving on from the interim one.
        let claims2 = [claim(
            "cafe-1-w2",
            "cafe-1",
            &[(t1, jst(2026, 12, 4, 12)), (t2, jst(2026, 12, 9, 12))],
        )];
        let marks2 = interim_marks(&claims2, Some(&interim), &verify);
        assert_eq!(marks2.new, vec![t2.body().id()]);
        assert_eq!(marks2.already_published, 1);
        let dto2 = next_used_section(
            Some(&interim),
            &marks2.new,
            day(2026, 12, 14),
            Some(demo::DEMO_USED_KEY_ID),
            &demo::used_signing_key(),
        )
        .unwrap();
        let second = UsedData::from_feed(&dto2, &root, &keys).unwrap();
        assert_eq!(second.sequence(), 2);
        assert!(second.set().is_used(t0.body().id()) && second.set().is_used(t2.body().id()));
    }

    #[test]
    fn only_tickets_that_verify_on_their_redemption_day_are_marked() {
        let tickets = demo_month(YearMonth::new(2026, 12).unwrap()).unwrap();
        let january = demo_month(YearMonth::new(2027, 1).unwrap()).unwrap();
        let september = demo_month(YearMonth::new(2026, 9).unwrap()).unwrap();
        let keys = demo::key_set();
        // A ticket redeemed before its first day, and one after its last, are not marked;
        // under a production policy a demo ticket is not marked either.
        let claims = [claim(
            "cafe-1-w1",
            "cafe-1",
            &[
                (&january[0], jst(2026, 12, 3, 12)),
                (&september[0], jst(2026, 12, 3, 12)),
                (&tickets[2], jst(2026, 12, 3, 12)),
            ],
        )];
        let marks = interim_marks(&claims, None, verify_with(&keys, VerifyPolicy::DEMO));
        assert_eq!(marks.new, vec![tickets[2].body().id()]);
        let codes: Vec<&str> = marks.not_marked.iter().map(|n| n.code).collect();
        assert_eq!(codes, ["not_yet_valid", "expired"]);
        let prod = interim_marks(&claims, None, verify_with(&keys, VerifyPolicy::PRODUCTION));
        assert!(prod.new.is_empty());
        assert!(prod
            .not_marked
            .iter()
            .all(|n| n.code == "demo_not_accepted"));
    }
}

//! Issuing tickets (the office tool and demo mode) and the eligibility rule.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use ed25519_dalek::{Signer, SigningKey};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{EmployerId, Serial, Ticket, TicketBody, TicketError, TicketSpec, Yen};
use crate::domain::tickets::core::keys::{demo as demo_keys, KeyId};

/// Signs one ticket.
pub fn issue(spec: TicketSpec, key: &SigningKey) -> Result<Ticket, TicketError> {
    let body = TicketBody::new(spec)?;
    let signature = key.sign(&body.signed_message());
    Ok(Ticket::from_parts(body, signature.to_bytes()))
}

/// One holder's tickets for one run: `count` tickets with consecutive indices from
/// `first_index`, otherwise identical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthRun {
    pub demo: bool,
    pub key_id: KeyId,
    pub batch: u32,
    pub first_index: u16,
    pub count: u32,
    pub face_value: Yen,
    pub employer_share: Yen,
    pub employer: EmployerId,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

/// Issues the tickets of a [`MonthRun`]. Fails (issuing nothing) if the indices would run
/// past 65,535 or a field is out of range.
pub fn issue_month(run: &MonthRun, key: &SigningKey) -> Result<Vec<Ticket>, TicketError> {
    let overflow = TicketError::BatchOverflow {
        first: run.first_index,
        count: run.count,
    };
    if u32::from(run.first_index) + run.count > 65_536 {
        return Err(overflow);
    }
    (0..run.count)
        .map(|i| {
            let index =
                u16::try_from(u32::from(run.first_index) + i).map_err(|_| overflow.clone())?;
            issue(
                TicketSpec {
                    demo: run.demo,
                    key_id: run.key_id,
                    serial: Serial::new(run.batch, index),
                    face_value: run.face_value,
                    employer_share: run.employer_share,
                    employer: run.employer,
                    valid_from: run.valid_from,
                    valid_until: run.valid_until,
                },
                key,
            )
        })
        .collect()
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    /// 1..=12
    pub month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| Self { year, month })
    }

    /// The month containing `date`.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn next(self) -> Self {
        if self.month >= 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// The conventional batch number `YYYYMM` (e.g. 202612).
    pub fn batch(self) -> u32 {
        u32::try_from(self.year.max(0)).unwrap_or(0) * 100 + self.month
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why eligibility could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EligibilityError {
    #[error("the return-to-work date {returned} is before the child's birth date {born}")]
    ReturnBeforeBirth {
        born: NaiveDate,
        returned: NaiveDate,
    },
}

/// The day the child is 3 years old from its start. Under 年齢計算ニ関スル法律 one attains
/// an age at the end of the day before the birthday, so from the start of the birthday;
/// a 29 February child attains it at the end of 28 February, i.e. from 1 March in a
/// non-leap year.
pub fn third_birthday(born: NaiveDate) -> NaiveDate {
    let year = born.year() + 3;
    NaiveDate::from_ymd_opt(year, born.month(), born.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(born)
}

/// Months for which a mother who returned to work on `returned` receives tickets:
/// from the month containing `returned`, every month that **starts before** the child's
/// third birthday ([`third_birthday`]). Empty if she returned after that.
pub fn eligible_months(
    born: NaiveDate,
    returned: NaiveDate,
) -> Result<Vec<YearMonth>, EligibilityError> {
    if returned < born {
        return Err(EligibilityError::ReturnBeforeBirth { born, returned });
    }
    let end = third_birthday(born);
    let mut months = Vec::new();
    let mut m = YearMonth::of(returned);
    while m.first_day() < end && returned < end {
        months.push(m);
        m = m.next();
    }
    Ok(months)
}

/// Tickets per month, face value and employer share of the programme (20 × 1,000 yen,
/// half paid by the employer).
pub const MONTHLY_TICKETS: u32 = 20;
pub const FACE_VALUE: Yen = Yen(1_000);
pub const EMPLOYER_SHARE: Yen = Yen(500);
/// Employer id used on demo tickets.
pub const DEMO_EMPLOYER: EmployerId = EmployerId(9_001);

/// Demo mode's "a month of tickets in one tap": 20 demo tickets of 1,000 yen, batch
/// `YYYYMM`, indices 0..20, valid from the 1st of `month` to the last day of the month two
/// months later, signed by the demo issuer key (window 2020-01-01..2148-12-31, so any
/// month the app will meet verifies). Its identities are demo ([`TicketId::demo`](super::TicketId)),
/// so they never collide with the same month's real tickets.
pub fn demo_month(month: YearMonth) -> Result<Vec<Ticket>, TicketError> {
    issue_month(
        &MonthRun {
            demo: true,
            key_id: demo_keys::DEMO_ISSUER_KEY_ID,
            batch: month.batch(),
            first_index: 0,
            count: MONTHLY_TICKETS,
            face_value: FACE_VALUE,
            employer_share: EMPLOYER_SHARE,
            employer: DEMO_EMPLOYER,
            valid_from: month.first_day(),
            valid_until: month.next().next().last_day(),
        },
        &demo_keys::issuer_signing_key(),
    )
}

/// The demo month for JST date `today`: [`demo_month`] of the month containing it, so the
/// out-of-the-box demo gives tickets usable today whatever the year.
pub fn demo_month_for(today: NaiveDate) -> Result<Vec<Ticket>, TicketError> {
    demo_month(YearMonth::of(today))
}

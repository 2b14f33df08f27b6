//! Who receives tickets for which month (the rule is written in `docs/eligibility.md`).
//!
//! A recipient is entitled for month *M* when both hold:
//!
//! 1. **Back at work in time**: she returned to work on or before day
//!    [`EligibilityRule::return_cutoff_day`] (default 15) of *M*, or in an earlier month.
//!    Returning on the 16th or later starts the entitlement the following month.
//! 2. **A child under 3 on the 1st of M** (JST calendar dates). Under 年齢計算ニ関スル法律
//!    a child turns 3 at the end of the day before its third birthday, so it is 3 from the
//!    start of the birthday ([`third_birthday`]); a child born on 29 February turns 3 at
//!    the end of 28 February and is 3 from 1 March.
//!
//! Several children under 3 still make **one** entitlement per recipient per month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::ticket::YearMonth;

pub use crate::domain::tickets::core::ticket::third_birthday;

/// The programme's eligibility parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EligibilityRule {
    /// The month of return counts if she returned on or before this day of it (1..=31;
    /// 31 = always counts, 1 = only a return on the 1st counts).
    pub return_cutoff_day: u32,
}

impl Default for EligibilityRule {
    fn default() -> Self {
        Self {
            return_cutoff_day: 15,
        }
    }
}

/// Why eligibility cannot be computed from the data given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum EligibilityError {
    NoChildren,
    BornAfterReturn {
        born: NaiveDate,
        returned: NaiveDate,
    },
    BadCutoff(u32),
}

impl Wording for EligibilityError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NoChildren => say(lang, "子の生年月日がありません", "no child birthdate"),
            Self::BornAfterReturn { born, returned } => say!(
                lang,
                "子の生年月日 {born} が復職日 {returned} より後です",
                "child born {born} after the return to work on {returned}",
            ),
            Self::BadCutoff(n) => say!(
                lang,
                "復職日の締め日 {n} は 1〜31 ではありません",
                "return cut-off day {n} is not 1 to 31",
            ),
        }
    }
}

/// A recipient's standing for one month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MonthStatus {
    /// Entitled; `child` is the birthdate of the child whose entitlement lasts longest.
    Eligible { child: NaiveDate },
    /// Not yet: the entitlement starts in `first`.
    NotYetReturned { first: YearMonth },
    /// Every child was 3 on the 1st of the month.
    ChildrenTooOld,
}

impl MonthStatus {
    pub fn is_eligible(&self) -> bool {
        matches!(self, MonthStatus::Eligible { .. })
    }

    /// Both languages, for the files the office keeps (previews, `not-issued.csv`).
    pub fn message(&self) -> String {
        crate::domain::shared::wording::both(self)
    }
}

impl crate::domain::shared::wording::Wording for MonthStatus {
    fn wording(&self, lang: crate::domain::shared::text::Lang) -> String {
        use crate::domain::shared::wording::say;
        match self {
            MonthStatus::Eligible { child } => crate::domain::shared::wording::say!(
                lang,
                "対象（{child} 生まれの子）",
                "eligible (child born {child})",
            ),
            MonthStatus::NotYetReturned { first } => crate::domain::shared::wording::say!(
                lang,
                "{first} から対象（復職日による）",
                "eligible from {first} (return-to-work date)",
            ),
            MonthStatus::ChildrenTooOld => say(
                lang,
                "子が3歳に達しているため対象外",
                "not eligible: the child is 3 or older",
            ),
        }
    }
}

/// The last day on which the child is still 2 (the day before [`third_birthday`]).
pub fn last_day_under_three(born: NaiveDate) -> NaiveDate {
    let third = third_birthday(born);
    third.pred_opt().unwrap_or(third)
}

impl EligibilityRule {
    fn check(&self) -> Result<(), EligibilityError> {
        if (1..=31).contains(&self.return_cutoff_day) {
            Ok(())
        } else {
            Err(EligibilityError::BadCutoff(self.return_cutoff_day))
        }
    }

    /// The first month of entitlement for a return on `returned` (ignoring the children).
    pub fn first_month(&self, returned: NaiveDate) -> YearMonth {
        let month = YearMonth::of(returned);
        if returned.day() <= self.return_cutoff_day {
            month
        } else {
            month.next()
        }
    }

    /// The standing of a recipient with these children and return date for `month`.
    pub fn month_status(
        &self,
        children: &[NaiveDate],
        returned: NaiveDate,
        month: YearMonth,
    ) -> Result<MonthStatus, EligibilityError> {
        self.check()?;
        let youngest = youngest(children, returned)?;
        let first = self.first_month(returned);
        if month < first {
            return Ok(MonthStatus::NotYetReturned { first });
        }
        if month.first_day() < third_birthday(youngest) {
            Ok(MonthStatus::Eligible { child: youngest })
        } else {
            Ok(MonthStatus::ChildrenTooOld)
        }
    }

    /// Every month of entitlement, in order (empty if she returned too late).
    pub fn eligible_months(
        &self,
        children: &[NaiveDate],
        returned: NaiveDate,
    ) -> Result<Vec<YearMonth>, EligibilityError> {
        self.check()?;
        let end = third_birthday(youngest(children, returned)?);
        let mut months = Vec::new();
        let mut month = self.first_month(returned);
        while month.first_day() < end {
            months.push(month);
            month = month.next();
        }
        Ok(months)
    }
}

/// The child whose entitlement lasts longest (the latest birthdate); every child must be
/// born on or before the return to work.
fn youngest(children: &[NaiveDate], returned: NaiveDate) -> Result<NaiveDate, EligibilityError> {
    if let Some(&born) = children.iter().find(|b| **b > returned) {
        return Err(EligibilityError::BornAfterReturn { born, returned });
    }
    children
        .iter()
        .copied()
        .max()
        .ok_or(EligibilityError::NoChildren)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        let date = |m| NaiveDate::from_ymd_opt(2025, m, 1).unwrap();
        crate::domain::shared::wording::assert_worded(&[
            ("NoChildren", &EligibilityError::NoChildren),
            (
                "BornAfterReturn",
                &EligibilityError::BornAfterReturn {
                    born: date(5),
                    returned: date(4),
                },
            ),
            ("BadCutoff", &EligibilityError::BadCutoff(32)),
        ]);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn ym(y: i32, m: u32) -> YearMonth {
        YearMonth::new(y, m).unwrap()
    }

    #[test]
    fn age_three_under_the_age_calculation_act() {
        // (born, first day aged 3, last day aged 2)
        let cases = [
            (d(2024, 4, 1), d(2027, 4, 1), d(2027, 3, 31)),
            (d(2024, 4, 30), d(2027, 4, 30), d(2027, 4, 29)),
            (d(2024, 2, 29), d(2027, 3, 1), d(2027, 2, 28)),
            (d(2024, 3, 1), d(2027, 3, 1), d(2027, 2, 28)),
            (d(2024, 12, 31), d(2027, 12, 31), d(2027, 12, 30)),
            (d(2025, 1, 1), d(2028, 1, 1), d(2027, 12, 31)),
            (d(2025, 2, 28), d(2028, 2, 28), d(2028, 2, 27)),
        ];
        for (born, third, last) in cases {
            assert_eq!(third_birthday(born), third, "{born}");
            assert_eq!(last_day_under_three(born), last, "{born}");
        }
    }

    /// (case, children, returned, first month, last month, count)
    type Case<'a> = (
        &'a str,
        &'a [NaiveDate],
        NaiveDate,
        YearMonth,
        YearMonth,
        usize,
    );

    #[test]
    fn month_table() {
        let rule = EligibilityRule::default();
        let cases: &[Case] = &[
            (
                "born on the 1st: 3 on 1 April, so March is the last month",
                &[d(2024, 4, 1)],
                d(2025, 4, 1),
                ym(2025, 4),
                ym(2027, 3),
                24,
            ),
            (
                "born on the 2nd: still 2 on 1 April, so April is in",
                &[d(2024, 4, 2)],
                d(2025, 4, 1),
                ym(2025, 4),
                ym(2027, 4),
                25,
            ),
            (
                "born at month end: the month of the third birthday is in",
                &[d(2024, 3, 31)],
                d(2025, 4, 1),
                ym(2025, 4),
                ym(2027, 3),
                24,
            ),
            (
                "born 29 February: 3 at the end of 28 February, March is out",
                &[d(2024, 2, 29)],
                d(2024, 11, 1),
                ym(2024, 11),
                ym(2027, 2),
                28,
            ),
            (
                "return on the 15th: that month counts",
                &[d(2024, 5, 20)],
                d(2025, 6, 15),
                ym(2025, 6),
                ym(2027, 5),
                24,
            ),
            (
                "return on the 16th: from the next month",
                &[d(2024, 5, 20)],
                d(2025, 6, 16),
                ym(2025, 7),
                ym(2027, 5),
                23,
            ),
            (
                "return on the 31st: from the next month, across a year end",
                &[d(2024, 5, 20)],
                d(2025, 12, 31),
                ym(2026, 1),
                ym(2027, 5),
                17,
            ),
            (
                "two children: one entitlement, until the younger turns 3",
                &[d(2023, 1, 10), d(2024, 6, 5)],
                d(2024, 10, 1),
                ym(2024, 10),
                ym(2027, 6),
                33,
            ),
            (
                "children in any order",
                &[d(2024, 6, 5), d(2023, 1, 10)],
                d(2024, 10, 1),
                ym(2024, 10),
                ym(2027, 6),
                33,
            ),
        ];
        for (case, children, returned, first, last, count) in cases {
            let months = rule.eligible_months(children, *returned).unwrap();
            assert_eq!(months.first(), Some(first), "{case}");
            assert_eq!(months.last(), Some(last), "{case}");
            assert_eq!(months.len(), *count, "{case}");
            // No month twice, consecutive.
            assert!(months.windows(2).all(|w| w[0].next() == w[1]), "{case}");
            // month_status agrees at both ends and just outside.
            for m in &months {
                assert!(rule
                    .month_status(children, *returned, *m)
                    .unwrap()
                    .is_eligible());
            }
            assert_eq!(
                rule.month_status(children, *returned, last.next()).unwrap(),
                MonthStatus::ChildrenTooOld,
                "{case}"
            );
        }
    }

    #[test]
    fn statuses_say_why() {
        let rule = EligibilityRule::default();
        let children = [d(2024, 5, 20)];
        assert_eq!(
            rule.month_status(&children, d(2025, 6, 16), ym(2025, 6)),
            Ok(MonthStatus::NotYetReturned { first: ym(2025, 7) })
        );
        assert_eq!(
            rule.month_status(&children, d(2025, 6, 16), ym(2025, 7)),
            Ok(MonthStatus::Eligible {
                child: d(2024, 5, 20)
            })
        );
        // The month the child turns 3: in, because she is 2 on the 1st.
        assert!(rule
            .month_status(&children, d(2025, 6, 1), ym(2027, 5))
            .unwrap()
            .is_eligible());
        // Two children: the older one's turning 3 changes nothing.
        let two = [d(2023, 1, 10), d(2024, 6, 5)];
        assert_eq!(
            rule.month_status(&two, d(2024, 10, 1), ym(2026, 2)),
            Ok(MonthStatus::Eligible {
                child: d(2024, 6, 5)
            })
        );
        assert!(MonthStatus::ChildrenTooOld.message().contains("対象外"));
    }

    #[test]
    fn late_return_and_bad_input() {
        let rule = EligibilityRule::default();
        // Returned after the child turned 3: nothing.
        assert_eq!(
            rule.eligible_months(&[d(2022, 4, 1)], d(2025, 4, 1)),
            Ok(vec![])
        );
        // Returned on the 3rd birthday's month after the cut-off: nothing.
        assert_eq!(
            rule.eligible_months(&[d(2022, 4, 20)], d(2025, 4, 16)),
            Ok(vec![])
        );
        assert_eq!(
            rule.eligible_months(&[], d(2025, 4, 1)),
            Err(EligibilityError::NoChildren)
        );
        assert_eq!(
            rule.eligible_months(&[d(2025, 5, 1)], d(2025, 4, 1)),
            Err(EligibilityError::BornAfterReturn {
                born: d(2025, 5, 1),
                returned: d(2025, 4, 1)
            })
        );
        let always = EligibilityRule {
            return_cutoff_day: 31,
        };
        assert_eq!(
            always.first_month(d(2025, 6, 30)),
            ym(2025, 6),
            "cut-off 31: the month of return always counts"
        );
        let bad = EligibilityRule {
            return_cutoff_day: 0,
        };
        assert_eq!(
            bad.eligible_months(&[d(2024, 1, 1)], d(2025, 1, 1)),
            Err(EligibilityError::BadCutoff(0))
        );
    }
}

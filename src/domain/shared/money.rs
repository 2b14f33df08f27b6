//! Money as integer yen. Never a float; every sum is checked, so an overflow is an error a
//! caller must handle, not a wrapped or saturated number on a payout report.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::Lang;
use super::wording::{say, Wording};

/// An amount of money in whole yen.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Yen(pub u64);

/// A sum or product of yen amounts did not fit in 64 bits (or went below zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.wording(Lang::Ja))]
pub struct Overflow;

impl Wording for Overflow {
    fn wording(&self, lang: Lang) -> String {
        say(
            lang,
            "金額が大きすぎて計算できません",
            "the amount is too large to compute",
        )
    }
}

impl Yen {
    pub const ZERO: Yen = Yen(0);

    /// `self + other`, or [`Overflow`].
    pub fn checked_add(self, other: Yen) -> Result<Yen, Overflow> {
        self.0.checked_add(other.0).map(Yen).ok_or(Overflow)
    }

    /// `self - other`, or [`Overflow`] when the result would be negative.
    pub fn checked_sub(self, other: Yen) -> Result<Yen, Overflow> {
        self.0.checked_sub(other.0).map(Yen).ok_or(Overflow)
    }

    /// `self × n`, or [`Overflow`].
    pub fn checked_mul(self, n: u64) -> Result<Yen, Overflow> {
        self.0.checked_mul(n).map(Yen).ok_or(Overflow)
    }

    /// The checked sum of `amounts`.
    pub fn sum(amounts: impl IntoIterator<Item = Yen>) -> Result<Yen, Overflow> {
        amounts
            .into_iter()
            .try_fold(Yen::ZERO, |acc, y| acc.checked_add(y))
    }

    /// The amount with thousands separators and no unit: `20,000`.
    pub fn grouped(self) -> String {
        let digits = self.0.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// The amount for a reader of `lang`: `20,000円` / `¥20,000`.
    pub fn in_lang(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.to_string(),
            Lang::En => format!("¥{}", self.grouped()),
        }
    }
}

impl fmt::Display for Yen {
    /// `1,000円`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}円", self.grouped())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overflow_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[("Overflow", &Overflow)]);
    }

    #[test]
    fn display_groups_thousands() {
        for (n, s) in [
            (0, "0円"),
            (999, "999円"),
            (1_000, "1,000円"),
            (20_000, "20,000円"),
            (324_000_000, "324,000,000円"),
        ] {
            assert_eq!(Yen(n).to_string(), s);
            assert_eq!(Yen(n).in_lang(Lang::Ja), s);
        }
        assert_eq!(Yen(20_000).in_lang(Lang::En), "¥20,000");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Yen(1_000).checked_add(Yen(500)), Ok(Yen(1_500)));
        assert_eq!(Yen(u64::MAX).checked_add(Yen(1)), Err(Overflow));
        assert_eq!(Yen(500).checked_sub(Yen(1_000)), Err(Overflow));
        assert_eq!(Yen(1_000).checked_mul(650_000), Ok(Yen(650_000_000)));
        assert_eq!(Yen(u64::MAX / 2).checked_mul(3), Err(Overflow));
        assert_eq!(Yen::sum([Yen(1), Yen(2), Yen(3)]), Ok(Yen(6)));
        assert_eq!(Yen::sum([Yen(u64::MAX), Yen(1)]), Err(Overflow));
    }
}

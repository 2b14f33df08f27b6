//! Dates as people and Excel write them in Japan (roster import).
//!
//! Accepted (full-width digits are narrowed first, surrounding spaces ignored):
//!
//! | form | example |
//! |---|---|
//! | Gregorian with `/`, `-` or `.` | `2024/4/1`, `2024-04-01`, `2024.4.1` |
//! | Gregorian, 8 digits | `20240401` |
//! | Gregorian with 年月日 | `2024年4月1日` |
//! | 令和/平成 with 年月日 (元年 = 1) | `令和6年4月1日`, `令和元年5月1日`, `平成31年4月30日` |
//! | era letter R/H with `.`, `/` or `-` | `R6.4.1`, `R06/04/01`, `H31.4.30` |
//!
//! A trailing midnight time (`2024/4/1 0:00`, Excel's date-time cells) is ignored. An era
//! date outside its era (`令和1年4月1日`, before 1 May 2019) is refused; so are two-digit
//! years (`24/4/1`: which century?) and Excel serial numbers.

use chrono::NaiveDate;

use super::csv::narrow;

/// First day of 令和 (Reiwa).
pub const REIWA_START: (i32, u32, u32) = (2019, 5, 1);
/// First day of 平成 (Heisei).
pub const HEISEI_START: (i32, u32, u32) = (1989, 1, 8);

#[derive(Clone, Copy)]
enum Era {
    Reiwa,
    Heisei,
}

impl Era {
    fn offset(self) -> i32 {
        match self {
            Era::Reiwa => 2018,
            Era::Heisei => 1988,
        }
    }
    fn contains(self, date: NaiveDate) -> bool {
        let ymd = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d);
        match self {
            Era::Reiwa => ymd(REIWA_START).is_some_and(|s| date >= s),
            Era::Heisei => {
                ymd(HEISEI_START).is_some_and(|s| date >= s)
                    && ymd(REIWA_START).is_some_and(|e| date < e)
            }
        }
    }
}

fn strip_midnight(text: &str) -> &str {
    for suffix in [" 0:00", " 00:00", " 0:00:00", " 00:00:00"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            return rest.trim_end();
        }
    }
    text
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// `y m d` split by one kind of separator (`/`, `-`, `.`) or by 年月日.
fn three_parts(text: &str) -> Option<(&str, &str, &str)> {
    if let Some((y, rest)) = text.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日')?;
        return Some((y.trim(), m.trim(), d.trim()));
    }
    for sep in ['/', '-', '.'] {
        let parts: Vec<&str> = text.split(sep).collect();
        if let [y, m, d] = parts.as_slice() {
            return Some((y, m, d));
        }
    }
    None
}

/// Parses one date (see the module docs). `None` if unreadable or not a real day.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let narrowed = narrow(text);
    let text = strip_midnight(narrowed.trim());
    let (era, rest) = if let Some(r) = text.strip_prefix("令和") {
        (Some(Era::Reiwa), r)
    } else if let Some(r) = text.strip_prefix("平成") {
        (Some(Era::Heisei), r)
    } else if let Some(r) = text.strip_prefix(['R', 'r']) {
        (Some(Era::Reiwa), r)
    } else if let Some(r) = text.strip_prefix(['H', 'h']) {
        (Some(Era::Heisei), r)
    } else {
        (None, text)
    };
    let rest = rest.trim_start();
    if era.is_none() && rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit()) {
        let (y, md) = rest.split_at(4);
        let (m, d) = md.split_at(2);
        return NaiveDate::from_ymd_opt(i32::try_from(number(y)?).ok()?, number(m)?, number(d)?);
    }
    let (y, m, d) = three_parts(rest)?;
    let (month, day) = (number(m)?, number(d)?);
    match era {
        None => {
            if y.len() != 4 {
                return None;
            }
            NaiveDate::from_ymd_opt(i32::try_from(number(y)?).ok()?, month, day)
        }
        Some(era) => {
            let year = if y == "元" { 1 } else { number(y)? };
            if year == 0 || year > 99 {
                return None;
            }
            let date =
                NaiveDate::from_ymd_opt(era.offset() + i32::try_from(year).ok()?, month, day)?;
            era.contains(date).then_some(date)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn forms_excel_and_people_write() {
        let cases = [
            ("2024/4/1", d(2024, 4, 1)),
            ("2024-04-01", d(2024, 4, 1)),
            ("2024.4.1", d(2024, 4, 1)),
            ("20240401", d(2024, 4, 1)),
            ("2024年4月1日", d(2024, 4, 1)),
            ("２０２４／４／１", d(2024, 4, 1)),
            ("２０２４年４月１日", d(2024, 4, 1)),
            (" 2024/4/1 0:00 ", d(2024, 4, 1)),
            ("2024/04/01 00:00:00", d(2024, 4, 1)),
            ("令和6年4月1日", d(2024, 4, 1)),
            ("令和６年４月１日", d(2024, 4, 1)),
            ("令和元年5月1日", d(2019, 5, 1)),
            ("R6.4.1", d(2024, 4, 1)),
            ("R06/04/01", d(2024, 4, 1)),
            ("r6-4-1", d(2024, 4, 1)),
            ("Ｒ６．４．１", d(2024, 4, 1)),
            ("平成31年4月30日", d(2019, 4, 30)),
            ("H31.4.30", d(2019, 4, 30)),
            ("2028/2/29", d(2028, 2, 29)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text), expected, "{text}");
            assert!(expected.is_some());
        }
    }

    #[test]
    fn refused() {
        for text in [
            "",
            "2024/2/30",
            "2023/2/29",
            "24/4/1",
            "2024/4",
            "2024/4/1/2",
            "45383",
            "令和1年4月30日",
            "平成31年5月1日",
            "令和0年5月1日",
            "R6.4.1.2",
            "2024年4月1",
            "April 1, 2024",
            "2024/4/1 9:30",
            "2024/4-1",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use chrono::Datelike;
        use proptest::prelude::*;

        fn wide(text: &str) -> String {
            text.chars()
                .map(|c| match c {
                    '0'..='9' | '/' | '.' | '-' => {
                        char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c)
                    }
                    c => c,
                })
                .collect()
        }

        proptest! {
            #[test]
            fn every_written_form_reads_back(days in 0i64..4_000) {
                let reiwa = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
                let date = reiwa + chrono::Duration::days(days);
                let (y, m, d) = (date.year(), date.month(), date.day());
                let r = y - 2018;
                let era_year = if r == 1 { "元".to_owned() } else { r.to_string() };
                let forms = [
                    format!("{y}/{m}/{d}"),
                    format!("{y}-{m:02}-{d:02}"),
                    format!("{y}.{m}.{d}"),
                    format!("{y}{m:02}{d:02}"),
                    format!("{y}年{m}月{d}日"),
                    format!("令和{era_year}年{m}月{d}日"),
                    format!("R{r}.{m}.{d}"),
                    format!("R{r:02}/{m:02}/{d:02}"),
                    format!("{y}/{m}/{d} 0:00"),
                    wide(&format!("{y}/{m}/{d}")),
                    wide(&format!("令和{r}年{m}月{d}日")),
                ];
                for form in forms {
                    prop_assert_eq!(parse_date(&form), Some(date), "{}", form);
                }
            }

            #[test]
            fn never_panics(text in "(?s).{0,30}") {
                let _ = parse_date(&text);
            }
        }
    }
}

//! Next year's national holidays without a rebuild: the Cabinet Office's `syukujitsu.csv`
//! (Shift_JIS, header `国民の祝日・休日月日,国民の祝日・休日名称`, dates like `2027/1/1`)
//! imported into the feed's `schedule.holidays` list (`docs/feed-schedule.md`, *Holidays in
//! the feed*). The app uses those dates for the years after its built-in list
//! ([`HolidayCalendar::extended`]).

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use crate::domain::shared::csv::{self, CsvError, TextEncoding};
use crate::domain::shared::date::iso_date;
use crate::domain::shared::holidays::HolidayCalendar;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};

/// The header the Cabinet Office file starts with.
pub const SYUKUJITSU_HEADER: &str = "国民の祝日・休日月日,国民の祝日・休日名称";
/// Largest file read (the real one is about 20 KB).
const MAX_BYTES: usize = 1024 * 1024;

/// Why the file was refused (nothing is imported from a file with any bad line: a
/// half-read holiday list would open the desk on a holiday).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum HolidayCsvError {
    Csv(#[from] CsvError),
    TooLarge(usize),
    Header,
    BadLine { line: usize, text: String },
    NotSorted { line: usize, date: String },
    MissingYear { year: i32 },
    Empty,
    NothingNew { from: i32 },
}

impl Wording for HolidayCsvError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => e.wording(lang),
            Self::TooLarge(n) => say!(
                lang,
                "ファイルが大きすぎます（{n} バイト）",
                "the file is too large ({n} bytes)",
            ),
            Self::Header => say!(
                lang,
                "1行目が「{SYUKUJITSU_HEADER}」ではありません（内閣府の syukujitsu.csv を選んでください）",
                "line 1 is not the Cabinet Office header (choose syukujitsu.csv)",
            ),
            Self::BadLine { line, text } => say!(
                lang,
                "{line}行目: 「{text}」が読めません（2028/1/1,元日 の形）",
                "line {line}: {text:?} unreadable (expected 2028/1/1,name)",
            ),
            Self::NotSorted { line, date } => say!(
                lang,
                "{line}行目: {date} が重複しているか順番が違います",
                "line {line}: {date} repeated or out of order",
            ),
            Self::MissingYear { year } => say!(
                lang,
                "{year}年の祝日がありません（年が抜けています）",
                "no holidays for {year} (a year is missing)",
            ),
            Self::Empty => say(lang, "祝日がありません", "no holidays in the file"),
            Self::NothingNew { from } => say!(
                lang,
                "{from}年以降の祝日がありません",
                "no holidays from {from} on",
            ),
        }
    }
}

/// A read holiday file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayImport {
    pub encoding: TextEncoding,
    /// Every holiday in the file, in date order.
    pub days: Vec<(NaiveDate, String)>,
}

fn slash_date(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().split('/');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Reads `syukujitsu.csv` (Shift_JIS as published, or UTF-8).
pub fn import_syukujitsu(bytes: &[u8]) -> Result<HolidayImport, HolidayCsvError> {
    if bytes.len() > MAX_BYTES {
        return Err(HolidayCsvError::TooLarge(bytes.len()));
    }
    let (text, encoding) = csv::decode(bytes)?;
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim() == SYUKUJITSU_HEADER => {}
        _ => return Err(HolidayCsvError::Header),
    }
    let mut days: Vec<(NaiveDate, String)> = Vec::new();
    for (i, raw) in lines {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        let bad = || HolidayCsvError::BadLine {
            line,
            text: l.to_owned(),
        };
        let (date, name) = l.split_once(',').ok_or_else(bad)?;
        let date = slash_date(date).ok_or_else(bad)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 50 || name.chars().any(char::is_control) {
            return Err(bad());
        }
        if days.last().is_some_and(|(last, _)| *last >= date) {
            return Err(HolidayCsvError::NotSorted {
                line,
                date: iso_date(date),
            });
        }
        if let Some((last, _)) = days.last() {
            if date.year() > last.year() + 1 {
                return Err(HolidayCsvError::MissingYear {
                    year: last.year() + 1,
                });
            }
        }
        days.push((date, name.to_owned()));
    }
    if days.is_empty() {
        return Err(HolidayCsvError::Empty);
    }
    Ok(HolidayImport { encoding, days })
}

impl HolidayImport {
    /// The feed's `schedule.holidays` entries: the file's holidays from `from_year` on
    /// (the office passes the current year, so the feed stays small).
    pub fn feed_entries(&self, from_year: i32) -> Result<Vec<String>, HolidayCsvError> {
        let out: Vec<String> = self
            .days
            .iter()
            .filter(|(d, _)| d.year() >= from_year)
            .map(|(d, n)| format!("{} {n}", iso_date(*d)))
            .collect();
        if out.is_empty() {
            return Err(HolidayCsvError::NothingNew { from: from_year });
        }
        Ok(out)
    }

    /// The last year the file covers.
    pub fn last_year(&self) -> Option<i32> {
        self.days.last().map(|(d, _)| d.year())
    }

    /// One line for the office: what the app gains over its built-in list.
    pub fn summary(&self, built_in: &HolidayCalendar) -> String {
        let last = self.last_year().unwrap_or_default();
        let built = built_in
            .coverage()
            .map(|c| c.last.year())
            .unwrap_or_default();
        if last > built {
            format!(
                "{}件の祝日（{}年まで）。アプリ内蔵の一覧（{}年まで）の後、{}〜{}年を配信データで補います / \
                 {} holidays up to {}; the feed adds {}–{} after the built-in list (up to {})",
                self.days.len(), last, built, built + 1, last,
                self.days.len(), last, built + 1, last, built
            )
        } else {
            format!(
                "{}件の祝日（{}年まで）。アプリ内蔵の一覧（{}年まで）より先の年はありません / \
                 {} holidays up to {}: nothing beyond the built-in list (up to {})",
                self.days.len(),
                last,
                built,
                self.days.len(),
                last,
                built
            )
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A Cabinet Office style file that goes one year past the built-in list (2028 dates
    /// as the rules give them; test data, not an official list).
    pub(crate) const CSV_2028: &str = "国民の祝日・休日月日,国民の祝日・休日名称\r\n\
2027/11/23,勤労感謝の日\r\n\
2028/1/1,元日\r\n2028/1/10,成人の日\r\n2028/2/11,建国記念の日\r\n2028/2/23,天皇誕生日\r\n\
2028/3/20,春分の日\r\n2028/4/29,昭和の日\r\n2028/5/3,憲法記念日\r\n2028/5/4,みどりの日\r\n\
2028/5/5,こどもの日\r\n2028/7/17,海の日\r\n2028/8/11,山の日\r\n2028/9/18,敬老の日\r\n\
2028/9/22,秋分の日\r\n2028/10/9,スポーツの日\r\n2028/11/3,文化の日\r\n2028/11/23,勤労感謝の日\r\n";

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("Csv", &HolidayCsvError::Csv(CsvError::Empty)),
            ("TooLarge", &HolidayCsvError::TooLarge(3)),
            ("Header", &HolidayCsvError::Header),
            (
                "BadLine",
                &HolidayCsvError::BadLine {
                    line: 3,
                    text: "x".into(),
                },
            ),
            (
                "NotSorted",
                &HolidayCsvError::NotSorted {
                    line: 3,
                    date: "2028-01-01".into(),
                },
            ),
            ("MissingYear", &HolidayCsvError::MissingYear { year: 2028 }),
            ("Empty", &HolidayCsvError::Empty),
            ("NothingNew", &HolidayCsvError::NothingNew { from: 2028 }),
        ]);
    }

    pub(crate) fn sjis(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn reads_the_cabinet_office_file_in_shift_jis() {
        let got = import_syukujitsu(&sjis(CSV_2028)).unwrap();
        assert_eq!(got.encoding, TextEncoding::ShiftJis);
        assert_eq!(got.days.len(), 17);
        assert_eq!(got.last_year(), Some(2028));
        let feed = got.feed_entries(2028).unwrap();
        assert_eq!(feed.len(), 16);
        assert_eq!(feed[1], "2028-01-10 成人の日");
        assert_eq!(
            got.feed_entries(2029),
            Err(HolidayCsvError::NothingNew { from: 2029 })
        );
        assert_eq!(
            import_syukujitsu(CSV_2028.as_bytes()).map(|i| i.days),
            Ok(got.days)
        );
    }

    #[test]
    fn the_real_file_reads_completely() {
        let real = include_bytes!("../../../data/source/syukujitsu.csv");
        let got = import_syukujitsu(real).unwrap();
        assert_eq!(got.encoding, TextEncoding::ShiftJis);
        assert_eq!(
            got.days
                .iter()
                .find(|(d, _)| iso_date(*d) == "2026-01-12")
                .map(|(_, n)| n.as_str()),
            Some("成人の日")
        );
    }

    #[test]
    fn bad_files_are_refused_whole_with_the_line() {
        let h = SYUKUJITSU_HEADER;
        let table = [
            ("date,name\n2028/1/1,元日\n".to_owned(), "1行目"),
            (format!("{h}\n2028/1/1,元日\n2028/13/1,x\n"), "3行目"),
            (format!("{h}\n2028/1/1,元日\n2028-01-02,x\n"), "3行目"),
            (format!("{h}\n2028/1/2,a\n2028/1/1,b\n"), "3行目"),
            (format!("{h}\n2028/1/1,\n"), "2行目"),
            (format!("{h}\n2026/1/1,a\n2028/1/1,b\n"), "2027年"),
            (format!("{h}\n"), "祝日がありません"),
        ];
        for (text, want) in table {
            let err = import_syukujitsu(text.as_bytes())
                .err()
                .map(|e| e.to_string());
            assert!(
                err.as_deref().is_some_and(|e| e.contains(want)),
                "{text:?} → {err:?}"
            );
        }
    }

    #[test]
    fn a_2028_holiday_closes_the_desk_only_because_the_feed_says_so() {
        use crate::domain::publish::editor::FeedDraft;
        use crate::domain::schedule::{ClosedReason, DayStatus};
        let demo = include_str!("../../../public/feed/feed.json");
        let mut draft = FeedDraft::open(demo).unwrap();
        // 2028-01-10 is a Monday (成人の日): the built-in list does not know 2028.
        let day = NaiveDate::from_ymd_opt(2028, 1, 10).unwrap();
        let before = draft.schedule().unwrap().day(day);
        assert!(before.is_open());
        assert!(!before.holidays_known);
        let import = import_syukujitsu(&sjis(CSV_2028)).unwrap();
        draft.set_holidays(import.feed_entries(2027).unwrap());
        let after = draft.schedule().unwrap().day(day);
        assert!(!after.is_open());
        assert!(after.holidays_known);
        assert!(
            matches!(&after.status, DayStatus::Closed(ClosedReason::Holiday(n)) if n == "成人の日"),
            "{:?}",
            after.status
        );
        // The next day is an ordinary Tuesday.
        assert!(draft
            .schedule()
            .unwrap()
            .day(day.succ_opt().unwrap())
            .is_open());
        assert!(import.summary(HolidayCalendar::embedded()).contains("2028"));
    }
}

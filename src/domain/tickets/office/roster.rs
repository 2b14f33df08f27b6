//! The office's roster of recipients, imported from a CSV saved by Excel
//! (format: `docs/roster-format.md`).
//!
//! [`import_roster`] never stops at a bad line: every bad line becomes a [`RosterProblem`]
//! with its line number and reason, and the good lines are kept, in file order. Only a
//! file that cannot be read at all (encoding, no header, a required column missing) is a
//! [`RosterError`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::csv::{
    self, narrow, CsvError, CsvRecordError, HeaderError, Record, SheetError, TextEncoding,
};
use crate::domain::shared::date_input::parse_date;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::ticket::EmployerId;

/// Longest recipient id (ASCII characters).
pub const MAX_RECIPIENT_ID_LEN: usize = 32;
/// Most children per recipient.
pub const MAX_CHILDREN: usize = 10;
/// Longest name, employer name or contact (characters).
pub const MAX_TEXT_CHARS: usize = 200;
/// How many rows above the header (titles, notes) are skipped while looking for it.
pub const HEADER_SEARCH_ROWS: usize = 10;
/// Largest roster file accepted (bytes): 2,700 recipients take about 300 KB.
pub const MAX_ROSTER_BYTES: usize = 16 * 1024 * 1024;

/// The office's id of a recipient: 1..=32 ASCII letters, digits, `-` or `_` (full-width
/// input is narrowed). Safe in file names and links.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecipientId(String);

impl RecipientId {
    pub fn parse(text: &str) -> Option<Self> {
        let id = narrow(text).trim().to_owned();
        let ok = !id.is_empty()
            && id.len() <= MAX_RECIPIENT_ID_LEN
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then_some(Self(id))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RecipientId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for RecipientId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).ok_or_else(|| format!("invalid recipient id {s:?}"))
    }
}

impl From<RecipientId> for String {
    fn from(id: RecipientId) -> String {
        id.0
    }
}

/// One good roster line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    /// 1-based line of the CSV file.
    pub line: usize,
    pub recipient: RecipientId,
    pub name: String,
    pub employer: EmployerId,
    pub employer_name: String,
    /// Birthdates of the children, in the order given (at least one).
    pub children: Vec<NaiveDate>,
    /// Return-to-work date after childcare leave.
    pub returned: NaiveDate,
    /// E-mail address or telephone, as given (may be empty).
    pub contact: String,
}

/// Why one line was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum RosterLineError {
    Csv(CsvRecordError),
    RecipientMissing,
    RecipientInvalid(String),
    DuplicateRecipient {
        id: String,
        first: usize,
    },
    NameMissing,
    EmployerMissing,
    EmployerInvalid(String),
    BirthdateMissing,
    BirthdateInvalid(String),
    TooManyChildren,
    ReturnMissing,
    ReturnInvalid(String),
    BornAfterReturn {
        born: NaiveDate,
        returned: NaiveDate,
    },
    TooLong {
        column: &'static str,
        column_en: &'static str,
    },
    ControlCharacters {
        column: &'static str,
        column_en: &'static str,
    },
    /// An invisible or direction-changing character (`text::is_hidden_format`), named
    /// `U+XXXX`.
    HiddenCharacter {
        column: &'static str,
        column_en: &'static str,
        code_point: String,
    },
}

impl Wording for RosterLineError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => e.wording(lang),
            Self::RecipientMissing => say(lang, "受給者番号がありません", "recipient id missing"),
            Self::RecipientInvalid(text) => say!(
                lang,
                "受給者番号「{text}」が使えません（半角英数字・-・_ の32文字まで）",
                "recipient id {text:?} invalid (up to 32 letters, digits, - or _)",
            ),
            Self::DuplicateRecipient { id, first } => say!(
                lang,
                "受給者番号「{id}」が{first}行目と重複しています",
                "recipient id {id} already on line {first}",
            ),
            Self::NameMissing => say(lang, "氏名がありません", "name missing"),
            Self::EmployerMissing => say(lang, "事業所番号がありません", "employer id missing"),
            Self::EmployerInvalid(text) => say!(
                lang,
                "事業所番号「{text}」が読めません（0〜4294967295 の数字）",
                "employer id {text:?} unreadable (a number 0 to 4294967295)",
            ),
            Self::BirthdateMissing => say(lang, "子の生年月日がありません", "child birthdate missing"),
            Self::BirthdateInvalid(text) => {
                let hint = serial_hint(text, lang);
                say!(
                    lang,
                    "生年月日「{text}」が読めません{hint}",
                    "birthdate {text:?} unreadable{hint}",
                )
            }
            Self::TooManyChildren => say!(
                lang,
                "子が{MAX_CHILDREN}人を超えています",
                "more than {MAX_CHILDREN} children",
            ),
            Self::ReturnMissing => say(lang, "復職日がありません", "return-to-work date missing"),
            Self::ReturnInvalid(text) => {
                let hint = serial_hint(text, lang);
                say!(
                    lang,
                    "復職日「{text}」が読めません{hint}",
                    "return-to-work date {text:?} unreadable{hint}",
                )
            }
            Self::BornAfterReturn { born, returned } => say!(
                lang,
                "子の生年月日 {born} が復職日 {returned} より後です（名簿の復職日を更新してください）",
                "child born {born} after the return to work on {returned} (update the return date)",
            ),
            Self::TooLong { column, column_en } => say!(
                lang,
                "{column}が{MAX_TEXT_CHARS}文字を超えています",
                "{column_en} longer than {MAX_TEXT_CHARS} characters",
            ),
            Self::ControlCharacters { column, column_en } => say!(
                lang,
                "{column}に制御文字があります",
                "control characters in {column_en}",
            ),
            Self::HiddenCharacter {
                column,
                column_en,
                code_point,
            } => say!(
                lang,
                "{column}に見えない文字・文字の向きを変える文字（{code_point}）があります。消して入力し直してください",
                "{column_en} contains an invisible or direction-changing character ({code_point}); delete it and type the text again",
            ),
        }
    }
}

/// The day an Excel date serial stands for (days since 1899-12-30, as Excel counts), when
/// `text` looks like one: 4 or 5 digits between 10000 (1927) and 99999 (2173). A date
/// column formatted as a number in Excel is saved as such serials (`45678` for 2025-01-21).
pub fn excel_serial_date(text: &str) -> Option<NaiveDate> {
    let digits = narrow(text).trim().to_owned();
    if !(4..=5).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits
        .parse()
        .ok()
        .filter(|n| (10_000..=99_999).contains(n))?;
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
}

/// After "unreadable": what to do when the cell is an Excel date serial (else nothing).
fn serial_hint(text: &str, lang: Lang) -> String {
    match excel_serial_date(text) {
        Some(day) => {
            let day = day.format("%Y/%-m/%-d");
            say!(
                lang,
                "（Excel の日付の通し番号で、{day} のことのようです）。日付の列を日付の形式（2027/1/23 など）にして保存してください",
                " (an Excel date serial, apparently {day}): format the date columns as dates (e.g. 2027/1/23) and save again",
            )
        }
        None => String::new(),
    }
}

/// A bad line: its number and why (`3行目: 生年月日が読めません`, `line 3: birthdate
/// unreadable`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterProblem {
    pub line: usize,
    pub error: RosterLineError,
}

impl Wording for RosterProblem {
    fn wording(&self, lang: Lang) -> String {
        let (line, error) = (self.line, self.error.wording(lang));
        say!(lang, "{line}行目: {error}", "line {line}: {error}")
    }
}

impl std::fmt::Display for RosterProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.wording(Lang::Ja))
    }
}

impl std::error::Error for RosterProblem {}

/// Why a file could not be read as a roster at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum RosterError {
    Csv(#[from] CsvError),
    TooLarge(usize),
    NoHeader,
    /// The header row lacks required columns (every one missing, in the order of need) or
    /// repeats one.
    Header(#[from] HeaderError),
}

impl Wording for RosterError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => e.wording(lang),
            Self::TooLarge(n) => say!(
                lang,
                "ファイルが大きすぎます（{n} バイト、上限 16 MB）",
                "the file is too large ({n} bytes, limit 16 MB)",
            ),
            Self::NoHeader => say(
                lang,
                "見出し行が見つかりません（受給者番号・氏名・事業所番号・生年月日・復職日 の列が必要です）",
                "no header row found (columns needed: recipient id, name, employer id, birthdate, return-to-work date)",
            ),
            Self::Header(e) => e.wording(lang),
        }
    }
}

/// An imported roster: good lines and bad lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub encoding: TextEncoding,
    /// Line of the header row.
    pub header_line: usize,
    pub entries: Vec<RosterEntry>,
    pub problems: Vec<RosterProblem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Recipient,
    Name,
    Employer,
    EmployerName,
    Birthdate,
    Returned,
    Contact,
}

/// Header text → column. Compared after narrowing, lowercasing and removing spaces, `_`,
/// `-`, `・`, `()（）` and digits (so `子の生年月日2`, `Child 2 birthdate` match too).
fn column_of(header: &str) -> Option<Column> {
    let key: String = narrow(header)
        .to_lowercase()
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !c.is_ascii_digit()
                && !matches!(c, '_' | '-' | '・' | '(' | ')' | '（' | '）' | '#' | '.')
        })
        .collect();
    let key = key.trim_start_matches('第');
    const TABLE: &[(Column, &[&str])] = &[
        (
            Column::Recipient,
            &[
                "受給者番号",
                "受給者id",
                "受給者コード",
                "対象者番号",
                "対象者id",
                "申請者番号",
                "番号",
                "id",
                "recipientid",
                "recipient",
                "recipientno",
            ],
        ),
        (
            Column::Name,
            &[
                "氏名",
                "名前",
                "受給者氏名",
                "対象者氏名",
                "申請者氏名",
                "name",
                "fullname",
            ],
        ),
        (
            Column::Employer,
            &[
                "事業所番号",
                "事業所id",
                "事業所コード",
                "企業番号",
                "企業id",
                "企業コード",
                "勤務先番号",
                "勤務先コード",
                "事業者番号",
                "employerid",
                "employerno",
                "employercode",
            ],
        ),
        (
            Column::EmployerName,
            &[
                "事業所名",
                "事業所",
                "企業名",
                "企業",
                "勤務先",
                "勤務先名",
                "事業者名",
                "employername",
                "employer",
            ],
        ),
        (
            Column::Returned,
            &[
                "復職日",
                "職場復帰日",
                "復帰日",
                "育休復帰日",
                "育児休業復帰日",
                "復職年月日",
                "returntowork",
                "returntoworkdate",
                "returndate",
                "returned",
                "returnedon",
            ],
        ),
        (
            Column::Contact,
            &[
                "連絡先",
                "メール",
                "メールアドレス",
                "電話",
                "電話番号",
                "contact",
                "email",
                "mail",
                "phone",
            ],
        ),
    ];
    for (column, names) in TABLE {
        if names.contains(&key) {
            return Some(*column);
        }
    }
    // Any header about a birthdate is a child-birthdate column (子の生年月日, 第2子生年月日,
    // 生年月日（第1子）, child birthdate, child 2 birth date, birthdate 2, dob …).
    let birth = key.contains("生年月日")
        || key.contains("誕生日")
        || key.contains("birthdate")
        || key.contains("birthday")
        || key.contains("dateofbirth")
        || key.contains("birth")
        || key == "dob";
    birth.then_some(Column::Birthdate)
}

struct Layout {
    recipient: usize,
    name: usize,
    employer: usize,
    employer_name: Option<usize>,
    birthdates: Vec<usize>,
    returned: usize,
    contact: Option<usize>,
}

fn layout(record: &Record) -> Result<Option<Layout>, RosterError> {
    const REQUIRED: [(Column, &str, &str); 5] = [
        (Column::Recipient, "受給者番号", "recipient id"),
        (Column::Name, "氏名", "name"),
        (Column::Employer, "事業所番号", "employer id"),
        (Column::Birthdate, "子の生年月日", "child birthdate"),
        (Column::Returned, "復職日", "return-to-work date"),
    ];
    // A child per birthdate column: that column may stand more than once.
    let Some(found) =
        csv::header_columns(record, column_of, |c| c == Column::Birthdate, &REQUIRED)?
    else {
        return Ok(None);
    };
    let get = |c: Column| found.iter().find(|(x, _)| *x == c).map(|(_, i)| *i);
    let (Some(recipient), Some(name), Some(employer), Some(returned)) = (
        get(Column::Recipient),
        get(Column::Name),
        get(Column::Employer),
        get(Column::Returned),
    ) else {
        // Not reached: `header_columns` has refused a row without every required column.
        return Ok(None);
    };
    Ok(Some(Layout {
        recipient,
        name,
        employer,
        employer_name: get(Column::EmployerName),
        birthdates: found
            .iter()
            .filter(|(c, _)| *c == Column::Birthdate)
            .map(|(_, i)| *i)
            .collect(),
        returned,
        contact: get(Column::Contact),
    }))
}

fn text_cell(
    record: &Record,
    index: Option<usize>,
    column: &'static str,
    column_en: &'static str,
) -> Result<String, RosterLineError> {
    let raw = index
        .and_then(|i| record.fields.get(i))
        .map(String::as_str)
        .unwrap_or("");
    // A line break inside a cell (Alt+Enter in Excel) becomes a space.
    let text = raw
        .replace("\r\n", " ")
        .replace(['\u{3000}', '\r', '\n'], " ")
        .trim()
        .to_owned();
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(RosterLineError::TooLong { column, column_en });
    }
    if text.chars().any(char::is_control) {
        return Err(RosterLineError::ControlCharacters { column, column_en });
    }
    if let Some(code_point) = crate::domain::shared::text::first_hidden_format(&text) {
        return Err(RosterLineError::HiddenCharacter {
            column,
            column_en,
            code_point,
        });
    }
    Ok(text)
}

/// Birthdates in one cell may be separated by `;`, `；`, `、`, `,`, `，`, `・` or line breaks.
fn split_dates(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([';', '；', '、', ',', '，', '・', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn entry(record: &Record, l: &Layout) -> Result<RosterEntry, RosterLineError> {
    let cell = |i: usize| {
        record
            .fields
            .get(i)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
    };
    let recipient_text = cell(l.recipient);
    if recipient_text.is_empty() {
        return Err(RosterLineError::RecipientMissing);
    }
    let recipient = RecipientId::parse(recipient_text)
        .ok_or_else(|| RosterLineError::RecipientInvalid(recipient_text.to_owned()))?;
    let name = text_cell(record, Some(l.name), "氏名", "name")?;
    if name.is_empty() {
        return Err(RosterLineError::NameMissing);
    }
    let employer_text = narrow(cell(l.employer)).trim().to_owned();
    if employer_text.is_empty() {
        return Err(RosterLineError::EmployerMissing);
    }
    let employer = employer_text
        .parse::<u32>()
        .ok()
        .filter(|_| employer_text.bytes().all(|b| b.is_ascii_digit()))
        .map(EmployerId)
        .ok_or(RosterLineError::EmployerInvalid(employer_text))?;
    let employer_name = text_cell(record, l.employer_name, "事業所名", "employer name")?;
    let mut children = Vec::new();
    for &i in &l.birthdates {
        for text in split_dates(cell(i)) {
            let born =
                parse_date(text).ok_or_else(|| RosterLineError::BirthdateInvalid(text.into()))?;
            children.push(born);
        }
    }
    if children.is_empty() {
        return Err(RosterLineError::BirthdateMissing);
    }
    if children.len() > MAX_CHILDREN {
        return Err(RosterLineError::TooManyChildren);
    }
    let returned_text = cell(l.returned);
    if returned_text.is_empty() {
        return Err(RosterLineError::ReturnMissing);
    }
    let returned = parse_date(returned_text)
        .ok_or_else(|| RosterLineError::ReturnInvalid(returned_text.into()))?;
    if let Some(&born) = children.iter().find(|b| **b > returned) {
        return Err(RosterLineError::BornAfterReturn { born, returned });
    }
    let contact = text_cell(record, l.contact, "連絡先", "contact")?;
    Ok(RosterEntry {
        line: record.line,
        recipient,
        name,
        employer,
        employer_name,
        children,
        returned,
        contact,
    })
}

/// Imports a roster file (bytes as read from disk or a file input).
pub fn import_roster(bytes: &[u8]) -> Result<Roster, RosterError> {
    let sheet = csv::read_sheet(bytes, MAX_ROSTER_BYTES, HEADER_SEARCH_ROWS, layout).map_err(
        |e| match e {
            SheetError::TooLarge(n) => RosterError::TooLarge(n),
            SheetError::Csv(e) => RosterError::Csv(e),
            SheetError::NoHeader => RosterError::NoHeader,
            SheetError::Header(e) => e,
        },
    )?;
    let layout = sheet.header;
    let mut problems = Vec::new();
    let mut entries: Vec<RosterEntry> = Vec::new();
    let mut first_line = std::collections::HashMap::new();
    for record in sheet.rows {
        let record = match record {
            Ok(r) => r,
            Err((line, e)) => {
                problems.push(RosterProblem {
                    line,
                    error: RosterLineError::Csv(e),
                });
                continue;
            }
        };
        let line = record.line;
        match entry(&record, &layout) {
            Ok(e) => {
                if let Some(&first) = first_line.get(&e.recipient) {
                    problems.push(RosterProblem {
                        line,
                        error: RosterLineError::DuplicateRecipient {
                            id: e.recipient.to_string(),
                            first,
                        },
                    });
                } else {
                    first_line.insert(e.recipient.clone(), line);
                    entries.push(e);
                }
            }
            Err(error) => problems.push(RosterProblem { line, error }),
        }
    }
    Ok(Roster {
        encoding: sheet.encoding,
        header_line: sheet.header_line,
        entries,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const ROSTER: &str = "令和8年度 すみまセンエン 対象者名簿\r\n\
        \r\n\
        受給者番号,氏名,事業所番号,事業所名,子の生年月日,第2子生年月日,復職日,連絡先\r\n\
        A0001,旭川 花子,１２３４,旭川精機株式会社,2024/4/1,,2025/4/1,hanako@example.jp\r\n\
        A0002,神楽 桜,1234,旭川精機株式会社,令和6年5月31日,R7.2.28,2025-06-16,090-0000-0000\r\n\
        A0003,\"永山, 葵\",77,\"カフェ \"\"ゆきの\"\"\",２０２４年２月２９日,,２０２５年４月１日,\r\n\
        A0004,東光 楓,77,カフェゆきの,2024/13/1,,2025/4/1,\r\n\
        ,名無し,77,カフェゆきの,2024/1/1,,2025/4/1,\r\n\
        A0001,二重 登録,77,カフェゆきの,2024/1/1,,2025/4/1,\r\n\
        A0007,末広 茜,7x,カフェゆきの,2024/1/1,,2025/4/1,\r\n\
        A0008,春光 結,77,カフェゆきの,2024/1/1,,,\r\n\
        A0009,豊岡 凛,77,カフェゆきの,2025/5/1,,2025/4/1,\r\n\
        ,,,,,,,\r\n\
        A0010,緑町 紬,88,\"旭川\r\n市役所\",\"2023/10/1、2025/1/1\",,2025/3/1,\r\n\
        A0011,after a quoted line break,88,,2024/1/1,,2025/3/1x,\r\n";

    fn import(bytes: &[u8]) -> Roster {
        import_roster(bytes).unwrap()
    }

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("Csv", &RosterLineError::Csv(CsvRecordError::TextAfterQuote)),
            ("RecipientMissing", &RosterLineError::RecipientMissing),
            (
                "RecipientInvalid",
                &RosterLineError::RecipientInvalid("x".into()),
            ),
            (
                "DuplicateRecipient",
                &RosterLineError::DuplicateRecipient {
                    id: "A1".into(),
                    first: 3,
                },
            ),
            ("NameMissing", &RosterLineError::NameMissing),
            ("EmployerMissing", &RosterLineError::EmployerMissing),
            (
                "EmployerInvalid",
                &RosterLineError::EmployerInvalid("x".into()),
            ),
            ("BirthdateMissing", &RosterLineError::BirthdateMissing),
            (
                "BirthdateInvalid",
                &RosterLineError::BirthdateInvalid("x".into()),
            ),
            ("TooManyChildren", &RosterLineError::TooManyChildren),
            ("ReturnMissing", &RosterLineError::ReturnMissing),
            ("ReturnInvalid", &RosterLineError::ReturnInvalid("x".into())),
            (
                "BornAfterReturn",
                &RosterLineError::BornAfterReturn {
                    born: d(2025, 5, 1),
                    returned: d(2025, 4, 1),
                },
            ),
            (
                "TooLong",
                &RosterLineError::TooLong {
                    column: "氏名",
                    column_en: "name",
                },
            ),
            (
                "ControlCharacters",
                &RosterLineError::ControlCharacters {
                    column: "氏名",
                    column_en: "name",
                },
            ),
            (
                "HiddenCharacter",
                &RosterLineError::HiddenCharacter {
                    column: "氏名",
                    column_en: "name",
                    code_point: "U+202E".into(),
                },
            ),
            (
                "Problem",
                &RosterProblem {
                    line: 4,
                    error: RosterLineError::NameMissing,
                },
            ),
            ("Csv", &RosterError::Csv(CsvError::Empty)),
            ("TooLarge", &RosterError::TooLarge(3)),
            ("NoHeader", &RosterError::NoHeader),
            (
                "MissingColumns",
                &RosterError::Header(HeaderError::MissingColumns {
                    line: 3,
                    columns: vec![("氏名", "name"), ("復職日", "return-to-work date")],
                }),
            ),
            (
                "DuplicateColumn",
                &RosterError::Header(HeaderError::DuplicateColumn {
                    line: 3,
                    header: "name".into(),
                }),
            ),
        ]);
    }

    #[test]
    fn good_lines_kept_bad_lines_reported_with_numbers() {
        let roster = import(ROSTER.as_bytes());
        assert_eq!(roster.header_line, 3);
        let ids: Vec<&str> = roster
            .entries
            .iter()
            .map(|e| e.recipient.as_str())
            .collect();
        assert_eq!(ids, ["A0001", "A0002", "A0003", "A0010"]);
        let first = &roster.entries[0];
        assert_eq!(first.line, 4);
        assert_eq!(first.employer, EmployerId(1234));
        assert_eq!(first.children, [d(2024, 4, 1)]);
        assert_eq!(first.returned, d(2025, 4, 1));
        assert_eq!(first.contact, "hanako@example.jp");
        assert_eq!(roster.entries[1].children, [d(2024, 5, 31), d(2025, 2, 28)]);
        assert_eq!(roster.entries[2].name, "永山, 葵");
        assert_eq!(roster.entries[2].employer_name, "カフェ \"ゆきの\"");
        assert_eq!(roster.entries[2].children, [d(2024, 2, 29)]);
        let last = &roster.entries[3];
        assert_eq!(last.line, 14);
        assert_eq!(last.children, [d(2023, 10, 1), d(2025, 1, 1)]);
        assert_eq!(last.employer_name, "旭川 市役所");
        let words =
            |lang| -> Vec<String> { roster.problems.iter().map(|p| p.wording(lang)).collect() };
        assert_eq!(
            words(Lang::Ja),
            [
                "7行目: 生年月日「2024/13/1」が読めません",
                "8行目: 受給者番号がありません",
                "9行目: 受給者番号「A0001」が4行目と重複しています",
                "10行目: 事業所番号「7x」が読めません（0〜4294967295 の数字）",
                "11行目: 復職日がありません",
                "12行目: 子の生年月日 2025-05-01 が復職日 2025-04-01 より後です（名簿の復職日を更新してください）",
                "16行目: 復職日「2025/3/1x」が読めません",
            ]
        );
        assert_eq!(
            words(Lang::En),
            [
                "line 7: birthdate \"2024/13/1\" unreadable",
                "line 8: recipient id missing",
                "line 9: recipient id A0001 already on line 4",
                "line 10: employer id \"7x\" unreadable (a number 0 to 4294967295)",
                "line 11: return-to-work date missing",
                "line 12: child born 2025-05-01 after the return to work on 2025-04-01 (update the return date)",
                "line 16: return-to-work date \"2025/3/1x\" unreadable",
            ]
        );
        assert_eq!(
            roster.problems[0].to_string(),
            "7行目: 生年月日「2024/13/1」が読めません"
        );
    }

    #[test]
    fn names_with_invisible_or_direction_changing_characters_are_refused_per_line() {
        // A name that displays as one person and reads as another (Trojan Source), or
        // with invisible characters that make two recipients look alike.
        let csv = "受給者番号,氏名,事業所番号,事業所名,子の生年月日,復職日\r\n\
            A0001,旭川 花子,1,旭川精機,2024/4/1,2025/4/1\r\n\
            A0002,旭川\u{202E}子花,1,旭川精機,2024/4/1,2025/4/1\r\n\
            A0003,神楽\u{200B}桜,1,旭川精機,2024/4/1,2025/4/1\r\n\
            A0004,永山 葵,1,旭川\u{2066}精機\u{2069},2024/4/1,2025/4/1\r\n\
            A0005,\u{FEFF}東光 楓,1,旭川精機,2024/4/1,2025/4/1\r\n\
            A0006,葛\u{E0100}城 凛,1,旭川精機,2024/4/1,2025/4/1\r\n";
        let roster = import(csv.as_bytes());
        let ids: Vec<&str> = roster
            .entries
            .iter()
            .map(|e| e.recipient.as_str())
            .collect();
        assert_eq!(
            ids,
            ["A0001", "A0006"],
            "a variation selector is a real glyph"
        );
        let words: Vec<String> = roster
            .problems
            .iter()
            .map(|p| p.wording(Lang::En))
            .collect();
        assert_eq!(
            words,
            [
                "line 3: name contains an invisible or direction-changing character (U+202E); delete it and type the text again",
                "line 4: name contains an invisible or direction-changing character (U+200B); delete it and type the text again",
                "line 5: employer name contains an invisible or direction-changing character (U+2066); delete it and type the text again",
                "line 6: name contains an invisible or direction-changing character (U+FEFF); delete it and type the text again",
            ]
        );
        assert_eq!(
            roster.problems[0].wording(Lang::Ja),
            "3行目: 氏名に見えない文字・文字の向きを変える文字（U+202E）があります。消して入力し直してください"
        );
    }

    #[test]
    fn shift_jis_and_utf8_bom_give_the_same_roster() {
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(ROSTER);
        assert!(!unmappable, "test data must be representable in Shift_JIS");
        let mut bom = csv::UTF8_BOM.to_vec();
        bom.extend_from_slice(ROSTER.as_bytes());
        let a = import(&sjis);
        let b = import(&bom);
        let c = import(ROSTER.as_bytes());
        assert_eq!(a.encoding, TextEncoding::ShiftJis);
        assert_eq!(b.encoding, TextEncoding::Utf8Bom);
        assert_eq!(c.encoding, TextEncoding::Utf8);
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.problems, b.problems);
        assert_eq!(b.entries, c.entries);
        assert_eq!(a.entries.len(), 4);
        assert_eq!(a.entries[0].name, "旭川 花子");
    }

    #[test]
    fn english_header_and_column_order_do_not_matter() {
        let text = "Name,Recipient ID,Return to work,Child 1 birthdate,Child 2 birthdate,Employer ID,Employer name,Email\n\
                    Hanako Asahikawa,B-1,2025/4/1,2024/4/1,2025/3/3,5,Asahikawa Works,h@example.jp\n";
        let roster = import(text.as_bytes());
        assert!(roster.problems.is_empty(), "{:?}", roster.problems);
        let e = &roster.entries[0];
        assert_eq!(e.recipient.as_str(), "B-1");
        assert_eq!(e.name, "Hanako Asahikawa");
        assert_eq!(e.children, [d(2024, 4, 1), d(2025, 3, 3)]);
        assert_eq!(e.employer, EmployerId(5));
        assert_eq!(e.contact, "h@example.jp");
    }

    #[test]
    fn an_excel_date_serial_says_to_format_the_column_as_dates() {
        assert_eq!(excel_serial_date("45678"), Some(d(2025, 1, 21)));
        assert_eq!(excel_serial_date("４５６７８"), Some(d(2025, 1, 21)));
        assert_eq!(excel_serial_date("2024"), None);
        assert_eq!(excel_serial_date("20240401"), None);
        let roster = import(
            "受給者番号,氏名,事業所番号,子の生年月日,復職日\n\
             A1,旭川 花子,7,45292,2025/4/1\n\
             A2,神楽 桜,7,2024/1/1,45678\n\
             A3,永山 葵,7,2024/1/x,2025/4/1\n"
                .as_bytes(),
        );
        let said: Vec<String> = roster
            .problems
            .iter()
            .map(|p| p.wording(Lang::Ja))
            .collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].starts_with("2行目: 生年月日「45292」が読めません（Excel の日付の通し番号で、2024/1/1 のことのようです）"), "{}", said[0]);
        assert!(
            said[0].ends_with("日付の列を日付の形式（2027/1/23 など）にして保存してください"),
            "{}",
            said[0]
        );
        assert!(said[1].contains("復職日「45678」"), "{}", said[1]);
        assert!(
            said[1].contains("日付の列を日付の形式（2027/1/23 など）にして保存してください"),
            "{}",
            said[1]
        );
        // A date that is simply wrong gets no Excel hint.
        assert_eq!(said[2], "4行目: 生年月日「2024/1/x」が読めません");
        let en = roster.problems[1].wording(Lang::En);
        assert!(en.contains("format the date columns as dates"), "{en}");
    }

    #[test]
    fn whole_file_errors() {
        assert_eq!(import_roster(b"a,b,c\n1,2,3\n"), Err(RosterError::NoHeader));
        assert_eq!(
            import_roster("受給者番号,氏名,事業所番号,生年月日\n".as_bytes()),
            Err(RosterError::Header(HeaderError::MissingColumns {
                line: 1,
                columns: vec![("復職日", "return-to-work date")]
            }))
        );
        // Every missing column at once (here two of five), not one per try.
        let e = import_roster("受給者番号,氏名,生年月日\n".as_bytes()).unwrap_err();
        assert_eq!(
            e,
            RosterError::Header(HeaderError::MissingColumns {
                line: 1,
                columns: vec![
                    ("事業所番号", "employer id"),
                    ("復職日", "return-to-work date")
                ]
            })
        );
        assert_eq!(
            e.wording(Lang::Ja),
            "見出し行（1行目）に「事業所番号」「復職日」の列がありません（2列）。列を足して保存し直してください"
        );
        // An Excel workbook chosen instead of its CSV.
        let e = import_roster(b"PK\x03\x04\x14\x00\x06\x00\x08\x00").unwrap_err();
        assert_eq!(e, RosterError::Csv(CsvError::Excel));
        assert!(e
            .wording(Lang::Ja)
            .starts_with("Excelのファイルです。CSVで保存してください"));
        assert!(matches!(
            import_roster("受給者番号,氏名,氏名,事業所番号,生年月日,復職日\n".as_bytes()),
            Err(RosterError::Header(HeaderError::DuplicateColumn {
                line: 1,
                ..
            }))
        ));
        assert_eq!(import_roster(b""), Err(RosterError::Csv(CsvError::Empty)));
        let huge = vec![b'a'; MAX_ROSTER_BYTES + 1];
        assert_eq!(
            import_roster(&huge),
            Err(RosterError::TooLarge(MAX_ROSTER_BYTES + 1))
        );
    }
}

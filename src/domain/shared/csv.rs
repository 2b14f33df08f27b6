//! CSV as the city office really has it: files saved from Excel.
//!
//! - **Decoding** ([`decode`]): UTF-8 with a BOM (Excel's "CSV UTF-8"), UTF-8 without a
//!   BOM, or Shift_JIS (Excel's plain "CSV" on a Japanese Windows, i.e. CP932; decoded with
//!   `encoding_rs`'s WHATWG Shift_JIS, which is CP932 including the NEC/IBM extensions).
//!   Detection: a UTF-8 BOM wins; otherwise valid UTF-8 is UTF-8; otherwise the bytes must
//!   decode as Shift_JIS without a single error, or the file is refused (no guessing that
//!   silently turns names into mojibake).
//! - **Reading** ([`parse`]): RFC 4180: fields separated by commas, records by CRLF or LF,
//!   a quoted field may contain commas, line breaks and doubled quotes (`""`). Every record
//!   carries the physical line it starts on, so errors can say "line 7".
//! - **Writing** ([`write`]): UTF-8 **with** BOM (so Excel opens Japanese intact), CRLF,
//!   fields quoted when they contain a comma, quote, CR or LF. A text cell starting with
//!   `=`, `+`, `-`, `@` (a formula to Excel: "CSV injection") gets a leading `'`.

use thiserror::Error;

use super::text::Lang;
use super::wording::{say, Wording};

/// The UTF-8 byte order mark.
pub const UTF8_BOM: &[u8; 3] = b"\xEF\xBB\xBF";

/// Which encoding [`decode`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    /// UTF-8 starting with a BOM (Excel "CSV UTF-8").
    Utf8Bom,
    /// UTF-8 without a BOM.
    Utf8,
    /// Shift_JIS / CP932 (Excel "CSV" on Japanese Windows).
    ShiftJis,
}

impl TextEncoding {
    /// What to show the office: `Shift_JIS (CP932)`.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8Bom => "UTF-8 (BOM付き / with BOM)",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::ShiftJis => "Shift_JIS (CP932)",
        }
    }

    /// What to show on a page in `lang` (one language): `UTF-8（BOM付き）` / `UTF-8 (with BOM)`.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TextEncoding::Utf8Bom, Lang::Ja) => "UTF-8（BOM付き）",
            (TextEncoding::Utf8Bom, Lang::En) => "UTF-8 (with BOM)",
            (other, _) => other.label(),
        }
    }
}

/// Why a file could not be read as CSV text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum CsvError {
    Empty,
    Utf16,
    UnknownEncoding,
    /// An Excel workbook (`.xlsx` or `.xls`), not a CSV saved from it.
    Excel,
}

impl Wording for CsvError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Empty => say(lang, "ファイルが空です", "the file is empty"),
            Self::Utf16 => say(
                lang,
                "UTF-16 のファイルは読めません。Excel で「CSV UTF-8」か「CSV」で保存してください",
                "UTF-16 files are not supported: save as \"CSV UTF-8\" or \"CSV\" from Excel",
            ),
            Self::UnknownEncoding => say(
                lang,
                "文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）",
                "unknown text encoding (neither UTF-8 nor Shift_JIS)",
            ),
            Self::Excel => say(
                lang,
                "Excelのファイルです。CSVで保存してください（Excel の「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選びます）",
                "This is an Excel workbook: save it as CSV (in Excel, Save As and choose \"CSV UTF-8 (Comma delimited)\")",
            ),
        }
    }
}

/// Why one record could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum CsvRecordError {
    UnclosedQuote,
    TextAfterQuote,
}

impl Wording for CsvRecordError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::UnclosedQuote => say(
                lang,
                "引用符（\"）が閉じられていません",
                "a quoted field is not closed",
            ),
            Self::TextAfterQuote => say(
                lang,
                "引用符（\"）の後に余分な文字があります",
                "text after a closing quote",
            ),
        }
    }
}

/// Decodes a file's bytes to text (see the module docs for the detection rule). The BOM is
/// removed.
pub fn decode(bytes: &[u8]) -> Result<(String, TextEncoding), CsvError> {
    if bytes.is_empty() {
        return Err(CsvError::Empty);
    }
    if is_excel(bytes) {
        return Err(CsvError::Excel);
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return String::from_utf8(rest.to_vec())
            .map(|s| (s, TextEncoding::Utf8Bom))
            .map_err(|_| CsvError::UnknownEncoding);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(CsvError::Utf16);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), TextEncoding::Utf8));
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(CsvError::UnknownEncoding);
    }
    Ok((text.into_owned(), TextEncoding::ShiftJis))
}

/// Is this an Excel workbook rather than text? `.xlsx` is a ZIP archive (`PK\x03\x04`),
/// `.xls` an OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): neither can be a CSV.
pub fn is_excel(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Why a file chosen where the page wants a JSON file it saved (register, settlement state,
/// feed) is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum JsonFileError {
    /// An Excel workbook.
    Excel,
    /// Not UTF-8 text.
    NotText,
}

impl Wording for JsonFileError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Excel => say(
                lang,
                "Excelのファイルです。ここでは、このページで保存した .json のファイルを選んでください",
                "This is an Excel workbook. Here, choose the .json file this page saved",
            ),
            Self::NotText => say(
                lang,
                "文字のファイルではありません。このページで保存した .json のファイルを選んでください",
                "This is not a text file. Choose the .json file this page saved",
            ),
        }
    }
}

/// The text of a file that should be JSON (a UTF-8 BOM dropped): an Excel workbook or bytes
/// that are not UTF-8 are said as such, not as a JSON error at line 1 column 1.
pub fn json_text(bytes: &[u8]) -> Result<String, JsonFileError> {
    if is_excel(bytes) {
        return Err(JsonFileError::Excel);
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    String::from_utf8(body.to_vec()).map_err(|_| JsonFileError::NotText)
}

/// One CSV record and the 1-based physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Record {
    /// A record of empty cells only (Excel writes `,,,,` for an empty row).
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// One record or why it could not be read, with the line it starts on.
pub type RecordResult = Result<Record, (usize, CsvRecordError)>;

/// Splits text into records (RFC 4180, CRLF or LF). A bad record is reported and reading
/// resumes at the next line, so one stray quote costs one line, not the file. A final line
/// break does not make an extra record.
pub fn parse(text: &str) -> Vec<RecordResult> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut error = None;
        // Reads one record.
        loop {
            match chars.next() {
                None => {
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some('\n') | Some('\r') => {
                    line += 1;
                    fields.push(std::mem::take(&mut field));
                    break;
                }
                Some(',') => fields.push(std::mem::take(&mut field)),
                Some('"') if field.is_empty() => {
                    // A quoted field: up to the closing quote.
                    let mut closed = false;
                    while let Some(c) = chars.next() {
                        match c {
                            '"' if chars.peek() == Some(&'"') => {
                                chars.next();
                                field.push('"');
                            }
                            '"' => {
                                closed = true;
                                break;
                            }
                            '\r' if chars.peek() == Some(&'\n') => {
                                chars.next();
                                line += 1;
                                field.push_str("\r\n");
                            }
                            '\n' | '\r' => {
                                line += 1;
                                field.push(c);
                            }
                            c => field.push(c),
                        }
                    }
                    if !closed {
                        error = Some(CsvRecordError::UnclosedQuote);
                        break;
                    }
                    match chars.peek() {
                        None | Some(',') | Some('\r') | Some('\n') => {}
                        Some(_) => {
                            error = Some(CsvRecordError::TextAfterQuote);
                            // Skip to the end of this line.
                            for c in chars.by_ref() {
                                if c == '\n' {
                                    line += 1;
                                    break;
                                }
                            }
                            break;
                        }
                    }
                }
                // A quote inside an unquoted field is kept as text (Excel never writes
                // one, people typing do).
                Some(c) => field.push(c),
            }
        }
        out.push(match error {
            None => Ok(Record {
                line: start,
                fields,
            }),
            Some(e) => Err((start, e)),
        });
    }
    out
}

/// A table the office keeps in a spreadsheet, read from its CSV file: the header row
/// (found among the first rows, so a title or a note above it is skipped) and every row
/// after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet<H> {
    pub encoding: TextEncoding,
    /// The line of the header row.
    pub header_line: usize,
    /// What the caller made of the header row (its columns).
    pub header: H,
    /// The rows after the header in file order, blank rows left out; a row that could
    /// not be read is its line and why, so the caller reports it with the others.
    pub rows: Vec<RecordResult>,
}

/// Why a file is not a table at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError<E> {
    /// More than the caller's limit (the size in bytes).
    TooLarge(usize),
    /// Not text in a known encoding.
    Csv(CsvError),
    /// No header row among the first rows.
    NoHeader,
    /// The caller refused a header row (a column missing or repeated).
    Header(E),
}

/// Why a header row cannot be used (the shop list and the roster say it alike).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum HeaderError {
    /// Required columns missing: every one, in the caller's order of need (Japanese and
    /// English names).
    MissingColumns {
        line: usize,
        columns: Vec<(&'static str, &'static str)>,
    },
    /// A column that may stand once is named twice (the header cell as written).
    DuplicateColumn { line: usize, header: String },
}

impl Wording for HeaderError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::MissingColumns { line, columns } => {
                let ja: String = columns.iter().map(|(ja, _)| format!("「{ja}」")).collect();
                let en = columns
                    .iter()
                    .map(|(_, en)| *en)
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = columns.len();
                say!(
                    lang,
                    "見出し行（{line}行目）に{ja}の列がありません（{n}列）。列を足して保存し直してください",
                    "header row (line {line}) lacks these columns: {en} ({n}); add them and save again",
                )
            }
            Self::DuplicateColumn { line, header } => say!(
                lang,
                "見出し行（{line}行目）で「{header}」が2回あります",
                "header row (line {line}) repeats {header:?}",
            ),
        }
    }
}

/// The columns of a header row, for [`read_sheet`]'s `header`: each cell `column_of`
/// knows, with its index, in the row's order. A column stands once unless `repeats` says
/// it may stand again. A row naming fewer than three of `required` is not the header (a
/// title or a data row: `None`); one naming three or more but not all is refused with
/// every missing column at once, in `required`'s order.
pub fn header_columns<C: Copy + PartialEq>(
    record: &Record,
    column_of: impl Fn(&str) -> Option<C>,
    repeats: impl Fn(C) -> bool,
    required: &[(C, &'static str, &'static str)],
) -> Result<Option<Vec<(C, usize)>>, HeaderError> {
    let mut found: Vec<(C, usize)> = Vec::new();
    for (i, header) in record.fields.iter().enumerate() {
        if let Some(column) = column_of(header) {
            if !repeats(column) && found.iter().any(|(c, _)| *c == column) {
                return Err(HeaderError::DuplicateColumn {
                    line: record.line,
                    header: header.trim().to_owned(),
                });
            }
            found.push((column, i));
        }
    }
    let has = |c: C| found.iter().any(|(x, _)| *x == c);
    let missing: Vec<(&'static str, &'static str)> = required
        .iter()
        .filter(|(c, ..)| !has(*c))
        .map(|(_, ja, en)| (*ja, *en))
        .collect();
    if required.len() - missing.len() < 3 {
        return Ok(None);
    }
    if !missing.is_empty() {
        return Err(HeaderError::MissingColumns {
            line: record.line,
            columns: missing,
        });
    }
    Ok(Some(found))
}

/// Reads a spreadsheet's CSV file ([`decode`], then [`parse`]): at most `max_bytes`; the
/// header row is the first of the first `search_rows` non-blank rows for which `header`
/// says `Some` (rows it says `None` to are titles, skipped; an error refuses the file).
pub fn read_sheet<H, E>(
    bytes: &[u8],
    max_bytes: usize,
    search_rows: usize,
    mut header: impl FnMut(&Record) -> Result<Option<H>, E>,
) -> Result<Sheet<H>, SheetError<E>> {
    if bytes.len() > max_bytes {
        return Err(SheetError::TooLarge(bytes.len()));
    }
    let (text, encoding) = decode(bytes).map_err(SheetError::Csv)?;
    let mut rows = parse(&text)
        .into_iter()
        .filter(|r| !r.as_ref().is_ok_and(Record::is_blank));
    let mut found = None;
    // A row that cannot be read counts towards the search but is no header.
    for r in rows.by_ref().take(search_rows).flatten() {
        if let Some(h) = header(&r).map_err(SheetError::Header)? {
            found = Some((r.line, h));
            break;
        }
    }
    let (header_line, header) = found.ok_or(SheetError::NoHeader)?;
    Ok(Sheet {
        encoding,
        header_line,
        header,
        rows: rows.collect(),
    })
}

fn needs_quotes(field: &str) -> bool {
    field.contains([',', '"', '\r', '\n'])
}

fn is_number(field: &str) -> bool {
    let digits = field.strip_prefix(['-', '+']).unwrap_or(field);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// One cell as written: formula-looking text defused with a leading `'`, quoted if
/// needed.
pub fn cell(field: &str) -> String {
    let defused;
    let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(field) {
        defused = format!("'{field}");
        defused.as_str()
    } else {
        field
    };
    if needs_quotes(field) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Writes rows as CSV text: CRLF after every row, no BOM (see [`write`]).
pub fn write_text<R, F>(rows: R) -> String
where
    R: IntoIterator<Item = F>,
    F: IntoIterator,
    F::Item: AsRef<str>,
{
    let mut out = String::new();
    for row in rows {
        let mut first = true;
        for field in row {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&cell(field.as_ref()));
        }
        out.push_str("\r\n");
    }
    out
}

/// Writes rows as a CSV file for Excel: UTF-8 with BOM, CRLF.
pub fn write<R, F>(rows: R) -> Vec<u8>
where
    R: IntoIterator<Item = F>,
    F: IntoIterator,
    F::Item: AsRef<str>,
{
    let text = write_text(rows);
    let mut out = Vec::with_capacity(3 + text.len());
    out.extend_from_slice(UTF8_BOM);
    out.extend_from_slice(text.as_bytes());
    out
}

/// Full-width ASCII (`０１２ＡＢＣ－／`) to ASCII and the ideographic space to a space,
/// as Japanese input methods type them. Other characters are unchanged.
pub fn narrow(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            // Minus signs and hyphens some fonts and IMEs produce for '-'.
            '\u{2212}' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Vec<(usize, Vec<String>)> {
        parse(text)
            .into_iter()
            .map(|r| {
                let r = r.unwrap();
                (r.line, r.fields)
            })
            .collect()
    }

    fn v(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_sheet_skips_titles_and_blank_rows_up_to_its_header() {
        let header = |r: &Record| -> Result<Option<usize>, ()> {
            match r.fields.first().map(String::as_str) {
                Some("id") => Ok(Some(r.fields.len())),
                Some("bad") => Err(()),
                _ => Ok(None),
            }
        };
        let text = "A title\r\n,,\r\n\"x\"y\r\nid,name\r\n1,a\r\n,,\r\n\"x\"y,b\r\n2,b\r\n";
        let sheet = read_sheet(text.as_bytes(), 1000, 10, header).unwrap();
        assert_eq!((sheet.header_line, sheet.header), (4, 2));
        let rows: Vec<Result<usize, CsvRecordError>> = sheet
            .rows
            .into_iter()
            .map(|r| r.map(|r| r.line).map_err(|(_, e)| e))
            .collect();
        assert_eq!(rows, [Ok(5), Err(CsvRecordError::TextAfterQuote), Ok(8)]);
        assert_eq!(
            read_sheet(text.as_bytes(), 10, 10, header),
            Err(SheetError::TooLarge(text.len()))
        );
        assert_eq!(
            read_sheet(text.as_bytes(), 1000, 2, header),
            Err(SheetError::NoHeader)
        );
        assert_eq!(
            read_sheet(b"", 1000, 2, header),
            Err(SheetError::Csv(CsvError::Empty))
        );
        assert_eq!(
            read_sheet(b"bad\n", 1000, 2, header),
            Err(SheetError::Header(()))
        );
    }

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("Empty", &CsvError::Empty),
            ("Utf16", &CsvError::Utf16),
            ("UnknownEncoding", &CsvError::UnknownEncoding),
            ("Excel", &CsvError::Excel),
            ("JsonExcel", &JsonFileError::Excel),
            ("JsonNotText", &JsonFileError::NotText),
            ("UnclosedQuote", &CsvRecordError::UnclosedQuote),
            ("TextAfterQuote", &CsvRecordError::TextAfterQuote),
            (
                "MissingColumns",
                &HeaderError::MissingColumns {
                    line: 2,
                    columns: vec![("氏名", "name"), ("住所", "address")],
                },
            ),
            (
                "DuplicateColumn",
                &HeaderError::DuplicateColumn {
                    line: 2,
                    header: "name".into(),
                },
            ),
        ]);
        assert_eq!(CsvError::Empty.to_string(), "ファイルが空です");
    }

    #[test]
    fn rfc4180_quoting_and_line_endings() {
        let text = "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n";
        assert_eq!(
            ok(text),
            vec![
                (1, v(&["a", "b", "c"])),
                (2, v(&["x,y", "say \"hi\"", "two\r\nlines"])),
                (4, v(&["last", "", ""])),
            ]
        );
        // No final line break; LF only; an empty quoted field.
        assert_eq!(
            ok("1,\"\"\n2,3"),
            vec![(1, v(&["1", ""])), (2, v(&["2", "3"]))]
        );
    }

    #[test]
    fn a_bad_record_costs_one_line() {
        let records = parse("a,b\n\"x\"y,z\nc,d\n\"open,e\nf\n");
        assert_eq!(
            records[0],
            Ok(Record {
                line: 1,
                fields: v(&["a", "b"])
            })
        );
        assert_eq!(records[1], Err((2, CsvRecordError::TextAfterQuote)));
        assert_eq!(
            records[2],
            Ok(Record {
                line: 3,
                fields: v(&["c", "d"])
            })
        );
        assert_eq!(records[3], Err((4, CsvRecordError::UnclosedQuote)));
        assert_eq!(records.len(), 4);
    }

    #[test]
    fn encodings_are_detected() {
        let text = "氏名,生年月日\r\n旭川 花子,2024/4/1\r\n";
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!bad);
        assert_eq!(decode(&sjis), Ok((text.to_owned(), TextEncoding::ShiftJis)));
        let mut bom = UTF8_BOM.to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom), Ok((text.to_owned(), TextEncoding::Utf8Bom)));
        assert_eq!(
            decode(text.as_bytes()),
            Ok((text.to_owned(), TextEncoding::Utf8))
        );
        assert_eq!(decode(b""), Err(CsvError::Empty));
        assert_eq!(decode(b"\xFF\xFEa\0"), Err(CsvError::Utf16));
        // An Excel workbook chosen instead of its CSV: said so, not "unknown encoding".
        assert_eq!(decode(b"PK\x03\x04\x14\x00\x06\x00"), Err(CsvError::Excel));
        assert_eq!(
            decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00"),
            Err(CsvError::Excel)
        );
        assert!(CsvError::Excel
            .to_string()
            .starts_with("Excelのファイルです。CSVで保存してください"));
        // The same where a JSON file is wanted.
        assert_eq!(json_text(b"PK\x03\x04\x14\x00"), Err(JsonFileError::Excel));
        assert_eq!(json_text(b"{\"a\":\x80}"), Err(JsonFileError::NotText));
        assert_eq!(json_text(b"\xEF\xBB\xBF{}"), Ok("{}".to_string()));
        // 0x80 alone is not Shift_JIS (nor UTF-8).
        assert_eq!(decode(b"a,\x80\xFF"), Err(CsvError::UnknownEncoding));
    }

    #[test]
    fn writing_round_trips_and_defuses_formulas() {
        let rows = vec![
            v(&["名前", "メモ", "額"]),
            v(&["旭川, 花子", "「すみま」\"1000\"\r\n2行目", "-500"]),
            v(&["=HYPERLINK(\"x\")", "@SUM(A1)", "+81"]),
        ];
        let bytes = write(&rows);
        assert!(bytes.starts_with(UTF8_BOM));
        let (text, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, TextEncoding::Utf8Bom);
        assert!(text.ends_with("\r\n"));
        let back: Vec<Vec<String>> = parse(&text)
            .into_iter()
            .map(|r| r.unwrap().fields)
            .collect();
        assert_eq!(back[0], rows[0]);
        assert_eq!(back[1], rows[1]);
        assert_eq!(back[2], v(&["'=HYPERLINK(\"x\")", "'@SUM(A1)", "+81"]));
    }

    #[test]
    fn full_width_ascii_is_narrowed() {
        assert_eq!(narrow("２０２４／４／１"), "2024/4/1");
        assert_eq!(narrow("Ａ００１２　"), "A0012 ");
        assert_eq!(narrow("令和６年"), "令和6年");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        fn field() -> impl Strategy<Value = String> {
            // Commas, quotes, CR, LF, spaces, Japanese; not starting with a formula sign or
            // CR (those are defused on purpose).
            "([a-z0-9あ旭髙①㈱ ,\"\n][a-z0-9あ旭髙①㈱ ,\"\r\n]{0,11})?"
        }

        proptest! {
            #[test]
            fn write_then_parse_round_trips(
                rows in proptest::collection::vec(proptest::collection::vec(field(), 1..6), 0..8)
            ) {
                let text = write_text(&rows);
                let back: Vec<Vec<String>> = parse(&text)
                    .into_iter()
                    .map(|r| r.map(|r| r.fields).map_err(|(_, e)| e))
                    .collect::<Result<_, _>>()
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(back, rows);
            }

            #[test]
            fn shift_jis_and_utf8_decode_alike(text in "[a-z0-9あ旭髙①㈱ ,\"\r\n]{1,40}") {
                let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
                prop_assume!(!unmappable);
                let from_sjis = decode(&sjis);
                // Pure ASCII is valid UTF-8 too; either way the text is the same.
                prop_assert_eq!(from_sjis.map(|(t, _)| t), Ok(text.clone()));
                let mut bom = UTF8_BOM.to_vec();
                bom.extend_from_slice(text.as_bytes());
                prop_assert_eq!(decode(&bom), Ok((text, TextEncoding::Utf8Bom)));
            }

            #[test]
            fn parse_never_panics(text in "(?s).{0,80}") {
                let _ = parse(&text);
            }
        }
    }
}

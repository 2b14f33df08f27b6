//! **Rule: no claim file is lost silently.** A claim file refused as a whole (it could not
//! be read, is not a claim, reuses a claim id with other content, or is refused for its
//! signature) is kept in the run by name and reason, and the report lists it in
//! `summary()` and `problems_csv()` (`claim_file_refused`); the command-line tool exits 3.

use super::*;

/// Why a claim file was refused as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileRefusal {
    /// The file could not be read at all (the system's message).
    Unreadable(String),
    /// Read, but refused by [`Settlement::import_json`].
    Import(ImportError),
}

impl Wording for FileRefusal {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Unreadable(e) => say!(
                lang,
                "ファイルを読めません（{e}）",
                "the file cannot be read ({e})",
            ),
            Self::Import(e) => e.wording(lang),
        }
    }
}

/// A claim file refused as a whole: none of its lines is paid or counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedFile {
    /// The file's name as the office gave it (no folder).
    pub name: String,
    /// The claim id, when the file was a readable claim (a reused id).
    pub claim: Option<ClaimId>,
    /// The shop, when the file was a readable claim.
    pub shop: Option<ShopId>,
    pub why: FileRefusal,
}

impl RefusedFile {
    /// The code of its problems-CSV row.
    pub const CODE: &'static str = "claim_file_refused";
}

impl Settlement {
    /// [`Settlement::import_json`] for a file named `name`: a refused file (not a claim
    /// file at all — the shop's record CSV, a workbook —, unreadable, a reused claim id, or
    /// refused for its signature: `claim_unsigned`, `claim_wrong_key`,
    /// `claim_bad_signature`) is also kept in the run (and so in the report) with its name
    /// and reason.
    pub fn import_file(&mut self, name: &str, text: &str) -> Result<ImportOutcome, ImportError> {
        // Not JSON at all (the shop's record CSV, a workbook): said as what it is.
        if let Err(e) = claim_file_text(name, text.as_bytes()) {
            let e = ImportError::NotAClaim(e);
            self.refuse_file(name, None, FileRefusal::Import(e.clone()));
            return Err(e);
        }
        self.import_signed(Some(name), text)
    }

    /// Records a file that could not even be read (the caller's I/O error), so the report
    /// lists it.
    pub fn unreadable_file(&mut self, name: &str, error: impl Into<String>) {
        self.refuse_file(name, None, FileRefusal::Unreadable(error.into()));
    }

    pub(super) fn refuse_file(
        &mut self,
        name: &str,
        header: Option<&ClaimHeader>,
        why: FileRefusal,
    ) {
        self.refused_files.push(RefusedFile {
            name: name.to_string(),
            claim: header.map(|h| h.id.clone()),
            shop: header.map(|h| h.shop.clone()),
            why,
        });
    }
}

/// A file chosen as a claim that is not one: the office is told which file to choose
/// instead, before any run (`claim_file_text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum NotAClaimFile {
    /// The shop's record CSV (saved beside the claim's JSON by the shop desk).
    ShopRecordCsv,
    /// An Excel workbook.
    Excel,
    /// Any other file that is not JSON text.
    NotJson,
}

impl Wording for NotAClaimFile {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::ShopRecordCsv => say(
                lang,
                "これはお店の記録用の CSV です。精算には、同じときに保存された .json のファイル（請求ファイル）を選んでください",
                "This is the shop's record CSV. To settle, choose the .json file (the claim file) saved with it",
            ),
            Self::Excel => say(
                lang,
                "Excelのファイルです。精算には、お店から届いた .json のファイル（請求ファイル）を選んでください",
                "This is an Excel workbook. To settle, choose the .json file (the claim file) the shop sent",
            ),
            Self::NotJson => say(
                lang,
                "請求ファイルではありません。お店から届いた .json のファイル（請求ファイル）を選んでください",
                "This is not a claim file. Choose the .json file (the claim file) the shop sent",
            ),
        }
    }
}

/// The text of a file chosen as a claim, or what it is instead: an Excel workbook (by its
/// first bytes or a `.xlsx`/`.xls` name), the shop's record CSV (a `.csv` name, or a
/// first line with the record's 請求番号 and 券番号 columns), or anything else that is not
/// JSON text (not UTF-8, or not starting with `{` after a BOM and white space). A file that
/// passes may still be refused by [`Settlement::import_file`].
pub fn claim_file_text(name: &str, bytes: &[u8]) -> Result<String, NotAClaimFile> {
    let lower = name.to_lowercase();
    if crate::domain::shared::csv::is_excel(bytes)
        || lower.ends_with(".xlsx")
        || lower.ends_with(".xls")
    {
        return Err(NotAClaimFile::Excel);
    }
    let body = bytes
        .strip_prefix(crate::domain::shared::csv::UTF8_BOM)
        .unwrap_or(bytes);
    let text = std::str::from_utf8(body).ok();
    if let Some(text) = text.filter(|t| t.trim_start().starts_with('{')) {
        return Ok(text.to_owned());
    }
    let first_line = crate::domain::shared::csv::decode(bytes)
        .ok()
        .and_then(|(t, _)| t.lines().next().map(str::to_owned))
        .unwrap_or_default();
    let record_header = first_line.contains("請求番号") && first_line.contains("券番号");
    if lower.ends_with(".csv") || record_header {
        Err(NotAClaimFile::ShopRecordCsv)
    } else {
        Err(NotAClaimFile::NotJson)
    }
}

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
    /// [`Settlement::import_json`] for a file named `name`: a refused file (unreadable,
    /// not a claim, a reused claim id, or refused for its signature: `claim_unsigned`,
    /// `claim_wrong_key`, `claim_bad_signature`) is also kept in the run (and so in the
    /// report) with its name and reason.
    pub fn import_file(&mut self, name: &str, text: &str) -> Result<ImportOutcome, ImportError> {
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

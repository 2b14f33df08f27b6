//! Which kind of ticket file a user opened: the office's bundle file, a wallet backup, a
//! transfer from her old phone, or something else. Decided by the JSON `format` field, never by looking for a substring
//! (a backup may well contain the text of a bundle inside a message).

use crate::domain::tickets::core::bundle::BUNDLE_FILE_FORMAT;
use crate::domain::tickets::holder::wallet::{TRANSFER_FILE_FORMAT, WALLET_FILE_FORMAT};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `{"format":"jokatsu-bundle",…}`: tickets from the office.
    Bundle,
    /// `{"format":"jokatsu-wallet",…}`: a wallet backup.
    WalletBackup,
    /// `{"format":"jokatsu-transfer",…}`: her old phone's tickets, moving to this one.
    Transfer,
    /// `{"items":[{"key":…,"raw":…},…]}` without a `format`: the set-aside data the About
    /// page exports (`docs/storage.md`), read back with `Wallet::import_set_aside`.
    SetAside,
    /// Anything else (not JSON, no `format`, another format).
    Unknown,
}

/// The kind of `text`, from its top-level `format` field.
pub fn classify(text: &str) -> FileKind {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(serde_json::Value::Object(top)) = serde_json::from_str(text) else {
        return FileKind::Unknown;
    };
    match top.get("format").and_then(|f| f.as_str()) {
        Some(f) if f == BUNDLE_FILE_FORMAT => FileKind::Bundle,
        Some(f) if f == WALLET_FILE_FORMAT => FileKind::WalletBackup,
        Some(f) if f == TRANSFER_FILE_FORMAT => FileKind::Transfer,
        None if top
            .get("items")
            .and_then(|i| i.as_array())
            .is_some_and(|items| {
                items
                    .iter()
                    .all(|i| i.get("key").is_some() && i.get("raw").is_some())
            }) =>
        {
            FileKind::SetAside
        }
        _ => FileKind::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_files_apart_by_their_format_field() {
        let cases = [
            (
                r#"{"format":"jokatsu-bundle","version":1,"tickets":[]}"#,
                FileKind::Bundle,
            ),
            (
                r#"{"format":"jokatsu-wallet","version":1,"entries":[]}"#,
                FileKind::WalletBackup,
            ),
            // A backup whose message mentions the bundle format is still a backup.
            (
                r#"{"format":"jokatsu-wallet","entries":[{"message":"\"jokatsu-bundle\""}]}"#,
                FileKind::WalletBackup,
            ),
            ("\u{feff}{\"format\":\"jokatsu-bundle\"}", FileKind::Bundle),
            (
                r#"{"format":"jokatsu-transfer","version":1,"entries":[]}"#,
                FileKind::Transfer,
            ),
            (r#"{"format":"other"}"#, FileKind::Unknown),
            (
                r#"{"items":[{"key":"jokatsu.wallet","raw":"{}","error":"NoEnvelope"}]}"#,
                FileKind::SetAside,
            ),
            (r#"{"items":[{"name":"x"}]}"#, FileKind::Unknown),
            (r#"{"tickets":[]}"#, FileKind::Unknown),
            (r#"["jokatsu-bundle"]"#, FileKind::Unknown),
            ("not json \"jokatsu-bundle\"", FileKind::Unknown),
            ("", FileKind::Unknown),
        ];
        for (text, kind) in cases {
            assert_eq!(classify(text), kind, "{text}");
        }
    }
}

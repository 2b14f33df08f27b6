//! What a user reads when something goes wrong: every error a user can see has its
//! Japanese and its English wording side by side, in one place, and the interface
//! language picks one ([`Wording::wording`]). An error's `Display` (logs, the office
//! command line) is its Japanese wording; no message ever carries both languages joined
//! by " / " for someone to split.
//!
//! ```
//! use jokatsu::domain::shared::text::Lang;
//! use jokatsu::domain::shared::wording::{say, Wording};
//!
//! enum Problem {
//!     Empty,
//!     Line { line: usize },
//! }
//!
//! impl Wording for Problem {
//!     fn wording(&self, lang: Lang) -> String {
//!         match self {
//!             Self::Empty => say(lang, "ファイルが空です", "the file is empty"),
//!             Self::Line { line } => say!(lang, "{line}行目が読めません", "line {line} unreadable"),
//!         }
//!     }
//! }
//!
//! assert_eq!(Problem::Line { line: 3 }.wording(Lang::En), "line 3 unreadable");
//! assert_eq!(Problem::Empty.wording(Lang::Ja), "ファイルが空です");
//! ```

use super::text::Lang;

/// A message for a user, worded in both interface languages.
pub trait Wording {
    /// The message in `lang`.
    fn wording(&self, lang: Lang) -> String;
}

/// The Japanese or the English text, as `lang` says.
pub fn say(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// `say!(lang, "{line}行目", "line {line}")`: [`say`] with formatting; each string is a
/// format string whose `{names}` are the variables in scope.
#[macro_export]
macro_rules! say {
    ($lang:expr, $ja:literal, $en:literal $(,)?) => {
        match $lang {
            $crate::domain::shared::text::Lang::Ja => ::std::fmt::format(format_args!($ja)),
            $crate::domain::shared::text::Lang::En => ::std::fmt::format(format_args!($en)),
        }
    };
}

pub use crate::say;

/// For the office's bilingual documents (CSV reports, where every heading is given in
/// both languages): the Japanese wording, then the English. A cell to read, never one
/// to parse.
pub fn both(w: &(impl Wording + ?Sized)) -> String {
    format!("{} / {}", w.wording(Lang::Ja), w.wording(Lang::En))
}

/// Does `text` contain Japanese script (kana, kanji or full-width punctuation)?
pub fn has_japanese(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{3000}'..='\u{30FF}'   // CJK punctuation, hiragana, katakana
            | '\u{3400}'..='\u{4DBF}' // CJK extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
            | '\u{FF00}'..='\u{FFEF}' // full-width forms
        )
    })
}

/// Test support: every sample's two wordings are non-empty and differ, the Japanese
/// is Japanese and the English has no Japanese in it. `samples` name each case.
#[cfg(test)]
pub(crate) fn assert_worded(samples: &[(&str, &dyn Wording)]) {
    for (name, w) in samples {
        let ja = w.wording(Lang::Ja);
        let en = w.wording(Lang::En);
        assert!(!ja.trim().is_empty(), "{name}: no Japanese wording");
        assert!(!en.trim().is_empty(), "{name}: no English wording");
        assert_ne!(ja, en, "{name}: the two wordings are the same");
        assert!(
            has_japanese(&ja),
            "{name}: Japanese wording {ja:?} has no Japanese"
        );
        assert!(
            !has_japanese(&en),
            "{name}: English wording {en:?} has Japanese"
        );
        assert!(!ja.contains(" / "), "{name}: {ja:?} joins two languages");
        assert!(!en.contains(" / "), "{name}: {en:?} joins two languages");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sample(usize);

    impl Wording for Sample {
        fn wording(&self, lang: Lang) -> String {
            let n = self.0;
            say!(lang, "{n}行目", "line {n}")
        }
    }

    #[test]
    fn say_picks_the_language() {
        assert_eq!(say(Lang::Ja, "空です", "empty"), "空です");
        assert_eq!(say(Lang::En, "空です", "empty"), "empty");
        assert_eq!(Sample(7).wording(Lang::Ja), "7行目");
        assert_eq!(Sample(7).wording(Lang::En), "line 7");
        assert_eq!(both(&Sample(7)), "7行目 / line 7");
    }

    #[test]
    fn japanese_script_is_recognised() {
        assert!(has_japanese("ファイル"));
        assert!(has_japanese("受給者番号"));
        assert!(has_japanese("（"));
        assert!(!has_japanese("the file is empty (line 3) — «x» 2–7"));
    }

    #[test]
    #[should_panic(expected = "the two wordings are the same")]
    fn the_check_catches_one_language_twice() {
        struct Same;
        impl Wording for Same {
            fn wording(&self, _: Lang) -> String {
                "同じ".into()
            }
        }
        assert_worded(&[("same", &Same)]);
    }
}

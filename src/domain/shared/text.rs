//! Bilingual text: Japanese first, English second.

use serde::{Deserialize, Serialize};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }
}

/// A text given in Japanese and (optionally) English. Feed JSON: `{"ja": "…", "en": "…"}`.
/// English falls back to Japanese when missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct I18n {
    pub ja: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl I18n {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ja: ja.into(),
            en: Some(en.into()),
        }
    }

    /// The text in `lang`, falling back to Japanese.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) if !en.is_empty() => en,
            _ => &self.ja,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_japanese() {
        let t = I18n {
            ja: "月曜".into(),
            en: None,
        };
        assert_eq!(t.get(Lang::En), "月曜");
        assert_eq!(I18n::new("月曜", "Monday").get(Lang::En), "Monday");
        assert_eq!(I18n::new("月曜", "Monday").get(Lang::Ja), "月曜");
    }
}

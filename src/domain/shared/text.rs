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

/// Is `c` a bidirectional-formatting character (embedding, override, isolate, marks)?
/// U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069. Such characters can make a
/// name or message display differently from what it says ("Trojan Source").
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Is `c` an invisible or format character that can hide text or change the order in
/// which a name is displayed: the bidi controls ([`is_bidi_control`]), zero-width
/// characters U+200B–U+200D, U+2060–U+2064 and U+FEFF, line/paragraph separators
/// U+2028/U+2029, the deprecated format characters U+206A–U+206F, U+00AD (soft hyphen),
/// U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+3164, U+FFA0 (fillers that show
/// as nothing), the interlinear annotation characters U+FFF9–U+FFFB and the tag
/// characters U+E0000–U+E007F. Variation selectors are *not* among them: Japanese names
/// use them (異体字). Names in the roster and the shop list refuse these
/// (`docs/roster-format.md`, `docs/feed-tickets.md`).
pub fn is_hidden_format(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200D}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206A}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// The first [hidden format](is_hidden_format) character of `text`, as `U+XXXX` (for an
/// error that says which).
pub fn first_hidden_format(text: &str) -> Option<String> {
    text.chars()
        .find(|&c| is_hidden_format(c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// Is `c` removed from user text: a control character (Unicode `Cc`), a bidi control,
/// a line/paragraph separator (U+2028/2029), a zero-width or BOM character
/// (U+200B–U+200D, U+2060, U+FEFF) or a noncharacter/private-use code point?
fn is_stripped(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FDD0}'..='\u{FDEF}')
        || (u32::from(c) & 0xFFFE) == 0xFFFE
}

/// One line of user text (a name, a label): drops every [stripped](is_bidi_control)
/// character including line breaks, trims surrounding whitespace and keeps at most
/// `max_chars` Unicode scalar values.
pub fn clean_line(text: &str, max_chars: usize) -> String {
    let cleaned: String = text.chars().filter(|&c| !is_stripped(c)).collect();
    cleaned
        .trim()
        .chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Multi-line user text (a thank-you message): like [`clean_line`] but line breaks stay,
/// normalised to `\n` (CR LF and lone CR become LF; U+2028/2029 are removed), at most
/// two in a row.
pub fn clean_multiline(text: &str, max_chars: usize) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::new();
    let mut breaks = 0;
    for c in normalised.chars() {
        if c == '\n' {
            breaks += 1;
            if breaks <= 2 {
                out.push(c);
            }
        } else if !is_stripped(c) {
            breaks = 0;
            out.push(c);
        }
    }
    out.trim()
        .chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Does `text` contain a character [`clean_line`] would remove (besides `\n` when
/// `allow_newline`)?
pub fn has_stripped(text: &str, allow_newline: bool) -> bool {
    text.chars()
        .any(|c| is_stripped(c) && !(allow_newline && c == '\n'))
}

/// A person's name as addressed in Japanese: 「山田」 → 「山田さん」, but a name written with
/// its honorific already (「佐藤さん」「鈴木様」「たろうくん」) is kept as it is.
pub fn with_san(name: &str) -> String {
    const HONORIFICS: [&str; 6] = ["さん", "様", "さま", "くん", "君", "ちゃん"];
    if HONORIFICS.iter().any(|h| name.ends_with(h)) {
        name.to_string()
    } else {
        format!("{name}さん")
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

    #[test]
    fn cleaning_strips_controls_and_bidi_and_caps_length() {
        let cases = [
            ("佐藤\u{202E}さん", "佐藤さん"),
            ("\u{2066}abc\u{2069}", "abc"),
            ("a\u{0}b\u{7}c\u{1B}[31m", "abc[31m"),
            ("  山田 \n", "山田"),
            ("x\u{200B}y\u{FEFF}", "xy"),
            ("\u{200F}\u{200E}\u{061C}", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(clean_line(input, 40), expected, "{input:?}");
        }
        assert_eq!(clean_line(&"あ".repeat(50), 40).chars().count(), 40);
        assert_eq!(
            clean_multiline("ありがとう\r\nまた\rね\n\n\n\nbye\u{202D}", 140),
            "ありがとう\nまた\nね\n\nbye"
        );
        assert_eq!(clean_multiline("a\u{2028}b", 140), "ab");
        assert!(has_stripped("a\u{202E}", true));
        assert!(!has_stripped("a\nb", true));
        assert!(has_stripped("a\nb", false));
    }

    #[test]
    fn hidden_format_characters_are_named_and_variation_selectors_are_not_among_them() {
        for c in [
            '\u{202E}',
            '\u{202A}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200F}',
            '\u{FEFF}',
            '\u{2060}',
            '\u{00AD}',
            '\u{E0041}',
            '\u{061C}',
        ] {
            assert!(is_hidden_format(c), "U+{:04X}", u32::from(c));
        }
        assert_eq!(
            first_hidden_format("旭川\u{202E}花子").as_deref(),
            Some("U+202E")
        );
        // 葛󠄀 (U+845B U+E0100): a name's variant glyph, not hidden text.
        assert_eq!(first_hidden_format("葛\u{E0100}城 花子"), None);
        assert_eq!(first_hidden_format("Café ゆきの 1号店"), None);
    }

    #[test]
    fn names_get_san_once() {
        for (name, shown) in [
            ("山田", "山田さん"),
            ("佐藤さん", "佐藤さん"),
            ("鈴木様", "鈴木様"),
            ("たろうくん", "たろうくん"),
            ("Alex", "Alexさん"),
        ] {
            assert_eq!(with_san(name), shown);
        }
    }
}

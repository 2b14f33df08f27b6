//! The directory of participating shops (feed `shops` section) and its search.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::small_sort::btree_set;
use crate::domain::shared::text::I18n;

/// Most shops the feed may list.
pub const MAX_SHOPS: usize = 5_000;

/// Feed JSON of one shop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShopDto {
    pub id: String,
    pub name: I18n,
    pub category: String,
    pub area: String,
    pub address: I18n,
    #[serde(default)]
    pub hours: Option<I18n>,
    pub map_url: String,
    #[serde(default)]
    pub certified: Option<String>,
    /// First day (JST, `YYYY-MM-DD`) the shop is certified; absent: certified as long as
    /// it is listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_from: Option<String>,
    /// Last day (JST, `YYYY-MM-DD`) of the certification, inclusive; absent: open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certified_until: Option<String>,
    #[serde(default)]
    pub demo: bool,
}

/// Why the feed's `shops` section was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ShopsError {
    #[error("shops[{index}].{field}: {problem}")]
    Invalid {
        index: usize,
        field: &'static str,
        problem: String,
    },
    #[error("shops[{index}].id: {id:?} listed twice")]
    DuplicateId { index: usize, id: String },
    #[error("shops: {0} shops listed, at most 5000 allowed")]
    TooMany(usize),
}

/// A shop id: 1–32 characters of `a–z 0–9 - _`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ShopId(String);

impl ShopId {
    pub fn parse(id: &str) -> Option<Self> {
        let ok = (1..=32).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        ok.then(|| Self(id.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ShopId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An `https://` URL (no spaces, quotes or angle brackets), ≤ 500 characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpsUrl(String);

impl HttpsUrl {
    pub fn parse(url: &str) -> Result<Self, &'static str> {
        let rest = url
            .strip_prefix("https://")
            .ok_or("must start with https://")?;
        if url.len() > 500 {
            return Err("longer than 500 characters");
        }
        if rest.is_empty() || rest.starts_with('/') {
            return Err("has no host");
        }
        if url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        }) {
            return Err("contains spaces, quotes or brackets");
        }
        Ok(Self(url.to_owned()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A participating shop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shop {
    pub id: ShopId,
    pub name: I18n,
    /// Free text from the feed (e.g. 飲食, 食料品, 生活用品, 美容); see [`Directory::categories`].
    pub category: String,
    /// e.g. 中心市街地, 永山, 神楽, 末広, 豊岡; see [`Directory::areas`].
    pub area: String,
    pub address: I18n,
    pub hours: Option<I18n>,
    pub map_url: HttpsUrl,
    /// Certification shown to users, e.g. こそだてっぴー認定.
    pub certified: Option<String>,
    /// First day of the certification (JST), if the list says.
    pub certified_from: Option<NaiveDate>,
    /// Last day of the certification (JST, inclusive), if it ends.
    pub certified_until: Option<NaiveDate>,
    pub demo: bool,
}

impl Shop {
    /// Whether the shop was certified on JST date `day` (inside its certification dates;
    /// a listed shop without dates always is).
    pub fn certified_on(&self, day: NaiveDate) -> bool {
        self.certified_from.is_none_or(|f| f <= day)
            && self.certified_until.is_none_or(|u| day <= u)
    }
}

/// The problem of a text field holding an invisible or direction-changing character
/// (`text::is_hidden_format`); `(U+XXXX)` follows.
pub const HIDDEN_CHARACTER_PROBLEM: &str = "contains an invisible or direction-changing character";

fn text_field(
    index: usize,
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<(), ShopsError> {
    let problem = if value.trim().is_empty() {
        "must not be empty".to_owned()
    } else if value.chars().count() > max {
        "too long".to_owned()
    } else if value.chars().any(char::is_control) {
        "contains control characters".to_owned()
    } else if let Some(c) = crate::domain::shared::text::first_hidden_format(value) {
        format!("{HIDDEN_CHARACTER_PROBLEM} ({c})")
    } else {
        return Ok(());
    };
    Err(ShopsError::Invalid {
        index,
        field,
        problem,
    })
}

fn i18n_field(
    index: usize,
    field: &'static str,
    en_field: &'static str,
    v: &I18n,
    max: usize,
) -> Result<(), ShopsError> {
    text_field(index, field, &v.ja, max)?;
    match &v.en {
        Some(en) if !en.is_empty() => text_field(index, en_field, en, max),
        _ => Ok(()),
    }
}

impl Shop {
    /// Validates one shop of the feed (`index` for the error's place).
    pub fn from_dto(index: usize, dto: &ShopDto) -> Result<Self, ShopsError> {
        let invalid = |field: &'static str, problem: &str| ShopsError::Invalid {
            index,
            field,
            problem: problem.into(),
        };
        let id = ShopId::parse(&dto.id)
            .ok_or_else(|| invalid("id", "must be 1-32 characters of a-z, 0-9, - or _"))?;
        i18n_field(index, "name.ja", "name.en", &dto.name, 100)?;
        text_field(index, "category", &dto.category, 30)?;
        text_field(index, "area", &dto.area, 30)?;
        i18n_field(index, "address.ja", "address.en", &dto.address, 200)?;
        if let Some(h) = &dto.hours {
            i18n_field(index, "hours.ja", "hours.en", h, 200)?;
        }
        let map_url = HttpsUrl::parse(&dto.map_url).map_err(|p| invalid("map_url", p))?;
        if let Some(c) = &dto.certified {
            text_field(index, "certified", c, 50)?;
        }
        let day = |field: &'static str, v: &Option<String>| match v {
            None => Ok(None),
            Some(t) => crate::domain::shared::date::strict_date(t)
                .map(Some)
                .ok_or_else(|| invalid(field, "not a date (YYYY-MM-DD)")),
        };
        let certified_from = day("certified_from", &dto.certified_from)?;
        let certified_until = day("certified_until", &dto.certified_until)?;
        if let (Some(f), Some(u)) = (certified_from, certified_until) {
            if u < f {
                return Err(invalid("certified_until", "before certified_from"));
            }
        }
        Ok(Self {
            id,
            name: dto.name.clone(),
            category: dto.category.trim().to_owned(),
            area: dto.area.trim().to_owned(),
            address: dto.address.clone(),
            hours: dto.hours.clone(),
            map_url,
            certified: dto.certified.clone(),
            certified_from,
            certified_until,
            demo: dto.demo,
        })
    }
}

/// Folds text for matching: lowercase, full-width ASCII → ASCII, katakana → hiragana.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The shop directory.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Directory {
    shops: Vec<Shop>,
}

impl Directory {
    /// Parses the feed's `shops` array; one bad shop refuses the section (the app keeps its
    /// last good copy), and the error says which.
    pub fn from_dto(dto: &[ShopDto]) -> Result<Self, ShopsError> {
        if dto.len() > MAX_SHOPS {
            return Err(ShopsError::TooMany(dto.len()));
        }
        let mut seen = BTreeSet::new();
        let mut shops = Vec::with_capacity(dto.len());
        for (index, d) in dto.iter().enumerate() {
            let shop = Shop::from_dto(index, d)?;
            if !seen.insert(shop.id.clone()) {
                return Err(ShopsError::DuplicateId {
                    index,
                    id: d.id.clone(),
                });
            }
            shops.push(shop);
        }
        Ok(Self { shops })
    }

    /// All shops in feed order.
    pub fn shops(&self) -> &[Shop] {
        &self.shops
    }

    pub fn get(&self, id: &ShopId) -> Option<&Shop> {
        self.shops.iter().find(|s| &s.id == id)
    }

    /// Distinct categories, sorted (for a filter menu).
    pub fn categories(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = btree_set(self.shops.iter().map(|s| s.category.as_str()));
        set.into_iter().collect()
    }

    /// Distinct areas, sorted.
    pub fn areas(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = btree_set(self.shops.iter().map(|s| s.area.as_str()));
        set.into_iter().collect()
    }

    /// Shops whose Japanese or English name contains every word of `query` (ignoring case,
    /// full/half width and katakana/hiragana), optionally only in `category` and `area`
    /// (exact). An empty query matches all. Feed order is kept.
    pub fn search(&self, query: &str, category: Option<&str>, area: Option<&str>) -> Vec<&Shop> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        self.shops
            .iter()
            .filter(|s| category.is_none_or(|c| s.category == c))
            .filter(|s| area.is_none_or(|a| s.area == a))
            .filter(|s| {
                let hay = format!(
                    "{}\n{}",
                    fold(&s.name.ja),
                    fold(s.name.en.as_deref().unwrap_or(""))
                );
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dto(id: &str, ja: &str, en: &str, category: &str, area: &str) -> ShopDto {
        ShopDto {
            id: id.into(),
            name: I18n::new(ja, en),
            category: category.into(),
            area: area.into(),
            address: I18n::new("旭川市宮下通8丁目", "8 Miyashita-dori, Asahikawa"),
            hours: Some(I18n::new("9:00〜18:00", "9:00-18:00")),
            map_url: "https://www.openstreetmap.org/?mlat=43.7631&mlon=142.3582".into(),
            certified: Some("こそだてっぴー認定".into()),
            certified_from: None,
            certified_until: None,
            demo: true,
        }
    }

    fn directory() -> Directory {
        Directory::from_dto(&[
            dto(
                "s001",
                "（見本）旭川駅前ベーカリー",
                "(Sample) Asahikawa Station Bakery",
                "飲食",
                "中心市街地",
            ),
            dto(
                "s002",
                "（見本）永山カフェ",
                "(Sample) Nagayama Cafe",
                "飲食",
                "永山",
            ),
            dto(
                "s003",
                "（見本）神楽ヘアサロン",
                "(Sample) Kagura Hair Salon",
                "美容",
                "神楽",
            ),
            dto(
                "s004",
                "（見本）スーパーあさひ",
                "(Sample) Supermarket Asahi",
                "食料品",
                "中心市街地",
            ),
        ])
        .unwrap()
    }

    fn ids(shops: Vec<&Shop>) -> Vec<&str> {
        shops.into_iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn search_table() {
        let d = directory();
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Vec<&'a str>);
        let cases: [Case; 10] = [
            ("", None, None, vec!["s001", "s002", "s003", "s004"]),
            ("ベーカリー", None, None, vec!["s001"]),
            ("bakery", None, None, vec!["s001"]),
            ("BAKERY", None, None, vec!["s001"]),
            ("ｂａｋｅｒｙ", None, None, vec!["s001"]),
            ("かふぇ", None, None, vec!["s002"]),
            ("アサヒ", None, None, vec!["s004"]),
            ("", Some("飲食"), None, vec!["s001", "s002"]),
            ("", Some("飲食"), Some("永山"), vec!["s002"]),
            ("sample salon", None, Some("神楽"), vec!["s003"]),
        ];
        for (q, c, a, expected) in cases {
            assert_eq!(ids(d.search(q, c, a)), expected, "{q:?} {c:?} {a:?}");
        }
        assert!(d.search("ramen", None, None).is_empty());
        assert_eq!(d.categories(), vec!["美容", "食料品", "飲食"]);
        assert_eq!(d.areas().len(), 3);
    }

    #[test]
    fn invalid_shops_say_where() {
        let good = dto("s001", "店", "Shop", "飲食", "永山");
        let cases: Vec<(ShopDto, &str)> = vec![
            (
                ShopDto {
                    map_url: "http://example.com".into(),
                    ..good.clone()
                },
                "shops[1].map_url: must start with https://",
            ),
            (
                ShopDto {
                    map_url: "javascript:alert(1)".into(),
                    ..good.clone()
                },
                "shops[1].map_url: must start with https://",
            ),
            (
                ShopDto {
                    map_url: "https://a.b/\"><x".into(),
                    ..good.clone()
                },
                "shops[1].map_url: contains spaces, quotes or brackets",
            ),
            (
                ShopDto {
                    map_url: "https:///x".into(),
                    ..good.clone()
                },
                "shops[1].map_url: has no host",
            ),
            (
                ShopDto {
                    id: "S 1".into(),
                    ..good.clone()
                },
                "shops[1].id: must be 1-32 characters of a-z, 0-9, - or _",
            ),
            (
                ShopDto {
                    name: I18n::new(" ", "x"),
                    ..good.clone()
                },
                "shops[1].name.ja: must not be empty",
            ),
            (
                ShopDto {
                    area: String::new(),
                    ..good.clone()
                },
                "shops[1].area: must not be empty",
            ),
            (
                ShopDto {
                    category: "あ".repeat(31),
                    ..good.clone()
                },
                "shops[1].category: too long",
            ),
        ];
        for (bad, msg) in cases {
            let other = dto("s000", "他", "Other", "飲食", "永山");
            let err = Directory::from_dto(&[other, bad]).unwrap_err();
            assert_eq!(err.to_string(), msg);
        }
        let dup = Directory::from_dto(&[good.clone(), good]).unwrap_err();
        assert_eq!(dup.to_string(), "shops[1].id: \"s001\" listed twice");
        let json = r#"[{"id":"s1","name":{"ja":"a"},"category":"c","area":"a","address":{"ja":"x"},"map_url":"https://x","oops":1}]"#;
        assert!(
            serde_json::from_str::<Vec<ShopDto>>(json).is_err(),
            "unknown field"
        );
    }

    #[test]
    fn fold_rules() {
        assert_eq!(fold("ＡＢＣ　カフェ"), "abc かふぇ");
        assert_eq!(fold("Café"), "café");
    }

    #[test]
    fn certification_dates_bound_the_days_a_shop_counts() {
        let d = |t: &str| crate::domain::shared::date::strict_date(t).unwrap();
        let shop = |from: Option<&str>, until: Option<&str>| {
            Shop::from_dto(
                0,
                &ShopDto {
                    certified_from: from.map(Into::into),
                    certified_until: until.map(Into::into),
                    ..dto("s1", "店", "Shop", "飲食", "永山")
                },
            )
        };
        let s = shop(Some("2026-04-01"), Some("2027-03-31")).unwrap();
        assert!(!s.certified_on(d("2026-03-31")));
        assert!(s.certified_on(d("2026-04-01")));
        assert!(s.certified_on(d("2027-03-31")));
        assert!(!s.certified_on(d("2027-04-01")));
        assert!(shop(None, None).unwrap().certified_on(d("2000-01-01")));
        assert_eq!(
            shop(Some("2026/4/1"), None).unwrap_err().to_string(),
            "shops[0].certified_from: not a date (YYYY-MM-DD)"
        );
        assert_eq!(
            shop(Some("2026-04-02"), Some("2026-04-01"))
                .unwrap_err()
                .to_string(),
            "shops[0].certified_until: before certified_from"
        );
        // Old feeds (no dates) still load; the dates are not written when absent.
        let json = serde_json::to_string(&dto("s1", "店", "Shop", "飲食", "永山")).unwrap();
        assert!(!json.contains("certified_from"));
    }
}

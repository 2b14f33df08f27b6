//! The certified-shop list as the office keeps it: a spreadsheet saved from Excel as CSV
//! (Shift_JIS or UTF-8, with or without BOM: [`csv::decode`]). Format: `docs/feed-tickets.md`,
//! *Shop list CSV*.
//!
//! [`import_shops`] reads every line it can and reports every bad line by number and reason;
//! [`diff`] compares the result with the feed's current list (added, changed, removed)
//! before the office saves it into the feed.

use std::collections::BTreeMap;

use thiserror::Error;

use crate::domain::shared::csv::{
    self, CsvError, CsvRecordError, HeaderError, Record, SheetError, TextEncoding,
};
use crate::domain::shared::date::iso_date;
use crate::domain::shared::date_input::parse_date;
use crate::domain::shared::text::I18n;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::shops::{
    Shop, ShopDto, ShopsError, HIDDEN_CHARACTER_PROBLEM, MAX_SHOPS,
};

/// Largest shop CSV read (bytes).
pub const MAX_SHOP_CSV_BYTES: usize = 8 * 1024 * 1024;
/// Rows searched for the header row (title rows above it are skipped).
const HEADER_SEARCH_ROWS: usize = 10;
/// The certification label used when the CSV has no 認定 column or leaves it empty.
pub const DEFAULT_CERTIFIED: &str = "こそだてっぴー認定";

/// The columns of the shop CSV, in the order the template lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Id,
    Name,
    NameEn,
    Category,
    Area,
    Address,
    AddressEn,
    Hours,
    HoursEn,
    MapUrl,
    Certified,
    CertifiedFrom,
    CertifiedUntil,
    Demo,
}

impl Column {
    /// Every column: (column, Japanese header, accepted English header, required).
    pub const ALL: [(Column, &'static str, &'static str, bool); 14] = [
        (Column::Id, "店舗ID", "id", true),
        (Column::Name, "店舗名", "name", true),
        (Column::NameEn, "店舗名（英語）", "name_en", false),
        (Column::Category, "業種", "category", true),
        (Column::Area, "地区", "area", true),
        (Column::Address, "住所", "address", true),
        (Column::AddressEn, "住所（英語）", "address_en", false),
        (Column::Hours, "営業時間", "hours", false),
        (Column::HoursEn, "営業時間（英語）", "hours_en", false),
        (Column::MapUrl, "地図URL", "map_url", true),
        (Column::Certified, "認定", "certified", false),
        (Column::CertifiedFrom, "認定日", "certified_from", true),
        (
            Column::CertifiedUntil,
            "認定終了日",
            "certified_until",
            false,
        ),
        (Column::Demo, "見本", "demo", false),
    ];

    fn of(header: &str) -> Option<Column> {
        let h = csv::narrow(header.trim()).replace(['(', ')'], "");
        let h = h.trim().to_ascii_lowercase();
        Column::ALL.iter().find_map(|(c, ja, en, _)| {
            let ja = csv::narrow(ja).replace(['(', ')'], "");
            (h == ja.to_ascii_lowercase() || h == *en).then_some(*c)
        })
    }

    fn names(self) -> (&'static str, &'static str) {
        Column::ALL
            .iter()
            .find(|(c, ..)| *c == self)
            .map_or(("", ""), |(_, ja, en, _)| (*ja, *en))
    }
}

/// Why one line was not taken.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ShopLineError {
    Csv(CsvRecordError),
    Missing {
        column: &'static str,
        column_en: &'static str,
    },
    BadDate {
        column: &'static str,
        column_en: &'static str,
        value: String,
    },
    BadDemo(String),
    UntilBeforeFrom,
    Duplicate {
        id: String,
        first: usize,
    },
    Invalid {
        ja: String,
        en: String,
    },
}

impl Wording for ShopLineError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => e.wording(lang),
            Self::Missing { column, column_en } => {
                say!(lang, "「{column}」が空です", "{column_en} is empty")
            }
            Self::BadDate {
                column,
                column_en,
                value,
            } => say!(
                lang,
                "「{column}」の日付「{value}」が読めません",
                "{column_en}: date {value:?} unreadable",
            ),
            Self::BadDemo(text) => say!(
                lang,
                "「見本」は 1 か空欄です（「{text}」）",
                "demo must be 1 or empty ({text:?})",
            ),
            Self::UntilBeforeFrom => say(
                lang,
                "認定終了日が認定日より前です",
                "certified_until is before certified_from",
            ),
            Self::Duplicate { id, first } => say!(
                lang,
                "店舗ID「{id}」は{first}行目と重複しています",
                "shop id {id:?} repeats line {first}",
            ),
            Self::Invalid { ja, en } => say(lang, ja, en),
        }
    }
}

/// A bad line: its number (1-based, as Excel shows it) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopLineProblem {
    pub line: usize,
    pub error: ShopLineError,
}

impl Wording for ShopLineProblem {
    fn wording(&self, lang: Lang) -> String {
        let (line, error) = (self.line, self.error.wording(lang));
        say!(lang, "{line}行目: {error}", "line {line}: {error}")
    }
}

impl std::fmt::Display for ShopLineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.wording(Lang::Ja))
    }
}

/// Why the file could not be read as a shop list at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ShopCsvError {
    Csv(#[from] CsvError),
    TooLarge(usize),
    NoHeader,
    /// The header row lacks required columns (every one, in the template's order) or
    /// repeats one.
    Header(#[from] HeaderError),
    TooMany(usize),
}

impl Wording for ShopCsvError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => e.wording(lang),
            Self::TooLarge(n) => say!(
                lang,
                "ファイルが大きすぎます（{n} バイト、上限 8 MB）",
                "the file is too large ({n} bytes, limit 8 MB)",
            ),
            Self::NoHeader => say(
                lang,
                "見出し行が見つかりません（店舗ID・店舗名・業種・地区・住所・地図URL・認定日 の列が必要です）",
                "no header row found (columns needed: id, name, category, area, address, map_url, certified_from)",
            ),
            Self::Header(e) => e.wording(lang),
            Self::TooMany(n) => say!(
                lang,
                "お店が {n} 件あります（上限 {MAX_SHOPS} 件）",
                "{n} shops (at most {MAX_SHOPS})",
            ),
        }
    }
}

/// An imported shop list: the good lines as feed entries, and every bad line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopImport {
    pub encoding: TextEncoding,
    pub header_line: usize,
    /// Feed entries in file order (each already valid as a feed shop).
    pub shops: Vec<ShopDto>,
    pub problems: Vec<ShopLineProblem>,
}

fn layout(record: &Record) -> Result<Option<BTreeMap<Column, usize>>, ShopCsvError> {
    let required: Vec<(Column, &'static str, &'static str)> = Column::ALL
        .iter()
        .filter(|(.., req)| *req)
        .map(|(c, ja, en, _)| (*c, *ja, *en))
        .collect();
    let found = csv::header_columns(record, Column::of, |_| false, &required)?;
    Ok(found.map(|columns| columns.into_iter().collect()))
}

fn shop_of(record: &Record, columns: &BTreeMap<Column, usize>) -> Result<ShopDto, ShopLineError> {
    let cell = |c: Column| -> Option<String> {
        columns
            .get(&c)
            .and_then(|i| record.fields.get(*i))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let need = |c: Column| {
        cell(c).ok_or_else(|| {
            let (column, column_en) = c.names();
            ShopLineError::Missing { column, column_en }
        })
    };
    let date = |c: Column| -> Result<Option<String>, ShopLineError> {
        match cell(c) {
            None => Ok(None),
            Some(v) => parse_date(&v).map(|d| Some(iso_date(d))).ok_or_else(|| {
                let (column, column_en) = c.names();
                ShopLineError::BadDate {
                    column,
                    column_en,
                    value: v,
                }
            }),
        }
    };
    let i18n = |ja: String, en: Option<String>| I18n { ja, en };
    let demo = match cell(Column::Demo).as_deref() {
        None | Some("0") => false,
        Some("1") | Some("○") | Some("はい") => true,
        Some(other) => return Err(ShopLineError::BadDemo(other.to_owned())),
    };
    let id = csv::narrow(&need(Column::Id)?).to_ascii_lowercase();
    // 認定日 must be filled: a date, or 「指定なし」 for a shop certified as long as it is
    // listed (what [`export_shops`] writes for a feed shop without a first day).
    let from = if cell(Column::CertifiedFrom).is_some_and(|v| is_no_date(&v)) {
        None
    } else {
        let Some(from) = date(Column::CertifiedFrom)? else {
            let (column, column_en) = Column::CertifiedFrom.names();
            return Err(ShopLineError::Missing { column, column_en });
        };
        Some(from)
    };
    let until = date(Column::CertifiedUntil)?;
    if let (Some(u), Some(f)) = (&until, &from) {
        if u < f {
            return Err(ShopLineError::UntilBeforeFrom);
        }
    }
    let hours = cell(Column::Hours).map(|ja| i18n(ja, cell(Column::HoursEn)));
    Ok(ShopDto {
        id,
        name: i18n(need(Column::Name)?, cell(Column::NameEn)),
        category: need(Column::Category)?,
        area: need(Column::Area)?,
        address: i18n(need(Column::Address)?, cell(Column::AddressEn)),
        hours,
        map_url: need(Column::MapUrl)?,
        certified: Some(cell(Column::Certified).unwrap_or_else(|| DEFAULT_CERTIFIED.to_owned())),
        certified_from: from,
        certified_until: until,
        demo,
    })
}

/// The feed's validation of one shop, worded for a CSV line.
fn feed_rule(dto: &ShopDto) -> Result<(), ShopLineError> {
    Shop::from_dto(0, dto).map(|_| ()).map_err(|e| {
        let (field, problem) = match &e {
            ShopsError::Invalid { field, problem, .. } => (*field, problem.clone()),
            other => ("", other.to_string()),
        };
        let column = match field.split('.').next().unwrap_or(field) {
            "id" => Column::Id,
            "name" if field.ends_with("en") => Column::NameEn,
            "name" => Column::Name,
            "category" => Column::Category,
            "area" => Column::Area,
            "address" if field.ends_with("en") => Column::AddressEn,
            "address" => Column::Address,
            "hours" if field.ends_with("en") => Column::HoursEn,
            "hours" => Column::Hours,
            "map_url" => Column::MapUrl,
            "certified_from" => Column::CertifiedFrom,
            "certified_until" => Column::CertifiedUntil,
            _ => Column::Certified,
        };
        let (ja, en) = column.names();
        let problem_ja = match problem.as_str() {
            "must not be empty" => "空です",
            "too long" => "長すぎます",
            "contains control characters" => "制御文字があります",
            p if p.starts_with(HIDDEN_CHARACTER_PROBLEM) => {
                let code_point = p[HIDDEN_CHARACTER_PROBLEM.len()..].trim();
                return ShopLineError::Invalid {
                    ja: format!(
                        "「{ja}」: 見えない文字・文字の向きを変える文字{code_point}があります。消して入力し直してください"
                    ),
                    en: format!("{en}: {problem}"),
                };
            }
            "must start with https://" => "https:// で始まる必要があります",
            "has no host" => "ホスト名がありません",
            "contains spaces, quotes or brackets" => "空白・引用符・括弧があります",
            p if p.starts_with("must be 1-32") => {
                "半角英小文字・数字・-・_ の1〜32文字にしてください"
            }
            _ => "正しくありません",
        };
        ShopLineError::Invalid {
            ja: format!("「{ja}」: {problem_ja}"),
            en: format!("{en}: {problem}"),
        }
    })
}

/// Imports a shop CSV (bytes as read from disk or a file input).
pub fn import_shops(bytes: &[u8]) -> Result<ShopImport, ShopCsvError> {
    let sheet = csv::read_sheet(bytes, MAX_SHOP_CSV_BYTES, HEADER_SEARCH_ROWS, layout).map_err(
        |e| match e {
            SheetError::TooLarge(n) => ShopCsvError::TooLarge(n),
            SheetError::Csv(e) => ShopCsvError::Csv(e),
            SheetError::NoHeader => ShopCsvError::NoHeader,
            SheetError::Header(e) => e,
        },
    )?;
    let columns = sheet.header;
    let mut shops: Vec<ShopDto> = Vec::new();
    let mut problems = Vec::new();
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for record in sheet.rows {
        let record = match record {
            Ok(r) => r,
            Err((line, e)) => {
                problems.push(ShopLineProblem {
                    line,
                    error: ShopLineError::Csv(e),
                });
                continue;
            }
        };
        let line = record.line;
        let result = shop_of(&record, &columns).and_then(|dto| feed_rule(&dto).map(|()| dto));
        match result {
            Ok(dto) => {
                if let Some(&f) = first.get(&dto.id) {
                    problems.push(ShopLineProblem {
                        line,
                        error: ShopLineError::Duplicate {
                            id: dto.id,
                            first: f,
                        },
                    });
                } else {
                    first.insert(dto.id.clone(), line);
                    shops.push(dto);
                }
            }
            Err(error) => problems.push(ShopLineProblem { line, error }),
        }
    }
    if shops.len() > MAX_SHOPS {
        return Err(ShopCsvError::TooMany(shops.len()));
    }
    Ok(ShopImport {
        encoding: sheet.encoding,
        header_line: sheet.header_line,
        shops,
        problems,
    })
}

/// One changed shop: its id and the fields that differ (feed field names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopChange {
    pub id: String,
    pub name: String,
    pub fields: Vec<&'static str>,
}

/// What saving an imported list would change in the feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShopDiff {
    /// (id, name) of shops new to the feed.
    pub added: Vec<(String, String)>,
    pub changed: Vec<ShopChange>,
    /// (id, name) of shops the new list no longer has.
    pub removed: Vec<(String, String)>,
    /// Shops identical in both.
    pub unchanged: usize,
}

impl ShopDiff {
    /// No difference at all.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }

    /// One line a person reads, in `lang`: 「追加 2・変更 1・削除 0（変更なし 5）」.
    pub fn summary(&self, lang: crate::domain::shared::text::Lang) -> String {
        let (a, c, r, u) = (
            self.added.len(),
            self.changed.len(),
            self.removed.len(),
            self.unchanged,
        );
        match lang {
            crate::domain::shared::text::Lang::Ja => {
                format!("追加 {a}・変更 {c}・削除 {r}（変更なし {u}）")
            }
            crate::domain::shared::text::Lang::En => {
                format!("added {a}, changed {c}, removed {r} ({u} unchanged)")
            }
        }
    }
}

fn changed_fields(a: &ShopDto, b: &ShopDto) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut cmp = |name: &'static str, same: bool| {
        if !same {
            out.push(name);
        }
    };
    cmp("name", a.name == b.name);
    cmp("category", a.category == b.category);
    cmp("area", a.area == b.area);
    cmp("address", a.address == b.address);
    cmp("hours", a.hours == b.hours);
    cmp("map_url", a.map_url == b.map_url);
    cmp("certified", a.certified == b.certified);
    cmp("certified_from", a.certified_from == b.certified_from);
    cmp("certified_until", a.certified_until == b.certified_until);
    cmp("demo", a.demo == b.demo);
    out
}

/// Compares the feed's `current` list with the `new` one, by shop id.
pub fn diff(current: &[ShopDto], new: &[ShopDto]) -> ShopDiff {
    let old: BTreeMap<&str, &ShopDto> = current.iter().map(|s| (s.id.as_str(), s)).collect();
    let now: BTreeMap<&str, &ShopDto> = new.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut out = ShopDiff::default();
    for s in new {
        match old.get(s.id.as_str()) {
            None => out.added.push((s.id.clone(), s.name.ja.clone())),
            Some(o) => {
                let fields = changed_fields(o, s);
                if fields.is_empty() {
                    out.unchanged += 1;
                } else {
                    out.changed.push(ShopChange {
                        id: s.id.clone(),
                        name: s.name.ja.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for s in current {
        if !now.contains_key(s.id.as_str()) {
            out.removed.push((s.id.clone(), s.name.ja.clone()));
        }
    }
    out
}

/// The 認定日 cell of a shop certified as long as it is listed (no first day).
pub const NO_CERTIFIED_FROM: &str = "指定なし";

fn is_no_date(cell: &str) -> bool {
    let c = csv::narrow(cell).trim().to_ascii_lowercase();
    c == NO_CERTIFIED_FROM || c == "none"
}

/// The feed's current shop list as the CSV [`import_shops`] reads (UTF-8 with BOM, CRLF,
/// every column of [`Column::ALL`] in order, one row per shop in the feed's order): the
/// office saves it, edits or adds a shop in Excel, and imports it again. Importing it
/// unchanged gives the same shops (an empty [`diff`]): dates as `YYYY-MM-DD`, 認定日
/// 「指定なし」 when the shop has none, 見本 `1` or empty.
pub fn export_shops(shops: &[ShopDto]) -> Vec<u8> {
    let header = Column::ALL
        .iter()
        .map(|(_, ja, ..)| ja.to_string())
        .collect::<Vec<_>>();
    let rows = shops.iter().map(|s| {
        let en = |t: &I18n| t.en.clone().unwrap_or_default();
        Column::ALL
            .iter()
            .map(|(c, ..)| match c {
                Column::Id => s.id.clone(),
                Column::Name => s.name.ja.clone(),
                Column::NameEn => en(&s.name),
                Column::Category => s.category.clone(),
                Column::Area => s.area.clone(),
                Column::Address => s.address.ja.clone(),
                Column::AddressEn => en(&s.address),
                Column::Hours => s.hours.as_ref().map(|h| h.ja.clone()).unwrap_or_default(),
                Column::HoursEn => s.hours.as_ref().map(en).unwrap_or_default(),
                Column::MapUrl => s.map_url.clone(),
                Column::Certified => s.certified.clone().unwrap_or_default(),
                Column::CertifiedFrom => s
                    .certified_from
                    .clone()
                    .unwrap_or_else(|| NO_CERTIFIED_FROM.to_owned()),
                Column::CertifiedUntil => s.certified_until.clone().unwrap_or_default(),
                Column::Demo => if s.demo { "1" } else { "" }.to_owned(),
            })
            .collect::<Vec<_>>()
    });
    csv::write(std::iter::once(header).chain(rows))
}

/// The header row of a blank template (UTF-8 with BOM, CRLF), for the office to fill in.
pub fn template() -> Vec<u8> {
    csv::write([Column::ALL
        .iter()
        .map(|(_, ja, ..)| ja.to_string())
        .collect::<Vec<_>>()])
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const CSV: &str = "すみまセンエン 認定店舗一覧（2026年12月）,,,,,,,,,,,,\r\n\
店舗ID,店舗名,店舗名（英語）,業種,地区,住所,住所（英語）,営業時間,営業時間（英語）,地図URL,認定,認定日,認定終了日\r\n\
s001,（見本）旭川駅前ベーカリー,(Sample) Ekimae Bakery,飲食,中心市街地,旭川市宮下通8丁目,,7:00-18:00,,https://www.openstreetmap.org/?mlat=43.7634&mlon=142.3585,,2026/4/1,\r\n\
s900,雪見だいふく本舗,Yukimi Sweets,食料品,永山,旭川市永山1条1丁目,\"1-1 Nagayama, Asahikawa\",10:00-17:00,,https://www.openstreetmap.org/?mlat=43.79&mlon=142.44,こそだてっぴー認定,令和8年12月1日,2027-11-30\r\n\
s901,店名だけ,,飲食,,旭川市,,,,https://x.example/,,2026/12/1,\r\n\
s902,http の地図,,飲食,神楽,旭川市神楽,,,,http://x.example/,,2026/12/1,\r\n\
s903,日付なし,,飲食,神楽,旭川市神楽,,,,https://x.example/,,,\r\n\
s904,終了が先,,飲食,神楽,旭川市神楽,,,,https://x.example/,,2026/12/1,2026/11/1\r\n\
S900,重複,,飲食,神楽,旭川市神楽,,,,https://x.example/,,2026/12/1,\r\n\
,,,,,,,,,,,,\r\n";

    fn sjis(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn shift_jis_and_utf8_give_the_same_list() {
        let utf8 = import_shops(CSV.as_bytes()).unwrap();
        let mut bom = csv::UTF8_BOM.to_vec();
        bom.extend_from_slice(CSV.as_bytes());
        let with_bom = import_shops(&bom).unwrap();
        let shift_jis = import_shops(&sjis(CSV)).unwrap();
        assert_eq!(shift_jis.encoding, TextEncoding::ShiftJis);
        assert_eq!(with_bom.encoding, TextEncoding::Utf8Bom);
        assert_eq!(utf8.encoding, TextEncoding::Utf8);
        assert_eq!(utf8.shops, shift_jis.shops);
        assert_eq!(utf8.shops, with_bom.shops);
        assert_eq!(utf8.problems, shift_jis.problems);
        assert_eq!(utf8.header_line, 2);
        let ids: Vec<&str> = utf8.shops.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s001", "s900"]);
        let s900 = &utf8.shops[1];
        assert_eq!(s900.certified_from.as_deref(), Some("2026-12-01"));
        assert_eq!(s900.certified_until.as_deref(), Some("2027-11-30"));
        assert_eq!(s900.address.en.as_deref(), Some("1-1 Nagayama, Asahikawa"));
        assert_eq!(utf8.shops[0].certified.as_deref(), Some(DEFAULT_CERTIFIED));
    }

    #[test]
    fn every_error_is_worded_in_both_languages() {
        let column = || ("地区", "area");
        crate::domain::shared::wording::assert_worded(&[
            ("Csv", &ShopLineError::Csv(CsvRecordError::UnclosedQuote)),
            (
                "Missing",
                &ShopLineError::Missing {
                    column: column().0,
                    column_en: column().1,
                },
            ),
            (
                "BadDate",
                &ShopLineError::BadDate {
                    column: "認定日",
                    column_en: "certified_from",
                    value: "x".into(),
                },
            ),
            ("BadDemo", &ShopLineError::BadDemo("x".into())),
            ("UntilBeforeFrom", &ShopLineError::UntilBeforeFrom),
            (
                "Duplicate",
                &ShopLineError::Duplicate {
                    id: "s1".into(),
                    first: 3,
                },
            ),
            (
                "Invalid",
                &ShopLineError::Invalid {
                    ja: "「地区」: 空です".into(),
                    en: "area: must not be empty".into(),
                },
            ),
            (
                "Problem",
                &ShopLineProblem {
                    line: 4,
                    error: ShopLineError::UntilBeforeFrom,
                },
            ),
            ("Csv", &ShopCsvError::Csv(CsvError::Utf16)),
            ("TooLarge", &ShopCsvError::TooLarge(3)),
            ("NoHeader", &ShopCsvError::NoHeader),
            (
                "MissingColumns",
                &ShopCsvError::Header(HeaderError::MissingColumns {
                    line: 3,
                    columns: vec![column(), ("地図URL", "map_url")],
                }),
            ),
            (
                "DuplicateColumn",
                &ShopCsvError::Header(HeaderError::DuplicateColumn {
                    line: 3,
                    header: "area".into(),
                }),
            ),
            ("TooMany", &ShopCsvError::TooMany(5001)),
        ]);
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number_and_reason() {
        let problems = import_shops(CSV.as_bytes()).unwrap().problems;
        let words = |lang| -> Vec<String> { problems.iter().map(|p| p.wording(lang)).collect() };
        assert_eq!(
            words(Lang::Ja),
            [
                "5行目: 「地区」が空です",
                "6行目: 「地図URL」: https:// で始まる必要があります",
                "7行目: 「認定日」が空です",
                "8行目: 認定終了日が認定日より前です",
                "9行目: 店舗ID「s900」は4行目と重複しています",
            ]
        );
        assert_eq!(
            words(Lang::En),
            [
                "line 5: area is empty",
                "line 6: map_url: must start with https://",
                "line 7: certified_from is empty",
                "line 8: certified_until is before certified_from",
                "line 9: shop id \"s900\" repeats line 4",
            ]
        );
        assert_eq!(problems[0].to_string(), "5行目: 「地区」が空です");
    }

    #[test]
    fn shop_names_with_invisible_or_direction_changing_characters_are_refused_per_line() {
        let csv = "店舗ID,店舗名,店舗名（英語）,業種,地区,住所,住所（英語）,営業時間,営業時間（英語）,地図URL,認定,認定日,認定終了日\r\n\
s001,旭川ベーカリー,,飲食,神楽,旭川市,,,,https://x.example/,,2026/4/1,\r\n\
s002,旭川\u{202E}リーカベ,,飲食,神楽,旭川市,,,,https://x.example/,,2026/4/1,\r\n\
s003,ゆきの,Yuki\u{200D}no,飲食,神楽,旭川市,,,,https://x.example/,,2026/4/1,\r\n";
        let list = import_shops(csv.as_bytes()).unwrap();
        let ids: Vec<&str> = list.shops.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["s001"]);
        let words =
            |lang| -> Vec<String> { list.problems.iter().map(|p| p.wording(lang)).collect() };
        assert_eq!(
            words(Lang::Ja),
            [
                "3行目: 「店舗名」: 見えない文字・文字の向きを変える文字(U+202E)があります。消して入力し直してください",
                "4行目: 「店舗名（英語）」: 見えない文字・文字の向きを変える文字(U+200D)があります。消して入力し直してください",
            ]
        );
        assert_eq!(
            words(Lang::En)[0],
            "line 3: name: contains an invisible or direction-changing character (U+202E)"
        );
    }

    #[test]
    fn files_that_are_not_a_shop_list_say_why() {
        assert_eq!(import_shops(b""), Err(ShopCsvError::Csv(CsvError::Empty)));
        assert_eq!(
            import_shops("a,b\r\n1,2\r\n".as_bytes()),
            Err(ShopCsvError::NoHeader)
        );
        // Every missing column named at once.
        let e = import_shops("店舗ID,店舗名,業種,地区\r\n".as_bytes()).unwrap_err();
        assert_eq!(
            e,
            ShopCsvError::Header(HeaderError::MissingColumns {
                line: 1,
                columns: vec![
                    ("住所", "address"),
                    ("地図URL", "map_url"),
                    ("認定日", "certified_from")
                ]
            })
        );
        assert_eq!(
            e.wording(Lang::Ja),
            "見出し行（1行目）に「住所」「地図URL」「認定日」の列がありません（3列）。列を足して保存し直してください"
        );
        assert!(matches!(
            import_shops(b"\xFF\xFEa"),
            Err(ShopCsvError::Csv(CsvError::Utf16))
        ));
        // The template reads back as a header with no shops.
        let t = import_shops(&template()).unwrap();
        assert!(t.shops.is_empty() && t.problems.is_empty());
    }

    /// The office's round trip: the feed's list saved as CSV and read back unchanged is the
    /// same list (an empty diff), including a shop without a first day, English texts and
    /// cells Excel must quote; one shop added in the file is the only change.
    #[test]
    fn the_exported_list_imports_as_the_same_shops() {
        let mut shops = import_shops(CSV.as_bytes()).unwrap().shops;
        let mut undated = shops[0].clone();
        undated.id = "s950".into();
        undated.name = I18n::new("カフェ \"ゆきの\", 旭川", "Cafe \"Yukino\", Asahikawa");
        undated.certified_from = None;
        undated.hours = None;
        undated.demo = true;
        shops.push(undated);
        let bytes = export_shops(&shops);
        assert!(bytes.starts_with(csv::UTF8_BOM));
        let back = import_shops(&bytes).unwrap();
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.shops, shops);
        assert!(diff(&shops, &back.shops).is_empty());
        // The same columns the import reads, in the template's order.
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let template = String::from_utf8(template()[3..].to_vec()).unwrap();
        assert!(text.starts_with(&template), "{text}");
        assert!(text.contains(",指定なし,"), "{text}");
        // Excel adds a line: only that shop is new.
        let added = format!("{text}s960,旭川ラーメン,,飲食,中心市街地,旭川市2条通,,,,https://x.example/,,2027/1/5,,\r\n");
        let d = diff(&shops, &import_shops(added.as_bytes()).unwrap().shops);
        assert_eq!(d.added, [("s960".to_owned(), "旭川ラーメン".to_owned())]);
        assert!(d.changed.is_empty() && d.removed.is_empty());
        // An empty 認定日 is still refused: 「指定なし」 is written on purpose.
        assert_eq!(
            import_shops(CSV.as_bytes()).unwrap().problems[2].wording(Lang::Ja),
            "7行目: 「認定日」が空です"
        );
    }

    #[test]
    fn diff_against_the_current_list() {
        let new = import_shops(CSV.as_bytes()).unwrap().shops;
        let mut old_s001 = new[0].clone();
        old_s001.hours = None;
        old_s001.certified_from = None;
        let gone = ShopDto {
            id: "s777".into(),
            ..new[0].clone()
        };
        let d = diff(&[old_s001, gone], &new);
        assert_eq!(
            d.added,
            [("s900".to_owned(), "雪見だいふく本舗".to_owned())]
        );
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].fields, ["hours", "certified_from"]);
        assert_eq!(d.removed.len(), 1);
        assert_eq!(d.removed[0].0, "s777");
        assert_eq!(
            d.summary(crate::domain::shared::text::Lang::Ja),
            "追加 1・変更 1・削除 1（変更なし 0）"
        );
        assert_eq!(
            d.summary(crate::domain::shared::text::Lang::En),
            "added 1, changed 1, removed 1 (0 unchanged)"
        );
        assert!(diff(&new, &new).is_empty());
    }
}

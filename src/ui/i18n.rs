//! UI strings: Japanese first, English second. Feed text carries its own translations
//! ([`crate::domain::shared::text::I18n`]); this is for the app's own words.

use chrono::{DateTime, Datelike, Utc};

use crate::domain::shared::date::to_jst;
use crate::domain::shared::text::Lang;

/// Pick the string for `lang`.
pub fn tr(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// Weekday name.
pub fn weekday(lang: Lang, wd: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match (lang, wd) {
        (Lang::Ja, Mon) => "月",
        (Lang::Ja, Tue) => "火",
        (Lang::Ja, Wed) => "水",
        (Lang::Ja, Thu) => "木",
        (Lang::Ja, Fri) => "金",
        (Lang::Ja, Sat) => "土",
        (Lang::Ja, Sun) => "日",
        (Lang::En, Mon) => "Mon",
        (Lang::En, Tue) => "Tue",
        (Lang::En, Wed) => "Wed",
        (Lang::En, Thu) => "Thu",
        (Lang::En, Fri) => "Fri",
        (Lang::En, Sat) => "Sat",
        (Lang::En, Sun) => "Sun",
    }
}

/// A calendar date, e.g. `2026年12月2日（水）` / `Wed 2 Dec 2026`.
pub fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::Ja => format!(
            "{}年{}月{}日（{}）",
            d.year(),
            d.month(),
            d.day(),
            weekday(lang, d.weekday())
        ),
        Lang::En => format!(
            "{} {} {} {}",
            weekday(lang, d.weekday()),
            d.day(),
            crate::domain::shared::date::month_abbr(d.month()),
            d.year()
        ),
    }
}

/// An instant shown in JST, e.g. `2026年11月24日（火）19:05`.
pub fn datetime_jst(lang: Lang, t: DateTime<Utc>) -> String {
    let local = to_jst(t);
    format!(
        "{} {}",
        date(lang, local.date()),
        crate::domain::shared::date::hh_mm(local.time())
    )
}

/// Yen amount with thousands separators: `20,000円` / `¥20,000`.
pub fn yen(lang: Lang, amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match lang {
        Lang::Ja => format!("{out}円"),
        Lang::En => format!("¥{out}"),
    }
}

//! Shared pieces of the schedule screens: the schedule from the feed as a memo, short date
//! and label formats, and the notice shown while there is no schedule yet.

use std::sync::Arc;

use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::schedule::{ClosedReason, Schedule, Session};
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::ui::i18n::{tr, weekday};
use crate::ui::state::AppState;
use crate::ui::ticking::ticking_now;

/// Today's date in Japan, kept current while the app stays open (checked every minute).
pub fn use_jst_today() -> Memo<NaiveDate> {
    let tick = ticking_now(Duration::from_secs(60));
    Memo::new(move |_| jst_today(tick.get()))
}

/// The schedule section of the feed in use (reactive; `None` until a feed with a schedule
/// has loaded).
pub fn use_schedule() -> Memo<Option<Arc<Schedule>>> {
    let state = AppState::expect();
    Memo::new(move |_| {
        state.feed.with(|f| {
            f.feed
                .as_ref()
                .and_then(|feed| feed.sections.schedule.clone())
                .map(Arc::new)
        })
    })
}

/// A short date: `12/2（水）` / `Wed 2 Dec`.
pub fn short_date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::Ja => format!(
            "{}/{}（{}）",
            d.month(),
            d.day(),
            weekday(lang, d.weekday())
        ),
        // Hand-formatted (not chrono's `%-d %b`): strftime costs ~10 KB of WebAssembly.
        Lang::En => format!(
            "{} {} {}",
            weekday(lang, d.weekday()),
            d.day(),
            crate::domain::shared::date::month_abbr(d.month())
        ),
    }
}

/// A theme title cut to its core for narrow places (calendar cells):
/// 「健康のこと（更年期など）」→「健康」, "Health (e.g. menopause)" → "Health",
/// 「家族や職場の人とのコミュニケーションのこと」→「コミュニケーション」.
pub fn short_title(title: &str) -> String {
    let core = cut_title(title);
    match core.rfind("との") {
        Some(i) if core.chars().count() > 8 => core[i + "との".len()..].to_owned(),
        _ => core,
    }
}

fn cut_title(title: &str) -> String {
    let cut = ["のこと", "（", "(", "、", ","]
        .iter()
        .filter_map(|d| title.find(d))
        .min()
        .unwrap_or(title.len());
    let core = title[..cut].trim();
    if core.is_empty() {
        title.to_owned()
    } else {
        core.to_owned()
    }
}

/// Said once on a screen that shows desk or event times, which carry no 「（日本時間）」 of
/// their own.
pub fn japan_time_note(lang: Lang) -> impl IntoView {
    view! { <p class="muted" data-testid="japan-time">{tr(lang, "時刻はすべて日本時間です。", "All times are Japan time (JST).")}</p> }
}

/// The experts of a session as one line: `保健師・助産師・看護師` (the same list as
/// everywhere else in the app).
pub fn experts_line(lang: Lang, session: &Session) -> String {
    let sep = tr(lang, "・", ", ");
    session
        .experts
        .iter()
        .map(|e| e.get(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A short closure label for a calendar cell: 「成人の日」「年末年始」, or nothing for a plain
/// weekend.
pub fn closed_short(lang: Lang, reason: &ClosedReason) -> Option<String> {
    match reason {
        ClosedReason::Holiday(name) => Some(name.clone()),
        ClosedReason::YearEnd => Some(tr(lang, "年末年始", "Year-end").to_owned()),
        ClosedReason::Exception(_) => Some(tr(lang, "臨時休", "Closed").to_owned()),
        ClosedReason::Moved { to, .. } => Some(format!("→{}/{}", to.month(), to.day())),
        ClosedReason::Weekend | ClosedReason::NoDesk => None,
    }
}

/// A `tel:` URI from a phone number as written (`0166-00-0000`): digits, `+` and `-` only
/// (the feed validates the number; this only keeps stray characters out of the URI).
pub fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
        .collect();
    format!("tel:{digits}")
}

/// Shown in place of schedule content until the feed has a schedule.
#[component]
pub fn NoSchedule() -> impl IntoView {
    let state = AppState::expect();
    move || {
        let checking = state.feed.with(|f| f.checking);
        let text = if checking {
            state.tr("日程を読み込んでいます…", "Loading the schedule…")
        } else {
            state.tr(
                "日程の情報がまだありません。接続できる場所で開き直してください。",
                "No schedule yet. Please open the app again when you are online.",
            )
        };
        view! { <p class="notice notice--info" role="status">{text}</p> }
    }
}

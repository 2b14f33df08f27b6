//! The evening online desk for women who work late.

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::session_card::BookingInfo;
use crate::ui::i18n::{tr, weekday};

/// The evening desk's days, hours, mode, note and booking; nothing if the feed has none.
#[component]
pub fn EveningDesk(schedule: Arc<Schedule>, lang: Lang) -> impl IntoView {
    let desk = schedule.evening_desk()?.clone();
    let days = desk
        .weekdays
        .iter()
        .map(|w| weekday(lang, *w))
        .collect::<Vec<_>>()
        .join(tr(lang, "・", ", "));
    let when = match lang {
        Lang::Ja => format!("毎週 {days}曜 {}", desk.hours.label()),
        Lang::En => format!("Every {days}, {}", desk.hours.label()),
    };
    let theme = desk
        .theme
        .as_ref()
        .and_then(|t| schedule.theme(t))
        .map(|t| t.name.get(lang).to_owned())
        .unwrap_or_else(|| tr(lang, "テーマは自由", "Any theme").to_owned());
    let booking = desk
        .booking
        .clone()
        .unwrap_or_else(|| schedule.booking().clone());
    let note = desk
        .note
        .as_ref()
        .map(|n| view! { <p>{n.get(lang).to_owned()}</p> });
    Some(view! {
        <div class="card evening-desk" data-testid="evening-desk">
            <h3 class="card__title">{desk.name.get(lang).to_owned()}</h3>
            <dl class="session-card__facts">
                <dt>{tr(lang, "日時", "When")}</dt>
                <dd>{when}</dd>
                <dt>{tr(lang, "方法", "How")}</dt>
                <dd>{desk.mode.label().get(lang).to_owned()}</dd>
                <dt>{tr(lang, "テーマ", "Theme")}</dt>
                <dd>{theme}</dd>
                <dt>{tr(lang, "予約・問い合わせ", "Booking")}</dt>
                <dd><BookingInfo booking=booking lang=lang/></dd>
            </dl>
            {note}
        </div>
    })
}

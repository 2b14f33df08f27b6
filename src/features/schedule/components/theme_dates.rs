//! "When is the next health day?": each theme's next few dates.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::session_card::change_badge;
use crate::ui::components::schedule_common::short_date;
use crate::ui::i18n::{tr, weekday};

/// For every theme: 次の「健康のこと」の日: 12/2（水）, 12/9（水）, 12/16（水）.
///
/// - `count`: how many dates per theme.
#[component]
pub fn ThemeDates(
    schedule: Arc<Schedule>,
    lang: Lang,
    from: NaiveDate,
    count: usize,
) -> impl IntoView {
    let items = schedule
        .themes()
        .iter()
        .map(|theme| {
            let dates = schedule.next_dates_for_theme(&theme.id, from, count);
            let name = theme.name.get(lang).to_owned();
            let label = match lang {
                Lang::Ja => format!("次の「{name}」の日（{}曜）", weekday(lang, theme.weekday)),
                Lang::En => format!("Next {name} days ({})", weekday(lang, theme.weekday)),
            };
            let list = if dates.is_empty() {
                view! { <p>{tr(lang, "予定はまだありません", "None announced yet")}</p> }.into_any()
            } else {
                let items = dates
                    .iter()
                    .map(|d| {
                        let badge = d.session.origin.badge().map(|b| {
                            view! { " " <span class="badge session-card__badge">{b.get(lang).to_owned()}</span> }
                        });
                        view! { <li>{short_date(lang, d.date)}{badge}{change_badge(lang, d.session.changed)}</li> }
                    })
                    .collect_view();
                view! { <ul class="theme-dates__dates">{items}</ul> }.into_any()
            };
            view! {
                <li class="theme-dates__theme" data-theme=theme.id.to_string()>
                    <h3 class="theme-dates__name">{label}</h3>
                    {list}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="theme-dates" data-testid="theme-dates">{items}</ul> }
}

//! Today's desk in Japan: open (which theme, experts, hours, where) or closed (why, and the
//! next opening).

use std::sync::Arc;

use chrono::{DateTime, Days, NaiveDate, Utc};
use leptos::prelude::*;

use crate::domain::schedule::{ClosedReason, DayPlan, DeskNow, Schedule, Session};
use crate::domain::shared::date::{jst_today, to_jst};
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::session_card::SessionCard;
use crate::site::routes::Route;
use crate::ui::i18n::{date, tr};

/// One card per session.
fn session_list(sessions: &[Session], lang: Lang, now: DateTime<Utc>) -> impl IntoView {
    sessions
        .iter()
        .cloned()
        .map(|s| view! { <SessionCard session=s lang=lang stamp=now/> })
        .collect_view()
}

/// The today card.
///
/// - `now`: the current instant (from `platform::clock`); the day is taken in JST.
#[component]
pub fn TodayCard(schedule: Arc<Schedule>, lang: Lang, now: DateTime<Utc>) -> impl IntoView {
    let today = jst_today(now);
    let plan = schedule.today(now);
    let open = plan.is_open();
    let unknown = (!plan.holidays_known).then(|| {
        view! {
            <p class="notice notice--warn">
                {tr(lang,
                    "この日付は祝日の一覧の範囲外です。祝日による休みが反映されていない場合があります。",
                    "This date is beyond the list of national holidays; holiday closures may be missing.",
                )}
            </p>
        }
    });
    let hhmm = |s: &Session| s.hours.start().format("%H:%M").to_string();
    // What is true at this minute (the rule: `Schedule::desk_now`).
    let body = match schedule.desk_now(now) {
        DeskNow::Ended => {
            // Open today, but every session has ended: say so, and show the next one.
            let next = schedule.next_session(now).map(|s| {
                let when = date(lang, s.date);
                view! {
                    <h3 class="today-card__next" data-testid="next-opening">
                        {tr(lang, "次の開設日：", "Next opening: ")}{when}
                    </h3>
                    <SessionCard session=s lang=lang stamp=now/>
                }
            });
            view! {
                {status_line("×", tr(lang, "今日の受付は終了しました", "Today's desk has closed").to_owned())}
                {next}
            }
            .into_any()
        }
        DeskNow::OpenNow(current) => {
            let text = match lang {
                Lang::Ja => format!(
                    "いま開いています（{}・{}まで）",
                    current.title.get(lang),
                    current.hours.end().format("%H:%M")
                ),
                Lang::En => format!(
                    "Open now ({}, until {})",
                    current.title.get(lang),
                    current.hours.end().format("%H:%M")
                ),
            };
            let rest: Vec<Session> = plan
                .sessions()
                .iter()
                .filter(|s| s.end() > to_jst(now))
                .cloned()
                .collect();
            view! {
                {status_line("●", text)}
                <div class="stack-list">{session_list(&rest, lang, now)}</div>
            }
            .into_any()
        }
        DeskNow::OpensAt(first) => {
            let text = match lang {
                Lang::Ja => format!("今日は{}から開きます（まだ開いていません）", hhmm(&first)),
                Lang::En => format!("Opens today at {} (not open yet)", hhmm(&first)),
            };
            view! {
                {status_line("○", text)}
                <div class="stack-list">{session_list(plan.sessions(), lang, now)}</div>
            }
            .into_any()
        }
        DeskNow::NextToday(next) => {
            let text = match lang {
                Lang::Ja => format!(
                    "窓口の受付は終了しました。{}から{}が開きます",
                    hhmm(&next),
                    next.title.get(lang)
                ),
                Lang::En => format!(
                    "The desk has closed; {} opens at {}",
                    next.title.get(lang),
                    hhmm(&next)
                ),
            };
            view! {
                {status_line("○", text)}
                <div class="stack-list"><SessionCard session=next lang=lang stamp=now/></div>
            }
            .into_any()
        }
        DeskNow::ClosedToday(reason) => {
            closed_today(&schedule, today, &reason, lang, now).into_any()
        }
    };
    let events = day_events(&plan, lang, ("今日のイベント", "Events today"));
    view! {
        <section
            class="card today-card"
            data-state=if open { "open" } else { "closed" }
            aria-labelledby="today-heading"
            data-testid="today-card"
        >
            <h2 id="today-heading" class="today-card__title">
                {tr(lang, "今日 ", "Today ")}
                <span class="today-card__date">{date(lang, today)}</span>
            </h2>
            {unknown}
            {body}
            {events}
        </section>
    }
}

/// The today card's status line: a mark, then what is true now.
fn status_line(mark: &'static str, text: String) -> impl IntoView {
    view! {
        <p class="today-card__status" data-testid="today-status">
            <span class="today-card__mark" aria-hidden="true">{mark}</span>
            {text}
        </p>
    }
}

/// Closed today: why, and the next opening (or that none is announced).
fn closed_today(
    schedule: &Schedule,
    today: NaiveDate,
    reason: &ClosedReason,
    lang: Lang,
    now: DateTime<Utc>,
) -> impl IntoView {
    let next = today
        .checked_add_days(Days::new(1))
        .and_then(|d| schedule.next_opening(d));
    let next_view = match next {
        Some(next) => {
            let when = date(lang, next.date);
            let sessions = session_list(next.sessions(), lang, now);
            view! {
                <h3 class="today-card__next" data-testid="next-opening">
                    {tr(lang, "次の開設日：", "Next opening: ")}{when}
                </h3>
                <div class="stack-list">{sessions}</div>
            }
            .into_any()
        }
        None => view! {
            <p>{tr(lang, "次の開設日はまだ決まっていません。", "No next opening has been announced yet.")}</p>
        }
        .into_any(),
    };
    view! {
        {status_line("×", tr(lang, "今日はお休みです", "Closed today").to_owned())}
        <p class="today-card__reason" data-testid="closed-reason">{reason.label().get(lang).to_owned()}</p>
        {next_view}
    }
}

/// A day's events as links to their pages, under `heading` (none: nothing). The today card
/// and the calendar's day panel show the same list.
pub(crate) fn day_events(
    plan: &DayPlan,
    lang: Lang,
    (ja, en): (&'static str, &'static str),
) -> Option<impl IntoView> {
    (!plan.events.is_empty()).then(|| {
        let items = plan
            .events
            .iter()
            .map(|e| {
                view! {
                    <li>
                        <a href=Route::Event(e.id.to_string()).href()>
                            {format!("{} {}", e.hours.label(), e.title.get(lang))}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{tr(lang, ja, en)}</h3>
            <ul class="plain-list">{items}</ul>
        }
    })
}

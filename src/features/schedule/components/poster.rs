//! A printable A4 poster for companies to put up (企業を通じた周知): this month's roster and
//! the app's QR code. Hidden on screen; the print stylesheet shows it instead of the page.

use std::sync::Arc;

use chrono::Datelike;
use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::qr::qr_path;
use crate::domain::shared::text::Lang;
use crate::features::schedule::components::month_calendar::month_label;
use crate::platform::share::app_base_url;
use crate::ui::i18n::{tr, weekday};

/// The poster for `year`-`month`.
#[component]
pub fn Poster(schedule: Arc<Schedule>, lang: Lang, year: i32, month: u32) -> impl IntoView {
    let url = app_base_url().unwrap_or_default();
    let qr = qr_path(&url).ok().map(|qr| {
        let (d, size) = (qr.d, qr.size);
        view! {
            <svg
                class="poster__qr"
                viewBox=format!("0 0 {size} {size}")
                role="img"
                aria-label=tr(lang, "アプリのQRコード", "QR code of the app")
            >
                <rect width=size.to_string() height=size.to_string() fill="#fff"/>
                <path d=d fill="#000"/>
            </svg>
        }
    });
    let grid = schedule.month(year, month);
    let roster = schedule
        .themes()
        .iter()
        .map(|theme| {
            let dates = grid
                .as_ref()
                .map(|g| {
                    g.weeks
                        .iter()
                        .flatten()
                        .filter(|c| c.in_month)
                        .filter(|c| {
                            c.plan
                                .sessions()
                                .iter()
                                .any(|s| s.theme.as_ref() == Some(&theme.id))
                        })
                        .map(|c| c.plan.date.day().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let experts = theme
                .experts
                .iter()
                .map(|e| e.get(lang))
                .collect::<Vec<_>>()
                .join(tr(lang, "、", ", "));
            view! {
                <tr>
                    <th scope="row">{weekday(lang, theme.weekday)}</th>
                    <td>{theme.name.get(lang).to_owned()}<br/><small>{experts}</small></td>
                    <td>{theme.hours.label()}</td>
                    <td>{dates}</td>
                </tr>
            }
        })
        .collect_view();
    let closed = grid
        .as_ref()
        .map(|g| {
            g.weeks
                .iter()
                .flatten()
                .filter(|c| c.in_month && c.plan.date.weekday().num_days_from_monday() < 5)
                .filter_map(|c| {
                    c.plan
                        .closed_reason()
                        .map(|r| format!("{}/{} {}", month, c.plan.date.day(), r.label().get(lang)))
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let closed = (!closed.is_empty()).then(|| {
        view! {
            <p class="poster__closed">
                {tr(lang, "お休み：", "Closed: ")}{closed.join(tr(lang, "　", "; "))}
            </p>
        }
    });
    let venue = schedule
        .venues()
        .first()
        .map(|v| format!("{} {}", v.name.get(lang), v.address.get(lang)));
    let phone = schedule.booking().phone.clone();
    view! {
        <section class="poster">
            <p class="poster__kicker">{tr(lang, "旭川市", "City of Asahikawa")}</p>
            <h2 class="poster__title">{tr(lang, "女性のキャリアの保健室", "Career health room")}</h2>
            <p class="poster__lead">{tr(lang,
                "働く女性の「ちょっと困った」に、日替わりのセンセーが応えます。予約なしでもどうぞ。",
                "Walk-in help for working women, with a different expert each weekday.",
            )}</p>
            <table class="poster__roster">
                <caption>{month_label(lang, year, month)}{tr(lang, "の開設日", " — desk days")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "曜日", "Day")}</th>
                        <th scope="col">{tr(lang, "テーマ・センセー", "Theme and experts")}</th>
                        <th scope="col">{tr(lang, "時間", "Hours")}</th>
                        <th scope="col">{tr(lang, "日付", "Dates")}</th>
                    </tr>
                </thead>
                <tbody>{roster}</tbody>
            </table>
            {closed}
            <p>{venue}</p>
            <p>{phone.map(|p| format!("{} {p}", tr(lang, "問い合わせ", "Contact")))}</p>
            <div class="poster__app">
                {qr}
                <p>{tr(lang, "スマホで読み取ると、今日の保健室・カレンダー・イベントが見られます。", "Scan for today's desk, the calendar and events.")}<br/>{url.clone()}</p>
            </div>
            {schedule.is_demo().then(|| view! { <p class="poster__demo">{tr(lang, "見本データ", "Sample data")}</p> })}
        </section>
    }
}

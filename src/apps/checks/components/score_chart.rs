//! A small line-and-points chart of one check's scores over time.

use leptos::prelude::*;

use crate::domain::checks::answers::SeriesPoint;
use crate::domain::checks::chart::{plot, polyline, Frame};
use crate::domain::shared::text::Lang;
use crate::ui::components::schedule_common::short_date;
use crate::ui::i18n::tr;

const FRAME: Frame = Frame {
    width: 320,
    height: 120,
    pad: 14,
};

/// An SVG chart (`role="img"`) whose accessible name lists every value, e.g.
/// 「K6の点数の推移（0〜24点）：12/1（火） 11点、12/8（火） 6点」.
///
/// - `title`: the check's title.
/// - `series`: scores oldest first (from `History::series`).
/// - `range`: the lowest and highest possible score (the vertical axis).
#[component]
pub fn ScoreChart(
    title: String,
    series: Vec<SeriesPoint>,
    range: (i32, i32),
    lang: Lang,
) -> impl IntoView {
    let points = plot(&series, range, FRAME);
    let values: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "{} {}{}",
                short_date(lang, p.date),
                p.score,
                tr(lang, "点", " pts")
            )
        })
        .collect();
    let label = match lang {
        Lang::Ja => format!(
            "{title}の点数の推移（{}〜{}点）：{}",
            range.0,
            range.1,
            values.join("、")
        ),
        Lang::En => format!(
            "{title}: scores over time ({}–{}): {}",
            range.0,
            range.1,
            values.join(", ")
        ),
    };
    let line = polyline(&points);
    let dots: Vec<_> = points
        .iter()
        .map(|p| view! { <circle class="score-chart__dot" cx=p.x cy=p.y r="5"/> })
        .collect();
    let bottom = FRAME.height - FRAME.pad;
    view! {
        <figure class="score-chart">
            <svg class="score-chart__svg" role="img" aria-label=label
                viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height)>
                <line class="score-chart__axis" x1=FRAME.pad y1=FRAME.pad x2=FRAME.pad y2=bottom/>
                <line class="score-chart__axis" x1=FRAME.pad y1=bottom x2=FRAME.width - FRAME.pad y2=bottom/>
                <text class="score-chart__tick" x="0" y=FRAME.pad + 4>{range.1}</text>
                <text class="score-chart__tick" x="0" y=bottom>{range.0}</text>
                <polyline class="score-chart__line" points=line/>
                {dots}
            </svg>
            <figcaption class="score-chart__caption">{title}</figcaption>
        </figure>
    }
}

//! A small line-and-points chart of one check's scores over time.

use leptos::prelude::*;

use crate::domain::checks::answers::SeriesPoint;
use crate::domain::checks::chart::{plot, polyline, value_label_y, Direction, Frame};
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
/// - `direction`: which way means more distress (from the bands), said under the chart.
///
/// Each point shows its value; the first and last dates are written under the axis.
#[component]
pub fn ScoreChart(
    title: String,
    series: Vec<SeriesPoint>,
    range: (i32, i32),
    direction: Option<Direction>,
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
        .map(|p| view! {
            <circle class="score-chart__dot" cx=p.x cy=p.y r="5"/>
            <text class="score-chart__tick" x=p.x y=value_label_y(p.y) text-anchor="middle">{p.score}</text>
        })
        .collect();
    let bottom = FRAME.height - FRAME.pad;
    // The first and last dates under the axis (every date is in the accessible name).
    let dates: Vec<_> = [(points.first(), "start"), (points.last(), "end")]
        .into_iter()
        .filter_map(|(p, anchor)| p.map(|p| (p.x, p.date, anchor)))
        .map(|(x, d, anchor)| view! {
            <text class="score-chart__tick" x=x y=FRAME.height + 12 text-anchor=anchor>{short_date(lang, d)}</text>
        })
        .collect();
    let note = direction.map(|d| match d {
        Direction::HigherIsHarder => tr(
            lang,
            "点数が高いほど、負担が大きい状態です。",
            "A higher score means more strain.",
        ),
        Direction::LowerIsHarder => tr(
            lang,
            "点数が低いほど、負担が大きい状態です。",
            "A lower score means more strain.",
        ),
    });
    view! {
        <figure class="score-chart">
            <svg class="score-chart__svg" role="img" aria-label=label
                viewBox=format!("0 0 {} {}", FRAME.width, FRAME.height + 16)>
                <line class="score-chart__axis" x1=FRAME.pad y1=FRAME.pad x2=FRAME.pad y2=bottom/>
                <line class="score-chart__axis" x1=FRAME.pad y1=bottom x2=FRAME.width - FRAME.pad y2=bottom/>
                <text class="score-chart__tick" x="0" y=FRAME.pad + 4>{range.1}</text>
                <text class="score-chart__tick" x="0" y=bottom>{range.0}</text>
                <polyline class="score-chart__line" points=line/>
                {dots}
                {dates}
            </svg>
            <figcaption class="score-chart__caption">{title} {note}</figcaption>
        </figure>
    }
}

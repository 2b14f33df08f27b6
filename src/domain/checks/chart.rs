//! Geometry of the small score-over-time chart on the self-check history (pure: the
//! component only draws what this computes).

use chrono::NaiveDate;

use crate::domain::checks::answers::SeriesPoint;

/// The chart's drawing area, in SVG user units. Whole units only: the chart is small, and
/// integer coordinates keep float formatting out of the WebAssembly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    pub width: i32,
    pub height: i32,
    /// Space kept free on every side (for the points' radius and the axis labels).
    pub pad: i32,
}

/// One plotted point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plotted {
    pub x: i32,
    pub y: i32,
    pub score: i32,
    pub date: NaiveDate,
}

/// Places `series` (oldest first) in `frame`: evenly spaced left to right, the score on a
/// vertical axis from `range.0` (bottom) to `range.1` (top). A single point sits in the
/// middle; scores outside the range are clamped onto it.
pub fn plot(series: &[SeriesPoint], range: (i32, i32), frame: Frame) -> Vec<Plotted> {
    let (lo, hi) = (range.0.min(range.1), range.0.max(range.1));
    let span = (hi - lo).max(1);
    let inner_w = (frame.width - 2 * frame.pad).max(0);
    let inner_h = (frame.height - 2 * frame.pad).max(0);
    let steps = i32::try_from(series.len().saturating_sub(1)).unwrap_or(i32::MAX);
    series
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let i = i32::try_from(i).unwrap_or(i32::MAX);
            let x = if steps == 0 {
                frame.width / 2
            } else {
                frame.pad + inner_w.saturating_mul(i) / steps
            };
            let s = p.score.clamp(lo, hi);
            let y = frame.pad + inner_h.saturating_mul(hi - s) / span;
            Plotted {
                x,
                y,
                score: p.score,
                date: p.date,
            }
        })
        .collect()
}

/// The `points` attribute of an SVG `<polyline>` through `points`.
pub fn polyline(points: &[Plotted]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", p.x, p.y))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn series(scores: &[i32]) -> Vec<SeriesPoint> {
        scores
            .iter()
            .enumerate()
            .map(|(i, &score)| SeriesPoint {
                taken_at: Utc
                    .with_ymd_and_hms(2026, 12, 1 + i as u32, 1, 0, 0)
                    .single()
                    .unwrap_or_default(),
                date: NaiveDate::from_ymd_opt(2026, 12, 1 + i as u32).unwrap_or_default(),
                score,
                level: None,
            })
            .collect()
    }

    const FRAME: Frame = Frame {
        width: 300,
        height: 120,
        pad: 10,
    };

    #[test]
    fn scores_map_onto_the_frame_top_is_high() {
        let p = plot(&series(&[0, 12, 24]), (0, 24), FRAME);
        let xy: Vec<(i32, i32)> = p.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(xy, vec![(10, 110), (150, 60), (290, 10)]);
        assert_eq!(polyline(&p), "10,110 150,60 290,10");
    }

    #[test]
    fn one_point_is_centred_and_out_of_range_is_clamped() {
        let p = plot(&series(&[30]), (0, 24), FRAME);
        assert_eq!((p[0].x, p[0].y, p[0].score), (150, 10, 30));
        assert!(plot(&[], (0, 24), FRAME).is_empty());
        // A degenerate range does not divide by zero.
        let flat = plot(&series(&[5, 5]), (5, 5), FRAME);
        assert_eq!(flat[0].y, 10);
    }
}

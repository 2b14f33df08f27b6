//! Geometry of the small score-over-time chart on the self-check history (pure: the
//! component only draws what this computes).

use chrono::NaiveDate;

use crate::domain::checks::answers::SeriesPoint;
use crate::domain::checks::questionnaire::Band;

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

/// Where a point's value is written: just above the point, or just below it when the
/// point is too near the top for the text to fit (11 px text).
pub fn value_label_y(point_y: i32) -> i32 {
    if point_y < 20 {
        point_y + 16
    } else {
        point_y - 8
    }
}

/// Which way the chart's line goes when things are harder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A higher score means more distress (K6, fatigue).
    HigherIsHarder,
    /// A lower score means more distress.
    LowerIsHarder,
}

/// The direction of a scale from its bands: the level of the band holding the top of
/// `range` against the band holding its bottom. `None` when the bands do not say (no
/// bands, or the same level at both ends): the chart then says nothing about it.
pub fn direction<'a>(
    bands: impl IntoIterator<Item = &'a Band>,
    range: (i32, i32),
) -> Option<Direction> {
    let bands: Vec<&Band> = bands.into_iter().collect();
    let level_at = |score: i32| {
        bands
            .iter()
            .find(|b| b.min <= score && score <= b.max)
            .map(|b| b.level)
    };
    let (low, high) = (
        level_at(range.0.min(range.1))?,
        level_at(range.0.max(range.1))?,
    );
    match high.cmp(&low) {
        std::cmp::Ordering::Greater => Some(Direction::HigherIsHarder),
        std::cmp::Ordering::Less => Some(Direction::LowerIsHarder),
        std::cmp::Ordering::Equal => None,
    }
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
        // values are written above each point, below the one at the very top
        let labels: Vec<i32> = p.iter().map(|p| value_label_y(p.y)).collect();
        assert_eq!(labels, vec![102, 52, 26]);
    }

    #[test]
    fn direction_comes_from_the_levels_of_the_bands_at_both_ends() {
        use crate::domain::checks::questionnaire::{Key, Level};
        use crate::domain::shared::text::I18n;
        let band = |min, max, level| Band {
            key: Key::parse("b").unwrap_or_else(Key::total),
            scale: Key::total(),
            min,
            max,
            label: I18n::new("", ""),
            explanation: I18n::new("", ""),
            level,
            theme: None,
        };
        // K6: 0–4 info … 13–24 high.
        let k6 = [
            band(0, 4, Level::Info),
            band(5, 9, Level::Mild),
            band(10, 12, Level::Moderate),
            band(13, 24, Level::High),
        ];
        let reversed = [band(0, 10, Level::High), band(11, 20, Level::Info)];
        let flat = [band(0, 20, Level::Info)];
        type Case<'a> = (&'a [Band], (i32, i32), Option<Direction>);
        let cases: Vec<Case> = vec![
            (&k6, (0, 24), Some(Direction::HigherIsHarder)),
            (&k6, (24, 0), Some(Direction::HigherIsHarder)),
            (&reversed, (0, 20), Some(Direction::LowerIsHarder)),
            (&flat, (0, 20), None),
            (&[], (0, 20), None),
            // a range end no band covers: nothing is claimed
            (&k6, (0, 30), None),
        ];
        for (bands, range, want) in cases {
            assert_eq!(direction(bands, range), want, "{range:?}");
        }
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

//! The backtest's plots as SVG (feature `plots`, drawn by `plotters` with its SVG backend only):
//! the reliability curves of each kind, one per horizon, and the timelines of the dyads with the
//! most onsets — weekly material conflict, alarms and onsets on one time axis.

use crate::backtest::{Kind, Score};
use crate::timeline::KindTimeline;
use crate::WatchError;
use plotters::prelude::*;

const SIZE: (u32, u32) = (720, 520);
/// Data series are drawn this wide, onset bars wider, axes and ticks at 1: a reader of the SVG
/// (and the tests) tells them apart by width.
pub const SERIES_WIDTH: u32 = 2;
pub const ONSET_WIDTH: u32 = 3;

fn plot_error(error: impl std::fmt::Display) -> WatchError {
    WatchError::Plot(error.to_string())
}

/// The file name of a kind's plot: `reliability-mid_onset.svg`.
pub fn file_name(prefix: &str, kind: Kind) -> String {
    let kind = match kind {
        Kind::MidOnset => "mid_onset",
        Kind::Surge => "surge",
    };
    format!("{prefix}-{kind}.svg")
}

/// The reliability curves of one kind's scores (one curve per horizon over the bins that hold
/// forecasts), beside the diagonal of perfect calibration. The axes end a little past the
/// largest forecast or rate seen, since the forecasts of rare onsets stay small.
pub fn reliability_svg(kind: Kind, scores: &[&Score]) -> Result<String, WatchError> {
    let curves: Vec<(u32, Vec<(f64, f64)>)> = scores
        .iter()
        .map(|s| {
            let points =
                s.reliability.iter().filter(|b| b.count > 0).map(|b| (b.mean_forecast, b.observed_rate)).collect();
            (s.horizon, points)
        })
        .collect();
    let largest = curves.iter().flat_map(|(_, p)| p).flat_map(|&(x, y)| [x, y]).fold(0.0f64, f64::max);
    let top = (largest * 1.15).clamp(0.01, 1.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(format!("Reliability of the {} forecasts (test period)", kind.name()), ("sans-serif", 20))
            .margin(12)
            .x_label_area_size(45)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..top, 0.0..top)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .x_desc("mean forecast in the bin")
            .y_desc("observed onset rate")
            .draw()
            .map_err(plot_error)?;
        chart
            .draw_series(LineSeries::new([(0.0, 0.0), (top, top)], BLACK.mix(0.4).stroke_width(SERIES_WIDTH)))
            .map_err(plot_error)?
            .label("perfect calibration")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], BLACK.mix(0.4).stroke_width(SERIES_WIDTH)));
        for (i, (horizon, points)) in curves.iter().enumerate() {
            let color = Palette99::pick(i).to_rgba();
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(SERIES_WIDTH)))
                .map_err(plot_error)?
                .label(format!("{horizon} days"))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(SERIES_WIDTH)));
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 3, color.filled()))).map_err(plot_error)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .map_err(plot_error)?;
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

/// One row per dyad, most onsets at the top: its weekly material conflict scaled to the row's
/// height (the row's largest week reaching 0.7), alarms as red dots on the row's floor, onsets
/// as black vertical bars across the row, all on one time axis: one polyline of
/// [`SERIES_WIDTH`] per dyad and one of [`ONSET_WIDTH`] per onset.
pub fn timeline_svg(timeline: &KindTimeline) -> Result<String, WatchError> {
    let rows = timeline.dyads.len().max(1);
    let days = (timeline.to - timeline.from).num_days().max(1) as f64;
    let day_of = |date: chrono::NaiveDate| (date - timeline.from).num_days() as f64;
    let floor = |row: usize| (rows - 1 - row) as f64;
    let names: Vec<String> = timeline.dyads.iter().map(|d| d.dyad.to_string()).collect();
    let from = timeline.from;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (SIZE.0 + 180, SIZE.1 + 40 * rows as u32 / 2)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_error)?;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!(
                    "{}: weekly material conflict, {}-day alarms (red dots) and onsets (black bars)",
                    timeline.kind.name(),
                    timeline.horizon
                ),
                ("sans-serif", 18),
            )
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(80)
            .build_cartesian_2d(0.0..days, -0.2..rows as f64)
            .map_err(plot_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(rows * 2 + 1)
            .y_label_formatter(&|y| {
                let row = y.round();
                if (y - row).abs() > 1e-6 || row < 0.0 || row as usize >= rows {
                    return String::new();
                }
                names.get(rows - 1 - row as usize).cloned().unwrap_or_default()
            })
            .x_label_formatter(&|day| (from + chrono::Days::new(day.max(0.0) as u64)).to_string())
            .x_desc("week")
            .draw()
            .map_err(plot_error)?;
        for (row, dyad) in timeline.dyads.iter().enumerate() {
            let peak = dyad.weeks.iter().map(|w| w.1).fold(0.0f64, f64::max).max(1.0);
            let color = Palette99::pick(row).to_rgba();
            let line = dyad.weeks.iter().map(|&(week, value)| (day_of(week), floor(row) + 0.7 * value / peak));
            chart.draw_series(LineSeries::new(line, color.stroke_width(SERIES_WIDTH))).map_err(plot_error)?;
            let alarms = dyad.alarms.iter().map(|&d| Circle::new((day_of(d), floor(row) + 0.02), 3, RED.filled()));
            chart.draw_series(alarms).map_err(plot_error)?;
            let onsets = dyad.onsets.iter().map(|&d| {
                let x = day_of(d);
                PathElement::new(vec![(x, floor(row) - 0.1), (x, floor(row) + 0.8)], BLACK.stroke_width(ONSET_WIDTH))
            });
            chart.draw_series(onsets).map_err(plot_error)?;
        }
        root.present().map_err(plot_error)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backtest::{Split, TestForecast};
    use crate::load::Dyad;
    use crate::metrics::Bin;
    use crate::timeline::DyadTimeline;
    use chrono::NaiveDate;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn score(horizon: u32, bins: Vec<Bin>) -> Score {
        Score {
            kind: Kind::Surge,
            horizon,
            split: Split {
                kind: Kind::Surge,
                fit_from: date("2005-01-01"),
                fit_to: date("2011-12-31"),
                test_to: date("2015-12-31"),
            },
            dyads: 2,
            fit_examples: 100,
            fit_cross_fitted_auc: None,
            test_examples: 50,
            test_onsets: 2,
            base_rate: 0.04,
            brier: 0.03,
            auc: None,
            aupr: None,
            versus: Vec::new(),
            reliability: bins,
            alarm_threshold: 0.1,
            hit_rate: None,
            false_alarm_rate: None,
            naive_hit_rate: None,
            naive_false_alarm_rate: None,
            forecasts: vec![TestForecast { dyad: 0, origin: date("2012-01-07"), alarm: true, outcome: true }],
        }
    }

    fn bin(low: f64, count: usize, mean_forecast: f64, observed_rate: f64) -> Bin {
        Bin { low, high: low + 0.1, count, mean_forecast, observed_rate }
    }

    /// The SVG parsed as XML: its polylines of width `width`, and its circles.
    fn shapes(svg: &str, width: u32) -> (usize, usize) {
        let document = roxmltree::Document::parse(svg).expect("the plot is well-formed XML");
        assert_eq!(document.root_element().tag_name().name(), "svg");
        let width = width.to_string();
        let lines = document
            .descendants()
            .filter(|n| n.tag_name().name() == "polyline" && n.attribute("stroke-width") == Some(width.as_str()))
            .count();
        (lines, document.descendants().filter(|n| n.tag_name().name() == "circle").count())
    }

    #[test]
    fn reliability_curves_one_per_horizon_beside_the_diagonal() {
        let scores = [
            score(7, vec![bin(0.0, 40, 0.02, 0.01), bin(0.1, 0, 0.0, 0.0), bin(0.2, 10, 0.21, 0.3)]),
            score(30, vec![bin(0.0, 45, 0.03, 0.02), bin(0.1, 5, 0.12, 0.2)]),
            score(90, vec![bin(0.0, 50, 0.05, 0.04)]),
        ];
        let svg = reliability_svg(Kind::Surge, &scores.iter().collect::<Vec<_>>()).unwrap();
        let (lines, dots) = shapes(&svg, SERIES_WIDTH);
        // Diagonal and three curves, each also drawn once in the legend.
        assert_eq!(lines, 2 * 4, "{svg}");
        assert_eq!(dots, 2 + 2 + 1, "one dot per bin that holds forecasts");
        assert!(svg.contains("30 days") && svg.contains("perfect calibration"));
    }

    #[test]
    fn timelines_draw_a_line_per_dyad_and_mark_alarms_and_onsets() {
        let weeks = |peak: f64| -> Vec<(NaiveDate, f64)> {
            (0..20u64)
                .map(|w| (date("2012-01-02") + chrono::Days::new(7 * w), if w == 9 { peak } else { 0.0 }))
                .collect()
        };
        let timeline = KindTimeline {
            kind: Kind::Surge,
            horizon: 30,
            from: date("2012-01-01"),
            to: date("2012-05-31"),
            dyads: vec![
                DyadTimeline {
                    dyad: Dyad::new("IND", "PAK"),
                    weeks: weeks(12.0),
                    alarms: vec![date("2012-02-04"), date("2012-02-11")],
                    onsets: vec![date("2012-02-18"), date("2012-04-07")],
                },
                DyadTimeline {
                    dyad: Dyad::new("CHN", "JPN"),
                    weeks: weeks(3.0),
                    alarms: Vec::new(),
                    onsets: vec![date("2012-03-03")],
                },
            ],
        };
        let svg = timeline_svg(&timeline).unwrap();
        let (lines, dots) = shapes(&svg, SERIES_WIDTH);
        assert_eq!(lines, 2, "a line per dyad");
        assert_eq!(shapes(&svg, ONSET_WIDTH).0, 3, "a bar per onset");
        assert_eq!(dots, 2, "a dot per alarm");
        assert!(svg.contains("IND-PAK") && svg.contains("CHN-JPN"), "rows are labelled");
        assert!(file_name("timeline", Kind::MidOnset) == "timeline-mid_onset.svg");
    }
}

//! Sparklines drawn on the server as SVG polylines: no script, and the numbers they are made of
//! are also printed beside them.

use serde::Serialize;

/// A sparkline's points (in a 100 × 24 box) and what it shows, in words.
#[derive(Clone, Debug, Serialize)]
pub struct Sparkline {
    pub points: String,
    pub label: String,
}

/// The line through `values` (oldest first), scaled to their own range.
pub fn sparkline(values: &[f64], what: &str) -> Option<Sparkline> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (first, last) = (*finite.first()?, *finite.last()?);
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let high = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if high > low { high - low } else { 1.0 };
    let step = if finite.len() > 1 { 100.0 / (finite.len() - 1) as f64 } else { 0.0 };
    let points = finite
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", i as f64 * step, 22.0 - (v - low) / span * 20.0))
        .collect::<Vec<_>>()
        .join(" ");
    let label = format!("{what}: from {first:.3} to {last:.3} (low {low:.3}, high {high:.3})");
    Some(Sparkline { points, label })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_span_the_box_and_say_what_they_show() {
        let line = sparkline(&[0.1, 0.3, 0.2], "p").unwrap();
        assert_eq!(line.points, "0.0,22.0 50.0,2.0 100.0,12.0");
        assert_eq!(line.label, "p: from 0.100 to 0.200 (low 0.100, high 0.300)");
        assert!(sparkline(&[], "p").is_none());
        assert_eq!(sparkline(&[0.5], "p").unwrap().points, "0.0,22.0");
    }
}

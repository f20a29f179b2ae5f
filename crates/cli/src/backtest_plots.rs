//! The SVG plots beside `tripwire backtest --report DIR`: written when the `plots` feature is
//! built (the default), and said to be absent otherwise.

use anyhow::Result;
use std::path::Path;
use tripwire_watch::backtest::Score;
use tripwire_watch::report::PlotLink;
use tripwire_watch::timeline::KindTimeline;

/// Writes the reliability curves of each kind and the timelines of its top dyads into `dir`;
/// returns the links for the report.
#[cfg(feature = "plots")]
pub fn write(dir: &Path, scores: &[Score], timelines: &[KindTimeline]) -> Result<Vec<PlotLink>> {
    use anyhow::Context;
    use tripwire_watch::plots::{file_name, reliability_svg, timeline_svg};
    let mut links = Vec::new();
    let mut save = |file: String, title: String, svg: String| -> Result<()> {
        std::fs::write(dir.join(&file), svg).with_context(|| format!("{}: cannot write", dir.join(&file).display()))?;
        links.push(PlotLink { title, file });
        Ok(())
    };
    let mut kinds: Vec<_> = scores.iter().map(|s| s.kind).collect();
    kinds.dedup();
    for kind in kinds {
        let of_kind: Vec<&Score> = scores.iter().filter(|s| s.kind == kind).collect();
        save(
            file_name("reliability", kind),
            format!("Reliability of the {} forecasts, per horizon", kind.name()),
            reliability_svg(kind, &of_kind)?,
        )?;
    }
    for timeline in timelines {
        save(
            file_name("timeline", timeline.kind),
            format!(
                "{}: the {} dyads with the most onsets, {}-day alarms and onsets",
                timeline.kind.name(),
                timeline.dyads.len(),
                timeline.horizon
            ),
            timeline_svg(timeline)?,
        )?;
    }
    Ok(links)
}

#[cfg(not(feature = "plots"))]
pub fn write(_dir: &Path, _scores: &[Score], _timelines: &[KindTimeline]) -> Result<Vec<PlotLink>> {
    eprintln!("tripwire: no plots in this report (built without the `plots` feature)");
    Ok(Vec::new())
}

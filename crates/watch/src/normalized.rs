//! A dyad's daily series normalized two ways, for `tripwire series --normalized`: its mentions
//! over every mention stored that day (the media volume), and over the mentions of either of its
//! two countries with anyone (their own coverage), each also summed over trailing 7-, 30- and
//! 90-day windows, with the z-score of each window against the dyad's trailing year.
//!
//! A share over a window is the ratio of the window's sums, never a mean of daily shares, so a
//! day with one event does not weigh as much as a day with a hundred. The series is read from a
//! year and a quarter before the first day shown (never before the store's first event), so the
//! first day's windows and z-scores are as complete as the store allows.

use crate::signals::{Metric, Signals, BASELINE_DAYS};
use crate::WatchError;
use chrono::NaiveDate;
use serde::Serialize;
use tripwire_store::read::{DailyCounts, DailySeriesQuery, SeriesScope};
use tripwire_store::Reader;

/// The trailing windows, in days.
pub const WINDOWS: [usize; 3] = [7, 30, 90];

/// One trailing window ending on a day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WindowFigures {
    pub days: usize,
    /// The dyad's mentions over the window.
    pub mentions: f64,
    pub share_of_volume: Option<f64>,
    pub share_of_coverage: Option<f64>,
    /// The window's mentions against the dyad's trailing year (see [`Signals::trailing_z`]).
    pub z: Option<f64>,
}

/// One day of the normalized series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NormalizedDay {
    pub date: NaiveDate,
    /// The dyad's counts that day, as `tripwire series` shows them.
    #[serde(flatten)]
    pub counts: DailyCounts,
    /// Every mention stored that day.
    pub volume: u64,
    /// Mentions of either country with anyone that day.
    pub coverage: u64,
    pub share_of_volume: Option<f64>,
    pub share_of_coverage: Option<f64>,
    pub windows: Vec<WindowFigures>,
}

/// The normalized series of the dyad `source`–`target` (both directions when `both`) between
/// `from` and `to` (each defaulting to the dyad's first and last event).
pub fn normalized_series(
    reader: &Reader,
    (source, target): (&str, &str),
    both: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<NormalizedDay>, WatchError> {
    let (source, target) = (source.to_ascii_uppercase(), target.to_ascii_uppercase());
    let countries = vec![source.clone(), target.clone()];
    let scope =
        if both { SeriesScope::Undirected { a: source, b: target } } else { SeriesScope::Directed { source, target } };
    let shown = reader.daily_series(&DailySeriesQuery { scope: scope.clone(), from, to })?;
    let (Some(first), Some(last)) = (shown.from, shown.to) else { return Ok(Vec::new()) };
    // The windows and z-scores of the first day shown need the days before it, but never
    // days before the store's first event: a year of zeros the store never saw is no baseline.
    let lead = chrono::Days::new((BASELINE_DAYS + WINDOWS[WINDOWS.len() - 1]) as u64);
    let stored_from = crate::load::Volume::read(reader, Some(last))?.map_or(first, |v| v.from);
    let start = first.checked_sub_days(lead).unwrap_or(first).max(stored_from).min(first);
    let read = |scope: SeriesScope| reader.daily_series(&DailySeriesQuery { scope, from: Some(start), to: Some(last) });
    let dyad = read(scope.clone())?;
    let volume: Vec<u64> = read(SeriesScope::All)?.days.iter().map(|d| d.mentions).collect();
    let coverage: Vec<u64> = read(SeriesScope::Involving { countries })?.days.iter().map(|d| d.mentions).collect();
    Ok(normalize(&dyad.days, &volume, &coverage, first))
}

/// The normalized days from `first` on, of dense series laid out on the same days.
pub fn normalize(days: &[DailyCounts], volume: &[u64], coverage: &[u64], first: NaiveDate) -> Vec<NormalizedDay> {
    let signals = Signals::new(days, volume);
    let mut coverage_prefix = Vec::with_capacity(days.len() + 1);
    coverage_prefix.push(0.0);
    for i in 0..days.len() {
        let previous = coverage_prefix[i];
        coverage_prefix.push(previous + coverage.get(i).copied().unwrap_or(0) as f64);
    }
    let coverage_sum =
        |end: usize, window: usize| coverage_prefix[end + 1] - coverage_prefix[(end + 1).saturating_sub(window)];
    let ratio = |part: f64, whole: f64| (whole > 0.0).then(|| part / whole);
    days.iter()
        .enumerate()
        .filter(|(_, day)| day.date >= first)
        .map(|(i, day)| {
            let windows = WINDOWS
                .iter()
                .map(|&window| {
                    let mentions = signals.sum(Metric::Mentions, i, window);
                    WindowFigures {
                        days: window,
                        mentions,
                        share_of_volume: signals.per_volume(Metric::Mentions, i, window),
                        share_of_coverage: ratio(mentions, coverage_sum(i, window)),
                        z: signals.trailing_z(Metric::Mentions, i, window),
                    }
                })
                .collect();
            let (volume, coverage) = (volume.get(i).copied().unwrap_or(0), coverage.get(i).copied().unwrap_or(0));
            NormalizedDay {
                date: day.date,
                counts: *day,
                volume,
                coverage,
                share_of_volume: ratio(day.mentions as f64, volume as f64),
                share_of_coverage: ratio(day.mentions as f64, coverage as f64),
                windows,
            }
        })
        .collect()
}

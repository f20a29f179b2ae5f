//! Per-dyad signals from a dense daily series: the count of each QuadClass, mentions, the
//! Goldstein sum and mean, the conflict share and material conflict, each also as a share of the
//! day's media volume (the dyad's mentions over all mentions), summed over any trailing window
//! (7, 30, 90 days …), weekly, and as a z-score against the dyad's trailing 365 days.
//!
//! Every windowed figure is a difference of prefix sums, so a window costs O(1) whatever its
//! length. Ratios over a window (Goldstein mean, conflict share, volume share) are ratios of
//! the window's sums, never means of daily ratios: a day with one event must not weigh as much
//! as a day with a hundred.

use chrono::{Datelike, NaiveDate};
use tripwire_store::read::DailyCounts;

/// A daily figure the signals sum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
    /// Every stored mention of the dyad.
    Mentions,
    /// Mentions that carry a Goldstein score.
    Scored,
    GoldsteinSum,
    /// Every stored mention of the day, whatever its actors: the media volume.
    Volume,
}

const METRICS: usize = 8;

impl Metric {
    fn slot(self) -> usize {
        self as usize
    }
}

/// The length of the trailing baseline a z-score compares against.
pub const BASELINE_DAYS: usize = 365;

/// A z-score's magnitude is capped here: beyond it a rare dyad's first event would dominate.
pub const Z_CAP: f64 = 10.0;

/// The signals of one dyad over a dense range of days.
#[derive(Clone, Debug)]
pub struct Signals {
    start: NaiveDate,
    /// `prefix[m][i]` is the sum of metric `m` over days `0..i`; `squares` the same of squares.
    prefix: [Vec<f64>; METRICS],
    squares: [Vec<f64>; METRICS],
}

/// One week's sums (weeks start on Monday; the first and last may be partial).
#[derive(Clone, Debug, PartialEq)]
pub struct WeekSignal {
    pub week_start: NaiveDate,
    pub days: usize,
    pub quads: [f64; 4],
    pub mentions: f64,
    pub goldstein_sum: f64,
    pub goldstein_mean: Option<f64>,
    pub conflict_share: Option<f64>,
    /// The dyad's mentions over all mentions that week.
    pub volume_share: Option<f64>,
}

impl Signals {
    /// Signals of `days` (a dense dyad series) against `volume`, the mentions of every event on
    /// the same days (`volume[i]` is the day of `days[i]`; missing days count as zero volume).
    pub fn new(days: &[DailyCounts], volume: &[u64]) -> Signals {
        let start = days.first().map(|d| d.date).unwrap_or_default();
        let mut prefix: [Vec<f64>; METRICS] = std::array::from_fn(|_| Vec::with_capacity(days.len() + 1));
        let mut squares: [Vec<f64>; METRICS] = std::array::from_fn(|_| Vec::with_capacity(days.len() + 1));
        for m in 0..METRICS {
            prefix[m].push(0.0);
            squares[m].push(0.0);
        }
        for (i, day) in days.iter().enumerate() {
            let values = [
                day.quad1 as f64,
                day.quad2 as f64,
                day.quad3 as f64,
                day.quad4 as f64,
                day.mentions as f64,
                day.scored as f64,
                day.goldstein_sum,
                volume.get(i).copied().unwrap_or(0) as f64,
            ];
            for (m, value) in values.into_iter().enumerate() {
                let (p, s) = (prefix[m][i], squares[m][i]);
                prefix[m].push(p + value);
                squares[m].push(s + value * value);
            }
        }
        Signals { start, prefix, squares }
    }

    /// Days covered.
    pub fn len(&self) -> usize {
        self.prefix[0].len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    pub fn date(&self, index: usize) -> NaiveDate {
        self.start + chrono::Days::new(index as u64)
    }

    /// The index of `date`, when the signals cover it.
    pub fn index_of(&self, date: NaiveDate) -> Option<usize> {
        let offset = (date - self.start).num_days();
        usize::try_from(offset).ok().filter(|&i| i < self.len())
    }

    /// The sum of `metric` over the `window` days ending on day `end` (inclusive), clipped to
    /// the covered range.
    pub fn sum(&self, metric: Metric, end: usize, window: usize) -> f64 {
        let (from, to) = self.bounds(end, window);
        self.prefix[metric.slot()][to] - self.prefix[metric.slot()][from]
    }

    /// The sum over the `window` days that follow day `origin` (days `origin+1 ..= origin+window`).
    pub fn sum_after(&self, metric: Metric, origin: usize, window: usize) -> f64 {
        self.sum(metric, origin + window, window)
    }

    fn bounds(&self, end: usize, window: usize) -> (usize, usize) {
        let to = (end + 1).min(self.len());
        (to.saturating_sub(window), to)
    }

    /// The mean Goldstein score of the window's scored mentions; `None` when none is scored.
    pub fn goldstein_mean(&self, end: usize, window: usize) -> Option<f64> {
        let scored = self.sum(Metric::Scored, end, window);
        (scored > 0.0).then(|| self.sum(Metric::GoldsteinSum, end, window) / scored)
    }

    /// Conflict (QuadClass 3 and 4) over all QuadClass-coded mentions in the window.
    pub fn conflict_share(&self, end: usize, window: usize) -> Option<f64> {
        let conflict = self.sum(Metric::VerbalConflict, end, window) + self.sum(Metric::MaterialConflict, end, window);
        let all = conflict
            + self.sum(Metric::VerbalCooperation, end, window)
            + self.sum(Metric::MaterialCooperation, end, window);
        (all > 0.0).then(|| conflict / all)
    }

    /// `metric` over the window as a share of the window's media volume; `None` without volume.
    pub fn per_volume(&self, metric: Metric, end: usize, window: usize) -> Option<f64> {
        let volume = self.sum(Metric::Volume, end, window);
        (volume > 0.0).then(|| self.sum(metric, end, window) / volume)
    }

    /// The rolling `window`-day sum of `metric` ending on every day.
    pub fn rolling(&self, metric: Metric, window: usize) -> Vec<f64> {
        (0..self.len()).map(|end| self.sum(metric, end, window)).collect()
    }

    /// How unusual the `window`-day sum ending on `end` is against the dyad's own trailing
    /// [`BASELINE_DAYS`] before the window: `(sum − window·μ) / (√window·σ)` with μ, σ the mean
    /// and standard deviation of the daily values in the baseline (days taken as independent).
    /// σ is floored at that of one event in the baseline year, so a dyad silent all year gets a
    /// large but finite score for its first event; the score is capped at ±[`Z_CAP`]. `None`
    /// until a full baseline precedes the window.
    pub fn trailing_z(&self, metric: Metric, end: usize, window: usize) -> Option<f64> {
        if end >= self.len() || end + 1 < window + BASELINE_DAYS {
            return None;
        }
        let baseline_end = end + 1 - window; // exclusive
        let baseline_start = baseline_end - BASELINE_DAYS;
        let m = metric.slot();
        let n = BASELINE_DAYS as f64;
        let total = self.prefix[m][baseline_end] - self.prefix[m][baseline_start];
        let total_sq = self.squares[m][baseline_end] - self.squares[m][baseline_start];
        let mean = total / n;
        let variance = (total_sq / n - mean * mean).max(0.0);
        let floor = (1.0 / n) * (1.0 - 1.0 / n);
        let sd = variance.max(floor).sqrt();
        let z = (self.sum(metric, end, window) - window as f64 * mean) / ((window as f64).sqrt() * sd);
        Some(z.clamp(-Z_CAP, Z_CAP))
    }

    /// The weekly sums, weeks starting on Monday.
    pub fn weekly(&self) -> Vec<WeekSignal> {
        let mut weeks = Vec::new();
        let mut first = 0;
        while first < self.len() {
            let weekday = self.date(first).weekday().num_days_from_monday() as usize;
            let days = (7 - weekday).min(self.len() - first);
            let end = first + days - 1;
            let quads = [
                self.sum(Metric::VerbalCooperation, end, days),
                self.sum(Metric::MaterialCooperation, end, days),
                self.sum(Metric::VerbalConflict, end, days),
                self.sum(Metric::MaterialConflict, end, days),
            ];
            weeks.push(WeekSignal {
                week_start: self.date(first),
                days,
                quads,
                mentions: self.sum(Metric::Mentions, end, days),
                goldstein_sum: self.sum(Metric::GoldsteinSum, end, days),
                goldstein_mean: self.goldstein_mean(end, days),
                conflict_share: self.conflict_share(end, days),
                volume_share: self.per_volume(Metric::Mentions, end, days),
            });
            first += days;
        }
        weeks
    }
}

#[cfg(test)]
pub(crate) fn test_day(date: NaiveDate, quads: [u64; 4], goldstein_sum: f64) -> DailyCounts {
    let mentions = quads.iter().sum();
    DailyCounts {
        date,
        mentions,
        events: mentions,
        goldstein_sum,
        scored: mentions,
        quad1: quads[0],
        quad2: quads[1],
        quad3: quads[2],
        quad4: quads[3],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Ten days from Wednesday 2020-01-01: day i has i material-conflict mentions (Goldstein −10
    /// each) and one verbal-cooperation mention (+1); the volume is 10 a day.
    fn ramp() -> Signals {
        let days: Vec<DailyCounts> = (0..10u64)
            .map(|i| test_day(date("2020-01-01") + chrono::Days::new(i), [1, 0, 0, i], 1.0 - 10.0 * i as f64))
            .collect();
        Signals::new(&days, &[10; 10])
    }

    #[test]
    fn window_sums_ratios_and_volume_shares() {
        let s = ramp();
        assert_eq!(s.len(), 10);
        assert_eq!(s.sum(Metric::MaterialConflict, 9, 3), 7.0 + 8.0 + 9.0);
        assert_eq!(s.sum(Metric::MaterialConflict, 1, 7), 1.0, "a window is clipped at the start");
        assert_eq!(s.sum_after(Metric::MaterialConflict, 6, 2), 15.0);
        // Days 8 and 9: 17 conflict mentions, 2 cooperative ones.
        assert_eq!(s.conflict_share(9, 2), Some(17.0 / 19.0));
        assert_eq!(s.goldstein_mean(9, 2), Some((2.0 - 170.0) / 19.0));
        assert_eq!(s.per_volume(Metric::Mentions, 9, 2), Some(19.0 / 20.0));
        assert_eq!(s.goldstein_mean(0, 1), Some(1.0));
        assert_eq!(s.index_of(date("2020-01-10")), Some(9));
        assert_eq!(s.index_of(date("2020-01-11")), None);
        assert_eq!(s.rolling(Metric::VerbalCooperation, 7)[9], 7.0);
    }

    #[test]
    fn weeks_start_on_monday() {
        let weeks = ramp().weekly();
        // Wed 1 – Sun 5, Mon 6 – Fri 10.
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].week_start, date("2020-01-01"));
        assert_eq!(weeks[0].days, 5);
        assert_eq!(weeks[0].quads[3], 10.0);
        assert_eq!(weeks[1].week_start, date("2020-01-06"));
        assert_eq!(weeks[1].quads[3], 35.0);
        assert_eq!(weeks[1].mentions, 40.0);
    }

    #[test]
    fn z_scores_compare_with_the_trailing_year() {
        // A year alternating 0 and 2 a day (mean 1, sd 1), then a week of 3 a day.
        let mut days: Vec<DailyCounts> = (0..365u64)
            .map(|i| test_day(date("2019-01-01") + chrono::Days::new(i), [0, 0, 0, 2 * (i % 2)], 0.0))
            .collect();
        for i in 365..372u64 {
            days.push(test_day(date("2019-01-01") + chrono::Days::new(i), [0, 0, 0, 3], 0.0));
        }
        let s = Signals::new(&days, &[]);
        assert_eq!(s.trailing_z(Metric::MaterialConflict, 370, 7), None, "no full year before the window yet");
        let z = s.trailing_z(Metric::MaterialConflict, 371, 7).unwrap();
        // (21 − 7·μ) / (√7·σ) with μ≈1, σ≈1 over the alternating year (one more 0 than 2).
        let mean: f64 = 364.0 / 365.0;
        let sd = (2.0 * 364.0 / 365.0 - mean * mean).sqrt();
        assert!((z - (21.0 - 7.0 * mean) / (7f64.sqrt() * sd)).abs() < 1e-9, "{z}");
        // A silent year: the first event gets a large, capped score.
        let silent: Vec<DailyCounts> = (0..400u64)
            .map(|i| test_day(date("2019-01-01") + chrono::Days::new(i), [0, 0, 0, u64::from(i == 399) * 50], 0.0))
            .collect();
        assert_eq!(Signals::new(&silent, &[]).trailing_z(Metric::MaterialConflict, 399, 1), Some(Z_CAP));
        assert_eq!(Signals::new(&silent, &[]).trailing_z(Metric::MaterialConflict, 398, 1), Some(0.0));
    }
}

//! Change points in a dyad's relations: a two-sided CUSUM (Page 1954) on the weekly mean
//! Goldstein score, restarted after each change it finds.
//!
//! Each segment's level is estimated from its first [`ChangeConfig::baseline`] weeks that have
//! scored events (weeks without events carry no information about tone and are skipped); every
//! later week adds its standardized deviation, less a slack `k`, to an upward and a downward sum.
//! When a sum passes the threshold `h` the change is dated to the week that sum last left zero,
//! and the next segment starts there. A change is only ever reported at a week at or after the
//! data that reveal it (`detected`), so using the changes detected by day t as features never
//! looks ahead.

use crate::signals::WeekSignal;
use chrono::NaiveDate;
use serde::Serialize;

/// Which way the relation moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The Goldstein mean fell: more conflict.
    TowardCoercion,
    /// The Goldstein mean rose: more cooperation.
    TowardCooperation,
}

impl Direction {
    pub fn describe(self) -> &'static str {
        match self {
            Direction::TowardCoercion => "toward coercion",
            Direction::TowardCooperation => "toward cooperation",
        }
    }
}

/// A change of level in the weekly Goldstein mean.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangePoint {
    /// The first day of the week the new level starts.
    pub date: NaiveDate,
    /// The last day of the week whose data made the sum pass the threshold.
    pub detected: NaiveDate,
    pub direction: Direction,
    /// The new level less the old, in Goldstein points (negative toward coercion).
    pub size: f64,
    pub level_before: f64,
    pub level_after: f64,
}

/// The detector's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChangeConfig {
    /// Observed weeks that fix a segment's level before it is watched.
    pub baseline: usize,
    /// The slack, in standard deviations: smaller drifts are not accumulated.
    pub slack: f64,
    /// The decision threshold, in standard deviations.
    pub threshold: f64,
    /// The smallest standard deviation assumed, in Goldstein points: a segment whose first weeks
    /// happen to agree must not make every later wobble a change.
    pub min_sd: f64,
}

impl Default for ChangeConfig {
    /// The textbook CUSUM (k = 0.5, h = 5: an in-control run of about 900 observations between
    /// false alarms for normal data) on an 8-week baseline, σ at least one Goldstein point.
    fn default() -> Self {
        ChangeConfig { baseline: 8, slack: 0.5, threshold: 5.0, min_sd: 1.0 }
    }
}

/// The change points of a weekly series.
pub fn detect(weeks: &[WeekSignal], config: &ChangeConfig) -> Vec<ChangePoint> {
    let observed: Vec<(&WeekSignal, f64)> = weeks.iter().filter_map(|w| w.goldstein_mean.map(|g| (w, g))).collect();
    let mut changes = Vec::new();
    let mut segment = 0;
    let baseline = config.baseline.max(2);
    while segment + baseline < observed.len() {
        let level: Vec<f64> = observed[segment..segment + baseline].iter().map(|(_, g)| *g).collect();
        let mean = level.iter().sum::<f64>() / baseline as f64;
        let variance = level.iter().map(|g| (g - mean).powi(2)).sum::<f64>() / (baseline - 1) as f64;
        let sd = variance.sqrt().max(config.min_sd);
        let (mut up, mut down) = (0.0f64, 0.0f64);
        let (mut up_start, mut down_start) = (segment + baseline, segment + baseline);
        let mut found = None;
        for (j, (_, value)) in observed.iter().enumerate().skip(segment + baseline) {
            let z = (value - mean) / sd;
            up = (up + z - config.slack).max(0.0);
            down = (down - z - config.slack).max(0.0);
            if up == 0.0 {
                up_start = j + 1;
            }
            if down == 0.0 {
                down_start = j + 1;
            }
            if up > config.threshold {
                found = Some((up_start, j, Direction::TowardCooperation));
                break;
            }
            if down > config.threshold {
                found = Some((down_start, j, Direction::TowardCoercion));
                break;
            }
        }
        let Some((start, detected_at, direction)) = found else { break };
        let start = start.min(detected_at);
        let after: Vec<f64> = observed[start..=detected_at].iter().map(|(_, g)| *g).collect();
        let level_after = after.iter().sum::<f64>() / after.len() as f64;
        let (week, _) = observed[start];
        let (detected_week, _) = observed[detected_at];
        changes.push(ChangePoint {
            date: week.week_start,
            detected: detected_week.week_start + chrono::Days::new(detected_week.days.saturating_sub(1) as u64),
            direction,
            size: level_after - mean,
            level_before: mean,
            level_after,
        });
        // The next segment starts at the change. Its level may be read from weeks after this
        // detection, but any later detection comes after those weeks, so none looks ahead.
        segment = start;
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reproducible noise source (SplitMix64), roughly uniform on [-1, 1].
    fn noise(seed: &mut u64) -> f64 {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }

    fn weeks(levels: &[(usize, f64)], seed: u64) -> Vec<WeekSignal> {
        let mut seed = seed;
        let start = NaiveDate::from_ymd_opt(2020, 1, 6).unwrap();
        let mut out = Vec::new();
        for &(count, level) in levels {
            for _ in 0..count {
                let value = level + noise(&mut seed);
                out.push(WeekSignal {
                    week_start: start + chrono::Days::new(7 * out.len() as u64),
                    days: 7,
                    quads: [0.0; 4],
                    mentions: 1.0,
                    goldstein_sum: value,
                    goldstein_mean: Some(value),
                    conflict_share: None,
                    volume_share: None,
                });
            }
        }
        out
    }

    #[test]
    fn finds_known_shifts_with_their_direction_date_and_size() {
        let series = weeks(&[(40, 2.0), (40, -3.0), (40, 1.5)], 7);
        let changes = detect(&series, &ChangeConfig::default());
        assert_eq!(changes.len(), 2, "{changes:#?}");
        assert_eq!(changes[0].direction, Direction::TowardCoercion);
        assert_eq!(changes[1].direction, Direction::TowardCooperation);
        let week = |i: u64| NaiveDate::from_ymd_opt(2020, 1, 6).unwrap() + chrono::Days::new(7 * i);
        for (change, truth) in changes.iter().zip([40u64, 80]) {
            let off = (change.date - week(truth)).num_weeks().abs();
            assert!(off <= 1, "dated {} for a shift at {}", change.date, week(truth));
            assert!(change.detected >= change.date);
            assert!(change.detected <= week(truth + 4), "detected late: {}", change.detected);
        }
        assert!((changes[0].size + 5.0).abs() < 1.0, "{}", changes[0].size);
        assert!((changes[1].size - 4.5).abs() < 1.0, "{}", changes[1].size);
    }

    #[test]
    fn a_steady_noisy_series_has_no_change_and_silent_weeks_are_skipped() {
        for seed in 0..20 {
            assert!(detect(&weeks(&[(150, 1.0)], seed), &ChangeConfig::default()).is_empty(), "seed {seed}");
        }
        let mut series = weeks(&[(20, 2.0), (20, -4.0)], 3);
        for week in series.iter_mut().step_by(2) {
            week.goldstein_mean = None;
        }
        let changes = detect(&series, &ChangeConfig::default());
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].direction, Direction::TowardCoercion);
        assert!(detect(&series[..8], &ChangeConfig::default()).is_empty(), "too short to have a baseline");
    }
}

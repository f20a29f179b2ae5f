//! The features of a (dyad, origin day) pair: what the signals and the change points detected
//! by that day say, nothing later.

use crate::changes::{ChangePoint, Direction};
use crate::signals::{Metric, Signals, BASELINE_DAYS};

/// Feature names, in the order of [`features_at`]'s values.
pub const FEATURE_NAMES: [&str; 18] = [
    "log verbal cooperation, 30 d",
    "log material cooperation, 30 d",
    "log verbal conflict, 30 d",
    "log material conflict, 30 d",
    "log material conflict, 7 d",
    "log material conflict, 90 d",
    "log mentions, 365 d",
    "Goldstein mean, 30 d",
    "Goldstein mean, 90 d",
    "conflict share, 30 d",
    "conflict share, 90 d",
    "z material conflict, 30 d",
    "z mentions, 30 d",
    "z Goldstein sum, 30 d",
    "log share of media volume, 30 d",
    "recent shift toward coercion",
    "recent shift toward cooperation",
    "log disputes of the dyad, prior 10 years",
];

pub const FEATURES: usize = FEATURE_NAMES.len();

/// How fast a change point's weight fades, in days.
const CHANGE_MEMORY_DAYS: f64 = 90.0;

/// How far back the dyad's dispute history counts, in years.
pub const DISPUTE_MEMORY_YEARS: u32 = 10;

/// The features at day `origin`; `None` before a full trailing year is available.
/// `prior_disputes` is how many disputes between the two began in the
/// [`DISPUTE_MEMORY_YEARS`] before the origin: the strongest known predictor of the next one,
/// and zero where no dispute history is known (the surge models, which outlive it).
pub fn features_at(
    signals: &Signals,
    changes: &[ChangePoint],
    origin: usize,
    prior_disputes: usize,
) -> Option<[f64; FEATURES]> {
    if origin + 1 < BASELINE_DAYS + 30 || origin >= signals.len() {
        return None;
    }
    let log_sum = |metric, window| (1.0 + signals.sum(metric, origin, window)).ln();
    let today = signals.date(origin);
    // Goldstein means and conflict shares of silent windows take neutral values.
    let goldstein = |window| signals.goldstein_mean(origin, window).unwrap_or(0.0);
    let share = |window| signals.conflict_share(origin, window).unwrap_or(0.5);
    let z = |metric| signals.trailing_z(metric, origin, 30).unwrap_or(0.0);
    let recency = |direction: Direction| {
        changes
            .iter()
            .filter(|c| c.direction == direction && c.detected <= today)
            .map(|c| (-((today - c.detected).num_days() as f64) / CHANGE_MEMORY_DAYS).exp())
            .fold(0.0, f64::max)
    };
    Some([
        log_sum(Metric::VerbalCooperation, 30),
        log_sum(Metric::MaterialCooperation, 30),
        log_sum(Metric::VerbalConflict, 30),
        log_sum(Metric::MaterialConflict, 30),
        log_sum(Metric::MaterialConflict, 7),
        log_sum(Metric::MaterialConflict, 90),
        log_sum(Metric::Mentions, 365),
        goldstein(30),
        goldstein(90),
        share(30),
        share(90),
        z(Metric::MaterialConflict),
        z(Metric::Mentions),
        z(Metric::GoldsteinSum),
        (1.0 + 1e4 * signals.per_volume(Metric::Mentions, origin, 30).unwrap_or(0.0)).ln(),
        recency(Direction::TowardCoercion),
        recency(Direction::TowardCooperation),
        (1.0 + prior_disputes as f64).ln(),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_day;
    use chrono::NaiveDate;

    #[test]
    fn features_see_only_the_past() {
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let days: Vec<_> = (0..500u64)
            .map(|i| {
                test_day(
                    start + chrono::Days::new(i),
                    [1, 0, 0, u64::from(i >= 450) * 4],
                    1.0 - 40.0 * f64::from(i >= 450),
                )
            })
            .collect();
        let signals = Signals::new(&days, &[100; 500]);
        assert_eq!(features_at(&signals, &[], 100, 0), None);
        let before = features_at(&signals, &[], 449, 2).unwrap();
        assert_eq!(before[3], 1f64.ln(), "no material conflict yet");
        assert_eq!(before[9], 0.0);
        assert_eq!(before[17], 3f64.ln(), "two prior disputes");
        let change = ChangePoint {
            date: start + chrono::Days::new(450),
            detected: start + chrono::Days::new(460),
            direction: Direction::TowardCoercion,
            size: -8.0,
            level_before: 1.0,
            level_after: -7.0,
        };
        let at = |origin| features_at(&signals, std::slice::from_ref(&change), origin, 0).unwrap();
        assert_eq!(at(459)[15], 0.0, "a change not yet detected is unknown");
        assert_eq!(at(460)[15], 1.0);
        assert!(at(490)[15] < 1.0 && at(490)[15] > 0.0);
        let after = at(499);
        assert_eq!(after[3], (1.0 + 4.0 * 30.0f64).ln());
        assert!(after[11] > 5.0, "material conflict far above a silent year");
        assert!((after[9] - 4.0 / 5.0).abs() < 1e-12);
        assert!(after[7] < 0.0);
    }
}

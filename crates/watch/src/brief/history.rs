//! What the store says about a dyad an article names: its recent trend, its change points and
//! the watch's probabilities, and how far that history pushes the brief's verdict.
//!
//! The history's push is bounded by [`HISTORY_CAP`], less than one shelling reported in the
//! article: the store can tip an article that is balanced, never overturn one that is clear.
//! A history that ends more than [`STALE_DAYS`] before the article is shown but not combined:
//! an old trend says nothing about today.

use crate::alarms::{DyadForecast, HorizonForecast};
use crate::changes::{detect, ChangeConfig, ChangePoint, Direction};
use crate::load::{dyad_signals, Dyad, Volume};
use crate::signals::Metric;
use crate::WatchError;
use chrono::NaiveDate;
use serde::Serialize;
use tripwire_store::Reader;

/// The most the store's history may push a verdict either way, in Goldstein points.
pub const HISTORY_CAP: f64 = 4.0;
/// A history ending this many days before the article is too old to combine.
pub const STALE_DAYS: i64 = 90;
/// A change point detected within this many days counts, fading as e^(−days/this).
pub const CHANGE_MEMORY_DAYS: f64 = 90.0;
/// The push of a fresh change point, of an alarm, of an ongoing crisis, and of a recent month
/// at least one Goldstein point below (or above) the trailing year.
const CHANGE_PUSH: f64 = 2.0;
const ALARM_PUSH: f64 = 2.0;
const ONGOING_PUSH: f64 = 1.0;
const TREND_PUSH: f64 = 1.0;

/// A dyad's history in the store up to the article.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    /// The last day read: the article's, or the store's last day when that is earlier.
    pub as_of: NaiveDate,
    /// The history ends more than [`STALE_DAYS`] before the article: shown, not combined.
    pub stale: bool,
    pub mentions_365_days: f64,
    pub goldstein_mean_30_days: Option<f64>,
    pub goldstein_mean_365_days: Option<f64>,
    pub material_conflict_30_days: f64,
    /// The 30-day material conflict against the trailing year (see `signals.rs`).
    pub material_conflict_z: Option<f64>,
    /// The last three change points detected by `as_of`, latest last.
    pub changes: Vec<ChangePoint>,
    /// The watch's probability of a surge per horizon, when it could be fitted.
    pub probabilities: Vec<HorizonForecast>,
    pub ongoing: Option<bool>,
    /// What the history adds to the verdict (positive toward coercion), and why.
    pub push: f64,
    pub reasons: Vec<String>,
}

/// The dyad's trend as of `article_date`; `None` when the store holds nothing of it by then.
pub fn trend(
    reader: &Reader,
    dyad: &Dyad,
    article_date: NaiveDate,
    forecast: Option<&DyadForecast>,
) -> Result<Option<Trend>, WatchError> {
    // A series asked to end on a day runs to that day even past the store's last event, so
    // the store's own range is read first.
    let Some(whole) = Volume::read(reader, None)? else { return Ok(None) };
    let volume = if article_date < whole.to {
        let Some(cut) = Volume::read(reader, Some(article_date))? else { return Ok(None) };
        cut
    } else {
        whole
    };
    let signals = dyad_signals(reader, dyad, &volume)?;
    let Some(today) = signals.len().checked_sub(1) else { return Ok(None) };
    if signals.sum(Metric::Mentions, today, signals.len()) == 0.0 {
        return Ok(None);
    }
    let as_of = signals.date(today);
    let stale = (article_date - as_of).num_days() > STALE_DAYS;
    let detected: Vec<ChangePoint> =
        detect(&signals.weekly(), &ChangeConfig::default()).into_iter().filter(|c| c.detected <= as_of).collect();
    let changes = detected[detected.len().saturating_sub(3)..].to_vec();
    let mut trend = Trend {
        as_of,
        stale,
        mentions_365_days: signals.sum(Metric::Mentions, today, 365),
        goldstein_mean_30_days: signals.goldstein_mean(today, 30),
        goldstein_mean_365_days: signals.goldstein_mean(today, 365),
        material_conflict_30_days: signals.sum(Metric::MaterialConflict, today, 30),
        material_conflict_z: signals.trailing_z(Metric::MaterialConflict, today, 30),
        changes,
        probabilities: forecast.map(|f| f.horizons.clone()).unwrap_or_default(),
        ongoing: forecast.map(|f| f.ongoing),
        push: 0.0,
        reasons: Vec::new(),
    };
    weigh_history(&mut trend);
    Ok(Some(trend))
}

/// Sets the history's push and its reasons (nothing for a stale history).
fn weigh_history(trend: &mut Trend) {
    if trend.stale {
        trend.reasons.push(format!("history ends {} — too old to weigh", trend.as_of));
        return;
    }
    let mut push = 0.0;
    if let Some(change) = trend.changes.last() {
        let days = (trend.as_of - change.detected).num_days() as f64;
        if days <= CHANGE_MEMORY_DAYS {
            let weight = CHANGE_PUSH * (-days / CHANGE_MEMORY_DAYS).exp();
            let signed = if change.direction == Direction::TowardCoercion { weight } else { -weight };
            push += signed;
            trend.reasons.push(format!(
                "change point {} detected {} ({signed:+.2})",
                change.direction.describe(),
                change.detected
            ));
        }
    }
    if let Some(alarm) = trend.probabilities.iter().filter(|h| h.alarm).map(|h| h.horizon).min() {
        push += ALARM_PUSH;
        trend.reasons.push(format!("the watch's {alarm}-day forecast is at its alarm threshold (+{ALARM_PUSH:.2})"));
    }
    if trend.ongoing == Some(true) {
        push += ONGOING_PUSH;
        trend.reasons.push(format!("material conflict above the dyad's baseline (+{ONGOING_PUSH:.2})"));
    }
    if let (Some(month), Some(year)) = (trend.goldstein_mean_30_days, trend.goldstein_mean_365_days) {
        if month <= year - 1.0 {
            push += TREND_PUSH;
            trend.reasons.push(format!("last 30 days {month:+.2} below the year's {year:+.2} (+{TREND_PUSH:.2})"));
        } else if month >= year + 1.0 {
            push -= TREND_PUSH;
            trend.reasons.push(format!("last 30 days {month:+.2} above the year's {year:+.2} (−{TREND_PUSH:.2})"));
        }
    }
    trend.push = push.clamp(-HISTORY_CAP, HISTORY_CAP);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(as_of: NaiveDate, stale: bool) -> Trend {
        Trend {
            as_of,
            stale,
            mentions_365_days: 100.0,
            goldstein_mean_30_days: Some(-6.0),
            goldstein_mean_365_days: Some(-1.0),
            material_conflict_30_days: 20.0,
            material_conflict_z: Some(4.0),
            changes: vec![ChangePoint {
                date: as_of - chrono::Days::new(20),
                detected: as_of - chrono::Days::new(6),
                direction: Direction::TowardCoercion,
                size: -5.0,
                level_before: -1.0,
                level_after: -6.0,
            }],
            probabilities: vec![HorizonForecast { horizon: 30, probability: 0.2, week_before: None, alarm: true }],
            ongoing: Some(true),
            push: 0.0,
            reasons: Vec::new(),
        }
    }

    #[test]
    fn a_worsening_history_pushes_toward_coercion_within_its_cap() {
        let day = NaiveDate::from_ymd_opt(2015, 6, 1).unwrap();
        let mut trend = blank(day, false);
        weigh_history(&mut trend);
        assert_eq!(trend.push, HISTORY_CAP, "{:?}", trend.reasons);
        assert_eq!(trend.reasons.len(), 4);
        let mut old = blank(day, true);
        weigh_history(&mut old);
        assert_eq!(old.push, 0.0);
    }

    #[test]
    fn an_improving_history_pushes_toward_negotiation() {
        let day = NaiveDate::from_ymd_opt(2015, 6, 1).unwrap();
        let mut trend = blank(day, false);
        trend.changes[0].direction = Direction::TowardCooperation;
        trend.probabilities[0].alarm = false;
        trend.ongoing = Some(false);
        trend.goldstein_mean_30_days = Some(3.0);
        weigh_history(&mut trend);
        assert!(trend.push < -2.0 && trend.push > -HISTORY_CAP, "{}", trend.push);
    }
}

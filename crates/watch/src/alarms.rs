//! The watch at a date: for each active dyad, the probability of a surge per horizon, how it
//! changed since a week before, the features that moved it (coefficient × standardized value),
//! the events that drove it (ids from the store), and — as plainly as an alarm — when the dyad
//! is de-escalating, from the CAMEO roots of its recent events.
//!
//! The models are fitted as in the backtest, on every origin whose outcome had closed by the
//! date: nothing after the date is read.

use crate::backtest::{examples, fit, load_histories, DyadHistory, Fitted, Kind, Split, MIN_MENTIONS};
use crate::features::{features_at, FEATURE_NAMES};
use crate::load::Dyad;
use crate::signals::Metric;
use crate::truth::{surge_quiet, MidHistory};
use crate::WatchError;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use tripwire_store::read::PageQuery;
use tripwire_store::{EventFilter, Reader, View};

/// The fitted surge models, one per horizon, as of a date.
pub struct Watch {
    pub date: NaiveDate,
    pub histories: Vec<DyadHistory>,
    pub models: Vec<(u32, Fitted)>,
}

/// Days without a mention after which a dyad is no longer watched.
pub const ACTIVE_DAYS: usize = 90;
/// The window of recent events shown and read for de-escalation, in days.
pub const RECENT_DAYS: u64 = 30;

impl Watch {
    /// Fits the models on what the store held up to `date`.
    pub fn fit(reader: &Reader, date: NaiveDate) -> Result<Watch, WatchError> {
        let histories = load_histories(reader, Some(date), MIN_MENTIONS)?;
        let start = histories.first().map(|h| h.signals.start()).unwrap_or(date);
        let split = Split { kind: Kind::Surge, fit_from: start, fit_to: date, test_to: date };
        let mut models = Vec::new();
        for horizon in crate::HORIZONS {
            let examples = examples(&histories, Kind::Surge, horizon, &MidHistory::default(), date);
            models.push((horizon, fit(&examples, &split, horizon)?));
        }
        Ok(Watch { date, histories, models })
    }
}

/// One horizon's forecast for a dyad.
#[derive(Clone, Debug, Serialize)]
pub struct HorizonForecast {
    pub horizon: u32,
    pub probability: f64,
    pub week_before: Option<f64>,
    /// Whether the probability reaches the horizon's alarm threshold.
    pub alarm: bool,
}

/// A feature that moved the 30-day forecast.
#[derive(Clone, Debug, Serialize)]
pub struct Driver {
    pub feature: &'static str,
    pub value: f64,
    /// Its share of the score now, and its change since a week before, in logits.
    pub contribution: f64,
    pub change: f64,
}

/// The watch's view of one dyad at a date.
#[derive(Clone, Debug, Serialize)]
pub struct DyadForecast {
    pub dyad: Dyad,
    pub date: NaiveDate,
    /// Material conflict already above the dyad's baseline: the forecast is of a surge from a
    /// quiet start, so this one is an ongoing crisis rather than a forecast onset.
    pub ongoing: bool,
    pub horizons: Vec<HorizonForecast>,
    pub drivers: Vec<Driver>,
    /// The recent conflict events that weigh most (most negative Goldstein first).
    pub conflict_events: Vec<i64>,
    /// The recent cooperative events.
    pub cooperative_events: Vec<i64>,
    /// "countdown — escalating: …", "false alarm — de-escalating: …", or nothing to say.
    pub verdict: Option<String>,
}

/// The forecasts for every dyad active in the [`ACTIVE_DAYS`] up to `watch.date`, highest
/// 30-day probability first. `explain` also reads the recent events from the store.
pub fn forecasts(watch: &Watch, reader: &Reader, explain: bool) -> Result<Vec<DyadForecast>, WatchError> {
    let mut out = Vec::new();
    for history in &watch.histories {
        let signals = &history.signals;
        let Some(today) = signals.index_of(watch.date) else { continue };
        if signals.sum(Metric::Mentions, today, ACTIVE_DAYS) == 0.0 {
            continue;
        }
        let Some(now) = features_at(signals, &history.changes, today, 0) else { continue };
        let before = today.checked_sub(7).and_then(|i| features_at(signals, &history.changes, i, 0));
        let horizons = watch
            .models
            .iter()
            .map(|(horizon, fitted)| {
                let probability = fitted.forecaster.probability(&now);
                HorizonForecast {
                    horizon: *horizon,
                    probability,
                    week_before: before.as_ref().map(|b| fitted.forecaster.probability(b)),
                    alarm: probability > fitted.alarm_threshold,
                }
            })
            .collect();
        let mut drivers = Vec::new();
        if let Some((_, fitted)) = watch.models.iter().find(|(h, _)| *h == 30) {
            let current = fitted.forecaster.contributions(&now);
            let previous = before.as_ref().map(|b| fitted.forecaster.contributions(b));
            for (i, name) in FEATURE_NAMES.iter().enumerate() {
                let change = previous.as_ref().map_or(0.0, |p| current[i] - p[i]);
                drivers.push(Driver { feature: name, value: now[i], contribution: current[i], change });
            }
            drivers.sort_by(|x, y| y.change.abs().total_cmp(&x.change.abs()));
            drivers.truncate(3);
        }
        let mut forecast = DyadForecast {
            dyad: history.dyad.clone(),
            date: watch.date,
            ongoing: !surge_quiet(signals, today),
            horizons,
            drivers,
            conflict_events: Vec::new(),
            cooperative_events: Vec::new(),
            verdict: None,
        };
        if explain {
            explain_with_events(&mut forecast, reader)?;
        }
        out.push(forecast);
    }
    let p30 = |f: &DyadForecast| f.horizons.iter().find(|h| h.horizon == 30).map_or(0.0, |h| h.probability);
    out.sort_by(|x, y| p30(y).total_cmp(&p30(x)));
    Ok(out)
}

/// Conflict and cooperative events of the dyad in the recent window, and the verdict.
fn explain_with_events(forecast: &mut DyadForecast, reader: &Reader) -> Result<(), WatchError> {
    let from = forecast.date - chrono::Days::new(RECENT_DAYS);
    let mut query = PageQuery {
        filter: EventFilter {
            dyad: Some((forecast.dyad.a.clone(), forecast.dyad.b.clone())),
            both_directions: true,
            from: Some(from),
            to: Some(forecast.date),
            ..EventFilter::default()
        },
        view: View::Deduplicated,
        newest_first: true,
        after: None,
        size: 500,
    };
    let mut conflict: Vec<(f32, i64, String)> = Vec::new();
    let mut cooperative: Vec<(i64, String)> = Vec::new();
    // At most a few pages: the verdict reads the recent month, not the whole history.
    for _ in 0..4 {
        let page = reader.page(&query)?;
        for event in &page.events {
            let record = &event.record;
            match record.quad_class {
                Some(3 | 4) => conflict.push((record.goldstein.unwrap_or(0.0), event.id, record.event_root.clone())),
                Some(1 | 2) => cooperative.push((event.id, record.event_root.clone())),
                _ => {}
            }
        }
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    conflict.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
    forecast.conflict_events = conflict.iter().take(5).map(|c| c.1).collect();
    forecast.cooperative_events = cooperative.iter().take(5).map(|c| c.0).collect();
    let p30 = forecast.horizons.iter().find(|h| h.horizon == 30);
    let falling = p30.is_some_and(|h| h.week_before.is_some_and(|b| h.probability < b));
    let alarmed = forecast.horizons.iter().any(|h| h.alarm);
    let roots_of = |roots: &mut dyn Iterator<Item = &String>| describe_roots(roots);
    forecast.verdict = if (falling || alarmed) && cooperative.len() > conflict.len() {
        Some(format!("false alarm — de-escalating: {}", roots_of(&mut cooperative.iter().map(|c| &c.1))))
    } else if alarmed && !conflict.is_empty() {
        Some(format!("countdown — escalating: {}", roots_of(&mut conflict.iter().map(|c| &c.2))))
    } else {
        None
    };
    Ok(())
}

/// "consult ×4, engage in diplomatic cooperation ×2" from CAMEO roots, most frequent first.
pub fn describe_roots(roots: &mut dyn Iterator<Item = &String>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for root in roots {
        *counts.entry(root.as_str()).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    counts
        .iter()
        .take(4)
        .map(|(root, n)| match tripwire_ontology::event_type(root) {
            Ok(known) => format!("{} ({root}) ×{n}", known.name.to_lowercase()),
            Err(_) => format!("CAMEO {root} ×{n}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_named_and_counted() {
        let roots = ["04".to_string(), "04".to_string(), "03".to_string(), "zz".to_string()];
        let text = describe_roots(&mut roots.iter());
        assert!(text.starts_with("consult (04) ×2"), "{text}");
        assert!(text.contains("CAMEO zz ×1"), "{text}");
    }
}

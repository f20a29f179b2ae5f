//! Rolling-origin backtest: weekly origins through the test years, each forecast made by a
//! model fitted and calibrated only on origins whose outcomes were known before the test
//! period began, scored on onsets (origins where the dyad is quiet) against four baselines.
//!
//! The splits are fixed here, before any result was seen (see `docs/watch.md`): MID onsets fit
//! on 2005–2008 and test on 2009–2011; surges fit on 2005–2011 and test on 2012 to the end of
//! the data. Calibration (Platt) and the alarm threshold come from forecasts cross-fitted by
//! year within the fitting period.

use crate::changes::{detect, ChangeConfig, ChangePoint};
use crate::features::{features_at, DISPUTE_MEMORY_YEARS, FEATURES};
use crate::forecast::Forecaster;
use crate::load::{active_dyads, dyad_signals, Dyad, Volume};
use crate::metrics::{
    average_precision, brier, hit_and_false_alarm_rates, reliability, roc_auc, skill, skill_interval, Bin,
};
use crate::signals::{Metric, Signals};
use crate::timeline::KindTimeline;
use crate::truth::{mid_coverage_end, surge_quiet, surge_within, MidHistory};
use crate::WatchError;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use tripwire_store::Reader;

/// Which escalation a forecast is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    MidOnset,
    Surge,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::MidOnset => "MID onset",
            Kind::Surge => "surge",
        }
    }
}

/// A train/test split.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Split {
    pub kind: Kind,
    /// First and last day of origins to fit on.
    pub fit_from: NaiveDate,
    pub fit_to: NaiveDate,
    /// Last day of the test period (its outcomes included).
    pub test_to: NaiveDate,
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

impl Split {
    pub fn test_from(&self) -> NaiveDate {
        self.fit_to + chrono::Days::new(1)
    }
}

/// The splits of the backtest. `data_end` is the store's last day.
pub fn splits(data_end: NaiveDate) -> [Split; 2] {
    [
        Split {
            kind: Kind::MidOnset,
            fit_from: ymd(2005, 1, 1),
            fit_to: ymd(2008, 12, 31),
            test_to: mid_coverage_end(),
        },
        Split { kind: Kind::Surge, fit_from: ymd(2005, 1, 1), fit_to: ymd(2011, 12, 31), test_to: data_end },
    ]
}

/// A dyad with its signals and change points.
pub struct DyadHistory {
    pub dyad: Dyad,
    pub signals: Signals,
    pub changes: Vec<ChangePoint>,
}

/// Dyads considered: at least this many mentions up to the end of the fitting period.
pub const MIN_MENTIONS: u64 = 20;

/// Days between origins.
pub const ORIGIN_STEP: usize = 7;

/// Loads every interstate dyad with at least `min_mentions` mentions up to `selected_by`, with
/// its signals over the whole store and its change points.
pub fn load_histories(
    reader: &Reader,
    selected_by: Option<NaiveDate>,
    min_mentions: u64,
) -> Result<Vec<DyadHistory>, WatchError> {
    let Some(volume) = Volume::read(reader, None)? else { return Ok(Vec::new()) };
    let mut histories = Vec::new();
    for (dyad, _) in active_dyads(reader, None, selected_by, min_mentions)? {
        let signals = dyad_signals(reader, &dyad, &volume)?;
        let changes = detect(&signals.weekly(), &ChangeConfig::default());
        histories.push(DyadHistory { dyad, signals, changes });
    }
    Ok(histories)
}

/// One (dyad, origin) example for one horizon.
#[derive(Clone, Debug)]
pub struct Example {
    pub dyad: usize,
    pub origin: NaiveDate,
    /// The origin's index on the shared day axis (the bootstrap's group).
    pub day: usize,
    pub features: [f64; FEATURES],
    pub outcome: bool,
    pub quiet: bool,
    /// The persistence baseline's input: the event happened in the horizon before the origin.
    pub happened_before: bool,
    /// The naive alarm: 30-day material conflict at a one-year high (and above zero).
    pub naive_alarm: bool,
    /// The dyad's own outcomes over the trailing 12 months known by the origin: (positives, n).
    pub trailing: (u32, u32),
}

/// The examples of one kind and horizon, over all origins whose outcome the data decide.
pub fn examples(
    histories: &[DyadHistory],
    kind: Kind,
    horizon: u32,
    mids: &MidHistory,
    last_outcome: NaiveDate,
) -> Vec<Example> {
    let mut out = Vec::new();
    let h = horizon as usize;
    for (index, history) in histories.iter().enumerate() {
        let signals = &history.signals;
        let outcome_at = |origin: usize| -> Option<bool> {
            let date = signals.date(origin);
            if date + chrono::Days::new(u64::from(horizon)) > last_outcome {
                return None;
            }
            match kind {
                Kind::MidOnset => Some(mids.onset_within(&history.dyad, date, horizon)),
                Kind::Surge => surge_within(signals, origin, horizon),
            }
        };
        let first = crate::signals::BASELINE_DAYS + 30;
        let mut past: Vec<(usize, bool)> = Vec::new();
        let mut origin = first;
        while origin < signals.len() {
            let Some(outcome) = outcome_at(origin) else { break };
            let date = signals.date(origin);
            let prior_disputes = match kind {
                Kind::MidOnset => mids.onsets_before(&history.dyad, date, DISPUTE_MEMORY_YEARS),
                // Dispute data end before the surge test years: the surge models never see them.
                Kind::Surge => 0,
            };
            let Some(features) = features_at(signals, &history.changes, origin, prior_disputes) else {
                origin += ORIGIN_STEP;
                continue;
            };
            let quiet = match kind {
                Kind::MidOnset => mids.quiet(&history.dyad, date),
                Kind::Surge => surge_quiet(signals, origin),
            };
            let happened_before = match kind {
                Kind::MidOnset => mids.onset_within(&history.dyad, date - chrono::Days::new(h as u64), horizon),
                Kind::Surge => origin >= h && surge_within(signals, origin - h, horizon) == Some(true),
            };
            let month = signals.sum(Metric::MaterialConflict, origin, 30);
            let year_high = (1..=365)
                .filter(|&back| back <= origin)
                .map(|back| signals.sum(Metric::MaterialConflict, origin - back, 30))
                .fold(0.0, f64::max);
            // Outcomes known by this origin: those whose horizon has closed.
            let known = past.iter().filter(|(o, _)| o + h <= origin && o + h + 365 > origin);
            let trailing = known.fold((0, 0), |(k, n), (_, y)| (k + u32::from(*y), n + 1));
            out.push(Example {
                dyad: index,
                origin: date,
                day: origin,
                features,
                outcome,
                quiet,
                happened_before,
                naive_alarm: month > 0.0 && month >= year_high,
                trailing,
            });
            past.push((origin, outcome));
            origin += ORIGIN_STEP;
        }
    }
    out
}

/// The skill of the model over one baseline.
#[derive(Clone, Debug, Serialize)]
pub struct Versus {
    pub baseline: &'static str,
    pub brier: f64,
    pub auc: Option<f64>,
    pub skill: Option<f64>,
    /// 95% bootstrap interval over origin days.
    pub interval: Option<(f64, f64)>,
}

/// The scores of one kind and horizon.
#[derive(Clone, Debug, Serialize)]
pub struct Score {
    pub kind: Kind,
    pub horizon: u32,
    pub split: Split,
    pub dyads: usize,
    pub fit_examples: usize,
    /// See [`Fitted::cross_fitted_auc`].
    pub fit_cross_fitted_auc: Option<f64>,
    pub test_examples: usize,
    pub test_onsets: usize,
    /// The share of test examples that are onsets.
    pub base_rate: f64,
    pub brier: f64,
    pub auc: Option<f64>,
    pub aupr: Option<f64>,
    pub versus: Vec<Versus>,
    pub reliability: Vec<Bin>,
    pub alarm_threshold: f64,
    pub hit_rate: Option<f64>,
    pub false_alarm_rate: Option<f64>,
    pub naive_hit_rate: Option<f64>,
    pub naive_false_alarm_rate: Option<f64>,
    /// Every test forecast, for the report's plots (not written to the JSON report).
    #[serde(skip)]
    pub forecasts: Vec<TestForecast>,
}

/// One forecast of the test period.
#[derive(Clone, Debug)]
pub struct TestForecast {
    /// The dyad's index among the split's histories.
    pub dyad: usize,
    pub origin: NaiveDate,
    pub alarm: bool,
    pub outcome: bool,
}

/// Bootstrap resamples for the skill intervals.
pub const RESAMPLES: usize = 500;

/// The share of the cross-fitted forecasts on the fitting period at or below the alarm
/// threshold: an alarm is a forecast above it.
pub const ALARM_QUANTILE: f64 = 0.95;

/// The rate of outcomes among `examples` where `condition` holds, else `fallback`.
fn conditional_rate(examples: &[&Example], condition: impl Fn(&Example) -> bool, fallback: f64) -> (f64, f64) {
    let rate = |want: bool| {
        let selected: Vec<_> = examples.iter().filter(|e| condition(e) == want).collect();
        if selected.is_empty() {
            fallback
        } else {
            selected.iter().filter(|e| e.outcome).count() as f64 / selected.len() as f64
        }
    };
    (rate(true), rate(false))
}

/// The alarm threshold: the [`ALARM_QUANTILE`] of the forecasts on `calibration`.
pub fn alarm_threshold(forecasts: &mut [f64]) -> f64 {
    if forecasts.is_empty() {
        return 1.0;
    }
    forecasts.sort_by(f64::total_cmp);
    forecasts[((forecasts.len() - 1) as f64 * ALARM_QUANTILE).round() as usize]
}

/// A forecaster fitted for a split, with what the baselines learn from the same examples.
pub struct Fitted {
    pub forecaster: Forecaster,
    pub alarm_threshold: f64,
    pub base_rate: f64,
    persistence: (f64, f64),
    naive: (f64, f64),
    pub fit_examples: usize,
    /// The ROC AUC of the cross-fitted forecasts on the fitting period: what the model ranks
    /// on years it was not fitted on, before the test period.
    pub cross_fitted_auc: Option<f64>,
}

/// Fits on the quiet examples of the fitting period whose outcome closed before the test
/// period: the regression on all of them, Platt's calibration and the alarm threshold on
/// forecasts cross-fitted by origin year.
pub fn fit(examples: &[Example], split: &Split, horizon: u32) -> Result<Fitted, WatchError> {
    let closes = |e: &Example| e.origin + chrono::Days::new(u64::from(horizon));
    let known: Vec<&Example> =
        examples.iter().filter(|e| e.quiet && e.origin >= split.fit_from && closes(e) < split.test_from()).collect();
    let rows: Vec<_> = known.iter().map(|e| (e.features, e.outcome)).collect();
    let years: Vec<i32> = known.iter().map(|e| e.origin.year()).collect();
    let forecaster = Forecaster::cross_fitted(&rows, &years)?;
    let base_rate = known.iter().filter(|e| e.outcome).count() as f64 / known.len().max(1) as f64;
    let alarm_threshold = alarm_threshold(&mut forecaster.out_of_fold.clone());
    Ok(Fitted {
        persistence: conditional_rate(&known, |e| e.happened_before, base_rate),
        naive: conditional_rate(&known, |e| e.naive_alarm, base_rate),
        alarm_threshold,
        base_rate,
        fit_examples: known.len(),
        cross_fitted_auc: roc_auc(&forecaster.out_of_fold, &forecaster.out_of_fold_outcomes),
        forecaster,
    })
}

/// Fits on the split's fitting years and scores the test years.
pub fn evaluate(examples: &[Example], split: &Split, horizon: u32, dyads: usize) -> Result<Score, WatchError> {
    let fitted = fit(examples, split, horizon)?;
    let closes = |e: &Example| e.origin + chrono::Days::new(u64::from(horizon));
    let test: Vec<&Example> =
        examples.iter().filter(|e| e.quiet && e.origin >= split.test_from() && closes(e) <= split.test_to).collect();
    let (forecaster, threshold, base) = (&fitted.forecaster, fitted.alarm_threshold, fitted.base_rate);
    let (persistence, naive) = (fitted.persistence, fitted.naive);
    let outcomes: Vec<bool> = test.iter().map(|e| e.outcome).collect();
    let model: Vec<f64> = test.iter().map(|e| forecaster.probability(&e.features)).collect();
    let pick = |(yes, no): (f64, f64), flag: bool| if flag { yes } else { no };
    let baselines: [(&'static str, Vec<f64>); 4] = [
        ("base rate", vec![base; test.len()]),
        ("persistence", test.iter().map(|e| pick(persistence, e.happened_before)).collect()),
        (
            "trailing 12 months",
            test.iter().map(|e| (f64::from(e.trailing.0) + base) / (f64::from(e.trailing.1) + 1.0)).collect(),
        ),
        ("naive threshold alarm", test.iter().map(|e| pick(naive, e.naive_alarm)).collect()),
    ];
    let first_day = test.iter().map(|e| e.day).min().unwrap_or(0);
    let groups: Vec<usize> = test.iter().map(|e| (e.day - first_day) / ORIGIN_STEP).collect();
    let model_brier = brier(&model, &outcomes);
    let versus = baselines
        .iter()
        .map(|(name, forecasts)| {
            let reference = brier(forecasts, &outcomes);
            Versus {
                baseline: name,
                brier: reference,
                auc: roc_auc(forecasts, &outcomes),
                skill: skill(model_brier, reference),
                interval: skill_interval(&model, forecasts, &outcomes, &groups, RESAMPLES),
            }
        })
        .collect();
    let alarms: Vec<bool> = model.iter().map(|&p| p > threshold).collect();
    let (hit_rate, false_alarm_rate) = hit_and_false_alarm_rates(&alarms, &outcomes);
    let naive_alarms: Vec<bool> = test.iter().map(|e| e.naive_alarm).collect();
    let (naive_hit_rate, naive_false_alarm_rate) = hit_and_false_alarm_rates(&naive_alarms, &outcomes);
    let test_onsets = outcomes.iter().filter(|&&y| y).count();
    Ok(Score {
        kind: split.kind,
        horizon,
        split: split.clone(),
        dyads,
        fit_examples: fitted.fit_examples,
        fit_cross_fitted_auc: fitted.cross_fitted_auc,
        test_examples: test.len(),
        test_onsets,
        base_rate: test_onsets as f64 / test.len().max(1) as f64,
        brier: model_brier,
        auc: roc_auc(&model, &outcomes),
        aupr: average_precision(&model, &outcomes),
        versus,
        reliability: reliability(&model, &outcomes, 10),
        alarm_threshold: threshold,
        hit_rate,
        false_alarm_rate,
        naive_hit_rate,
        naive_false_alarm_rate,
        forecasts: test
            .iter()
            .zip(&alarms)
            .map(|(e, &alarm)| TestForecast { dyad: e.dyad, origin: e.origin, alarm, outcome: e.outcome })
            .collect(),
    })
}

/// The whole backtest: both splits, every horizon.
pub fn run(reader: &Reader, mids: &MidHistory) -> Result<Vec<Score>, WatchError> {
    Ok(run_with_timelines(reader, mids)?.0)
}

/// The whole backtest, and per kind the test-period timelines of the dyads with the most
/// onsets at the [`crate::timeline::HORIZON`], for the report's plots.
pub fn run_with_timelines(reader: &Reader, mids: &MidHistory) -> Result<(Vec<Score>, Vec<KindTimeline>), WatchError> {
    let Some(volume) = Volume::read(reader, None)? else {
        return Err(WatchError::Fit("the store is empty".into()));
    };
    let mut scores = Vec::new();
    let mut timelines = Vec::new();
    for split in splits(volume.to) {
        let histories = load_histories(reader, Some(split.fit_to), MIN_MENTIONS)?;
        let last_outcome = split.test_to.min(volume.to);
        for horizon in crate::HORIZONS {
            let examples = examples(&histories, split.kind, horizon, mids, last_outcome);
            let score = evaluate(&examples, &split, horizon, histories.len())?;
            if horizon == crate::timeline::HORIZON {
                timelines.push(crate::timeline::build(&histories, &score, mids, crate::timeline::TOP_DYADS));
            }
            scores.push(score);
        }
    }
    Ok((scores, timelines))
}

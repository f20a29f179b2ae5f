//! tripwire-watch: from the store's dyad series to early warning — signals, change points,
//! forecasts, alarms and their backtest.
//!
//! The stages, each its own module, in the order data flows through them:
//! - [`load`]: the dense daily series of every interstate dyad, read through the store's
//!   [`Reader`](tripwire_store::Reader) (no SQL here).
//! - [`signals`]: per-dyad daily and windowed figures (QuadClass counts, Goldstein, conflict
//!   share, media-volume shares, z-scores against the trailing year).
//! - [`normalized`]: a dyad's series over the media volume and over its countries' coverage,
//!   in trailing windows, with z-scores (`tripwire series --normalized`).
//! - [`changes`]: CUSUM change points on a dyad's weekly Goldstein mean.
//! - [`truth`]: what counts as escalation — Militarized Interstate Dispute onsets and surges of
//!   material conflict in the event data (definitions in `docs/watch.md`).
//! - [`features`] and [`forecast`]: per (dyad, origin day) features, a regularized logistic
//!   regression with Platt calibration.
//! - [`metrics`] and [`backtest`]: rolling-origin evaluation against baselines.
//! - [`report`]: the backtest as Markdown; [`timeline`] and, with the `plots` feature,
//!   [`plots`]: its reliability curves and the top dyads' alarms and onsets as SVG.
//! - [`alarms`]: the probabilities per active dyad at a date, what moved them and the events
//!   behind them.
//! - [`brief`]: one article's events weighed toward coercion or negotiation, with its dyads'
//!   history, into a verdict: countdown, false alarm or unclear.

pub mod alarms;
pub mod backtest;
pub mod brief;
pub mod changes;
pub mod countries;
pub mod features;
pub mod forecast;
pub mod load;
pub mod metrics;
pub mod normalized;
#[cfg(feature = "plots")]
pub mod plots;
pub mod report;
pub mod signals;
#[cfg(feature = "testing")]
pub mod testing;
pub mod timeline;
pub mod truth;

/// The forecast horizons, in days.
pub const HORIZONS: [u32; 3] = [7, 30, 90];

/// What can stop the watch.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(transparent)]
    Store(#[from] tripwire_store::StoreError),
    #[error("{file}: {message}")]
    Input { file: String, message: String },
    #[error("{0}")]
    Fit(String),
    #[error("drawing a plot: {0}")]
    Plot(String),
}

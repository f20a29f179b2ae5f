//! The watch, fitted once in the background and kept: fitting reads every dyad's history (about
//! seven seconds on the shared ICEWS sample), far too slow for a request. Until it is ready the
//! alarm endpoints answer 503 "still fitting"; after an ingest it is fitted again while the old
//! results go on being served. The backtest, slower still, runs after the first fit when the
//! conflict ground truth is configured.

use crate::error::ApiError;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Instant;
use tripwire_store::Reader;
use tripwire_watch::alarms::{forecasts, DyadForecast, Watch};
use tripwire_watch::backtest::Score;
use tripwire_watch::countries::CowCodes;
use tripwire_watch::features::features_at;
use tripwire_watch::load::{Dyad, Volume};
use tripwire_watch::truth::MidHistory;

/// Where the watch (or the backtest) is.
pub enum Fit<T> {
    /// Being computed for the first time.
    Running,
    Ready(Arc<T>),
    /// Cannot be computed, and why.
    Unavailable {
        message: String,
    },
}

impl<T> Clone for Fit<T> {
    fn clone(&self) -> Self {
        match self {
            Fit::Running => Fit::Running,
            Fit::Ready(ready) => Fit::Ready(Arc::clone(ready)),
            Fit::Unavailable { message } => Fit::Unavailable { message: message.clone() },
        }
    }
}

/// The fitted watch at the store's last day and every active dyad's forecast.
pub struct WatchResults {
    pub watch: Watch,
    /// Highest 30-day probability first, each with its drivers, events and verdict.
    pub forecasts: Vec<DyadForecast>,
    pub fitted_seconds: f64,
}

/// A dyad's probabilities per horizon on one day, from the fitted models.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ProbabilityDay {
    pub date: NaiveDate,
    /// In the order of `tripwire_watch::HORIZONS` (7, 30, 90 days).
    pub probabilities: Vec<f64>,
}

impl WatchResults {
    pub fn forecast(&self, dyad: &Dyad) -> Option<&DyadForecast> {
        self.forecasts.iter().find(|f| &f.dyad == dyad)
    }

    /// The alarm threshold of each horizon, in the order of the models.
    pub fn thresholds(&self) -> Vec<(u32, f64)> {
        self.watch.models.iter().map(|(h, fitted)| (*h, fitted.alarm_threshold)).collect()
    }

    /// The probabilities the fitted models give the dyad on each of the `days` days up to the
    /// watch's date (days without a full trailing year of data are left out). The models are the
    /// ones fitted at the watch's date, so this shows how the evidence moved, not what an
    /// earlier fit said.
    pub fn history(&self, dyad: &Dyad, days: usize) -> Vec<ProbabilityDay> {
        let Some(history) = self.watch.histories.iter().find(|h| &h.dyad == dyad) else { return Vec::new() };
        let Some(today) = history.signals.index_of(self.watch.date) else { return Vec::new() };
        let first = today.saturating_sub(days.saturating_sub(1));
        (first..=today)
            .filter_map(|i| {
                // The watch's models are the surge ones, which take no dispute history.
                let features = features_at(&history.signals, &history.changes, i, 0)?;
                let probabilities =
                    self.watch.models.iter().map(|(_, m)| m.forecaster.probability(&features)).collect();
                Some(ProbabilityDay { date: history.signals.date(i), probabilities })
            })
            .collect()
    }
}

/// The watch and the backtest, shared by every request.
#[derive(Clone)]
pub struct WatchCache {
    shared: Arc<Shared>,
}

struct Shared {
    db: PathBuf,
    conflict: Option<PathBuf>,
    date: Option<NaiveDate>,
    watch: RwLock<Fit<WatchResults>>,
    backtest: RwLock<Fit<Vec<Score>>>,
    fitting: AtomicBool,
    /// An ingest arrived while fitting: fit once more when this fit ends.
    again: AtomicBool,
    /// Counts the changes of the results, so answers made from older ones are known stale.
    generation: AtomicU64,
}

impl WatchCache {
    /// A cache for the store `db`, forecasting from `date` (else the store's last day).
    pub fn new(db: PathBuf, conflict: Option<PathBuf>, date: Option<NaiveDate>) -> WatchCache {
        let backtest = match &conflict {
            Some(_) => Fit::Running,
            None => Fit::Unavailable {
                message: "no conflict ground truth configured: start the server with --conflict FOLDER (cow_states.csv, gml_part.csv)".to_string(),
            },
        };
        WatchCache {
            shared: Arc::new(Shared {
                db,
                conflict,
                date,
                watch: RwLock::new(Fit::Running),
                backtest: RwLock::new(backtest),
                fitting: AtomicBool::new(false),
                again: AtomicBool::new(false),
                generation: AtomicU64::new(0),
            }),
        }
    }

    /// A cache that never fits: its endpoints say the watch is off.
    pub fn disable(&self) {
        let message = "the watch is off on this server (started without fitting it)".to_string();
        *write(&self.shared.watch) = Fit::Unavailable { message: message.clone() };
        *write(&self.shared.backtest) = Fit::Unavailable { message };
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Fits in a background thread; while a fit runs, asks for one more after it. The results
    /// already there are served until the new ones replace them.
    pub fn refit(&self) {
        if self.shared.fitting.swap(true, Ordering::SeqCst) {
            self.shared.again.store(true, Ordering::SeqCst);
            return;
        }
        let shared = Arc::clone(&self.shared);
        std::thread::spawn(move || loop {
            shared.fit_once();
            if !shared.again.swap(false, Ordering::SeqCst) {
                shared.fitting.store(false, Ordering::SeqCst);
                break;
            }
        });
    }

    /// Changes whenever the watch's or the backtest's results do.
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::SeqCst)
    }

    pub fn watch_state(&self) -> Fit<WatchResults> {
        read(&self.shared.watch).clone()
    }

    pub fn backtest_state(&self) -> Fit<Vec<Score>> {
        read(&self.shared.backtest).clone()
    }

    /// The fitted watch, or the 503 that says why there is none yet.
    pub fn results(&self) -> Result<Arc<WatchResults>, ApiError> {
        match self.watch_state() {
            Fit::Ready(results) => Ok(results),
            Fit::Running => Err(ApiError::unavailable("the watch is still fitting: try again in a few seconds")),
            Fit::Unavailable { message } => Err(ApiError::unavailable(message)),
        }
    }

    /// The backtest's scores, or the 503 that says why there are none yet.
    pub fn backtest(&self) -> Result<Arc<Vec<Score>>, ApiError> {
        match self.backtest_state() {
            Fit::Ready(scores) => Ok(scores),
            Fit::Running => Err(ApiError::unavailable("the backtest is still running: try again in a minute")),
            Fit::Unavailable { message } => Err(ApiError::unavailable(message)),
        }
    }
}

impl Shared {
    fn fit_once(&self) {
        let started = Instant::now();
        let outcome = fit_watch(&self.db, self.date);
        let first_fit_ok = matches!(outcome, Ok(Some(_)));
        let state = match outcome {
            Ok(Some((watch, forecasts))) => {
                let fitted_seconds = started.elapsed().as_secs_f64();
                tracing::info!(dyads = forecasts.len(), date = %watch.date, fitted_seconds, "watch fitted");
                Fit::Ready(Arc::new(WatchResults { watch, forecasts, fitted_seconds }))
            }
            Ok(None) => Fit::Unavailable {
                message: "the store holds no events yet: ingest or import some, then the watch is fitted".to_string(),
            },
            Err(message) => {
                tracing::warn!(%message, "the watch could not be fitted");
                Fit::Unavailable { message }
            }
        };
        let keep_old = matches!(state, Fit::Unavailable { .. }) && matches!(*read(&self.watch), Fit::Ready(_));
        if !keep_old {
            *write(&self.watch) = state;
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
        if let (Some(conflict), true) = (&self.conflict, first_fit_ok) {
            let scores = run_backtest(&self.db, conflict);
            *write(&self.backtest) = match scores {
                Ok(scores) => Fit::Ready(Arc::new(scores)),
                Err(message) => Fit::Unavailable { message },
            };
            self.generation.fetch_add(1, Ordering::SeqCst);
        }
    }
}

/// The watch at `date`, else at the store's last day; `None` for an empty store.
fn fit_watch(db: &std::path::Path, date: Option<NaiveDate>) -> Result<Option<(Watch, Vec<DyadForecast>)>, String> {
    let reader = Reader::open(db).map_err(|e| crate::error::ApiError::from(e).message)?;
    let Some(volume) = Volume::read(&reader, None).map_err(|e| e.to_string())? else { return Ok(None) };
    let watch = Watch::fit(&reader, date.unwrap_or(volume.to)).map_err(|e| format!("fitting the watch: {e}"))?;
    let forecasts = forecasts(&watch, &reader, true).map_err(|e| format!("forecasting: {e}"))?;
    Ok(Some((watch, forecasts)))
}

fn run_backtest(db: &std::path::Path, conflict: &std::path::Path) -> Result<Vec<Score>, String> {
    let started = Instant::now();
    let reader = Reader::open(db).map_err(|e| e.to_string())?;
    let (codes, _) = CowCodes::read(&conflict.join("cow_states.csv")).map_err(|e| e.to_string())?;
    let since = NaiveDate::from_ymd_opt(2005, 1, 1).ok_or("the MID start date")?;
    let (mids, _) = MidHistory::read(&conflict.join("gml_part.csv"), &codes, since).map_err(|e| e.to_string())?;
    let scores = tripwire_watch::backtest::run(&reader, &mids).map_err(|e| format!("the backtest: {e}"))?;
    tracing::info!(scores = scores.len(), seconds = started.elapsed().as_secs_f64(), "backtest done");
    Ok(scores)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

//! `tripwire bench watch`: the time and memory of the watch over every active dyad of a store —
//! signals and change points, fitting and forecasting, and the whole backtest — one JSON object
//! per line. Without `--db` it builds a store from the shared ICEWS sample.

use anyhow::{bail, Context, Result};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripwire_store::{Reader, Store};
use tripwire_watch::alarms::{forecasts, Watch};
use tripwire_watch::backtest::{load_histories, MIN_MENTIONS};
use tripwire_watch::load::Volume;

pub struct WatchBench {
    pub db: Option<PathBuf>,
    pub shared: PathBuf,
    pub work: PathBuf,
}

fn emit(metric: &str, value: f64, unit: &str) {
    println!(
        "{}",
        json!({"bench": "watch", "metric": metric, "value": (value * 1000.0).round() / 1000.0, "unit": unit})
    );
}

/// A store of the shared ICEWS sample in the scratch folder, made once.
fn sample_store(shared: &Path, work: &Path) -> Result<PathBuf> {
    let sample = shared.join("data/events/icews05-15-sample.tsv");
    if !sample.exists() {
        bail!("{}: absent; pass --db STORE to measure another store", sample.display());
    }
    std::fs::create_dir_all(work).with_context(|| format!("{}: cannot create", work.display()))?;
    let path = work.join("watch-icews05-15-sample.db");
    if path.exists() {
        return Ok(path);
    }
    let partial = work.join("watch-icews05-15-sample.db.partial");
    let _ = std::fs::remove_file(&partial);
    let mut store = Store::open(&partial)?;
    let mut records = Vec::new();
    tripwire_store::import::import_path(&sample, None, &mut |record| {
        records.push(record);
        Ok(())
    })?;
    store.insert_imported(records)?;
    drop(store);
    std::fs::rename(&partial, &path).with_context(|| format!("{}: cannot create", path.display()))?;
    Ok(path)
}

pub fn run(bench: &WatchBench) -> Result<()> {
    let path = match &bench.db {
        Some(path) => path.clone(),
        None => sample_store(&bench.shared, &bench.work)?,
    };
    let reader = Reader::open(&path)?;
    let Some(volume) = Volume::read(&reader, None)? else { bail!("{}: the store holds no events", path.display()) };

    let started = Instant::now();
    let histories = load_histories(&reader, None, MIN_MENTIONS)?;
    let elapsed = started.elapsed().as_secs_f64();
    let changes: usize = histories.iter().map(|h| h.changes.len()).sum();
    emit("store_events", volume.mentions.iter().sum::<u64>() as f64, "events");
    emit("dyads", histories.len() as f64, "dyads");
    emit("days", volume.mentions.len() as f64, "days");
    emit("change_points", changes as f64, "change points");
    emit("signals_and_changes_ms", elapsed * 1000.0, "ms");
    emit("signals_and_changes_per_dyad_ms", elapsed * 1000.0 / histories.len().max(1) as f64, "ms");

    // What `tripwire watch` does: signals and change points again, fits, forecasts.
    let started = Instant::now();
    let watch = Watch::fit(&reader, volume.to)?;
    let fitted = started.elapsed();
    emit("fit_three_horizons_ms", fitted.as_secs_f64() * 1000.0, "ms");
    let forecast = forecasts(&watch, &reader, false)?;
    emit("forecast_active_dyads_ms", (started.elapsed() - fitted).as_secs_f64() * 1000.0, "ms");
    emit("watch_end_to_end_ms", started.elapsed().as_secs_f64() * 1000.0, "ms");
    emit("active_dyads", forecast.len() as f64, "dyads");

    let conflict = bench.shared.join("data/conflict");
    if conflict.join("gml_part.csv").exists() {
        let started = Instant::now();
        let mids = crate::watch_cmds::read_mids(&conflict)?;
        match tripwire_watch::backtest::run(&reader, &mids) {
            Ok(scores) => {
                emit("backtest_ms", started.elapsed().as_secs_f64() * 1000.0, "ms");
                emit("backtest_scores", scores.len() as f64, "kind × horizon");
            }
            // A synthetic store's years need not overlap the conflict history or the splits.
            Err(e) => println!("{}", json!({"bench": "watch", "note": format!("backtest not measured: {e}")})),
        }
    } else {
        println!(
            "{}",
            json!({"bench": "watch", "note": format!("{}: absent, backtest not measured", conflict.display())})
        );
    }
    if let Some(peak) = crate::bench::peak_rss_mib() {
        emit("peak_rss", peak, "MiB");
    }
    Ok(())
}

//! The Spark side of `tripwire bench store`: the same daily dyad-series query, run by Spark in
//! local mode over the store's Parquet export (scripts/spark/bench_dyad_series.py), so the
//! embedded query and the scale-out engine are measured side by side on the same events.

// Without the `parquet` feature there is no export for Spark to read, so only the stub is used.
#![cfg_attr(not(feature = "parquet"), allow(dead_code))]

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What Spark took. Start-up (JVM, session) is apart from the query because a cluster job pays
/// it once, however many queries follow.
#[derive(Clone, Debug, Deserialize)]
pub struct SparkTiming {
    pub startup_ms: f64,
    /// The first query: lists the partitions and reads the file footers.
    pub cold_query_ms: f64,
    /// Median of the repeats after the first.
    pub warm_query_ms: f64,
    /// Days in the series it returned.
    pub days: u64,
    pub spark_version: String,
}

/// The Python that has pyspark: `$TRIPWIRE_SPARK_PYTHON`, else the virtualenv `.ci/run` makes,
/// else `python3`.
pub fn spark_python() -> PathBuf {
    if let Some(python) = std::env::var_os("TRIPWIRE_SPARK_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let venv = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/tripwire/spark-venv/bin/python"));
    venv.filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from("python3"))
}

fn succeeds(command: &mut Command) -> bool {
    command.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The folder of the Spark scripts: `$TRIPWIRE_SPARK_SCRIPTS`, `scripts/spark` under the current
/// folder, or the checkout this binary was built from.
fn scripts_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("TRIPWIRE_SPARK_SCRIPTS").map(PathBuf::from),
        Some(PathBuf::from("scripts/spark")),
        Some(PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/spark"))),
    ];
    candidates.into_iter().flatten().find(|dir| dir.join("bench_dyad_series.py").is_file())
}

/// Times the daily series of `source` → `target` over the Parquet export at `parquet_dir` in
/// Spark local mode. `Ok(None)` when Java, pyspark or the scripts are not here.
pub fn spark_dyad_series_ms(parquet_dir: &Path, source: &str, target: &str) -> Result<Option<SparkTiming>> {
    let python = spark_python();
    let Some(scripts) = scripts_dir() else { return Ok(None) };
    if !succeeds(Command::new("java").arg("-version"))
        || !succeeds(Command::new(&python).args(["-c", "import pyspark"]))
    {
        return Ok(None);
    }
    let output = Command::new(&python)
        .arg(scripts.join("bench_dyad_series.py"))
        .arg(parquet_dir)
        .args([source, target, "--master", "local[2]", "--repeats", "5"])
        .output()
        .with_context(|| format!("running {}", scripts.join("bench_dyad_series.py").display()))?;
    if !output.status.success() {
        // Spark's log is long; its end says what went wrong.
        let log = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = log.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        bail!("the Spark series benchmark failed ({}):\n{}", output.status, tail.join("\n"));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().rev().find(|l| l.trim_start().starts_with('{')).context("no timing from Spark")?;
    let timing = serde_json::from_str(last).with_context(|| format!("reading Spark's timing {last:?}"))?;
    Ok(Some(timing))
}

/// For `tripwire bench store`: exports the store at `store` to Parquet under `work` (kept for the
/// next run while the store's event count is unchanged), times the series in Spark over it, and
/// prints the export and Spark start-up figures. Returns the warm query's milliseconds and a note.
#[cfg(feature = "parquet")]
pub fn series_over_store_export(
    store: &Path,
    source: &str,
    target: &str,
    work: &Path,
) -> Result<Option<(f64, String)>> {
    use serde_json::json;
    let emit = |metric: &str, value: f64, unit: &str, extra: serde_json::Value| {
        let mut line =
            json!({"bench": "store", "metric": metric, "value": (value * 1000.0).round() / 1000.0, "unit": unit});
        if let (Some(line), Some(extra)) = (line.as_object_mut(), extra.as_object()) {
            line.extend(extra.clone());
        }
        println!("{line}");
    };
    let stem = store.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "store".into());
    let dir = work.join(format!("{stem}.parquet"));
    let events = export_store(store, &dir, |seconds, summary| {
        emit(
            "series_spark_parquet_export_s",
            seconds,
            "s",
            json!({"rows": summary.rows, "files": summary.files, "mib": (summary.bytes as f64 / 1_048_576.0).round()}),
        );
    })?;
    let Some(timing) = spark_dyad_series_ms(&dir, source, target)? else { return Ok(None) };
    let extra = json!({"dyad": format!("{source}-{target}"), "parquet_events": events, "days": timing.days,
                       "spark": timing.spark_version, "master": "local[2]"});
    emit("series_spark_startup_ms", timing.startup_ms, "ms", extra.clone());
    emit("series_spark_parquet_cold_ms", timing.cold_query_ms, "ms", extra);
    let note = format!(
        "Spark {} local[2] over {events} events in Parquet; median of 5 after a cold run of {:.0} ms; JVM start-up {:.0} ms not included",
        timing.spark_version, timing.cold_query_ms, timing.startup_ms
    );
    Ok(Some((timing.warm_query_ms, note)))
}

/// Exports every raw event of the store to `dir` unless an export of the same count is there.
#[cfg(feature = "parquet")]
fn export_store(
    store: &Path,
    dir: &Path,
    report: impl FnOnce(f64, &tripwire_store::export::parquet::ParquetSummary),
) -> Result<u64> {
    use tripwire_store::export::parquet::write_partitioned;
    use tripwire_store::{EventFilter, EventRecord, Store, View};

    let store = Store::open(store)?;
    let events = store.counts()?.events;
    let marker = dir.join("_tripwire_events");
    if std::fs::read_to_string(&marker).ok().and_then(|s| s.trim().parse::<u64>().ok()) == Some(events) {
        return Ok(events);
    }
    // A stale export of another store is scratch of this benchmark: replaced whole.
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("{}: cannot remove", dir.display()))?;
    }
    let started = std::time::Instant::now();
    let (sender, receiver) = std::sync::mpsc::sync_channel::<EventRecord>(4096);
    let dir_owned = dir.to_path_buf();
    let writer = std::thread::spawn(move || write_partitioned(&dir_owned, receiver));
    let sent = store.for_each(&EventFilter::default(), View::Mentions, |event| -> Result<()> {
        sender.send(event.record).context("the Parquet writer stopped")?;
        Ok(())
    });
    drop(sender);
    let summary = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the Parquet writer panicked"))?
        .with_context(|| format!("{}: writing Parquet", dir.display()))?;
    sent?;
    report(started.elapsed().as_secs_f64(), &summary);
    std::fs::write(&marker, summary.rows.to_string()).with_context(|| format!("{}: cannot write", marker.display()))?;
    Ok(summary.rows)
}

#[cfg(not(feature = "parquet"))]
pub fn series_over_store_export(_: &Path, _: &str, _: &str, _: &Path) -> Result<Option<(f64, String)>> {
    Ok(None)
}

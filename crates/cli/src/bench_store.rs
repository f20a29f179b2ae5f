//! `tripwire bench store`: ingest throughput and memory of the embedded store, import of
//! published history (GDELT 2.0 and ICEWS files) by the path `tripwire import` takes, and the
//! time of the daily dyad series over a large store, one JSON object per line.
//!
//! The events are synthetic but shaped like coded news: a long-tailed distribution of countries
//! and roles, a third of the dyads domestic, common CAMEO codes weighted as in wire news, a
//! sentence and provenance per event, outlets re-reporting recent events in other words (so
//! deduplication joins clusters as it does on real news), and dates in publication order.

use crate::bench_corpus::{Synthetic, ICEWS_EVENTS};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripwire_coder::Article;
use tripwire_store::import::import_path;
use tripwire_store::series::SeriesQuery;
use tripwire_store::{EventRecord, Store};

pub(crate) fn emit(metric: &str, value: f64, unit: &str, extra: serde_json::Value) {
    let mut line =
        json!({"bench": "store", "metric": metric, "value": (value * 1000.0).round() / 1000.0, "unit": unit});
    if let (Some(line), Some(extra)) = (line.as_object_mut(), extra.as_object()) {
        line.extend(extra.clone());
    }
    println!("{line}");
}

/// What the store benchmark is asked to do.
pub struct StoreBench {
    /// Coded events to ingest through the real insert path.
    pub ingest_events: u64,
    /// Events in the store the series query runs over.
    pub query_events: u64,
    /// Articles per ingest transaction.
    pub batch_articles: usize,
    pub work: PathBuf,
    /// Only these parts (all when empty).
    pub parts: Vec<StorePart>,
}

/// The parts of the store benchmark, which `--part` runs alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StorePart {
    /// Coded events through the real insert path, beside plain-INSERT floors.
    Ingest,
    /// Peak memory of `tripwire ingest` and `tripwire code` on 20 MB and 200 MB inputs.
    Memory,
    /// Published history (GDELT, ICEWS) by the bulk path, the row-by-row path and parsing alone.
    Import,
    /// The daily dyad series over a 10,000,000-event store (and Spark beside it).
    Query,
}

pub fn run(bench: &StoreBench) -> Result<()> {
    std::fs::create_dir_all(&bench.work).with_context(|| format!("{}: cannot create", bench.work.display()))?;
    let wanted = |part| bench.parts.is_empty() || bench.parts.contains(&part);
    if wanted(StorePart::Ingest) {
        ingest(bench)?;
    }
    if wanted(StorePart::Memory) {
        crate::bench_ingest::run(&bench.work, &examples_folder())?;
    }
    if wanted(StorePart::Import) {
        import(bench)?;
    }
    if wanted(StorePart::Query) {
        query(bench)?;
    }
    Ok(())
}

/// The shipped example articles: `examples/` of the working folder, else of this checkout.
fn examples_folder() -> PathBuf {
    let here = PathBuf::from("examples");
    if here.is_dir() {
        here
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
    }
}

fn ingest(bench: &StoreBench) -> Result<()> {
    let (rate, extra) = ingest_pass(bench, bench.ingest_events, None)?;
    emit("ingest_events_per_s", rate, "events/s", extra);
    if let Some(peak) = crate::bench::peak_rss_mib() {
        emit("ingest_peak_rss", peak, "MiB", json!({}));
    }
    // Where the time goes: the same path with the dedup comparisons switched off.
    let rule = tripwire_store::dedup::DedupRule { window_days: -1, ..Default::default() };
    let (quarter, extra) = ingest_pass(bench, bench.ingest_events / 4, Some(rule))?;
    emit("ingest_without_dedup_comparisons_events_per_s", quarter, "events/s", extra);
    // Floors: the same events as plain INSERTs in transactions of one batch's size (no articles,
    // no dedup, no cluster rows), with the schema's indexes and with none on events.
    for (metric, indexes) in
        [("floor_raw_insert_events_per_s", true), ("floor_raw_insert_no_indexes_events_per_s", false)]
    {
        let floor = raw_insert_pass(bench, bench.ingest_events, indexes)?;
        emit(
            metric,
            floor,
            "events/s",
            json!({"events": bench.ingest_events, "ingest_over_floor": (rate / floor * 1000.0).round() / 1000.0}),
        );
    }
    Ok(())
}

/// Events per second inserting `events` synthetic events with [`Store::insert_raw_floor`] into a
/// fresh store, keeping or dropping the indexes on `events`.
fn raw_insert_pass(bench: &StoreBench, events: u64, indexes: bool) -> Result<f64> {
    let path = bench.work.join("store-floor.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(&path)?;
    if !indexes {
        let names: Vec<String> = {
            let mut stmt = store.connection().prepare(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL",
            )?;
            let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            names
        };
        for name in names {
            store.connection().execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
    }
    let mut corpus = Synthetic::new(7);
    let (mut stored, mut in_store) = (0u64, std::time::Duration::ZERO);
    while stored < events {
        let rows: Vec<EventRecord> = (0..bench.batch_articles).flat_map(|_| corpus.article().1).collect();
        let t = Instant::now();
        stored += store.insert_raw_floor(&rows)?;
        in_store += t.elapsed();
    }
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(stored as f64 / in_store.as_secs_f64())
}

/// Ingests `events` synthetic events into a fresh store: (events/s inside `Store::ingest`, figures).
fn ingest_pass(
    bench: &StoreBench,
    events: u64,
    rule: Option<tripwire_store::dedup::DedupRule>,
) -> Result<(f64, serde_json::Value)> {
    let path = bench.work.join("store-ingest.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(&path)?;
    if let Some(rule) = rule {
        store.set_dedup_rule(rule);
    }
    let mut corpus = Synthetic::new(7);
    let mut stored = tripwire_store::IngestStats::default();
    let mut in_store = std::time::Duration::ZERO;
    let started = Instant::now();
    while stored.events_stored < events {
        let batch: Vec<(Article, Vec<EventRecord>)> = (0..bench.batch_articles).map(|_| corpus.article()).collect();
        let t = Instant::now();
        stored += store.ingest(&batch)?;
        in_store += t.elapsed();
    }
    let wall = started.elapsed().as_secs_f64();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(format!("{}-wal", path.display())).map(|m| m.len()).unwrap_or(0);
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let extra = json!({
        "events": stored.events_stored,
        "articles": stored.articles_stored,
        "batch_articles": bench.batch_articles,
        "clusters": stored.clusters_opened,
        "mentions_joined": stored.mentions_joined,
        "with_generation_events_per_s": (stored.events_stored as f64 / wall).round(),
        "store_mib": (size as f64 / 1_048_576.0).round(),
    });
    Ok((stored.events_stored as f64 / in_store.as_secs_f64(), extra))
}

/// Importing published history: a GDELT 2.0 file of `ingest_events` rows and an ICEWS file of a
/// third as many, each into a fresh store, read, parsed and stored as `tripwire import` does,
/// the clock stopped only once every index is built. Beside them: the same GDELT file by the
/// row-by-row path (batches of 20,000, every index kept), and parsing alone.
fn import(bench: &StoreBench) -> Result<()> {
    let rows = bench.ingest_events;
    let gdelt = bench.work.join(format!("gdelt2-{rows}.tsv"));
    if !gdelt.exists() {
        write_history(&gdelt, rows, |corpus, n, line| {
            let record = corpus.imported(n + 1, rows);
            tripwire_store::export::gdelt::push_row(line, &record, n + 1, (1, 1, 1));
        })?;
    }
    let icews_rows = rows / 3;
    let icews = bench.work.join(format!("icews-{icews_rows}.tsv"));
    if !icews.exists() {
        write_history(&icews, icews_rows, |corpus, n, line| {
            let (source, target) = (corpus.icews_actor(), corpus.icews_actor());
            let event = ICEWS_EVENTS[(n % ICEWS_EVENTS.len() as u64) as usize];
            let date = NaiveDate::from_ymd_opt(2014, 1, 1).unwrap_or_default()
                + chrono::Days::new(n * 365 / icews_rows.max(1));
            line.push_str(&format!("{date}\t{source}\t{event}\t{target}"));
        })?;
    }
    let parse = import_pass(bench, &gdelt, ImportPath::ParseOnly)?;
    emit("import_gdelt_parse_only_events_per_s", parse, "events/s", json!({"events": rows}));
    let row_by_row = import_pass(bench, &gdelt, ImportPath::RowByRow)?;
    emit("import_gdelt_row_by_row_events_per_s", row_by_row, "events/s", json!({"events": rows}));
    let bulk = import_pass(bench, &gdelt, ImportPath::Bulk)?;
    emit(
        "import_gdelt_events_per_s",
        bulk,
        "events/s",
        json!({"events": rows, "over_row_by_row": (bulk / row_by_row * 1000.0).round() / 1000.0}),
    );
    let names = import_pass(bench, &icews, ImportPath::Bulk)?;
    emit("import_icews_names_events_per_s", names, "events/s", json!({"events": icews_rows}));
    Ok(())
}

fn write_history(path: &Path, rows: u64, mut row: impl FnMut(&mut Synthetic, u64, &mut String)) -> Result<()> {
    use std::io::Write;
    let partial = path.with_extension("partial");
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&partial).with_context(|| format!("{}: cannot create", partial.display()))?,
    );
    let mut corpus = Synthetic::new(13);
    corpus.days = 3 * 365;
    let mut line = String::with_capacity(512);
    for n in 0..rows {
        line.clear();
        row(&mut corpus, n, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&partial, path)?;
    Ok(())
}

#[derive(Clone, Copy, PartialEq)]
enum ImportPath {
    ParseOnly,
    RowByRow,
    Bulk,
}

/// Events per second importing `file` into a fresh store by `how`, indexes included.
fn import_pass(bench: &StoreBench, file: &Path, how: ImportPath) -> Result<f64> {
    let path = bench.work.join("store-import.db");
    remove_store(&path);
    let mut store = Store::open(&path)?;
    let started = Instant::now();
    let report = match how {
        ImportPath::ParseOnly => import_path(file, None, &mut |_| Ok(()))?,
        ImportPath::RowByRow => {
            let mut batch = Vec::with_capacity(20_000);
            let report = import_path(file, None, &mut |record| {
                batch.push(record);
                if batch.len() == 20_000 {
                    store.insert_imported_batch(&batch)?;
                    batch.clear();
                }
                Ok(())
            })?;
            store.insert_imported_batch(&batch)?;
            report
        }
        ImportPath::Bulk => {
            let mut loader = store.loader()?;
            let report = import_path(file, None, &mut |record| loader.push(record).map_err(Into::into))?;
            loader.finish()?;
            report
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    if how != ImportPath::ParseOnly && store.counts()?.events != report.accepted {
        anyhow::bail!("{}: {} rows accepted but {} stored", file.display(), report.accepted, store.counts()?.events);
    }
    drop(store);
    remove_store(&path);
    Ok(report.accepted as f64 / seconds)
}

fn remove_store(path: &Path) {
    for suffix in tripwire_store::db::STORE_FILE_SUFFIXES {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// The store the series query runs over, built once and kept in the work folder.
pub(crate) fn query_store(bench: &StoreBench) -> Result<PathBuf> {
    let path = bench.work.join(format!("store-{}.db", bench.query_events));
    if path.exists() {
        let store = Store::open(&path)?;
        if store.counts()?.events >= bench.query_events {
            return Ok(path);
        }
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    // A store this large is mostly imported history: rows shaped like GDELT events, with their
    // dataset ids, and no sentences.
    let started = Instant::now();
    let mut store = Store::open(&path)?;
    let mut corpus = Synthetic::new(11);
    corpus.days = 3 * 365;
    let mut n = 0u64;
    while n < bench.query_events {
        let rows: Vec<EventRecord> = (0..tripwire_store::db::IMPORT_BATCH)
            .map(|_| {
                n += 1;
                corpus.imported(n, bench.query_events)
            })
            .collect();
        store.insert_imported_batch(&rows)?;
    }
    store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")?;
    emit("query_store_build_s", started.elapsed().as_secs_f64(), "s", json!({"events": n}));
    Ok(path)
}

fn query(bench: &StoreBench) -> Result<()> {
    let path = query_store(bench)?;
    let store = Store::open(&path)?;
    let events = store.counts()?.events;
    let (source, target) = ("USA", "CHN");
    let runs = |both: bool, label: &str| -> Result<()> {
        let q =
            SeriesQuery { source: source.into(), target: target.into(), both_directions: both, ..Default::default() };
        let mut times = Vec::new();
        let mut days = Vec::new();
        for _ in 0..9 {
            let t = Instant::now();
            days = store.dyad_series(&q)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let first = times[0];
        let mut warm = times[1..].to_vec();
        warm.sort_by(f64::total_cmp);
        let rows: u64 = days.iter().map(|d| d.events).sum();
        let extra = json!({"dyad": format!("{source}-{target}"), "both_directions": both, "store_events": events,
                           "dyad_events": rows, "days": days.len(), "runs": warm.len()});
        emit(&format!("series_{label}_first_ms"), first, "ms", extra.clone());
        emit(&format!("series_{label}_median_ms"), warm[warm.len() / 2], "ms", extra);
        Ok(())
    };
    runs(false, "directed")?;
    runs(true, "both")?;
    if let Some((ms, note)) = spark_series_ms(&path, source, target, &bench.work)? {
        emit("series_spark_parquet_median_ms", ms, "ms", json!({"dyad": format!("{source}-{target}"), "note": note}));
    } else {
        println!("{}", json!({"bench": "store", "note": "Spark side of the series query not built in (bench_spark)"}));
    }
    Ok(())
}

/// The same daily-series query over the Parquet export of the store at `store`, run by Spark in
/// local mode: `(median ms, note)`, printed beside the SQLite figure; `None` without Spark or
/// without the `parquet` feature.
fn spark_series_ms(store: &Path, source: &str, target: &str, work: &Path) -> Result<Option<(f64, String)>> {
    crate::bench_spark::series_over_store_export(store, source, target, work)
}

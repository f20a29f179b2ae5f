//! `tripwire bench store`: ingest throughput and memory of the embedded store, import of
//! published history (GDELT 2.0 and ICEWS files) by the path `tripwire import` takes, and the
//! time of the daily dyad series over a large store, one JSON object per line.
//!
//! The events are synthetic but shaped like coded news: a long-tailed distribution of countries
//! and roles, a third of the dyads domestic, common CAMEO codes weighted as in wire news, a
//! sentence and provenance per event, outlets re-reporting recent events in other words (so
//! deduplication joins clusters as it does on real news), and dates in publication order.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripwire_coder::Article;
use tripwire_store::import::import_path;
use tripwire_store::series::SeriesQuery;
use tripwire_store::{EventRecord, Origin, Store};

fn emit(metric: &str, value: f64, unit: &str, extra: serde_json::Value) {
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

/// Peak resident memory of this process so far, from /proc (Linux), in MiB.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn ingest(bench: &StoreBench) -> Result<()> {
    let (rate, extra) = ingest_pass(bench, bench.ingest_events, None)?;
    emit("ingest_events_per_s", rate, "events/s", extra);
    if let Some(peak) = peak_rss_mib() {
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

/// Made-up ICEWS event names (all in the CAMEO codebook) and actors of the kinds ICEWS names.
const ICEWS_EVENTS: &[&str] = &["Consult", "Make statement", "Accuse", "Host a visit", "Engage in negotiation"];
const ICEWS_SECTORS: &[&str] = &["Government", "Citizen", "Police", "Military", "Protester", "Media"];

impl Synthetic {
    /// An ICEWS actor name: a country, or a sector of one ("Police (Kenya)").
    fn icews_actor(&mut self) -> String {
        let country = tripwire_ontology::country(COUNTRIES[self.zipf(COUNTRIES.len())])
            .map(|c| c.name.to_string())
            .unwrap_or_else(|_| "Kenya".to_string());
        match self.below(3) {
            0 => country,
            _ => format!("{} ({country})", ICEWS_SECTORS[self.below(ICEWS_SECTORS.len() as u64) as usize]),
        }
    }
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
fn query_store(bench: &StoreBench) -> Result<PathBuf> {
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

/// A seeded generator of coded-news-like events (splitmix64: fast, reproducible).
pub struct Synthetic {
    state: u64,
    start: NaiveDate,
    /// Days the events are spread over.
    pub days: u64,
    article: u64,
    /// Recent events an outlet may re-report.
    recent: Vec<EventRecord>,
}

/// Countries in rough order of news volume.
const COUNTRIES: &[&str] = &[
    "USA", "CHN", "RUS", "GBR", "IND", "ISR", "UKR", "IRN", "FRA", "DEU", "JPN", "PAK", "TUR", "SYR", "IRQ", "AFG",
    "KOR", "PRK", "SAU", "EGY", "NGA", "BRA", "AUS", "CAN", "MEX", "ZAF", "ITA", "ESP", "PSE", "LBN", "YEM", "SDN",
    "ETH", "KEN", "SOM", "LBY", "VEN", "COL", "PHL", "IDN", "THA", "MMR", "BGD", "LKA", "NPL", "GEO", "ARM", "AZE",
    "POL", "BLR",
];
const ROLES: &[&str] = &["GOV", "", "MIL", "CVL", "OPP", "COP", "BUS", "MED", "JUD", "REB"];
/// CAMEO codes with weights roughly as in wire news (verbal cooperation dominates).
const CODES: &[(&str, u32)] = &[
    ("010", 10),
    ("020", 5),
    ("036", 6),
    ("040", 12),
    ("042", 8),
    ("043", 8),
    ("046", 4),
    ("051", 6),
    ("057", 3),
    ("061", 2),
    ("071", 2),
    ("0331", 2),
    ("111", 5),
    ("112", 5),
    ("120", 2),
    ("130", 3),
    ("141", 3),
    ("163", 2),
    ("173", 3),
    ("190", 3),
    ("193", 2),
    ("195", 2),
];
const VERBS: &[&str] = &[
    "said it would",
    "met with",
    "criticised",
    "accused",
    "pledged aid to",
    "threatened",
    "attacked",
    "hosted talks with",
];
const PLACES: &[&str] = &["the capital", "the border region", "the north", "the south", "a coastal city", "the port"];

impl Synthetic {
    pub fn new(seed: u64) -> Synthetic {
        Synthetic {
            state: seed,
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            days: 365,
            article: 0,
            recent: Vec::new(),
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A long-tailed pick: index `i` with weight about 1 / (i + 1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u) - 1.0) as usize).min(n - 1)
    }

    /// A pronounceable made-up word from a vocabulary of about 36,000.
    fn word(&mut self) -> String {
        const ONSETS: &[&str] =
            &["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "gr"];
        const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai"];
        let mut word = String::new();
        for _ in 0..3 {
            word.push_str(ONSETS[self.below(ONSETS.len() as u64) as usize]);
            word.push_str(VOWELS[self.below(VOWELS.len() as u64) as usize]);
        }
        word
    }

    fn code(&mut self) -> &'static str {
        let total: u32 = CODES.iter().map(|c| c.1).sum();
        let mut pick = self.below(total.into()) as u32;
        for (code, weight) in CODES {
            if pick < *weight {
                return code;
            }
            pick -= weight;
        }
        CODES[0].0
    }

    fn event(&mut self, origin: Origin, id: String, date: NaiveDate, outlet: Option<String>) -> EventRecord {
        let source_country = COUNTRIES[self.zipf(COUNTRIES.len())];
        let target_country = if self.below(3) == 0 { source_country } else { COUNTRIES[self.zipf(COUNTRIES.len())] };
        let source_code = format!("{source_country}{}", ROLES[self.zipf(ROLES.len())]);
        let target_code = format!("{target_country}{}", ROLES[self.zipf(ROLES.len())]);
        let code = self.code();
        let info = tripwire_ontology::event_type(code).ok();
        let verb = VERBS[self.below(VERBS.len() as u64) as usize];
        let place = PLACES[self.below(PLACES.len() as u64) as usize];
        let figure = self.below(200);
        let coded = origin == Origin::Tripwire;
        // Each story has its own content words, as real ones do; only re-reports share them.
        let words: Vec<String> = (0..6).map(|_| self.word()).collect();
        let words = words.join(" ");
        let sentence = coded
            .then(|| format!("{source_code} {verb} {target_code} in {place} over {words}, with {figure} present."));
        EventRecord {
            origin,
            article_id: id,
            sentence_index: coded.then_some(0),
            span: coded.then_some([0, 60]),
            sentence,
            date,
            source_code: source_code.clone(),
            target_code: target_code.clone(),
            source_country: Some(source_country.to_string()),
            target_country: Some(target_country.to_string()),
            source_text: Some(format!("officials of {source_code}")),
            target_text: Some(target_code.clone()),
            event_code: code.to_string(),
            event_root: code[..2].to_string(),
            goldstein: info.map(|t| t.goldstein),
            quad_class: info.map(|t| t.quad_class.number()),
            plover_event: info.map(|t| t.plover().event.as_str().to_string()),
            location: None,
            outlet,
            url: None,
            issues: Vec::new(),
            matched: coded.then(|| {
                json!({"verb": 1000 + figure, "verb_text": verb, "pattern": null,
                       "source_entries": [format!("countries.twd:{}", figure)], "target_entries": [], "rules": []})
            }),
        }
    }

    /// One coded article of one to five events, a third of them re-reports of recent events.
    pub fn article(&mut self) -> (Article, Vec<EventRecord>) {
        self.article += 1;
        // Publication order: dates advance with the article number.
        let day = (self.article / 900) % self.days;
        let date = self.start + chrono::Days::new(day);
        let outlet = format!("outlet{}", self.zipf(60));
        let id = format!("synthetic-{}", self.article);
        let url = format!("https://{outlet}.example/{}", self.article);
        let mut events = Vec::new();
        let mut text = String::new();
        for index in 0..1 + self.below(5) as u32 {
            let mut event = if !self.recent.is_empty() && self.below(3) == 0 {
                // Another outlet's account of a recent event: the same actors and act, re-worded.
                let pick = self.below(self.recent.len() as u64) as usize;
                let mut again = self.recent[pick].clone();
                again.sentence = again.sentence.map(|s| format!("According to {outlet}, {s}"));
                again.date = date;
                again
            } else {
                let fresh = self.event(Origin::Tripwire, id.clone(), date, None);
                if self.recent.len() < 256 {
                    self.recent.push(fresh.clone());
                } else {
                    let slot = self.below(256) as usize;
                    self.recent[slot] = fresh.clone();
                }
                fresh
            };
            event.article_id = id.clone();
            event.sentence_index = Some(index);
            event.outlet = Some(outlet.clone());
            event.url = Some(url.clone());
            text.push_str(event.sentence.as_deref().unwrap_or(""));
            text.push(' ');
            events.push(event);
        }
        let article =
            Article { id, date: Some(date), source: outlet, url, title: format!("Report {}", self.article), text };
        (article, events)
    }

    /// Imported row `n` of `total` (GDELT-like: dataset id, no sentence), dates in order over
    /// `days`.
    pub fn imported(&mut self, n: u64, total: u64) -> EventRecord {
        let day = (n * self.days / total.max(1)).min(self.days - 1);
        let date = self.start + chrono::Days::new(day);
        self.event(Origin::Gdelt2, n.to_string(), date, None)
    }
}

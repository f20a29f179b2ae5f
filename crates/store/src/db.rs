//! [`Store`]: the embedded SQLite database that events accumulate in — opening it (WAL mode,
//! migrations), the mapping between [`EventRecord`] and a table row, and imported-row insertion.
//! Ingest of coded articles lives in `ingest.rs`, reads in `query.rs` and `series.rs`.

use crate::dedup::DedupRule;
use crate::ingest::ClusterCache;
use crate::record::{EventRecord, LocationRecord, Origin};
use crate::schema;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, Row, Statement};
use std::path::{Path, PathBuf};

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot create its folder: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("{path}: cannot open the store: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("{path}: written by a newer tripwire (schema version {found}; this build knows up to {known})")]
    TooNew { path: PathBuf, found: u32, known: u32 },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("store: event {id}: {message}")]
    BadRow { id: i64, message: String },
    // Opening for reading (`read::Reader`), which never creates or upgrades a store.
    #[error("{path}: no such store")]
    NotFound { path: PathBuf },
    #[error("{path}: not a tripwire store: {reason}")]
    NotAStore { path: PathBuf, reason: String },
    #[error("{path}: cannot read")]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error("{path}: written by an older tripwire (schema version {found}; reading needs {oldest}): open it once for writing to bring it up to date")]
    TooOld { path: PathBuf, found: u32, oldest: u32 },
    #[error("page cursor {text:?}: not one this store handed out")]
    BadCursor { text: String },
    #[error("a daily series of {days} days: longer than the {max} a series holds; give a narrower range")]
    SeriesTooLong { days: i64, max: i64 },
}

/// The event store. One writer at a time (SQLite serialises writers); readers never block.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    created: bool,
    pub(crate) rule: DedupRule,
    pub(crate) clusters: ClusterCache,
}

/// Rows per transaction when inserting imported events: large enough that commits are cheap,
/// small enough that a crash loses little work.
pub const IMPORT_BATCH: usize = 20_000;

/// What [`Store::insert_imported`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub inserted: u64,
    /// Rows already stored by an earlier import (same origin and dataset id).
    pub already_present: u64,
}

impl std::ops::AddAssign for ImportStats {
    fn add_assign(&mut self, other: ImportStats) {
        self.inserted += other.inserted;
        self.already_present += other.already_present;
    }
}

/// Row counts of the store's tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub events: u64,
    /// Deduplicated events: clusters of coded mentions plus events outside any cluster.
    pub distinct_events: u64,
}

impl Store {
    /// Opens (creating it and its parent folders when missing) the store at `path` and brings its
    /// schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::CreateDir { path: path.clone(), source })?;
        }
        let created = !path.exists();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)
            .map_err(|source| StoreError::Open { path: path.clone(), source })?;
        Store::setup(conn, Some(path), created)
    }

    /// A store that lives in memory only (tests, the demo).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?, None, true)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, created: bool) -> Result<Store, StoreError> {
        let label = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let open_err = |source| StoreError::Open { path: label.clone(), source };
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(open_err)?;
        // Page size only takes effect before the first table exists; larger pages make the wide
        // event rows and the series index scan cheaper.
        conn.execute_batch(
            "PRAGMA page_size = 8192;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA cache_size = -131072;
             PRAGMA wal_autocheckpoint = 8192;
             PRAGMA temp_store = MEMORY;
             PRAGMA mmap_size = 268435456;",
        )
        .map_err(open_err)?;
        let found = schema::version(&conn).map_err(open_err)?;
        if found > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew { path: label, found, known: schema::CURRENT_VERSION });
        }
        schema::migrate_to(&mut conn, schema::CURRENT_VERSION).map_err(open_err)?;
        Ok(Store { conn, path, created, rule: DedupRule::default(), clusters: ClusterCache::default() })
    }

    /// Where the store lives (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether this open created the database file.
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// The deduplication rule used for coded events; change it before ingesting.
    pub fn set_dedup_rule(&mut self, rule: DedupRule) {
        self.rule = rule;
        self.clusters.clear();
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(schema::version(&self.conn)?)
    }

    /// The underlying connection, for ad-hoc reads (`PRAGMA integrity_check`, analyses in SQL).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn counts(&self) -> Result<Counts, StoreError> {
        let one =
            |sql: &str| -> Result<u64, StoreError> { Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64) };
        Ok(Counts {
            articles: one("SELECT COUNT(*) FROM articles")?,
            events: one("SELECT COUNT(*) FROM events")?,
            distinct_events: one("SELECT COUNT(*) FROM clusters")?
                + one("SELECT COUNT(*) FROM events WHERE cluster_id IS NULL")?,
        })
    }

    /// Stores events imported from a published dataset (GDELT, ICEWS, Phoenix …), in
    /// transactions of [`IMPORT_BATCH`] rows. A row already stored — same origin and dataset id,
    /// or for `origin = tripwire` the same article, sentence, span and code — is counted and
    /// skipped, so importing a file twice stores it once. Imported events are not clustered:
    /// their producers already deduplicated them, so each is its own event.
    pub fn insert_imported(
        &mut self,
        records: impl IntoIterator<Item = EventRecord>,
    ) -> Result<ImportStats, StoreError> {
        let mut total = ImportStats::default();
        let mut batch = Vec::with_capacity(IMPORT_BATCH);
        for record in records {
            batch.push(record);
            if batch.len() == IMPORT_BATCH {
                total += self.insert_imported_batch(&batch)?;
                batch.clear();
            }
        }
        if !batch.is_empty() {
            total += self.insert_imported_batch(&batch)?;
        }
        Ok(total)
    }

    /// As [`Store::insert_imported`], for one batch in one transaction (callers that report
    /// progress batch themselves).
    pub fn insert_imported_batch(&mut self, records: &[EventRecord]) -> Result<ImportStats, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut stats = ImportStats::default();
        {
            let mut next_id = next_event_id(&tx)?;
            let mut insert = tx.prepare_cached(&insert_event_sql(true))?;
            let mut coded_exists = tx.prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM events WHERE article_id = ?1 AND origin = 'tripwire'
                 AND sentence_index IS ?2 AND span_start IS ?3 AND span_end IS ?4 AND event_code = ?5)",
            )?;
            for record in records {
                if record.origin == Origin::Tripwire {
                    let exists: bool = coded_exists.query_row(
                        params![
                            record.article_id,
                            record.sentence_index,
                            record.span.map(|s| s[0]),
                            record.span.map(|s| s[1]),
                            record.event_code
                        ],
                        |r| r.get(0),
                    )?;
                    if exists {
                        stats.already_present += 1;
                        continue;
                    }
                }
                if insert_event(&mut insert, next_id, record, None)? {
                    stats.inserted += 1;
                    next_id += 1;
                } else {
                    stats.already_present += 1;
                }
            }
        }
        tx.commit()?;
        Ok(stats)
    }
}

/// The id the next event gets: ids are assigned here rather than by SQLite so that an event and
/// the cluster it founds can point at each other in one pass.
pub(crate) fn next_event_id(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM events", [], |r| r.get(0))
}

/// Days since 1970-01-01, the store's date representation.
pub fn day_number(date: NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_DAYS_FROM_CE
}

/// The date of a day number; `None` outside chrono's range.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day + UNIX_EPOCH_DAYS_FROM_CE).ok()?)
}

const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

/// The event columns in insert and read order (after `id`).
pub(crate) const EVENT_COLUMNS: &str = "origin, article_id, sentence_index, span_start, span_end, sentence, date, \
     source_code, target_code, source_country, target_country, source_text, target_text, event_code, event_root, \
     goldstein, quad_class, plover_event, location_name, location_country, lat, lon, location_precision, \
     geonames_id, outlet, url, issues, matched, cluster_id";

fn insert_event_sql(or_ignore: bool) -> String {
    let placeholders = (1..=30).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
    let verb = if or_ignore { "INSERT OR IGNORE" } else { "INSERT" };
    format!("{verb} INTO events (id, {EVENT_COLUMNS}) VALUES ({placeholders})")
}

pub(crate) fn insert_coded_sql() -> String {
    insert_event_sql(false)
}

/// Writes one event row; `false` when an imported row was already there.
pub(crate) fn insert_event(
    stmt: &mut Statement<'_>,
    id: i64,
    record: &EventRecord,
    cluster_id: Option<i64>,
) -> rusqlite::Result<bool> {
    let location = record.location.as_ref();
    let issues = if record.issues.is_empty() { None } else { serde_json::to_string(&record.issues).ok() };
    let matched = record.matched.as_ref().map(|m| m.to_string());
    let changed = stmt.execute(params![
        id,
        record.origin.as_str(),
        record.article_id,
        record.sentence_index,
        record.span.map(|s| s[0]),
        record.span.map(|s| s[1]),
        record.sentence,
        day_number(record.date),
        record.source_code,
        record.target_code,
        record.source_country,
        record.target_country,
        record.source_text,
        record.target_text,
        record.event_code,
        record.event_root,
        record.goldstein.map(decimal_f64),
        record.quad_class,
        record.plover_event,
        location.map(|l| &l.name),
        location.map(|l| &l.country),
        location.and_then(|l| l.lat),
        location.and_then(|l| l.lon),
        location.map(|l| &l.precision),
        location.and_then(|l| l.geonames_id),
        record.outlet,
        record.url,
        issues,
        matched,
        cluster_id,
    ])?;
    Ok(changed == 1)
}

/// A Goldstein score as the decimal it was written as (3.4, not 3.400000095…), so sums in SQL
/// read like the scale's values.
fn decimal_f64(value: f32) -> f64 {
    value.to_string().parse().unwrap_or(f64::from(value))
}

/// Reads an event selected as `id, {EVENT_COLUMNS}` starting at column `first`.
pub(crate) fn record_from_row(row: &Row<'_>, first: usize) -> Result<(i64, EventRecord, Option<i64>), StoreError> {
    let id: i64 = row.get(first)?;
    let bad = |message: String| StoreError::BadRow { id, message };
    let c = |i: usize| first + 1 + i;
    let origin_name: String = row.get(c(0))?;
    let origin = Origin::parse(&origin_name).ok_or_else(|| bad(format!("unknown origin {origin_name:?}")))?;
    let day: i64 = row.get(c(6))?;
    let date = date_of_day(day).ok_or_else(|| bad(format!("date {day} out of range")))?;
    let span = match (row.get::<_, Option<u32>>(c(3))?, row.get::<_, Option<u32>>(c(4))?) {
        (Some(a), Some(b)) => Some([a, b]),
        _ => None,
    };
    let location = match row.get::<_, Option<String>>(c(18))? {
        Some(name) => Some(LocationRecord {
            name,
            country: row.get::<_, Option<String>>(c(19))?.unwrap_or_default(),
            lat: row.get(c(20))?,
            lon: row.get(c(21))?,
            precision: row.get::<_, Option<String>>(c(22))?.unwrap_or_default(),
            geonames_id: row.get(c(23))?,
        }),
        None => None,
    };
    let issues = match row.get::<_, Option<String>>(c(26))? {
        Some(json) => serde_json::from_str(&json).map_err(|e| bad(format!("issues: {e}")))?,
        None => Vec::new(),
    };
    let matched = match row.get::<_, Option<String>>(c(27))? {
        Some(json) => Some(serde_json::from_str(&json).map_err(|e| bad(format!("matched: {e}")))?),
        None => None,
    };
    let goldstein: Option<f64> = row.get(c(15))?;
    let record = EventRecord {
        origin,
        article_id: row.get(c(1))?,
        sentence_index: row.get(c(2))?,
        span,
        sentence: row.get(c(5))?,
        date,
        source_code: row.get(c(7))?,
        target_code: row.get(c(8))?,
        source_country: row.get(c(9))?,
        target_country: row.get(c(10))?,
        source_text: row.get(c(11))?,
        target_text: row.get(c(12))?,
        event_code: row.get(c(13))?,
        event_root: row.get(c(14))?,
        goldstein: goldstein.map(|g| g as f32),
        quad_class: row.get(c(16))?,
        plover_event: row.get(c(17))?,
        location,
        outlet: row.get(c(24))?,
        url: row.get(c(25))?,
        issues,
        matched,
    };
    Ok((id, record, row.get(c(28))?))
}

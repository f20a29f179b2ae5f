//! [`Store`]: the embedded SQLite database that events accumulate in — opening it for writing
//! (WAL mode, migrations, waiting out other writers) and the mapping between [`EventRecord`] and
//! a table row. Ingest of coded articles lives in `ingest.rs`, storing imported rows in
//! `bulk_load.rs`, reads in `query.rs` and `series.rs`.
//!
//! Errors here carry their cause in their own message and do not chain it as a `source`: SQLite's
//! errors repeat themselves down their chain ("database is locked: database is locked"), and a
//! message printed with its causes should say each thing once.

use crate::dedup::DedupRule;
use crate::ingest::ClusterCache;
use crate::record::{EventRecord, LocationRecord, Origin};
use crate::schema;
use chrono::NaiveDate;
use rusqlite::{params, Connection, ErrorCode, OpenFlags, Row, Statement};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use crate::bulk_load::{ImportStats, IMPORT_BATCH};

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot create its folder: {cause}")]
    CreateDir { path: PathBuf, cause: std::io::Error },
    #[error("{path}: cannot open the store: {cause}")]
    Open { path: PathBuf, cause: rusqlite::Error },
    #[error("{path}: written by a newer tripwire (schema version {found}; this build knows up to {known})")]
    TooNew { path: PathBuf, found: u32, known: u32 },
    #[error("store: {0}")]
    Sql(rusqlite::Error),
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

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::Sql(error)
    }
}

/// The event store. One writer at a time (SQLite serialises writers; the others wait up to
/// [`WRITER_WAIT`]); readers never block.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
    created: bool,
    pub(crate) rule: DedupRule,
    pub(crate) clusters: ClusterCache,
}

/// How long a writer waits for the others' transactions before giving up with "database is
/// locked". Our transactions are short (one batch), except a bulk import's rebuild of an index,
/// which on tens of millions of rows takes minutes: a writer behind it should wait, not fail.
pub const WRITER_WAIT: Duration = Duration::from_secs(600);

/// Row counts of the store's tables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: u64,
    pub events: u64,
    /// Deduplicated events: clusters of coded mentions plus events outside any cluster.
    pub distinct_events: u64,
}

/// Whether SQLite refused because another connection holds a lock.
pub(crate) fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(error.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

impl Store {
    /// Opens (creating it and its parent folders when missing) the store at `path` and brings its
    /// schema up to date. Other processes may be opening, creating or writing it at the same
    /// time: this waits for them.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|cause| StoreError::CreateDir { path: path.clone(), cause })?;
        }
        let created = !path.exists();
        // Switching a new database to WAL fails at once with "database is locked", without
        // waiting, while another process is doing the same. Every step of opening is idempotent,
        // so the whole of it is retried until the wait runs out.
        let deadline = Instant::now() + WRITER_WAIT;
        let mut pause = Duration::from_millis(2);
        loop {
            match Store::open_once(&path, created) {
                Err(StoreError::Open { cause, .. }) if is_busy(&cause) && Instant::now() < deadline => {
                    // A little of the process id in the pause keeps two openers from retrying in step.
                    std::thread::sleep(pause + Duration::from_micros(u64::from(std::process::id() % 997)));
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                outcome => return outcome,
            }
        }
    }

    fn open_once(path: &Path, created: bool) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .map_err(|cause| StoreError::Open { path: path.to_path_buf(), cause })?;
        Store::setup(conn, Some(path.to_path_buf()), created)
    }

    /// A store that lives in memory only (tests, the demo).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?, None, true)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, created: bool) -> Result<Store, StoreError> {
        let label = path.clone().unwrap_or_else(|| PathBuf::from(":memory:"));
        let open_err = |cause| StoreError::Open { path: label.clone(), cause };
        conn.busy_timeout(WRITER_WAIT).map_err(open_err)?;
        // Page size only takes effect before the first table exists; larger pages make the wide
        // event rows and the series index scan cheaper.
        // No memory map for the writer: its pages would count in the resident memory of every
        // ingest up to the map's size, so memory grew with the store (`bench store --part
        // memory`), and `bench store --part import` ran no faster with it. Readers map theirs.
        conn.execute_batch(
            "PRAGMA page_size = 8192;
             PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA cache_size = -131072;
             PRAGMA wal_autocheckpoint = 8192;
             PRAGMA temp_store = MEMORY;
             PRAGMA mmap_size = 0;",
        )
        .map_err(open_err)?;
        let found = schema::version(&conn).map_err(open_err)?;
        if found > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew { path: label, found, known: schema::CURRENT_VERSION });
        }
        schema::migrate_to(&mut conn, schema::CURRENT_VERSION).map_err(open_err)?;
        // A bulk import that died leaves the indexes it had put off unbuilt: build them now.
        crate::bulk_load::rebuild_abandoned_indexes(&conn).map_err(open_err)?;
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
}

/// The files SQLite keeps a store in: the database and, in WAL mode, its `-wal` and `-shm`.
pub const STORE_FILE_SUFFIXES: [&str; 3] = ["", "-wal", "-shm"];

/// Whether writing to `candidate` would overwrite the store at `store`: it is the database file
/// or its `-wal` or `-shm` file, under any name (a link, another path to the same folder). Files
/// that exist are compared as files; a path that does not exist yet is compared by its folder's
/// canonical path and its name.
pub fn is_store_file(store: &Path, candidate: &Path) -> bool {
    STORE_FILE_SUFFIXES.iter().any(|suffix| {
        let mut name = store.as_os_str().to_owned();
        name.push(suffix);
        let own = PathBuf::from(name);
        match (own.exists(), candidate.exists()) {
            (true, true) => same_file::is_same_file(&own, candidate).unwrap_or(false),
            (_, false) => canonical_in_folder(&own).is_some_and(|own| Some(own) == canonical_in_folder(candidate)),
            (false, true) => false,
        }
    })
}

/// A path with its folder made canonical and its file name kept: names a file that may not
/// exist yet.
fn canonical_in_folder(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => parent.canonicalize().ok()?,
        None => std::env::current_dir().ok()?,
    };
    Some(folder.join(name))
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

/// Imported rows go in with `OR IGNORE`: one whose origin and dataset id are stored is skipped.
pub(crate) fn insert_imported_sql() -> String {
    insert_event_sql(true)
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

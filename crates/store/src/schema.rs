//! The store's SQL schema and its ordered migrations.
//!
//! `schema_version` holds one row: the number of migrations applied. Opening a store applies the
//! missing ones in order, each in its own transaction, so a store written by an older tripwire is
//! brought up to date and a store written by a newer one is refused rather than misread.
//!
//! Dates are stored as whole days since 1970-01-01 (`INTEGER`): three bytes in an index entry
//! instead of ten, which is what keeps the daily dyad series fast over tens of millions of rows.
//! In SQL, `date(date * 86400, 'unixepoch')` shows them as `YYYY-MM-DD`.

use rusqlite::{Connection, Transaction};

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Never edit one that has shipped: add another.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles and the events coded from them or imported.
    r#"
    CREATE TABLE articles (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        date        INTEGER,
        outlet      TEXT,
        url         TEXT,
        title       TEXT,
        -- xxh3-128 of the lowercased, whitespace-normalised text: the same story re-sent under
        -- another id is still the same article.
        text_hash   BLOB NOT NULL UNIQUE
    );
    CREATE TABLE events (
        id                INTEGER PRIMARY KEY,
        origin            TEXT NOT NULL,
        article_id        TEXT NOT NULL,
        sentence_index    INTEGER,
        span_start        INTEGER,
        span_end          INTEGER,
        sentence          TEXT,
        date              INTEGER NOT NULL,
        source_code       TEXT NOT NULL,
        target_code       TEXT NOT NULL,
        source_country    TEXT,
        target_country    TEXT,
        source_text       TEXT,
        target_text       TEXT,
        event_code        TEXT NOT NULL,
        event_root        TEXT NOT NULL,
        goldstein         REAL,
        quad_class        INTEGER,
        plover_event      TEXT,
        location_name     TEXT,
        location_country  TEXT,
        lat               REAL,
        lon               REAL,
        location_precision TEXT,
        geonames_id       INTEGER,
        outlet            TEXT,
        url               TEXT,
        issues            TEXT,
        matched           TEXT
    );
    -- The daily dyad series reads only this index (it covers every column the series needs).
    CREATE INDEX events_dyad_date ON events (source_country, target_country, date, quad_class, goldstein);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_root ON events (event_root);
    CREATE INDEX events_source_code ON events (source_code);
    CREATE INDEX events_target_code ON events (target_code);
    CREATE INDEX events_article ON events (article_id);
    -- Imported rows carry their dataset's own id: importing a file twice stores it once.
    CREATE UNIQUE INDEX events_imported ON events (origin, article_id) WHERE origin <> 'tripwire';
    "#,
    // 2: cross-article deduplication. Events stored before it, and imported events, have no
    // cluster: each is its own event of one mention.
    r#"
    CREATE TABLE clusters (
        id              INTEGER PRIMARY KEY,
        blocking_key    TEXT NOT NULL,
        representative  INTEGER NOT NULL,
        first_date      INTEGER NOT NULL,
        last_date       INTEGER NOT NULL,
        first_seen      INTEGER NOT NULL,
        last_seen       INTEGER NOT NULL,
        mentions        INTEGER NOT NULL,
        outlets         TEXT NOT NULL,
        urls            TEXT NOT NULL
    );
    CREATE INDEX clusters_key_date ON clusters (blocking_key, last_date);
    ALTER TABLE events ADD COLUMN cluster_id INTEGER;
    CREATE INDEX events_cluster ON events (cluster_id);
    "#,
    // 3: secondary indexes a bulk import put off while it loads (`bulk_load.rs`), with their
    // definitions. The importer refreshes `heartbeat` (unix seconds) with every commit; a row whose
    // heartbeat is stale belongs to an import that died, and the next writer builds the index.
    r#"
    CREATE TABLE deferred_indexes (
        name        TEXT PRIMARY KEY,
        sql         TEXT NOT NULL,
        heartbeat   INTEGER NOT NULL
    );
    "#,
    // 4: only our own events are looked up by article (is this span's event stored?), and only
    // they belong to clusters: imported rows (their own unique `events_imported`, no cluster)
    // stay out of both indexes, which spares a bulk import a B-tree insert per row and a sort.
    r#"
    DROP INDEX events_article;
    CREATE INDEX events_article ON events (article_id) WHERE origin = 'tripwire';
    DROP INDEX IF EXISTS events_cluster;
    CREATE INDEX events_cluster ON events (cluster_id) WHERE cluster_id IS NOT NULL;
    "#,
    // 5: a cluster lists at most `ingest::MAX_LISTED_URLS` article URLs (one per article, so an
    // unbounded list made ingest's memory grow with its input) and counts its distinct articles
    // in a column of its own, which GDELT's NumArticles reads.
    r#"
    ALTER TABLE clusters ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
    UPDATE clusters SET articles = (SELECT COUNT(DISTINCT article_id) FROM events WHERE cluster_id = clusters.id);
    "#,
];

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The schema version recorded in the database; 0 for a new, empty one.
pub fn version(conn: &Connection) -> rusqlite::Result<u32> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version')",
        [],
        |row| row.get(0),
    )?;
    if !exists {
        return Ok(0);
    }
    conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |row| row.get(0))
}

/// Applies migrations up to `target` (at most [`CURRENT_VERSION`]), each in its own transaction.
/// Returns the version reached.
pub fn migrate_to(conn: &mut Connection, target: u32) -> rusqlite::Result<u32> {
    let target = target.min(CURRENT_VERSION);
    let mut current = version(conn)?;
    while current < target {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read inside the write lock: another process may have migrated meanwhile.
        current = version(&tx)?;
        if current >= target {
            break;
        }
        apply(&tx, current + 1)?;
        tx.commit()?;
        current += 1;
    }
    Ok(current)
}

fn apply(tx: &Transaction<'_>, number: u32) -> rusqlite::Result<()> {
    tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")?;
    tx.execute_batch(MIGRATIONS[number as usize - 1])?;
    tx.execute("DELETE FROM schema_version", [])?;
    tx.execute("INSERT INTO schema_version (version) VALUES (?1)", [number])?;
    Ok(())
}

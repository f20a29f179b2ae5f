//! Storing imported events (GDELT, ICEWS, Phoenix, tripwire's own JSON Lines): each row once, in
//! large transactions, and for a load bigger than the store it joins, with the secondary indexes
//! built once at the end instead of row by row.
//!
//! A row's identity is its dataset's: origin and dataset id (GDELT's GLOBALEVENTID, ICEWS's Event
//! ID, or for a file without ids the content id its importer derives from the row), enforced by a
//! unique index; for events of our own origin, the article, sentence, span, code and both actors.
//! A row already stored is counted and skipped, so importing a file twice, or two copies of it
//! under other names, stores it once.
//!
//! A [`Loader`] is how a bulk import writes: rows go in transactions of [`IMPORT_BATCH`]. Once it
//! has stored more rows than the store held when it began (and at least [`DEFER_AFTER_ROWS`]),
//! it drops the query indexes of `events` — SQLite keeps eight of them, which caps row-by-row
//! inserts at about a fifth of the speed of an unindexed table — and rebuilds each with one sort
//! when it finishes. Which indexes are put off is recorded in the `deferred_indexes` table, with
//! a heartbeat the loader refreshes at every commit: if the process dies, the next loader or
//! the next opening of the store after [`ABANDONED_AFTER`] builds them. Queries stay correct
//! meanwhile, only slower; nothing about a row's identity depends on a deferred index.

use crate::db::{insert_event, insert_imported_sql, next_event_id, Store, StoreError};
use crate::record::{EventRecord, Origin};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Rows per transaction when storing imported events: large enough that commits cost little,
/// small enough that other writers wait at most a fraction of a second for their turn and a
/// crash loses little work.
pub const IMPORT_BATCH: usize = 50_000;

/// A [`Loader`] puts off the query indexes only once it has stored at least this many rows (and
/// more than the store held before): rebuilding costs a sort of the whole table, which only a
/// load as large as the table repays.
pub const DEFER_AFTER_ROWS: u64 = 100_000;

/// Indexes on `events` a bulk load may put off: those only queries use. Row identity
/// (`events_imported`) and the lookup of our own events by article (`events_article`) stay.
pub const DEFERRABLE_INDEXES: [&str; 6] =
    ["events_dyad_date", "events_date", "events_root", "events_source_code", "events_target_code", "events_cluster"];

/// A deferred index whose loader has not committed for this long belongs to a process that died.
pub const ABANDONED_AFTER: Duration = Duration::from_secs(120);

/// What storing imported rows did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub inserted: u64,
    /// Rows already stored by an earlier import (same origin and dataset id; for our own
    /// events the same article, sentence, span, code and actors).
    pub already_present: u64,
}

impl std::ops::AddAssign for ImportStats {
    fn add_assign(&mut self, other: ImportStats) {
        self.inserted += other.inserted;
        self.already_present += other.already_present;
    }
}

impl Store {
    /// Stores imported events in transactions of [`IMPORT_BATCH`] rows, each row once (see the
    /// module's documentation). Imported events are not clustered: their producers already
    /// deduplicated them, so each is its own event. For loads of millions of rows use
    /// [`Store::loader`], which also defers the query indexes.
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

    /// As [`Store::insert_imported`], for one batch in one transaction.
    pub fn insert_imported_batch(&mut self, records: &[EventRecord]) -> Result<ImportStats, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stats = insert_rows(&tx, records)?;
        tx.commit()?;
        Ok(stats)
    }

    /// A loader for a bulk import into this store. If an earlier load left indexes deferred,
    /// this one takes them over and builds them when it finishes.
    pub fn loader(&mut self) -> Result<Loader<'_>, StoreError> {
        let events_at_start: i64 = self.conn.query_row("SELECT COALESCE(MAX(id), 0) FROM events", [], |r| r.get(0))?;
        let adopted: bool = self.conn.query_row("SELECT EXISTS (SELECT 1 FROM deferred_indexes)", [], |r| r.get(0))?;
        Ok(Loader {
            store: self,
            pending: Vec::with_capacity(IMPORT_BATCH),
            events_at_start: events_at_start.max(0) as u64,
            inserted: 0,
            deferring: adopted,
            unreported: ImportStats::default(),
        })
    }
}

/// Stores `records` in the open transaction `tx`, skipping those already stored.
fn insert_rows(tx: &Connection, records: &[EventRecord]) -> Result<ImportStats, StoreError> {
    let mut stats = ImportStats::default();
    let mut next_id = next_event_id(tx)?;
    let mut insert = tx.prepare_cached(&insert_imported_sql())?;
    let mut coded_exists = tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM events WHERE article_id = ?1 AND origin = 'tripwire'
         AND sentence_index IS ?2 AND span_start IS ?3 AND span_end IS ?4 AND event_code = ?5
         AND source_code = ?6 AND target_code = ?7)",
    )?;
    for record in records {
        // Our own events have no dataset id; the coder may give one span several events
        // ("A met B": A→B and B→A), so the actors are part of their identity.
        if record.origin == Origin::Tripwire {
            let exists: bool = coded_exists.query_row(
                params![
                    record.article_id,
                    record.sentence_index,
                    record.span.map(|s| s[0]),
                    record.span.map(|s| s[1]),
                    record.event_code,
                    record.source_code,
                    record.target_code,
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
    Ok(stats)
}

/// Writes a bulk import: [`Loader::push`] each record, [`Loader::flush`] where the caller wants
/// a count (the end of a file), [`Loader::finish`] at the end. A loader dropped without
/// finishing still stores what was pushed and builds what it deferred, as far as it can.
pub struct Loader<'s> {
    store: &'s mut Store,
    pending: Vec<EventRecord>,
    /// Highest event id when the loader began: about how many events the store held.
    events_at_start: u64,
    inserted: u64,
    /// Whether the query indexes are put off (by this loader or one it took over from).
    deferring: bool,
    unreported: ImportStats,
}

impl Loader<'_> {
    /// Adds a record; every [`IMPORT_BATCH`] records are committed.
    pub fn push(&mut self, record: EventRecord) -> Result<(), StoreError> {
        self.pending.push(record);
        if self.pending.len() >= IMPORT_BATCH {
            self.commit()?;
        }
        Ok(())
    }

    /// Commits the records pushed so far; what was stored since the last flush.
    pub fn flush(&mut self) -> Result<ImportStats, StoreError> {
        if !self.pending.is_empty() {
            self.commit()?;
        }
        Ok(std::mem::take(&mut self.unreported))
    }

    /// Commits the rest and builds the deferred indexes; what was stored since the last flush.
    pub fn finish(mut self) -> Result<ImportStats, StoreError> {
        let stats = self.flush()?;
        if self.deferring {
            build_deferred(&self.store.conn, None)?;
            self.deferring = false;
        }
        Ok(stats)
    }

    /// Whether the query indexes are put off at the moment.
    pub fn is_deferring(&self) -> bool {
        self.deferring
    }

    fn commit(&mut self) -> Result<(), StoreError> {
        let threshold = self.events_at_start.max(DEFER_AFTER_ROWS);
        if !self.deferring && self.inserted + self.pending.len() as u64 >= threshold {
            defer_indexes(&mut self.store.conn)?;
            self.deferring = true;
        }
        let tx = self.store.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let stats = insert_rows(&tx, &self.pending)?;
        if self.deferring {
            tx.execute("UPDATE deferred_indexes SET heartbeat = ?1", [unix_now()])?;
        }
        tx.commit()?;
        self.pending.clear();
        self.inserted += stats.inserted;
        self.unreported += stats;
        Ok(())
    }
}

impl Drop for Loader<'_> {
    fn drop(&mut self) {
        // Errors here have no one to go to; a failed build is retried by the next loader or
        // the next opening of the store.
        if !self.pending.is_empty() {
            let _ = self.commit();
        }
        if self.deferring {
            let _ = build_deferred(&self.store.conn, None);
        }
    }
}

fn unix_now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Drops the [`DEFERRABLE_INDEXES`] that exist, recording their definitions; for those another
/// loader already dropped, refreshes its heartbeat (both loads now keep them off).
fn defer_indexes(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now = unix_now();
    for name in DEFERRABLE_INDEXES {
        let sql: Option<String> = tx
            .query_row("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
            .optional()?;
        match sql {
            Some(sql) => {
                tx.execute(
                    "INSERT OR REPLACE INTO deferred_indexes (name, sql, heartbeat) VALUES (?1, ?2, ?3)",
                    params![name, sql, now],
                )?;
                tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            }
            None => {
                tx.execute("UPDATE deferred_indexes SET heartbeat = ?2 WHERE name = ?1", params![name, now])?;
            }
        }
    }
    tx.commit()
}

/// Builds the deferred indexes — all of them, or with `stale_before` only those whose heartbeat
/// is older — one per transaction, so other writers get their turn between two.
fn build_deferred(conn: &Connection, stale_before: Option<i64>) -> rusqlite::Result<()> {
    let cutoff = stale_before.unwrap_or(i64::MAX);
    loop {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let built = build_one_deferred(conn, cutoff);
        match built {
            Ok(true) => conn.execute_batch("COMMIT")?,
            Ok(false) => return conn.execute_batch("COMMIT"),
            Err(error) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(error);
            }
        }
    }
}

/// Builds one deferred index with a heartbeat before `cutoff`; `false` when there is none.
fn build_one_deferred(conn: &Connection, cutoff: i64) -> rusqlite::Result<bool> {
    let next: Option<(String, String)> = conn
        .query_row("SELECT name, sql FROM deferred_indexes WHERE heartbeat < ?1 ORDER BY name LIMIT 1", [cutoff], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((name, sql)) = next else { return Ok(false) };
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1)",
        [&name],
        |r| r.get(0),
    )?;
    if !exists {
        conn.execute_batch(&sql)?;
    }
    conn.execute("DELETE FROM deferred_indexes WHERE name = ?1", [&name])?;
    Ok(true)
}

/// Builds the indexes a bulk import deferred and did not come back for (its heartbeat is older
/// than [`ABANDONED_AFTER`]): called when a store is opened for writing.
pub(crate) fn rebuild_abandoned_indexes(conn: &Connection) -> rusqlite::Result<()> {
    let stale_before = unix_now() - ABANDONED_AFTER.as_secs() as i64;
    let any: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM deferred_indexes WHERE heartbeat < ?1)", [stale_before], |r| {
            r.get(0)
        })?;
    if any {
        build_deferred(conn, Some(stale_before))?;
    }
    Ok(())
}

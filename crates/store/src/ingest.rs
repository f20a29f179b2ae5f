//! Ingest of coded articles: each batch of articles and their events goes into the store in one
//! transaction, skipping articles already stored and grouping each event with earlier mentions
//! of the same real-world event (the rule is `crate::dedup`'s).
//!
//! A transaction per batch is what makes ingest crash-safe: a killed process leaves the store as
//! it was after its last committed batch, and a re-run skips exactly those articles.

use crate::db::{day_number, insert_coded_sql, insert_event, next_event_id, record_from_row, Store, StoreError};
use crate::dedup::{prepare, same_prepared, DedupRule, Features};
use crate::record::EventRecord;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{HashMap, HashSet};
use tripwire_coder::Article;

/// What one or more [`Store::ingest`] calls did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestStats {
    pub articles_stored: u64,
    /// Articles skipped because one with the same id or the same normalised text was stored.
    pub articles_duplicate: u64,
    pub events_stored: u64,
    /// Events that opened a new cluster (a real-world event not seen before).
    pub clusters_opened: u64,
    /// Events that joined an existing cluster as a further mention.
    pub mentions_joined: u64,
}

impl std::ops::AddAssign for IngestStats {
    fn add_assign(&mut self, o: IngestStats) {
        self.articles_stored += o.articles_stored;
        self.articles_duplicate += o.articles_duplicate;
        self.events_stored += o.events_stored;
        self.clusters_opened += o.clusters_opened;
        self.mentions_joined += o.mentions_joined;
    }
}

/// The article text's identity for deduplication: xxh3-128 of its lowercased words joined by
/// single spaces, so re-wrapped or re-cased copies of one text hash alike.
pub fn text_hash(text: &str) -> [u8; 16] {
    let mut normalised = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !normalised.is_empty() {
            normalised.push(' ');
        }
        normalised.extend(word.chars().flat_map(char::to_lowercase));
    }
    xxhash_rust::xxh3::xxh3_128(normalised.as_bytes()).to_be_bytes()
}

impl Store {
    /// Stores a batch of coded articles with their events in one transaction. An article whose
    /// id or normalised text is already stored (or appears earlier in the batch) is skipped with
    /// all its events and counted as duplicate. Each new event joins the first open cluster under
    /// its blocking key whose dates are within the rule's window and whose representative is the
    /// same event by [`same_event`] (comparing with at most [`MAX_COMPARISONS`] of the latest), or
    /// opens a cluster of its own.
    pub fn ingest(&mut self, batch: &[(Article, Vec<EventRecord>)]) -> Result<IngestStats, StoreError> {
        let Store { conn, rule, clusters, .. } = self;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Only inside the write lock is the check final: asked before it, another writer could
        // commit between the answer and this transaction, and the cache would overwrite its
        // clusters with counts that miss its mentions.
        let fresh = clusters.forget_if_changed_elsewhere(&tx);
        match fresh.map_err(StoreError::from).and_then(|()| ingest_in(&tx, rule, clusters, batch)) {
            Ok(stats) => {
                tx.commit().inspect_err(|_| clusters.clear())?;
                clusters.committed(rule.window_days);
                Ok(stats)
            }
            Err(e) => {
                // The rollback undoes the batch; the cache holds its clusters too.
                clusters.clear();
                Err(e)
            }
        }
    }
}

fn ingest_in(
    tx: &Connection,
    rule: &DedupRule,
    clusters: &mut ClusterCache,
    batch: &[(Article, Vec<EventRecord>)],
) -> Result<IngestStats, StoreError> {
    let mut stats = IngestStats::default();
    let mut add_article = tx.prepare_cached(
        "INSERT OR IGNORE INTO articles (id, date, outlet, url, title, text_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut add_event = tx.prepare_cached(&insert_coded_sql())?;
    let mut next_event = next_event_id(tx)?;
    let mut next_cluster: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM clusters", [], |r| r.get(0))?;
    for (article, events) in batch {
        let seen = article.date.map(day_number);
        let added = add_article.execute(params![
            article.id,
            seen,
            Some(&article.source).filter(|s| !s.is_empty()),
            Some(&article.url).filter(|s| !s.is_empty()),
            Some(&article.title).filter(|s| !s.is_empty()),
            &text_hash(&article.text)[..],
        ])?;
        if added == 0 {
            stats.articles_duplicate += 1;
            continue;
        }
        let article_seq = tx.last_insert_rowid();
        stats.articles_stored += 1;
        for record in events {
            let day = day_number(record.date);
            clusters.latest_day = clusters.latest_day.max(day);
            let seen = seen.unwrap_or(day);
            let features = prepare(record);
            let entry = clusters.entry_for(tx, features.key(), day, rule.window_days)?;
            let mut compared = 0;
            let joined = entry.clusters.iter().rposition(|c| {
                if compared >= MAX_COMPARISONS
                    || day < c.first_date - rule.window_days
                    || day > c.last_date + rule.window_days
                {
                    return false;
                }
                compared += 1;
                same_prepared(rule, &c.representative, &features)
            });
            let key = features.key().to_string();
            let (slot, newly_dirty) = match joined {
                Some(slot) => {
                    let cluster = &mut entry.clusters[slot];
                    cluster.join(record, day, seen, article_seq);
                    stats.mentions_joined += 1;
                    let newly_dirty = !cluster.dirty;
                    cluster.dirty = true;
                    (slot, newly_dirty)
                }
                None => {
                    let id = next_cluster;
                    next_cluster += 1;
                    entry.push(OpenCluster::found(id, next_event, record, features, day, seen, article_seq));
                    stats.clusters_opened += 1;
                    (entry.clusters.len() - 1, true)
                }
            };
            let cluster_id = entry.clusters[slot].id;
            if newly_dirty {
                clusters.dirty.push((key, slot));
            }
            insert_event(&mut add_event, next_event, record, Some(cluster_id))?;
            next_event += 1;
            stats.events_stored += 1;
        }
    }
    clusters.write_dirty(tx)?;
    Ok(stats)
}

/// Most clusters an event is compared with: the latest opened or loaded under its key within
/// the date window. A busy key (a superpower's consultations on a news-heavy day) holds hundreds
/// of open clusters; re-reports follow their story closely, so the most recent candidates are
/// the ones that matter, and the cap bounds the cost per event (`tripwire bench store`).
pub const MAX_COMPARISONS: usize = 32;

/// Most article URLs a cluster lists. There is one URL per article, so an unbounded list grows
/// with the input (a story carried by thousands of articles) and with it ingest's memory and
/// every rewrite of the cluster's row; the count of distinct articles is kept exactly beside it.
/// Outlets are listed in full: they are a bounded vocabulary, not one per article.
pub const MAX_LISTED_URLS: usize = 32;

/// A cluster as ingest keeps it in memory while mentions may still join it.
#[derive(Clone, Debug)]
pub(crate) struct OpenCluster {
    id: i64,
    representative_id: i64,
    /// The representative's dedup features (the rule compares with these, never re-reading it).
    representative: Features,
    first_date: i64,
    last_date: i64,
    first_seen: i64,
    last_seen: i64,
    mentions: i64,
    /// Distinct articles among the mentions.
    articles: i64,
    /// The article (`articles.seq`) that last joined: an article's events are ingested one after
    /// another, so a mention from the same article as the last one adds no article.
    last_article: i64,
    outlets: Vec<String>,
    urls: Vec<String>,
    /// Not yet in the clusters table.
    new: bool,
    /// Changed since last written.
    dirty: bool,
}

impl OpenCluster {
    fn found(
        id: i64,
        event_id: i64,
        record: &EventRecord,
        features: Features,
        day: i64,
        seen: i64,
        article: i64,
    ) -> OpenCluster {
        let outlets = record.outlet.iter().cloned().collect();
        let urls = record.url.iter().cloned().collect();
        OpenCluster {
            id,
            representative_id: event_id,
            representative: features,
            first_date: day,
            last_date: day,
            first_seen: seen,
            last_seen: seen,
            mentions: 1,
            articles: 1,
            last_article: article,
            outlets,
            urls,
            new: true,
            dirty: true,
        }
    }

    fn join(&mut self, record: &EventRecord, day: i64, seen: i64, article: i64) {
        self.mentions += 1;
        if article != self.last_article {
            self.articles += 1;
            self.last_article = article;
        }
        self.first_date = self.first_date.min(day);
        self.last_date = self.last_date.max(day);
        self.first_seen = self.first_seen.min(seen);
        self.last_seen = self.last_seen.max(seen);
        add_distinct(&mut self.outlets, record.outlet.as_deref(), usize::MAX);
        add_distinct(&mut self.urls, record.url.as_deref(), MAX_LISTED_URLS);
    }
}

fn add_distinct(list: &mut Vec<String>, value: Option<&str>, most: usize) {
    if let Some(v) = value.filter(|v| !v.is_empty()) {
        if list.len() < most && !list.iter().any(|x| x == v) {
            list.push(v.to_string());
        }
    }
}

/// The clusters under one blocking key that ingest has loaded or opened.
#[derive(Debug, Default)]
pub(crate) struct KeyClusters {
    /// Event-date ranges `[lo, hi]` for which every stored cluster that an event could join is
    /// in `clusters`.
    loaded: Vec<(i64, i64)>,
    ids: HashSet<i64>,
    clusters: Vec<OpenCluster>,
}

impl KeyClusters {
    fn push(&mut self, cluster: OpenCluster) {
        self.ids.insert(cluster.id);
        self.clusters.push(cluster);
    }
}

/// Open clusters kept in memory across batches, so an event is compared with its candidates
/// without a query each time. Sound while this connection is the only writer; a commit by
/// another connection (seen through `PRAGMA data_version` once this one holds the write lock)
/// empties it.
#[derive(Debug, Default)]
pub(crate) struct ClusterCache {
    by_key: HashMap<String, KeyClusters>,
    cached: usize,
    /// Changed clusters, by key and position in that key's list.
    dirty: Vec<(String, usize)>,
    data_version: Option<i64>,
    /// The latest event day ingested, for evicting clusters that fell behind the window.
    latest_day: i64,
}

/// Days after an event's date loaded per query, so that date-sorted input loads each key rarely.
const LOAD_AHEAD_DAYS: i64 = 30;
/// Days before an event's date loaded per query, and kept in the cache behind the latest event
/// (beyond the rule's window): reports of a few days ago still find their clusters in memory,
/// while the cache holds only about `window + LOAD_BACK_DAYS` days of clusters.
const LOAD_BACK_DAYS: i64 = 7;
/// Past this many cached clusters, those behind the latest day by more than the window and
/// [`LOAD_BACK_DAYS`] are evicted after a commit; if that is not enough (input far out of date
/// order) the cache is emptied (memory stays bounded).
const MAX_CACHED_CLUSTERS: usize = 100_000;

impl ClusterCache {
    pub(crate) fn clear(&mut self) {
        self.by_key.clear();
        self.cached = 0;
        self.dirty.clear();
    }

    fn forget_if_changed_elsewhere(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.clear();
            self.data_version = Some(version);
        }
        Ok(())
    }

    fn committed(&mut self, window: i64) {
        self.dirty.clear();
        if self.cached > MAX_CACHED_CLUSTERS {
            self.evict_before(self.latest_day - window - LOAD_BACK_DAYS, window);
        }
        if self.cached > MAX_CACHED_CLUSTERS {
            // Input far out of date order: start afresh rather than grow.
            self.clear();
        }
    }

    /// Drops the clusters whose last date is before `horizon`. No event on or after
    /// `horizon + window` could join them, so each loaded range keeps its promise (every stored
    /// cluster an event of that range could join is here) from that day on.
    fn evict_before(&mut self, horizon: i64, window: i64) {
        let mut kept = 0;
        self.by_key.retain(|_, entry| {
            entry.clusters.retain(|c| c.last_date >= horizon);
            entry.ids = entry.clusters.iter().map(|c| c.id).collect();
            entry.loaded = entry
                .loaded
                .iter()
                .map(|&(lo, hi)| (lo.max(horizon + window), hi))
                .filter(|&(lo, hi)| lo <= hi)
                .collect();
            kept += entry.clusters.len();
            !entry.clusters.is_empty() || !entry.loaded.is_empty()
        });
        self.cached = kept;
    }

    /// The clusters under `key`, loading from the store those an event on `day` could join.
    fn entry_for(
        &mut self,
        conn: &Connection,
        key: &str,
        day: i64,
        window: i64,
    ) -> Result<&mut KeyClusters, StoreError> {
        if !self.by_key.contains_key(key) {
            self.by_key.insert(key.to_string(), KeyClusters::default());
        }
        let Some(entry) = self.by_key.get_mut(key) else { unreachable!("inserted above") };
        if !entry.loaded.iter().any(|&(lo, hi)| lo <= day && day <= hi) {
            let (lo, hi) = (day - LOAD_BACK_DAYS, day + LOAD_AHEAD_DAYS);
            let mut load = conn.prepare_cached(&format!(
                "SELECT c.id, c.representative, c.first_date, c.last_date, c.first_seen, c.last_seen, c.mentions,
                        c.outlets, c.urls, c.articles, e.id, {}
                 FROM clusters c JOIN events e ON e.id = c.representative
                 WHERE c.blocking_key = ?1 AND c.last_date >= ?2 AND c.first_date <= ?3",
                crate::db::EVENT_COLUMNS.split(", ").map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", ")
            ))?;
            let mut rows = load.query(params![key, lo - window, hi + window])?;
            while let Some(row) = rows.next()? {
                let id: i64 = row.get(0)?;
                if entry.ids.contains(&id) {
                    continue;
                }
                let (_, representative, _) = record_from_row(row, 10)?;
                let list = |i: usize| -> Result<Vec<String>, StoreError> {
                    let json: String = row.get(i)?;
                    serde_json::from_str(&json)
                        .map_err(|e| StoreError::BadRow { id, message: format!("cluster outlets/urls: {e}") })
                };
                entry.push(OpenCluster {
                    id,
                    representative_id: row.get(1)?,
                    representative: prepare(&representative),
                    first_date: row.get(2)?,
                    last_date: row.get(3)?,
                    first_seen: row.get(4)?,
                    last_seen: row.get(5)?,
                    mentions: row.get(6)?,
                    articles: row.get(9)?,
                    // No article of this run has joined it yet.
                    last_article: i64::MIN,
                    outlets: list(7)?,
                    urls: list(8)?,
                    new: false,
                    dirty: false,
                });
                self.cached += 1;
            }
            entry.loaded.push((lo, hi));
        }
        Ok(entry)
    }

    fn write_dirty(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let mut insert = conn.prepare_cached(
            "INSERT INTO clusters (id, blocking_key, representative, first_date, last_date, first_seen, last_seen,
                                   mentions, outlets, urls, articles)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut update = conn.prepare_cached(
            "UPDATE clusters SET first_date = ?2, last_date = ?3, first_seen = ?4, last_seen = ?5, mentions = ?6,
                                 outlets = ?7, urls = ?8, articles = ?9
             WHERE id = ?1",
        )?;
        for (key, slot) in std::mem::take(&mut self.dirty) {
            let Some(cluster) = self.by_key.get_mut(&key).and_then(|k| k.clusters.get_mut(slot)) else {
                continue;
            };
            let outlets = serde_json::to_string(&cluster.outlets).unwrap_or_else(|_| "[]".into());
            let urls = serde_json::to_string(&cluster.urls).unwrap_or_else(|_| "[]".into());
            if cluster.new {
                insert.execute(params![
                    cluster.id,
                    key,
                    cluster.representative_id,
                    cluster.first_date,
                    cluster.last_date,
                    cluster.first_seen,
                    cluster.last_seen,
                    cluster.mentions,
                    outlets,
                    urls,
                    cluster.articles
                ])?;
                self.cached += 1;
            } else {
                update.execute(params![
                    cluster.id,
                    cluster.first_date,
                    cluster.last_date,
                    cluster.first_seen,
                    cluster.last_seen,
                    cluster.mentions,
                    outlets,
                    urls,
                    cluster.articles
                ])?;
            }
            cluster.new = false;
            cluster.dirty = false;
        }
        Ok(())
    }
}

impl Store {
    /// The floor under [`Store::ingest`], for `tripwire bench store`: inserts `records` as coded
    /// events in one transaction through the same statement, with no article rows, no cluster
    /// and no dedup. Returns the rows inserted.
    #[doc(hidden)]
    pub fn insert_raw_floor(&mut self, records: &[EventRecord]) -> Result<u64, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut n = 0;
        {
            let first = next_event_id(&tx)?;
            let mut insert = tx.prepare_cached(&insert_coded_sql())?;
            for (id, record) in (first..).zip(records) {
                insert_event(&mut insert, id, record, None)?;
                n += 1;
            }
        }
        tx.commit()?;
        self.clusters.clear();
        Ok(n)
    }

    /// Whether an article with this id, or with the same normalised text, is stored: callers
    /// can skip coding it (a re-run after a crash codes only what is missing).
    pub fn contains_article(&self, id: &str, text: &str) -> Result<bool, StoreError> {
        let mut find = self.conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1 OR text_hash = ?2")?;
        Ok(find.query_row(params![id, &text_hash(text)[..]], |_| Ok(())).optional()?.is_some())
    }
}

//! Reading events back: an [`EventFilter`] selects stored events, seen either as deduplicated
//! real-world events (one per cluster, with its mention count, outlets and URLs) or as the raw
//! mentions; rows stream through a callback so exports of millions never sit in memory.

use crate::db::{date_of_day, day_number, record_from_row, Store, StoreError, EVENT_COLUMNS};
use crate::record::{EventRecord, Origin};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

/// Which events a query returns. Every field narrows; the default selects everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// Directed dyad by ISO-3 country: source → target.
    pub dyad: Option<(String, String)>,
    /// With `dyad`, also target → source.
    pub both_directions: bool,
    /// An actor code prefix on either side ("IRN", "IRNGOV", "IGOUNO").
    pub actor: Option<String>,
    /// A CAMEO event code prefix ("046" also selects "0461").
    pub event_code: Option<String>,
    /// A two-digit CAMEO root ("04").
    pub event_root: Option<String>,
    pub quad_class: Option<u8>,
    /// Event dates, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The outlet; deduplicated events match when any of their mentions is from it.
    pub outlet: Option<String>,
    pub origin: Option<Origin>,
    pub limit: Option<u64>,
}

/// How events are seen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// One row per real-world event: each cluster's representative (its first mention) with the
    /// cluster's figures; events outside any cluster (imports) are their own.
    #[default]
    Deduplicated,
    /// Every stored event row, as coded or imported.
    Mentions,
}

/// A stored event with its cluster's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredEvent {
    pub id: i64,
    pub cluster_id: Option<i64>,
    /// Mentions of the real-world event (events in the cluster; 1 for an unclustered event).
    pub mentions: u64,
    /// The distinct outlets that mention it, and the URLs of the first
    /// [`crate::ingest::MAX_LISTED_URLS`] distinct articles.
    pub outlets: Vec<String>,
    pub urls: Vec<String>,
    /// Distinct articles that mention it (1 for an unclustered event).
    pub articles: u64,
    /// Event dates of its earliest and latest mention.
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
    /// Publication dates of the earliest and latest article mentioning it (imports: the event
    /// date).
    pub first_seen: NaiveDate,
    pub last_seen: NaiveDate,
    #[serde(flatten)]
    pub record: EventRecord,
}

impl Store {
    /// Calls `each` for every event the filter selects, ordered by date then id, and returns how
    /// many there were. Stops at the first error `each` returns.
    pub fn for_each<E: From<StoreError>>(
        &self,
        filter: &EventFilter,
        view: View,
        each: impl FnMut(StoredEvent) -> Result<(), E>,
    ) -> Result<u64, E> {
        for_each_in(&self.conn, filter, view, each)
    }

    /// The events the filter selects, collected.
    pub fn events(&self, filter: &EventFilter, view: View) -> Result<Vec<StoredEvent>, StoreError> {
        let mut found = Vec::new();
        self.for_each(filter, view, |e| {
            found.push(e);
            Ok::<(), StoreError>(())
        })?;
        Ok(found)
    }

    /// The raw mentions grouped in one cluster, in the order they were stored.
    pub fn mentions_of(&self, cluster_id: i64) -> Result<Vec<StoredEvent>, StoreError> {
        mentions_in(&self.conn, cluster_id)
    }
}

/// [`Store::for_each`] on any connection to a store (the write handle's, or a reader's).
pub(crate) fn for_each_in<E: From<StoreError>>(
    conn: &Connection,
    filter: &EventFilter,
    view: View,
    mut each: impl FnMut(StoredEvent) -> Result<(), E>,
) -> Result<u64, E> {
    let (sql, values) = select_sql(conn, filter, view, &Window { limit: filter.limit, ..Window::default() })?;
    let mut stmt = conn.prepare_cached(&sql).map_err(StoreError::from)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values)).map_err(StoreError::from)?;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(StoreError::from)? {
        each(stored_from_row(row)?)?;
        count += 1;
    }
    Ok(count)
}

/// [`Store::mentions_of`] on any connection to a store.
pub(crate) fn mentions_in(conn: &Connection, cluster_id: i64) -> Result<Vec<StoredEvent>, StoreError> {
    let sql = format!("{} WHERE e.cluster_id = ?1 ORDER BY e.id", select_head(conn)?);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([cluster_id])?;
    let mut found = Vec::new();
    while let Some(row) = rows.next()? {
        found.push(stored_from_row(row)?);
    }
    Ok(found)
}

/// The event with row id `id` as stored (any view: a mention or a representative), if any.
pub(crate) fn event_in(conn: &Connection, id: i64) -> Result<Option<StoredEvent>, StoreError> {
    let sql = format!("{} WHERE e.id = ?1", select_head(conn)?);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(row) => Ok(Some(stored_from_row(row)?)),
        None => Ok(None),
    }
}

/// Which slice of the ordered events a query returns: the order, a keyset position to start
/// after, and how many rows at most.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Window {
    pub newest_first: bool,
    /// `(day number, id)` of the last event already returned; the query continues past it.
    pub after: Option<(i64, i64)>,
    pub limit: Option<u64>,
}

fn select_head(conn: &Connection) -> Result<String, StoreError> {
    let columns = EVENT_COLUMNS.split(", ").map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", ");
    // Before migration 5 a cluster listed every article's URL and had no count of its own; a
    // reader of such a store (never migrated: readers do not write) counts the list.
    let articles = if crate::schema::version(conn)? >= 5 { "c.articles" } else { "json_array_length(c.urls)" };
    Ok(format!(
        "SELECT e.id, {columns}, c.mentions, c.outlets, c.urls, c.first_date, c.last_date, c.first_seen, c.last_seen,
                {articles}
         FROM events e LEFT JOIN clusters c ON c.id = e.cluster_id"
    ))
}

/// The upper end of a prefix range: codes are ASCII, so every code starting with `prefix`
/// sorts below `prefix` followed by DEL, and the range can use the column's index.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{7f}")
}

pub(crate) fn select_sql(
    conn: &Connection,
    filter: &EventFilter,
    view: View,
    window: &Window,
) -> Result<(String, Vec<Value>), StoreError> {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let bind = |values: &mut Vec<Value>, v: Value| -> String {
        values.push(v);
        format!("?{}", values.len())
    };
    // Both directions of a dyad are read as two directed index ranges, each in order, merged:
    // a single `OR` of the two would read and sort every event of the dyad before the first
    // page could be returned.
    let mut directions: Vec<String> = Vec::new();
    if let Some((source, target)) = &filter.dyad {
        let (source, target) = (source.to_ascii_uppercase(), target.to_ascii_uppercase());
        let both = filter.both_directions && source != target;
        let s = bind(&mut values, Value::Text(source));
        let t = bind(&mut values, Value::Text(target));
        directions.push(format!("e.source_country = {s} AND e.target_country = {t}"));
        if both {
            directions.push(format!("e.source_country = {t} AND e.target_country = {s}"));
        }
    }
    if let Some(actor) = &filter.actor {
        let lo = bind(&mut values, Value::Text(actor.to_ascii_uppercase()));
        let hi = bind(&mut values, Value::Text(prefix_end(&actor.to_ascii_uppercase())));
        conditions.push(format!(
            "((e.source_code >= {lo} AND e.source_code < {hi}) OR (e.target_code >= {lo} AND e.target_code < {hi}))"
        ));
    }
    if let Some(code) = &filter.event_code {
        let lo = bind(&mut values, Value::Text(code.clone()));
        let hi = bind(&mut values, Value::Text(prefix_end(code)));
        conditions.push(format!("e.event_code >= {lo} AND e.event_code < {hi}"));
    }
    if let Some(root) = &filter.event_root {
        let r = bind(&mut values, Value::Text(root.clone()));
        conditions.push(format!("e.event_root = {r}"));
    }
    if let Some(quad) = filter.quad_class {
        let q = bind(&mut values, Value::Integer(quad.into()));
        conditions.push(format!("e.quad_class = {q}"));
    }
    if let Some(from) = filter.from {
        let d = bind(&mut values, Value::Integer(day_number(from)));
        conditions.push(format!("e.date >= {d}"));
    }
    if let Some(to) = filter.to {
        let d = bind(&mut values, Value::Integer(day_number(to)));
        conditions.push(format!("e.date <= {d}"));
    }
    if let Some(origin) = filter.origin {
        let o = bind(&mut values, Value::Text(origin.as_str().to_string()));
        conditions.push(format!("e.origin = {o}"));
    }
    if let Some(outlet) = &filter.outlet {
        let o = bind(&mut values, Value::Text(outlet.clone()));
        conditions.push(match view {
            View::Mentions => format!("e.outlet = {o}"),
            View::Deduplicated => format!(
                "(e.outlet = {o} OR (e.cluster_id IS NOT NULL AND EXISTS
                   (SELECT 1 FROM events m WHERE m.cluster_id = e.cluster_id AND m.outlet = {o})))"
            ),
        });
    }
    if view == View::Deduplicated {
        conditions.push("(e.cluster_id IS NULL OR c.representative = e.id)".to_string());
    }
    if let Some((day, id)) = window.after {
        let d = bind(&mut values, Value::Integer(day));
        let i = bind(&mut values, Value::Integer(id));
        let past = if window.newest_first { "<" } else { ">" };
        conditions.push(format!("(e.date, e.id) {past} ({d}, {i})"));
    }
    let head = select_head(conn)?;
    let limit = window.limit.map(|l| bind(&mut values, Value::Integer(i64::try_from(l).unwrap_or(i64::MAX))));
    let limit = limit.map_or_else(String::new, |l| format!(" LIMIT {l}"));
    let order = if window.newest_first { "DESC" } else { "ASC" };
    let select = |direction: Option<&String>| {
        let all: Vec<&str> =
            direction.map(String::as_str).into_iter().chain(conditions.iter().map(String::as_str)).collect();
        let filter = if all.is_empty() { String::new() } else { format!(" WHERE {}", all.join(" AND ")) };
        format!("{head}{filter} ORDER BY e.date {order}, e.id {order}{limit}")
    };
    let sql = match directions.as_slice() {
        [one, other] => format!(
            "SELECT * FROM ({}) UNION ALL SELECT * FROM ({}) ORDER BY date {order}, id {order}{limit}",
            select(Some(one)),
            select(Some(other))
        ),
        [one] => select(Some(one)),
        _ => select(None),
    };
    Ok((sql, values))
}

pub(crate) fn stored_from_row(row: &rusqlite::Row<'_>) -> Result<StoredEvent, StoreError> {
    let (id, record, cluster_id) = record_from_row(row, 0)?;
    let base = 1 + EVENT_COLUMNS.split(", ").count();
    let bad = |message: String| StoreError::BadRow { id, message };
    let day = |i: usize| -> Result<Option<NaiveDate>, StoreError> {
        match row.get::<_, Option<i64>>(base + i)? {
            Some(d) => date_of_day(d).map(Some).ok_or_else(|| bad(format!("cluster date {d} out of range"))),
            None => Ok(None),
        }
    };
    let list = |i: usize| -> Result<Option<Vec<String>>, StoreError> {
        match row.get::<_, Option<String>>(base + i)? {
            Some(json) => serde_json::from_str(&json).map(Some).map_err(|e| bad(format!("cluster list: {e}"))),
            None => Ok(None),
        }
    };
    let mentions: Option<i64> = row.get(base)?;
    let articles: Option<i64> = row.get(base + 7)?;
    Ok(StoredEvent {
        id,
        cluster_id,
        mentions: mentions.map_or(1, |m| m.max(0) as u64),
        outlets: list(1)?.unwrap_or_else(|| record.outlet.iter().cloned().collect()),
        urls: list(2)?.unwrap_or_else(|| record.url.iter().cloned().collect()),
        articles: articles.map_or(1, |a| a.max(1) as u64),
        first_date: day(3)?.unwrap_or(record.date),
        last_date: day(4)?.unwrap_or(record.date),
        first_seen: day(5)?.unwrap_or(record.date),
        last_seen: day(6)?.unwrap_or(record.date),
        record,
    })
}

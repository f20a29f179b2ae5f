//! The dense daily series: for a directed dyad, an undirected one, the coverage of a set of
//! countries, or every stored event (the volume the watch normalizes by), one [`DailyCounts`] per day of the range — days without
//! events included, as zeros — with raw mentions, deduplicated events, the count of each
//! QuadClass and the Goldstein sum.
//!
//! Mentions, QuadClass counts and the Goldstein sum count every stored row, as GDELT's and
//! ICEWS's series do (a story many outlets carry weighs more); `events` counts each real-world
//! event once, on the day of its first mention. The dyad figures come from one scan of the
//! `events_dyad_date` index (it covers them); the deduplicated count subtracts the further
//! mentions of each cluster, which only coded events have.

use crate::db::{date_of_day, day_number, StoreError};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Whose events a series counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum SeriesScope {
    /// Events whose source country is `source` and target country is `target` (ISO-3).
    Directed { source: String, target: String },
    /// Events between `a` and `b` in either direction.
    Undirected { a: String, b: String },
    /// Every stored event, whatever its actors.
    All,
    /// Events with any of `countries` (ISO-3) as source or target, whatever the other side: a
    /// country's own coverage. An event between two of them counts once.
    Involving { countries: Vec<String> },
}

/// Which series to compute. Without `from` (or `to`) the range starts at the scope's first (or
/// ends at its last) event; a scope without events and without a range gives no days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DailySeriesQuery {
    pub scope: SeriesScope,
    /// Event dates, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One day of a dense series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct DailyCounts {
    pub date: NaiveDate,
    /// Stored event rows: every coded mention and every imported event.
    pub mentions: u64,
    /// Real-world events: clusters of coded mentions (counted on the day of their first
    /// mention) and imported events.
    pub events: u64,
    /// Sum over the mentions that have a Goldstein score (0 when none has).
    pub goldstein_sum: f64,
    /// Mentions that have a Goldstein score.
    pub scored: u64,
    /// Mentions of each QuadClass: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad1: u64,
    pub quad2: u64,
    pub quad3: u64,
    pub quad4: u64,
}

impl DailyCounts {
    fn zero(date: NaiveDate) -> DailyCounts {
        DailyCounts {
            date,
            mentions: 0,
            events: 0,
            goldstein_sum: 0.0,
            scored: 0,
            quad1: 0,
            quad2: 0,
            quad3: 0,
            quad4: 0,
        }
    }

    /// Mentions of material conflict (QuadClass 4).
    pub fn material_conflict(&self) -> u64 {
        self.quad4
    }

    /// The mean Goldstein score of the day's scored mentions; `None` when none is scored.
    pub fn goldstein_mean(&self) -> Option<f64> {
        (self.scored > 0).then(|| self.goldstein_sum / self.scored as f64)
    }

    fn add(&mut self, totals: &DayTotals) {
        self.mentions += totals.mentions;
        self.events += totals.mentions;
        self.goldstein_sum += totals.goldstein_sum;
        self.scored += totals.scored;
        self.quad1 += totals.quads[0];
        self.quad2 += totals.quads[1];
        self.quad3 += totals.quads[2];
        self.quad4 += totals.quads[3];
    }
}

/// A dense series: `days[i]` is the day `from + i`, for every day up to `to`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DailySeries {
    #[serde(flatten)]
    pub scope: SeriesScope,
    /// The first and last day (`None` when the series has no days).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub days: Vec<DailyCounts>,
}

/// The longest series computed, in days (about 300 years): a range beyond it is a mistake, and
/// would otherwise allocate without bound.
pub const MAX_SERIES_DAYS: i64 = 110_000;

/// One day's sums from one scan, before they are laid out densely.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DayTotals {
    pub day: i64,
    pub mentions: u64,
    pub goldstein_sum: f64,
    pub scored: u64,
    pub quads: [u64; 4],
}

/// Computes the series on `conn`; callers run it inside one read transaction.
pub(crate) fn daily_series_in(conn: &Connection, query: &DailySeriesQuery) -> Result<DailySeries, StoreError> {
    let from = query.from.map_or(i64::MIN, day_number);
    let to = query.to.map_or(i64::MAX, day_number);
    let after = first_representative(conn)?;
    let mut totals = Vec::new();
    let mut further = Vec::new();
    let mut directed = |source: &str, target: &str| -> Result<(), StoreError> {
        totals.extend(directed_totals(conn, source, target, from, to)?);
        if let Some(after) = after {
            further.extend(directed_further_mentions(conn, source, target, from, to, after)?);
        }
        Ok(())
    };
    match &query.scope {
        SeriesScope::Directed { source, target } => {
            directed(&source.to_ascii_uppercase(), &target.to_ascii_uppercase())?;
        }
        SeriesScope::Undirected { a, b } => {
            let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
            directed(&a, &b)?;
            if a != b {
                directed(&b, &a)?;
            }
        }
        SeriesScope::All => {
            totals.extend(all_totals(conn, from, to)?);
            if let Some(after) = after {
                further.extend(all_further_mentions(conn, from, to, after)?);
            }
        }
        SeriesScope::Involving { countries } => {
            let countries: Vec<String> = countries.iter().map(|c| c.to_ascii_uppercase()).collect();
            let list =
                serde_json::to_string(&countries).map_err(|e| StoreError::BadRow { id: 0, message: e.to_string() })?;
            totals.extend(involving_totals(conn, &list, from, to)?);
            if let Some(after) = after {
                further.extend(involving_further_mentions(conn, &list, from, to, after)?);
            }
        }
    }
    lay_out(query, totals, further)
}

/// The row id of the first cluster's representative, `None` when nothing is clustered.
///
/// A further mention is stored after the representative of its cluster (the representative is
/// the first mention), and clusters are numbered as they are opened, so no row at or before this
/// one is a further mention. The deduplicated count looks up clusters only for rows after it:
/// history imported before the first coded article costs nothing.
fn first_representative(conn: &Connection) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT representative FROM clusters ORDER BY id LIMIT 1")?
        .query_row([], |row| row.get(0))
        .optional()?)
}

/// Places sparse day sums on a dense range of days.
fn lay_out(
    query: &DailySeriesQuery,
    totals: Vec<DayTotals>,
    further: Vec<(i64, u64)>,
) -> Result<DailySeries, StoreError> {
    let first = query.from.map(day_number).or_else(|| totals.iter().map(|t| t.day).min());
    let last = query.to.map(day_number).or_else(|| totals.iter().map(|t| t.day).max());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(DailySeries { scope: query.scope.clone(), from: None, to: None, days: Vec::new() });
    };
    if last < first {
        return Ok(DailySeries { scope: query.scope.clone(), from: None, to: None, days: Vec::new() });
    }
    let length = last - first + 1;
    if length > MAX_SERIES_DAYS {
        return Err(StoreError::SeriesTooLong { days: length, max: MAX_SERIES_DAYS });
    }
    let date = |day: i64| {
        date_of_day(day).ok_or_else(|| StoreError::BadRow { id: 0, message: format!("series date {day} out of range") })
    };
    let start = date(first)?;
    let mut days: Vec<DailyCounts> = Vec::with_capacity(length as usize);
    for offset in 0..length {
        days.push(DailyCounts::zero(start + chrono::Days::new(offset as u64)));
    }
    let index = |day: i64| usize::try_from(day - first).ok();
    for total in &totals {
        if let Some(slot) = index(total.day).and_then(|i| days.get_mut(i)) {
            slot.add(total);
        }
    }
    for (day, count) in further {
        if let Some(slot) = index(day).and_then(|i| days.get_mut(i)) {
            slot.events = slot.events.saturating_sub(count);
        }
    }
    Ok(DailySeries { scope: query.scope.clone(), from: Some(start), to: Some(date(last)?), days })
}

/// Per-day sums of one direction of a dyad, from the covering index alone.
pub(crate) fn directed_totals(
    conn: &Connection,
    source: &str,
    target: &str,
    from: i64,
    to: i64,
) -> Result<Vec<DayTotals>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, COUNT(*), TOTAL(goldstein), COUNT(goldstein),
                SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
         FROM events INDEXED BY events_dyad_date
         WHERE source_country = ?1 AND target_country = ?2 AND date BETWEEN ?3 AND ?4
         GROUP BY date ORDER BY date",
    )?;
    let rows = stmt.query(rusqlite::params![source, target, from, to])?;
    collect_totals(rows)
}

/// Per-day sums of every event. The covering index is read whole, grouped in its own order
/// (dyad, then date), so no sort is needed; the groups are summed per day here.
fn all_totals(conn: &Connection, from: i64, to: i64) -> Result<Vec<DayTotals>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, COUNT(*), TOTAL(goldstein), COUNT(goldstein),
                SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
         FROM events INDEXED BY events_dyad_date
         WHERE date BETWEEN ?1 AND ?2
         GROUP BY source_country, target_country, date",
    )?;
    let rows = stmt.query(rusqlite::params![from, to])?;
    collect_totals(rows)
}

/// Per-day sums of the events with any of the countries (a JSON array) on either side. The
/// target country has no index of its own, so the covering index is read whole, as for `All`.
fn involving_totals(conn: &Connection, countries: &str, from: i64, to: i64) -> Result<Vec<DayTotals>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, COUNT(*), TOTAL(goldstein), COUNT(goldstein),
                SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
         FROM events INDEXED BY events_dyad_date
         WHERE date BETWEEN ?2 AND ?3
           AND (source_country IN (SELECT value FROM json_each(?1))
                OR target_country IN (SELECT value FROM json_each(?1)))
         GROUP BY source_country, target_country, date",
    )?;
    let rows = stmt.query(rusqlite::params![countries, from, to])?;
    collect_totals(rows)
}

fn involving_further_mentions(
    conn: &Connection,
    countries: &str,
    from: i64,
    to: i64,
    after: i64,
) -> Result<Vec<(i64, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.date, COUNT(*)
         FROM events e JOIN clusters c ON c.id = e.cluster_id
         WHERE e.id > ?4 AND e.date BETWEEN ?2 AND ?3 AND c.representative <> e.id
           AND (e.source_country IN (SELECT value FROM json_each(?1))
                OR e.target_country IN (SELECT value FROM json_each(?1)))
         GROUP BY e.date",
    )?;
    let rows = stmt.query(rusqlite::params![countries, from, to, after])?;
    collect_counts(rows)
}

fn collect_totals(mut rows: rusqlite::Rows<'_>) -> Result<Vec<DayTotals>, StoreError> {
    let mut days = Vec::new();
    while let Some(row) = rows.next()? {
        let count =
            |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
        days.push(DayTotals {
            day: row.get(0)?,
            mentions: count(1)?,
            goldstein_sum: row.get(2)?,
            scored: count(3)?,
            quads: [count(4)?, count(5)?, count(6)?, count(7)?],
        });
    }
    Ok(days)
}

/// Per day, the mentions of one direction of a dyad that joined a cluster opened earlier (every
/// mention but each cluster's representative), among the rows after `after`. The id bound is
/// checked on the index entry, so rows before it are never read from the table.
fn directed_further_mentions(
    conn: &Connection,
    source: &str,
    target: &str,
    from: i64,
    to: i64,
    after: i64,
) -> Result<Vec<(i64, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.date, COUNT(*)
         FROM events e INDEXED BY events_dyad_date JOIN clusters c ON c.id = e.cluster_id
         WHERE e.source_country = ?1 AND e.target_country = ?2 AND e.date BETWEEN ?3 AND ?4
           AND e.id > ?5 AND c.representative <> e.id
         GROUP BY e.date",
    )?;
    let rows = stmt.query(rusqlite::params![source, target, from, to, after])?;
    collect_counts(rows)
}

fn all_further_mentions(conn: &Connection, from: i64, to: i64, after: i64) -> Result<Vec<(i64, u64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.date, COUNT(*)
         FROM events e JOIN clusters c ON c.id = e.cluster_id
         WHERE e.id > ?3 AND e.date BETWEEN ?1 AND ?2 AND c.representative <> e.id
         GROUP BY e.date",
    )?;
    let rows = stmt.query(rusqlite::params![from, to, after])?;
    collect_counts(rows)
}

fn collect_counts(mut rows: rusqlite::Rows<'_>) -> Result<Vec<(i64, u64)>, StoreError> {
    let mut counts = Vec::new();
    while let Some(row) = rows.next()? {
        counts.push((row.get(0)?, row.get::<_, i64>(1)?.max(0) as u64));
    }
    Ok(counts)
}

//! The daily dyad series: for a directed dyad (A → B, or both directions) and a date range, one
//! row per day that has events, with the event count, the Goldstein sum and mean, and the count
//! of each QuadClass.
//!
//! The series counts raw mentions, not deduplicated events, as GDELT's and ICEWS's series do: a
//! story that many outlets carry weighs more, which is the signal of salience analysts expect,
//! and the figures stay comparable with series computed from those datasets or from the Parquet
//! export. It reads only the `events_dyad_date` index, which covers every column it needs.

use crate::db::{date_of_day, day_number, Store, StoreError};
use chrono::NaiveDate;
use serde::Serialize;

/// Which series to compute.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SeriesQuery {
    /// ISO-3 countries: events whose source is `source` and target is `target`.
    pub source: String,
    pub target: String,
    /// Also count target → source events.
    pub both_directions: bool,
    /// Event dates, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One day of the series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesDay {
    pub date: NaiveDate,
    pub events: u64,
    /// Sum over the events that have a Goldstein score (0 when none has).
    pub goldstein_sum: f64,
    /// Mean over the events that have a Goldstein score (`None` when none has).
    pub goldstein_mean: Option<f64>,
    pub quad1: u64,
    pub quad2: u64,
    pub quad3: u64,
    pub quad4: u64,
}

impl Store {
    /// The daily series of a dyad, oldest day first.
    pub fn dyad_series(&self, query: &SeriesQuery) -> Result<Vec<SeriesDay>, StoreError> {
        let (source, target) = (query.source.to_ascii_uppercase(), query.target.to_ascii_uppercase());
        let from = query.from.map_or(i64::MIN, day_number);
        let to = query.to.map_or(i64::MAX, day_number);
        let one_way = "SELECT date, quad_class, goldstein FROM events INDEXED BY events_dyad_date
                       WHERE source_country = ?1 AND target_country = ?2 AND date BETWEEN ?3 AND ?4";
        let rows = if query.both_directions && source != target {
            format!(
                "{one_way} UNION ALL
                 SELECT date, quad_class, goldstein FROM events INDEXED BY events_dyad_date
                 WHERE source_country = ?2 AND target_country = ?1 AND date BETWEEN ?3 AND ?4"
            )
        } else {
            one_way.to_string()
        };
        let sql = format!(
            "SELECT date, COUNT(*), TOTAL(goldstein), AVG(goldstein),
                    SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
             FROM ({rows}) GROUP BY date ORDER BY date"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params![source, target, from, to])?;
        let mut days = Vec::new();
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let date = date_of_day(day)
                .ok_or_else(|| StoreError::BadRow { id: 0, message: format!("series date {day} out of range") })?;
            let count =
                |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
            days.push(SeriesDay {
                date,
                events: count(1)?,
                goldstein_sum: row.get(2)?,
                goldstein_mean: row.get(3)?,
                quad1: count(4)?,
                quad2: count(5)?,
                quad3: count(6)?,
                quad4: count(7)?,
            });
        }
        Ok(days)
    }
}

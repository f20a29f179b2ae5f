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
        let forward = self.directed_days(&source, &target, from, to)?;
        if !query.both_directions || source == target {
            return forward.into_iter().map(DayTotals::finish).collect();
        }
        // Two index scans, each already in date order, merged here: cheaper than a UNION that
        // SQLite would have to sort again to group.
        let backward = self.directed_days(&target, &source, from, to)?;
        let mut merged = Vec::with_capacity(forward.len().max(backward.len()));
        let (mut f, mut b) = (forward.into_iter().peekable(), backward.into_iter().peekable());
        loop {
            let next = match (f.peek(), b.peek()) {
                (Some(x), Some(y)) if x.day == y.day => {
                    let (x, y) = (f.next(), b.next());
                    x.zip(y).map(|(x, y)| x.add(&y))
                }
                (Some(x), Some(y)) if x.day < y.day => f.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => f.next(),
                (None, Some(_)) => b.next(),
                (None, None) => None,
            };
            match next {
                Some(day) => merged.push(day.finish()?),
                None => break,
            }
        }
        Ok(merged)
    }

    fn directed_days(&self, source: &str, target: &str, from: i64, to: i64) -> Result<Vec<DayTotals>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date, COUNT(*), TOTAL(goldstein), COUNT(goldstein),
                    SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4)
             FROM events INDEXED BY events_dyad_date
             WHERE source_country = ?1 AND target_country = ?2 AND date BETWEEN ?3 AND ?4
             GROUP BY date ORDER BY date",
        )?;
        let mut rows = stmt.query(rusqlite::params![source, target, from, to])?;
        let mut days = Vec::new();
        while let Some(row) = rows.next()? {
            let count =
                |i: usize| -> rusqlite::Result<u64> { Ok(row.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
            days.push(DayTotals {
                day: row.get(0)?,
                events: count(1)?,
                goldstein_sum: row.get(2)?,
                scored: count(3)?,
                quads: [count(4)?, count(5)?, count(6)?, count(7)?],
            });
        }
        Ok(days)
    }
}

/// One day's sums, before the mean is taken.
struct DayTotals {
    day: i64,
    events: u64,
    goldstein_sum: f64,
    /// Events with a Goldstein score.
    scored: u64,
    quads: [u64; 4],
}

impl DayTotals {
    fn add(self, other: &DayTotals) -> DayTotals {
        DayTotals {
            day: self.day,
            events: self.events + other.events,
            goldstein_sum: self.goldstein_sum + other.goldstein_sum,
            scored: self.scored + other.scored,
            quads: [0, 1, 2, 3].map(|i| self.quads[i] + other.quads[i]),
        }
    }

    fn finish(self) -> Result<SeriesDay, StoreError> {
        let date = date_of_day(self.day)
            .ok_or_else(|| StoreError::BadRow { id: 0, message: format!("series date {} out of range", self.day) })?;
        Ok(SeriesDay {
            date,
            events: self.events,
            goldstein_sum: self.goldstein_sum,
            goldstein_mean: (self.scored > 0).then(|| self.goldstein_sum / self.scored as f64),
            quad1: self.quads[0],
            quad2: self.quads[1],
            quad3: self.quads[2],
            quad4: self.quads[3],
        })
    }
}

//! The sparse daily dyad series: for a directed dyad (A → B, or both directions) and a date
//! range, one row per day that has events, with the event count, the Goldstein sum and mean, and
//! the count of each QuadClass. The dense series, with deduplicated counts and the volume of all
//! events, is `read::DailySeries`; both read the same index scan (`read/daily.rs`).
//!
//! The series counts raw mentions, not deduplicated events, as GDELT's and ICEWS's series do: a
//! story that many outlets carry weighs more, which is the signal of salience analysts expect,
//! and the figures stay comparable with series computed from those datasets or from the Parquet
//! export. It reads only the `events_dyad_date` index, which covers every column it needs.

use crate::db::{date_of_day, day_number, Store, StoreError};
use crate::read::{directed_totals, DayTotals};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The daily series of a dyad, oldest day first, with only the days that have events.
    /// [`Store::daily_series`] and [`crate::read::Reader::daily_series`] give the dense series
    /// with deduplicated counts.
    pub fn dyad_series(&self, query: &SeriesQuery) -> Result<Vec<SeriesDay>, StoreError> {
        let (source, target) = (query.source.to_ascii_uppercase(), query.target.to_ascii_uppercase());
        let from = query.from.map_or(i64::MIN, day_number);
        let to = query.to.map_or(i64::MAX, day_number);
        let mut days: BTreeMap<i64, DayTotals> = BTreeMap::new();
        let mut add = |totals: Vec<DayTotals>| {
            for t in totals {
                let day = days.entry(t.day).or_insert(DayTotals { day: t.day, ..DayTotals::default() });
                day.mentions += t.mentions;
                day.goldstein_sum += t.goldstein_sum;
                day.scored += t.scored;
                for (sum, quad) in day.quads.iter_mut().zip(t.quads) {
                    *sum += quad;
                }
            }
        };
        add(directed_totals(&self.conn, &source, &target, from, to)?);
        if query.both_directions && source != target {
            add(directed_totals(&self.conn, &target, &source, from, to)?);
        }
        days.into_values().map(finish).collect()
    }
}

fn finish(totals: DayTotals) -> Result<SeriesDay, StoreError> {
    let date = date_of_day(totals.day)
        .ok_or_else(|| StoreError::BadRow { id: 0, message: format!("series date {} out of range", totals.day) })?;
    Ok(SeriesDay {
        date,
        events: totals.mentions,
        goldstein_sum: totals.goldstein_sum,
        goldstein_mean: (totals.scored > 0).then(|| totals.goldstein_sum / totals.scored as f64),
        quad1: totals.quads[0],
        quad2: totals.quads[1],
        quad3: totals.quads[2],
        quad4: totals.quads[3],
    })
}

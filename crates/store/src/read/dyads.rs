//! The active dyads: every directed pair of countries with events in a date range, with how many
//! mentions it has there and the dates of its first and last.
//!
//! The dyads are found by skipping through the `events_dyad_date` index one pair at a time (a
//! seek per dyad, not a scan of every row), and each is then counted over the range alone, so
//! asking which dyads were active last month reads last month's index entries, not the whole
//! history.

use crate::db::{date_of_day, day_number, StoreError};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// Which dyads to list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DyadQuery {
    /// Event dates, both inclusive.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Leave out dyads with fewer mentions than this in the range.
    pub min_mentions: u64,
}

/// A directed dyad and its activity in the range asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActiveDyad {
    /// ISO-3 countries of the source and the target.
    pub source: String,
    pub target: String,
    /// Stored event rows of the dyad in the range (raw mentions).
    pub mentions: u64,
    /// Dates of its first and last event in the range.
    pub first_date: NaiveDate,
    pub last_date: NaiveDate,
}

/// The dyads active in the range, most mentions first (ties in dyad order).
pub(crate) fn active_dyads_in(conn: &Connection, query: &DyadQuery) -> Result<Vec<ActiveDyad>, StoreError> {
    let from = query.from.map_or(i64::MIN, day_number);
    let to = query.to.map_or(i64::MAX, day_number);
    // Rows whose countries are unknown have NULLs, which sort first and never satisfy `>`: the
    // walk starts after them and a NULL target is stepped over as the empty string.
    let mut next_dyad = conn.prepare_cached(
        "SELECT source_country, target_country FROM events INDEXED BY events_dyad_date
         WHERE (source_country, target_country) > (?1, ?2)
         ORDER BY source_country, target_country LIMIT 1",
    )?;
    let mut activity = conn.prepare_cached(
        "SELECT COUNT(*), MIN(date), MAX(date) FROM events INDEXED BY events_dyad_date
         WHERE source_country = ?1 AND target_country = ?2 AND date BETWEEN ?3 AND ?4",
    )?;
    let mut dyads = Vec::new();
    let mut position = (String::new(), String::new());
    while let Some((source, target)) = next_dyad
        .query_row(rusqlite::params![position.0, position.1], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
        })
        .optional()?
    {
        let target = match target {
            Some(target) if !target.is_empty() && !source.is_empty() => target,
            // No country on one side: not a dyad; step past it.
            other => {
                position = (source, other.unwrap_or_default());
                continue;
            }
        };
        let (mentions, first, last): (i64, Option<i64>, Option<i64>) = activity
            .query_row(rusqlite::params![source, target, from, to], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?;
        if let (Some(first), Some(last)) = (first, last) {
            let mentions = mentions.max(0) as u64;
            if mentions >= query.min_mentions.max(1) {
                dyads.push(ActiveDyad {
                    source: source.clone(),
                    target: target.clone(),
                    mentions,
                    first_date: dyad_date(first)?,
                    last_date: dyad_date(last)?,
                });
            }
        }
        position = (source, target);
    }
    dyads.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| (&a.source, &a.target).cmp(&(&b.source, &b.target))));
    Ok(dyads)
}

fn dyad_date(day: i64) -> Result<NaiveDate, StoreError> {
    date_of_day(day).ok_or_else(|| StoreError::BadRow { id: 0, message: format!("dyad date {day} out of range") })
}

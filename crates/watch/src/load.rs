//! Reading what the watch needs from the store, through its read API only: the interstate dyads
//! that are active, and for each its dense daily series (both directions) beside the daily
//! volume of every event.

use crate::signals::Signals;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use tripwire_store::read::{DailySeries, DailySeriesQuery, DyadQuery, SeriesScope};
use tripwire_store::{Reader, StoreError};

/// An undirected pair of distinct countries (ISO-3), in alphabetical order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Dyad {
    pub a: String,
    pub b: String,
}

impl Dyad {
    pub fn new(x: &str, y: &str) -> Dyad {
        let (x, y) = (x.to_ascii_uppercase(), y.to_ascii_uppercase());
        if x <= y {
            Dyad { a: x, b: y }
        } else {
            Dyad { a: y, b: x }
        }
    }

    /// Parses `AAA-BBB` (either order).
    pub fn parse(text: &str) -> Option<Dyad> {
        let (x, y) = text.split_once('-')?;
        let valid = |c: &str| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic());
        (valid(x) && valid(y) && !x.eq_ignore_ascii_case(y)).then(|| Dyad::new(x, y))
    }
}

impl std::fmt::Display for Dyad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.a, self.b)
    }
}

/// The interstate dyads (both directions merged, self-pairs left out) with at least
/// `min_mentions` mentions in `[from, to]`, most mentions first.
pub fn active_dyads(
    reader: &Reader,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    min_mentions: u64,
) -> Result<Vec<(Dyad, u64)>, StoreError> {
    let directed = reader.active_dyads(&DyadQuery { from, to, min_mentions: 1 })?;
    let mut merged: HashMap<Dyad, u64> = HashMap::new();
    for d in directed.iter().filter(|d| d.source != d.target) {
        *merged.entry(Dyad::new(&d.source, &d.target)).or_default() += d.mentions;
    }
    let mut dyads: Vec<(Dyad, u64)> = merged.into_iter().filter(|(_, n)| *n >= min_mentions.max(1)).collect();
    dyads.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    Ok(dyads)
}

/// The range every series is laid out on, and the volume over it.
pub struct Volume {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub mentions: Vec<u64>,
}

impl Volume {
    /// The volume of every stored event over the store's whole range (`to` cuts it short);
    /// `None` for an empty store.
    pub fn read(reader: &Reader, to: Option<NaiveDate>) -> Result<Option<Volume>, StoreError> {
        let all = reader.daily_series(&DailySeriesQuery { scope: SeriesScope::All, from: None, to })?;
        let (Some(from), Some(to)) = (all.from, all.to) else { return Ok(None) };
        Ok(Some(Volume { from, to, mentions: all.days.iter().map(|d| d.mentions).collect() }))
    }
}

/// The signals of a dyad on the volume's range.
pub fn dyad_signals(reader: &Reader, dyad: &Dyad, volume: &Volume) -> Result<Signals, StoreError> {
    let series: DailySeries = reader.daily_series(&DailySeriesQuery {
        scope: SeriesScope::Undirected { a: dyad.a.clone(), b: dyad.b.clone() },
        from: Some(volume.from),
        to: Some(volume.to),
    })?;
    Ok(Signals::new(&series.days, &volume.mentions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyads_are_undirected_and_parsed_strictly() {
        assert_eq!(Dyad::new("usa", "IRN"), Dyad::new("IRN", "USA"));
        assert_eq!(Dyad::parse("USA-IRN").map(|d| d.to_string()), Some("IRN-USA".to_string()));
        for bad in ["USA", "USA-USA", "US-IRN", "USA-IR1", "USA-IRN-CHN"] {
            assert_eq!(Dyad::parse(bad), None, "{bad}");
        }
    }
}

//! What counts as escalation, in two kinds (defined in `docs/watch.md`, fixed before any
//! result was seen):
//!
//! - **MID onset**: a Militarized Interstate Dispute starts between the two countries, on
//!   opposite sides, within the horizon. A pair's onset is the later of the two participants'
//!   start days (when one joined later, that is when the pair's dispute began); pairs with an
//!   unknown start day are left out. From `gml_part.csv` (MID 2.x, to 2011).
//! - **Surge**: the dyad's material-conflict (QuadClass 4) mentions over the horizon reach
//!   [`SURGE_FACTOR`] times what its trailing-year rate predicts, and at least [`SURGE_MIN`].
//!
//! Each kind also says when a dyad is *quiet* — the origins forecasts are scored on, so that
//! what is scored is an onset, not the continuation of a crisis already under way.
//!
//! The CSV readers tolerate bad rows: each is reported with its file and line, and skipped.

use crate::countries::CowCodes;
use crate::load::Dyad;
use crate::signals::{Metric, Signals};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;
use std::path::Path;

/// A bad row in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: u64,
    pub message: String,
}

impl Problem {
    pub fn at(file: &Path, line: u64, message: impl Into<String>) -> Problem {
        Problem { file: file.display().to_string(), line, message: message.into() }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A header row and one record, looked up by column name.
pub struct Row<'a> {
    header: &'a csv::StringRecord,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    pub fn get(&self, column: &str) -> Option<&str> {
        let index = self.header.iter().position(|h| h == column)?;
        self.record.get(index)
    }

    /// A whole-number field; `None` when absent, empty, unparsable or the −9 "unknown" code.
    pub fn number(&self, column: &str) -> Option<i64> {
        self.get(column).and_then(|v| v.trim().parse::<f64>().ok()).map(|v| v as i64).filter(|&v| v != -9)
    }
}

/// Calls `each` with every row of a CSV file that has a header; rows the CSV reader rejects are
/// reported and skipped. Only a file that cannot be opened is an error.
pub fn read_csv(
    path: &Path,
    problems: &mut Vec<Problem>,
    mut each: impl FnMut(&Row<'_>, u64, &mut Vec<Problem>),
) -> Result<(), crate::WatchError> {
    let open_error = |e: &dyn std::fmt::Display| crate::WatchError::Input {
        file: path.display().to_string(),
        message: format!("cannot read: {e}"),
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| open_error(&e))?;
    let header = reader.headers().map_err(|e| open_error(&e))?.clone();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line, |p| p.line());
                if record.len() != header.len() {
                    problems.push(Problem::at(
                        path,
                        line,
                        format!("{} fields, the header has {}", record.len(), header.len()),
                    ));
                    continue;
                }
                each(&Row { header: &header, record: &record }, line, problems);
            }
            Err(error) => {
                let line = error.position().map_or(line, |p| p.line());
                problems.push(Problem::at(path, line, error.to_string()));
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// One dispute between two countries on opposite sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MidOnset {
    pub dyad: Dyad,
    pub dispute: i64,
    pub start: NaiveDate,
    /// The earlier of the two participants' end days (the start when unknown).
    pub end: NaiveDate,
}

/// Dispute onsets by dyad.
#[derive(Clone, Debug, Default)]
pub struct MidHistory {
    by_dyad: HashMap<Dyad, Vec<MidOnset>>,
    /// Pairs left out because a start day is unknown or a state has no ISO-3 code.
    pub pairs_without_day: usize,
    pub participants_without_code: usize,
}

/// The last day MID 2.x covers.
pub fn mid_coverage_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2011, 12, 31).unwrap_or_default()
}

struct Participant {
    iso3: &'static str,
    side_a: bool,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
}

fn day_of(year: Option<i64>, month: Option<i64>, day: Option<i64>) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year?).ok()?, u32::try_from(month?).ok()?, u32::try_from(day?).ok()?)
}

impl MidHistory {
    /// Reads `gml_part.csv` (one row per state in a dispute), keeping disputes that start in or
    /// after `since`.
    pub fn read(
        path: &Path,
        codes: &CowCodes,
        since: NaiveDate,
    ) -> Result<(MidHistory, Vec<Problem>), crate::WatchError> {
        let mut problems = Vec::new();
        let mut disputes: HashMap<i64, Vec<Participant>> = HashMap::new();
        let mut history = MidHistory::default();
        read_csv(path, &mut problems, |row, line, problems| {
            let (Some(dispute), Some(ccode), Some(side)) =
                (row.number("dispnum"), row.number("ccode"), row.number("sidea"))
            else {
                problems.push(Problem::at(path, line, "dispnum, ccode or sidea missing or not a number"));
                return;
            };
            if row.number("styear").is_some_and(|y| y < i64::from(since.year()) - 1) {
                return;
            }
            let Some(iso3) = u32::try_from(ccode).ok().and_then(|c| codes.iso3(c)) else {
                history.participants_without_code += 1;
                return;
            };
            let start = day_of(row.number("styear"), row.number("stmon"), row.number("stday"));
            let end = day_of(row.number("endyear"), row.number("endmon"), row.number("endday"));
            disputes.entry(dispute).or_default().push(Participant { iso3, side_a: side == 1, start, end });
        })?;
        for (dispute, participants) in disputes {
            for a in participants.iter().filter(|p| p.side_a) {
                for b in participants.iter().filter(|p| !p.side_a && p.iso3 != a.iso3) {
                    let (Some(start_a), Some(start_b)) = (a.start, b.start) else {
                        history.pairs_without_day += 1;
                        continue;
                    };
                    let start = start_a.max(start_b);
                    if start < since {
                        continue;
                    }
                    let end = match (a.end, b.end) {
                        (Some(x), Some(y)) => x.min(y).max(start),
                        _ => start,
                    };
                    let dyad = Dyad::new(a.iso3, b.iso3);
                    history.by_dyad.entry(dyad.clone()).or_default().push(MidOnset { dyad, dispute, start, end });
                }
            }
        }
        for onsets in history.by_dyad.values_mut() {
            onsets.sort_by_key(|o| (o.start, o.dispute));
        }
        Ok((history, problems))
    }

    pub fn from_onsets(onsets: Vec<MidOnset>) -> MidHistory {
        let mut history = MidHistory::default();
        for onset in onsets {
            history.by_dyad.entry(onset.dyad.clone()).or_default().push(onset);
        }
        history
    }

    pub fn onsets(&self) -> impl Iterator<Item = &MidOnset> {
        self.by_dyad.values().flatten()
    }

    /// Whether a dispute between the dyad starts in `(origin, origin + horizon]`.
    pub fn onset_within(&self, dyad: &Dyad, origin: NaiveDate, horizon: u32) -> bool {
        let last = origin + chrono::Days::new(u64::from(horizon));
        self.by_dyad.get(dyad).is_some_and(|list| list.iter().any(|o| o.start > origin && o.start <= last))
    }

    /// How many disputes between the dyad began in the `years` before `origin` (not on it).
    pub fn onsets_before(&self, dyad: &Dyad, origin: NaiveDate, years: u32) -> usize {
        let since = origin - chrono::Months::new(12 * years);
        self.by_dyad.get(dyad).map_or(0, |list| list.iter().filter(|o| o.start >= since && o.start < origin).count())
    }

    /// Quiet for MID scoring: no dispute between the dyad under way at any time in the
    /// [`QUIET_DAYS`] up to and including `origin`.
    pub fn quiet(&self, dyad: &Dyad, origin: NaiveDate) -> bool {
        let since = origin - chrono::Days::new(QUIET_DAYS as u64);
        !self.by_dyad.get(dyad).is_some_and(|list| list.iter().any(|o| o.start <= origin && o.end >= since))
    }
}

/// The MID quiet window, in days.
pub const QUIET_DAYS: usize = 365;

/// A surge is at least this many times the trailing-year expectation …
pub const SURGE_FACTOR: f64 = 3.0;
/// … and at least this many material-conflict mentions.
pub const SURGE_MIN: f64 = 3.0;
/// The window before the origin that must be quiet for a surge to count as an onset.
pub const SURGE_QUIET_DAYS: usize = 30;

/// The dyad's material-conflict mentions per day over the [`crate::signals::BASELINE_DAYS`]
/// up to and including `origin`.
pub fn material_conflict_rate(signals: &Signals, origin: usize) -> f64 {
    let days = crate::signals::BASELINE_DAYS;
    signals.sum(Metric::MaterialConflict, origin, days) / days as f64
}

/// The material-conflict count in `(origin, origin + horizon]` a surge must reach.
pub fn surge_threshold(signals: &Signals, origin: usize, horizon: u32) -> f64 {
    (SURGE_FACTOR * material_conflict_rate(signals, origin) * f64::from(horizon)).max(SURGE_MIN)
}

/// Whether the horizon after `origin` holds a surge; `None` when the signals end before it.
pub fn surge_within(signals: &Signals, origin: usize, horizon: u32) -> Option<bool> {
    let horizon_days = horizon as usize;
    if origin + horizon_days >= signals.len() {
        return None;
    }
    Some(signals.sum_after(Metric::MaterialConflict, origin, horizon_days) >= surge_threshold(signals, origin, horizon))
}

/// Quiet for surge scoring: the [`SURGE_QUIET_DAYS`] up to `origin` hold no more material
/// conflict than the trailing-year rate predicts for them.
pub fn surge_quiet(signals: &Signals, origin: usize) -> bool {
    let recent = signals.sum(Metric::MaterialConflict, origin, SURGE_QUIET_DAYS);
    recent <= material_conflict_rate(signals, origin) * SURGE_QUIET_DAYS as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signals::test_day;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dispute_history_counts_only_onsets_before_the_origin_within_its_years() {
        let dyad = Dyad::new("GRC", "TUR");
        let onset = |start: &str| MidOnset { dyad: dyad.clone(), dispute: 1, start: date(start), end: date(start) };
        let history = MidHistory::from_onsets(vec![onset("1994-06-01"), onset("1999-03-01"), onset("2008-05-01")]);
        assert_eq!(history.onsets_before(&dyad, date("2005-01-01"), 10), 1, "1994 is more than ten years back");
        assert_eq!(history.onsets_before(&dyad, date("2008-05-01"), 10), 1, "an onset on the origin is not before it");
        assert_eq!(history.onsets_before(&dyad, date("2008-05-02"), 10), 2);
        assert_eq!(history.onsets_before(&Dyad::new("GRC", "ITA"), date("2008-05-02"), 10), 0);
    }

    #[test]
    fn surges_need_a_rise_above_the_dyads_own_rate() {
        // One material-conflict mention every 10 days for a year and a half, then 3 a day.
        let days: Vec<_> = (0..600u64)
            .map(|i| {
                let q4 = if i >= 560 { 3 } else { u64::from(i % 10 == 0) };
                test_day(date("2010-01-01") + chrono::Days::new(i), [0, 0, 0, q4], 0.0)
            })
            .collect();
        let s = Signals::new(&days, &[]);
        // Rate ≈ 0.1/day: a 30-day horizon needs max(3, 3·0.1·30 = 9).
        assert!((surge_threshold(&s, 500, 30) - 9.0).abs() < 0.2);
        assert_eq!(surge_within(&s, 500, 30), Some(false), "3 mentions where 3 were expected");
        assert_eq!(surge_within(&s, 550, 30), Some(true), "60 mentions in days 560–580");
        assert_eq!(surge_within(&s, 580, 30), None, "the horizon runs past the data");
        assert!(surge_quiet(&s, 550));
        assert!(!surge_quiet(&s, 575), "already surging");
    }

    #[test]
    fn mid_pairs_are_read_from_opposite_sides_and_bad_rows_reported() {
        // Made-up state codes: only the names are matched.
        let dir = tempfile::tempdir().unwrap();
        let cow = dir.path().join("cow.csv");
        std::fs::write(
            &cow,
            "stateabb,ccode,statenme\nAAA,901,United States of America\nBBB,902,Iran\nCCC,903,Iraq\nXXX,oops,Nowhere\n",
        )
        .unwrap();
        let part = dir.path().join("part.csv");
        std::fs::write(
            &part,
            "dispnum,ccode,styear,stmon,stday,endyear,endmon,endday,sidea\n\
             10,901,2007,3,5,2007,4,1,1\n\
             10,902,2007,3,9,2007,5,1,0\n\
             10,903,2007,3,-9,2007,5,1,0\n\
             11,902,2007,\"3\n\
             12,901,2001,1,1,2001,1,2,1\n",
        )
        .unwrap();
        let (codes, problems) = CowCodes::read(&cow).unwrap();
        assert_eq!(codes.len(), 3);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 5, "{}", problems[0]);
        let (history, problems) = MidHistory::read(&part, &codes, date("2005-01-01")).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].line >= 5, "{}", problems[0]);
        let onsets: Vec<_> = history.onsets().collect();
        assert_eq!(onsets.len(), 1, "USA–IRN only: Iraq's start day is unknown");
        assert_eq!(onsets[0].start, date("2007-03-09"));
        assert_eq!(history.pairs_without_day, 1);
        let dyad = Dyad::new("IRN", "USA");
        assert!(history.onset_within(&dyad, date("2007-03-01"), 30));
        assert!(!history.onset_within(&dyad, date("2007-03-09"), 30), "the origin day itself is not ahead");
        assert!(!history.quiet(&dyad, date("2007-06-01")));
        assert!(history.quiet(&dyad, date("2008-06-01")));
        assert!(history.quiet(&dyad, date("2007-03-08")));
    }
}

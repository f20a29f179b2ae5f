//! The development and test parts of a gold file.
//!
//! The shared suites are already halves of the published ones; each half is split once more, so
//! that work on the coder can look at the development part and a figure can be quoted on the test
//! part nobody looked at. The rule is fixed and needs nothing but the record's id:
//!
//! > the 64-bit FNV-1a hash of the id's UTF-8 bytes (offset basis `0xcbf29ce484222325`, prime
//! > `0x100000001b3`); an even hash is **dev**, an odd one **test**.
//!
//! FNV-1a is written out here rather than taken from a hashing crate because the split must never
//! move: a crate is free to change its default algorithm or seed between versions, and this
//! function is specified by its published constants and test vectors. Records that share an id (the
//! PETRARCH unit tests have two `AGENTS-18`) fall in the same part.

use super::metrics::{EvalReport, ScoredRecord};
use serde::Serialize;

/// A part of a gold file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Dev,
    Test,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Dev => "dev",
            Part::Test => "test",
        }
    }
}

/// Which records to report on: one part, or the whole file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartChoice {
    Dev,
    Test,
    #[default]
    All,
}

impl PartChoice {
    pub fn name(self) -> &'static str {
        match self {
            PartChoice::Dev => "dev",
            PartChoice::Test => "test",
            PartChoice::All => "all",
        }
    }

    pub fn holds(self, id: &str) -> bool {
        match self {
            PartChoice::Dev => part_of(id) == Part::Dev,
            PartChoice::Test => part_of(id) == Part::Test,
            PartChoice::All => true,
        }
    }

    /// Every choice, in the order reports list them.
    pub const EVERY: [PartChoice; 3] = [PartChoice::Dev, PartChoice::Test, PartChoice::All];
}

/// 64-bit FNV-1a.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.iter().fold(OFFSET_BASIS, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// The part a record with this id belongs to.
pub fn part_of(id: &str) -> Part {
    if fnv1a64(id.as_bytes()).is_multiple_of(2) {
        Part::Dev
    } else {
        Part::Test
    }
}

/// One file's scores on its development part, its test part and all its records.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartReports {
    pub dev: EvalReport,
    pub test: EvalReport,
    pub all: EvalReport,
}

impl PartReports {
    /// Tallies scored records three times, with the same rule (such as
    /// [`EvalReport::from_records`] or [`EvalReport::from_plover`]).
    pub fn tally(scored: Vec<ScoredRecord>, rule: fn(Vec<ScoredRecord>) -> EvalReport) -> PartReports {
        let (dev, test): (Vec<ScoredRecord>, Vec<ScoredRecord>) =
            scored.iter().cloned().partition(|r| part_of(&r.id) == Part::Dev);
        PartReports { dev: rule(dev), test: rule(test), all: rule(scored) }
    }

    pub fn get(&self, choice: PartChoice) -> &EvalReport {
        match choice {
            PartChoice::Dev => &self.dev,
            PartChoice::Test => &self.test,
            PartChoice::All => &self.all,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parts_follow_the_parity_of_the_hash() {
        // "a" hashes to an even number, "b" (0xaf63df4c8601f1a5) to an odd one.
        assert_eq!(part_of("a"), Part::Dev);
        assert_eq!(fnv1a64(b"b") % 2, 1);
        assert_eq!(part_of("b"), Part::Test);
        assert!(PartChoice::Dev.holds("a") && !PartChoice::Test.holds("a") && PartChoice::All.holds("a"));
    }

    #[test]
    fn many_ids_split_roughly_in_half() {
        let dev = (0..10_000).filter(|i| part_of(&format!("REC-{i}")) == Part::Dev).count();
        assert!((4_500..=5_500).contains(&dev), "{dev} of 10000 in dev");
    }

    #[test]
    fn reports_cover_each_part_and_the_whole() {
        let record = |id: &str| ScoredRecord { id: id.into(), ..ScoredRecord::default() };
        let reports = PartReports::tally(vec![record("a"), record("b"), record("a")], EvalReport::from_records);
        assert_eq!(reports.dev.totals.records, 2);
        assert_eq!(reports.test.totals.records, 1);
        assert_eq!(reports.get(PartChoice::All).totals.records, 3);
    }
}

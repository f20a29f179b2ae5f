//! Gold-standard data: the public suites of hand-coded sentences, and the arithmetic that scores a
//! coder against them.
//!
//! Three kinds of file are read:
//!
//! * PETRARCH validation XML ([`read_petrarch_xml`]): an `<Environment>` naming the dictionaries
//!   the suite was coded with, then `<Sentence>` records, each with its expected
//!   `<EventCoding sourcecode targetcode eventcode>` triples (or `noevents="True"`, or an
//!   `error="…"` saying the sentence must be rejected), the `<Text>` and a parse. PETRARCH's news
//!   samples use the same layout without codings, and UniversalPetrarch's validation files a
//!   looser variant of it with Universal Dependencies parses ([`universal_petrarch`]).
//! * PLOVER gold-standard JSON ([`read_plover_json`]): one PLOVER event per sentence, with the
//!   source and target actors as lists of `{actorText, code, sector}`.
//! * The parses inside PETRARCH records: Penn Treebank brackets ([`treebank`]) or CoNLL-U
//!   dependency trees ([`conllu`]); [`syntax`] turns either into the coder's tokens and clauses.
//!
//! # Strict and tolerant reading
//!
//! Each format has two readers. The tolerant one (`…_tolerant`) reads every record it can: a
//! record it cannot read is skipped, and one written oddly but unambiguously (a six-digit date) is
//! read leniently; both are listed as [`ReadProblem`]s with the file and line, and never cost the
//! records around them. Only a file that cannot be taken apart into records at all (malformed XML,
//! elements nested past [`MAX_XML_DEPTH`], JSON that is not an array) stops the reading, and then
//! the records before the break are kept and the break is one more problem. The strict reader is
//! the tolerant one followed by [`GoldFile::complete`]: every record, or an error naming the first
//! record that had to be skipped.
//!
//! # How a coder is scored
//!
//! PETRARCH compares, for each record, the *set* of (source, target, event code) triples it
//! produced with the set the record expects; a record is right only when the two sets are equal.
//! [`EvalReport::from_records`] counts exactly that (records right, and their share), and on top of
//! it the usual triple-level true positives, precision, recall and F1, overall and per record
//! category. Records expecting no events, or expecting the sentence to be rejected, are right when
//! nothing is coded.
//!
//! PLOVER gold records carry one event each, with country-level actors, so
//! [`EvalReport::from_plover`] asks a coarser question per record: did the coder produce the gold
//! PLOVER event type, between the same source countries and (when the gold names any) the same
//! target countries? See [`score_plover`] for the exact rule.
//!
//! The shared suites are split once more into a development and a test part by a fixed hash of
//! each record's id ([`split`]), so that a figure can be read on records nobody looked at.

pub mod conllu;
pub mod dates;
pub mod language;
pub mod metrics;
pub mod petrarch_record;
pub mod petrarch_xml;
pub mod plover_json;
pub mod reference_set;
pub mod split;
pub mod summary;
pub mod syntax;
pub mod treebank;
pub mod universal_petrarch;

pub use metrics::{
    plover_record_right, score_plover, EvalReport, Failure, PloverPrediction, Score, ScoredRecord, Scoring, Triple,
};
pub use petrarch_xml::{
    parse_petrarch_xml, parse_petrarch_xml_tolerant, read_petrarch_xml, read_petrarch_xml_tolerant, Expected,
    GoldEvent, PetrarchEnvironment, PetrarchRecord, MAX_XML_DEPTH,
};
pub use plover_json::{
    parse_plover_json, parse_plover_json_tolerant, read_plover_json, read_plover_json_tolerant, PloverActor,
    PloverRecord,
};
pub use split::{part_of, Part, PartChoice, PartReports};
pub use summary::FileEvaluation;
pub use treebank::{Tree, TreebankError};

use serde::Serialize;
use std::fmt;
use std::path::Path;

/// A gold file that cannot be read, or that does not say what its format requires. Every error
/// names the file, and every error about content names the line it was found on.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Invalid { file: String, line: usize, message: String },
}

impl GoldError {
    /// The file the error is about, as it was named to the reader.
    pub fn file(&self) -> &str {
        match self {
            GoldError::Io { file, .. } | GoldError::Invalid { file, .. } => file,
        }
    }

    /// The 1-based line the problem was found on; `None` when the file could not be read at all.
    pub fn line(&self) -> Option<usize> {
        match self {
            GoldError::Io { .. } => None,
            GoldError::Invalid { line, .. } => Some(*line),
        }
    }

    pub(crate) fn invalid(file: &str, line: usize, message: impl Into<String>) -> GoldError {
        GoldError::Invalid { file: file.to_string(), line, message: message.into() }
    }
}

/// What a tolerant reader did about a [`ReadProblem`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    /// The record (or, with no record named, the rest of the file) was left out.
    Skipped,
    /// The record was read, in a way its format does not spell out; the message says how.
    ReadLeniently,
}

/// A record a tolerant reader could not read as its format says, and what it did instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadProblem {
    pub file: String,
    /// The 1-based line the problem was found on.
    pub line: usize,
    /// The record's id, when it has one and it was read before the problem.
    pub record: Option<String>,
    pub message: String,
    pub handling: Handling,
}

impl ReadProblem {
    pub fn is_skip(&self) -> bool {
        self.handling == Handling::Skipped
    }

    /// The problem as a strict reader's error.
    pub fn to_error(&self) -> GoldError {
        let message = match &self.record {
            Some(id) => format!("record {id}: {}", self.message),
            None => self.message.clone(),
        };
        GoldError::Invalid { file: self.file.clone(), line: self.line, message }
    }
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let handling = match self.handling {
            Handling::Skipped => "skipped",
            Handling::ReadLeniently => "read leniently",
        };
        write!(f, "{} ({handling})", self.to_error())
    }
}

/// The records a tolerant reader took from a file, and the problems it met on the way, in file
/// order.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldFile<R> {
    pub records: Vec<R>,
    pub problems: Vec<ReadProblem>,
}

impl<R> GoldFile<R> {
    /// The problems that cost a record (or the rest of the file).
    pub fn skipped(&self) -> impl Iterator<Item = &ReadProblem> + '_ {
        self.problems.iter().filter(|p| p.is_skip())
    }

    /// The records read leniently.
    pub fn read_leniently(&self) -> impl Iterator<Item = &ReadProblem> + '_ {
        self.problems.iter().filter(|p| !p.is_skip())
    }

    /// Every record, when none had to be skipped (lenient readings are accepted); otherwise the
    /// first skip as an error.
    pub fn complete(self) -> Result<Vec<R>, GoldError> {
        match self.problems.iter().find(|p| p.is_skip()) {
            Some(problem) => Err(problem.to_error()),
            None => Ok(self.records),
        }
    }
}

/// Reads a whole file as UTF-8 text; a file that is not UTF-8 is an error naming the first bad line.
pub(crate) fn read_text(path: &Path) -> Result<(String, String), GoldError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| GoldError::Io { file: file.clone(), source })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok((file, text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let line = 1 + err.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count();
            Err(GoldError::invalid(&file, line, "the file is not UTF-8 text"))
        }
    }
}

/// Byte offset → 1-based line number, for one text.
pub(crate) struct LineIndex {
    /// Byte offset at which each line after the first starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        LineIndex { starts: memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1).collect() }
    }

    pub(crate) fn line(&self, offset: usize) -> usize {
        1 + self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_newlines_before_the_offset() {
        let index = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(2), 1);
        assert_eq!(index.line(3), 2);
        assert_eq!(index.line(6), 3);
        assert_eq!(index.line(7), 4);
        assert_eq!(index.line(100), 4);
    }

    #[test]
    fn complete_fails_on_the_first_skip_only() {
        let problem = |line, handling| ReadProblem {
            file: "f.xml".into(),
            line,
            record: Some("R".into()),
            message: "odd".into(),
            handling,
        };
        let lenient = GoldFile { records: vec![1, 2], problems: vec![problem(3, Handling::ReadLeniently)] };
        assert_eq!(lenient.complete().ok(), Some(vec![1, 2]));
        let skipped = GoldFile {
            records: vec![1],
            problems: vec![problem(3, Handling::ReadLeniently), problem(7, Handling::Skipped)],
        };
        assert_eq!(skipped.skipped().count(), 1);
        let err = skipped.complete().unwrap_err();
        assert_eq!(err.to_string(), "f.xml:7: record R: odd");
        assert_eq!(problem(7, Handling::Skipped).to_string(), "f.xml:7: record R: odd (skipped)");
    }
}

//! Gold-standard data: the public suites of hand-coded sentences, and the arithmetic that scores a
//! coder against them.
//!
//! Three kinds of file are read:
//!
//! * PETRARCH validation XML ([`read_petrarch_xml`]): an `<Environment>` naming the dictionaries
//!   the suite was coded with, then `<Sentence>` records, each with its expected
//!   `<EventCoding sourcecode targetcode eventcode>` triples (or `noevents="True"`, or an
//!   `error="…"` saying the sentence must be rejected), the `<Text>` and a Penn Treebank `<Parse>`.
//!   PETRARCH's news samples use the same layout without codings.
//! * PLOVER gold-standard JSON ([`read_plover_json`]): one PLOVER event per sentence, with the
//!   source and target actors as lists of `{actorText, code, sector}`.
//! * Penn Treebank brackets ([`treebank`]), the parses inside PETRARCH records.
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

pub mod metrics;
pub mod petrarch_xml;
pub mod plover_json;
pub mod reference_set;
pub mod treebank;

pub use metrics::{
    plover_record_right, score_plover, EvalReport, Failure, PloverPrediction, Score, ScoredRecord, Scoring, Triple,
};
pub use petrarch_xml::{
    parse_petrarch_xml, read_petrarch_xml, Expected, GoldEvent, PetrarchEnvironment, PetrarchRecord,
};
pub use plover_json::{parse_plover_json, read_plover_json, PloverActor, PloverRecord};
pub use treebank::{Tree, TreebankError};

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
}

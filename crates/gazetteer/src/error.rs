/// Why a gazetteer could not be loaded.
///
/// The error is `Clone` so that the shipped gazetteer, parsed once per process, can hand the same
/// failure to every caller.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read {file}: {reason}")]
    Read { file: String, reason: String },
    #[error("{file}:{line}: {problem}")]
    Row { file: String, line: usize, problem: String },
}

impl GazetteerError {
    pub(crate) fn row(file: &str, line: usize, problem: impl Into<String>) -> GazetteerError {
        GazetteerError::Row { file: file.to_string(), line, problem: problem.into() }
    }
}

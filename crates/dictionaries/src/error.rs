use std::path::PathBuf;

/// Every reader error names the file and, where there is one, the 1-based line.
#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}:{line}: invalid UTF-8 at byte offset {offset}", file.display())]
    InvalidUtf8 { file: PathBuf, line: u32, offset: usize },
    #[error("{}:{line}: {message}", file.display())]
    Syntax { file: PathBuf, line: u32, message: String },
    #[error("{}: {message}", file.display())]
    Set { file: PathBuf, message: String },
}

impl DictionaryError {
    pub fn syntax(file: impl Into<PathBuf>, line: u32, message: impl Into<String>) -> Self {
        DictionaryError::Syntax { file: file.into(), line, message: message.into() }
    }
}

pub type Result<T> = std::result::Result<T, DictionaryError>;

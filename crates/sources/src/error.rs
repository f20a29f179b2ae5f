//! [`SourceError`]: everything that can go wrong reading articles, each naming the file or URL
//! and, where there is one, the line.

/// Errors reading articles from files, standard input, feeds and feed URLs. Every message starts
/// with the input's name (a path, `<stdin>` or a URL) and, for one record of a larger input, its
/// line: `news.jsonl:4: …`.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{name}: no such file or folder")]
    NotFound { name: String },
    #[error("{name}: cannot read: {error}")]
    Io { name: String, error: std::io::Error },
    #[error("{name}:{line}: cannot read on from here: {error}")]
    IoAtLine { name: String, line: usize, error: std::io::Error },
    #[error("{name}: empty input")]
    Empty { name: String },
    /// Invalid UTF-8 in a document read whole (a plain-text article, a feed).
    #[error("{name}:{line}: invalid UTF-8 at byte offset {offset}; use --lossy to replace bad bytes")]
    InvalidUtf8 { name: String, line: usize, offset: u64 },
    /// Invalid UTF-8 in one line of JSON Lines: that line is skipped, the others are read.
    #[error(
        "{name}:{line}: invalid UTF-8 at byte offset {offset}; the line is skipped (use --lossy to replace bad bytes)"
    )]
    InvalidUtf8Line { name: String, line: usize, offset: u64 },
    #[error("{name}: no date: pass --date YYYY-MM-DD for plain text")]
    NoDate { name: String },
    /// One record (a JSON Lines article, a feed item) that cannot become an article.
    #[error("{name}:{line}: {message}")]
    Record { name: String, line: usize, message: String },
    #[error("{name}:{line}: the line is longer than {limit} bytes; skipped")]
    LineTooLong { name: String, line: usize, limit: usize },
    #[error("{name}: larger than {limit} bytes, the most one article or feed may be")]
    TooLarge { name: String, limit: u64 },
    #[error("{name}:{line}: malformed XML: {message}")]
    FeedXml { name: String, line: usize, message: String },
    #[error("{name}: not an RSS or Atom feed (the document starts with <{root}>)")]
    NotAFeed { name: String, root: String },
    #[error("{url}: not a URL that can be fetched: {reason}")]
    UnsupportedUrl { url: String, reason: String },
    #[error("{url}: refused: {reason}")]
    Refused { url: String, reason: String },
    #[error("{url}: redirect to {location} refused: {reason}")]
    RedirectRefused { url: String, location: String, reason: String },
    #[error("{url}: more than {limit} redirects")]
    TooManyRedirects { url: String, limit: usize },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: this tripwire was built without the `http` feature; feed URLs cannot be fetched")]
    NoHttp { url: String },
}

impl SourceError {
    /// Whether the error is about one record of an input whose other records are still read (a
    /// bad JSON Lines line, a feed item without a date), rather than about the input as a whole.
    pub fn is_record(&self) -> bool {
        matches!(
            self,
            SourceError::Record { .. } | SourceError::InvalidUtf8Line { .. } | SourceError::LineTooLong { .. }
        )
    }
}

//! Reading one input: [`open`] looks at the start of a file, standard input or fetched feed and
//! picks the reader — an RSS/Atom feed (read whole, capped), JSON Lines (streamed line by line),
//! or one plain-text article (read whole, capped) — and [`Articles`] chains the inputs of a
//! whole command line into one iterator.

use crate::feed::{looks_like_feed, parse_feed_items, MAX_FEED_BYTES, SNIFF_BYTES};
use crate::input::{expand, Input};
use crate::jsonl::JsonLines;
use crate::policy::FetchPolicy;
use crate::SourceError;
use chrono::NaiveDate;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Cursor, Read};
use tripwire_coder::Article;

/// Longest JSON Lines line, and largest plain-text article: far beyond any news story, small
/// enough that one bad input cannot exhaust memory.
pub const MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;

/// How to read inputs.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Date for articles that carry none (plain text; JSON Lines and feed items without one).
    pub date: Option<NaiveDate>,
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the line or document.
    pub lossy: bool,
    /// `Some(true)` reads every input as JSON Lines, `Some(false)` as plain text; `None` tells
    /// feeds, JSON Lines (first non-blank byte `{`) and plain text apart.
    pub json_lines: Option<bool>,
    /// What feed URLs may be fetched from.
    pub fetch: FetchPolicy,
}

/// A byte stream being read.
type Stream = Box<dyn BufRead + Send>;

/// The articles of one input, in order: each an article or why a record was skipped.
pub struct InputArticles {
    kind: Kind,
}

enum Kind {
    Lines(JsonLines<Stream>),
    Items(std::vec::IntoIter<Result<Article, SourceError>>),
}

impl Iterator for InputArticles {
    type Item = Result<Article, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.kind {
            Kind::Lines(lines) => lines.next(),
            Kind::Items(items) => items.next(),
        }
    }
}

/// Opens one input. `Err` when it cannot be read at all (missing, empty, not UTF-8, a refused
/// URL …); otherwise its articles, each record's problem an `Err` item naming its line.
pub fn open(input: &Input, options: &ReadOptions) -> Result<InputArticles, SourceError> {
    let name = input.name();
    let stream: Stream = match input {
        Input::File(path) => {
            let file = std::fs::File::open(path).map_err(|error| match error.kind() {
                std::io::ErrorKind::NotFound => SourceError::NotFound { name: name.clone() },
                _ => SourceError::Io { name: name.clone(), error },
            })?;
            Box::new(BufReader::with_capacity(SNIFF_BYTES, file))
        }
        Input::Stdin => Box::new(BufReader::with_capacity(SNIFF_BYTES, std::io::stdin())),
        Input::Url(url) => Box::new(Cursor::new(fetch_url(url, &options.fetch)?)),
    };
    read_stream(stream, &name, options)
}

/// Reads bytes already in memory (a fetched feed) as an input named `name`.
pub fn read_bytes(bytes: Vec<u8>, name: &str, options: &ReadOptions) -> Result<InputArticles, SourceError> {
    read_stream(Box::new(Cursor::new(bytes)), name, options)
}

#[cfg(feature = "http")]
fn fetch_url(url: &str, policy: &FetchPolicy) -> Result<Vec<u8>, SourceError> {
    crate::http::fetch(url, policy).map(|fetched| fetched.bytes)
}

#[cfg(not(feature = "http"))]
fn fetch_url(url: &str, _policy: &FetchPolicy) -> Result<Vec<u8>, SourceError> {
    Err(SourceError::NoHttp { url: url.to_string() })
}

fn read_stream(mut stream: Stream, name: &str, options: &ReadOptions) -> Result<InputArticles, SourceError> {
    let io = |error| SourceError::Io { name: name.to_string(), error };
    let head = read_head(&mut stream).map_err(io)?;
    let content = head.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head.bytes);
    let first = content.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first.is_none() && head.complete {
        return Err(SourceError::Empty { name: name.to_string() });
    }
    let feed = options.json_lines.is_none() && looks_like_feed(content);
    let json_lines = options.json_lines.unwrap_or(first == Some(b'{'));
    // The head goes back in front of the rest of the stream.
    let stream: Stream = Box::new(Cursor::new(head.bytes).chain(stream));
    if feed {
        return read_feed(stream, name, options);
    }
    if json_lines {
        let lines = JsonLines::new(stream, name, options.date, options.lossy, MAX_ARTICLE_BYTES);
        return Ok(InputArticles { kind: Kind::Lines(lines) });
    }
    let article = read_plain_text(stream, name, options)?;
    Ok(InputArticles { kind: Kind::Items(vec![Ok(article)].into_iter()) })
}

/// The first [`SNIFF_BYTES`] of a stream (fewer at its end).
struct Head {
    bytes: Vec<u8>,
    /// The stream ended within the head.
    complete: bool,
}

fn read_head(stream: &mut Stream) -> std::io::Result<Head> {
    let mut bytes = Vec::with_capacity(SNIFF_BYTES);
    let read = stream.by_ref().take(SNIFF_BYTES as u64).read_to_end(&mut bytes)?;
    Ok(Head { complete: read < SNIFF_BYTES, bytes })
}

/// Reads all of `stream`, refusing more than `limit` bytes.
fn read_capped(stream: Stream, name: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    stream
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| SourceError::Io { name: name.to_string(), error })?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge { name: name.to_string(), limit });
    }
    Ok(bytes)
}

/// Decodes a document read whole, naming the line and byte offset of the first bad byte.
fn decode(bytes: Vec<u8>, name: &str, lossy: bool) -> Result<String, SourceError> {
    String::from_utf8(bytes).or_else(|e| {
        if lossy {
            return Ok(String::from_utf8_lossy(e.as_bytes()).into_owned());
        }
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
        Err(SourceError::InvalidUtf8 { name: name.to_string(), line, offset: offset as u64 })
    })
}

/// A plain-text input is one article, id'd by its file name, dated by the caller.
fn read_plain_text(stream: Stream, name: &str, options: &ReadOptions) -> Result<Article, SourceError> {
    let bytes = read_capped(stream, name, MAX_ARTICLE_BYTES as u64)?;
    let text = decode(bytes, name, options.lossy)?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(SourceError::Empty { name: name.to_string() });
    }
    let date = options.date.ok_or_else(|| SourceError::NoDate { name: name.to_string() })?;
    let id = std::path::Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    Ok(Article { id, date: Some(date), text, ..Article::default() })
}

/// A feed is read whole (feeds are small; [`MAX_FEED_BYTES`] at most). Items without a date of
/// their own or the feed's take the caller's; items still without one, or without any text, are
/// `Err` items naming their line.
fn read_feed(stream: Stream, name: &str, options: &ReadOptions) -> Result<InputArticles, SourceError> {
    let bytes = read_capped(stream, name, MAX_FEED_BYTES)?;
    let bytes = if options.lossy { String::from_utf8_lossy(&bytes).into_owned().into_bytes() } else { bytes };
    let items = parse_feed_items(&bytes, name)?;
    let articles: Vec<Result<Article, SourceError>> = items
        .into_iter()
        .map(|item| {
            let mut article = item.article;
            let fail = |message: String| SourceError::Record { name: name.to_string(), line: item.line, message };
            article.date = article.date.or(options.date);
            if article.date.is_none() {
                return Err(fail(format!("item {}: no date it or its feed gives, and no --date", article.id)));
            }
            if article.text.trim().is_empty() {
                return Err(fail(format!("item {}: no title and no text", article.id)));
            }
            Ok(article)
        })
        .collect();
    Ok(InputArticles { kind: Kind::Items(articles.into_iter()) })
}

/// The articles of many inputs in order, folders expanded: what a command line names, as one
/// iterator. An input that cannot be read is one `Err` item; reading goes on with the next.
pub struct Articles {
    pending: VecDeque<Result<Input, SourceError>>,
    current: Option<InputArticles>,
    options: ReadOptions,
}

impl Articles {
    /// The articles of the inputs `names` stand for (see [`expand`]).
    pub fn new(names: &[String], options: ReadOptions) -> Articles {
        Articles::of_inputs(expand(names), options)
    }

    /// The articles of inputs already expanded.
    pub fn of_inputs(inputs: Vec<Result<Input, SourceError>>, options: ReadOptions) -> Articles {
        Articles { pending: inputs.into(), current: None, options }
    }
}

impl Iterator for Articles {
    type Item = Result<Article, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(article) = self.current.as_mut().and_then(Iterator::next) {
                return Some(article);
            }
            self.current = None;
            match self.pending.pop_front()? {
                Ok(input) => match open(&input, &self.options) {
                    Ok(articles) => self.current = Some(articles),
                    Err(e) => return Some(Err(e)),
                },
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

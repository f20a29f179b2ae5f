//! Reading articles from files: plain text (one article per file, dated by the caller) or JSON
//! Lines (`id`, `date`, `source`, `url`, `title`, `text` per line). Every error names the input
//! and, for JSON Lines, the line; invalid UTF-8 is reported with its byte offset unless the
//! caller asks for lossy decoding.

use crate::Article;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{name}: invalid UTF-8 at byte offset {offset} (line {line}); use --lossy to replace bad bytes")]
    InvalidUtf8 { name: String, offset: usize, line: usize },
    #[error("{name}: empty input")]
    Empty { name: String },
    #[error("{name}:{line}: {message}")]
    Line { name: String, line: usize, message: String },
    #[error("{name}: no date: pass --date YYYY-MM-DD for plain text")]
    NoDate { name: String },
}

/// How to read one input.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// Date for plain-text articles (JSON Lines articles carry their own).
    pub date: Option<NaiveDate>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    pub lossy: bool,
    /// Force JSON Lines (otherwise detected from the first non-blank byte being `{`).
    pub json_lines: Option<bool>,
}

#[derive(Deserialize)]
struct JsonArticle {
    id: Option<serde_json::Value>,
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    text: Option<String>,
}

/// Decodes `bytes` as UTF-8, naming the byte offset and line of the first bad byte.
pub fn decode<'a>(bytes: &'a [u8], name: &str, lossy: bool) -> Result<std::borrow::Cow<'a, str>, InputError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(std::borrow::Cow::Borrowed(text)),
        Err(_) if lossy => Ok(String::from_utf8_lossy(bytes)),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(InputError::InvalidUtf8 { name: name.to_string(), offset, line })
        }
    }
}

/// Parses a date as `YYYY-MM-DD`, `YYYYMMDD`, or an RFC 3339 timestamp (its date part).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y%m%d"))
        .ok()
        .or_else(|| t.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

/// Reads the articles in one input. For JSON Lines, a bad line is an error naming that line; the
/// caller decides whether to skip it (`Err` entries) or stop.
pub fn read_articles(
    bytes: &[u8],
    name: &str,
    options: ReadOptions,
) -> Result<Vec<Result<Article, InputError>>, InputError> {
    let text = decode(bytes, name, options.lossy)?;
    if text.trim().is_empty() {
        return Err(InputError::Empty { name: name.to_string() });
    }
    let json = options.json_lines.unwrap_or_else(|| text.trim_start().starts_with('{'));
    if !json {
        let date = options.date.ok_or_else(|| InputError::NoDate { name: name.to_string() })?;
        let id = std::path::Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.to_string());
        return Ok(vec![Ok(Article { id, date: Some(date), text: text.into_owned(), ..Article::default() })]);
    }
    let mut articles = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let fail = |message: String| InputError::Line { name: name.to_string(), line: number, message };
        let parsed: JsonArticle = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                articles.push(Err(fail(format!("not a JSON article: {e}"))));
                continue;
            }
        };
        let Some(body) = parsed.text.filter(|t| !t.trim().is_empty()) else {
            articles.push(Err(fail("missing or empty \"text\"".into())));
            continue;
        };
        let date = match parsed.date.as_deref() {
            Some(d) => match parse_date(d) {
                Some(date) => date,
                None => {
                    articles.push(Err(fail(format!("bad date {d:?} (want YYYY-MM-DD)"))));
                    continue;
                }
            },
            None => match options.date {
                Some(date) => date,
                None => {
                    articles.push(Err(fail("no \"date\" and no --date given".into())));
                    continue;
                }
            },
        };
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{name}:{number}"),
        };
        articles.push(Ok(Article {
            id,
            date: Some(date),
            source: parsed.source.unwrap_or_default(),
            url: parsed.url.unwrap_or_default(),
            title: parsed.title.unwrap_or_default(),
            text: body,
        }));
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_offset_and_line() {
        let err = read_articles(b"ok\nbad \xff here", "x.txt", ReadOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "x.txt: invalid UTF-8 at byte offset 7 (line 2); use --lossy to replace bad bytes");
    }

    #[test]
    fn lossy_reads_anyway() {
        let opts = ReadOptions { lossy: true, date: parse_date("2026-02-06"), ..ReadOptions::default() };
        let articles = read_articles(b"Iran \xff talks", "x.txt", opts).unwrap();
        assert_eq!(articles.len(), 1);
    }

    #[test]
    fn json_lines_errors_name_line_and_keep_good_ones() {
        let input = b"{\"id\":\"a\",\"date\":\"2026-02-06\",\"text\":\"Hi.\"}\n{\"id\":\"b\",\"date\":\"06/02/2026\",\"text\":\"x\"}\nnot json\n";
        let articles = read_articles(input, "in.jsonl", ReadOptions::default()).unwrap();
        assert!(articles[0].is_ok());
        assert!(articles[1].as_ref().unwrap_err().to_string().starts_with("in.jsonl:2: bad date"));
        assert!(articles[2].as_ref().unwrap_err().to_string().starts_with("in.jsonl:3: not a JSON article"));
    }

    #[test]
    fn empty_and_undated() {
        assert!(matches!(read_articles(b"  \n", "e", ReadOptions::default()), Err(InputError::Empty { .. })));
        assert!(matches!(read_articles(b"text", "t", ReadOptions::default()), Err(InputError::NoDate { .. })));
    }
}

//! JSON Lines articles (`id`, `date`, `source`, `url`, `title`, `text` per line), read one line at
//! a time: memory holds one line whatever the file's size, and a bad line (not JSON, no text, a
//! bad date, invalid UTF-8, longer than the cap) is an error naming its line while the lines
//! after it are still read.

use crate::lines::BoundedLines;
use crate::{parse_date, SourceError};
use chrono::NaiveDate;
use serde::Deserialize;
use std::io::BufRead;
use tripwire_coder::Article;

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

/// The articles of a JSON Lines stream, in order.
pub struct JsonLines<R> {
    lines: BoundedLines<R>,
    name: String,
    /// Date for articles without one of their own.
    date: Option<NaiveDate>,
    lossy: bool,
    /// Stopped by a read error (reported once).
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// Reads `reader` as JSON Lines; `name` names it in errors. Lines longer than `limit` bytes are
    /// skipped as errors.
    pub fn new(reader: R, name: &str, date: Option<NaiveDate>, lossy: bool, limit: usize) -> JsonLines<R> {
        JsonLines { lines: BoundedLines::new(reader, limit), name: name.to_string(), date, lossy, done: false }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Article, SourceError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = match self.lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => return None,
                Err(error) => {
                    self.done = true;
                    let line = self.lines.line_number() + 1;
                    return Some(Err(SourceError::IoAtLine { name: self.name.clone(), line, error }));
                }
            };
            let (number, offset) = (line.number, line.offset);
            let Some(mut bytes) = line.bytes else {
                return Some(Err(SourceError::LineTooLong {
                    name: self.name.clone(),
                    line: number,
                    limit: self.lines.limit(),
                }));
            };
            if number == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => std::borrow::Cow::Borrowed(text),
                Err(_) if self.lossy => String::from_utf8_lossy(bytes),
                Err(e) => {
                    let offset = offset + e.valid_up_to() as u64;
                    return Some(Err(SourceError::InvalidUtf8Line { name: self.name.clone(), line: number, offset }));
                }
            };
            return Some(parse_article(&text, &self.name, number, self.date));
        }
        None
    }
}

/// One JSON Lines record as an article: `text` must be non-empty, `date` a date (or absent, when
/// `default_date` stands in); a missing `id` becomes `name:line`.
pub fn parse_article(
    line_text: &str,
    name: &str,
    line: usize,
    default_date: Option<NaiveDate>,
) -> Result<Article, SourceError> {
    let fail = |message: String| SourceError::Record { name: name.to_string(), line, message };
    let parsed: JsonArticle = serde_json::from_str(line_text).map_err(|e| fail(format!("not a JSON article: {e}")))?;
    let Some(text) = parsed.text.filter(|t| !t.trim().is_empty()) else {
        return Err(fail("missing or empty \"text\"".into()));
    };
    let date = match parsed.date.as_deref() {
        Some(d) => parse_date(d).ok_or_else(|| fail(format!("bad date {d:?} (want YYYY-MM-DD)")))?,
        None => default_date.ok_or_else(|| fail("no \"date\" and no --date given".into()))?,
    };
    let id = match parsed.id {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => format!("{name}:{line}"),
    };
    Ok(Article {
        id,
        date: Some(date),
        source: parsed.source.unwrap_or_default(),
        url: parsed.url.unwrap_or_default(),
        title: parsed.title.unwrap_or_default(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], lossy: bool) -> Vec<Result<Article, String>> {
        JsonLines::new(input, "in.jsonl", None, lossy, 1 << 20).map(|a| a.map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn bad_lines_name_their_line_and_good_ones_are_kept() {
        let input = b"{\"id\":\"a\",\"date\":\"2026-02-06\",\"text\":\"Hi.\"}\n\n{\"id\":\"b\",\"date\":\"06/02/2026\",\"text\":\"x\"}\nnot json\n{\"id\":\"c\",\"date\":\"2026-02-06\",\"text\":\"  \"}\n{\"date\":\"2026-02-07\",\"text\":\"Yes.\"}";
        let got = read(input, false);
        assert_eq!(got.len(), 5);
        assert_eq!(got[0].as_ref().map(|a| a.id.as_str()), Ok("a"));
        assert!(got[1].as_ref().unwrap_err().starts_with("in.jsonl:3: bad date"), "{:?}", got[1]);
        assert!(got[2].as_ref().unwrap_err().starts_with("in.jsonl:4: not a JSON article"), "{:?}", got[2]);
        assert!(got[3].as_ref().unwrap_err().starts_with("in.jsonl:5: missing or empty"), "{:?}", got[3]);
        assert_eq!(got[4].as_ref().map(|a| a.id.as_str()), Ok("in.jsonl:6"), "no id: named by its line");
    }

    #[test]
    fn a_byte_order_mark_and_crlf_endings_are_accepted() {
        let got = read(b"\xEF\xBB\xBF{\"id\":1,\"date\":\"20260206\",\"text\":\"Hi.\"}\r\n", false);
        assert_eq!(got.len(), 1);
        let article = got[0].as_ref().expect("reads");
        assert_eq!(article.id, "1");
        assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2026-02-06"));
    }

    #[test]
    fn invalid_utf8_skips_only_its_line_unless_lossy() {
        let input = b"{\"id\":\"a\",\"date\":\"2026-02-06\",\"text\":\"ok\"}\n{\"id\":\"b\",\"date\":\"2026-02-06\",\"text\":\"bad \xff\"}\n{\"id\":\"c\",\"date\":\"2026-02-06\",\"text\":\"ok\"}\n";
        let got = read(input, false);
        assert!(got[0].is_ok() && got[2].is_ok());
        assert_eq!(
            got[1].as_ref().unwrap_err(),
            "in.jsonl:2: invalid UTF-8 at byte offset 85; the line is skipped (use --lossy to replace bad bytes)"
        );
        let lossy = read(input, true);
        assert_eq!(lossy[1].as_ref().map(|a| a.text.as_str()), Ok("bad \u{FFFD}"));
    }
}

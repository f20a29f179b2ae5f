//! News feeds: RSS 2.0 (and RSS 1.0) and Atom 1.0 documents turned into articles.
//!
//! [`parse_feed`] reads every item or entry into a [`tripwire_coder::Article`]: the id from
//! `guid`/`id` (or the link), the date from `pubDate` (RFC 2822) or `published`/`updated`
//! (RFC 3339), the outlet from the channel or feed title, and the text from the fullest body the
//! item carries (`content:encoded`, `content`, then `description`/`summary`) with its HTML tags
//! stripped and entities decoded. [`looks_like_feed`] tells a feed from other documents by its
//! first element, past any declaration, comment or doctype (inline DTD subset included).

mod html;
mod parse;

use crate::SourceError;
use chrono::{DateTime, NaiveDate};
use tripwire_coder::Article;

/// Largest feed read, from a file or a URL: feeds are small, and a runaway download should stop.
pub const MAX_FEED_BYTES: u64 = 32 * 1024 * 1024;

/// How much of the start of a document [`looks_like_feed`] looks at: room for a declaration, a
/// licence comment and an inline DTD before the root element.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Whether `bytes` look like an RSS or Atom document: the first element, after any XML
/// declaration, comments and doctype, is `<rss>`, `<feed>` or `<rdf:RDF>`. Reads at most
/// [`SNIFF_BYTES`], so callers can sniff inputs whatever their extension.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    let mut rest = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        let Some(open) = memchr::memchr(b'<', rest) else { return false };
        if rest[..open].iter().any(|b| !b.is_ascii_whitespace()) {
            return false;
        }
        rest = &rest[open + 1..];
        let skipped = match rest.first() {
            Some(b'?') => skip_past(rest, b"?>"),
            Some(b'!') if rest.starts_with(b"!--") => skip_past(rest, b"-->"),
            Some(b'!') => skip_declaration(rest),
            _ => {
                let name_end =
                    rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(rest.len());
                let name = &rest[..name_end];
                let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
                return local == b"rss" || local == b"feed" || local == b"RDF";
            }
        };
        match skipped {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
}

/// The length up to and including the first `end`.
fn skip_past(rest: &[u8], end: &[u8]) -> Option<usize> {
    rest.windows(end.len()).position(|w| w == end).map(|p| p + end.len())
}

/// The length of a `<!DOCTYPE …>` (or other `<!…>` declaration) from just after its `<`: the
/// closing `>` is the first outside quotes, comments and the `[…]` internal subset, whose own
/// `<!ENTITY …>` declarations hold `>`s of their own.
fn skip_declaration(rest: &[u8]) -> Option<usize> {
    let mut subset = 0usize;
    let mut i = 0;
    while i < rest.len() {
        match rest[i] {
            quote @ (b'"' | b'\'') => i += memchr::memchr(quote, &rest[i + 1..])? + 1,
            b'<' if rest[i..].starts_with(b"<!--") => i += skip_past(&rest[i..], b"-->")? - 1,
            b'[' => subset += 1,
            b']' => subset = subset.saturating_sub(1),
            b'>' if subset == 0 => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// One item of a feed as an article, with the line its element starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    pub line: usize,
    pub article: Article,
}

/// Reads an RSS 2.0, RSS 1.0 or Atom 1.0 document. `name` (a path or URL) names the feed in
/// errors. Items without a date take the feed's own date, if it has one; the caller rejects items
/// still without one.
pub fn parse_feed(bytes: &[u8], name: &str) -> Result<Vec<Article>, SourceError> {
    Ok(parse_feed_items(bytes, name)?.into_iter().map(|item| item.article).collect())
}

/// [`parse_feed`], keeping each item's line for reports.
pub fn parse_feed_items(bytes: &[u8], name: &str) -> Result<Vec<FeedItem>, SourceError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = parse::LineCounter::new(bytes).line_at(offset);
        SourceError::InvalidUtf8 { name: name.to_string(), line, offset: offset as u64 }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed = parse::parse(text, name)?;
    let feed_date = parsed.feed_dates.iter().find_map(|d| parse_feed_date(d));
    Ok(parsed
        .items
        .into_iter()
        .enumerate()
        .map(|(index, item)| FeedItem {
            line: item.line,
            article: to_article(item, index, name, &parsed.feed_title, feed_date),
        })
        .collect())
}

fn to_article(mut item: parse::Item, index: usize, name: &str, outlet: &str, feed_date: Option<NaiveDate>) -> Article {
    item.dates.sort_by_key(|(rank, _)| *rank);
    let date = item.dates.iter().find_map(|(_, d)| parse_feed_date(d)).or(feed_date);
    item.bodies.sort_by_key(|(rank, _)| *rank);
    let body = item.bodies.into_iter().map(|(_, b)| b).find(|b| !b.trim().is_empty());
    let id = [&item.id, &item.link]
        .into_iter()
        .find(|s| !s.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("{name}#{}", index + 1));
    Article {
        id,
        date,
        source: outlet.to_string(),
        url: item.link,
        // A headline-only feed still gives the coder a sentence.
        text: body.unwrap_or_else(|| item.title.clone()),
        title: item.title,
    }
}

/// Parses a feed date: RFC 2822 (RSS), RFC 3339 (Atom), or a bare `YYYY-MM-DD`. Feeds in the wild
/// also write RFC 2822 dates with a named zone such as `EST`, or no weekday; those parse too.
pub fn parse_feed_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(value) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(value) {
        return Some(d.date_naive());
    }
    if let Some(day) = value.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        return Some(day);
    }
    // "Mon, 02 Mar 2026 10:00:00 EST" and other zone names RFC 2822 parsers reject: the day is
    // all the coder needs, so read it without the zone.
    let without_weekday = value.split_once(',').map_or(value, |(_, rest)| rest).trim();
    let day_month_year: Vec<&str> = without_weekday.split_whitespace().take(3).collect();
    NaiveDate::parse_from_str(&day_month_year.join(" "), "%d %b %Y").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_feeds_write_them() {
        let day = |s: &str| parse_feed_date(s).map(|d| d.to_string());
        assert_eq!(day("Mon, 02 Mar 2026 10:00:00 +0000").as_deref(), Some("2026-03-02"));
        assert_eq!(day("Mon, 02 Mar 2026 10:00:00 GMT").as_deref(), Some("2026-03-02"));
        assert_eq!(day("Mon, 2 Mar 2026 10:00:00 EST").as_deref(), Some("2026-03-02"));
        assert_eq!(day("2026-03-02T23:30:00-05:00").as_deref(), Some("2026-03-02"));
        assert_eq!(day("2026-03-02").as_deref(), Some("2026-03-02"));
        assert_eq!(day("yesterday"), None);
        assert_eq!(day(""), None);
    }

    #[test]
    fn declarations_are_skipped_with_their_inline_subset_quotes_and_comments() {
        assert_eq!(skip_declaration(b"!DOCTYPE rss>"), Some(13));
        let inline = b"!DOCTYPE rss [ <!ENTITY a \"x > y\"> <!-- ] > --> <!ENTITY b 'q'> ]><rss>";
        assert_eq!(skip_declaration(inline), Some(inline.len() - 5));
        assert_eq!(skip_declaration(b"!DOCTYPE rss [ <!ENTITY a \"never closed"), None);
    }
}

//! News feeds: RSS 2.0 (and RSS 1.0) and Atom 1.0 documents turned into articles, and feeds
//! fetched over HTTP(S).
//!
//! [`parse_feed`] reads every item or entry into a [`tripwire_coder::Article`]: the id from
//! `guid`/`id` (or the link), the date from `pubDate` (RFC 2822) or `published`/`updated`
//! (RFC 3339), the outlet from the channel or feed title, and the text from the fullest body the
//! item carries (`content:encoded`, `content`, then `description`/`summary`) with its HTML tags
//! stripped and entities decoded. [`fetch`] downloads a feed with timeouts and a size cap (feature
//! `http`).

use chrono::{DateTime, NaiveDate};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use tripwire_coder::Article;

/// Largest response [`fetch`] accepts: feeds are small, and a runaway download should stop.
pub const MAX_FEED_BYTES: u64 = 32 * 1024 * 1024;

/// Errors reading or fetching a feed; each names the file or URL, and the line where it can.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    #[error("{name}:{line}: not valid UTF-8 (byte {byte}); re-encode the feed as UTF-8")]
    InvalidUtf8 { name: String, line: usize, byte: usize },
    #[error("{name}:{line}: malformed XML: {message}")]
    Xml { name: String, line: usize, message: String },
    #[error("{name}: not an RSS or Atom feed (the document starts with <{root}>)")]
    NotAFeed { name: String, root: String },
    #[error("{url}: only http and https URLs can be fetched")]
    UnsupportedUrl { url: String },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: the response is larger than {limit} bytes")]
    TooLarge { url: String, limit: u64 },
}

/// Whether `bytes` look like an RSS or Atom document: the first element, after any XML
/// declaration, comments and doctype, is `<rss>`, `<feed>` or `<rdf:RDF>`. Cheap: reads at most
/// the first few kilobytes, so ingest can sniff files whatever their extension.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = head;
    loop {
        let Some(open) = rest.iter().position(|&b| b == b'<') else { return false };
        if rest[..open].iter().any(|b| !b.is_ascii_whitespace()) {
            return false;
        }
        rest = &rest[open + 1..];
        let skip_to = |rest: &[u8], end: &[u8]| rest.windows(end.len()).position(|w| w == end).map(|p| p + end.len());
        let skipped = match rest.first() {
            Some(b'?') => skip_to(rest, b"?>"),
            Some(b'!') if rest.starts_with(b"!--") => skip_to(rest, b"-->"),
            Some(b'!') => skip_to(rest, b">"),
            _ => {
                let name_end =
                    rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/').unwrap_or(rest.len());
                let name = &rest[..name_end];
                let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
                return local == b"rss" || local == b"feed" || name == b"rdf:RDF" || local == b"RDF";
            }
        };
        match skipped {
            Some(n) => rest = &rest[n..],
            None => return false,
        }
    }
}

/// The fields of one item or entry as read, before they become an article.
#[derive(Default)]
struct Item {
    id: String,
    link: String,
    title: String,
    /// `pubDate`, `published`, `dc:date`, `updated`: the first that parses wins, in this order.
    dates: Vec<(u8, String)>,
    /// Bodies by preference: 0 for full content, 1 for description/summary.
    bodies: Vec<(u8, String)>,
}

/// Which field the text being read belongs to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Id,
    Link,
    Title,
    Date(u8),
    Body(u8),
    FeedTitle,
    FeedDate,
}

/// Reads an RSS 2.0, RSS 1.0 or Atom 1.0 document. `name` (a path or URL) names the feed in
/// errors. Items without a date take the feed's own date, if it has one; the caller rejects items
/// still without one.
pub fn parse_feed(bytes: &[u8], name: &str) -> Result<Vec<Article>, FeedError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let byte = e.valid_up_to();
        FeedError::InvalidUtf8 { name: name.to_string(), line: line_of(bytes, byte), byte }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let xml_error = |position: u64, message: String| FeedError::Xml {
        name: name.to_string(),
        line: line_of(text.as_bytes(), position as usize),
        message,
    };

    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;

    let mut stack: Vec<String> = Vec::new();
    let mut root: Option<String> = None;
    let mut items: Vec<Item> = Vec::new();
    let mut current: Option<Item> = None;
    // The field being read, the depth of its element, and whether it holds HTML as text.
    let mut field: Option<(Field, usize, bool)> = None;
    let mut buffer = String::new();
    let mut feed_title = String::new();
    let mut feed_dates: Vec<String> = Vec::new();

    loop {
        let event = reader.read_event().map_err(|e| xml_error(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(start) => {
                let tag = qname(&start);
                if root.is_none() {
                    let local = local_of(&tag);
                    if !matches!(local, "rss" | "feed" | "RDF") {
                        return Err(FeedError::NotAFeed { name: name.to_string(), root: tag });
                    }
                    root = Some(tag.clone());
                }
                if let Some((_, _, html)) = field {
                    // Markup inside a field: Atom's xhtml content. Block elements break lines.
                    if !html && is_block(local_of(&tag)) {
                        buffer.push('\n');
                    }
                } else {
                    let local = local_of(&tag);
                    if current.is_none() && (local == "item" || local == "entry") {
                        current = Some(Item::default());
                    } else if let Some(item) = current.as_mut() {
                        if local == "link" {
                            if let Some(href) = attribute(&start, "href") {
                                take_atom_link(item, &start, href);
                            }
                        }
                        if let Some(f) = item_field(&tag) {
                            let html = html_body(f, &start);
                            field = Some((f, stack.len() + 1, html));
                            buffer.clear();
                        }
                    } else if let Some(f) = feed_field(&tag, &stack) {
                        field = Some((f, stack.len() + 1, false));
                        buffer.clear();
                    }
                }
                stack.push(tag);
            }
            Event::Empty(start) => {
                let tag = qname(&start);
                if root.is_none() {
                    return Err(FeedError::NotAFeed { name: name.to_string(), root: tag });
                }
                if let Some((_, _, html)) = field {
                    if !html && (is_block(local_of(&tag)) || local_of(&tag) == "br") {
                        buffer.push('\n');
                    }
                } else if let Some(item) = current.as_mut() {
                    if local_of(&tag) == "link" {
                        if let Some(href) = attribute(&start, "href") {
                            take_atom_link(item, &start, href);
                        }
                    }
                }
            }
            Event::End(_) => {
                let depth = stack.len();
                let tag = stack.pop().unwrap_or_default();
                match field {
                    Some((f, d, html)) if d == depth => {
                        let value = if html { html_to_text(&buffer) } else { tidy(&buffer) };
                        buffer.clear();
                        field = None;
                        match (f, current.as_mut()) {
                            (Field::FeedTitle, _) => {
                                if feed_title.is_empty() {
                                    feed_title = value;
                                }
                            }
                            (Field::FeedDate, _) => feed_dates.push(value),
                            (f, Some(item)) => store_field(item, f, value),
                            (_, None) => {}
                        }
                    }
                    Some((_, _, false)) if is_block(local_of(&tag)) => buffer.push('\n'),
                    _ => {
                        if field.is_none() && matches!(local_of(&tag), "item" | "entry") {
                            if let Some(item) = current.take() {
                                items.push(item);
                            }
                        }
                    }
                }
            }
            Event::Text(t) if field.is_some() => {
                let raw = std::str::from_utf8(t.as_ref()).unwrap_or_default();
                buffer.push_str(&decode_entities(raw));
            }
            Event::CData(c) if field.is_some() => {
                buffer.push_str(&String::from_utf8_lossy(&c.into_inner()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(tag) = stack.last() {
        return Err(xml_error(text.len() as u64, format!("the document ends inside <{tag}>")));
    }
    let Some(_) = root else {
        return Err(FeedError::NotAFeed { name: name.to_string(), root: String::new() });
    };

    let feed_date = feed_dates.iter().find_map(|d| parse_date(d));
    Ok(items
        .into_iter()
        .enumerate()
        .map(|(index, item)| to_article(item, index, name, &feed_title, feed_date))
        .collect())
}

fn to_article(mut item: Item, index: usize, name: &str, outlet: &str, feed_date: Option<NaiveDate>) -> Article {
    item.dates.sort_by_key(|(rank, _)| *rank);
    let date = item.dates.iter().find_map(|(_, d)| parse_date(d)).or(feed_date);
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

fn store_field(item: &mut Item, field: Field, value: String) {
    match field {
        Field::Id => item.id = value,
        Field::Link => {
            if item.link.is_empty() {
                item.link = value;
            }
        }
        Field::Title => item.title = value,
        Field::Date(rank) => item.dates.push((rank, value)),
        Field::Body(rank) => item.bodies.push((rank, value)),
        Field::FeedTitle | Field::FeedDate => {}
    }
}

/// Atom links are attributes; the article is the `alternate` one (the default relation).
fn take_atom_link(item: &mut Item, start: &BytesStart, href: String) {
    let rel = attribute(start, "rel").unwrap_or_else(|| "alternate".to_string());
    if rel == "alternate" && item.link.is_empty() {
        item.link = href;
    }
}

fn item_field(tag: &str) -> Option<Field> {
    Some(match tag {
        "guid" | "id" => Field::Id,
        "link" => Field::Link,
        "title" => Field::Title,
        "pubDate" => Field::Date(0),
        "published" => Field::Date(1),
        "dc:date" => Field::Date(2),
        "updated" => Field::Date(3),
        "content:encoded" | "content" => Field::Body(0),
        "description" | "summary" => Field::Body(1),
        _ => return None,
    })
}

/// The channel's or feed's own title and date, outside any item.
fn feed_field(tag: &str, stack: &[String]) -> Option<Field> {
    let parent = stack.last().map(|p| local_of(p))?;
    if !matches!(parent, "channel" | "feed") {
        return None;
    }
    match tag {
        "title" => Some(Field::FeedTitle),
        "pubDate" | "lastBuildDate" | "updated" | "dc:date" => Some(Field::FeedDate),
        _ => None,
    }
}

/// Whether a body's text is HTML to strip: RSS bodies always may be; Atom says so with
/// `type="html"`, while `type="xhtml"` carries real markup and `text` none.
fn html_body(field: Field, start: &BytesStart) -> bool {
    match field {
        Field::Body(_) | Field::Title => match attribute(start, "type").as_deref() {
            Some("xhtml") | Some("text") => false,
            _ => matches!(field, Field::Body(_)),
        },
        _ => false,
    }
}

fn qname(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.name().as_ref()).into_owned()
}

fn local_of(tag: &str) -> &str {
    tag.rsplit(':').next().unwrap_or(tag)
}

fn attribute(start: &BytesStart, wanted: &str) -> Option<String> {
    start.attributes().flatten().find(|a| a.key.as_ref() == wanted.as_bytes()).map(|a| {
        let raw = String::from_utf8_lossy(&a.value).into_owned();
        decode_entities(&raw).into_owned()
    })
}

/// 1-based line of byte `offset`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count()
}

/// Parses a feed date: RFC 2822 (RSS), RFC 3339 (Atom), or a bare `YYYY-MM-DD`. Feeds in the wild
/// also write RFC 2822 dates with a named zone such as `EST`, or no weekday; those parse too.
fn parse_date(value: &str) -> Option<NaiveDate> {
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

/// Collapses runs of spaces within lines and blank runs of lines, keeping paragraph breaks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank_lines = 0;
    }
    out
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag.to_ascii_lowercase().as_str(),
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "figcaption"
            | "pre"
    )
}

/// Strips HTML tags from a body (dropping scripts, styles and comments), breaks lines at block
/// elements, and decodes entities.
fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if let Some(comment_end) = rest.strip_prefix("<!--").and_then(|r| r.find("-->").map(|e| e + 7)) {
            rest = &rest[comment_end..];
            continue;
        }
        let Some(close) = rest.find('>') else {
            // A lone '<' ("a < b") is text.
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() && !tag.starts_with('/') && !tag.starts_with('!') {
            out.push('<');
            rest = &rest[1..];
            continue;
        }
        rest = &rest[close + 1..];
        if (name == "script" || name == "style") && !tag.starts_with('/') {
            let end = format!("</{name}");
            match rest.to_ascii_lowercase().find(&end) {
                Some(e) => rest = &rest[e..],
                None => rest = "",
            }
            continue;
        }
        if is_block(&name) {
            out.push('\n');
        } else {
            out.push(' ');
        }
    }
    out.push_str(rest);
    tidy(&decode_entities(&out)).lines().map(tidy_inline).collect::<Vec<_>>().join("\n")
}

/// Removes the space a stripped inline tag leaves before punctuation ("<b>Kyiv</b>, Monday").
fn tidy_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        if matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(c);
    }
    out
}

/// Decodes XML and HTML entities: numeric ones, the XML five and the HTML names news feeds use.
/// Unknown entities are kept as written.
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.get(1..rest.len().min(12)).and_then(|window| {
            let end = window.find(';')?;
            let entity = &window[..end];
            let c = if let Some(num) = entity.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)?.to_string()
            } else {
                named_entity(entity)?.to_string()
            };
            Some((c, end + 2))
        });
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "euro" => "€",
        "pound" => "£",
        "copy" => "©",
        "deg" => "°",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "uacute" => "ú",
        "iacute" => "í",
        "ntilde" => "ñ",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "ccedil" => "ç",
        _ => return None,
    })
}

/// Downloads a feed over HTTP(S), with connect and read timeouts and a [`MAX_FEED_BYTES`] cap.
#[cfg(feature = "http")]
pub fn fetch(url: &str) -> Result<Vec<u8>, FeedError> {
    fetch_limited(url, MAX_FEED_BYTES)
}

/// [`fetch`] with a size cap of `limit` bytes.
#[cfg(feature = "http")]
pub fn fetch_limited(url: &str, limit: u64) -> Result<Vec<u8>, FeedError> {
    use std::io::Read;
    use std::time::Duration;

    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(FeedError::UnsupportedUrl { url: url.to_string() });
    }
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(10))
        .timeout_read(Duration::from_secs(30))
        .timeout(Duration::from_secs(120))
        .user_agent(concat!("tripwire/", env!("CARGO_PKG_VERSION")))
        .build();
    let response = match agent
        .get(url)
        .set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
        .call()
    {
        Ok(response) => response,
        Err(ureq::Error::Status(status, _)) => return Err(FeedError::Status { url: url.to_string(), status }),
        Err(ureq::Error::Transport(e)) => return Err(FeedError::Http { url: url.to_string(), message: e.to_string() }),
    };
    if let Some(length) = response.header("Content-Length").and_then(|l| l.trim().parse::<u64>().ok()) {
        if length > limit {
            return Err(FeedError::TooLarge { url: url.to_string(), limit });
        }
    }
    let mut body = Vec::new();
    response
        .into_reader()
        .take(limit + 1)
        .read_to_end(&mut body)
        .map_err(|e| FeedError::Http { url: url.to_string(), message: format!("reading the response: {e}") })?;
    if body.len() as u64 > limit {
        return Err(FeedError::TooLarge { url: url.to_string(), limit });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_feeds_write_them() {
        let day = |s: &str| parse_date(s).map(|d| d.to_string());
        assert_eq!(day("Mon, 02 Mar 2026 10:00:00 +0000").as_deref(), Some("2026-03-02"));
        assert_eq!(day("Mon, 02 Mar 2026 10:00:00 GMT").as_deref(), Some("2026-03-02"));
        assert_eq!(day("Mon, 2 Mar 2026 10:00:00 EST").as_deref(), Some("2026-03-02"));
        assert_eq!(day("2026-03-02T23:30:00-05:00").as_deref(), Some("2026-03-02"));
        assert_eq!(day("2026-03-02").as_deref(), Some("2026-03-02"));
        assert_eq!(day("yesterday"), None);
        assert_eq!(day(""), None);
    }

    #[test]
    fn html_bodies_lose_tags_scripts_and_entities() {
        let text = html_to_text(
            "<p>Troops entered <b>Jenin</b>, officials said.</p><script>var x = '<p>';</script>\
             <p>Talks &amp; more talks&nbsp;&#8212; in &quot;Muscat&quot;.<br/>End</p><!-- c -->",
        );
        assert_eq!(text, "Troops entered Jenin, officials said.\n\nTalks & more talks — in \"Muscat\".\nEnd");
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
    }

    #[test]
    fn unknown_entities_stay_as_written() {
        assert_eq!(decode_entities("AT&T &bogus; &#x41;"), "AT&T &bogus; A");
    }
}

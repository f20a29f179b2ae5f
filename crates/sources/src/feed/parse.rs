//! The RSS/Atom reader proper: a [`FeedParser`] takes quick-xml's events one by one, keeps the
//! fields of the item being read, and gives back raw [`Item`]s with the line each started on.

use super::html::{decode_entities, html_to_text, is_block, tidy};
use crate::SourceError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The fields of one item or entry as read, before it becomes an article.
#[derive(Default)]
pub(super) struct Item {
    /// Line of the item's opening tag.
    pub line: usize,
    pub id: String,
    pub link: String,
    pub title: String,
    /// `pubDate`, `published`, `dc:date`, `updated`: the first that parses wins, in this order.
    pub dates: Vec<(u8, String)>,
    /// Bodies by preference: 0 for full content, 1 for description/summary.
    pub bodies: Vec<(u8, String)>,
}

/// What a whole document gave.
pub(super) struct Parsed {
    pub items: Vec<Item>,
    pub feed_title: String,
    pub feed_dates: Vec<String>,
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

/// The field being read: which, the depth of its element, and whether it holds HTML as text.
#[derive(Clone, Copy)]
struct Open {
    field: Field,
    depth: usize,
    html: bool,
}

#[derive(Default)]
struct FeedParser {
    stack: Vec<String>,
    root: Option<String>,
    current: Option<Item>,
    open: Option<Open>,
    buffer: String,
    parsed_items: Vec<Item>,
    feed_title: String,
    feed_dates: Vec<String>,
}

/// Reads the document `text` (UTF-8, byte-order mark removed); `name` names it in errors. A DTD
/// in the document, inline subset and all, is skipped: its entities are never expanded.
pub(super) fn parse(text: &str, name: &str) -> Result<Parsed, SourceError> {
    let mut lines = LineCounter::new(text.as_bytes());
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = true;
    let mut parser = FeedParser::default();
    loop {
        let event = reader.read_event().map_err(|e| SourceError::FeedXml {
            name: name.to_string(),
            line: lines.line_at(reader.error_position() as usize),
            message: e.to_string(),
        })?;
        let not_a_feed = |root: String| SourceError::NotAFeed { name: name.to_string(), root };
        match event {
            Event::Start(start) => {
                let line = lines.line_at(reader.buffer_position() as usize);
                parser.start(&start, line).map_err(not_a_feed)?;
            }
            Event::Empty(start) => parser.empty(&start).map_err(not_a_feed)?,
            Event::End(_) => parser.end(),
            Event::Text(t) if parser.open.is_some() => {
                let raw = std::str::from_utf8(t.as_ref()).unwrap_or_default();
                parser.buffer.push_str(&decode_entities(raw));
            }
            Event::CData(c) if parser.open.is_some() => {
                parser.buffer.push_str(&String::from_utf8_lossy(&c.into_inner()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(tag) = parser.stack.last() {
        return Err(SourceError::FeedXml {
            name: name.to_string(),
            line: lines.line_at(text.len()),
            message: format!("the document ends inside <{tag}>"),
        });
    }
    if parser.root.is_none() {
        return Err(SourceError::NotAFeed { name: name.to_string(), root: String::new() });
    }
    Ok(Parsed { items: parser.parsed_items, feed_title: parser.feed_title, feed_dates: parser.feed_dates })
}

impl FeedParser {
    /// An opening tag; `Err` with the tag when the document's root is not a feed's.
    fn start(&mut self, start: &BytesStart, line: usize) -> Result<(), String> {
        let tag = qname(start);
        self.check_root(&tag)?;
        let local = local_of(&tag);
        if let Some(open) = self.open {
            // Markup inside a field: Atom's xhtml content. Block elements break lines.
            if !open.html && is_block(local) {
                self.buffer.push('\n');
            }
        } else if self.current.is_none() && (local == "item" || local == "entry") {
            self.current = Some(Item { line, ..Item::default() });
        } else if let Some(item) = self.current.as_mut() {
            if local == "link" {
                if let Some(href) = attribute(start, "href") {
                    take_atom_link(item, start, href);
                }
            }
            if let Some(field) = item_field(&tag) {
                self.open = Some(Open { field, depth: self.stack.len() + 1, html: html_body(field, start) });
                self.buffer.clear();
            }
        } else if let Some(field) = feed_field(&tag, &self.stack) {
            self.open = Some(Open { field, depth: self.stack.len() + 1, html: false });
            self.buffer.clear();
        }
        self.stack.push(tag);
        Ok(())
    }

    fn check_root(&mut self, tag: &str) -> Result<(), String> {
        if self.root.is_none() {
            if !matches!(local_of(tag), "rss" | "feed" | "RDF") {
                return Err(tag.to_string());
            }
            self.root = Some(tag.to_string());
        }
        Ok(())
    }

    /// A self-closing tag: a line break inside a field, or an Atom link.
    fn empty(&mut self, start: &BytesStart) -> Result<(), String> {
        let tag = qname(start);
        if self.root.is_none() {
            return Err(tag);
        }
        let local = local_of(&tag);
        if let Some(open) = self.open {
            if !open.html && (is_block(local) || local == "br") {
                self.buffer.push('\n');
            }
        } else if let Some(item) = self.current.as_mut() {
            if local == "link" {
                if let Some(href) = attribute(start, "href") {
                    take_atom_link(item, start, href);
                }
            }
        }
        Ok(())
    }

    fn end(&mut self) {
        let depth = self.stack.len();
        let tag = self.stack.pop().unwrap_or_default();
        match self.open {
            Some(open) if open.depth == depth => {
                let value = if open.html { html_to_text(&self.buffer) } else { tidy(&self.buffer) };
                self.buffer.clear();
                self.open = None;
                match (open.field, self.current.as_mut()) {
                    (Field::FeedTitle, _) => {
                        if self.feed_title.is_empty() {
                            self.feed_title = value;
                        }
                    }
                    (Field::FeedDate, _) => self.feed_dates.push(value),
                    (field, Some(item)) => store_field(item, field, value),
                    (_, None) => {}
                }
            }
            Some(open) => {
                if !open.html && is_block(local_of(&tag)) {
                    self.buffer.push('\n');
                }
            }
            None => {
                if matches!(local_of(&tag), "item" | "entry") {
                    if let Some(item) = self.current.take() {
                        self.parsed_items.push(item);
                    }
                }
            }
        }
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

/// 1-based line numbers of byte offsets, counted forward from the last one asked (the parser
/// asks in document order, so a whole feed is scanned once).
pub(super) struct LineCounter<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> LineCounter<'a> {
        LineCounter { bytes, offset: 0, line: 1 }
    }

    pub(super) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.offset..offset]).count();
        self.offset = offset;
        self.line
    }
}

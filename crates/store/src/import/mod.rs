//! Import of published event datasets: turns GDELT, ICEWS, Phoenix/POLECAT and tripwire's own
//! JSON Lines files into [`EventRecord`]s, streaming, one row at a time.
//!
//! [`import_path`] opens a file (plain, `.zip` or `.gz`), recognises its layout from the first
//! line unless a [`Format`] is given (from a later line when the first is a malformed row), and
//! hands every accepted record to a sink. A malformed row never stops the import: it is counted
//! in the [`ImportReport`] with its line number and skipped, so the rows before and after it are
//! kept. A file that cannot be read to its end (a truncated `.gz`) stops where reading failed,
//! with every row before it delivered and the place recorded in [`ImportReport::stopped`]. Only
//! a file that cannot be opened or recognised, and a sink's own failure, are errors.

pub mod fips;
pub mod gdelt;
pub mod icews;
pub mod names;
pub mod phoenix;
mod pipelined;

pub use pipelined::import_reader_pipelined;

use crate::EventRecord;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How many rejected rows a report lists one by one; the rest are only counted.
pub const LISTED_REJECTIONS: usize = 20;

/// A line longer than this is not a row of any supported layout; it is rejected without being
/// held in memory whole (a file with no newlines at all must not exhaust memory).
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// The layouts the importer reads. See `docs/import.md` for each one's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// GDELT 1.0 event export: 57 columns, 58 with SOURCEURL (daily files from April 2013).
    Gdelt1,
    /// GDELT 2.0 event export: 61 columns.
    Gdelt2,
    /// ICEWS coded event data as published on Dataverse (20 named columns).
    Icews,
    /// ICEWS events as `date source event target`, actors and events named in words.
    IcewsNames,
    /// Phoenix: the OEDA daily TSV (26 columns) or the Cline Center historical files (by header).
    Phoenix,
    /// POLECAT event files (PLOVER event types, by header).
    Polecat,
    /// tripwire's own JSON Lines, one `EventRecord` per line (what `export --format jsonl` writes).
    Jsonl,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Gdelt1,
        Format::Gdelt2,
        Format::Icews,
        Format::IcewsNames,
        Format::Phoenix,
        Format::Polecat,
        Format::Jsonl,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Gdelt1 => "gdelt1",
            Format::Gdelt2 => "gdelt2",
            Format::Icews => "icews",
            Format::IcewsNames => "icews-names",
            Format::Phoenix => "phoenix",
            Format::Polecat => "polecat",
            Format::Jsonl => "jsonl",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A row that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line number in the (decompressed) file.
    pub line: u64,
    pub message: String,
}

/// What an import did: rows read, kept and rejected, and how well names were resolved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub file: String,
    pub format: Option<Format>,
    /// Data rows read (header and blank lines excluded).
    pub rows: u64,
    pub accepted: u64,
    pub rejected: u64,
    /// The first [`LISTED_REJECTIONS`] rejected rows.
    pub rejections: Vec<RowError>,
    /// Where reading failed before the end of the file (the line it was reading, and why);
    /// every row before it was read and handed on.
    pub stopped: Option<RowError>,
    /// Actor mentions seen (source and target of each row that names them).
    pub actor_mentions: u64,
    /// Mentions given a CAMEO actor code.
    pub actors_coded: u64,
    /// Mentions given a country.
    pub actors_with_country: u64,
    /// Mentions written "Sector (Place)": they name a place, which should resolve to a country.
    pub sector_mentions: u64,
    pub sector_mentions_with_country: u64,
    /// Event names (ICEWS names layout) or event types (POLECAT) seen and resolved to a code.
    pub event_names: u64,
    pub event_names_resolved: u64,
}

impl ImportReport {
    fn new(file: &str) -> ImportReport {
        ImportReport { file: file.to_string(), ..ImportReport::default() }
    }

    fn reject(&mut self, line: u64, message: String) {
        self.rejected += 1;
        if self.rejections.len() < LISTED_REJECTIONS {
            self.rejections.push(RowError { line, message });
        }
    }

    /// Adds another file's counts (the listed rejections keep their own file's line numbers and
    /// are prefixed with its name).
    pub fn absorb(&mut self, other: &ImportReport) {
        self.rows += other.rows;
        self.accepted += other.accepted;
        if let (None, Some(stop)) = (&self.stopped, &other.stopped) {
            self.stopped = Some(RowError { line: stop.line, message: format!("{}: {}", other.file, stop.message) });
        }
        self.rejected += other.rejected;
        for rejection in &other.rejections {
            if self.rejections.len() < LISTED_REJECTIONS {
                self.rejections
                    .push(RowError { line: rejection.line, message: format!("{}: {}", other.file, rejection.message) });
            }
        }
        self.actor_mentions += other.actor_mentions;
        self.actors_coded += other.actors_coded;
        self.actors_with_country += other.actors_with_country;
        self.sector_mentions += other.sector_mentions;
        self.sector_mentions_with_country += other.sector_mentions_with_country;
        self.event_names += other.event_names;
        self.event_names_resolved += other.event_names_resolved;
    }

    pub fn share_actors_with_country(&self) -> Option<f64> {
        share(self.actors_with_country, self.actor_mentions)
    }

    pub fn share_actors_coded(&self) -> Option<f64> {
        share(self.actors_coded, self.actor_mentions)
    }

    pub fn share_sector_places_resolved(&self) -> Option<f64> {
        share(self.sector_mentions_with_country, self.sector_mentions)
    }

    pub fn share_event_names_resolved(&self) -> Option<f64> {
        share(self.event_names_resolved, self.event_names)
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Errors that end an import. Bad rows are not errors: they are counted in the report. Each
/// carries its cause in its message, not as a chained `source` (see `db.rs`).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {cause}")]
    Io { file: String, cause: std::io::Error },
    #[error("{file}: not a readable zip archive: {cause}")]
    Zip { file: String, cause: zip::result::ZipError },
    #[error("{file}: the zip archive holds no file")]
    EmptyZip { file: String },
    #[error("{file}:{line}: cannot tell the layout from this line; name it with --format (gdelt1, gdelt2, icews, icews-names, phoenix, polecat, jsonl)")]
    UnknownFormat { file: String, line: u64 },
    #[error("{file}:{line}: the header lacks the column '{column}' that the {format} layout needs")]
    MissingColumn { file: String, line: u64, format: Format, column: String },
    #[error("cannot load the shipped actor dictionaries for name resolution: {0}")]
    Dictionaries(String),
    #[error("{file}:{line}: storing the row failed: {cause}")]
    Sink { file: String, line: u64, cause: SinkError },
}

/// What a sink may fail with (a database error, a closed pipe).
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// Turns one row's fields into a record, or says why the row is malformed.
pub(crate) trait RowParser {
    fn parse(&mut self, line: &str, line_number: u64, report: &mut ImportReport) -> Result<EventRecord, String>;
}

/// Imports one file: `.zip` (its first entry), `.gz` or plain. `format: None` detects the layout
/// from the first line.
pub fn import_path(
    path: &Path,
    format: Option<Format>,
    sink: &mut dyn FnMut(EventRecord) -> Result<(), SinkError>,
) -> Result<ImportReport, ImportError> {
    let file_name = path.display().to_string();
    let file = File::open(path).map_err(|cause| ImportError::Io { file: file_name.clone(), cause })?;
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match extension.as_str() {
        "zip" => {
            let mut archive =
                zip::ZipArchive::new(file).map_err(|cause| ImportError::Zip { file: file_name.clone(), cause })?;
            if archive.is_empty() {
                return Err(ImportError::EmptyZip { file: file_name });
            }
            let entry = archive.by_index(0).map_err(|cause| ImportError::Zip { file: file_name.clone(), cause })?;
            let inner = format!("{file_name}!{}", entry.name());
            import_reader_pipelined(BufReader::with_capacity(1 << 16, entry), &inner, format, sink)
        }
        "gz" => {
            let decoder = flate2::read::MultiGzDecoder::new(BufReader::new(file));
            import_reader_pipelined(BufReader::with_capacity(1 << 16, decoder), &file_name, format, sink)
        }
        _ => import_reader_pipelined(BufReader::with_capacity(1 << 16, file), &file_name, format, sink),
    }
}

/// Lines held, at most, while the layout is still unknown: a malformed first row does not
/// decide it; the first line that names a layout does, and the lines before it are then read
/// (and reported) as rows of that layout.
pub const DETECTION_LINES: usize = 100;

/// Imports from any buffered reader; `file` names it in the report and in errors. A read that
/// fails part way ends the import with [`ImportReport::stopped`] set, not with an error: the
/// rows before it have been handed to the sink and are the caller's to keep.
pub fn import_reader(
    reader: impl BufRead,
    file: &str,
    format: Option<Format>,
    sink: &mut dyn FnMut(EventRecord) -> Result<(), SinkError>,
) -> Result<ImportReport, ImportError> {
    import_numbered(reader, file, format, &mut |_, record| sink(record))
}

/// [`import_reader`] with each record's line number handed to the sink beside it.
fn import_numbered(
    mut reader: impl BufRead,
    file: &str,
    format: Option<Format>,
    sink: &mut dyn FnMut(u64, EventRecord) -> Result<(), SinkError>,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport::new(file);
    let mut rows = Rows { format, file, parser: None, held: Vec::new(), sink };
    let mut buffer = Vec::with_capacity(1024);
    let mut line_number = 0u64;
    loop {
        buffer.clear();
        let end = match read_line_capped(&mut reader, &mut buffer) {
            Ok(end) => end,
            Err(error) => {
                report.stopped = Some(RowError { line: line_number + 1, message: error.to_string() });
                break;
            }
        };
        if buffer.is_empty() && end == LineEnd::Eof {
            break;
        }
        line_number += 1;
        if end == LineEnd::TooLong {
            report.rows += 1;
            report.reject(line_number, format!("line longer than {MAX_LINE_BYTES} bytes"));
            continue;
        }
        while matches!(buffer.last(), Some(b'\n' | b'\r')) {
            buffer.pop();
        }
        if buffer.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match std::str::from_utf8(&buffer) {
            Ok(text) => rows.line(text.strip_prefix('\u{feff}').unwrap_or(text), line_number, &mut report)?,
            Err(error) => {
                report.rows += 1;
                report.reject(line_number, format!("invalid UTF-8 at byte {}", error.valid_up_to()));
            }
        }
    }
    match rows.held.first() {
        Some(&(line, _)) => Err(ImportError::UnknownFormat { file: file.to_string(), line }),
        None => Ok(report),
    }
}

/// The rows of one file on their way to the sink, and the layout once it is known.
struct Rows<'a> {
    format: Option<Format>,
    file: &'a str,
    parser: Option<Box<dyn RowParser>>,
    /// Lines met before any line named the layout: (line number, text).
    held: Vec<(u64, String)>,
    sink: &'a mut dyn FnMut(u64, EventRecord) -> Result<(), SinkError>,
}

impl Rows<'_> {
    fn line(&mut self, text: &str, line: u64, report: &mut ImportReport) -> Result<(), ImportError> {
        if self.parser.is_none() {
            let detected = match self.format {
                Some(format) => Some((format, looks_like_header(format, text))),
                None => detect(text),
            };
            let Some((format, is_header)) = detected else {
                if self.held.len() >= DETECTION_LINES {
                    let first = self.held.first().map_or(line, |&(first, _)| first);
                    return Err(ImportError::UnknownFormat { file: self.file.to_string(), line: first });
                }
                self.held.push((line, text.to_string()));
                return Ok(());
            };
            report.format = Some(format);
            self.parser = Some(make_parser(format, is_header.then_some(text), self.file, line)?);
            for (held_line, held_text) in std::mem::take(&mut self.held) {
                self.row(&held_text, held_line, report)?;
            }
            if is_header {
                return Ok(());
            }
        }
        self.row(text, line, report)
    }

    fn row(&mut self, text: &str, line: u64, report: &mut ImportReport) -> Result<(), ImportError> {
        let Some(parser) = self.parser.as_mut() else { return Ok(()) };
        report.rows += 1;
        match parser.parse(text, line, report) {
            Ok(record) => {
                (self.sink)(line, record).map_err(|cause| ImportError::Sink {
                    file: self.file.to_string(),
                    line,
                    cause,
                })?;
                report.accepted += 1;
            }
            Err(message) => report.reject(line, message),
        }
        Ok(())
    }
}

fn make_parser(format: Format, header: Option<&str>, file: &str, line: u64) -> Result<Box<dyn RowParser>, ImportError> {
    let missing =
        |column: &str| ImportError::MissingColumn { file: file.to_string(), line, format, column: column.to_string() };
    Ok(match format {
        Format::Gdelt1 => Box::new(gdelt::GdeltParser::new(gdelt::Version::One)),
        Format::Gdelt2 => Box::new(gdelt::GdeltParser::new(gdelt::Version::Two)),
        Format::Icews => Box::new(icews::DataverseParser::new(names::Resolver::shared()?, header).map_err(missing)?),
        Format::IcewsNames => Box::new(icews::NamesParser::new(names::Resolver::shared()?)),
        Format::Phoenix => Box::new(phoenix::PhoenixParser::new(header).map_err(missing)?),
        Format::Polecat => Box::new(phoenix::PolecatParser::new(names::Resolver::shared()?, header).map_err(missing)?),
        Format::Jsonl => Box::new(JsonlParser),
    })
}

/// Recognises the layout from a file's first line: a header names its columns, a data row is
/// told by its column count. Returns the layout and whether the line is a header.
pub fn detect(first_line: &str) -> Option<(Format, bool)> {
    if first_line.trim_start().starts_with('{') {
        return Some((Format::Jsonl, false));
    }
    let fields: Vec<&str> = first_line.split('\t').map(str::trim).collect();
    let has = |name: &str| fields.iter().any(|field| field.eq_ignore_ascii_case(name));
    if has("GLOBALEVENTID") {
        return Some((if fields.len() >= 59 { Format::Gdelt2 } else { Format::Gdelt1 }, true));
    }
    if has("CAMEO Code") && has("Event Text") {
        return Some((Format::Icews, true));
    }
    if has("Event Type") && (has("Recipient Name") || has("Actor Name")) {
        return Some((Format::Polecat, true));
    }
    if (has("EventID") && has("SourceActorFull")) || (has("eid") && has("root_code")) {
        return Some((Format::Phoenix, true));
    }
    if fields.len() == 4 && has("date") && has("event") {
        return Some((Format::IcewsNames, true));
    }
    let numeric =
        |index: usize| fields.get(index).is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    match fields.len() {
        61 if numeric(0) => Some((Format::Gdelt2, false)),
        57 | 58 if numeric(0) => Some((Format::Gdelt1, false)),
        26 if numeric(1) => Some((Format::Phoenix, false)),
        20 => Some((Format::Icews, false)),
        4 if icews::parse_date(fields[0]).is_some() => Some((Format::IcewsNames, false)),
        _ => None,
    }
}

/// Whether the first line of a file in a known layout is its header rather than a row.
fn looks_like_header(format: Format, line: &str) -> bool {
    match format {
        Format::Jsonl => false,
        _ => detect(line).is_some_and(|(detected, header)| header && same_family(detected, format)),
    }
}

fn same_family(a: Format, b: Format) -> bool {
    let family = |f| match f {
        Format::Gdelt1 | Format::Gdelt2 => 0,
        other => other as u8 + 1,
    };
    family(a) == family(b)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineEnd {
    Newline,
    Eof,
    TooLong,
}

/// Reads one line into `buffer`, at most [`MAX_LINE_BYTES`]; the rest of a longer line is
/// skipped without being stored.
fn read_line_capped(reader: &mut impl BufRead, buffer: &mut Vec<u8>) -> std::io::Result<LineEnd> {
    let read = reader.by_ref().take(MAX_LINE_BYTES as u64 + 1).read_until(b'\n', buffer)?;
    if buffer.last() == Some(&b'\n') {
        return Ok(LineEnd::Newline);
    }
    if read <= MAX_LINE_BYTES {
        return Ok(LineEnd::Eof);
    }
    buffer.clear();
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(LineEnd::TooLong);
        }
        match memchr_newline(available) {
            Some(position) => {
                reader.consume(position + 1);
                return Ok(LineEnd::TooLong);
            }
            None => {
                let length = available.len();
                reader.consume(length);
            }
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// tripwire's own JSON Lines: each line is an `EventRecord` (cluster fields, if any, ignored).
struct JsonlParser;

impl RowParser for JsonlParser {
    fn parse(&mut self, line: &str, _: u64, _: &mut ImportReport) -> Result<EventRecord, String> {
        serde_json::from_str(line).map_err(|error| format!("not an event record: {error}"))
    }
}

/// Splits a tab-separated row.
pub(crate) fn split_tabs(line: &str) -> Vec<&str> {
    line.split('\t').collect()
}

/// A CAMEO event code as datasets write it: two to four digits.
pub(crate) fn is_event_code(code: &str) -> bool {
    (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit())
}

/// The PLOVER event type the ontology maps a CAMEO code onto.
pub(crate) fn plover_of(code: &str) -> Option<String> {
    tripwire_ontology::plover_for(code).ok().map(|mapping| mapping.event.as_str().to_string())
}

/// An optional float column: empty is `None`, anything unparsable is an error.
pub(crate) fn optional_number<T: std::str::FromStr>(field: &str, column: &str) -> Result<Option<T>, String> {
    let field = field.trim();
    if field.is_empty() {
        return Ok(None);
    }
    field.parse().map(Some).map_err(|_| format!("bad {column} '{}'", shorten(field)))
}

/// Values quoted in messages are cut short: a corrupt row may hold a megabyte in one field.
pub(crate) fn shorten(text: &str) -> String {
    const LIMIT: usize = 40;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The host of a URL without `www.`, which is how GDELT names outlets.
pub(crate) fn outlet_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, rest)| rest)?;
    let host = rest.split(['/', '?', '#']).next()?.split('@').next_back()?;
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_is_the_host() {
        assert_eq!(outlet_of_url("https://www.example.com/a/b?c").as_deref(), Some("example.com"));
        assert_eq!(outlet_of_url("http://news.example.org:8080/x").as_deref(), Some("news.example.org"));
        assert_eq!(outlet_of_url("not a url"), None);
    }

    #[test]
    fn format_names_round_trip() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
        }
        assert_eq!(Format::parse("gdelt3"), None);
    }

    #[test]
    fn too_long_lines_are_skipped_not_held() {
        let mut data = vec![b'x'; MAX_LINE_BYTES + 10];
        data.extend_from_slice(b"\nnext\n");
        let mut reader = std::io::Cursor::new(data);
        let mut buffer = Vec::new();
        assert!(read_line_capped(&mut reader, &mut buffer).unwrap() == LineEnd::TooLong);
        buffer.clear();
        assert!(read_line_capped(&mut reader, &mut buffer).unwrap() == LineEnd::Newline);
        assert_eq!(buffer, b"next\n");
    }
}

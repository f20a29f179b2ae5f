//! PETRARCH record files: the validation suites (`PETR.UnitTest.records.xml`) and the news samples
//! laid out the same way (`GigaWord.sample.PETR.xml`).
//!
//! ```text
//! <Environment>
//!     <Verbfile>PETR.Validate.verbs.txt</Verbfile>  … <Include>valid DEMO ACTOR …</Include>
//! </Environment>
//! <Sentences>
//! <Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
//! <!-- a note on what the record tests -->
//! <EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
//! <Text> … </Text>
//! <Parse> (ROOT (S … )) </Parse>
//! </Sentence>
//! ```
//!
//! A record expects zero or more `<EventCoding>` triples, or `noevents="True"` (nothing may be
//! coded), or `error="…"` (the sentence must be rejected: `dateline`, `storydiscard`,
//! `sentencediscard`). Attribute values are taken verbatim after XML unescaping, including the odd
//! quoted one (`sourcecode='"INJURY TOLL"'` expects the literal `"INJURY TOLL"`). Attributes may
//! have spaces around `=` (`date = "20080801"`), which XML allows; unquoted values are accepted too.
//! A bare `&` in text is kept as it is rather than rejected. UniversalPetrarch's looser variant
//! of the layout (self-closed `<Sentence/>` openers, CoNLL-U parses) is read too: see
//! [`super::universal_petrarch`].
//!
//! # Tolerance
//!
//! A record that cannot be read (no id, no text, a date that is no date, codings that contradict
//! each other, tags that do not nest) is skipped and reported with its line; the reader goes on
//! with the next. Element nesting is tracked by the reader itself, so a mismatched end tag costs
//! the record it is in, not the file. Only malformed XML that cannot be taken apart further, or
//! elements nested deeper than [`MAX_XML_DEPTH`] (no record file nests more than four levels, and
//! a limit keeps a hostile file from costing time in proportion to its depth), stop the reading;
//! the records before the break are kept.

use super::petrarch_record::{attributes, coding, SentenceDraft};
use super::{read_text, GoldError, GoldFile, Handling, LineIndex, ReadProblem};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::Serialize;
use std::path::Path;

/// How deeply elements may nest before a record file is refused.
pub const MAX_XML_DEPTH: usize = 256;

/// The `<Environment>` of a record file: the dictionaries the suite was coded with, and which record
/// categories it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetrarchEnvironment {
    /// Verb dictionary file names, relative to the suite's dictionary folder.
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    pub issues: Vec<String>,
    /// Where PETRARCH writes the records it could not code (`<Errorfile>`).
    pub error_file: Option<String>,
    /// The record categories to run (`<Include>`); empty means all.
    pub include: Vec<String>,
    /// Record categories to skip (`<Exclude>`).
    pub exclude: Vec<String>,
    /// `<Pause>`: when PETRARCH stops to show its work (`Stop`, `Always`, …).
    pub pause: Option<String>,
    /// `<Config option="…" value="…">` settings, in file order.
    pub options: Vec<(String, String)>,
}

impl PetrarchEnvironment {
    /// Whether the suite runs records of this category. PETRARCH's unit tests switch records off
    /// by giving them a category outside `<Include>` (`COMPOUNDx`, `AGENTS`).
    pub fn includes_category(&self, category: &str) -> bool {
        (self.include.is_empty() || self.include.iter().any(|c| c == category))
            && !self.exclude.iter().any(|c| c == category)
    }
}

/// One `<Sentence>` record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetrarchRecord {
    /// The record id. Not unique in every file: the unit tests have two `AGENTS-18`.
    pub id: String,
    pub date: NaiveDate,
    /// The record's category (`DEMO`, `ACTOR`, …); empty when the file gives none, as news samples
    /// do.
    pub category: String,
    /// The `sentence` attribute: `true` unless it says `false`. The unit tests mark records for
    /// features PETRARCH never implemented with `sentence="false"`.
    pub sentence: bool,
    /// The `evaluate` attribute of UniversalPetrarch files: `true` unless it says `false`, which
    /// marks a record its authors left out of their evaluation.
    pub evaluate: bool,
    /// The sentence, with each run of whitespace (the file's line breaks) made one space.
    pub text: String,
    /// The parse as written, trimmed: Penn Treebank brackets, or CoNLL-U lines in
    /// UniversalPetrarch files; `None` when absent or blank. Some unit-test parses are
    /// deliberately truncated or empty, so a parse may not read.
    pub parse: Option<String>,
    pub expected: Expected,
    /// The record's comments (what it tests, when it was last changed), trimmed, in order.
    pub notes: Vec<String>,
    /// The line of the file on which the record's `<Sentence>` starts.
    pub line: usize,
}

/// What coding a record must produce.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Expected {
    /// Exactly these events (as a set). A record with no `<EventCoding>` at all, as in a news
    /// sample without gold codes, has an empty list.
    Events(Vec<GoldEvent>),
    /// `noevents="True"`: nothing may be coded.
    NoEvents,
    /// `error="…"`: the sentence must be rejected for this reason (`dateline`, `storydiscard`,
    /// `sentencediscard`), so nothing is coded.
    Error(String),
}

impl Expected {
    /// The expected events; none for [`Expected::NoEvents`] and [`Expected::Error`].
    pub fn events(&self) -> &[GoldEvent] {
        match self {
            Expected::Events(events) => events,
            Expected::NoEvents | Expected::Error(_) => &[],
        }
    }
}

/// One expected event: CAMEO source actor, target actor and event codes as the gold file writes
/// them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GoldEvent {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// Reads a PETRARCH record file, every record or an error. See [`parse_petrarch_xml`].
pub fn read_petrarch_xml(path: impl AsRef<Path>) -> Result<(PetrarchEnvironment, Vec<PetrarchRecord>), GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    parse_petrarch_xml(&text, &file)
}

/// Reads PETRARCH record XML from text; `file` names it in errors. A file without `<Environment>`
/// gives the default environment. A record that has to be skipped is an error: see
/// [`parse_petrarch_xml_tolerant`] for a reader that skips it and goes on.
pub fn parse_petrarch_xml(text: &str, file: &str) -> Result<(PetrarchEnvironment, Vec<PetrarchRecord>), GoldError> {
    let (environment, gold) = parse_petrarch_xml_tolerant(text, file);
    Ok((environment, gold.complete()?))
}

/// Reads a PETRARCH record file, skipping what cannot be read. See [`parse_petrarch_xml_tolerant`].
pub fn read_petrarch_xml_tolerant(
    path: impl AsRef<Path>,
) -> Result<(PetrarchEnvironment, GoldFile<PetrarchRecord>), GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    Ok(parse_petrarch_xml_tolerant(&text, &file))
}

/// Reads PETRARCH record XML from text, every record it can; each one skipped or read leniently
/// is a [`ReadProblem`] naming `file` and its line.
pub fn parse_petrarch_xml_tolerant(text: &str, file: &str) -> (PetrarchEnvironment, GoldFile<PetrarchRecord>) {
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    // The reader tracks nesting itself (`ReaderState::end_tag`), so that a stray end tag costs a
    // record rather than the file.
    reader.config_mut().check_end_names = false;
    reader.config_mut().allow_unmatched_ends = true;
    let mut state = ReaderState::new(file);
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let line = lines.line(at);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                state.break_off(lines.line(at), format!("malformed XML: {err}"));
                break;
            }
        };
        match event {
            Event::Start(element) => {
                if state.open_elements.len() >= MAX_XML_DEPTH {
                    state.break_off(line, format!("elements nest deeper than {MAX_XML_DEPTH} levels"));
                    break;
                }
                let name = element_name(&element);
                state.open_elements.push((name.clone(), line));
                state.open(&name, &element, line, false);
            }
            Event::Empty(element) => {
                let name = element_name(&element);
                state.open(&name, &element, line, true);
                // A self-closed <Sentence/> opens a record that a later </Sentence> ends.
                if name != "Sentence" {
                    state.close(&name, line);
                }
            }
            Event::End(element) => {
                let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                state.end_tag(&name, line);
            }
            Event::Text(content) => {
                let raw = String::from_utf8_lossy(&content);
                let text = content.unescape().unwrap_or(raw);
                state.text(&text);
            }
            Event::CData(content) => state.text(&String::from_utf8_lossy(&content)),
            Event::Comment(content) => state.comment(&String::from_utf8_lossy(&content)),
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    state.end_of_file();
    (state.environment, GoldFile { records: state.records, problems: state.problems })
}

fn element_name(element: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(element.name().as_ref()).into_owned()
}

/// The element whose text is being collected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Text,
    Parse,
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
    ErrorFile,
    Include,
    Exclude,
    Pause,
}

impl Field {
    fn element(self) -> &'static str {
        match self {
            Field::Text => "Text",
            Field::Parse => "Parse",
            Field::Verbs => "Verbfile",
            Field::Actors => "Actorfile",
            Field::Agents => "Agentfile",
            Field::Discards => "Discardfile",
            Field::Issues => "Issuefile",
            Field::ErrorFile => "Errorfile",
            Field::Include => "Include",
            Field::Exclude => "Exclude",
            Field::Pause => "Pause",
        }
    }

    fn in_environment(name: &str) -> Option<Field> {
        [
            Field::Verbs,
            Field::Actors,
            Field::Agents,
            Field::Discards,
            Field::Issues,
            Field::ErrorFile,
            Field::Include,
            Field::Exclude,
            Field::Pause,
        ]
        .into_iter()
        .find(|f| f.element() == name)
    }
}

struct ReaderState<'a> {
    file: &'a str,
    /// Elements open now, innermost last, with the line each opened on; at most [`MAX_XML_DEPTH`].
    open_elements: Vec<(String, usize)>,
    environment: PetrarchEnvironment,
    records: Vec<PetrarchRecord>,
    problems: Vec<ReadProblem>,
    sentence: Option<SentenceDraft>,
    /// How many elements were open when the current record began: elements above that are
    /// inside it.
    sentence_depth: usize,
    capture: Option<(Field, String)>,
}

impl<'a> ReaderState<'a> {
    fn new(file: &'a str) -> ReaderState<'a> {
        ReaderState {
            file,
            open_elements: Vec::new(),
            environment: PetrarchEnvironment::default(),
            records: Vec::new(),
            problems: Vec::new(),
            sentence: None,
            sentence_depth: 0,
            capture: None,
        }
    }

    fn in_environment(&self) -> bool {
        self.open_elements.iter().any(|(e, _)| e == "Environment")
    }

    /// A problem outside any record.
    fn file_problem(&mut self, line: usize, message: String, handling: Handling) {
        self.problems.push(ReadProblem { file: self.file.to_string(), line, record: None, message, handling });
    }

    /// A problem that costs the current record, or, outside one, is noted and passed over.
    fn record_fault(&mut self, line: usize, message: String) {
        match self.sentence.as_mut() {
            Some(draft) => draft.fault(line, message),
            None => self.file_problem(line, format!("{message}; passed over"), Handling::ReadLeniently),
        }
    }

    fn open(&mut self, name: &str, element: &BytesStart<'_>, line: usize, self_closed: bool) {
        match name {
            "Sentence" => {
                if let Some(mut draft) = self.sentence.take() {
                    if draft.self_closed {
                        draft.ended_early(line, "where the next <Sentence> starts");
                    } else {
                        draft.fault(line, format!("a <Sentence> opens inside it, on line {line}"));
                    }
                    self.finish_record(draft);
                }
                let draft = match attributes(element) {
                    Ok(list) => SentenceDraft::open(line, &list, self_closed),
                    Err(message) => {
                        let mut draft = SentenceDraft::open(line, &[], self_closed);
                        draft.fault(line, message);
                        draft
                    }
                };
                self.sentence_depth = self.open_elements.len() - usize::from(!self_closed);
                self.sentence = Some(draft);
            }
            "EventCoding" => {
                let read = attributes(element).and_then(|list| coding(&list));
                match self.sentence.as_mut() {
                    Some(draft) => draft.add_coding(line, read),
                    None => self.file_problem(
                        line,
                        "an <EventCoding> outside any <Sentence>".to_string(),
                        Handling::Skipped,
                    ),
                }
            }
            "Text" | "Parse" if self.sentence.is_some() => {
                let field = if name == "Text" { Field::Text } else { Field::Parse };
                self.capture = Some((field, String::new()));
            }
            "Config" if self.in_environment() => {
                let list = attributes(element).unwrap_or_default();
                let find = |key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
                if let Some(option) = find("option") {
                    self.environment.options.push((option, find("value").unwrap_or_default()));
                }
            }
            _ if self.in_environment() => {
                if let Some(field) = Field::in_environment(name) {
                    self.capture = Some((field, String::new()));
                }
            }
            _ => {}
        }
    }

    /// An end tag: it closes the innermost open element of its name, and elements left open
    /// inside that one cost the record they are in.
    fn end_tag(&mut self, name: &str, line: usize) {
        let self_closed_record = self.sentence.as_ref().is_some_and(|d| d.self_closed);
        let matching = self.open_elements.iter().rposition(|(open, _)| open == name);
        // The </Sentence> that ends a record a self-closed <Sentence/> began.
        if name == "Sentence" && self_closed_record && matching.is_none_or(|i| i < self.sentence_depth) {
            self.close_down_to(self.sentence_depth, line);
            self.close(name, line);
            return;
        }
        match matching {
            Some(index) => {
                self.close_down_to(index + 1, line);
                self.open_elements.pop();
                self.close(name, line);
            }
            None => self.record_fault(line, format!("</{name}> closes no open element")),
        }
    }

    /// Closes every element above `depth`, each one a fault: it was never closed.
    fn close_down_to(&mut self, depth: usize, line: usize) {
        while self.open_elements.len() > depth {
            let Some((open, opened)) = self.open_elements.pop() else { break };
            self.record_fault(line, format!("<{open}>, opened on line {opened}, is never closed"));
            self.close(&open, line);
        }
    }

    fn close(&mut self, name: &str, _line: usize) {
        if let Some((field, _)) = &self.capture {
            if field.element() == name {
                if let Some((field, content)) = self.capture.take() {
                    self.store(field, content);
                }
                return;
            }
        }
        if name == "Sentence" {
            if let Some(draft) = self.sentence.take() {
                self.finish_record(draft);
            }
        }
    }

    fn finish_record(&mut self, draft: SentenceDraft) {
        self.capture = None;
        let (record, problems) = draft.finish(self.file);
        self.records.extend(record);
        self.problems.extend(problems);
    }

    /// Malformed XML or nesting too deep: the rest of the file cannot be read.
    fn break_off(&mut self, line: usize, reason: String) {
        if let Some(mut draft) = self.sentence.take() {
            draft.fault(draft.line, format!("the file breaks off inside this record: line {line}: {reason}"));
            self.finish_record(draft);
        }
        self.file_problem(line, format!("{reason}; the rest of the file is not read"), Handling::Skipped);
    }

    fn end_of_file(&mut self) {
        if let Some(mut draft) = self.sentence.take() {
            draft.fault(draft.line, "this <Sentence> is never closed");
            self.finish_record(draft);
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, content)) = self.capture.as_mut() {
            content.push_str(text);
        }
    }

    fn comment(&mut self, comment: &str) {
        if self.capture.is_some() {
            return;
        }
        if let Some(draft) = self.sentence.as_mut() {
            draft.add_note(comment);
        }
    }

    fn store(&mut self, field: Field, content: String) {
        let file_names = |content: &str| -> Vec<String> {
            content.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
        };
        let words = |content: &str| -> Vec<String> {
            content
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let env = &mut self.environment;
        match field {
            Field::Text | Field::Parse => {
                if let Some(draft) = self.sentence.as_mut() {
                    if field == Field::Text {
                        draft.text = Some(content);
                    } else {
                        draft.parse = Some(content);
                    }
                }
            }
            Field::Verbs => env.verbs.extend(file_names(&content)),
            Field::Actors => env.actors.extend(file_names(&content)),
            Field::Agents => env.agents.extend(file_names(&content)),
            Field::Discards => env.discards.extend(file_names(&content)),
            Field::Issues => env.issues.extend(file_names(&content)),
            Field::ErrorFile => env.error_file = Some(content.trim().to_string()).filter(|s| !s.is_empty()),
            Field::Include => env.include.extend(words(&content)),
            Field::Exclude => env.exclude.extend(words(&content)),
            Field::Pause => env.pause = Some(content.trim().to_string()).filter(|s| !s.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<Validation>
<Environment>
    <Verbfile>v.txt</Verbfile>
    <Actorfile>a1.txt, a2.txt</Actorfile>
    <Include>valid DEMO</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date = "20080801" id ="X-1" category="DEMO"  sentence="true">
<!-- two events -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"/>
<Text>
Arnor &amp; Gondor
  restore  ties.
</Text>
<Parse>
(ROOT (S (NP (NNP Arnor))))
</Parse>
</Sentence>
<Sentence date="19950101" id="X-2" category="ERROR" sentence="false">
<EventCoding error="dateline"></EventCoding>
<Text>AT&T said.</Text>
<Parse> </Parse>
</Sentence>
<Sentence date="19950101" id="X-3">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing.</Text>
</Sentence>
</Sentences>
</Validation>"#;

    #[test]
    fn reads_environment_and_records() {
        let (env, records) = parse_petrarch_xml(SAMPLE, "sample.xml").unwrap();
        assert_eq!(env.verbs, ["v.txt"]);
        assert_eq!(env.actors, ["a1.txt", "a2.txt"]);
        assert_eq!(env.include, ["valid", "DEMO"]);
        assert_eq!(env.options, [("stop_on_error".to_string(), "True".to_string())]);
        assert!(env.includes_category("DEMO") && !env.includes_category("ERROR"));
        assert_eq!(records.len(), 3);

        let first = &records[0];
        assert_eq!(first.id, "X-1");
        assert_eq!(first.date, NaiveDate::from_ymd_opt(2008, 8, 1).unwrap());
        assert_eq!(first.text, "Arnor & Gondor restore ties.");
        assert_eq!(first.parse.as_deref(), Some("(ROOT (S (NP (NNP Arnor))))"));
        assert_eq!(first.notes, ["two events"]);
        assert_eq!(first.line, 9);
        let events = first.expected.events();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].source, "\"INJURY TOLL\"");

        assert_eq!(records[1].expected, Expected::Error("dateline".into()));
        assert!(!records[1].sentence);
        assert_eq!(records[1].text, "AT&T said.");
        assert_eq!(records[1].parse, None);
        assert_eq!(records[2].expected, Expected::NoEvents);
        assert_eq!(records[2].category, "");
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad_date = "<Sentences>\n<Sentence date=\"1995\" id=\"A\">\n<Text>x</Text>\n</Sentence>\n</Sentences>";
        let err = parse_petrarch_xml(bad_date, "f.xml").unwrap_err();
        assert_eq!((err.file(), err.line()), ("f.xml", Some(2)));
        assert!(err.to_string().contains("record A"), "{err}");

        let half_coding = "<Sentence date=\"19950101\" id=\"B\">\n\n<EventCoding sourcecode=\"X\"/>\n</Sentence>";
        assert_eq!(parse_petrarch_xml(half_coding, "f.xml").unwrap_err().line(), Some(3));

        let unclosed = "\n<Sentence date=\"19950101\" id=\"C\"><Text>x</Text>";
        assert_eq!(parse_petrarch_xml(unclosed, "f.xml").unwrap_err().line(), Some(2));

        let conflicting = "<Sentence date=\"19950101\" id=\"D\"><EventCoding noevents=\"True\"/>\
            <EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"010\"/><Text>x</Text></Sentence>";
        assert!(parse_petrarch_xml(conflicting, "f.xml").is_err());
    }
}

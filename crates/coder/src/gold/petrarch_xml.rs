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
//! A bare `&` in text is kept as it is rather than rejected.

use super::{read_text, GoldError, LineIndex};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::Serialize;
use std::borrow::Cow;
use std::path::Path;

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
    /// The sentence, with each run of whitespace (the file's line breaks) made one space.
    pub text: String,
    /// The Penn Treebank parse as written, trimmed; `None` when absent or blank. Some unit-test
    /// parses are deliberately truncated or empty, so a parse may not read as a tree.
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

/// Reads a PETRARCH record file. See [`parse_petrarch_xml`].
pub fn read_petrarch_xml(path: impl AsRef<Path>) -> Result<(PetrarchEnvironment, Vec<PetrarchRecord>), GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    parse_petrarch_xml(&text, &file)
}

/// Reads PETRARCH record XML from text; `file` names it in errors. A file without `<Environment>`
/// gives the default environment.
pub fn parse_petrarch_xml(text: &str, file: &str) -> Result<(PetrarchEnvironment, Vec<PetrarchRecord>), GoldError> {
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    let mut state = ReaderState {
        file,
        lines: &lines,
        open_elements: Vec::new(),
        environment: PetrarchEnvironment::default(),
        records: Vec::new(),
        sentence: None,
        capture: None,
    };
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
                return Err(GoldError::invalid(file, lines.line(at), format!("malformed XML: {err}")));
            }
        };
        match event {
            Event::Start(element) => {
                let name = element_name(&element);
                state.open(&name, &element, at)?;
                state.open_elements.push(name);
            }
            Event::Empty(element) => {
                let name = element_name(&element);
                state.open(&name, &element, at)?;
                state.close(&name, at)?;
            }
            Event::End(element) => {
                let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                state.open_elements.pop();
                state.close(&name, at)?;
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
    if let Some(draft) = &state.sentence {
        return Err(GoldError::invalid(file, draft.line, "this <Sentence> is never closed"));
    }
    Ok((state.environment, state.records))
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

enum Coding {
    Event(GoldEvent),
    NoEvents,
    Error(String),
}

/// A `<Sentence>` read so far.
#[derive(Default)]
struct SentenceDraft {
    line: usize,
    id: Option<String>,
    date: Option<String>,
    category: String,
    sentence: bool,
    codings: Vec<Coding>,
    text: Option<String>,
    parse: Option<String>,
    notes: Vec<String>,
}

struct ReaderState<'a> {
    file: &'a str,
    lines: &'a LineIndex,
    open_elements: Vec<String>,
    environment: PetrarchEnvironment,
    records: Vec<PetrarchRecord>,
    sentence: Option<SentenceDraft>,
    capture: Option<(Field, String)>,
}

impl<'a> ReaderState<'a> {
    fn line(&self, at: usize) -> usize {
        self.lines.line(at)
    }

    fn error(&self, at: usize, message: impl Into<String>) -> GoldError {
        GoldError::invalid(self.file, self.line(at), message)
    }

    fn in_environment(&self) -> bool {
        self.open_elements.iter().any(|e| e == "Environment")
    }

    fn open(&mut self, name: &str, element: &BytesStart<'_>, at: usize) -> Result<(), GoldError> {
        match name {
            "Sentence" => {
                if let Some(draft) = &self.sentence {
                    return Err(self.error(at, format!("a <Sentence> inside the one opened on line {}", draft.line)));
                }
                let mut draft = SentenceDraft { line: self.line(at), sentence: true, ..SentenceDraft::default() };
                for (key, value) in self.attributes(element, at)? {
                    match key.as_str() {
                        "id" => draft.id = Some(value),
                        "date" => draft.date = Some(value),
                        "category" => draft.category = value,
                        "sentence" => {
                            draft.sentence = match value.to_ascii_lowercase().as_str() {
                                "true" => true,
                                "false" => false,
                                _ => {
                                    return Err(
                                        self.error(at, format!("sentence=\"{value}\" is neither true nor false"))
                                    )
                                }
                            }
                        }
                        _ => {}
                    }
                }
                self.sentence = Some(draft);
            }
            "EventCoding" => {
                let coding = self.coding(element, at)?;
                match self.sentence.as_mut() {
                    Some(draft) => draft.codings.push(coding),
                    None => return Err(self.error(at, "an <EventCoding> outside any <Sentence>")),
                }
            }
            "Text" | "Parse" if self.sentence.is_some() => {
                let field = if name == "Text" { Field::Text } else { Field::Parse };
                self.capture = Some((field, String::new()));
            }
            "Config" if self.in_environment() => {
                let attributes = self.attributes(element, at)?;
                let find = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
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
        Ok(())
    }

    fn close(&mut self, name: &str, at: usize) -> Result<(), GoldError> {
        if let Some((field, _)) = &self.capture {
            if field.element() == name {
                if let Some((field, content)) = self.capture.take() {
                    self.store(field, content);
                }
                return Ok(());
            }
        }
        if name == "Sentence" {
            if let Some(draft) = self.sentence.take() {
                let record = self.finish(draft)?;
                self.records.push(record);
            } else {
                return Err(self.error(at, "</Sentence> closes no <Sentence>"));
            }
        }
        Ok(())
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
            let note = comment.trim();
            if !note.is_empty() {
                draft.notes.push(note.to_string());
            }
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

    /// The attributes of an element, unescaped; values that fail to unescape are kept as written.
    fn attributes(&self, element: &BytesStart<'_>, at: usize) -> Result<Vec<(String, String)>, GoldError> {
        let mut attributes = Vec::new();
        for attribute in element.html_attributes().with_checks(false) {
            let attribute = attribute.map_err(|err| self.error(at, format!("malformed attribute: {err}")))?;
            let key = String::from_utf8_lossy(attribute.key.as_ref()).trim().to_string();
            let value = match attribute.unescape_value() {
                Ok(value) => value.into_owned(),
                Err(_) => String::from_utf8_lossy(&attribute.value).into_owned(),
            };
            attributes.push((key, value));
        }
        Ok(attributes)
    }

    fn coding(&self, element: &BytesStart<'_>, at: usize) -> Result<Coding, GoldError> {
        let attributes = self.attributes(element, at)?;
        let find = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        if let Some(reason) = find("error") {
            return Ok(Coding::Error(reason.trim().to_string()));
        }
        if find("noevents").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            return Ok(Coding::NoEvents);
        }
        match (find("sourcecode"), find("targetcode"), find("eventcode")) {
            (Some(source), Some(target), Some(code)) => Ok(Coding::Event(GoldEvent {
                source: source.trim().to_string(),
                target: target.trim().to_string(),
                code: code.trim().to_string(),
            })),
            _ => Err(self.error(
                at,
                "an <EventCoding> needs sourcecode, targetcode and eventcode, or noevents=\"True\", or error=\"…\"",
            )),
        }
    }

    fn finish(&self, draft: SentenceDraft) -> Result<PetrarchRecord, GoldError> {
        let fail = |message: String| GoldError::invalid(self.file, draft.line, message);
        let id =
            draft.id.filter(|id| !id.trim().is_empty()).ok_or_else(|| fail("a <Sentence> without an id".into()))?;
        let id = id.trim().to_string();
        let date_text = draft.date.ok_or_else(|| fail(format!("record {id}: no date")))?;
        let date = NaiveDate::parse_from_str(date_text.trim(), "%Y%m%d")
            .map_err(|_| fail(format!("record {id}: date \"{date_text}\" is not YYYYMMDD")))?;
        let text = draft.text.ok_or_else(|| fail(format!("record {id}: no <Text>")))?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let parse = draft.parse.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let expected = expected_from(draft.codings).map_err(|problem| fail(format!("record {id}: {problem}")))?;
        Ok(PetrarchRecord {
            id,
            date,
            category: draft.category.trim().to_string(),
            sentence: draft.sentence,
            text,
            parse,
            expected,
            notes: draft.notes,
            line: draft.line,
        })
    }
}

fn expected_from(codings: Vec<Coding>) -> Result<Expected, Cow<'static, str>> {
    let mut events = Vec::new();
    let mut no_events = false;
    let mut error: Option<String> = None;
    for coding in codings {
        match coding {
            Coding::Event(event) => events.push(event),
            Coding::NoEvents => no_events = true,
            Coding::Error(reason) => match &error {
                Some(first) if *first != reason => {
                    return Err(format!("it expects two different errors, {first} and {reason}").into())
                }
                _ => error = Some(reason),
            },
        }
    }
    match (error, no_events, events.is_empty()) {
        (Some(_), true, _) | (Some(_), _, false) => Err("it expects an error and also events or noevents".into()),
        (Some(reason), false, true) => Ok(Expected::Error(reason)),
        (None, true, false) => Err("it expects noevents and also events".into()),
        (None, true, true) => Ok(Expected::NoEvents),
        (None, false, _) => Ok(Expected::Events(events)),
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

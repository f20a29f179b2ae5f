//! One `<Sentence>` of a PETRARCH record file, from its pieces as the XML reader meets them (the
//! element's attributes, its codings, text, parse and comments) to a [`PetrarchRecord`], or to the
//! reason it has to be skipped.

use super::dates::{read_record_date, DateForm};
use super::petrarch_xml::{Expected, GoldEvent, PetrarchRecord};
use super::universal_petrarch;
use super::{Handling, ReadProblem};
use quick_xml::events::BytesStart;

/// An attribute list, unescaped; a value that fails to unescape is kept as written.
pub(crate) fn attributes(element: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut attributes = Vec::new();
    for attribute in element.html_attributes().with_checks(false) {
        let attribute = attribute.map_err(|err| format!("malformed attribute: {err}"))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).trim().to_string();
        let value = match attribute.unescape_value() {
            Ok(value) => value.into_owned(),
            Err(_) => String::from_utf8_lossy(&attribute.value).into_owned(),
        };
        attributes.push((key, value));
    }
    Ok(attributes)
}

/// What one `<EventCoding>` says.
pub(crate) enum Coding {
    Event(GoldEvent),
    NoEvents,
    Error(String),
}

/// Reads an `<EventCoding>`'s attributes.
pub(crate) fn coding(attributes: &[(String, String)]) -> Result<Coding, String> {
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
            code: universal_petrarch::event_code(code).to_string(),
        })),
        _ => Err("an <EventCoding> needs sourcecode, targetcode and eventcode, or noevents=\"True\", or error=\"…\""
            .to_string()),
    }
}

/// A `<Sentence>` read so far.
#[derive(Default)]
pub(crate) struct SentenceDraft {
    pub line: usize,
    pub id: Option<String>,
    date: Option<String>,
    category: String,
    sentence: bool,
    evaluate: bool,
    codings: Vec<Coding>,
    pub text: Option<String>,
    pub parse: Option<String>,
    notes: Vec<String>,
    /// Opened by a self-closed `<Sentence …/>`, as UniversalPetrarch writes them: the record runs
    /// to the next `</Sentence>`.
    pub self_closed: bool,
    /// The first problem that costs the record: its line and what it is.
    fault: Option<(usize, String)>,
    /// Things read leniently: line and how.
    lenient: Vec<(usize, String)>,
}

impl SentenceDraft {
    /// A record opened on `line` by a `<Sentence>` with these attributes.
    pub(crate) fn open(line: usize, attributes: &[(String, String)], self_closed: bool) -> SentenceDraft {
        let mut draft = SentenceDraft { line, sentence: true, evaluate: true, self_closed, ..SentenceDraft::default() };
        for (key, value) in attributes {
            match key.as_str() {
                "id" => draft.id = Some(value.trim().to_string()).filter(|id| !id.is_empty()),
                "date" => draft.date = Some(value.clone()),
                "category" => draft.category = value.trim().to_string(),
                "sentence" => draft.sentence = draft.flag(key, value),
                "evaluate" => draft.evaluate = draft.flag(key, value),
                _ => {}
            }
        }
        draft
    }

    /// A `true`/`false` attribute; anything else is read as `true`, the default, with a note.
    fn flag(&mut self, key: &str, value: &str) -> bool {
        match value.trim().to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => {
                self.lenient.push((self.line, format!("{key}=\"{value}\" is neither true nor false; read as true")));
                true
            }
        }
    }

    /// Marks the record to be skipped, unless an earlier problem already has.
    pub(crate) fn fault(&mut self, line: usize, message: impl Into<String>) {
        if self.fault.is_none() {
            self.fault = Some((line, message.into()));
        }
    }

    pub(crate) fn add_coding(&mut self, line: usize, coding: Result<Coding, String>) {
        match coding {
            Ok(coding) => self.codings.push(coding),
            Err(message) => self.fault(line, message),
        }
    }

    pub(crate) fn add_note(&mut self, comment: &str) {
        let note = comment.trim();
        if !note.is_empty() {
            self.notes.push(note.to_string());
        }
    }

    /// Notes that the record ended where something else began, not at its `</Sentence>`.
    pub(crate) fn ended_early(&mut self, line: usize, how: &str) {
        self.lenient.push((line, format!("the record is never closed; it ends {how}")));
    }

    /// The record, with the problems met on the way; or the problem that costs it.
    pub(crate) fn finish(self, file: &str) -> (Option<PetrarchRecord>, Vec<ReadProblem>) {
        let id = self.id.clone();
        let problem = |line: usize, message: String, handling: Handling| ReadProblem {
            file: file.to_string(),
            line,
            record: id.clone(),
            message,
            handling,
        };
        let mut problems: Vec<ReadProblem> =
            self.lenient.iter().map(|(line, how)| problem(*line, how.clone(), Handling::ReadLeniently)).collect();
        match self.build() {
            Ok((record, date_note)) => {
                if let Some(note) = date_note {
                    problems.push(problem(record.line, note, Handling::ReadLeniently));
                }
                problems.sort_by_key(|p| p.line);
                (Some(record), problems)
            }
            Err((line, message)) => {
                // What was read leniently no longer matters once the record is skipped.
                (None, vec![problem(line, message, Handling::Skipped)])
            }
        }
    }

    fn build(self) -> Result<(PetrarchRecord, Option<String>), (usize, String)> {
        let line = self.line;
        if let Some(fault) = self.fault {
            return Err(fault);
        }
        let id = self.id.ok_or((line, "a <Sentence> without an id".to_string()))?;
        let date_text = self.date.ok_or((line, "no date".to_string()))?;
        let date = read_record_date(&date_text, DateForm::Compact).map_err(|m| (line, m))?;
        let text = self.text.ok_or((line, "no <Text>".to_string()))?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let parse = self.parse.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let expected = expected_from(self.codings).map_err(|m| (line, m))?;
        let record = PetrarchRecord {
            id,
            date: date.date,
            category: self.category,
            sentence: self.sentence,
            evaluate: self.evaluate,
            text,
            parse,
            expected,
            notes: self.notes,
            line,
        };
        Ok((record, date.lenient))
    }
}

fn expected_from(codings: Vec<Coding>) -> Result<Expected, String> {
    let mut events = Vec::new();
    let mut no_events = false;
    let mut error: Option<String> = None;
    for coding in codings {
        match coding {
            Coding::Event(event) => events.push(event),
            Coding::NoEvents => no_events = true,
            Coding::Error(reason) => match &error {
                Some(first) if *first != reason => {
                    return Err(format!("it expects two different errors, {first} and {reason}"))
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

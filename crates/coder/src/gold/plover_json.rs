//! PLOVER gold-standard records (`PLOVER_GSR_CAMEO.json`): a JSON array of hand-coded sentences,
//! one PLOVER event each.
//!
//! ```json
//! {"id": "EXAMPLE-AGREE-0001", "date": "2000-01-01", "event": "AGREE",
//!  "source": [{"actorText": "Ruritania", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}],
//!  "context": "economic", "text": "Ruritania agreed to open its market to Freedonia."}
//! ```
//!
//! `source` and `target` are lists of `{actorText, code, sector?}`, or `""` (or absent, or `null`)
//! for none. `code` is a three-letter country code (ISO 3166 alpha-3, with a few CAMEO and
//! misspelled ones: `IGO`, `NGO`, `JAP`), and `sector` the CAMEO-like role (`GOV`, `REBkur`, `***`).
//! `mode` and `context` may be missing or `""`, which both read as `None`. Records whose event is
//! `DOCUMENT` describe the file and are skipped.
//!
//! # Tolerance
//!
//! Each element of the array is read on its own, so a record that cannot be read is skipped with
//! its line and the rest are kept. Read leniently, each with a note:
//!
//! * an actor given as one object rather than a list, or as a plain string that is an actor code
//!   (`"target": "IRQ"`); a plain string that is no code (`"target": "Iraq"`) names no country to
//!   score against, and skips the record;
//! * `textInfo` as a plain string: it is the markup;
//! * a number or `true`/`false` where text is expected (`"id": 17`), and a list where one text is
//!   expected (`"context": ["diplomatic", "military"]` reads as `diplomatic, military`);
//! * dates in another plain form ([`super::dates`]).
//!
//! JSON that is not well-formed stops the reading at the break (the records before it are kept);
//! a file that is not an array is not read at all.

use super::dates::{read_record_date, DateForm};
use super::{read_text, GoldError, GoldFile, Handling, LineIndex, ReadProblem};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// One gold-coded sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PloverRecord {
    pub id: String,
    pub date: NaiveDate,
    pub text: String,
    /// The PLOVER event type (`AGREE`, `ASSAULT`, …).
    pub event: String,
    /// The words that carry the event (`eventText`), as the coder marked them.
    pub event_text: String,
    pub sources: Vec<PloverActor>,
    pub targets: Vec<PloverActor>,
    /// The PLOVER mode (`heavy-weapons`, `strike-hun`, …), when there is one.
    pub mode: Option<String>,
    /// The PLOVER context; several are comma-separated (`diplomatic, military`).
    pub context: Option<String>,
    /// The text with its source, target and event spans marked (`textInfo.markup`).
    pub markup: Option<String>,
    pub comment: Option<String>,
}

/// A coded actor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverActor {
    /// The words naming the actor.
    #[serde(rename = "actorText", default)]
    pub text: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

impl PloverActor {
    /// The actor's country: the first three letters of its code, upper-cased (`IGO` for
    /// international bodies, as CAMEO writes them).
    pub fn country(&self) -> String {
        canonical_country(&self.code.trim().chars().take(3).collect::<String>().to_ascii_uppercase()).to_string()
    }
}

impl PloverRecord {
    pub fn source_countries(&self) -> BTreeSet<String> {
        self.sources.iter().map(PloverActor::country).filter(|c| !c.is_empty()).collect()
    }

    pub fn target_countries(&self) -> BTreeSet<String> {
        self.targets.iter().map(PloverActor::country).filter(|c| !c.is_empty()).collect()
    }
}

/// Reads a PLOVER gold-standard file, every record or an error. See [`parse_plover_json`].
pub fn read_plover_json(path: impl AsRef<Path>) -> Result<Vec<PloverRecord>, GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    parse_plover_json(&text, &file)
}

/// Reads PLOVER gold-standard JSON from text; `file` names it in errors. A record that lacks an
/// id, date, event or text is an error pointing at the line where the record ends; see
/// [`parse_plover_json_tolerant`] for a reader that skips it and goes on.
pub fn parse_plover_json(text: &str, file: &str) -> Result<Vec<PloverRecord>, GoldError> {
    parse_plover_json_tolerant(text, file).complete()
}

/// Reads a PLOVER gold-standard file, skipping what cannot be read.
pub fn read_plover_json_tolerant(path: impl AsRef<Path>) -> Result<GoldFile<PloverRecord>, GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    Ok(parse_plover_json_tolerant(&text, &file))
}

/// Reads PLOVER gold-standard JSON from text, every record it can; each one skipped or read
/// leniently is a [`ReadProblem`] naming `file` and its line.
pub fn parse_plover_json_tolerant(text: &str, file: &str) -> GoldFile<PloverRecord> {
    let lines = LineIndex::new(text);
    let mut gold = GoldFile { records: Vec::new(), problems: Vec::new() };
    let problem = |line: usize, record: Option<String>, message: String, handling: Handling| ReadProblem {
        file: file.to_string(),
        line,
        record,
        message,
        handling,
    };
    let skip_space = |mut at: usize| {
        while text[at..].starts_with(|c: char| c.is_whitespace() || c == '\u{feff}') {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
        at
    };
    let mut at = skip_space(0);
    if !text[at..].starts_with('[') {
        let what = if at == text.len() { "the file is empty" } else { "the file is not a JSON array of records" };
        gold.problems.push(problem(lines.line(at), None, format!("{what}; nothing is read"), Handling::Skipped));
        return gold;
    }
    at += 1;
    loop {
        at = skip_space(at);
        if text[at..].starts_with(']') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<IgnoredAny>();
        let base = lines.line(at);
        match stream.next() {
            Some(Ok(_)) => {}
            Some(Err(err)) => {
                let message = format!("malformed JSON: {}; the rest of the file is not read", without_position(&err));
                gold.problems.push(problem(base + err.line().max(1) - 1, None, message, Handling::Skipped));
                return gold;
            }
            None => {
                let message = "the file ends before the array of records is closed".to_string();
                gold.problems.push(problem(lines.line(at), None, message, Handling::ReadLeniently));
                return gold;
            }
        }
        let element = &text[at..at + stream.byte_offset()];
        match serde_json::from_str::<Entry>(element) {
            Ok(Entry::Documentation) => {}
            Ok(Entry::Record(record, notes)) => {
                let id = Some(record.id.clone());
                for note in notes {
                    gold.problems.push(problem(base, id.clone(), note, Handling::ReadLeniently));
                }
                gold.records.push(*record);
            }
            Err(err) => {
                let (id, message) = split_record_id(element, without_position(&err));
                gold.problems.push(problem(base + err.line().max(1) - 1, id, message, Handling::Skipped));
            }
        }
        at = skip_space(at + element.len());
        if text[at..].starts_with(',') {
            at += 1;
        } else if !text[at..].starts_with(']') {
            let line = lines.line(at);
            let message = "malformed JSON: expected `,` or `]` after a record; the rest of the file is not read";
            gold.problems.push(problem(line, None, message.to_string(), Handling::Skipped));
            return gold;
        }
    }
    gold
}

/// serde_json's message without the position it appends, which the problem carries as its line.
fn without_position(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// The id of a record that failed, when it has one, and the message without the `record ID: `
/// the conversion put in front of it.
fn split_record_id(element: &str, message: String) -> (Option<String>, String) {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<Value>,
    }
    let id = serde_json::from_str::<IdOnly>(element).ok().and_then(|probe| match probe.id {
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    });
    match &id {
        Some(id) => {
            let prefix = format!("record {id}: ");
            let message = message.strip_prefix(&prefix).map(str::to_string).unwrap_or(message);
            (Some(id.clone()), message)
        }
        None => (None, message),
    }
}

/// One element of the file's array.
enum Entry {
    Documentation,
    /// A record and the notes on what was read leniently.
    Record(Box<PloverRecord>, Vec<String>),
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entry, D::Error> {
        struct EntryVisitor;

        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a record object")
            }

            // Checked here, inside the object, so that serde_json gives a failing record's error
            // the line of the record's closing brace rather than of whatever follows it.
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Entry, A::Error> {
                let raw = RawRecord::deserialize(de::value::MapAccessDeserializer::new(map))?;
                raw.into_entry().map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_map(EntryVisitor)
    }
}

/// A record's fields as written, each any JSON value: what they must be is checked, and leniency
/// applied, in [`RawRecord::into_entry`].
#[derive(Deserialize)]
struct RawRecord {
    id: Option<Value>,
    date: Option<Value>,
    event: Option<Value>,
    #[serde(rename = "eventText")]
    event_text: Option<Value>,
    text: Option<Value>,
    source: Option<Value>,
    target: Option<Value>,
    mode: Option<Value>,
    context: Option<Value>,
    #[serde(rename = "textInfo")]
    text_info: Option<Value>,
    comment: Option<Value>,
}

impl RawRecord {
    fn into_entry(self) -> Result<Entry, String> {
        let mut notes = Vec::new();
        let mut field = |name: &str, value: Option<Value>| text_field(name, value, &mut notes);
        let event = field("event", self.event)?.map(|e| e.trim().to_string()).unwrap_or_default();
        if event == "DOCUMENT" {
            return Ok(Entry::Documentation);
        }
        let id = field("id", self.id)?.filter(|id| !id.trim().is_empty()).ok_or("a record without an id")?;
        let fail = |problem: String| format!("record {id}: {problem}");
        let missing = |what: &str| fail(format!("no {what}"));
        let mut field = |name: &str, value: Option<Value>| text_field(name, value, &mut notes).map_err(&fail);
        if event.is_empty() {
            return Err(missing("event"));
        }
        let date_text = field("date", self.date)?.ok_or_else(|| missing("date"))?;
        let text = field("text", self.text)?.ok_or_else(|| missing("text"))?;
        let event_text = field("eventText", self.event_text)?.unwrap_or_default();
        let non_empty = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let mode = non_empty(field("mode", self.mode)?);
        let context = non_empty(field("context", self.context)?);
        let comment = non_empty(field("comment", self.comment)?);
        let date = read_record_date(&date_text, DateForm::Iso).map_err(&fail)?;
        notes.extend(date.lenient);
        let sources = actors("source", self.source, &mut notes).map_err(&fail)?;
        let targets = actors("target", self.target, &mut notes).map_err(&fail)?;
        let markup = markup_of(self.text_info, &mut notes);
        let record = PloverRecord {
            id,
            date: date.date,
            text,
            event,
            event_text,
            sources,
            targets,
            mode,
            context,
            markup,
            comment,
        };
        Ok(Entry::Record(Box::new(record), notes))
    }
}

/// A field that holds text: a string as it is; `null` or absent as none; a number or a boolean
/// as written, and a list of those joined by `, `, each with a note; an object is an error.
fn text_field(name: &str, value: Option<Value>, notes: &mut Vec<String>) -> Result<Option<String>, String> {
    let scalar = |value: &Value| match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Array(items)) => {
            let parts: Option<Vec<String>> = items.iter().map(scalar).collect();
            let joined = parts.ok_or_else(|| format!("{name} is a list of other things than text"))?.join(", ");
            notes.push(format!("{name} is a list; read as \"{joined}\""));
            Ok(Some(joined))
        }
        Some(Value::Object(_)) => Err(format!("{name} is an object, not text")),
        Some(other) => {
            let written = scalar(&other).unwrap_or_default();
            notes.push(format!("{name} is {other}, not text; read as \"{written}\""));
            Ok(Some(written))
        }
    }
}

/// Whether a plain string can stand for an actor code: letters, digits and CAMEO's `-` filler,
/// no spaces, at least three characters, no lower-case letter among the first three (`IRQ`,
/// `USAGOV`, `REBkur` as a sector is not a code).
fn is_actor_code(text: &str) -> bool {
    text.len() >= 3
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !text.bytes().take(3).any(|b| b.is_ascii_lowercase())
}

/// `source` or `target`: a list of actors, or none (`""`, `null`, absent); leniently one actor
/// object, or a code as a plain string.
fn actors(name: &str, value: Option<Value>, notes: &mut Vec<String>) -> Result<Vec<PloverActor>, String> {
    let actor = |value: Value| -> Result<PloverActor, String> {
        match value {
            Value::String(code) if is_actor_code(code.trim()) => {
                Ok(PloverActor { text: String::new(), code: code.trim().to_string(), sector: None })
            }
            Value::String(text) => Err(format!("{name} \"{text}\" names no actor code")),
            other => serde_json::from_value(other).map_err(|e| format!("{name}: {e}")),
        }
    };
    match value {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(Vec::new()),
        Some(Value::Array(items)) => items.into_iter().map(actor).collect(),
        Some(Value::String(code)) => {
            let read = actor(Value::String(code.clone()))
                .map_err(|_| format!("{name} is the plain string \"{code}\", which names no actor code"))?;
            notes.push(format!("{name} is the plain string \"{code}\"; read as the actor code {}", read.code));
            Ok(vec![read])
        }
        Some(object @ Value::Object(_)) => {
            notes.push(format!("{name} is one actor, not a list"));
            Ok(vec![actor(object)?])
        }
        Some(other) => Err(format!("{name} is {other}, not a list of actors")),
    }
}

/// `textInfo.markup`; a `textInfo` that is a plain string is the markup itself.
fn markup_of(text_info: Option<Value>, notes: &mut Vec<String>) -> Option<String> {
    match text_info? {
        Value::Object(mut fields) => match fields.remove("markup") {
            Some(Value::String(markup)) => Some(markup),
            _ => None,
        },
        Value::String(markup) if !markup.trim().is_empty() => {
            notes.push("textInfo is a plain string; read as the markup".to_string());
            Some(markup)
        }
        _ => None,
    }
}

/// One spelling per country for comparisons. The gold records and the public dictionaries use a
/// few legacy or non-ISO codes (`JAP`, `ITL`, `VTN`; `SCG` and `YUG` for Serbia in years when
/// the state had another name; `NGO` where the records mostly say `IGO` for any international
/// organisation); both sides of a comparison go through this.
pub fn canonical_country(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "SCG" | "YUG" => "SRB",
        "ROM" => "ROU",
        "ZAR" => "COD",
        "BUR" => "MMR",
        "TMP" => "TLS",
        "KSV" | "KOS" => "XKX",
        "PAL" => "PSE",
        "NGO" => "IGO",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
 {"id": "DOC", "event": "DOCUMENT", "eventText": "about this file"},
 {"id": "R1", "date": "2000-01-01", "event": "AGREE", "eventText": "agreed",
  "source": [{"actorText": "United States", "code": "USA"}, {"actorText": "UN", "code": "igo", "sector": "GOV"}],
  "target": "", "mode": "", "context": "economic", "text": "They agreed.",
  "textInfo": {"markup": "(SRC: They) (EVT: agreed)."}},
 {"id": "R2", "date": "2000-01-02", "event": "FIGHT", "source": [], "target": null, "text": "Fighting."},
 {"id": "R3", "date": "2000-01-03", "event": "AID", "source": [], "text": "Aid.",
  "target": [{"actorText": "Iraq", "code": "IRQ", "sector": "***"}]}
]"#;

    #[test]
    fn reads_records_and_skips_documentation() {
        let records = parse_plover_json(SAMPLE, "gsr.json").unwrap();
        assert_eq!(records.len(), 3);
        let first = &records[0];
        assert_eq!(first.event, "AGREE");
        assert_eq!(first.date, NaiveDate::from_ymd_opt(2000, 1, 1).unwrap());
        assert_eq!(first.sources.len(), 2);
        assert_eq!(first.sources[1].sector.as_deref(), Some("GOV"));
        assert_eq!(first.source_countries().into_iter().collect::<Vec<_>>(), ["IGO", "USA"]);
        assert!(first.targets.is_empty());
        assert_eq!(first.mode, None);
        assert_eq!(first.context.as_deref(), Some("economic"));
        assert_eq!(first.markup.as_deref(), Some("(SRC: They) (EVT: agreed)."));
        assert!(records[1].targets.is_empty());
        assert_eq!(records[2].target_countries().into_iter().collect::<Vec<_>>(), ["IRQ"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let missing_date = "[\n{\"id\": \"R1\", \"event\": \"AGREE\",\n \"text\": \"x\"}\n]";
        let err = parse_plover_json(missing_date, "gsr.json").unwrap_err();
        assert_eq!((err.file(), err.line()), ("gsr.json", Some(3)));
        assert!(err.to_string().contains("record R1: no date"), "{err}");
        assert!(!err.to_string().contains("column"), "{err}");

        let bad_target = "[\n{\"id\": \"R1\", \"event\": \"AGREE\", \"date\": \"2000-01-01\", \"text\": \"x\",\n \"target\": \"Iraq\"}]";
        assert_eq!(parse_plover_json(bad_target, "gsr.json").unwrap_err().line(), Some(3));

        assert!(parse_plover_json("{}", "gsr.json").is_err());
        assert!(parse_plover_json("[1, 2", "gsr.json").is_err());
    }
}

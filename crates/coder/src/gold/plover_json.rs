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

use super::{read_text, GoldError};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
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

/// Reads a PLOVER gold-standard file. See [`parse_plover_json`].
pub fn read_plover_json(path: impl AsRef<Path>) -> Result<Vec<PloverRecord>, GoldError> {
    let (file, text) = read_text(path.as_ref())?;
    parse_plover_json(&text, &file)
}

/// Reads PLOVER gold-standard JSON from text; `file` names it in errors. A record that lacks an
/// id, date, event or text is an error pointing at the line where the record ends.
pub fn parse_plover_json(text: &str, file: &str) -> Result<Vec<PloverRecord>, GoldError> {
    let entries: Vec<Entry> = serde_json::from_str(text).map_err(|err| {
        let line = err.line().max(1);
        let message = err.to_string();
        // serde_json appends the position, which the error already carries as its line.
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_string(),
            None => message,
        };
        GoldError::invalid(file, line, message)
    })?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| match entry {
            Entry::Record(record) => Some(*record),
            Entry::Documentation => None,
        })
        .collect())
}

/// One element of the file's array.
enum Entry {
    Documentation,
    Record(Box<PloverRecord>),
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
                Entry::try_from(raw).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_map(EntryVisitor)
    }
}

#[derive(Deserialize)]
struct RawRecord {
    id: Option<String>,
    date: Option<String>,
    event: Option<String>,
    #[serde(rename = "eventText")]
    event_text: Option<String>,
    text: Option<String>,
    #[serde(default, deserialize_with = "actor_list")]
    source: Vec<PloverActor>,
    #[serde(default, deserialize_with = "actor_list")]
    target: Vec<PloverActor>,
    mode: Option<String>,
    context: Option<String>,
    #[serde(rename = "textInfo")]
    text_info: Option<TextInfo>,
    comment: Option<String>,
}

#[derive(Deserialize)]
struct TextInfo {
    markup: Option<String>,
}

impl TryFrom<RawRecord> for Entry {
    type Error = String;

    fn try_from(raw: RawRecord) -> Result<Entry, String> {
        let event = raw.event.map(|e| e.trim().to_string()).unwrap_or_default();
        if event == "DOCUMENT" {
            return Ok(Entry::Documentation);
        }
        let id = raw.id.filter(|id| !id.trim().is_empty()).ok_or("a record without an id")?;
        let missing = |what: &str| format!("record {id}: no {what}");
        if event.is_empty() {
            return Err(missing("event"));
        }
        let date_text = raw.date.ok_or_else(|| missing("date"))?;
        let date = NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d")
            .map_err(|_| format!("record {id}: date \"{date_text}\" is not YYYY-MM-DD"))?;
        let text = raw.text.ok_or_else(|| missing("text"))?;
        let non_empty = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Ok(Entry::Record(Box::new(PloverRecord {
            id,
            date,
            text,
            event,
            event_text: raw.event_text.unwrap_or_default(),
            sources: raw.source,
            targets: raw.target,
            mode: non_empty(raw.mode),
            context: non_empty(raw.context),
            markup: raw.text_info.and_then(|info| info.markup),
            comment: non_empty(raw.comment),
        })))
    }
}

/// A list of actors, or `""` / `null` for none.
fn actor_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<PloverActor>, D::Error> {
    struct ActorList;

    impl<'de> Visitor<'de> for ActorList {
        type Value = Vec<PloverActor>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of actors, or \"\" for none")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut actors = Vec::new();
            while let Some(actor) = seq.next_element::<PloverActor>()? {
                actors.push(actor);
            }
            Ok(actors)
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            if value.trim().is_empty() {
                Ok(Vec::new())
            } else {
                Err(E::invalid_value(de::Unexpected::Str(value), &self))
            }
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
    }

    deserializer.deserialize_any(ActorList)
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

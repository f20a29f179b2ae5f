//! Reference sets coded by hand for tripwire: the real-news set (`data/eval/realnews.jsonl`) and
//! the analytic paragraphs (`data/eval/analytic.jsonl`).
//!
//! Both are JSON Lines, one record a line, and both reduce to the same thing: a list of
//! [`ReferenceSentence`]s, each a character span of an article's text with the events a trained
//! coder wrote for it, and the [`ReferenceArticle`]s the spans point into.
//!
//! * A real-news line is a *reference* into the shared news data, which the repository must not
//!   copy: `{"id", "file", "key", "date", "sentence", "start", "end", "hash", "part", "events"}`.
//!   `file` is relative to the news folder (`wikinews/wikinews_2019.csv`,
//!   `reuters21578/reut2-000.sgm`), `key` the article's URL or the story's NEWID, `start..end` the
//!   sentence's character span in the article text as the file has it (the CSV `text` field; the
//!   raw content of the Reuters `<BODY>`, read as Latin-1), and `hash` the FNV-1a 64 hash of the
//!   sentence, 16 hex digits, which [`resolve_texts`] checks so that a changed file is noticed.
//! * An analytic line is a paragraph of our own: `{"id", "region", "kind", "date", "sentences",
//!   "events"}`, where each event names its sentence by index. Its text is the sentences joined
//!   by single spaces.
//!
//! Every event is `{"code", "source", "target"}`: a CAMEO event code, a source actor code and a
//! target actor code (empty when the act has no one on the receiving end). A sentence belongs to
//! the `dev` part when the FNV-1a 64 hash of its id is even, else to `test` ([`part_of`]); the
//! real-news lines store the part and the reader checks it.
//!
//! A line that cannot be used is skipped and kept in [`ReferenceSet::skipped`] as an error naming
//! the file and line; the lines after it are still read. Scoring is in [`score`].

mod news;
pub mod score;

pub use news::resolve_texts;
pub use score::{score_reference_set, score_with_coder, CodedEvent, Level, LevelScore, PartFigures, ReferenceReport};

use super::{read_text, GoldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The dev or test half of a reference set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Dev,
    Test,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Dev => "dev",
            Part::Test => "test",
        }
    }
}

/// The fixed split: `dev` when the FNV-1a 64 hash of the sentence id is even.
pub fn part_of(sentence_id: &str) -> Part {
    if fnv1a64(sentence_id).is_multiple_of(2) {
        Part::Dev
    } else {
        Part::Test
    }
}

/// FNV-1a, 64 bits, over the UTF-8 bytes: short, stable across languages (the selection script
/// computes the same), and enough to notice that a referenced sentence changed.
pub fn fnv1a64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// One event as the reference codes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceEvent {
    pub code: String,
    pub source: String,
    #[serde(default)]
    pub target: String,
}

/// Where an article's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextSource {
    /// Written in the reference file itself (the analytic paragraphs).
    Own,
    /// An article of the shared news data: its file, relative to the news folder, and its key.
    Shared { file: String, key: String },
}

/// An article that reference sentences point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceArticle {
    /// The URL or NEWID for shared news; the paragraph id for analytic paragraphs.
    pub id: String,
    pub date: NaiveDate,
    pub source: TextSource,
    /// The article text; for shared news, `None` until [`resolve_texts`] has read it.
    pub text: Option<String>,
}

/// One hand-coded sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceSentence {
    pub id: String,
    pub part: Part,
    /// Index into [`ReferenceSet::articles`].
    pub article: usize,
    /// Character offsets `[start, end)` in the article text.
    pub span: [usize; 2],
    /// FNV-1a 64 of the sentence text; `None` for our own paragraphs, whose text is in the file.
    pub hash: Option<u64>,
    /// The line of the reference file it was read from.
    pub line: usize,
    pub events: Vec<ReferenceEvent>,
    /// Whether the text behind the span is known and, for shared news, matches the hash.
    pub resolved: bool,
}

/// A reference file, read.
#[derive(Debug, Default)]
pub struct ReferenceSet {
    /// The file as it was named to the reader.
    pub file: String,
    pub articles: Vec<ReferenceArticle>,
    pub sentences: Vec<ReferenceSentence>,
    /// Lines that could not be used, each an error naming the file and line.
    pub skipped: Vec<GoldError>,
}

impl ReferenceSet {
    /// The text of a sentence, when its article text is known.
    pub fn text_of(&self, sentence: &ReferenceSentence) -> Option<&str> {
        let text = self.articles.get(sentence.article)?.text.as_deref()?;
        char_slice(text, sentence.span)
    }

    /// Whether any sentence points into the shared news data.
    pub fn needs_shared_text(&self) -> bool {
        self.articles.iter().any(|a| matches!(a.source, TextSource::Shared { .. }))
    }
}

/// The slice of `text` between two character offsets, or `None` when they are out of range.
pub fn char_slice(text: &str, span: [usize; 2]) -> Option<&str> {
    let [start, end] = span;
    if start > end {
        return None;
    }
    let mut offsets = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let from = offsets.nth(start)?;
    let to = if end == start { from } else { offsets.nth(end - start - 1)? };
    Some(&text[from..to])
}

/// Reads a reference file. Fails only when the file cannot be read or holds no usable line; a bad
/// line is skipped and kept in [`ReferenceSet::skipped`].
pub fn read_reference_set(path: &Path) -> Result<ReferenceSet, GoldError> {
    let (file, text) = read_text(path)?;
    parse_reference_set(&text, &file)
}

/// As [`read_reference_set`], from text already in memory; `file` names it in errors.
pub fn parse_reference_set(text: &str, file: &str) -> Result<ReferenceSet, GoldError> {
    let mut reader =
        LineReader { set: ReferenceSet { file: file.to_string(), ..ReferenceSet::default() }, ids: HashSet::new() };
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        if let Err(message) = reader.line(line, number) {
            reader.set.skipped.push(GoldError::invalid(file, number, message));
        }
    }
    if reader.set.sentences.is_empty() {
        let why = match reader.set.skipped.first() {
            None => "no records".to_string(),
            Some(first) => format!("no usable records; the first bad one: {first}"),
        };
        return Err(GoldError::invalid(file, text.lines().count().max(1), why));
    }
    Ok(reader.set)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewsLine {
    id: String,
    file: String,
    key: String,
    date: String,
    sentence: usize,
    start: usize,
    end: usize,
    hash: String,
    part: Part,
    events: Vec<ReferenceEvent>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParagraphLine {
    id: String,
    #[allow(dead_code)]
    region: String,
    #[allow(dead_code)]
    kind: String,
    date: String,
    sentences: Vec<String>,
    events: Vec<ParagraphEvent>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParagraphEvent {
    sentence: usize,
    code: String,
    source: String,
    #[serde(default)]
    target: String,
}

struct LineReader {
    set: ReferenceSet,
    ids: HashSet<String>,
}

impl LineReader {
    fn line(&mut self, line: &str, number: usize) -> Result<(), String> {
        let value: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        if value.get("sentences").is_some() {
            let paragraph: ParagraphLine =
                serde_json::from_value(value).map_err(|e| format!("not an analytic paragraph: {e}"))?;
            self.paragraph(paragraph, number)
        } else {
            let reference: NewsLine =
                serde_json::from_value(value).map_err(|e| format!("not a news reference: {e}"))?;
            self.reference(reference, number)
        }
    }

    fn reference(&mut self, line: NewsLine, number: usize) -> Result<(), String> {
        let date = parse_date(&line.date)?;
        if line.start >= line.end {
            return Err(format!("empty span {}..{}", line.start, line.end));
        }
        let hash = u64::from_str_radix(&line.hash, 16)
            .ok()
            .filter(|_| line.hash.len() == 16)
            .ok_or_else(|| format!("hash {:?} is not 16 hex digits", line.hash))?;
        let expected_id = format!("{}#{}#{}", line.file, line.key, line.sentence);
        if line.id != expected_id {
            return Err(format!("id {:?} should be {expected_id:?}", line.id));
        }
        if line.part != part_of(&line.id) {
            return Err(format!(
                "part {:?} disagrees with the split rule ({})",
                line.part.name(),
                part_of(&line.id).name()
            ));
        }
        check_events(&line.events)?;
        self.claim_id(&line.id)?;
        let article = self.shared_article(&line.file, &line.key, date)?;
        self.set.sentences.push(ReferenceSentence {
            id: line.id,
            part: line.part,
            article,
            span: [line.start, line.end],
            hash: Some(hash),
            line: number,
            events: line.events,
            resolved: false,
        });
        Ok(())
    }

    fn paragraph(&mut self, line: ParagraphLine, number: usize) -> Result<(), String> {
        let date = parse_date(&line.date)?;
        if line.sentences.is_empty() || line.sentences.iter().any(|s| s.trim().is_empty()) {
            return Err("a paragraph needs sentences, none of them empty".into());
        }
        if let Some(bad) = line.events.iter().find(|e| e.sentence >= line.sentences.len()) {
            return Err(format!("event names sentence {} of {}", bad.sentence, line.sentences.len()));
        }
        let events: Vec<ReferenceEvent> = line
            .events
            .iter()
            .map(|e| ReferenceEvent { code: e.code.clone(), source: e.source.clone(), target: e.target.clone() })
            .collect();
        check_events(&events)?;
        let ids: Vec<String> = (0..line.sentences.len()).map(|i| format!("analytic:{}#{i}", line.id)).collect();
        if let Some(taken) = ids.iter().find(|id| self.ids.contains(*id)) {
            return Err(format!("id {taken:?} appears twice"));
        }
        self.ids.extend(ids.iter().cloned());
        let article = self.set.articles.len();
        let mut start = 0;
        for (index, (sentence, id)) in line.sentences.iter().zip(ids).enumerate() {
            let end = start + sentence.chars().count();
            let events = line
                .events
                .iter()
                .zip(&events)
                .filter(|(raw, _)| raw.sentence == index)
                .map(|(_, event)| event.clone())
                .collect();
            let part = part_of(&id);
            self.set.sentences.push(ReferenceSentence {
                id,
                part,
                article,
                span: [start, end],
                hash: None,
                line: number,
                events,
                resolved: true,
            });
            start = end + 1;
        }
        let text = line.sentences.join(" ");
        self.set.articles.push(ReferenceArticle { id: line.id, date, source: TextSource::Own, text: Some(text) });
        Ok(())
    }

    fn claim_id(&mut self, id: &str) -> Result<(), String> {
        if self.ids.insert(id.to_string()) {
            Ok(())
        } else {
            Err(format!("id {id:?} appears twice"))
        }
    }

    fn shared_article(&mut self, file: &str, key: &str, date: NaiveDate) -> Result<usize, String> {
        let found = self.set.articles.iter().position(|a| match &a.source {
            TextSource::Shared { file: f, key: k } => f == file && k == key,
            TextSource::Own => false,
        });
        match found {
            Some(index) if self.set.articles[index].date == date => Ok(index),
            Some(index) => {
                Err(format!("date {date} differs from {} given earlier for {key}", self.set.articles[index].date))
            }
            None => {
                self.set.articles.push(ReferenceArticle {
                    id: key.to_string(),
                    date,
                    source: TextSource::Shared { file: file.to_string(), key: key.to_string() },
                    text: None,
                });
                Ok(self.set.articles.len() - 1)
            }
        }
    }
}

fn parse_date(date: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| format!("date {date:?} is not YYYY-MM-DD"))
}

/// Codes must be CAMEO codes the ontology knows; actor codes upper-case letters (and `-` for a
/// missing country), the source never empty.
fn check_events(events: &[ReferenceEvent]) -> Result<(), String> {
    let actor_ok = |code: &str| code.len() >= 3 && code.bytes().all(|b| b.is_ascii_uppercase() || b == b'-');
    for event in events {
        if tripwire_ontology::event_type(&event.code).is_err() {
            return Err(format!("{:?} is not a CAMEO event code", event.code));
        }
        if !actor_ok(&event.source) {
            return Err(format!("source {:?} is not an actor code", event.source));
        }
        if !event.target.is_empty() && !actor_ok(&event.target) {
            return Err(format!("target {:?} is not an actor code", event.target));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_published_test_vectors() {
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn char_slices_count_characters_not_bytes() {
        assert_eq!(char_slice("Erdoğan met Putin.", [0, 7]), Some("Erdoğan"));
        assert_eq!(char_slice("Erdoğan met Putin.", [8, 11]), Some("met"));
        assert_eq!(char_slice("abc", [1, 3]), Some("bc"));
        assert_eq!(char_slice("abc", [3, 3]), Some(""));
        assert_eq!(char_slice("abc", [2, 4]), None);
        assert_eq!(char_slice("abc", [2, 1]), None);
    }
}

//! Records of a native file turned into the dictionary model.

use super::codes;
use super::lines::{self, Line, Record};
use super::words;
use crate::error::{DictionaryError, Result};
use crate::model::{
    ActorEntry, AgentEntry, AgentPlacement, DateRange, DatedCode, Dictionaries, Discard, IssueEntry, NounEntry, Origin,
    PatternItem, Phrase, VerbEntry, VerbPattern, Word,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

const RECORD_KINDS: &str = "country, actor, person, agent, verb, noun, synset, discard or issue";

/// The file being read, for origins and errors.
pub(super) struct Source {
    file: Arc<str>,
}

impl Source {
    pub fn new(file: &str) -> Source {
        Source { file: Arc::from(file) }
    }

    fn origin(&self, line: u32) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    fn error(&self, line: u32, message: impl Into<String>) -> DictionaryError {
        DictionaryError::syntax(PathBuf::from(&*self.file), line, message)
    }

    /// Attaches file and line to a message-only result.
    fn at<T>(&self, line: u32, result: std::result::Result<T, String>) -> Result<T> {
        result.map_err(|message| self.error(line, message))
    }
}

/// One file's dictionaries, and where each synset was defined (the model keeps no origin for
/// synsets, but combining files must name both lines of a duplicate).
pub(super) struct Parsed {
    pub dictionaries: Dictionaries,
    pub synset_origins: Vec<(Box<str>, Origin)>,
}

pub(super) fn parse(text: &str, source: &Source) -> Result<Parsed> {
    let records = lines::records(text).map_err(|error| source.error(error.line, error.message))?;
    let mut reader = Reader {
        source,
        dictionaries: Dictionaries::default(),
        synset_lines: BTreeMap::new(),
        country_lines: HashMap::new(),
    };
    for record in &records {
        reader.record(record)?;
    }
    let synset_origins = reader.synset_lines.into_iter().map(|(name, line)| (name, source.origin(line))).collect();
    Ok(Parsed { dictionaries: reader.dictionaries, synset_origins })
}

struct Reader<'s> {
    source: &'s Source,
    dictionaries: Dictionaries,
    synset_lines: BTreeMap<Box<str>, u32>,
    country_lines: HashMap<Box<str>, u32>,
}

impl Reader<'_> {
    fn record(&mut self, record: &Record<'_>) -> Result<()> {
        match record.head.keyword() {
            "country" => self.country(record),
            "actor" => self.actor(record),
            "person" => self.person(record),
            "agent" => self.agent(record),
            "verb" => self.verb(record),
            "noun" => self.noun(record),
            "synset" => self.synset(record),
            "discard" => self.discard(record),
            "issue" => self.issue(record),
            other => Err(self
                .source
                .error(record.head.number, format!("unknown record kind `{other}` (expected {RECORD_KINDS})"))),
        }
    }

    fn phrase(&self, line: u32, written: &[&str]) -> Result<Phrase> {
        self.source.at(line, words::phrase(written))
    }

    /// The phrase a field carries (`alias PHRASE`).
    fn field_phrase(&self, field: &Line<'_>) -> Result<Phrase> {
        if field.arguments().is_empty() {
            return Err(self.source.error(field.number, format!("`{}` needs a phrase", field.keyword())));
        }
        self.phrase(field.number, field.arguments())
    }

    /// `cased US`: a name that only counts when written in capitals.
    fn cased_phrase(&self, field: &Line<'_>) -> Result<Phrase> {
        let phrase = self.field_phrase(field)?;
        Ok(Phrase(
            phrase
                .0
                .into_iter()
                .map(|word| match word {
                    Word::Exact(w) | Word::Cased(w) => Word::Cased(w),
                    stem @ Word::Stem(_) => stem,
                })
                .collect(),
        ))
    }

    fn unknown_field(&self, kind: &str, field: &Line<'_>, expected: &str) -> DictionaryError {
        self.source.error(field.number, format!("`{kind}` has no field `{}` (expected {expected})", field.keyword()))
    }

    fn no_fields(&self, kind: &str, record: &Record<'_>) -> Result<()> {
        match record.fields.first() {
            Some(field) => Err(self.source.error(field.number, format!("`{kind}` takes no fields"))),
            None => Ok(()),
        }
    }

    /// `CODE RANGE` of a `code` or `role` field.
    fn dated_code(&self, field: &Line<'_>) -> Result<DatedCode> {
        let [code, range] = field.arguments() else {
            return Err(self.source.error(
                field.number,
                format!("`{}` needs a code and a date range: `{} CODE FROM..UNTIL`", field.keyword(), field.keyword()),
            ));
        };
        Ok(DatedCode {
            code: self.source.at(field.number, codes::actor_code(code))?,
            when: self.source.at(field.number, codes::date_range(range))?,
        })
    }

    /// `country CODE Name`: the state under its names, plus its capitals and other metonyms as a
    /// separate place entry with the same code.
    fn country(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let Some((code, name)) = record.head.arguments().split_first() else {
            return Err(self.source.error(line, "`country` needs a code and a name: `country CODE Name`"));
        };
        let code = self.source.at(line, codes::country_code(code))?;
        if name.is_empty() {
            return Err(self.source.error(line, format!("`country {code}` needs a name")));
        }
        if let Some(first) = self.country_lines.insert(code.clone(), line) {
            return Err(self.source.error(line, format!("country `{code}` is already defined on line {first}")));
        }
        let mut names = vec![self.phrase(line, name)?];
        let mut places = Vec::new();
        let mut first_place_line = None;
        for field in &record.fields {
            match field.keyword() {
                "alias" | "adjective" | "demonym" => names.push(self.field_phrase(field)?),
                "cased" => names.push(self.cased_phrase(field)?),
                "capital" | "place" => {
                    places.push(self.field_phrase(field)?);
                    first_place_line.get_or_insert(field.number);
                }
                _ => {
                    return Err(self.unknown_field(
                        "country",
                        field,
                        "alias, cased, adjective, demonym, capital or place",
                    ))
                }
            }
        }
        let (names, places) = (without_repeats(names), without_repeats(places));
        let codes = vec![DatedCode { code, when: DateRange::ALWAYS }];
        if let Some(place_line) = first_place_line {
            let origin = self.source.origin(place_line);
            self.dictionaries.actors.push(ActorEntry {
                phrases: names,
                codes: codes.clone(),
                is_place: false,
                origin: self.source.origin(line),
            });
            self.dictionaries.actors.push(ActorEntry { phrases: places, codes, is_place: true, origin });
        } else {
            self.dictionaries.actors.push(ActorEntry {
                phrases: names,
                codes,
                is_place: false,
                origin: self.source.origin(line),
            });
        }
        Ok(())
    }

    /// `actor CODE Name`: dated `code` fields come first, so they win on their dates; the
    /// record's own code is the undated fallback.
    fn actor(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let Some((code, name)) = record.head.arguments().split_first() else {
            return Err(self.source.error(line, "`actor` needs a code and a name: `actor CODE Name`"));
        };
        let code = self.source.at(line, codes::actor_code(code))?;
        if name.is_empty() {
            return Err(self.source.error(line, format!("`actor {code}` needs a name")));
        }
        let mut phrases = vec![self.phrase(line, name)?];
        let mut dated = Vec::new();
        for field in &record.fields {
            match field.keyword() {
                "alias" => phrases.push(self.field_phrase(field)?),
                "cased" => phrases.push(self.cased_phrase(field)?),
                "code" => dated.push(self.dated_code(field)?),
                _ => return Err(self.unknown_field("actor", field, "alias, cased or code")),
            }
        }
        dated.push(DatedCode { code, when: DateRange::ALWAYS });
        self.dictionaries.actors.push(ActorEntry {
            phrases: without_repeats(phrases),
            codes: dated,
            is_place: false,
            origin: self.source.origin(line),
        });
        Ok(())
    }

    /// `person Name` with dated roles; a person is only an actor while a role holds.
    fn person(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let name = record.head.arguments();
        if name.is_empty() {
            return Err(self.source.error(line, "`person` needs a name: `person Name`"));
        }
        let mut phrases = vec![self.phrase(line, name)?];
        let mut roles = Vec::new();
        for field in &record.fields {
            match field.keyword() {
                "alias" => phrases.push(self.field_phrase(field)?),
                "cased" => phrases.push(self.cased_phrase(field)?),
                "role" => roles.push(self.dated_code(field)?),
                _ => return Err(self.unknown_field("person", field, "alias, cased or role")),
            }
        }
        if roles.is_empty() {
            return Err(self.source.error(line, "a `person` needs at least one `role CODE FROM..UNTIL`"));
        }
        self.dictionaries.actors.push(ActorEntry {
            phrases: without_repeats(phrases),
            codes: roles,
            is_place: false,
            origin: self.source.origin(line),
        });
        Ok(())
    }

    /// `agent CODE` with its `word`s and an optional `prefix` flag.
    fn agent(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let [code] = record.head.arguments() else {
            return Err(self.source.error(line, "`agent` needs exactly one code: `agent CODE`"));
        };
        let code = self.source.at(line, codes::agent_code(code))?;
        let mut phrases = Vec::new();
        let mut placement = AgentPlacement::Suffix;
        for field in &record.fields {
            match field.keyword() {
                "word" => phrases.push(self.field_phrase(field)?),
                "prefix" => {
                    if !field.arguments().is_empty() {
                        return Err(self.source.error(field.number, "`prefix` takes no value"));
                    }
                    placement = AgentPlacement::Prefix;
                }
                _ => return Err(self.unknown_field("agent", field, "word or prefix")),
            }
        }
        if phrases.is_empty() {
            return Err(self.source.error(line, format!("`agent {code}` has no `word`")));
        }
        let phrases = without_repeats(phrases);
        self.dictionaries.agents.push(AgentEntry { phrases, code, placement, origin: self.source.origin(line) });
        Ok(())
    }

    /// `synset NAME` with its `word`s.
    fn synset(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let [name] = record.head.arguments() else {
            return Err(self.source.error(line, "`synset` needs exactly one name: `synset NAME`"));
        };
        let name = self.source.at(line, codes::name(name))?;
        let mut phrases = Vec::new();
        for field in &record.fields {
            match field.keyword() {
                "word" => phrases.push(self.field_phrase(field)?),
                _ => return Err(self.unknown_field("synset", field, "word")),
            }
        }
        if phrases.is_empty() {
            return Err(self.source.error(line, format!("`synset {name}` has no `word`")));
        }
        if let Some(first) = self.synset_lines.insert(name.clone(), line) {
            return Err(self.source.error(line, format!("synset `{name}` is already defined on line {first}")));
        }
        self.dictionaries.synsets.insert(name, without_repeats(phrases));
        Ok(())
    }

    /// `discard sentence PHRASE` or `discard story PHRASE`.
    fn discard(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let story = match record.head.arguments().first() {
            Some(&"sentence") => false,
            Some(&"story") => true,
            _ => return Err(self.source.error(line, "expected `discard sentence PHRASE` or `discard story PHRASE`")),
        };
        self.no_fields("discard", record)?;
        let phrase = self.phrase(line, record.head.arguments().get(1..).unwrap_or_default())?;
        self.dictionaries.discards.push(Discard { phrase, story, origin: self.source.origin(line) });
        Ok(())
    }

    /// `issue CODE PHRASE`.
    fn issue(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let Some((code, phrase)) = record.head.arguments().split_first() else {
            return Err(self.source.error(line, "`issue` needs a code and a phrase: `issue CODE PHRASE`"));
        };
        let code = self.source.at(line, codes::name(code))?;
        self.no_fields("issue", record)?;
        let phrase = self.phrase(line, phrase)?;
        self.dictionaries.issues.push(IssueEntry { phrase, code, origin: self.source.origin(line) });
        Ok(())
    }

    /// `noun CODE PHRASE` with any number of `form PHRASE` fields.
    fn noun(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let Some((code, head)) = record.head.arguments().split_first().filter(|(_, head)| !head.is_empty()) else {
            return Err(self.source.error(line, "`noun` needs a code and a phrase: `noun CODE PHRASE`"));
        };
        let code = self.source.at(line, codes::event_code(code))?;
        let mut phrases = vec![self.phrase(line, head)?];
        for field in &record.fields {
            match field.keyword() {
                "form" => phrases.push(self.field_phrase(field)?),
                _ => return Err(self.unknown_field("noun", field, "form")),
            }
        }
        let phrases = without_repeats(phrases);
        self.dictionaries.nouns.push(NounEntry { phrases, code, origin: self.source.origin(line) });
        Ok(())
    }

    /// `verb LEMMA FORM...` with an optional `code` and any number of `pattern`s.
    fn verb(&mut self, record: &Record<'_>) -> Result<()> {
        let line = record.head.number;
        let written = record.head.arguments();
        let Some(lemma) = written.first() else {
            return Err(self.source.error(line, "`verb` needs a lemma: `verb LEMMA FORM...`"));
        };
        let mut forms = Vec::with_capacity(written.len());
        for form in written {
            forms.push(self.source.at(line, words::verb_form(form))?);
        }
        let forms = without_repeats(forms);
        let block = forms
            .first()
            .map(|lemma| lemma.0.iter().map(|word| word.text()).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
            .into_boxed_str();
        let mut code = None;
        let mut patterns = Vec::new();
        for field in &record.fields {
            match field.keyword() {
                "code" => {
                    let [written_code] = field.arguments() else {
                        return Err(self.source.error(field.number, "`code` needs exactly one event code"));
                    };
                    if code.is_some() {
                        return Err(self.source.error(field.number, format!("verb `{lemma}` has a second `code`")));
                    }
                    code = Some(self.source.at(field.number, codes::event_code(written_code))?);
                }
                "pattern" => patterns.push(self.pattern(field)?),
                _ => return Err(self.unknown_field("verb", field, "code or pattern")),
            }
        }
        if code.is_none() && patterns.is_empty() {
            return Err(self.source.error(line, format!("verb `{lemma}` has neither a `code` nor a `pattern`")));
        }
        self.dictionaries.verbs.push(VerbEntry { block, forms, code, patterns, origin: self.source.origin(line) });
        Ok(())
    }

    /// `pattern CODE ITEMS...`.
    fn pattern(&self, field: &Line<'_>) -> Result<VerbPattern> {
        let line = field.number;
        let Some((code, items)) = field.arguments().split_first() else {
            return Err(self.source.error(line, "`pattern` needs a code and items: `pattern CODE ITEMS...`"));
        };
        let code = self.source.at(line, codes::event_code(code))?;
        let items = self.source.at(line, pattern_items(items))?;
        Ok(VerbPattern {
            before: items.before,
            after: items.after,
            verb_joined: items.verb_joined,
            code,
            origin: self.source.origin(line),
        })
    }
}

/// The phrases without repeats, in written order.
fn without_repeats(phrases: Vec<Phrase>) -> Vec<Phrase> {
    let mut seen = HashSet::with_capacity(phrases.len());
    phrases.into_iter().filter(|phrase| seen.insert(phrase.clone())).collect()
}

#[derive(Debug, Default)]
struct PatternItems {
    before: Vec<PatternItem>,
    after: Vec<PatternItem>,
    verb_joined: bool,
}

/// The items of a pattern around its `*`. `_` between two items ties the left one to the next
/// token; actor markers carry no such flag, so `$_x` cannot be written (the verb can: `*_out`).
fn pattern_items(written: &[&str]) -> std::result::Result<PatternItems, String> {
    let mut items = PatternItems::default();
    let mut seen_verb = false;
    let mut seen_markers: Vec<&str> = Vec::new();
    for token in written {
        let pieces: Vec<&str> = token.split('_').collect();
        for (index, piece) in pieces.iter().enumerate() {
            let joined = index + 1 < pieces.len();
            if piece.is_empty() {
                return Err(format!("`{token}`: empty item around `_`"));
            }
            let side = if seen_verb { &mut items.after } else { &mut items.before };
            match *piece {
                "*" => {
                    if seen_verb {
                        return Err("a pattern has exactly one `*` (the verb); this one has two".to_string());
                    }
                    seen_verb = true;
                    items.verb_joined = joined;
                }
                "$" | "+" | "%" => {
                    if joined {
                        return Err(format!("`{token}`: `{piece}` cannot be joined to the next item with `_`"));
                    }
                    if seen_markers.contains(piece) {
                        return Err(format!("`{piece}` appears twice in the pattern"));
                    }
                    seen_markers.push(piece);
                    side.push(match *piece {
                        "$" => PatternItem::Source,
                        "+" => PatternItem::Target,
                        _ => PatternItem::Compound,
                    });
                }
                synset if synset.starts_with('&') => {
                    let name = codes::name(synset.get(1..).unwrap_or_default())
                        .map_err(|message| format!("`{synset}`: {message}"))?;
                    side.push(PatternItem::Synset { name, joined });
                }
                literal => {
                    let words = words::word(literal)?;
                    let count = words.len();
                    for (position, word) in words.into_iter().enumerate() {
                        // The tokens of one written word ("country's") are adjacent in text.
                        let joined = joined || position + 1 < count;
                        side.push(PatternItem::Word { word, joined });
                    }
                }
            }
        }
    }
    if !seen_verb {
        return Err("a pattern needs a `*` where the verb goes".to_string());
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Word;

    fn items(written: &str) -> std::result::Result<PatternItems, String> {
        pattern_items(&written.split_whitespace().collect::<Vec<_>>())
    }

    fn exact(text: &str, joined: bool) -> PatternItem {
        PatternItem::Word { word: Word::Exact(text.into()), joined }
    }

    #[test]
    fn items_split_around_the_verb() {
        let parsed = items("$ * sanction* on +").unwrap();
        assert_eq!(parsed.before, [PatternItem::Source]);
        assert_eq!(
            parsed.after,
            [
                PatternItem::Word { word: Word::Stem("SANCTION".into()), joined: false },
                exact("ON", false),
                PatternItem::Target
            ]
        );
        assert!(!parsed.verb_joined);
    }

    #[test]
    fn underscores_require_adjacency() {
        let parsed = items("did_not_* *_out &WEAPON_against % ").unwrap_err();
        assert!(parsed.contains("two"), "{parsed}");
        let parsed = items("did_not_* out_to &weapon_against %").unwrap();
        assert_eq!(parsed.before, [exact("DID", true), exact("NOT", true)]);
        assert_eq!(
            parsed.after,
            [
                exact("OUT", true),
                exact("TO", false),
                PatternItem::Synset { name: "WEAPON".into(), joined: true },
                exact("AGAINST", false),
                PatternItem::Compound
            ]
        );
        assert!(items("*_+").unwrap().verb_joined);
    }

    #[test]
    fn clitics_inside_a_pattern_word_stay_adjacent() {
        let parsed = items("* country's +").unwrap();
        assert_eq!(parsed.after, [exact("COUNTRY", true), exact("'S", false), PatternItem::Target]);
    }

    #[test]
    fn bad_patterns_are_refused() {
        for written in
            ["$ sanctions +", "* + * ", "$_* +", "* +_on", "* __ +", "* & +", "* &a_b_ +", "$ $ *", "* + +", "* a_"]
        {
            assert!(items(written).is_err(), "{written}");
        }
    }
}

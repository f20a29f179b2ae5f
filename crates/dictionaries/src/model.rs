//! The in-memory dictionary model shared by every reader (our native format and the PETRARCH/TABARI
//! formats) and consumed by the coder. Readers produce a [`Dictionaries`]; nothing downstream needs
//! to know which file format an entry came from, only where (its [`Origin`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where an entry was read: file and 1-based line. Carried into every coded event's provenance.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    pub file: Arc<str>,
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One word of a dictionary phrase, already upper-cased.
///
/// `Exact` matches a whole token; `Stem` matches any token that starts with it (TABARI/PETRARCH
/// convention: a word written without a trailing `_` in an actor phrase is a stem, so `ARGENTIN`
/// covers ARGENTINA and ARGENTINIAN).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Word {
    Exact(Box<str>),
    Stem(Box<str>),
    /// A whole token that must be written in capitals in the text: `US` the country, not "us".
    Cased(Box<str>),
}

impl Word {
    pub fn text(&self) -> &str {
        match self {
            Word::Exact(w) | Word::Stem(w) | Word::Cased(w) => w,
        }
    }
}

/// A run of adjacent words ("FOREIGN MINISTER", "UNITED NATIONS SECURITY COUNCIL").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Phrase(pub Vec<Word>);

/// An inclusive date interval; `None` on either side is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl DateRange {
    pub const ALWAYS: DateRange = DateRange { from: None, until: None };

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from) && self.until.is_none_or(|until| day <= until)
    }

    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }
}

/// An actor code valid over a date range (`[HOBGOV 19950601 - 19990815]`, or `code IRNGOV 2024-08-21..`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedCode {
    /// A CAMEO actor code such as `IRN`, `IRNGOV`, `IGOUNO`. Validated against the ontology by the
    /// native reader; PETRARCH-format dictionaries may carry codes of their own (fictional test
    /// countries), which are kept as written.
    pub code: Box<str>,
    pub when: DateRange,
}

/// An actor: the phrases that name it and the codes it carries over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorEntry {
    pub phrases: Vec<Phrase>,
    /// Ordered as written; the coder takes the first whose range contains the article date.
    pub codes: Vec<DatedCode>,
    /// True for capitals and other metonyms ("Tehran", "Washington"): they code as the actor but
    /// also name a place, which the location stage may use.
    pub is_place: bool,
    pub origin: Origin,
}

impl ActorEntry {
    /// The code in force on `day`: the first dated code whose range contains it, else the first
    /// undated one. `None` when no code applies (a person out of office and with no fallback).
    pub fn code_on(&self, day: NaiveDate) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| !c.when.is_always() && c.when.contains(day))
            .or_else(|| self.codes.iter().find(|c| c.when.is_always()))
            .map(|c| &*c.code)
    }
}

/// Where an agent code goes relative to the actor code: `[~GOV]` appends (IRN + GOV = IRNGOV),
/// `[NGO~]` prepends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgentPlacement {
    Suffix,
    Prefix,
}

/// A role word that attaches to an actor ("minister", "army", "rebels").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentEntry {
    pub phrases: Vec<Phrase>,
    /// The agent code without `~`, e.g. `GOV`, `MIL`, `GOVFRM`.
    pub code: Box<str>,
    pub placement: AgentPlacement,
    pub origin: Origin,
}

/// An event code as written in a verb dictionary.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventCodeSpec {
    /// `[---]`: the phrase is recognised but produces no event (it blocks weaker matches).
    Null,
    /// A code such as `036`; `paired` holds the second code of `[032:033]`, which produces the
    /// reverse event (target → source) alongside the first.
    Code { primary: Box<str>, paired: Option<Box<str>> },
}

/// One element of a verb pattern, in text order.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PatternItem {
    /// A literal word. `joined` (PETRARCH `_` between words) means the next item must be the very
    /// next token; otherwise other tokens may come between (discontinuous phrasings).
    Word { word: Word, joined: bool },
    /// `&NAME`: any phrase of the named synset.
    Synset { name: Box<str>, joined: bool },
    /// `$`: the source actor sits here.
    Source,
    /// `+`: the target actor sits here.
    Target,
    /// `%`: a compound actor sits here; each member acts on each other member.
    Compound,
    /// `^`: one actor phrase sits here and is passed over ("celebrated Eid at Osgiliath with
    /// Gondor": `* EID AT ^ WITH +`).
    SkipPhrase,
}

/// A pattern around a verb: `- * SANCTIONS ON + [163]` has `before = []`,
/// `after = [SANCTIONS, ON, Target]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbPattern {
    /// Items before the verb, in text order (the last one is nearest the verb).
    pub before: Vec<PatternItem>,
    pub after: Vec<PatternItem>,
    /// The first `after` item must be the token right after the verb (PETRARCH `*_OUT`). The
    /// other side needs no flag: the last `before` item's `joined` already says it.
    pub verb_joined: bool,
    pub code: EventCodeSpec,
    pub origin: Origin,
}

/// A verb (or multi-word verbal phrase) with its default code and its patterns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerbEntry {
    /// The block name (`--- ABANDON [345] ---` → `ABANDON`; native: the lemma).
    pub block: Box<str>,
    /// Every surface form: the lemma, its inflections and synonyms. Multi-word forms are allowed
    /// ("CARRY OUT"). Inflections the reader can derive are already expanded here.
    pub forms: Vec<Phrase>,
    /// The code when no pattern matches; `None` when the verb only codes through its patterns.
    pub code: Option<EventCodeSpec>,
    pub patterns: Vec<VerbPattern>,
    pub origin: Origin,
}

/// A noun that names an event by itself ("talks", "sanctions", "air strikes"): the nominal stage
/// finds who takes part from the noun phrase around it ("American sanctions on Iran").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NounEntry {
    /// The head and its other forms (plural, spellings, multi-word names).
    pub phrases: Vec<Phrase>,
    /// `040:040` for an act both sides share (talks, meeting), otherwise one code.
    pub code: EventCodeSpec,
    pub origin: Origin,
}

/// A phrase that voids a sentence (`story == false`) or a whole story (`story == true`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discard {
    pub phrase: Phrase,
    pub story: bool,
    pub origin: Origin,
}

/// A phrase that tags an event with an issue ("nuclear programme" → `NUCLEAR`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueEntry {
    pub phrase: Phrase,
    pub code: Box<str>,
    pub origin: Origin,
}

/// Everything a coder needs, from whichever files.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Dictionaries {
    pub actors: Vec<ActorEntry>,
    pub agents: Vec<AgentEntry>,
    pub verbs: Vec<VerbEntry>,
    pub nouns: Vec<NounEntry>,
    /// Named phrase sets used by verb patterns (`&CURRENCY`), keyed without the `&`.
    pub synsets: BTreeMap<Box<str>, Vec<Phrase>>,
    pub discards: Vec<Discard>,
    pub issues: Vec<IssueEntry>,
}

impl Dictionaries {
    /// Adds everything from `other` (used to combine several files of one set).
    pub fn extend(&mut self, other: Dictionaries) {
        self.actors.extend(other.actors);
        self.agents.extend(other.agents);
        self.verbs.extend(other.verbs);
        self.nouns.extend(other.nouns);
        self.synsets.extend(other.synsets);
        self.discards.extend(other.discards);
        self.issues.extend(other.issues);
    }
}

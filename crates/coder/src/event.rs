use chrono::NaiveDate;
use serde::Serialize;
use tripwire_gazetteer::Place;

/// A coded event: who did what to whom, when and where, and the dictionary entries that said so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub article_id: String,
    pub sentence_index: usize,
    /// Character offsets `[start, end)` in the article of the words that make the event: from the
    /// first to the last of source, verb phrase and target.
    pub span: [usize; 2],
    /// Character offsets of the whole sentence, for showing it in context.
    pub sentence_span: [usize; 2],
    pub date: NaiveDate,
    /// CAMEO actor codes, e.g. "IRNGOV"; empty when the sentence names no such actor.
    pub source_code: String,
    pub target_code: String,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// CAMEO event code, e.g. "046".
    pub event_code: String,
    pub event_name: Option<&'static str>,
    /// Goldstein score, QuadClass and PLOVER mapping come from the ontology; `None` only for codes
    /// outside CAMEO, which user-supplied PETRARCH dictionaries may use.
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub plover_event: Option<&'static str>,
    pub plover_mode: Option<&'static str>,
    pub plover_context: Option<&'static str>,
    pub issues: Vec<String>,
    pub location: Option<Location>,
    pub matched: Provenance,
}

/// The words in the text that named an actor, and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    pub text: String,
    pub span: [usize; 2],
}

/// Where an event happened, when the text says so: the gazetteer's place and the words that
/// named it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Location {
    #[serde(flatten)]
    pub place: Place,
    pub span: [usize; 2],
}

/// Which dictionary entries produced an event: enough to find and fix the entry that was wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The verb entry, as `file:line`, and the matched surface words.
    pub verb: String,
    pub verb_text: String,
    /// The pattern that decided the code, when one did.
    pub pattern: Option<String>,
    pub source_entries: Vec<String>,
    pub target_entries: Vec<String>,
    /// Passive voice, reported speech, nominal event, compound actor, paired code.
    pub rules: Vec<&'static str>,
}

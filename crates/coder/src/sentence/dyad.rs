//! Stage 2, references to a dyad: "the two sides", "both governments", "each other" and "between
//! the neighbours" stand for the two parties named together before them — in the same sentence,
//! or earlier in the article — and become mentions of those two, as one compound. The article's
//! [`Discourse`] remembers which two parties it last named together.

use compact_str::CompactString;
use std::ops::Range;

use super::actors::Mention;
use super::context::Coverage;
use super::tokens::Token;
use super::SentenceEvent;
use crate::english::{dyad_noun_agent, RECIPROCALS};

/// What the sentences of an article coded so far say that a later sentence can point back at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Discourse {
    /// The codes of the two parties most recently named together, in text order.
    dyad: Option<[CompactString; 2]>,
    /// The countries the article has named, for roles named without one.
    pub coverage: Coverage,
}

impl Discourse {
    /// The two parties most recently named together, if any.
    pub fn dyad(&self) -> Option<&[CompactString; 2]> {
        self.dyad.as_ref()
    }

    /// Takes in a coded sentence: its last list of exactly two parties ("Iran and the United
    /// States", "between China and Japan") names the dyad, or else the two sides of its last
    /// event between two parties.
    pub fn observe(&mut self, tokens: &[Token], mentions: &[Mention], events: &[SentenceEvent]) {
        if let Some(pair) = listed_pair_before(tokens, mentions, tokens.len()) {
            self.dyad = Some(pair);
            return;
        }
        let from_event = events.iter().rev().find_map(|e| distinct_pair(e.source.as_ref()?, e.target.as_ref()?));
        if let Some(pair) = from_event {
            self.dyad = Some(pair);
        }
    }
}

/// Replaces each reference to a dyad in the sentence by mentions of its two parties: those of
/// the last two-party list before it in the sentence, else the article's dyad. A reference with
/// no dyad to stand for is left as it is: no party is guessed.
pub fn resolve_references(tokens: &[Token], mentions: &mut Vec<Mention>, discourse: &Discourse) {
    let mut i = 0;
    while i < tokens.len() {
        let Some((span, agent)) = reference_at(tokens, i) else {
            i += 1;
            continue;
        };
        i = span.end;
        let pair = listed_pair_before(tokens, mentions, span.start).or_else(|| discourse.dyad.clone());
        let Some(pair) = pair else { continue };
        let group = mentions.iter().map(|m| m.group + 1).max().unwrap_or(0);
        mentions.retain(|m| m.tokens.end <= span.start || m.tokens.start >= span.end);
        let at = mentions.partition_point(|m| m.tokens.start < span.start);
        let members = pair.iter().map(|code| Mention {
            tokens: span.clone(),
            code: with_agent(code, agent),
            entries: Vec::new(),
            is_place: false,
            group,
            is_location: false,
            refers_to_dyad: true,
            is_topic: false,
        });
        mentions.splice(at..at, members.collect::<Vec<_>>());
    }
}

/// The party a mention names, by its first three letters: a country, an IGO, a group. A role
/// the text gives no country names none.
fn party(mention: &Mention) -> Option<&str> {
    (!mention.is_bare_role()).then(|| mention.code.get(..3)).flatten()
}

/// The codes of two mentions of different parties.
fn distinct_pair(a: &Mention, b: &Mention) -> Option<[CompactString; 2]> {
    let (pa, pb) = (party(a)?, party(b)?);
    (pa != pb).then(|| [a.code.clone(), b.code.clone()])
}

/// The last list (compound) before token `before` that names exactly two parties, where both
/// act: places after a locative ("in Peru and Chile") name no dyad. A list's members are
/// neighbours in `mentions`, which are in text order.
pub(super) fn listed_pair_before(tokens: &[Token], mentions: &[Mention], before: usize) -> Option<[CompactString; 2]> {
    let eligible = |m: &Mention| m.tokens.end <= before && !m.is_no_party(tokens);
    let mut end = mentions.partition_point(|m| m.tokens.start < before);
    while end > 0 {
        let group = mentions[end - 1].group;
        let start = mentions[..end].iter().rposition(|m| m.group != group).map_or(0, |i| i + 1);
        let mut parties: [Option<&Mention>; 2] = [None, None];
        let mut more_than_two = false;
        for m in mentions[start..end].iter().filter(|m| eligible(m) && party(m).is_some()) {
            match parties {
                [None, _] => parties[0] = Some(m),
                [Some(a), None] if party(a) != party(m) => parties[1] = Some(m),
                [Some(a), Some(b)] if party(a) != party(m) && party(b) != party(m) => more_than_two = true,
                _ => {}
            }
        }
        if let ([Some(a), Some(b)], false) = (parties, more_than_two) {
            return distinct_pair(a, b);
        }
        end = start;
    }
    None
}

/// A reference to a dyad starting at token `i`: its tokens and the agent code it gives each
/// party. "the two sides", "the two neighbouring countries", "both governments", "both the
/// armies", "each other", and after "between" a plain "the delegations".
fn reference_at(tokens: &[Token], i: usize) -> Option<(Range<usize>, &'static str)> {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.norm.as_str());
    if RECIPROCALS.iter().any(|[a, b]| word(i) == *a && word(i + 1) == *b) {
        return Some((i..i + 2, ""));
    }
    let noun_from = match (word(i), word(i + 1)) {
        ("THE", "TWO") => i + 2,
        ("BOTH", "THE") => i + 2,
        ("BOTH", _) => i + 1,
        ("THE", _) if i > 0 && word(i - 1) == "BETWEEN" => i + 1,
        _ => return None,
    };
    if let Some(agent) = dyad_noun_agent(word(noun_from)) {
        return Some((i..noun_from + 1, agent));
    }
    // One describing word between ("the two neighbouring countries"), never a name.
    let describing = tokens.get(noun_from).is_some_and(|t| !t.capitalized && t.norm.chars().all(char::is_alphabetic));
    let agent = dyad_noun_agent(word(noun_from + 1)).filter(|_| describing)?;
    Some((i..noun_from + 2, agent))
}

/// A party's code as the reference names it: a country's government or army for "the two
/// governments", "both armies"; the party as named before for "the two sides".
fn with_agent(code: &CompactString, agent: &str) -> CompactString {
    let country = code.get(..3).filter(|c| tripwire_ontology::country(c).is_ok());
    match country {
        Some(country) if !agent.is_empty() => compact_str::format_compact!("{country}{agent}"),
        _ => code.clone(),
    }
}

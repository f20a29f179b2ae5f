//! Stage 6b, nominal events: events a noun names ("talks", "sanctions", "a phone call"), with
//! their parties read from the noun phrase around it — "talks between A and B", "A's demands on
//! B", "American sanctions on Iran", "a visit by A to B" — or, for a noun a light verb carries
//! ("A had a phone call with B", "A said in a meeting with B"), from the clause's subject.
//!
//! A noun a governing verb's pattern already named ("imposed sanctions on Iran") is that verb's
//! event; a noun used as a verb ("the US sanctions Iran") or one that has not happened ("proposed
//! talks", "calls for talks", "no talks") codes nothing.

use std::ops::Range;

use super::actors::Mention;
use super::events::{self, CodedVerb, Participants};
use super::modality::Modality;
use super::roles::{self, group_of};
use super::tokens::Token;
use super::{Context, Progress};
use crate::english::{
    ends_clause, is_auxiliary, is_boundary, is_determiner, is_verb_like, LIGHT_VERBS, NOMINAL_PARTY_PREPOSITIONS,
    UNREALIZED_EVENT_WORDS,
};
use crate::lexicon::{Entry, Hit};
use tripwire_dictionaries::EventCodeSpec;

/// How many words may stand between a modifier actor and its noun ("Israeli cyber attacks",
/// "the United States' new economic sanctions").
const MODIFIER_REACH: usize = 3;
/// How many words may stand between a party preposition and the actor after it ("on Iranian
/// nuclear facilities", "to the government of Bangladesh").
const PARTY_REACH: usize = 4;

/// Codes every event noun of the sentence that no verb has coded, adding to `progress`.
pub(super) fn code_nouns(context: &Context, hits: &[Hit], progress: &mut Progress) {
    let tokens = context.tokens;
    let nouns = longest_nouns(hits);
    for (span, index) in nouns {
        let noun = &context.lexicon.dictionaries.nouns[index];
        let EventCodeSpec::Code { primary, paired } = &noun.code else { continue };
        if taken_by_verb(progress, &span) || used_as_verb(tokens, context.mentions, &span) || unrealized(tokens, &span)
        {
            continue;
        }
        let mentions: Vec<&Mention> =
            context.mentions.iter().filter(|m| !m.is_no_party(tokens) && !m.is_bare_role()).collect();
        let symmetric = paired.as_deref() == Some(&**primary);
        let Some((sources, targets)) = parties(context, &mentions, &span, primary, symmetric, progress) else {
            continue;
        };
        let verb = CodedVerb {
            span: span.clone(),
            entry: &noun.origin,
            pattern: None,
            pattern_cover: span.clone(),
            rules: vec!["nominal"],
        };
        // A shared act named once ("talks between A and B") is each side's on the other; the
        // reverse of a one-sided act ("A's visit to B") is not coded from a noun.
        let participants = Participants {
            primary,
            paired: symmetric.then_some(&**primary),
            modality: Modality::Factual,
            compound: symmetric && targets.is_empty(),
            sources: &sources,
            targets: &targets,
        };
        events::assemble(context.policy, &verb, &participants, &mut progress.events);
    }
}

/// The noun hits, longest first at each start and none inside another ("peace talks" over
/// "talks"), as token spans and noun entry indexes.
fn longest_nouns(hits: &[Hit]) -> Vec<(Range<usize>, usize)> {
    let mut nouns: Vec<(Range<usize>, usize)> = hits
        .iter()
        .filter_map(|h| match h.entry {
            Entry::Noun(i) => Some((h.start..h.end, i as usize)),
            _ => None,
        })
        .collect();
    nouns.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let mut covered_until = 0;
    nouns.retain(|(span, _)| {
        let keep = span.start >= covered_until;
        covered_until = covered_until.max(span.end);
        keep
    });
    nouns
}

/// Whether a verb already coded these words: a pattern named the noun ("held talks with"), or a
/// verb record has the same form ("visit").
fn taken_by_verb(progress: &Progress, span: &Range<usize>) -> bool {
    let overlaps = |other: &Range<usize>| other.start < span.end && span.start < other.end;
    progress.pattern_covers.iter().any(|(verb, literals)| overlaps(verb) || literals.iter().any(overlaps))
        || progress.events.iter().any(|e| overlaps(&e.verb))
}

/// "The US sanctions Iran", "they will visit", "the envoy is meeting": the noun's form is a verb
/// here — right after an auxiliary or a pronoun, or between two actors with nothing joining them.
fn used_as_verb(tokens: &[Token], mentions: &[Mention], span: &Range<usize>) -> bool {
    let before = span.start.checked_sub(1).map(|i| tokens[i].norm.as_str());
    // "'s" before the noun is a possessive ("Spain's demands"), not "is".
    let verbal = |w: &str| w == "TO" || (w != "'S" && (is_auxiliary(w) || is_verb_like(w))) || is_pronoun_subject(w);
    if before.is_some_and(verbal) {
        return true;
    }
    let actor_before = mentions.iter().any(|m| m.tokens.end == span.start);
    let actor_after = mentions.iter().any(|m| m.tokens.start == span.end);
    let article_after = tokens.get(span.end).is_some_and(|t| is_determiner(&t.norm) && t.norm != "'S");
    actor_before && (actor_after || article_after)
}

fn is_pronoun_subject(word: &str) -> bool {
    matches!(word, "HE" | "SHE" | "THEY" | "WE" | "I" | "YOU" | "IT" | "WHO")
}

/// "proposed talks", "calls for sanctions", "no talks": a noun phrase that names an event which
/// has not happened.
fn unrealized(tokens: &[Token], span: &Range<usize>) -> bool {
    (span.start.saturating_sub(3)..span.start)
        .rev()
        .take_while(|&i| !is_boundary(&tokens[i].norm))
        .any(|i| UNREALIZED_EVENT_WORDS.contains(&tokens[i].norm.as_str()))
}

/// Who takes part in the event a noun names: its sources and targets, or `None` when the noun
/// phrase names no one the event can stand on.
fn parties(
    context: &Context,
    mentions: &[&Mention],
    span: &Range<usize>,
    code: &str,
    symmetric: bool,
    progress: &Progress,
) -> Option<(Vec<Mention>, Vec<Mention>)> {
    let tokens = context.tokens;
    // "talks between A and B": the compound is both sides.
    if let Some(first) = between(tokens, mentions, span.end) {
        let members = group_of(context.mentions, first);
        if members.len() > 1 {
            return Some(if symmetric {
                (members, Vec::new())
            } else {
                (vec![members[0].clone()], members[1..].to_vec())
            });
        }
    }
    let target = party_after(tokens, mentions, span.end);
    let source = possessor_or_modifier(tokens, mentions, span.start)
        .or_else(|| agent_after(tokens, mentions, span.end))
        .or_else(|| target.and_then(|_| carried_subject(context, span.start, progress)));
    let source = source?;
    let target = target.filter(|t| t.group != source.group);
    // A noun with one side named is half an event: a shared act needs its other side, and who
    // was sanctioned or attacked is not guessed. Only a protest stands without a target.
    if target.is_none() && (symmetric || !code.starts_with("14")) {
        return None;
    }
    Some((vec![source.clone()], target.into_iter().cloned().collect()))
}

/// The first actor of "between A and B" right after the noun.
fn between<'m>(tokens: &[Token], mentions: &[&'m Mention], noun_end: usize) -> Option<&'m Mention> {
    let word = (noun_end..tokens.len().min(noun_end + 2)).find(|&i| tokens[i].norm == "BETWEEN")?;
    mentions.iter().copied().find(|m| m.tokens.start > word && m.tokens.start <= word + 2)
}

/// "A's demands", "American sanctions", "the United States' new sanctions": an actor that owns or
/// modifies the noun, with only lower-case describing words between.
fn possessor_or_modifier<'m>(tokens: &[Token], mentions: &[&'m Mention], noun_start: usize) -> Option<&'m Mention> {
    mentions.iter().copied().rev().find(|m| {
        let mut gap = m.tokens.end..noun_start;
        if m.tokens.end > noun_start || gap.len() > MODIFIER_REACH + 1 {
            return false;
        }
        if tokens.get(gap.start).is_some_and(|t| t.norm == "'S" || t.norm == "'") {
            gap.start += 1;
        }
        gap.len() <= MODIFIER_REACH && gap.clone().all(|i| describes(&tokens[i]))
    })
}

/// A word that may stand inside a noun phrase before its head: lower case, not a function word,
/// a verb form or punctuation.
fn describes(token: &Token) -> bool {
    let word = token.norm.as_str();
    !token.capitalized
        && word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_boundary(word)
        && !is_verb_like(word)
        && !is_auxiliary(word)
        && !is_determiner(word)
        && !NOMINAL_PARTY_PREPOSITIONS.contains(&word)
        && !matches!(word, "AND" | "OR" | "OF" | "BY" | "IN" | "THAT" | "WHICH")
}

/// "sanctions on Iran", "a visit to China", "talks with the rebels", "aid for Bosnia": the actor
/// after a party preposition right after the noun (or after its "by" agent).
fn party_after<'m>(tokens: &[Token], mentions: &[&'m Mention], noun_end: usize) -> Option<&'m Mention> {
    let mut at = noun_end;
    // "an attack by A on B": step over the agent.
    if tokens.get(at).is_some_and(|t| t.norm == "BY") {
        let agent = mentions.iter().find(|m| m.tokens.start > at && m.tokens.start <= at + 2)?;
        at = agent.tokens.end;
    }
    tokens.get(at).filter(|t| NOMINAL_PARTY_PREPOSITIONS.contains(&t.norm.as_str()))?;
    within_phrase(tokens, mentions, at + 1)
}

/// "an attack by A", "talks hosted by A": the actor after "by" right after the noun.
fn agent_after<'m>(tokens: &[Token], mentions: &[&'m Mention], noun_end: usize) -> Option<&'m Mention> {
    let mut by = noun_end;
    if tokens.get(by).is_some_and(|t| t.norm == "HOSTED" || t.norm == "MEDIATED" || t.norm == "LED") {
        by += 1;
    }
    if tokens.get(by).is_none_or(|t| t.norm != "BY") {
        return None;
    }
    within_phrase(tokens, mentions, by + 1)
}

/// The first actor starting within a few describing words of `from`.
fn within_phrase<'m>(tokens: &[Token], mentions: &[&'m Mention], from: usize) -> Option<&'m Mention> {
    mentions.iter().copied().find(|m| {
        m.tokens.start >= from
            && m.tokens.start <= from + PARTY_REACH
            && (from..m.tokens.start).all(|i| describes(&tokens[i]) || is_determiner(&tokens[i].norm))
    })
}

/// "Trump had a phone call with Erdogan", "Zelensky said in a meeting with Honcharuk": a noun
/// after a light verb or a preposition of the clause takes the clause's subject, unless a verb
/// coded between them governs it ("Iran rejected talks with …").
fn carried_subject<'m>(context: &Context<'m>, noun_start: usize, progress: &Progress) -> Option<&'m Mention> {
    let tokens = context.tokens;
    let mut head = noun_start;
    while head > 0 && (describes(&tokens[head - 1]) || is_determiner(&tokens[head - 1].norm)) {
        head -= 1;
    }
    let governor = tokens.get(head.checked_sub(1)?)?.norm.as_str();
    if !(LIGHT_VERBS.contains(&governor) || matches!(governor, "IN" | "DURING" | "AFTER" | "AT")) {
        return None;
    }
    let subject = roles::subject_of(tokens, context.mentions, head)?;
    if subject.is_bare_role() || !roles::same_clause(tokens, subject.tokens.end, noun_start) {
        return None;
    }
    let governed = progress.events.iter().any(|e| e.verb.start >= subject.tokens.end && e.verb.end <= head);
    let crosses = (subject.tokens.end..head).any(|i| ends_clause(&tokens[i].norm));
    (!governed && !crosses).then_some(subject)
}

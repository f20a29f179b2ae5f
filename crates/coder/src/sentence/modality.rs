//! Stage 5, modality: the mood a verb is in and what it makes of the code. "will send aid" is an
//! intention (CAMEO 03x), "Iran must withdraw" a demand made of Iran (10x), "will not accept" a
//! rejection (12x), "did not attack" no event at all.

use std::ops::Range;
use tripwire_dictionaries::VerbPattern;

use super::actors::Mention;
use super::patterns::{mentions_modal, mentions_negation, Slots};
use super::roles::{group_of, subject_of};
use super::tokens::Token;
use super::SentenceEvent;
use crate::english::{
    ends_clause, is_clause_opener, is_future_modal, is_have, is_negation, is_obligation_modal, is_provision_noun,
    CORRELATIVE_NEGATIONS, COUNTERFACTUAL_MODALS, INTENT_BEFORE_TO, MOOD_KEEPING_WORDS,
};

/// The mood of a verb as the words before it set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    Factual,
    /// "will", "would", "is ready to", "plans to": an intention, not yet an act.
    Intent,
    /// "must", "should": a demand made of the subject.
    Obligation,
}

/// The mood of the verb at `verb`: read from the words before it, or for a pattern that reaches
/// into a complement clause ("announced that he will extend the curfew"), from that clause.
/// Unless the pattern itself spells the modal ("would_*"), which has read it already.
pub fn mood(tokens: &[Token], verb: &Range<usize>, pattern: Option<&VerbPattern>, slots: &Slots) -> Modality {
    if pattern.is_some_and(mentions_modal) {
        return Modality::Factual;
    }
    match modality_before(tokens, verb.start) {
        Modality::Factual if pattern.is_some() => slots
            .literals
            .iter()
            .filter(|word| word.start > verb.end)
            .map(|word| word.start)
            .min()
            .map_or(Modality::Factual, |at| complement_modality(tokens, verb.end, at)),
        modality => modality,
    }
}

/// The codes an intended act takes: its "express intent" code, and the paired code only when
/// the pair was symmetric.
pub fn intended<'c>(primary: &'c str, paired: Option<&'c str>) -> (&'c str, Option<&'c str>) {
    match intent_code(primary) {
        Some(code) => (code, paired.filter(|p| *p == primary).map(|_| code)),
        None => (primary, paired),
    }
}

/// Whether a verb is affirmed, refused, or negated into no event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    Affirmed,
    /// "will not accept refugees": a refused cooperation is a rejection, with this code.
    Refused(&'static str),
    /// "did not attack": not the event.
    Negated,
}

/// The polarity of the verb at `verb_start` coded `primary` in `modality`. A pattern that spells
/// out its own negation ("* not_to +", `&NEGATION *`) has already decided what the negated verb
/// means.
pub fn polarity(
    tokens: &[Token],
    verb_start: usize,
    pattern: Option<&VerbPattern>,
    modality: Modality,
    primary: &str,
) -> Polarity {
    if !is_negated(tokens, verb_start) || pattern.is_some_and(mentions_negation) {
        return Polarity::Affirmed;
    }
    match modality {
        Modality::Intent => reject_code(primary).map_or(Polarity::Negated, Polarity::Refused),
        _ => Polarity::Negated,
    }
}

/// "X said Y must <act>": the demand events, from the speaker to each member of the compound
/// that must act, or `None` when the sentence names no speaker and addressee.
pub fn demands(
    tokens: &[Token],
    mentions: &[Mention],
    verb: Range<usize>,
    code: &str,
    verb_entry: &str,
) -> Option<Vec<SentenceEvent>> {
    let (speaker, addressee) = demand_parties(tokens, mentions, verb.start)?;
    // "US and British forces must …": the demand is made of each of them.
    let events = group_of(mentions, addressee)
        .into_iter()
        .map(|member| SentenceEvent {
            source: Some(speaker.clone()),
            cover: speaker.tokens.start.min(verb.start)..verb.end.max(member.tokens.end),
            target: Some(member),
            code: code.to_string(),
            verb: verb.clone(),
            verb_entry: verb_entry.to_string(),
            pattern: None,
            rules: vec!["obligation"],
        })
        .collect();
    Some(events)
}

/// "… said Y must …" with a verb the dictionaries do not code is still a demand made of Y
/// (CAMEO 100), unless a coded demand already stands on a verb right after the modal.
pub fn demands_without_verb(tokens: &[Token], mentions: &[Mention], events: &mut Vec<SentenceEvent>) {
    for (at, token) in tokens.iter().enumerate() {
        if !is_obligation_modal(&token.norm) {
            continue;
        }
        let already =
            events.iter().any(|e| e.rules.contains(&"obligation") && e.verb.start > at && e.verb.start <= at + 4);
        if already {
            continue;
        }
        if let Some(found) = demands(tokens, mentions, at..at + 1, "100", "") {
            events.extend(found);
        }
    }
}

fn modality_before(tokens: &[Token], verb_start: usize) -> Modality {
    let mut i = verb_start;
    for _ in 0..4 {
        let Some(prev) = i.checked_sub(1) else { return Modality::Factual };
        let word = tokens[prev].norm.as_str();
        match word {
            w if is_future_modal(w) => return Modality::Intent,
            w if is_obligation_modal(w) => return Modality::Obligation,
            "TO" => {
                // "has to"/"have to" oblige; "ready to" intends; "BE" between ("ready to be") is fine.
                let before = prev.checked_sub(1).map(|k| tokens[k].norm.as_str()).unwrap_or("");
                return match before {
                    "HAS" | "HAVE" => Modality::Obligation,
                    w if INTENT_BEFORE_TO.contains(&w) => Modality::Intent,
                    _ => Modality::Factual,
                };
            }
            w if w.ends_with("LY") || is_negation(w) || MOOD_KEEPING_WORDS.contains(&w) => {}
            _ => return Modality::Factual,
        }
        i = prev;
    }
    Modality::Factual
}

/// "… that it will", "… that it is prepared to": an intent stated between a verb and the words
/// of its pattern further on, within one clause.
fn complement_modality(tokens: &[Token], from: usize, to: usize) -> Modality {
    for i in from..to.min(tokens.len()) {
        match tokens[i].norm.as_str() {
            w if is_future_modal(w) => return Modality::Intent,
            "TO" if i > 0 && INTENT_BEFORE_TO.contains(&tokens[i - 1].norm.as_str()) => return Modality::Intent,
            w if ends_clause(w) => break,
            _ => {}
        }
    }
    Modality::Factual
}

/// "did not attack", "never attacked", "neither confirmed nor denied": a negation within three
/// words before the verb.
fn is_negated(tokens: &[Token], verb_start: usize) -> bool {
    let lowest = verb_start.saturating_sub(3);
    (lowest..verb_start)
        .any(|i| is_negation(&tokens[i].norm) || CORRELATIVE_NEGATIONS.contains(&tokens[i].norm.as_str()))
        || neither_opens_subject(tokens, verb_start)
}

/// How far back the subject of a verb may open with "neither" ("Neither Iran nor its allies
/// attacked").
const NEITHER_REACH: usize = 8;

/// "Neither Gondor nor Rohan replied": a subject of the form "neither … nor" denies the verb,
/// not a verb of a clause after it ("neither confirmed nor denied that Rohan attacked").
fn neither_opens_subject(tokens: &[Token], verb_start: usize) -> bool {
    let lowest = verb_start.saturating_sub(NEITHER_REACH);
    let mut nor_seen = false;
    for i in (lowest..verb_start).rev() {
        match tokens[i].norm.as_str() {
            "NOR" => nor_seen = true,
            "NEITHER" => return nor_seen,
            w if ends_clause(w) || is_clause_opener(w) => return false,
            _ => {}
        }
    }
    false
}

/// How far back from a verb the modal or measure that makes it hypothetical may stand ("a bill
/// that would have allowed the central government to extradite").
const HYPOTHETICAL_REACH: usize = 12;

/// Whether the verb at `verb_start` is only supposed, not done: inside a counterfactual ("would
/// have allowed X to extradite"), said of a measure not in force ("a bill that would allow",
/// "the law would let"), or the content of one ("a resolution to expel"). Such verbs are not
/// coded: the hypothetical act did not happen, and no one stated it as an intention.
pub fn is_hypothetical(tokens: &[Token], verb_start: usize) -> bool {
    let word = |i: usize| tokens[i].norm.as_str();
    // "a resolution to expel": the act a measure would carry out.
    if verb_start >= 2 && word(verb_start - 1) == "TO" && is_provision_noun(word(verb_start - 2)) {
        return true;
    }
    let lowest = verb_start.saturating_sub(HYPOTHETICAL_REACH);
    let clause =
        (lowest..verb_start).rev().take_while(|&i| !ends_clause(word(i)) && !opens_coordinate_clause(tokens, i));
    for modal in clause.filter(|&i| COUNTERFACTUAL_MODALS.contains(&word(i))) {
        let counterfactual = (modal + 1..verb_start.min(modal + 3)).any(|i| is_have(word(i)));
        // "a bill that would", "the proposed law in question would".
        let said_of_measure = (modal.saturating_sub(4)..modal).any(|i| is_provision_noun(word(i)));
        if counterfactual || (word(modal) == "WOULD" && said_of_measure) {
            return true;
        }
    }
    false
}

/// ", and the president said …": a comma and a conjunction open a clause of its own.
fn opens_coordinate_clause(tokens: &[Token], i: usize) -> bool {
    i >= 1 && matches!(tokens[i].norm.as_str(), "AND" | "BUT") && tokens[i - 1].norm == ","
}

/// The CAMEO rejection code for a cooperation announced as refused ("will not accept refugees"),
/// from the intention it negates.
fn reject_code(intent: &str) -> Option<&'static str> {
    Some(match intent.get(..3)? {
        "036" => "125",
        "031" => "121",
        "033" => "122",
        "035" => "124",
        "038" => "126",
        c if c.starts_with("03") => "120",
        _ => return None,
    })
}

/// The CAMEO "express intent" code for an act announced for the future; `None` keeps the act's
/// own code (statements, appeals, demands and rejections are already verbal).
fn intent_code(code: &str) -> Option<&'static str> {
    let three = code.get(..3).unwrap_or(code);
    Some(match code.get(..2)? {
        "04" => "036",
        "05" => "032",
        "06" => match three {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        "07" => match three {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => match three {
            "081" => "0351",
            "082" => "0352",
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        "14" => "133",
        "16" => match three {
            "161" => "1313",
            "162" => "1311",
            "163" => "1312",
            "164" => "134",
            "165" => "135",
            "166" => "136",
            _ => "131",
        },
        "17" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            _ if three == "172" => "132",
            _ => "137",
        },
        "18" => "1383",
        "19" => match three {
            "191" => "1381",
            "192" => "1382",
            _ => "1384",
        },
        "20" => match three {
            "204" => "1385",
            _ => "138",
        },
        _ => return None,
    })
}

/// The CAMEO demand code for "X must <act>": what is demanded, as far as the act tells.
pub fn demand_code(code: &str) -> &'static str {
    match code.get(..3).unwrap_or(code) {
        "081" => "1051",
        "082" => "1052",
        "084" => "1053",
        "085" => "1054",
        "086" => "1055",
        "087" => "1056",
        c if c.starts_with("08") => "105",
        c if c.starts_with("04") || c.starts_with("03") => "106",
        c if c.starts_with("07") => "103",
        c if c.starts_with("05") || c.starts_with("06") => "102",
        _ => "100",
    }
}

/// "Washington demanded … ; Washington said that Tehran must limit …": the one who must act is
/// the subject of the modal verb, the one who demands it the actor named before it.
fn demand_parties<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    verb_start: usize,
) -> Option<(&'m Mention, &'m Mention)> {
    let addressee = subject_of(tokens, mentions, verb_start)
        .or_else(|| mentions.iter().rev().find(|m| m.tokens.end <= verb_start))?;
    let speaker = mentions
        .iter()
        .filter(|m| m.tokens.end <= addressee.tokens.start && m.group != addressee.group)
        .find(|m| !m.is_no_party(tokens))?;
    (speaker.code != addressee.code).then_some((speaker, addressee))
}

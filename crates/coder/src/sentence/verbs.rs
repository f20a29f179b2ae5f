//! Stage 3, verbs: which verb-form hits are verbs here. Without a parse, word order tells a noun
//! from a verb for the forms that can be either ("an attack by", "emergency measures"); with one,
//! only words tagged as verbs count. [`super::patterns`] then gives each chosen verb its code.

use std::ops::Range;

use super::actors::Mention;
use super::syntax::Syntax;
use super::tokens::Token;
use crate::english::{
    is_auxiliary, is_boundary, is_determiner, is_nationality_adjective, is_negation, is_preposition,
    is_temporal_conjunction, may_precede_verb, DOCUMENT_NOUNS, GERUND_GOVERNORS, IRREGULAR_PAST,
};
use crate::lexicon::{Entry, Hit};

/// A chosen verb: its tokens and its dictionary entry.
pub type VerbHit = (Range<usize>, u32);

/// Verb occurrences: non-overlapping verb hits (longest first), minus those inside actor names and
/// those used as nouns after a determiner ("an attack by").
pub fn choose_verbs(tokens: &[Token], hits: &[Hit], mentions: &[Mention], syntax: Option<&Syntax>) -> Vec<VerbHit> {
    let mut candidates: Vec<VerbHit> = hits
        .iter()
        .filter_map(|h| match h.entry {
            Entry::Verb(i) => Some((h.start..h.end, i)),
            _ => None,
        })
        .collect();
    candidates.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let headline = is_headline(tokens);
    let mut chosen: Vec<VerbHit> = Vec::new();
    let mut until = 0;
    for (span, entry) in candidates {
        if span.start < until || mentions.iter().any(|m| m.tokens.start < span.end && span.start < m.tokens.end) {
            continue;
        }
        // "accused India of violating the ceasefire": a gerund after a preposition is the content
        // of the verb that governs it, not an act of its own.
        let governed_gerund = span.start > 0
            && tokens[span.start].norm.ends_with("ING")
            && GERUND_GOVERNORS.contains(&tokens[span.start - 1].norm.as_str());
        if governed_gerund {
            continue;
        }
        if syntax.is_none()
            && (used_as_noun(tokens, span.start, mentions)
                || (!headline && proper_noun(tokens, span.start))
                || noun_by_position(tokens, span.clone(), mentions, &chosen))
        {
            continue;
        }
        until = span.end;
        chosen.push((span, entry));
    }
    if let Some(syntax) = syntax {
        chosen.retain(|(span, _)| span.clone().any(|t| syntax.is_verb(t)));
    }
    chosen
}

/// Without a parse, where a word stands tells a noun from a verb for the forms that can be
/// either ("measures", "trade", "plans", "control"): after a preposition ("by phone"), right after
/// another verb ("accepted demands"), or after a modifier ("emergency measures", "British
/// forces"). Past forms ("-ed") are left alone: they are verbs in news prose.
fn noun_by_position(tokens: &[Token], verb: Range<usize>, mentions: &[Mention], earlier_verbs: &[VerbHit]) -> bool {
    let head = tokens[verb.start].norm.as_str();
    if head.ends_with("ED")
        || head.ends_with("EN")
        || head.ends_with("ING")
        || verb.start == 0
        || IRREGULAR_PAST.contains(&head)
    {
        return false;
    }
    let prev = verb.start - 1;
    let word = tokens[prev].norm.as_str();
    if is_preposition(word) {
        return true;
    }
    if !may_precede_verb(word) && earlier_verbs.iter().any(|(span, _)| span.end == verb.start) {
        return true;
    }
    if let Some(mention) = mentions.iter().find(|m| m.tokens.end == verb.start) {
        // "British forces", "Iranian demands": a nationality adjective modifies a noun.
        let last = tokens[mention.tokens.end - 1].norm.as_str();
        return mention.code.len() == 3 && is_nationality_adjective(last);
    }
    word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !tokens[prev].capitalized
        && !word.ends_with("LY")
        && !may_precede_verb(word)
        && !is_determiner(word)
}

/// "an attack", "a brief private visit": a determiner before the word, with at most two
/// modifiers between, makes a verb form a noun.
fn used_as_noun(tokens: &[Token], start: usize, mentions: &[Mention]) -> bool {
    // "issued a statement demanding …", "a resolution calling for …": a participle after a
    // document says what the document does.
    let participle_of_document =
        start > 0 && tokens[start].norm.ends_with("ING") && DOCUMENT_NOUNS.contains(&tokens[start - 1].norm.as_str());
    if participle_of_document {
        return false;
    }
    for back in 1..=3 {
        let Some(i) = start.checked_sub(back) else { return false };
        let word = tokens[i].norm.as_str();
        // "a day after meeting", "while visiting": a conjunction takes a participle, not a noun.
        if back == 1 && is_temporal_conjunction(word) {
            return false;
        }
        if is_determiner(word) {
            return true;
        }
        let modifier = !is_boundary(word)
            && !mentions.iter().any(|m| m.tokens.contains(&i))
            && !is_auxiliary(word)
            && !matches!(word, "TO" | "AND" | "OR")
            && !is_negation(word);
        if !modifier {
            return false;
        }
    }
    false
}

/// A capitalised word inside a sentence ("in March", "the Free Trade Agreement") is a name, not
/// a verb (the caller asks only when the sentence is not capitalised like a headline).
fn proper_noun(tokens: &[Token], at: usize) -> bool {
    at > 0 && tokens[at].capitalized && !matches!(tokens[at - 1].norm.as_str(), "\"" | ":" | "(" | "-" | "--")
}

/// Whether at least half of the sentence's words are capitalised, as in a headline.
fn is_headline(tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| t.norm.chars().next().is_some_and(char::is_alphabetic));
    let (capitalised, total) = words.fold((0, 0), |(c, n), t| (c + usize::from(t.capitalized), n + 1));
    capitalised * 2 >= total
}

//! Stage 3, verb patterns: the code a verb takes — the most specific of its dictionary patterns
//! whose words and actor slots fit around it, else the verb's own code.

use std::ops::Range;
use tripwire_dictionaries::{EventCodeSpec, PatternItem, VerbEntry, VerbPattern, Word};

use super::actors::Mention;
use super::roles::absolute_with;
use super::syntax::Syntax;
use super::tokens::Token;
use crate::english::{ends_clause, is_future_modal, is_negation, is_obligation_modal};
use crate::lexicon::Lexicon;

/// How far (in tokens) a pattern word may sit from the previous one.
pub const MAX_PATTERN_GAP: usize = 8;

/// A verb's code as a pattern decided it: the code, the pattern (if one matched), the tokens its
/// words covered, and the actor slots it filled.
pub type CodedVerb<'a> = (&'a EventCodeSpec, Option<&'a VerbPattern>, Range<usize>, Slots);

/// The code a verb occurrence takes: the most specific matching pattern, else the verb's own
/// code. Returns the pattern used, the tokens its words covered, and any actor slots it filled.
pub fn code_verb<'a>(
    lexicon: &'a Lexicon,
    tokens: &[Token],
    mentions: &[Mention],
    verb: Range<usize>,
    entry_index: usize,
    present: &[u32],
    syntax: Option<&Syntax>,
) -> Option<CodedVerb<'a>> {
    let entry: &VerbEntry = &lexicon.dictionaries.verbs[entry_index];
    let mut best: Option<(usize, &VerbPattern, Range<usize>, Slots)> = None;
    for (pattern_index, pattern) in entry.patterns.iter().enumerate() {
        if !lexicon.pattern_possible(entry_index, pattern_index, present) {
            continue;
        }
        // TABARI's "+++" (complex) and "###" markers are notes to a human coder, not codes.
        if let EventCodeSpec::Code { primary, .. } = &pattern.code {
            if !primary.is_empty() && !primary.chars().any(|c| c.is_ascii_alphanumeric()) {
                continue;
            }
        }
        if let Some((cover, slots)) = match_pattern(lexicon, tokens, mentions, verb.clone(), pattern, syntax) {
            let weight = pattern_weight(pattern);
            if best.as_ref().is_none_or(|(w, ..)| weight > *w) {
                best = Some((weight, pattern, cover, slots));
            }
        }
    }
    match best {
        Some((_, pattern, cover, slots)) => Some((&pattern.code, Some(pattern), cover, slots)),
        None => entry.code.as_ref().map(|code| (code, None, verb.clone(), Slots::default())),
    }
}

fn match_pattern(
    lexicon: &Lexicon,
    tokens: &[Token],
    mentions: &[Mention],
    verb: Range<usize>,
    pattern: &VerbPattern,
    syntax: Option<&Syntax>,
) -> Option<(Range<usize>, Slots)> {
    let mut slots = Slots::default();
    let mut cover = verb.clone();
    // After the verb, left to right.
    let mut position = verb.end;
    let mut adjacent = pattern.verb_joined;
    for item in &pattern.after {
        let (found, joined) =
            match_item(lexicon, tokens, mentions, item, position, adjacent, Direction::Forward, &mut slots, None)?;
        if item_is_literal(item) {
            slots.literals.push(found.clone());
        }
        cover.end = cover.end.max(found.end);
        position = found.end;
        adjacent = joined;
    }
    // Before the verb, right to left.
    let mut position = verb.start;
    let mut adjacent_to_next = false;
    for item in pattern.before.iter().rev() {
        let joined = item_joined(item);
        let found = match_item(
            lexicon,
            tokens,
            mentions,
            item,
            position,
            joined || adjacent_to_next,
            Direction::Backward,
            &mut slots,
            syntax.and_then(|s| s.clause_of(verb.start)).and_then(|c| c.subject.clone()),
        )?
        .0;
        if item_is_literal(item) {
            slots.literals.push(found.clone());
        }
        cover.start = cover.start.min(found.start);
        position = found.start;
        adjacent_to_next = false;
    }
    Some((cover, slots))
}

/// Finds `item` starting at `from` (forward) or ending at `from` (backward). `adjacent` forbids
/// any gap. Returns the tokens it took and whether the next item must be adjacent.
#[allow(clippy::too_many_arguments)]
fn match_item(
    lexicon: &Lexicon,
    tokens: &[Token],
    mentions: &[Mention],
    item: &PatternItem,
    from: usize,
    adjacent: bool,
    direction: Direction,
    slots: &mut Slots,
    subject_phrase: Option<Range<usize>>,
) -> Option<(Range<usize>, bool)> {
    let max_gap = if adjacent { 0 } else { MAX_PATTERN_GAP };
    match item {
        PatternItem::Word { word, joined } => {
            let found =
                scan(tokens, from, max_gap, direction, |i| word_matches(word, &tokens[i].norm).then_some(i..i + 1))?;
            Some((found, *joined))
        }
        PatternItem::Synset { name, joined } => {
            let members = lexicon.synsets.get(name)?;
            let found = scan(tokens, from, max_gap, direction, |i| match direction {
                Direction::Forward => members
                    .candidates(&tokens[i].norm)
                    .find_map(|words| phrase_at(tokens, i, words).map(|len| i..i + len)),
                // Backward, a member ends at `i`: try each length that could start there.
                Direction::Backward => (0..=i.min(8)).find_map(|back| {
                    let start = i - back;
                    members
                        .candidates(&tokens[start].norm)
                        .filter(|words| words.len() == back + 1)
                        .find_map(|words| phrase_at(tokens, start, words).map(|len| start..start + len))
                }),
            })?;
            Some((found, *joined))
        }
        PatternItem::SkipPhrase => {
            let skipped = match direction {
                Direction::Forward => {
                    mentions.iter().find(|m| m.tokens.start >= from && m.tokens.start - from <= max_gap.max(3))
                }
                Direction::Backward => {
                    mentions.iter().rev().find(|m| m.tokens.end <= from && from - m.tokens.end <= max_gap.max(3))
                }
            }?;
            Some((skipped.tokens.clone(), false))
        }
        PatternItem::Source | PatternItem::Target | PatternItem::Compound => {
            // An actor slot takes the nearest mention in that direction, within the gap.
            let mut mention = match direction {
                Direction::Forward => mentions.iter().find(|m| {
                    m.tokens.start >= from && m.tokens.start - from <= max_gap.max(3) && !absolute_with(tokens, m)
                }),
                Direction::Backward => {
                    mentions.iter().rev().find(|m| m.tokens.end <= from && from - m.tokens.end <= max_gap.max(3))
                }
            }?;
            // With a parse, an actor slot before the verb inside the subject noun phrase is
            // that phrase's head actor, not whatever its modifiers name last.
            if let Some(np) = subject_phrase.filter(|np| np.contains(&mention.tokens.start)) {
                if let Some(head) = mentions.iter().find(|m| np.contains(&m.tokens.start)) {
                    mention = head;
                }
            }
            match item {
                PatternItem::Source => slots.source = Some(mention.clone()),
                PatternItem::Target => slots.target = Some(mention.clone()),
                _ => slots.compound = true,
            }
            Some((mention.tokens.clone(), false))
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

/// Actor slots a pattern filled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slots {
    pub source: Option<Mention>,
    pub target: Option<Mention>,
    /// A `%` slot: the members of a compound act on each other.
    pub compound: bool,
    /// Tokens the pattern's literal words and synsets took.
    pub literals: Vec<Range<usize>>,
}

/// Whether a pattern spells out a modal itself ("would_*"), and so has read the mood.
pub fn mentions_modal(pattern: &VerbPattern) -> bool {
    pattern.before.iter().chain(&pattern.after).any(|item| match item {
        PatternItem::Word { word, .. } => is_future_modal(word.text()) || is_obligation_modal(word.text()),
        _ => false,
    })
}

/// Whether a pattern spells out its own negation ("* not_to +", `&NEGATION *`), and so has
/// decided what the negated verb means.
pub fn mentions_negation(pattern: &VerbPattern) -> bool {
    pattern.before.iter().chain(&pattern.after).any(|item| match item {
        PatternItem::Word { word, .. } => is_negation(word.text()),
        // A synset before the verb is how PETRARCH dictionaries write negated auxiliaries.
        PatternItem::Synset { name, .. } => name.contains("NEG"),
        _ => false,
    })
}

fn item_is_literal(item: &PatternItem) -> bool {
    matches!(item, PatternItem::Word { .. } | PatternItem::Synset { .. })
}

fn item_joined(item: &PatternItem) -> bool {
    matches!(item, PatternItem::Word { joined: true, .. } | PatternItem::Synset { joined: true, .. })
}

/// More literal words make a more specific pattern; actor slots count a little.
fn pattern_weight(pattern: &VerbPattern) -> usize {
    pattern
        .before
        .iter()
        .chain(&pattern.after)
        .map(|item| match item {
            PatternItem::Word { .. } | PatternItem::Synset { .. } => 4,
            _ => 1,
        })
        .sum::<usize>()
        + 1
}

/// Looks for the first position within `max_gap` tokens of `from` where `test` succeeds, never
/// crossing a clause boundary.
fn scan(
    tokens: &[Token],
    from: usize,
    max_gap: usize,
    direction: Direction,
    mut test: impl FnMut(usize) -> Option<Range<usize>>,
) -> Option<Range<usize>> {
    match direction {
        Direction::Forward => {
            for (i, token) in tokens.iter().enumerate().take(from + max_gap + 1).skip(from) {
                if let Some(found) = test(i) {
                    return Some(found);
                }
                if ends_clause(&token.norm) {
                    return None;
                }
            }
            None
        }
        Direction::Backward => {
            let lowest = from.saturating_sub(max_gap + 1);
            for i in (lowest..from).rev() {
                if let Some(found) = test(i) {
                    return Some(found);
                }
                if ends_clause(&tokens[i].norm) {
                    return None;
                }
            }
            None
        }
    }
}

fn word_matches(word: &Word, norm: &str) -> bool {
    match word {
        Word::Exact(w) | Word::Cased(w) => &**w == norm,
        Word::Stem(w) => norm.starts_with(&**w),
    }
}

/// Length of `words` if they match tokens from `at` on.
fn phrase_at(tokens: &[Token], at: usize, words: &[Word]) -> Option<usize> {
    if words.is_empty() || at + words.len() > tokens.len() {
        return None;
    }
    words.iter().enumerate().all(|(k, w)| word_matches(w, &tokens[at + k].norm)).then_some(words.len())
}

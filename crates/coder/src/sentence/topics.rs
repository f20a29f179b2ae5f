//! Stage 2, names that describe a noun: in "to discuss Libya–Turkey relations", "the Iran arms
//! affair" or "carrying European Union flags" the names say what the relations, the affair and
//! the flags are about; they take part in nothing. Such a mention is marked a topic, and no rule
//! takes it as a party (`Mention::is_no_party`).

use super::actors::Mention;
use super::tokens::Token;
use crate::english::is_topic_noun;

/// How many words may stand between a name and the topic noun it describes ("the Iran arms
/// affair", "Brazil's … " is a possessor, not a modifier, and is never marked).
const MODIFIER_REACH: usize = 1;

/// Marks the mentions that modify a topic noun after them, and a name joined to such a mention by
/// a dash ("Libya–Turkey relations").
pub fn mark_topics(tokens: &[Token], mentions: &mut [Mention]) {
    for k in 0..mentions.len() {
        if !describes_a_topic(tokens, mentions[k].tokens.end) {
            continue;
        }
        mentions[k].is_topic = true;
        let mut j = k;
        while j > 0 && joined_by_dash(tokens, mentions[j - 1].tokens.end, mentions[j].tokens.start) {
            mentions[j - 1].is_topic = true;
            j -= 1;
        }
    }
}

/// Whether a topic noun follows at `end`, directly or after one plain lower-case word ("arms"),
/// as a common noun: lower case, not a possessive's object.
fn describes_a_topic(tokens: &[Token], end: usize) -> bool {
    (0..=MODIFIER_REACH).any(|gap| {
        let between = &tokens[end.min(tokens.len())..(end + gap).min(tokens.len())];
        let plain = between.iter().all(|t| !t.capitalized && t.norm.chars().all(char::is_alphabetic));
        plain && tokens.get(end + gap).is_some_and(|t| !t.capitalized && is_topic_noun(&t.norm))
    })
}

fn joined_by_dash(tokens: &[Token], left_end: usize, right_start: usize) -> bool {
    right_start == left_end + 1
        && tokens.get(left_end).is_some_and(|t| matches!(t.norm.as_str(), "-" | "–" | "—" | "/"))
}

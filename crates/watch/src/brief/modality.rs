//! Whether a deed the coder found is told as fact. The coder already drops "did not fire" and
//! turns "would attack" into a threat; what it still codes as a deed (QuadClass 2 or 4) may be
//! told as possible ("China could blockade Taiwan"), conditional ("If India attacks, …") or
//! denied ("denied that its troops shelled the posts"). Such a deed is speculation or a claim
//! refused, not an act, and the brief does not count it.
//!
//! The reading is grammatical, on the sentence's own words around the verb the coder matched:
//! a modal of possibility within three words before it, a conditional conjunction opening its
//! clause, or a verb of denial earlier in the sentence.

use tripwire_store::EventRecord;

/// Why a deed is not told as fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unfactual {
    Possible,
    Conditional,
    Denied,
}

impl Unfactual {
    pub fn describe(self) -> &'static str {
        match self {
            Unfactual::Possible => "told as possible, not as fact",
            Unfactual::Conditional => "conditional, not fact",
            Unfactual::Denied => "denied, not fact",
        }
    }
}

const POSSIBILITY: [&str; 6] = ["could", "may", "might", "would", "should", "can"];
const CONDITIONS: [&str; 3] = ["if", "unless", "whether"];
const DENIALS: [&str; 4] = ["deny", "denies", "denied", "denying"];

/// Why `record`, a deed, is not told as fact; `None` for a fact, or a record the coder did not
/// match a verb for (imports).
pub fn unfactual(record: &EventRecord) -> Option<Unfactual> {
    if !matches!(record.quad_class, Some(2 | 4)) {
        return None;
    }
    let verb = record.matched.as_ref()?.get("verb_text")?.as_str()?.to_lowercase();
    let sentence = record.sentence.as_deref()?;
    let words = words(sentence);
    let first_verb_word = verb.split_whitespace().next()?;
    let at = words.iter().position(|w| w.text == first_verb_word)?;
    reading(&words, at)
}

struct Word {
    text: String,
    /// A comma, semicolon or colon follows it: a clause may end here.
    ends_clause: bool,
}

fn words(sentence: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for piece in sentence.split_whitespace() {
        let text: String = piece.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect();
        let ends_clause = piece.ends_with([',', ';', ':']);
        if !text.is_empty() {
            out.push(Word { text: text.to_lowercase(), ends_clause });
        } else if let Some(last) = out.last_mut() {
            last.ends_clause |= ends_clause;
        }
    }
    out
}

fn reading(words: &[Word], at: usize) -> Option<Unfactual> {
    let before = &words[..at];
    if before.iter().rev().take(3).any(|w| POSSIBILITY.contains(&w.text.as_str())) {
        return Some(Unfactual::Possible);
    }
    // The verb's clause: back to the last clause boundary before it.
    let clause_start = before.iter().rposition(|w| w.ends_clause).map_or(0, |i| i + 1);
    if before[clause_start..].iter().any(|w| CONDITIONS.contains(&w.text.as_str())) {
        return Some(Unfactual::Conditional);
    }
    if before.iter().any(|w| DENIALS.contains(&w.text.as_str())) {
        return Some(Unfactual::Denied);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str, verb: &str) -> Option<Unfactual> {
        let words = words(sentence);
        let at = words.iter().position(|w| w.text == verb).unwrap();
        reading(&words, at)
    }

    #[test]
    fn possible_conditional_and_denied_deeds_are_not_facts() {
        assert_eq!(read("China could blockade Taiwan, analysts said.", "blockade"), Some(Unfactual::Possible));
        assert_eq!(read("Russia may soon invade Estonia.", "invade"), Some(Unfactual::Possible));
        assert_eq!(read("If India attacks, Pakistan will respond.", "attacks"), Some(Unfactual::Conditional));
        assert_eq!(read("India denied that its troops shelled Pakistani posts.", "shelled"), Some(Unfactual::Denied));
    }

    #[test]
    fn told_deeds_are_facts() {
        assert_eq!(read("Pakistani troops shelled Indian posts on Sunday.", "shelled"), None);
        assert_eq!(read("If talks fail, the ministers said, troops shelled the town.", "shelled"), None);
        assert_eq!(read("Russia deployed brigades, and whether it stays is open.", "deployed"), None);
    }
}

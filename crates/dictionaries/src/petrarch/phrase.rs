//! Phrases as PETRARCH writes them: words separated by blanks or `_`, and the agent file's
//! `!NAME! = A, B, C` substitution sets.

use crate::model::{Phrase, Word};

/// Above this many spellings from one line the line is rejected rather than expanded: real
/// dictionaries stay in the tens, and a hostile line must not exhaust memory.
pub(crate) const MAX_VARIANTS: usize = 4096;

/// The same guard on the total size of a line's spellings, for long lines with few variants.
pub(crate) const MAX_EXPANDED_BYTES: usize = 4 << 20;

/// The words of `text`, split on whitespace and `_`, empty pieces dropped, upper-cased.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '_').filter(|w| !w.is_empty()).map(str::to_uppercase).collect()
}

pub(crate) fn exact(words: impl IntoIterator<Item = String>) -> Phrase {
    Phrase(words.into_iter().map(|w| Word::Exact(w.into_boxed_str())).collect())
}

/// `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON`: every line using `!PERSON!` stands for one line
/// per alternative.
#[derive(Debug, Default)]
pub(crate) struct Substitutions {
    sets: Vec<(String, Vec<String>)>,
}

impl Substitutions {
    /// Reads `!NAME! = A, B, C`; `None` when the line is not a definition.
    pub(crate) fn define(&mut self, line: &str) -> Option<Result<(), String>> {
        let (marker, list) = line.split_once('=')?;
        let marker = marker.trim();
        if !(marker.len() > 2 && marker.starts_with('!') && marker.ends_with('!')) {
            return None;
        }
        if marker[1..marker.len() - 1].contains(|c: char| c.is_whitespace() || c == '!') {
            return Some(Err(format!("bad substitution marker `{marker}`")));
        }
        let alternatives: Vec<String> =
            list.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
        if alternatives.is_empty() {
            return Some(Err(format!("substitution `{marker}` has no alternatives")));
        }
        // Alternatives without `!` make every expansion step remove markers, so it always ends.
        if alternatives.iter().any(|a| a.contains('!')) {
            return Some(Err(format!("alternatives of `{marker}` cannot contain `!`")));
        }
        let marker = marker.to_string();
        self.sets.retain(|(m, _)| *m != marker);
        self.sets.push((marker, alternatives));
        Some(Ok(()))
    }

    /// Every spelling of `text` with each known marker replaced by each of its alternatives (all
    /// occurrences of one marker take the same alternative). Unknown `!...!` stay as written.
    pub(crate) fn expand(&self, text: &str) -> Result<Vec<String>, String> {
        let mut done = Vec::new();
        let mut pending = vec![text.to_string()];
        while let Some(current) = pending.pop() {
            let first = self
                .sets
                .iter()
                .filter_map(|(marker, alternatives)| current.find(marker.as_str()).map(|at| (at, marker, alternatives)))
                .min_by_key(|(at, ..)| *at);
            match first {
                None => done.push(current),
                Some((_, marker, alternatives)) => {
                    for alternative in alternatives.iter().rev() {
                        pending.push(current.replace(marker.as_str(), alternative));
                    }
                }
            }
            let spellings = done.len() + pending.len();
            if spellings > MAX_VARIANTS || spellings.saturating_mul(text.len()) > MAX_EXPANDED_BYTES {
                return Err(format!("substitutions give more than {MAX_VARIANTS} spellings"));
            }
        }
        Ok(done)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }
}

/// A `!NAME!` still left in `text` (after expansion: one that was never defined).
pub(crate) fn leftover_marker(text: &str) -> Option<&str> {
    let mut rest = text;
    while let Some(start) = rest.find('!') {
        let after = &rest[start + 1..];
        let end = after.find('!')?;
        let name = &after[..end];
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Some(&rest[start..start + end + 2]);
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_blanks_and_underscores() {
        assert_eq!(words(" Caras  galadhon_THE__x_ "), ["CARAS", "GALADHON", "THE", "X"]);
        assert!(words(" _ ").is_empty());
    }

    #[test]
    fn substitution_expands_every_marker() {
        let mut subs = Substitutions::default();
        assert!(subs.define("!PERSON! = MAN, MEN , WOMAN").unwrap().is_ok());
        assert!(subs.define("!MINIST! = MINISTER, MINISTRY").unwrap().is_ok());
        assert_eq!(subs.expand("CONGRESS!PERSON!").unwrap(), ["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"]);
        assert_eq!(
            subs.expand("!MINIST!_OF_AD!MINIST!RATION").unwrap(),
            ["MINISTER_OF_ADMINISTERRATION", "MINISTRY_OF_ADMINISTRYRATION"]
        );
        assert_eq!(subs.expand("!MINIST! !PERSON!").unwrap().len(), 6);
        assert_eq!(subs.expand("YAHOO!_INC").unwrap(), ["YAHOO!_INC"]);
    }

    #[test]
    fn definitions_are_recognised_or_rejected() {
        let mut subs = Substitutions::default();
        assert!(subs.define("MINISTER [~GOV]").is_none());
        assert!(subs.define("!A B! = X").unwrap().is_err());
        assert!(subs.define("!A! = , ,").unwrap().is_err());
        assert!(subs.define("!A! = X!A!").unwrap().is_err());
        assert!(subs.is_empty());
    }

    #[test]
    fn runaway_expansion_is_refused() {
        let mut subs = Substitutions::default();
        subs.define("!A! = 1, 2, 3, 4, 5, 6, 7, 8").unwrap().unwrap();
        subs.define("!B! = 1, 2, 3, 4, 5, 6, 7, 8").unwrap().unwrap();
        subs.define("!C! = 1, 2, 3, 4, 5, 6, 7, 8").unwrap().unwrap();
        subs.define("!D! = 1, 2, 3, 4, 5, 6, 7, 8").unwrap().unwrap();
        subs.define("!E! = 1, 2, 3, 4, 5, 6, 7, 8").unwrap().unwrap();
        assert!(subs.expand("!A!!B!!C!!D!!E!").is_err());
    }

    #[test]
    fn leftover_markers_are_found() {
        assert_eq!(leftover_marker("X!MINST!_OF"), Some("!MINST!"));
        assert_eq!(leftover_marker("YAHOO!_INC"), None);
        assert_eq!(leftover_marker("A! B!"), None);
    }
}

//! The compiled matcher: every phrase of a [`Dictionaries`] (actors, agents, verb forms,
//! discards, issues) in one Aho-Corasick automaton over a sentence's normalized tokens.
//!
//! The automaton is daachorse's double array: on the Phoenix set it scans sentences faster than
//! aho-corasick's contiguous NFA (`tripwire bench coder` measures both) and, unlike it, can be
//! written to bytes, which is what lets [`crate::cache`] skip compiling at start-up.
//!
//! A sentence is matched as the string ` T1 T2 T3 ` (upper-cased tokens between single spaces), so
//! a phrase ` W1 W2 ` can only match whole tokens, and a stem ` W1 STE` can only start at a token
//! start. One pass over the sentence finds every candidate of every kind.

use daachorse::DoubleArrayAhoCorasick;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use tripwire_dictionaries::{Dictionaries, Phrase, Word};

use crate::sentence::Token;

/// What a matched phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Entry {
    Actor(u32),
    Agent(u32),
    Verb(u32),
    Noun(u32),
    Discard(u32),
    Issue(u32),
}

/// A phrase found in a sentence: tokens `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: Entry,
}

/// Fields are visible to the crate so that [`crate::cache`] can write and read them; everything
/// but the automaton goes through serde, the automaton through daachorse's own byte format.
pub struct Lexicon {
    pub dictionaries: Dictionaries,
    /// Each key's value is its number in `keyed`.
    pub(crate) automaton: DoubleArrayAhoCorasick<u32>,
    /// Per automaton key, the lexicon keys spelled that way: the plain one and the capitals-only
    /// one (`US` the country, `us` the pronoun) share a spelling but not their entries.
    pub(crate) keyed: Vec<Box<[u32]>>,
    pub(crate) entries: Vec<Vec<Entry>>,
    /// For lexicon keys with capitals-only words (`US`), the positions of those words.
    pub(crate) cased: Vec<Box<[u8]>>,
    /// Synset members as token sequences, for verb patterns.
    pub synsets: HashMap<Box<str>, SynsetIndex>,
    /// Every literal word that some verb pattern requires, numbered.
    pub(crate) vocabulary: HashMap<Box<str>, u32>,
    /// Per verb, per pattern: the numbers of the literal words it needs. A pattern whose words
    /// are not all in the sentence cannot match, which rules out most patterns with a few lookups.
    pub(crate) required: Vec<Vec<Box<[u32]>>>,
    /// Per verb, per pattern: for each synset item, the numbers of its members' first words, one
    /// of which must be in the sentence.
    pub(crate) synset_required: Vec<Vec<WordSets>>,
    /// Single-word country names and each of their one-letter deletions, for names misspelled
    /// by one letter ("Venezuala", "Kazakstan"): variant → (name, actor entry).
    pub(crate) misspellings: HashMap<Box<str>, Vec<(Box<str>, u32)>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("keys", &self.keyed.len())
            .field("automaton_bytes", &self.automaton.heap_bytes())
            .finish_non_exhaustive()
    }
}

/// Sets of word numbers, one of each must be present.
pub(crate) type WordSets = Box<[Box<[u32]>]>;

/// The members of one synset, indexed by their first word so a pattern can test a position
/// without walking the whole set.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SynsetIndex {
    by_first_word: HashMap<Box<str>, Vec<Vec<Word>>>,
    /// Members whose first word is a stem: few, checked one by one.
    stem_first: Vec<Vec<Word>>,
}

impl SynsetIndex {
    fn new(phrases: &[Phrase]) -> SynsetIndex {
        let mut index = SynsetIndex::default();
        for phrase in phrases {
            match phrase.0.first() {
                Some(Word::Exact(w) | Word::Cased(w)) => {
                    index.by_first_word.entry(w.clone()).or_default().push(phrase.0.clone())
                }
                Some(Word::Stem(_)) => index.stem_first.push(phrase.0.clone()),
                None => {}
            }
        }
        // Longest first, so "AUSTRIAN GOLD FLORIN" wins over "AUSTRIAN".
        for members in index.by_first_word.values_mut() {
            members.sort_by_key(|m| std::cmp::Reverse(m.len()));
        }
        index
    }

    /// Members that could start with `word`.
    pub fn candidates<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Vec<Word>> + 'a {
        self.by_first_word.get(word).into_iter().flatten().chain(self.stem_first.iter())
    }
}

/// The automaton key for a phrase: ` W1 W2 ` when the last word is exact, ` W1 W2` when it is a stem.
fn phrase_key(phrase: &Phrase) -> Option<String> {
    if phrase.0.is_empty() {
        return None;
    }
    let mut key = String::from(" ");
    for (i, word) in phrase.0.iter().enumerate() {
        let text = word.text();
        if text.is_empty() || text.contains(' ') {
            // A word with a space inside is two tokens: keep them as such.
            key.push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        } else {
            key.push_str(text);
        }
        let last = i + 1 == phrase.0.len();
        if !last || matches!(word, Word::Exact(_)) {
            key.push(' ');
        }
    }
    (!key.trim().is_empty()).then_some(key)
}

impl Lexicon {
    pub fn new(dictionaries: Dictionaries) -> Result<Lexicon, daachorse::errors::DaachorseError> {
        let mut keys: Vec<String> = Vec::new();
        let mut keyed: Vec<Vec<u32>> = Vec::new();
        let mut spelled: HashMap<String, usize> = HashMap::default();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        let mut cased: Vec<Box<[u8]>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        let mut add = |phrase: &Phrase, entry: Entry| {
            if let Some(key) = phrase_key(phrase) {
                // A capitals-only phrase gets its own key, so "us" does not inherit its entries.
                let positions: Box<[u8]> = phrase
                    .0
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| matches!(w, Word::Cased(_)))
                    .map(|(k, _)| k as u8)
                    .collect();
                let lookup = if positions.is_empty() { key.clone() } else { format!("{key}\u{1}cased") };
                let id = *index.entry(lookup).or_insert_with(|| {
                    let spelling = *spelled.entry(key.clone()).or_insert_with(|| {
                        keys.push(key);
                        keyed.push(Vec::new());
                        keyed.len() - 1
                    });
                    keyed[spelling].push(entries.len() as u32);
                    entries.push(Vec::new());
                    cased.push(positions);
                    entries.len() - 1
                });
                if !entries[id].contains(&entry) {
                    entries[id].push(entry);
                }
            }
        };
        for (i, actor) in dictionaries.actors.iter().enumerate() {
            for phrase in &actor.phrases {
                add(phrase, Entry::Actor(i as u32));
            }
        }
        for (i, agent) in dictionaries.agents.iter().enumerate() {
            for phrase in &agent.phrases {
                add(phrase, Entry::Agent(i as u32));
            }
        }
        for (i, verb) in dictionaries.verbs.iter().enumerate() {
            for phrase in &verb.forms {
                add(phrase, Entry::Verb(i as u32));
            }
        }
        for (i, noun) in dictionaries.nouns.iter().enumerate() {
            for phrase in &noun.phrases {
                add(phrase, Entry::Noun(i as u32));
            }
        }
        for (i, discard) in dictionaries.discards.iter().enumerate() {
            add(&discard.phrase, Entry::Discard(i as u32));
        }
        for (i, issue) in dictionaries.issues.iter().enumerate() {
            add(&issue.phrase, Entry::Issue(i as u32));
        }
        let automaton = DoubleArrayAhoCorasick::with_values(keys.iter().zip(0u32..))?;
        let keyed = keyed.into_iter().map(Vec::into_boxed_slice).collect();
        let synsets =
            dictionaries.synsets.iter().map(|(name, phrases)| (name.clone(), SynsetIndex::new(phrases))).collect();
        let mut vocabulary: HashMap<Box<str>, u32> = HashMap::default();
        // A synset can only match where one of its members' first words is: numbered like the
        // pattern words, so a pattern can be ruled out before any scanning. `None`: a member
        // starts with a stem, which a word list cannot rule out.
        let synset_firsts: HashMap<Box<str>, Option<Box<[u32]>>> = dictionaries
            .synsets
            .iter()
            .map(|(name, phrases)| {
                let mut ids = Vec::new();
                for phrase in phrases {
                    match phrase.0.first() {
                        Some(Word::Exact(w) | Word::Cased(w)) => {
                            let next = vocabulary.len() as u32;
                            ids.push(*vocabulary.entry(w.clone()).or_insert(next));
                        }
                        Some(Word::Stem(_)) => return (name.clone(), None),
                        None => {}
                    }
                }
                ids.sort_unstable();
                ids.dedup();
                (name.clone(), Some(ids.into_boxed_slice()))
            })
            .collect();
        let synset_required: Vec<Vec<WordSets>> = dictionaries
            .verbs
            .iter()
            .map(|verb| {
                verb.patterns
                    .iter()
                    .map(|pattern| {
                        pattern
                            .before
                            .iter()
                            .chain(&pattern.after)
                            .filter_map(|item| match item {
                                tripwire_dictionaries::PatternItem::Synset { name, .. } => {
                                    synset_firsts.get(name).cloned().flatten()
                                }
                                _ => None,
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let required = dictionaries
            .verbs
            .iter()
            .map(|verb| {
                verb.patterns
                    .iter()
                    .map(|pattern| {
                        let mut ids: Vec<u32> = pattern
                            .before
                            .iter()
                            .chain(&pattern.after)
                            .filter_map(|item| match item {
                                tripwire_dictionaries::PatternItem::Word { word: Word::Exact(w), .. } => {
                                    let next = vocabulary.len() as u32;
                                    Some(*vocabulary.entry(w.clone()).or_insert(next))
                                }
                                _ => None,
                            })
                            .collect();
                        ids.sort_unstable();
                        ids.dedup();
                        ids.into_boxed_slice()
                    })
                    .collect()
            })
            .collect();
        let misspellings = misspelling_index(&dictionaries);
        Ok(Lexicon {
            misspellings,
            dictionaries,
            automaton,
            keyed,
            entries,
            cased,
            synsets,
            vocabulary,
            required,
            synset_required,
        })
    }

    /// The sorted numbers of the pattern words present in a sentence.
    pub fn pattern_words_in(&self, tokens: &[Token], present: &mut Vec<u32>) {
        present.clear();
        present.extend(tokens.iter().filter_map(|t| self.vocabulary.get(t.norm.as_str()).copied()));
        present.sort_unstable();
        present.dedup();
    }

    /// Whether every literal word of pattern `pattern` of verb `verb` is in the sentence.
    pub fn pattern_possible(&self, verb: usize, pattern: usize, present: &[u32]) -> bool {
        self.required
            .get(verb)
            .and_then(|patterns| patterns.get(pattern))
            .is_none_or(|ids| ids.iter().all(|id| present.binary_search(id).is_ok()))
            && self
                .synset_required
                .get(verb)
                .and_then(|patterns| patterns.get(pattern))
                .is_none_or(|sets| sets.iter().all(|firsts| firsts.iter().any(|id| present.binary_search(id).is_ok())))
    }

    /// Every dictionary phrase in `tokens`. `buffer` and `starts` are scratch space reused across
    /// sentences.
    pub fn find(&self, tokens: &[Token], scratch: &mut Scratch, hits: &mut Vec<Hit>) {
        hits.clear();
        let buffer = &mut scratch.buffer;
        let starts = &mut scratch.starts;
        buffer.clear();
        starts.clear();
        buffer.push(' ');
        for token in tokens {
            starts.push(buffer.len());
            buffer.push_str(&token.norm);
            buffer.push(' ');
        }
        for m in self.automaton.find_overlapping_iter(buffer.as_bytes()) {
            let first_char = m.start() + 1;
            let Ok(start) = starts.binary_search(&first_char) else { continue };
            // The token holding the last matched character (a stem may end inside a token).
            let last_char = if buffer.as_bytes()[m.end() - 1] == b' ' { m.end() - 2 } else { m.end() - 1 };
            let end = match starts.binary_search(&last_char) {
                Ok(i) => i + 1,
                Err(i) => i,
            };
            for &id in self.keyed.get(m.value() as usize).into_iter().flatten() {
                let id = id as usize;
                if !self.cased[id].iter().all(|&k| tokens.get(start + k as usize).is_some_and(|t| t.all_caps)) {
                    continue;
                }
                for &entry in &self.entries[id] {
                    hits.push(Hit { start, end, entry });
                }
            }
        }
        if !self.misspellings.is_empty() {
            self.find_misspelled_countries(tokens, hits);
        }
    }

    /// A capitalised word no dictionary knows, one letter away from exactly one country's name,
    /// standing alone (not inside a run of names like "Graham Greene"), is that country.
    fn find_misspelled_countries(&self, tokens: &[Token], hits: &mut Vec<Hit>) {
        let candidate = |t: &Token| {
            t.capitalized && !t.all_caps && t.norm.len() >= 6 && t.norm.bytes().all(|b| b.is_ascii_uppercase())
        };
        if !tokens.iter().any(candidate) {
            return;
        }
        let covered = |i: usize| hits.iter().any(|h| h.start <= i && i < h.end);
        let name_like = |i: usize| tokens.get(i).is_some_and(|t| t.capitalized && !covered(i));
        let mut found = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let word = token.norm.as_str();
            if !candidate(token) {
                continue;
            }
            let after_name = i >= 1 && name_like(i - 1) && !matches!(tokens[i - 1].norm.as_str(), "THE" | "A" | "AN");
            if after_name || name_like(i + 1) || covered(i) {
                continue;
            }
            let mut actor = None;
            let mut ambiguous = false;
            for_each_variant(word, |variant| {
                for (name, entry) in self.misspellings.get(variant).into_iter().flatten() {
                    if name.as_bytes()[0] == word.as_bytes()[0] && within_one_edit(word, name) {
                        match actor {
                            Some(a) if a != *entry => ambiguous = true,
                            _ => actor = Some(*entry),
                        }
                    }
                }
            });
            if let (Some(entry), false) = (actor, ambiguous) {
                found.push(Hit { start: i, end: i + 1, entry: Entry::Actor(entry) });
            }
        }
        hits.extend(found);
    }

    /// Where a dictionary entry was read.
    pub fn origin(&self, entry: Entry) -> &tripwire_dictionaries::Origin {
        let d = &self.dictionaries;
        match entry {
            Entry::Actor(i) => &d.actors[i as usize].origin,
            Entry::Agent(i) => &d.agents[i as usize].origin,
            Entry::Verb(i) => &d.verbs[i as usize].origin,
            Entry::Noun(i) => &d.nouns[i as usize].origin,
            Entry::Discard(i) => &d.discards[i as usize].origin,
            Entry::Issue(i) => &d.issues[i as usize].origin,
        }
    }

    /// Approximate heap size of the automaton, for the benchmark.
    pub fn automaton_bytes(&self) -> usize {
        self.automaton.heap_bytes()
    }

    /// Every automaton key (` W1 W2 `), in key order: for the benchmark that compares automata.
    pub fn phrase_keys(&self) -> Vec<Vec<u8>> {
        let mut keys: Vec<(u32, Vec<u8>)> = self.automaton.iter().map(|(key, value)| (value, key)).collect();
        keys.sort_unstable();
        keys.into_iter().map(|(_, key)| key).collect()
    }
}

/// Reusable buffers for [`Lexicon::find`].
#[derive(Default, Debug)]
pub struct Scratch {
    buffer: String,
    starts: Vec<usize>,
}

fn misspelling_index(dictionaries: &Dictionaries) -> HashMap<Box<str>, Vec<(Box<str>, u32)>> {
    let mut index: HashMap<Box<str>, Vec<(Box<str>, u32)>> = HashMap::default();
    for (i, actor) in dictionaries.actors.iter().enumerate() {
        let country = actor.codes.iter().all(|c| c.code.len() == 3 && tripwire_ontology::country(&c.code).is_ok());
        if !country || actor.codes.is_empty() {
            continue;
        }
        for phrase in &actor.phrases {
            let [Word::Exact(name)] = phrase.0.as_slice() else { continue };
            if name.len() < 6 || !name.bytes().all(|b| b.is_ascii_uppercase()) {
                continue;
            }
            for_each_variant(name, |variant| {
                let slot = index.entry(variant.into()).or_default();
                if !slot.iter().any(|(n, e)| n == name && *e == i as u32) {
                    slot.push((name.clone(), i as u32));
                }
            });
        }
    }
    index
}

/// Visits the word itself and the word with one letter left out at each position: the keys under
/// which a name is filed and a misspelling looked up. One buffer serves every variant.
fn for_each_variant(word: &str, mut visit: impl FnMut(&str)) {
    visit(word);
    let mut variant = String::with_capacity(word.len());
    for skip in 0..word.len() {
        variant.clear();
        variant.push_str(&word[..skip]);
        variant.push_str(&word[skip + 1..]);
        visit(&variant);
    }
}

/// True when one insertion, deletion or substitution turns `a` into `b` (ASCII).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix + 1.min(short.len() - prefix)..] == long[prefix + 1.min(long.len() - prefix)..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod misspelling_tests {
    use super::within_one_edit;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("VENEZUALA", "VENEZUELA"));
        assert!(within_one_edit("PHILIPINES", "PHILIPPINES"));
        assert!(within_one_edit("KAZAKSTAN", "KAZAKHSTAN"));
        assert!(within_one_edit("GREECE", "GREECE"));
        assert!(within_one_edit("GREENE", "GREECE"));
        assert!(!within_one_edit("GREENS", "GREECE"));
        assert!(!within_one_edit("KENYANS", "KENYA"));
    }
}

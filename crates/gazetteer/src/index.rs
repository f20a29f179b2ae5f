//! The name index: every key a place can be named by, and the places it can mean, ranked.
//!
//! Some 150,000 spellings are indexed once per process, so the index is one sorted array rather
//! than a map with an allocation per key: each spelling's key is appended to a single text arena,
//! its entry (hash, key, place) to a vector, and one sort brings every key's places together.

use crate::names;
use crate::{Place, Precision};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// A national capital outranks other places of its name unless one of them is more than this many
/// times as populous: "Washington" is the US capital, but "Victoria" is not the Seychelles'.
const CAPITAL_WEIGHT: u64 = 10;

/// Single-token city names shorter than this are not matched in text ("Of", "Pa", "Ho"); country
/// aliases ("UK") are.
const MIN_CITY_KEY_CHARS: usize = 3;

/// One place a key can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub place: u32,
    /// The key is the place's own name (or its plain-letter spelling), not an alternate.
    pub own_name: bool,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    hash: u64,
    key_start: u32,
    key_len: u32,
    candidate: Candidate,
    /// Whether the text matcher may return this key; the same for all of a key's entries.
    matchable: bool,
}

/// FxHash: the keys are the crate's own data, so a fast hash without flood resistance is safe.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

fn hash_key(key: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(key.as_bytes());
    hasher.finish()
}

/// The places one key can mean.
pub(crate) struct Names<'i> {
    entries: &'i [Entry],
}

impl Names<'_> {
    /// Best reading first.
    pub fn candidates(&self) -> impl Iterator<Item = Candidate> + '_ {
        self.entries.iter().map(|e| e.candidate)
    }

    pub fn best(&self) -> Option<Candidate> {
        self.entries.first().map(|e| e.candidate)
    }

    pub fn matchable(&self) -> bool {
        self.entries.first().is_some_and(|e| e.matchable)
    }
}

/// Keys to the places they name.
#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    /// Sorted by hash, then key; a key's entries are adjacent, best reading first.
    entries: Vec<Entry>,
    /// Every entry's key, one after another.
    keys: String,
    /// The most tokens any key has, which bounds how far a match can reach.
    pub longest_key: usize,
}

impl NameIndex {
    fn key(&self, entry: &Entry) -> &str {
        let start = entry.key_start as usize;
        self.keys.get(start..start + entry.key_len as usize).unwrap_or("")
    }

    fn run(&self, key: &str) -> Range<usize> {
        let hash = hash_key(key);
        let first_of_hash = self.entries.partition_point(|e| e.hash < hash);
        let mut start = first_of_hash;
        while start < self.entries.len() && self.entries[start].hash == hash && self.key(&self.entries[start]) != key {
            start += 1;
        }
        let mut end = start;
        while end < self.entries.len() && self.entries[end].hash == hash && self.key(&self.entries[end]) == key {
            end += 1;
        }
        start..end
    }

    pub fn get(&self, key: &str) -> Option<Names<'_>> {
        let run = self.run(key);
        (!run.is_empty()).then(|| Names { entries: &self.entries[run] })
    }

    /// How many distinct keys the index holds.
    pub fn len(&self) -> usize {
        self.entries.windows(2).filter(|w| w[0].hash != w[1].hash || self.key(&w[0]) != self.key(&w[1])).count()
            + usize::from(!self.entries.is_empty())
    }
}

/// Collects names while places are read, then sorts and ranks them.
#[derive(Default)]
pub(crate) struct IndexBuilder {
    index: NameIndex,
    scratch: String,
    with_spaces: String,
}

impl IndexBuilder {
    pub fn with_capacity(spellings: usize, key_bytes: usize) -> IndexBuilder {
        let mut builder = IndexBuilder::default();
        builder.index.entries.reserve(spellings);
        builder.index.keys.reserve(key_bytes);
        builder
    }

    /// Indexes `name` for a place, and the spelling with hyphens as spaces ("Guinea Bissau"); for
    /// a place's own name, also without a leading "The", since the coder reads over the article
    /// ("in the Hague").
    pub fn add_name(&mut self, name: &str, candidate: Candidate) {
        self.add_spelling(name, candidate);
        if name.contains('-') {
            let mut with_spaces = std::mem::take(&mut self.with_spaces);
            with_spaces.clear();
            with_spaces.extend(name.chars().map(|c| if c == '-' { ' ' } else { c }));
            self.add_spelling(&with_spaces, candidate);
            self.with_spaces = with_spaces;
        }
        if candidate.own_name {
            let without = name.strip_prefix("The ").or_else(|| name.strip_prefix("the "));
            if let Some(rest) = without.filter(|r| !r.trim().is_empty()) {
                self.add_spelling(rest, candidate);
            }
        }
    }

    fn add_spelling(&mut self, name: &str, candidate: Candidate) {
        self.scratch.clear();
        let tokens = names::push_key_tokens(name, &mut self.scratch);
        let (Ok(key_start), Ok(key_len)) = (u32::try_from(self.index.keys.len()), u32::try_from(self.scratch.len()))
        else {
            return;
        };
        if tokens == 0 {
            return;
        }
        self.index.longest_key = self.index.longest_key.max(tokens);
        let key = self.scratch.as_str();
        let excluded = tokens == 1 && (key.chars().count() < MIN_CITY_KEY_CHARS || names::is_direction_key(key));
        let entry = Entry { hash: hash_key(key), key_start, key_len, candidate, matchable: !excluded };
        self.index.keys.push_str(key);
        self.index.entries.push(entry);
    }

    /// Brings each key's places together, drops repeats, ranks them, and decides which keys text
    /// may match. `preferred` maps a key to the city that reads it first.
    pub fn finish(self, places: &[Place], is_capital: &[bool], preferred: &FastMap<String, u32>) -> NameIndex {
        let IndexBuilder { index, .. } = self;
        let country_count = places.iter().take_while(|p| p.precision == Precision::Country).count();
        let is_country = |place: u32| (place as usize) < country_count;
        let NameIndex { mut entries, keys, longest_key } = index;
        let key_of = |e: &Entry| {
            let start = e.key_start as usize;
            keys.get(start..start + e.key_len as usize).unwrap_or("")
        };
        // Within a key, a place's own-name entry sorts before its alternate one, so keeping the
        // first of each place keeps the better.
        entries.sort_unstable_by(|a, b| {
            a.hash
                .cmp(&b.hash)
                .then_with(|| key_of(a).cmp(key_of(b)))
                .then(a.candidate.place.cmp(&b.candidate.place))
                .then(b.candidate.own_name.cmp(&a.candidate.own_name))
        });
        entries.dedup_by(|later, earlier| {
            later.hash == earlier.hash
                && later.candidate.place == earlier.candidate.place
                && key_of(later) == key_of(earlier)
        });

        // Reading a key is a cache miss at this size, so single-place keys, most of them, are
        // settled without reading theirs: add_spelling already judged it.
        let mut start = 0;
        while start < entries.len() {
            let hash = entries[start].hash;
            let mut end = start + entries[start..].iter().take_while(|e| e.hash == hash).count();
            if end - start > 1 {
                let key = key_of(&entries[start]);
                end = start + entries[start..end].iter().take_while(|e| key_of(e) == key).count();
                rank(&mut entries[start..end], places, is_capital, preferred.get(key).copied());
            }
            let run = &mut entries[start..end];
            // Countries are the first places, and rank() puts them first in a run.
            let names_country = run.first().is_some_and(|e| is_country(e.candidate.place));
            let matchable = names_country || run.first().is_some_and(|e| e.matchable);
            for entry in run.iter_mut() {
                entry.matchable = matchable;
            }
            start = end.max(start + 1);
        }
        NameIndex { entries, keys, longest_key }
    }
}

impl NameIndex {
    /// Keeps `key` from text matching unless it names a country.
    pub fn exclude_from_text(&mut self, key: &str, places: &[Place]) {
        let run = self.run(key);
        let entries = &mut self.entries[run];
        let names_country = entries.iter().any(|e| places[e.candidate.place as usize].precision == Precision::Country);
        for entry in entries {
            entry.matchable &= names_country;
        }
    }
}

/// Orders the places a name can mean, best reading first: countries, then a national capital
/// (unless outweighed, see [`CAPITAL_WEIGHT`]), then places whose own name it is, then the more
/// populous; a preferred reading goes before all cities.
fn rank(entries: &mut [Entry], places: &[Place], is_capital: &[bool], preferred: Option<u32>) {
    let place = |e: &Entry| &places[e.candidate.place as usize];
    entries.sort_by(|a, b| {
        let (pa, pb) = (place(a), place(b));
        (pb.precision == Precision::Country)
            .cmp(&(pa.precision == Precision::Country))
            .then(b.candidate.own_name.cmp(&a.candidate.own_name))
            .then(pb.population.cmp(&pa.population))
            .then(pa.geonames_id.cmp(&pb.geonames_id))
    });
    let cities_from = entries.iter().position(|e| place(e).precision != Precision::Country).unwrap_or(entries.len());
    let cities = &mut entries[cities_from..];

    if let Some(at) = cities.iter().position(|e| is_capital[e.candidate.place as usize]) {
        let weighted = place(&cities[at]).population.saturating_mul(CAPITAL_WEIGHT);
        let largest_other =
            cities.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, e)| place(e).population).max().unwrap_or(0);
        if weighted >= largest_other {
            cities[..=at].rotate_right(1);
        }
    }
    if let Some(at) = preferred.and_then(|p| cities.iter().position(|e| e.candidate.place == p)) {
        cities[..=at].rotate_right(1);
    }
}

//! Cross-article deduplication: deciding when two stored events are mentions of one real-world
//! event, and grouping mentions into clusters.
//!
//! The rule has three stages, cheapest first (docs/dedup.md explains and measures it):
//!
//! 1. [`blocking_key`]: events can only be the same when their keys are equal — the dyad by
//!    country (or actor code when there is no country) and the CAMEO root. The store indexes on
//!    it, so a new event is compared with a handful of candidates, never with the whole table.
//! 2. Hard constraints in [`same_event`]: dates within [`DedupRule::window_days`], compatible
//!    locations (same country; cities within [`DedupRule::max_km`] when both are known), and
//!    casualty-like figures that do not contradict each other.
//! 3. Similarity of the sentences: overlap of their content words, numbers and place names,
//!    against [`DedupRule::min_similarity`].
//!
//! [`Clusterer`] applies the rule incrementally in memory, for batch ingest and evaluation.

use crate::record::EventRecord;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The parameters of the "same real-world event" rule.
#[derive(Clone, Debug, PartialEq)]
pub struct DedupRule {
    /// Largest gap in days between two mentions of one event: outlets report a day or two late.
    pub window_days: i64,
    /// Largest distance in kilometres between two city-precise locations of one event.
    pub max_km: f64,
    /// Least score for two events to be one: the sentences' [`similarity`] plus the bonuses below.
    pub min_similarity: f64,
    /// Added when both events are placed in the same city (within `max_km`).
    pub same_city_bonus: f64,
    /// Added when the full event codes are equal, not just their keys' roots.
    pub same_code_bonus: f64,
    /// Added when both events are dated the same day.
    pub same_day_bonus: f64,
    /// Events whose sentence is missing (imports) merge only when their full event codes are
    /// equal and their dates are at most this many days apart.
    pub textless_window_days: i64,
}

impl Default for DedupRule {
    fn default() -> DedupRule {
        DedupRule {
            window_days: 2,
            max_km: 40.0,
            min_similarity: 0.3,
            same_city_bonus: 0.3,
            same_code_bonus: 0.1,
            same_day_bonus: 0.1,
            textless_window_days: 0,
        }
    }
}

/// Whether an event is mutual by nature (a meeting, talks, signing an agreement, cooperating):
/// both directions of the dyad are one event, so its key orders the dyad.
fn is_mutual(event_code: &str, root: &str) -> bool {
    root == "04" || root == "06" || event_code.starts_with("057")
}

/// The root part of a key. Assault, fight and mass violence (18, 19, 20) share one: outlets
/// describe one attack as "killed" (18x) or "struck" (19x), and CAMEO itself leaves the line
/// between them to the wording.
fn root_group(root: &str) -> &str {
    match root {
        "18" | "19" | "20" => "18-20",
        other => other,
    }
}

/// The actor part of a key: the country when known, else the code, else a placeholder.
fn actor_key(country: Option<&str>, code: &str) -> String {
    match country {
        Some(c) if !c.is_empty() => c.to_ascii_uppercase(),
        _ if !code.is_empty() => code.to_ascii_uppercase(),
        _ => "-".to_string(),
    }
}

/// Events can only be the same when these keys are equal: `SRC>TGT:ROOT`, the dyad by country
/// (or actor code when no country is known) and the CAMEO root, with 18–20 as one group
/// (`18-20`). Mutual events (consultations, agreements, cooperation) order the dyad, written
/// `A=B:04`, so "Iran met the US" and "the US met Iran" share a key.
pub fn blocking_key(record: &EventRecord) -> String {
    let source = actor_key(record.source_country.as_deref(), &record.source_code);
    let target = actor_key(record.target_country.as_deref(), &record.target_code);
    let root = root_group(&record.event_root);
    if is_mutual(&record.event_code, &record.event_root) {
        let (a, b) = if source <= target { (source, target) } else { (target, source) };
        format!("{a}={b}:{root}")
    } else {
        format!("{source}>{target}:{root}")
    }
}

/// Whether `a` and `b` are mentions of the same real-world event under `rule`.
///
/// A thin wrapper over [`prepare`] and [`same_prepared`]; callers comparing one event with many
/// prepare each once.
pub fn same_event(rule: &DedupRule, a: &EventRecord, b: &EventRecord) -> bool {
    // Reject on dates and countries before tokenizing any sentence.
    if (a.date - b.date).num_days().abs() > rule.window_days {
        return false;
    }
    if let (Some(la), Some(lb)) = (&a.location, &b.location) {
        if !la.country.is_empty() && !lb.country.is_empty() && la.country != lb.country {
            return false;
        }
    }
    same_prepared(rule, &prepare(a), &prepare(b))
}

/// What the rule looks at in one event, computed once: [`same_prepared`] compares two of these
/// without re-reading the sentences.
pub fn prepare(record: &EventRecord) -> Features {
    Features::of(record)
}

/// [`same_event`] on prepared events: equal keys and [`match_score`] says they may be one.
pub fn same_prepared(rule: &DedupRule, a: &Features, b: &Features) -> bool {
    a.key == b.key && match_score(rule, a, b).is_some()
}

/// Similarity of two events' sentences in `[0, 1]`: the overlap coefficient of their content
/// tokens (words less stop words, the actors' names and the verb, crudely stemmed; numbers;
/// places). The actors and the verb are left out because the key and the code already agree on
/// them: only what else the sentences say tells two events of one dyad apart.
/// `None` when either has no sentence.
pub fn similarity(a: &EventRecord, b: &EventRecord) -> Option<f64> {
    let (fa, fb) = (Features::of(a), Features::of(b));
    token_overlap(&fa.tokens, &fb.tokens)
}

/// What the rule looks at in one event ([`prepare`]). Tokens are kept as sorted 64-bit hashes of
/// the stemmed words and numbers, so comparing two events is a merge of two short integer lists
/// (a collision between two distinct tokens is about one in 10^19 per pair).
#[derive(Clone, Debug)]
pub struct Features {
    key: String,
    date: NaiveDate,
    event_code: String,
    country: Option<String>,
    coords: Option<(f64, f64)>,
    city_precise: bool,
    /// Content tokens, hashed, sorted and distinct; empty when the event has no sentence.
    tokens: Vec<u64>,
    /// Figures, sorted and distinct.
    numbers: Vec<u64>,
}

impl Features {
    /// The event's [`blocking_key`].
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Approximate heap bytes held, for cache accounting.
    pub fn heap_bytes(&self) -> usize {
        self.key.capacity()
            + self.event_code.capacity()
            + self.country.as_ref().map_or(0, String::capacity)
            + 8 * (self.tokens.capacity() + self.numbers.capacity())
    }

    fn of(record: &EventRecord) -> Features {
        let verb_text = record.matched.as_ref().and_then(|m| m.get("verb_text")).and_then(|v| v.as_str());
        let mut buf = String::new();
        let mut actor_words: Vec<u64> = Vec::new();
        for text in [record.source_text.as_deref(), record.target_text.as_deref(), verb_text].into_iter().flatten() {
            for word in raw_words(text) {
                actor_words.push(stem_hash(lower(word, &mut buf)));
            }
        }
        let mut tokens = Vec::new();
        let mut numbers = Vec::new();
        if let Some(sentence) = record.sentence.as_deref() {
            let mut after_month = false;
            for word in raw_words(sentence) {
                let word = lower(word, &mut buf);
                let was_after_month = after_month;
                after_month = is_month(word);
                if let Some(n) = number_value(word) {
                    // Days of the month and years say when, not how many.
                    if !was_after_month && !(1900..=2100).contains(&n) {
                        numbers.push(n);
                    }
                    tokens.push(number_hash(n));
                    continue;
                }
                if word.len() < 3 || is_stop_word(word) {
                    continue;
                }
                let stemmed = stem_hash(word);
                if !actor_words.contains(&stemmed) {
                    tokens.push(stemmed);
                }
            }
        }
        tokens.sort_unstable();
        tokens.dedup();
        numbers.sort_unstable();
        numbers.dedup();
        let location = record.location.as_ref();
        Features {
            key: blocking_key(record),
            date: record.date,
            event_code: record.event_code.clone(),
            country: location.map(|l| l.country.clone()).filter(|c| !c.is_empty()),
            coords: location.and_then(|l| Some((l.lat?, l.lon?))),
            city_precise: location.is_some_and(|l| l.precision == "city"),
            tokens,
            numbers,
        }
    }
}

/// `Some(score)` when the two events may be one under the rule, `None` when they may not. The
/// caller has checked the keys.
///
/// Hard constraints first (dates, places, figures); then the score: the sentences' token
/// overlap, plus evidence the text similarity misses when outlets word one event differently —
/// the same city, the same full event code, the same day.
fn match_score(rule: &DedupRule, a: &Features, b: &Features) -> Option<f64> {
    let gap = (a.date - b.date).num_days().abs();
    if gap > rule.window_days {
        return None;
    }
    if let (Some(ca), Some(cb)) = (&a.country, &b.country) {
        if ca != cb {
            return None;
        }
    }
    let mut same_city = false;
    if a.city_precise && b.city_precise {
        if let (Some(pa), Some(pb)) = (a.coords, b.coords) {
            if haversine_km(pa, pb) > rule.max_km {
                return None;
            }
            same_city = true;
        }
    }
    // Two reports of one attack give the same toll, or at least one figure in common; disjoint
    // figures ("killed 12" / "killed 3") are two events.
    if !a.numbers.is_empty() && !b.numbers.is_empty() && sorted_common(&a.numbers, &b.numbers) == 0 {
        return None;
    }
    let same_code = a.event_code == b.event_code;
    match token_overlap(&a.tokens, &b.tokens) {
        // Sentences with nothing in common beyond actors and verb are not evidence of one event.
        Some(0.0) => None,
        Some(overlap) => {
            let score = overlap
                + if same_city { rule.same_city_bonus } else { 0.0 }
                + if same_code { rule.same_code_bonus } else { 0.0 }
                + if gap == 0 { rule.same_day_bonus } else { 0.0 };
            (score >= rule.min_similarity).then_some(score)
        }
        None => {
            // Without text only the codes and dates can tell; be conservative.
            (same_code && gap <= rule.textless_window_days).then_some(0.0)
        }
    }
}

fn token_overlap(a: &[u64], b: &[u64]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let common = sorted_common(a, b);
    Some(common as f64 / a.len().min(b.len()) as f64)
}

/// Values two sorted, distinct lists have in common.
fn sorted_common(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

fn haversine_km((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Alphanumeric runs.
fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// `word` lower-cased, in `buf` unless it is lower-case already.
fn lower<'a>(word: &'a str, buf: &'a mut String) -> &'a str {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&word.to_lowercase());
    }
    buf
}

/// A crude stemmer: rewrites vary the inflection ("attacked", "attack", "attacks"), and the
/// first five letters carry the word well enough for overlap. Returns the stem's hash.
fn stem_hash(word: &str) -> u64 {
    let end = word.char_indices().nth(5).map_or(word.len(), |(i, _)| i);
    xxhash_rust::xxh3::xxh3_64(&word.as_bytes()[..end])
}

/// The token of a figure, distinct from any word's.
fn number_hash(n: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(&n.to_le_bytes(), 0x6e75_6d62)
}

fn is_month(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| MONTHS.split_whitespace().collect()).contains(word)
}

fn number_value(word: &str) -> Option<u64> {
    if word.chars().all(|c| c.is_ascii_digit()) {
        return word.parse().ok();
    }
    NUMBER_WORDS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n)
}

const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("hundred", 100),
    ("dozen", 12),
    ("dozens", 24),
    ("hundreds", 200),
];

const MONTHS: &str = "january february march april may june july august september october november december \
     jan feb mar apr jun jul aug sep sept oct nov dec";

/// Words that say nothing about which event a sentence reports: function words, reporting verbs,
/// weekdays, and the officials every report quotes.
const STOP_WORDS: &str =
    "the and for was were has had have been its his her their they that this these those with from into \
     onto over under after before while said says say told according reported reports report also but not \
     who whom which what when where than then there here are all any some more most other such only own \
     same can could would should will may might must did does per about against between during without \
     within near least at on in of to by as an a is it be or if so no yes him she he we our you your them \
     one's monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weekend \
     earlier later late early day days statement officials official spokesman spokeswoman agency news \
     quoted quoting people government minister ministry president country state";

fn is_stop_word(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect()).contains(word)
}

/// One cluster: the mentions grouped so far, as features, and the index of each in add order.
#[derive(Clone, Debug, Default)]
struct Cluster {
    members: Vec<Features>,
}

/// Groups events into clusters of mentions of one real-world event, incrementally and in memory.
///
/// Each added event is compared with the members of the open clusters under its blocking key
/// (single link: like any member is enough, so a chain of rewrites each close to the previous
/// one joins) and joins the most similar match, or starts a new cluster.
#[derive(Clone, Debug, Default)]
pub struct Clusterer {
    rule: DedupRule,
    clusters: Vec<Cluster>,
    by_key: HashMap<String, Vec<usize>>,
    assignments: Vec<usize>,
}

impl Clusterer {
    pub fn new(rule: DedupRule) -> Clusterer {
        Clusterer { rule, ..Clusterer::default() }
    }

    pub fn rule(&self) -> &DedupRule {
        &self.rule
    }

    /// Adds an event and returns the index of its cluster (`0..cluster_count()`).
    pub fn add(&mut self, record: &EventRecord) -> usize {
        let features = Features::of(record);
        let candidates = self.by_key.get(&features.key).map(Vec::as_slice).unwrap_or(&[]);
        let mut best: Option<(usize, f64)> = None;
        for &cluster in candidates {
            for member in &self.clusters[cluster].members {
                if let Some(score) = match_score(&self.rule, &features, member) {
                    if best.is_none_or(|(_, s)| score > s) {
                        best = Some((cluster, score));
                    }
                }
            }
        }
        let index = match best {
            Some((cluster, _)) => cluster,
            None => {
                self.clusters.push(Cluster::default());
                let index = self.clusters.len() - 1;
                self.by_key.entry(features.key.clone()).or_default().push(index);
                index
            }
        };
        self.clusters[index].members.push(features);
        self.assignments.push(index);
        index
    }

    pub fn cluster_count(&self) -> usize {
        self.clusters.len()
    }

    /// How many events were added to cluster `index`.
    pub fn cluster_size(&self, index: usize) -> usize {
        self.clusters.get(index).map_or(0, |c| c.members.len())
    }

    /// The cluster of every event, in the order they were added.
    pub fn assignments(&self) -> &[usize] {
        &self.assignments
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{LocationRecord, Origin};

    fn event(date: &str, sentence: Option<&str>) -> EventRecord {
        EventRecord {
            origin: Origin::Tripwire,
            article_id: "a".into(),
            sentence_index: Some(0),
            span: None,
            sentence: sentence.map(str::to_string),
            date: date.parse().unwrap(),
            source_code: "ISRMIL".into(),
            target_code: "PSE".into(),
            source_country: Some("ISR".into()),
            target_country: Some("PSE".into()),
            source_text: Some("Israeli forces".into()),
            target_text: Some("Palestinian".into()),
            event_code: "190".into(),
            event_root: "19".into(),
            goldstein: None,
            quad_class: Some(4),
            plover_event: None,
            location: None,
            outlet: None,
            url: None,
            issues: Vec::new(),
            matched: None,
        }
    }

    fn place(name: &str, lat: f64, lon: f64) -> Option<LocationRecord> {
        Some(LocationRecord {
            name: name.into(),
            country: "PSE".into(),
            lat: Some(lat),
            lon: Some(lon),
            precision: "city".into(),
            geonames_id: None,
        })
    }

    const RAID: &str = "Israeli forces raided the Jenin refugee camp overnight, killing three Palestinian gunmen.";
    const RAID_REWRITE: &str = "Three Palestinian gunmen were killed when Israeli forces raided Jenin camp.";

    #[test]
    fn rewrites_of_one_raid_are_one_event() {
        let a = event("2026-03-02", Some(RAID));
        let b = event("2026-03-03", Some(RAID_REWRITE));
        assert!(same_event(&DedupRule::default(), &a, &b));
    }

    #[test]
    fn far_apart_dates_are_different_events() {
        let a = event("2026-03-02", Some(RAID));
        let b = event("2026-03-09", Some(RAID));
        assert!(!same_event(&DedupRule::default(), &a, &b));
    }

    #[test]
    fn different_tolls_are_different_events() {
        let a = event("2026-03-02", Some(RAID));
        let b = event("2026-03-02", Some("Israeli forces raided the Jenin camp, killing seven Palestinian gunmen."));
        assert!(!same_event(&DedupRule::default(), &a, &b));
    }

    #[test]
    fn distant_cities_are_different_events_and_missing_locations_do_not_block() {
        let mut a = event("2026-03-02", Some(RAID));
        let mut b = event("2026-03-02", Some(RAID_REWRITE));
        a.location = place("Jenin", 32.46, 35.30);
        assert!(same_event(&DedupRule::default(), &a, &b), "one location missing");
        b.location = place("Rafah", 31.29, 34.25);
        assert!(!same_event(&DedupRule::default(), &a, &b), "Jenin and Rafah are 150 km apart");
        b.location = place("Jenin", 32.46, 35.30);
        assert!(same_event(&DedupRule::default(), &a, &b));
    }

    #[test]
    fn empty_sentences_merge_only_on_equal_code_and_day() {
        let a = event("2026-03-02", None);
        let mut b = event("2026-03-02", Some(""));
        assert!(same_event(&DedupRule::default(), &a, &b));
        b.event_code = "193".into();
        assert!(!same_event(&DedupRule::default(), &a, &b));
        let c = event("2026-03-03", None);
        assert!(!same_event(&DedupRule::default(), &a, &c));
    }

    #[test]
    fn key_separates_dyads_and_roots_but_orders_mutual_ones() {
        let a = event("2026-03-02", Some(RAID));
        let mut b = a.clone();
        b.event_root = "17".into();
        assert_ne!(blocking_key(&a), blocking_key(&b));
        let mut assault = a.clone();
        assault.event_root = "18".into();
        assert_eq!(blocking_key(&a), blocking_key(&assault), "18 and 19 are one force group");
        let mut other_dyad = a.clone();
        other_dyad.target_country = Some("LBN".into());
        assert_ne!(blocking_key(&a), blocking_key(&other_dyad));
        let mut talks = a.clone();
        talks.event_root = "04".into();
        talks.event_code = "040".into();
        let mut reverse = talks.clone();
        std::mem::swap(&mut reverse.source_country, &mut reverse.target_country);
        assert_eq!(blocking_key(&talks), blocking_key(&reverse));
        assert!(!same_event(&DedupRule::default(), &a, &b));
    }

    #[test]
    fn a_shared_city_joins_differently_worded_reports_but_not_sentences_with_nothing_in_common() {
        let mut a = event("2026-03-02", Some("Israeli troops shot dead a boy at a checkpoint near Hebron."));
        let mut b = event("2026-03-02", Some("Soldiers killed a teenager near Hebron after stone throwing."));
        b.event_code = "193".into();
        assert!(!same_event(&DedupRule::default(), &a, &b), "one shared word of six is too little alone");
        a.location = place("Hebron", 31.53, 35.09);
        b.location = place("Hebron", 31.53, 35.09);
        assert!(same_event(&DedupRule::default(), &a, &b));
        let c = Some("Bulldozers tore up roads in the camp.");
        let mut c = event("2026-03-02", c);
        c.location = place("Hebron", 31.53, 35.09);
        assert!(!same_event(&DedupRule::default(), &a, &c), "no content word in common");
    }

    #[test]
    fn clusterer_groups_rewrites_and_keeps_distinct_events_apart() {
        let mut clusterer = Clusterer::new(DedupRule::default());
        let first = clusterer.add(&event("2026-03-02", Some(RAID)));
        let rewrite = clusterer.add(&event("2026-03-03", Some(RAID_REWRITE)));
        let other = clusterer.add(&event(
            "2026-03-02",
            Some("Israeli troops shot dead a teenager at a checkpoint near Hebron, medics said."),
        ));
        assert_eq!(first, rewrite);
        assert_ne!(first, other);
        assert_eq!(clusterer.cluster_count(), 2);
        assert_eq!(clusterer.cluster_size(first), 2);
        assert_eq!(clusterer.assignments(), &[first, first, other]);
    }
}

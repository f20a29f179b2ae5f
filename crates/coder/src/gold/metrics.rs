//! Scoring arithmetic: how many records a coder gets exactly right, and triple-level precision,
//! recall and F1, overall and per category.
//!
//! Each record is scored from two *sets* of (source, target, code) triples, the gold and the
//! predicted, as PETRARCH's validation compares them: duplicates count once, and order does not
//! matter. Over all records, a true positive is a predicted triple that is also gold;
//! precision = true positives / predicted triples, recall = true positives / gold triples, and F1
//! is their harmonic mean. A ratio whose denominator is zero is 1.0 (nothing was predicted, so
//! nothing was wrongly predicted; nothing was expected, so nothing was missed), except F1, which is
//! 0.0 when precision and recall are both 0.

use super::petrarch_xml::GoldEvent;
use super::plover_json::PloverRecord;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Write as _};

/// (source, target, event code). An empty string is an actor slot the record leaves open.
pub type Triple = (String, String, String);

/// One record's gold and predicted triples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScoredRecord {
    pub id: String,
    /// The group the record is reported under: the PETRARCH record category, or for PLOVER records
    /// the gold event type.
    pub category: String,
    pub expected: BTreeSet<Triple>,
    pub predicted: BTreeSet<Triple>,
}

/// What "exactly right" means in a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// The predicted triple set equals the gold set (PETRARCH validation).
    Triples,
    /// The gold PLOVER event between the gold countries (see [`score_plover`]).
    PloverCountries,
}

/// Counts and rates over a group of records.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub records: usize,
    /// Records exactly right.
    pub exact: usize,
    pub exact_rate: f64,
    /// Gold triples.
    pub expected: usize,
    /// Predicted triples.
    pub predicted: usize,
    pub true_positives: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn add(&mut self, record: &ScoredRecord, right: bool) {
        self.records += 1;
        self.exact += usize::from(right);
        self.expected += record.expected.len();
        self.predicted += record.predicted.len();
        self.true_positives += record.expected.intersection(&record.predicted).count();
    }

    fn finish(&mut self) {
        self.exact_rate = ratio(self.exact, self.records);
        self.precision = ratio(self.true_positives, self.predicted);
        self.recall = ratio(self.true_positives, self.expected);
        self.f1 = if self.precision + self.recall > 0.0 {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        } else {
            0.0
        };
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// A record the coder did not get exactly right.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub id: String,
    pub category: String,
    /// Gold triples not predicted.
    pub missing: Vec<GoldEvent>,
    /// Predicted triples not in the gold.
    pub extra: Vec<GoldEvent>,
}

/// The result of scoring a coder on a gold suite. Serializes as
/// `{"records": …, "exact": …, "exact_rate": …, "precision": …, "recall": …, "f1": …,
/// "categories": {…}, "failures": […], "scoring": …}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EvalReport {
    #[serde(flatten)]
    pub totals: Score,
    pub categories: BTreeMap<String, Score>,
    pub failures: Vec<Failure>,
    pub scoring: Scoring,
}

impl EvalReport {
    /// Scores PETRARCH-style: a record is right when its predicted set equals its gold set.
    pub fn from_records(records: impl IntoIterator<Item = ScoredRecord>) -> EvalReport {
        EvalReport::tally(records, Scoring::Triples, |r| r.expected == r.predicted)
    }

    /// Scores records built by [`score_plover`]: a record is right by the PLOVER country rule,
    /// whatever other events were coded; precision and recall still count every triple.
    pub fn from_plover(records: impl IntoIterator<Item = ScoredRecord>) -> EvalReport {
        EvalReport::tally(records, Scoring::PloverCountries, |r| plover_triples_right(&r.expected, &r.predicted))
    }

    fn tally(
        records: impl IntoIterator<Item = ScoredRecord>,
        scoring: Scoring,
        is_right: impl Fn(&ScoredRecord) -> bool,
    ) -> EvalReport {
        let mut totals = Score::default();
        let mut categories: BTreeMap<String, Score> = BTreeMap::new();
        let mut failures = Vec::new();
        for record in records {
            let right = is_right(&record);
            totals.add(&record, right);
            categories.entry(record.category.clone()).or_default().add(&record, right);
            if !right {
                let as_events =
                    |set: std::collections::btree_set::Difference<'_, Triple>| set.map(gold_event).collect::<Vec<_>>();
                failures.push(Failure {
                    missing: as_events(record.expected.difference(&record.predicted)),
                    extra: as_events(record.predicted.difference(&record.expected)),
                    id: record.id,
                    category: record.category,
                });
            }
        }
        totals.finish();
        categories.values_mut().for_each(Score::finish);
        EvalReport { totals, categories, failures, scoring }
    }

    /// A table for people: one row per category, then the totals.
    pub fn render_table(&self) -> String {
        let mut out = String::new();
        let rule = match self.scoring {
            Scoring::Triples => "exact = the record's set of (source, target, code) triples equals the gold set",
            Scoring::PloverCountries => {
                "exact = the gold PLOVER event coded between the gold source and target countries"
            }
        };
        let _ = writeln!(out, "{rule}");
        let _ = writeln!(
            out,
            "{:<16} {:>7} {:>6} {:>7} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
            "category", "records", "exact", "exact%", "gold", "coded", "tp", "precision", "recall", "F1"
        );
        let row = |out: &mut String, name: &str, s: &Score| {
            let _ = writeln!(
                out,
                "{:<16} {:>7} {:>6} {:>6.1}% {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                name,
                s.records,
                s.exact,
                100.0 * s.exact_rate,
                s.expected,
                s.predicted,
                s.true_positives,
                s.precision,
                s.recall,
                s.f1
            );
        };
        for (category, score) in &self.categories {
            row(&mut out, if category.is_empty() { "(none)" } else { category }, score);
        }
        row(&mut out, "all", &self.totals);
        out
    }

    /// One line per record not exactly right: its id and category, the gold triples it missed and
    /// the triples it coded that are not gold.
    pub fn render_failures(&self) -> String {
        let mut out = String::new();
        for failure in &self.failures {
            let list = |events: &[GoldEvent]| {
                if events.is_empty() {
                    "none".to_string()
                } else {
                    events.iter().map(|e| format!("({})", TripleText(e))).collect::<Vec<_>>().join(" ")
                }
            };
            let _ = writeln!(
                out,
                "{} [{}] missing: {}; extra: {}",
                failure.id,
                failure.category,
                list(&failure.missing),
                list(&failure.extra)
            );
        }
        out
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_table())
    }
}

struct TripleText<'a>(&'a GoldEvent);

impl fmt::Display for TripleText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn slot(s: &str) -> &str {
            if s.is_empty() {
                "-"
            } else {
                s
            }
        }
        write!(f, "{} {} {}", slot(&self.0.source), slot(&self.0.target), self.0.code)
    }
}

fn gold_event(triple: &Triple) -> GoldEvent {
    GoldEvent { source: triple.0.clone(), target: triple.1.clone(), code: triple.2.clone() }
}

/// One event a coder produced, reduced to what PLOVER gold records check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PloverPrediction {
    /// The PLOVER event type (`AGREE`, …).
    pub event: String,
    /// The source's country; only the first three letters count, so a full actor code such as
    /// `IRNGOV` may be given.
    pub source: Option<String>,
    pub target: Option<String>,
}

/// Turns a PLOVER gold record and the events coded from its text into a [`ScoredRecord`] for
/// [`EvalReport::from_plover`].
///
/// The rule for "right": the coder produced at least one event of the gold PLOVER type, and among
/// the events of that type
/// * the set of source countries equals the set of the gold sources' countries, and
/// * when the gold names targets, the set of target countries equals theirs.
///
/// Countries are sets because the gold codes compound actors as lists ("The United States and
/// Jordan have agreed" has sources USA and JOR), where an event coder emits one event per actor.
/// A gold record without targets (`"target": ""` or absent: 15 of the 179 GSR records) codes either
/// a joint act whose markup tags the same actors `SRC/TAR` ("Czechia and China signed an
/// agreement", 9 records) or an act with no one on the receiving end ("Avril resigned", 6); it asks
/// for no target, so any target the coder finds is accepted. Events without a source country are left out
/// of the source set (and likewise for targets), and events of other types do not make a record
/// wrong. A country is the first three letters of a code, upper-cased, so `IGO` stands for any
/// international organisation; the gold's few non-ISO codes (`JAP`, `ITL`, `VTN`) are compared as
/// written.
///
/// For precision and recall, the gold triples are every (source country, target country) pair
/// with the gold event, and the predicted triples are every coded event; when the gold has no
/// target, target slots are left empty on both sides.
pub fn score_plover(record: &PloverRecord, predicted: &[PloverPrediction]) -> ScoredRecord {
    let event = normalize(&record.event);
    let or_open = |set: BTreeSet<String>| if set.is_empty() { BTreeSet::from([String::new()]) } else { set };
    let sources = or_open(record.source_countries());
    let gold_targets = record.target_countries();
    let targets_checked = !gold_targets.is_empty();
    let targets = or_open(gold_targets);
    let expected = sources.iter().flat_map(|s| targets.iter().map(|t| (s.clone(), t.clone(), event.clone()))).collect();
    let country = |code: &Option<String>| code.as_deref().map(country_of).unwrap_or_default();
    let predicted = predicted
        .iter()
        .map(|p| {
            let target = if targets_checked { country(&p.target) } else { String::new() };
            (country(&p.source), target, normalize(&p.event))
        })
        .collect();
    ScoredRecord { id: record.id.clone(), category: event, expected, predicted }
}

/// Whether the coded events get a PLOVER gold record right, by the rule of [`score_plover`].
pub fn plover_record_right(record: &PloverRecord, predicted: &[PloverPrediction]) -> bool {
    let scored = score_plover(record, predicted);
    plover_triples_right(&scored.expected, &scored.predicted)
}

fn plover_triples_right(expected: &BTreeSet<Triple>, predicted: &BTreeSet<Triple>) -> bool {
    let Some(event) = expected.iter().next().map(|t| t.2.as_str()) else {
        return predicted.is_empty();
    };
    fn countries(set: &BTreeSet<Triple>, event: &str, pick: fn(&Triple) -> &String) -> BTreeSet<String> {
        set.iter().filter(|t| t.2 == event).map(pick).filter(|c| !c.is_empty()).cloned().collect()
    }
    fn source(t: &Triple) -> &String {
        &t.0
    }
    fn target(t: &Triple) -> &String {
        &t.1
    }
    let gold_targets = countries(expected, event, target);
    predicted.iter().any(|t| t.2 == event)
        && countries(predicted, event, source) == countries(expected, event, source)
        && (gold_targets.is_empty() || countries(predicted, event, target) == gold_targets)
}

fn normalize(code: &str) -> String {
    code.trim().to_ascii_uppercase()
}

fn country_of(code: &str) -> String {
    code.trim().chars().take(3).collect::<String>().to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triples(list: &[(&str, &str, &str)]) -> BTreeSet<Triple> {
        list.iter().map(|(s, t, c)| (s.to_string(), t.to_string(), c.to_string())).collect()
    }

    #[test]
    fn zero_denominators_are_vacuous() {
        let report = EvalReport::from_records([ScoredRecord { id: "a".into(), ..ScoredRecord::default() }]);
        assert_eq!(report.totals.exact, 1);
        assert_eq!((report.totals.precision, report.totals.recall, report.totals.f1), (1.0, 1.0, 1.0));
        let empty = EvalReport::from_records(Vec::new());
        assert_eq!(empty.totals.records, 0);
        assert_eq!(empty.totals.exact_rate, 1.0);
    }

    #[test]
    fn plover_rule_reads_triples() {
        let expected = triples(&[("USA", "", "AGREE"), ("JOR", "", "AGREE")]);
        assert!(plover_triples_right(&expected, &triples(&[("USA", "", "AGREE"), ("JOR", "", "AGREE")])));
        assert!(plover_triples_right(
            &expected,
            &triples(&[("USA", "", "AGREE"), ("JOR", "", "AGREE"), ("", "", "AGREE"), ("USA", "", "CONSULT")])
        ));
        assert!(!plover_triples_right(&expected, &triples(&[("USA", "", "AGREE")])));
        assert!(!plover_triples_right(&expected, &triples(&[("USA", "", "CONSULT"), ("JOR", "", "CONSULT")])));
    }
}

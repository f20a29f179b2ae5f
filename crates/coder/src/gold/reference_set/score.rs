//! Scoring a coder on a reference set, at three levels of strictness, per dev/test part.
//!
//! The coder codes each article whole (so that it has the context a reader has: "the two sides",
//! "Tehran", a pronoun), and each event it emits is given to the reference sentence its words
//! overlap most; events outside every reference sentence are not scored. Each sentence is then a
//! [`ScoredRecord`] of gold and coded triples, and [`EvalReport::from_records`] counts them, with
//! the part (`dev`, `test`) as the category. The levels reduce each event differently:
//!
//! * [`Level::RootCountry`]: the CAMEO root (two digits) and the country of each actor (the first
//!   three letters of its code: `IRNGOV` → `IRN`, `IGOUNO` → `IGO`);
//! * [`Level::CodeCountry`]: the full event code and the countries;
//! * [`Level::CodeActor`]: the full event code and the full actor codes.
//!
//! Like PETRARCH's validation, a sentence's events are a set: the same triple coded twice counts
//! once. Events per sentence are counted before that, as coded.

use super::{Part, ReferenceArticle, ReferenceEvent, ReferenceSet};
use crate::gold::{EvalReport, ScoredRecord, Triple};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// An event a coder produced, with the character span of its words in the article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodedEvent {
    pub code: String,
    pub source: String,
    pub target: String,
    pub span: [usize; 2],
}

/// How strictly an event must match a gold event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    RootCountry,
    CodeCountry,
    CodeActor,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::RootCountry, Level::CodeCountry, Level::CodeActor];

    pub fn describe(self) -> &'static str {
        match self {
            Level::RootCountry => "root + country dyad",
            Level::CodeCountry => "full code + country dyad",
            Level::CodeActor => "full code + full actors",
        }
    }

    fn reduce(self, code: &str, source: &str, target: &str) -> Triple {
        let country = |actor: &str| actor.chars().take(3).collect::<String>();
        match self {
            Level::RootCountry => (country(source), country(target), code.chars().take(2).collect()),
            Level::CodeCountry => (country(source), country(target), code.to_string()),
            Level::CodeActor => (source.to_string(), target.to_string(), code.to_string()),
        }
    }
}

/// One level's scores: totals, and per part under `categories`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LevelScore {
    pub level: Level,
    pub report: EvalReport,
}

/// Sentences and events of one part, as coded (before events are reduced to sets).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PartFigures {
    pub part: String,
    pub sentences: usize,
    pub gold_events: usize,
    pub coded_events: usize,
    pub gold_per_sentence: f64,
    pub coded_per_sentence: f64,
}

/// The result of scoring a coder on a reference set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReferenceReport {
    pub file: String,
    /// Sentences scored (those whose text was found and checked).
    pub sentences: usize,
    /// Sentences left out because their text could not be found or no longer matches.
    pub unresolved: usize,
    /// Lines of the reference file that could not be read.
    pub skipped_lines: usize,
    /// `dev`, `test`, then `all`.
    pub parts: Vec<PartFigures>,
    pub levels: Vec<LevelScore>,
    /// The text of each scored sentence, by id, for listing failures.
    #[serde(skip)]
    pub texts: BTreeMap<String, String>,
}

/// Codes every article that has a scored sentence with `code_article`, and scores the events
/// against the reference.
pub fn score_reference_set(
    set: &ReferenceSet,
    mut code_article: impl FnMut(&ReferenceArticle) -> Vec<CodedEvent>,
) -> ReferenceReport {
    let mut coded: Vec<Vec<CodedEvent>> = vec![Vec::new(); set.sentences.len()];
    for (index, article) in set.articles.iter().enumerate() {
        let members: Vec<usize> = (0..set.sentences.len())
            .filter(|&s| set.sentences[s].article == index && set.sentences[s].resolved)
            .collect();
        if members.is_empty() || article.text.is_none() {
            continue;
        }
        for event in code_article(article) {
            let overlap = |s: &usize| {
                let [start, end] = set.sentences[*s].span;
                event.span[1].min(end).saturating_sub(event.span[0].max(start))
            };
            // The first of the most-overlapped sentences: ties go to the earlier one.
            let best = members.iter().copied().rev().max_by_key(|s| overlap(s)).filter(|s| overlap(s) > 0);
            if let Some(sentence) = best {
                coded[sentence].push(event);
            }
        }
    }
    let scored: Vec<usize> = (0..set.sentences.len()).filter(|&s| set.sentences[s].resolved).collect();
    let levels = Level::ALL
        .iter()
        .map(|&level| {
            let records = scored.iter().map(|&s| {
                let sentence = &set.sentences[s];
                ScoredRecord {
                    id: sentence.id.clone(),
                    category: sentence.part.name().to_string(),
                    expected: gold_triples(level, &sentence.events),
                    predicted: coded[s].iter().map(|e| level.reduce(&e.code, &e.source, &e.target)).collect(),
                }
            });
            LevelScore { level, report: EvalReport::from_records(records) }
        })
        .collect();
    let figures = |part: Option<Part>| {
        let chosen: Vec<usize> =
            scored.iter().copied().filter(|&s| part.is_none_or(|p| set.sentences[s].part == p)).collect();
        let gold_events = chosen.iter().map(|&s| set.sentences[s].events.len()).sum();
        let coded_events = chosen.iter().map(|&s| coded[s].len()).sum();
        let per = |n: usize| if chosen.is_empty() { 0.0 } else { n as f64 / chosen.len() as f64 };
        PartFigures {
            part: part.map_or("all", Part::name).to_string(),
            sentences: chosen.len(),
            gold_events,
            coded_events,
            gold_per_sentence: per(gold_events),
            coded_per_sentence: per(coded_events),
        }
    };
    let texts = scored
        .iter()
        .filter_map(|&s| Some((set.sentences[s].id.clone(), set.text_of(&set.sentences[s])?.to_string())))
        .collect();
    ReferenceReport {
        file: set.file.clone(),
        sentences: scored.len(),
        unresolved: set.sentences.len() - scored.len(),
        skipped_lines: set.skipped.len(),
        parts: vec![figures(Some(Part::Dev)), figures(Some(Part::Test)), figures(None)],
        levels,
        texts,
    }
}

fn gold_triples(level: Level, events: &[ReferenceEvent]) -> BTreeSet<Triple> {
    events.iter().map(|e| level.reduce(&e.code, &e.source, &e.target)).collect()
}

impl ReferenceReport {
    /// The scores of one level.
    pub fn level(&self, level: Level) -> Option<&EvalReport> {
        self.levels.iter().find(|l| l.level == level).map(|l| &l.report)
    }

    /// A table for people: per level and part, precision, recall and F1; then events per sentence.
    pub fn render_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {} sentences scored, {} unresolved, {} lines skipped",
            self.file, self.sentences, self.unresolved, self.skipped_lines
        );
        let _ = writeln!(
            out,
            "{:<26} {:<5} {:>9} {:>5} {:>6} {:>5} {:>9} {:>7} {:>6}",
            "level", "part", "sentences", "gold", "coded", "tp", "precision", "recall", "F1"
        );
        for level in &self.levels {
            let parts = ["dev", "test"].into_iter().filter_map(|p| Some((p, level.report.categories.get(p)?)));
            for (part, score) in parts.chain(std::iter::once(("all", &level.report.totals))) {
                let _ = writeln!(
                    out,
                    "{:<26} {:<5} {:>9} {:>5} {:>6} {:>5} {:>9.3} {:>7.3} {:>6.3}",
                    level.level.describe(),
                    part,
                    score.records,
                    score.expected,
                    score.predicted,
                    score.true_positives,
                    score.precision,
                    score.recall,
                    score.f1
                );
            }
        }
        let _ = writeln!(
            out,
            "{:<5} {:>9} {:>11} {:>12} {:>15} {:>16}",
            "part", "sentences", "gold events", "coded events", "gold/sentence", "coded/sentence"
        );
        for p in &self.parts {
            let _ = writeln!(
                out,
                "{:<5} {:>9} {:>11} {:>12} {:>15.3} {:>16.3}",
                p.part, p.sentences, p.gold_events, p.coded_events, p.gold_per_sentence, p.coded_per_sentence
            );
        }
        out
    }

    /// Each sentence with a missed or spurious event at `level`: its id, part and text, then the
    /// gold events the coder missed and the events it coded that are not gold.
    pub fn render_failures(&self, level: Level) -> String {
        let mut out = String::new();
        let Some(report) = self.level(level) else { return out };
        let _ = writeln!(out, "failures at {}:", level.describe());
        for failure in &report.failures {
            let text = self.texts.get(&failure.id).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
            let _ = writeln!(out, "{} [{}]\n  text: {}", failure.id, failure.category, text.unwrap_or_default());
            let list = |events: &[crate::gold::GoldEvent]| {
                events
                    .iter()
                    .map(|e| format!("{} {} {}", or_dash(&e.source), e.code, or_dash(&e.target)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if !failure.missing.is_empty() {
                let _ = writeln!(out, "  missed:   {}", list(&failure.missing));
            }
            if !failure.extra.is_empty() {
                let _ = writeln!(out, "  spurious: {}", list(&failure.extra));
            }
        }
        out
    }
}

fn or_dash(code: &str) -> &str {
    if code.is_empty() {
        "-"
    } else {
        code
    }
}

impl From<&crate::Event> for CodedEvent {
    fn from(event: &crate::Event) -> CodedEvent {
        CodedEvent {
            code: event.event_code.clone(),
            source: event.source_code.clone(),
            target: event.target_code.clone(),
            span: event.span,
        }
    }
}

/// Scores `coder` on the set: each article is coded whole, with its reference date. An article
/// the coder refuses (no text) contributes no events.
pub fn score_with_coder(set: &ReferenceSet, coder: &crate::Coder) -> ReferenceReport {
    let mut ws = crate::coder::Workspace::default();
    score_reference_set(set, |reference| {
        let article = crate::Article {
            id: reference.id.clone(),
            date: Some(reference.date),
            text: reference.text.clone().unwrap_or_default(),
            ..crate::Article::default()
        };
        coder.code_article_with(&article, &mut ws).unwrap_or_default().iter().map(CodedEvent::from).collect()
    })
}

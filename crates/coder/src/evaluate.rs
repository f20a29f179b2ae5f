//! Scoring a [`Coder`] on gold-standard records: PETRARCH and UniversalPetrarch records (raw
//! text, or the record's own parse: Penn Treebank or CoNLL-U) and PLOVER gold-standard records.
//!
//! The `code_…` functions code each record and pair what was coded with the gold as
//! [`gold::ScoredRecord`]s, ready to be tallied as a whole or by part ([`gold::PartReports`]); the
//! `…_records` functions tally them at once.

use crate::coder::Workspace;
use crate::gold::{self, Expected, PetrarchRecord, PloverRecord};
use crate::text;
use crate::Coder;
use std::collections::BTreeSet;

pub use crate::gold::syntax::treebank_input;

/// A coded triple as PETRARCH writes it: a missing actor is `---`.
fn triple(source: &str, target: &str, code: &str) -> (String, String, String) {
    let fill = |code: &str| if code.is_empty() { crate::actors::NO_COUNTRY.to_string() } else { code.to_string() };
    (fill(source), fill(target), code.to_string())
}

/// PETRARCH records coded and paired with their gold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodedRecords {
    pub scored: Vec<gold::ScoredRecord>,
    /// In parse mode, the records coded from their text because their parse could not be read:
    /// the record's id and why.
    pub parse_unread: Vec<(String, String)>,
}

/// Codes each PETRARCH record and compares its set of (source, target, code) triples with the gold.
pub fn petrarch_records(coder: &Coder, records: &[PetrarchRecord], use_parse: bool) -> gold::EvalReport {
    gold::EvalReport::from_records(code_petrarch_records(coder, records, use_parse).scored)
}

/// Codes each PETRARCH record, from its parse when `use_parse` and the parse reads, else from its
/// text, and pairs the coded triples with the gold.
pub fn code_petrarch_records<'r>(
    coder: &Coder,
    records: impl IntoIterator<Item = &'r PetrarchRecord>,
    use_parse: bool,
) -> CodedRecords {
    let mut ws = Workspace::default();
    let mut coded = CodedRecords::default();
    for record in records {
        let parsed = match record.parse.as_deref().filter(|_| use_parse) {
            Some(parse) => match gold::syntax::record_input(parse) {
                Ok(input) => Some(input),
                Err(why) => {
                    coded.parse_unread.push((record.id.clone(), why));
                    None
                }
            },
            None => {
                if use_parse {
                    coded.parse_unread.push((record.id.clone(), "no parse".to_string()));
                }
                None
            }
        };
        let predicted = code_record(coder, record, parsed, &mut ws);
        let expected: BTreeSet<(String, String, String)> = match &record.expected {
            Expected::Events(events) => events.iter().map(|e| triple(&e.source, &e.target, &e.code)).collect(),
            Expected::NoEvents | Expected::Error(_) => BTreeSet::new(),
        };
        coded.scored.push(gold::ScoredRecord {
            id: record.id.clone(),
            category: record.category.clone(),
            expected,
            predicted,
        });
    }
    coded
}

fn code_record(
    coder: &Coder,
    record: &PetrarchRecord,
    parsed: Option<(Vec<text::Token>, crate::coder::Syntax)>,
    ws: &mut Workspace,
) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    let results = match parsed {
        Some((tokens, syntax)) => vec![coder.code_sentence_with_syntax(&tokens, Some(&syntax), record.date, ws)],
        None => text::split_sentences(&record.text)
            .into_iter()
            .map(|range| coder.code_sentence(&text::tokenize(&record.text, range), record.date, ws))
            .collect(),
    };
    for result in results {
        if result.discard.is_some() {
            return BTreeSet::new();
        }
        for e in result.events {
            let source = e.source.map(|m| m.code).unwrap_or_default();
            let target = e.target.map(|m| m.code).unwrap_or_default();
            out.insert(triple(&source, &target, &e.code));
        }
    }
    out
}

/// Tokens and syntax from a Penn Treebank parse; `None` when it does not read as a tree. See
/// [`gold::syntax`].
pub fn parse_tokens(parse: &str) -> Option<(Vec<text::Token>, crate::coder::Syntax)> {
    gold::treebank::parse(parse).ok().map(|tree| treebank_input(&tree))
}

/// Codes each PLOVER record's text and checks the PLOVER event and the source and target countries.
pub fn plover_records(coder: &Coder, records: &[PloverRecord]) -> gold::EvalReport {
    gold::EvalReport::from_plover(code_plover_records(coder, records))
}

/// Codes each PLOVER record's text and pairs the coded events with the gold by
/// [`gold::score_plover`]; tally them with [`gold::EvalReport::from_plover`].
pub fn code_plover_records(coder: &Coder, records: &[PloverRecord]) -> Vec<gold::ScoredRecord> {
    let mut scored = Vec::with_capacity(records.len());
    for record in records {
        let article = crate::Article {
            id: record.id.clone(),
            date: Some(record.date),
            text: record.text.clone(),
            ..crate::Article::default()
        };
        let events = coder.code_article(&article).unwrap_or_default();
        let predicted: Vec<gold::PloverPrediction> = events
            .iter()
            .filter_map(|e| {
                Some(gold::PloverPrediction {
                    event: gsr_event_type(&e.event_code)?.to_string(),
                    source: country_of(&e.source_code),
                    target: country_of(&e.target_code),
                })
            })
            .collect();
        scored.push(gold::score_plover(record, &predicted));
    }
    scored
}

/// The country part of an actor code ("IRNGOV" → "IRN"), as the PLOVER gold writes it: the
/// gold codes every international organisation, governmental or not (Amnesty, the Red Cross),
/// as `IGO`.
fn country_of(code: &str) -> Option<String> {
    let first = code.get(..3)?;
    // International militarized groups (al-Qaeda) are `IMG` in the gold, like IGOs.
    if first == "IMG" {
        return Some(first.to_string());
    }
    if matches!(first, "IGO" | "NGO") {
        // A non-governmental group of one country ("American aid groups", NGOUSA) is that
        // country's; international bodies are IGO.
        let home = code.get(3..6).filter(|c| first == "NGO" && tripwire_ontology::country(c).is_ok());
        return Some(match home {
            Some(country) => gold::plover_json::canonical_country(country).to_string(),
            None => "IGO".to_string(),
        });
    }
    tripwire_ontology::country(first).ok().map(|c| gold::plover_json::canonical_country(c.iso3).to_string())
}

/// The event type of the PLOVER draft the gold-standard records were coded in (2016): one type
/// per CAMEO root, with YIELD split into CONCEDE (080–083) and RETREAT (084–087) and FIGHT for
/// 19–20. The 2021 crosswalk in the ontology renamed and merged several of these (DEMAND became
/// REQUEST, DISAPPROVE and INVESTIGATE became ACCUSE), so scoring against these records maps
/// each coded CAMEO code into the records' own taxonomy. Roots 01 and 02 have no type there.
pub fn gsr_event_type(cameo: &str) -> Option<&'static str> {
    let root = cameo.get(..2)?;
    Some(match root {
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" => match cameo.get(..3) {
            Some("084" | "085" | "086" | "087") => "RETREAT",
            _ => "CONCEDE",
        },
        "09" => "INVESTIGATE",
        "10" => "DEMAND",
        "11" => "DISAPPROVE",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" => "ASSAULT",
        "19" | "20" => "FIGHT",
        _ => return None,
    })
}

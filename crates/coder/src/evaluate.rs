//! Scoring a [`Coder`] on gold-standard records: PETRARCH unit-test records (raw text, or the
//! record's own Penn Treebank parse) and PLOVER gold-standard records.

use crate::coder::{Clause, Syntax, Workspace};
use crate::gold::{self, Expected, PetrarchRecord, PloverRecord};
use crate::text::{self, Token};
use crate::Coder;
use std::collections::BTreeSet;

/// A coded triple as PETRARCH writes it: a missing actor is `---`.
fn triple(source: &str, target: &str, code: &str) -> (String, String, String) {
    let fill = |code: &str| if code.is_empty() { crate::actors::NO_COUNTRY.to_string() } else { code.to_string() };
    (fill(source), fill(target), code.to_string())
}

/// Codes each PETRARCH record and compares its set of (source, target, code) triples with the gold.
pub fn petrarch_records(coder: &Coder, records: &[PetrarchRecord], use_parse: bool) -> gold::EvalReport {
    let mut ws = Workspace::default();
    let mut scored = Vec::with_capacity(records.len());
    for record in records {
        let predicted = code_record(coder, record, use_parse, &mut ws);
        let expected: BTreeSet<(String, String, String)> = match &record.expected {
            Expected::Events(events) => events.iter().map(|e| triple(&e.source, &e.target, &e.code)).collect(),
            Expected::NoEvents | Expected::Error(_) => BTreeSet::new(),
        };
        scored.push(gold::ScoredRecord {
            id: record.id.clone(),
            category: record.category.clone(),
            expected,
            predicted,
        });
    }
    gold::EvalReport::from_records(scored)
}

fn code_record(
    coder: &Coder,
    record: &PetrarchRecord,
    use_parse: bool,
    ws: &mut Workspace,
) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    let parsed = if use_parse { record.parse.as_deref().and_then(parse_tokens) } else { None };
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

/// Tokens and syntax from a Penn Treebank parse: leaves become tokens (offsets are leaf positions
/// in a synthetic text, since only the codes are compared), and every S with an NP and a VP child
/// becomes a clause.
pub fn parse_tokens(parse: &str) -> Option<(Vec<Token>, Syntax)> {
    let tree = gold::treebank::parse(parse).ok()?;
    let mut tokens = Vec::new();
    let mut syntax = Syntax::default();
    let mut offset = 0;
    for (tag, word) in tree.tagged_leaves() {
        let word = unescape(word);
        tokens.push(Token::new(offset..offset + word.len(), &word));
        offset += word.len() + 1;
        syntax.pos.push(tag.to_string());
    }
    for (label, span, children) in tree.constituents() {
        if !(label == "S" || label == "SINV" || label == "SQ" || label == "SBAR" || label == "VP") {
            continue;
        }
        if label == "VP" {
            syntax.clauses.push(Clause { subject: None, predicate: span.clone() });
            continue;
        }
        let subject = children.iter().find(|(l, _)| l == "NP").map(|(_, s)| s.clone());
        if let Some((_, vp)) = children.iter().find(|(l, _)| l == "VP") {
            let subject = subject.filter(|np| np.end <= vp.start);
            syntax.clauses.push(Clause { subject, predicate: vp.clone() });
        }
    }
    Some((tokens, syntax))
}

fn unescape(word: &str) -> String {
    match word {
        "-LRB-" => "(".into(),
        "-RRB-" => ")".into(),
        "-LSB-" => "[".into(),
        "-RSB-" => "]".into(),
        "-LCB-" => "{".into(),
        "-RCB-" => "}".into(),
        "``" | "''" => "\"".into(),
        other => other.to_string(),
    }
}

/// Codes each PLOVER record's text and checks the PLOVER event and the source and target countries.
pub fn plover_records(coder: &Coder, records: &[PloverRecord]) -> gold::EvalReport {
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
    gold::EvalReport::from_plover(scored)
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

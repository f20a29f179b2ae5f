//! Behaviour of the coding engine on small hand-made dictionaries: actors with agents, compounds,
//! patterns, passive voice, negation, reported speech, discards and dates.

use chrono::NaiveDate;
use std::sync::Arc;
use tripwire_coder::sentence::{split_sentences, tokenize};
use tripwire_coder::{Coder, Workspace};
use tripwire_dictionaries::*;

fn origin(line: u32) -> Origin {
    Origin { file: Arc::from("test.twd"), line }
}

fn phrase(text: &str) -> Phrase {
    Phrase(text.split_whitespace().map(|w| Word::Exact(w.to_uppercase().into())).collect())
}

fn actor(names: &[&str], code: &str, is_place: bool) -> ActorEntry {
    ActorEntry {
        phrases: names.iter().map(|n| phrase(n)).collect(),
        codes: vec![DatedCode { code: code.into(), when: DateRange::ALWAYS }],
        is_place,
        origin: origin(1),
    }
}

fn agent(words: &[&str], code: &str) -> AgentEntry {
    AgentEntry {
        phrases: words.iter().map(|w| phrase(w)).collect(),
        code: code.into(),
        placement: AgentPlacement::Suffix,
        origin: origin(2),
    }
}

/// `"030"`, or `"030:030"` for a symmetric code whose reverse is coded too.
fn code(spec: &str) -> EventCodeSpec {
    match spec.split_once(':') {
        Some((primary, paired)) => EventCodeSpec::Code { primary: primary.into(), paired: Some(paired.into()) },
        None => EventCodeSpec::Code { primary: spec.into(), paired: None },
    }
}

fn word(w: &str) -> PatternItem {
    PatternItem::Word { word: Word::Exact(w.to_uppercase().into()), joined: false }
}

fn verb(forms: &[&str], default: Option<&str>, patterns: Vec<(Vec<PatternItem>, Vec<PatternItem>, &str)>) -> VerbEntry {
    VerbEntry {
        block: forms[0].to_uppercase().into(),
        forms: forms.iter().map(|f| phrase(f)).collect(),
        code: default.map(code),
        patterns: patterns
            .into_iter()
            .map(|(before, after, c)| VerbPattern {
                before,
                after,
                verb_joined: false,
                code: if c == "---" { EventCodeSpec::Null } else { code(c) },
                origin: origin(3),
            })
            .collect(),
        origin: origin(4),
    }
}

fn coder() -> Coder {
    let mut d = Dictionaries::default();
    d.actors.push(actor(&["Iran", "Iranian"], "IRN", false));
    d.actors.push(actor(&["Tehran"], "IRN", true));
    d.actors.push(actor(&["United States", "American", "U.S."], "USA", false));
    d.actors.push(actor(&["Oman", "Omani"], "OMN", false));
    d.actors.push(ActorEntry {
        phrases: vec![Phrase(vec![Word::Cased("US".into())])],
        codes: vec![DatedCode { code: "USA".into(), when: DateRange::ALWAYS }],
        is_place: false,
        origin: origin(7),
    });
    d.actors.push(actor(&["Muscat"], "OMN", true));
    d.actors.push(actor(&["Israel", "Israeli"], "ISR", false));
    d.actors.push(ActorEntry {
        phrases: vec![phrase("Araghchi")],
        codes: vec![DatedCode {
            code: "IRNGOV".into(),
            when: DateRange { from: NaiveDate::from_ymd_opt(2024, 8, 21), until: None },
        }],
        is_place: false,
        origin: origin(5),
    });
    d.agents.push(agent(&["foreign minister", "government", "minister"], "GOV"));
    d.agents.push(agent(&["troops", "army", "soldiers"], "MIL"));
    d.agents.push(agent(&["police"], "COP"));
    d.verbs.push(verb(&["hold", "holds", "held"], None, vec![(vec![], vec![word("talks")], "046")]));
    d.verbs.push(verb(&["impose", "imposed"], None, vec![(vec![], vec![word("sanctions")], "163")]));
    d.verbs.push(verb(&["attack", "attacked"], Some("190"), vec![]));
    d.verbs.push(verb(&["criticize", "criticized"], Some("121"), vec![]));
    d.verbs.push(verb(&["strike", "struck"], Some("195"), vec![]));
    d.verbs.push(verb(&["agree", "agreed"], Some("030:030"), vec![]));
    d.verbs.push(verb(&["say", "said"], Some("010"), vec![]));
    d.verbs.push(verb(&["mediate", "mediated"], Some("045"), vec![]));
    d.discards.push(Discard { phrase: phrase("world cup"), story: false, origin: origin(6) });
    Coder::new(d, None).expect("builds")
}

fn run(text: &str, date: &str) -> Vec<String> {
    let coder = coder();
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("date");
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    for range in split_sentences(text) {
        let tokens = tokenize(text, range);
        for e in coder.code_sentence(&tokens, date, &mut ws).events {
            let s = e.source.map(|m| m.code).unwrap_or_default();
            let t = e.target.map(|m| m.code).unwrap_or_default();
            out.push(format!("{s} {} {t}", e.code));
        }
    }
    out
}

#[test]
fn agent_attaches_to_adjective_and_pattern_codes_talks() {
    assert_eq!(
        run("Iranian foreign minister held talks with American officials.", "2026-02-06"),
        vec!["IRNGOV 046 USA"]
    );
}

#[test]
fn person_resolves_by_date() {
    assert_eq!(run("Araghchi held talks with the United States.", "2026-02-06"), vec!["IRNGOV 046 USA"]);
    // Before he took office he is not an actor.
    assert!(run("Araghchi held talks with the United States.", "2020-01-01").iter().all(|e| !e.starts_with("IRNGOV")));
}

#[test]
fn discontinuous_pattern() {
    assert_eq!(run("The United States imposed new sweeping sanctions on Iran.", "2026-02-06"), vec!["USA 163 IRN"]);
}

#[test]
fn passive_voice_swaps_roles() {
    assert_eq!(run("Iran was attacked by Israeli troops.", "2026-02-06"), vec!["ISRMIL 190 IRN"]);
}

#[test]
fn negation_is_not_the_positive_event() {
    assert!(run("Iran did not attack Israel.", "2026-02-06").is_empty());
    assert!(run("Iran didn't attack Israel.", "2026-02-06").is_empty());
}

#[test]
fn reported_speech_codes_the_reported_event() {
    assert_eq!(run("Iran said Israel attacked Oman.", "2026-02-06"), vec!["ISR 190 OMN"]);
}

#[test]
fn compound_source_and_target() {
    let mut events = run("Iran and Oman criticized Israel and the United States.", "2026-02-06");
    events.sort();
    assert_eq!(events, vec!["IRN 121 ISR", "IRN 121 USA", "OMN 121 ISR", "OMN 121 USA"]);
}

#[test]
fn compound_with_symmetric_code_acts_on_itself() {
    let mut events = run("Iran and Oman agreed.", "2026-02-06");
    events.sort();
    assert_eq!(events, vec!["IRN 030 OMN", "OMN 030 IRN"]);
    // A verb that is not symmetric is each member's own act: no dyad between them.
    let mut events = run("Iran and Oman said.", "2026-02-06");
    events.sort();
    assert_eq!(events, vec!["IRN 010 ", "OMN 010 "]);
}

#[test]
fn capital_after_locative_is_a_place_not_a_target() {
    assert_eq!(run("Iran held talks in Muscat.", "2026-02-06"), vec!["IRN 046 "]);
    // As a metonym it is an actor: the state's government.
    assert_eq!(run("Tehran criticized Israel.", "2026-02-06"), vec!["IRNGOV 121 ISR"]);
}

#[test]
fn agent_of_country_and_agent_alone() {
    assert_eq!(run("The army of Israel attacked Iran.", "2026-02-06"), vec!["ISRMIL 190 IRN"]);
    assert_eq!(run("Police attacked Iranian soldiers.", "2026-02-06"), vec!["---COP 190 IRNMIL"]);
}

#[test]
fn noun_use_of_a_verb_is_not_coded() {
    // "an attack" is a noun: the event is the criticism.
    assert_eq!(run("Oman criticized an attack by Israel.", "2026-02-06"), vec!["OMN 121 ISR"]);
}

#[test]
fn discard_voids_the_sentence() {
    assert!(run("Iran attacked Israel in the World Cup final.", "2026-02-06").is_empty());
}

#[test]
fn several_events_in_one_sentence() {
    let mut events = run("Israel struck Iran; Oman mediated.", "2026-02-06");
    events.sort();
    assert_eq!(events, vec!["ISR 195 IRN", "OMN 045 "]);
}

#[test]
fn capitals_only_names_need_capitals() {
    assert_eq!(run("Iran criticized the US.", "2026-02-06"), vec!["IRN 121 USA"]);
    assert!(run("Iran criticized us.", "2026-02-06").iter().all(|e| !e.contains("USA")));
}

#[test]
fn future_acts_are_intentions_and_musts_are_demands() {
    // "will attack": a threat of force (CAMEO 138x), not an attack.
    let events = run("Iran will attack Israel.", "2026-02-06");
    assert_eq!(events, vec!["IRN 1384 ISR"]);
    // "X said Y must <act>": X demands it of Y.
    let events = run("Oman said Iran must agree.", "2026-02-06");
    assert_eq!(events, vec!["OMN 106 IRN"]);
}

#[test]
fn reduced_passive_and_appositive_subject() {
    let mut events = run("Iran, attacked by Israel, criticized Oman.", "2026-02-06");
    events.sort();
    assert_eq!(events, vec!["IRN 121 OMN", "ISR 190 IRN"]);
}

#[test]
fn a_refused_cooperation_is_a_rejection() {
    // "will not agree": a rejection (CAMEO 12x); "did not attack": nothing.
    assert_eq!(run("Iran will not agree with Oman.", "2026-02-06"), vec!["IRN 120 OMN"]);
    assert!(run("Iran did not attack Israel.", "2026-02-06").is_empty());
}

#[test]
fn a_text_without_sentence_breaks_is_coded_in_bounded_pieces() {
    use tripwire_coder::sentence::tokens::{sentences, MAX_SENTENCE_TOKENS};
    // 20,000 clauses, 100,000 tokens, not one sentence break.
    let clauses = 20_000;
    let text = "Iran criticized Israel; ".repeat(clauses);
    let pieces: Vec<_> = sentences(&text).collect();
    assert!(pieces.iter().all(|s| s.tokens.len() <= MAX_SENTENCE_TOKENS));
    let tokens: usize = pieces.iter().map(|s| s.tokens.len()).sum();
    assert_eq!(tokens, 4 * clauses);
    // Cut after a clause mark, so no clause is split and each piece is a whole number of clauses.
    assert!(pieces.iter().all(|s| s.tokens.len() % 4 == 0), "a clause was cut");
    assert!(pieces.len() >= tokens / MAX_SENTENCE_TOKENS);
    // Every clause is still its own event.
    let article = tripwire_coder::Article {
        id: "long".into(),
        date: NaiveDate::from_ymd_opt(2026, 2, 6),
        text,
        ..Default::default()
    };
    let events = coder().code_article(&article).expect("codes");
    assert_eq!(events.len(), clauses);
    assert!(events
        .iter()
        .all(|e| (e.source_code.as_str(), e.event_code.as_str(), e.target_code.as_str()) == ("IRN", "121", "ISR")));
    assert_eq!(events.last().map(|e| e.sentence_index), Some(pieces.len() - 1));
}

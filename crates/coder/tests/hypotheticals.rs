//! Acts only supposed — counterfactuals, what a measure not in force would do, the content of a
//! resolution — and "neither … nor" are not coded as done; an actor's own "would" stays an
//! intention. Shipped dictionaries; the sentences are written for these tests.

use tripwire_coder::{Article, Coder, Event};

fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

fn coded(text: &str) -> Vec<Event> {
    let article = Article {
        id: "test".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        text: text.into(),
        ..Article::default()
    };
    coder().code_article(&article).expect("codes")
}

fn describe(events: &[Event]) -> String {
    events.iter().map(|e| format!("{} {} {}; ", e.source_code, e.event_code, e.target_code)).collect()
}

fn codes_with_source(events: &[Event], source: &str) -> Vec<String> {
    events.iter().filter(|e| e.source_code.starts_with(source)).map(|e| e.event_code.clone()).collect()
}

#[test]
fn a_counterfactual_is_not_an_act() {
    let events = coded("Chile said Peru would have attacked Bolivia without the treaty.");
    assert!(codes_with_source(&events, "PER").is_empty(), "{}", describe(&events));
}

#[test]
fn what_a_bill_would_allow_is_not_an_act() {
    let events = coded("Peru said the bill would allow Chile to arrest Bolivian migrants.");
    assert!(codes_with_source(&events, "CHL").is_empty(), "{}", describe(&events));
    let events = coded("Lawmakers in Chile drafted a bill that would have allowed Peru to extradite suspects.");
    assert!(codes_with_source(&events, "PER").is_empty(), "{}", describe(&events));
}

#[test]
fn the_content_of_a_resolution_is_not_an_act() {
    let events = coded("Chile drafted a resolution to condemn Peru's government.");
    assert!(!events.iter().any(|e| e.event_code.starts_with("11")), "{}", describe(&events));
}

#[test]
fn an_actors_own_would_stays_an_intention() {
    let events = coded("Chile said it would expel Peruvian diplomats.");
    assert!(events.iter().any(|e| e.source_code == "CHL" && e.event_code.starts_with("13")), "{}", describe(&events));
}

#[test]
fn neither_nor_denies_the_verb() {
    let events = coded("Neither Chile nor Peru attacked Bolivia.");
    assert!(!events.iter().any(|e| e.event_code.starts_with("19")), "{}", describe(&events));
}

#[test]
fn neither_nor_does_not_reach_into_a_clause_after_it() {
    let events = coded("Chile neither confirmed nor denied the report that Peru attacked the convoy.");
    assert!(codes_with_source(&events, "PER").iter().any(|c| c.starts_with("19")), "{}", describe(&events));
}

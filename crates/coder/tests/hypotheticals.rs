//! Acts only supposed — counterfactuals, what a measure not in force would do, the content of a
//! resolution — and "neither … nor" are not coded as done; an actor's own "would" stays an
//! intention. Shipped dictionaries; the sentences are written for these tests.

mod common;

use common::{coded, codes_with_source, describe};

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

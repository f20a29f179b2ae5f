//! A name that only describes a noun after it ("Libya–Turkey relations", "the Iran arms affair",
//! "European Union flags") is no party to the sentence's events; a name whose goods, border or
//! airspace are acted on still is. Shipped dictionaries; the sentences are written for these tests.

mod common;

use common::{coded, describe, has};

#[test]
fn the_topic_of_a_meeting_is_not_its_participant() {
    let events =
        coded("Chile's foreign minister met Argentina's ambassador in Santiago to discuss Peru–Bolivia relations.");
    assert!(has(&events, "CHL", "04", "ARG"), "{}", describe(&events));
    assert!(
        !events.iter().any(|e| e.target_code.starts_with("PER") || e.target_code.starts_with("BOL")),
        "{}",
        describe(&events)
    );
}

#[test]
fn flags_carried_are_not_the_marchers() {
    let events = coded("Chilean students carrying European Union flags marched to the presidential palace.");
    assert!(!events.iter().any(|e| e.source_code.starts_with("IGO")), "{}", describe(&events));
}

#[test]
fn acts_against_a_countrys_goods_or_villages_are_against_it() {
    let goods = coded("A French minister threatened to impose restrictions against German goods.");
    assert!(has(&goods, "FRA", "13", "DEU"), "{}", describe(&goods));
    let villages = coded("Azerbaijani forces shelled two Armenian border villages.");
    assert!(has(&villages, "AZE", "19", "ARM"), "{}", describe(&villages));
}

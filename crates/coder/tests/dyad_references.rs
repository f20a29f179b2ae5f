//! References back to two parties already named — "the two sides", "both governments", "each
//! other", "between the neighbours" — coded with the shipped dictionaries. The sentences are
//! written for these tests.

mod common;

use common::{coded, describe, has};

#[test]
fn the_two_sides_in_a_later_sentence_are_the_pair_named_before() {
    let events = coded(
        "Envoys of Peru and Chile met in Lima on Monday. Ecuador's president praised the two sides for their patience.",
    );
    assert!(has(&events, "ECU", "05", "PER") && has(&events, "ECU", "05", "CHL"), "{}", describe(&events));
}

#[test]
fn a_cooperative_act_of_both_sides_is_between_them() {
    let events = coded("Norway and Iceland ended a fishing dispute. Both governments restored diplomatic relations.");
    assert!(has(&events, "NOR", "0", "ISL") && has(&events, "ISL", "0", "NOR"), "{}", describe(&events));
    // "both governments" is each country's government.
    assert!(events.iter().any(|e| e.source_code == "NORGOV" && e.target_code == "ISLGOV"), "{}", describe(&events));
}

#[test]
fn a_hostile_act_of_both_sides_gets_no_invented_target() {
    let events = coded("Talks between Kenya and Somalia broke down. Both countries condemned the bombing of a market.");
    assert!(!has(&events, "KEN", "11", "SOM") && !has(&events, "SOM", "11", "KEN"), "{}", describe(&events));
    assert!(has(&events, "KEN", "11", ""), "{}", describe(&events));
}

#[test]
fn each_other_is_the_joint_subject_in_both_directions() {
    let events = coded("Serbia and Croatia accused each other of violating the truce.");
    assert!(has(&events, "SRB", "11", "HRV") && has(&events, "HRV", "11", "SRB"), "{}", describe(&events));
}

#[test]
fn between_the_neighbours_points_at_the_last_pair() {
    let events = coded("Uganda and Kenya closed their border. Tanzania mediated between the neighbours on Friday.");
    assert!(has(&events, "TZA", "04", "UGA") && has(&events, "TZA", "04", "KEN"), "{}", describe(&events));
}

#[test]
fn with_no_pair_named_the_reference_stays_unresolved() {
    let events = coded("Ecuador's president praised the two sides for their patience.");
    assert!(
        events.iter().all(|e| e.target_code.is_empty() || e.target_code.starts_with("---")),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_government_does_not_act_on_its_own_capital() {
    let events =
        coded("Chile and Peru met in Quito. The two governments agreed to resume flights between Santiago and Lima.");
    assert!(!events.iter().any(|e| e.source_code.get(..3) == e.target_code.get(..3)), "{}", describe(&events));
}

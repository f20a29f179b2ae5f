//! Nominal events ("talks between A and B", "A's sanctions on B") and places that are not actors
//! ("the violence in Peru"), coded with the shipped dictionaries and gazetteer. The sentences are
//! written for these tests.

mod common;

use common::{coded, describe, has};

#[test]
fn talks_between_two_named_sides_are_each_sides() {
    let events = coded("Weeks of talks between Norway and Chile ended quietly on Tuesday.");
    assert!(has(&events, "NOR", "046", "CHL") && has(&events, "CHL", "046", "NOR"), "{}", describe(&events));
}

#[test]
fn a_nationality_modifier_is_the_source_and_on_names_the_target() {
    let events = coded("Canadian sanctions on Peru took effect in March.");
    assert!(has(&events, "CAN", "163", "PER"), "{}", describe(&events));
}

#[test]
fn a_possessor_makes_demands_of_the_actor_after_on() {
    let events = coded("Spain's demands on Morocco grew louder last week.");
    assert!(has(&events, "ESP", "100", "MAR"), "{}", describe(&events));
}

#[test]
fn a_light_verb_hands_its_subject_to_the_noun() {
    let events = coded("The Kenyan president had a phone call with the Ghanaian president on Friday.");
    assert!(has(&events, "KEN", "041", "GHA"), "{}", describe(&events));
}

#[test]
fn an_attack_by_one_side_on_another() {
    let events = coded("An attack by Armenia on Azerbaijan was reported overnight.");
    assert!(has(&events, "ARM", "190", "AZE"), "{}", describe(&events));
}

#[test]
fn events_not_yet_real_or_governed_by_another_verb_are_not_nominal_events() {
    let proposed = coded("Chile welcomed proposed talks with Bolivia.");
    assert!(!has(&proposed, "CHL", "046", "BOL"), "{}", describe(&proposed));
    let rejected = coded("Chile rejected talks with Bolivia.");
    assert!(!has(&rejected, "CHL", "046", "BOL"), "{}", describe(&rejected));
}

#[test]
fn a_shared_act_with_one_side_named_is_not_coded() {
    let events = coded("Norway's talks ended without result.");
    assert!(!events.iter().any(|e| e.event_code.starts_with("046")), "{}", describe(&events));
}

#[test]
fn countries_after_a_locative_are_places_not_targets() {
    let events = coded("Chile condemned the violence in Peru and Bolivia.");
    assert!(
        !events.iter().any(|e| e.target_code.starts_with("PER") || e.target_code.starts_with("BOL")),
        "{}",
        describe(&events)
    );
}

#[test]
fn countries_someone_travels_to_are_places_for_the_other_verbs() {
    // "travelling to" names its own party (the visit); "praised" does not take the places.
    let events = coded("The Chilean minister, travelling to France, Germany and Italy, praised the reforms.");
    assert!(
        !events
            .iter()
            .any(|e| e.event_code.starts_with("05")
                && ["FRA", "DEU", "ITA"].iter().any(|c| e.target_code.starts_with(c))),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_city_after_a_company_name_is_its_address() {
    let events = coded("Pemex, Tokyo, and Petrobras, Brasilia, have agreed to cooperate.");
    assert!(!events.iter().any(|e| e.source_code.starts_with("JPN")), "{}", describe(&events));
}

#[test]
fn a_country_a_verb_pattern_names_is_still_its_party() {
    let events = coded("Chile imposed sanctions on Peru.");
    assert!(has(&events, "CHL", "163", "PER"), "{}", describe(&events));
}

#[test]
fn a_capital_that_acts_is_its_states_government() {
    let events = coded("Moscow said it would retaliate against Kyiv.");
    assert!(events.iter().any(|e| e.source_code == "RUSGOV" && e.target_code == "UKRGOV"), "{}", describe(&events));
}

#[test]
fn a_capital_one_goes_to_stays_the_country() {
    let events = coded("Chile's president travelled to Moscow.");
    assert!(events.iter().any(|e| e.source_code == "CHLGOV" && e.target_code == "RUS"), "{}", describe(&events));
    let events = coded("Police in Tbilisi arrested protesters.");
    assert!(events.iter().all(|e| !e.source_code.ends_with("GOV")), "{}", describe(&events));
}

#[test]
fn a_country_travelled_to_hosts_no_one() {
    let events = coded("Chile's president travelled to Peru for talks.");
    assert!(events.iter().any(|e| e.source_code == "CHLGOV" && e.event_code == "042"), "{}", describe(&events));
    assert!(!events.iter().any(|e| e.event_code == "043"), "{}", describe(&events));
}

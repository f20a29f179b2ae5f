//! A subject the dictionaries cannot name is not replaced by an actor named nearby: "he" is a
//! person, not a country mentioned in passing, and an unknown name before the verb is someone
//! unknown. Shipped dictionaries; the sentences are written for these tests.

mod common;

use common::{coded, describe};

#[test]
fn he_is_the_official_not_the_country_named_in_passing() {
    let events = coded("Chile's foreign minister toured the Peru trade fair and said he would boycott the summit.");
    let boycott =
        events.iter().find(|e| e.event_code.starts_with("12")).unwrap_or_else(|| panic!("{}", describe(&events)));
    assert_eq!(boycott.source_code, "CHLGOV", "{}", describe(&events));
}

#[test]
fn an_unknown_name_before_the_verb_is_not_a_nearby_actor() {
    let events = coded("Envoys from Chile arrived on Monday, and Typhoon Nara struck the coast.");
    assert!(
        !events.iter().any(|e| e.event_code.starts_with("19") && e.source_code.starts_with("CHL")),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_title_before_an_unknown_name_is_still_the_subject() {
    let events = coded("Chilean Foreign Minister Hernandez criticised Peru.");
    assert!(
        events.iter().any(|e| e.source_code == "CHLGOV" && e.event_code.starts_with("11") && e.target_code == "PER"),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_day_before_the_verb_is_no_unknown_subject() {
    let events = coded("Chile on Monday criticised Peru.");
    assert!(events.iter().any(|e| e.source_code == "CHL" && e.event_code.starts_with("11")), "{}", describe(&events));
}

//! Where a verb's object cannot be: past a verb coordinated with it ("condemned the attack and
//! demanded that Y …"), or in the means of an attack ("using drones from Z"). Shipped
//! dictionaries; the sentences are written for these tests.

mod common;

use common::{coded, describe, has_exactly};

#[test]
fn the_object_of_a_coordinated_verb_is_not_the_first_verbs() {
    let events = coded("Chile condemned the attack and demanded that Peru withdraw its troops.");
    assert!(has_exactly(&events, "CHL", "10", "PER"), "{}", describe(&events));
    assert!(!has_exactly(&events, "CHL", "11", "PER"), "{}", describe(&events));
}

#[test]
fn verbs_joined_before_their_object_share_it() {
    let events = coded("Doctors from Chile donated and delivered medicine to Peru.");
    assert_eq!(events.iter().filter(|e| e.target_code == "PER").count(), 2, "{}", describe(&events));
}

#[test]
fn the_means_of_an_attack_is_not_its_target() {
    let events = coded("Peru attacked the base using drones from Iran.");
    assert!(events.iter().all(|e| !e.target_code.starts_with("IRN")), "{}", describe(&events));
    let events = coded("Chile struck the camp with missiles supplied by Russia.");
    assert!(!has_exactly(&events, "CHL", "19", "RUS"), "{}", describe(&events));
}

#[test]
fn with_right_after_the_verb_still_names_the_other_side() {
    let events = coded("Chile clashed with Peru.");
    assert!(has_exactly(&events, "CHL", "19", "PER"), "{}", describe(&events));
}

//! Where a verb's object cannot be: past a verb coordinated with it ("condemned the attack and
//! demanded that Y …"), or in the means of an attack ("using drones from Z"). Shipped
//! dictionaries; the sentences are written for these tests.

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

fn has(events: &[Event], source: &str, code_prefix: &str, target: &str) -> bool {
    events.iter().any(|e| e.source_code == source && e.event_code.starts_with(code_prefix) && e.target_code == target)
}

#[test]
fn the_object_of_a_coordinated_verb_is_not_the_first_verbs() {
    let events = coded("Chile condemned the attack and demanded that Peru withdraw its troops.");
    assert!(has(&events, "CHL", "10", "PER"), "{}", describe(&events));
    assert!(!has(&events, "CHL", "11", "PER"), "{}", describe(&events));
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
    assert!(!has(&events, "CHL", "19", "RUS"), "{}", describe(&events));
}

#[test]
fn with_right_after_the_verb_still_names_the_other_side() {
    let events = coded("Chile clashed with Peru.");
    assert!(has(&events, "CHL", "19", "PER"), "{}", describe(&events));
}

//! A subject the dictionaries cannot name is not replaced by an actor named nearby: "he" is a
//! person, not a country mentioned in passing, and an unknown name before the verb is someone
//! unknown. Shipped dictionaries; the sentences are written for these tests.

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

//! A role named without a country ("police", "the government", "lawmakers") belongs to the
//! country the article is about, or to the place the sentence is set in; alone, with nothing to
//! say whose it is, it stays without one. Shipped dictionaries; the text is written for these
//! tests.

mod common;

use common::{coded, describe, has};

#[test]
fn police_in_a_later_sentence_are_the_article_countrys() {
    let events =
        coded("Chilean students marched through Santiago on Monday. Police arrested the student leaders on Tuesday.");
    assert!(has(&events, "CHLCOP", "17", "CHL"), "{}", describe(&events));
}

#[test]
fn the_place_a_sentence_is_set_in_comes_before_the_articles_country() {
    let events = coded("Chile criticised Peru on Monday. In Lima, police arrested the student leaders.");
    assert!(has(&events, "PERCOP", "17", ""), "{}", describe(&events));
    assert!(!events.iter().any(|e| e.source_code == "CHLCOP"), "{}", describe(&events));
}

#[test]
fn the_countries_named_most_decide_and_a_role_alone_stays_bare() {
    let events = coded(
        "Peru and Chile met. Chile's president criticised the Chilean senate. The government dismissed the criticism of Peru.",
    );
    let dismissal = events.iter().find(|e| e.sentence_index == 2).unwrap_or_else(|| panic!("{}", describe(&events)));
    assert_eq!(dismissal.source_code, "CHLGOV", "{}", describe(&events));
    let alone = coded("Police attacked Iranian soldiers.");
    assert!(has(&alone, "---COP", "19", "IRNMIL"), "{}", describe(&alone));
}

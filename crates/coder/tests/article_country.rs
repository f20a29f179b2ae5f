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

#[test]
fn an_arrest_with_no_one_named_is_the_authorities_of_the_place_or_the_article() {
    let placed = coded("At least forty people were arrested in Lima on Friday.");
    assert!(has(&placed, "PERCOP", "173", "PERCVL"), "{}", describe(&placed));
    let article = coded("Chilean students marched in protest on Monday. On Tuesday, 71 people were arrested.");
    assert!(has(&article, "CHLCOP", "173", "CHLCVL"), "{}", describe(&article));
    let nowhere = coded("Two suspects were arrested.");
    assert!(nowhere.is_empty(), "{}", describe(&nowhere));
}

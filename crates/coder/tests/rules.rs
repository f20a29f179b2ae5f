//! Coding rules a trained coder applies without thinking, checked on sentences written for these
//! tests and coded with the shipped dictionaries: who reports an event, which state a people
//! belongs to, announced threats, withdrawals, and the borders of the day.

use chrono::NaiveDate;
use std::sync::OnceLock;
use tripwire_coder::{Article, Coder, Event};

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| {
        let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
        let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
        Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
    })
}

fn code_on(text: &str, date: &str) -> Vec<Event> {
    let article = Article {
        id: "t".into(),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        text: text.into(),
        ..Article::default()
    };
    coder().code_article(&article).expect("codes")
}

fn code(text: &str) -> Vec<Event> {
    code_on(text, "2024-03-01")
}

fn describe(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| format!("{} {} {} [{}]", e.source_code, e.event_code, e.target_code, e.matched.verb_text))
        .collect::<Vec<_>>()
        .join("; ")
}

fn country(code: &str) -> &str {
    code.get(..3).unwrap_or("")
}

#[test]
fn a_closing_attribution_is_neither_party_nor_place() {
    let events =
        code("Chile offered 500 troops to the mission in Haiti, the Argentine defence minister said on Friday.");
    assert!(!events.is_empty(), "nothing coded");
    assert!(events.iter().all(|e| country(&e.target_code) != "ARG"), "{}", describe(&events));

    let events = code("Rebels shelled the town of Goma, killing nine people, aid workers in Nairobi told reporters.");
    assert!(
        events.iter().all(|e| e.location.as_ref().is_none_or(|l| l.place.country != "KEN")),
        "the reporter's city is not the event's: {}",
        describe(&events)
    );
}

#[test]
fn a_people_named_with_a_state_adjective_is_that_states() {
    let events = code("Iraqi Kurds marched through the city demanding a referendum.");
    assert!(events.iter().any(|e| country(&e.source_code) == "IRQ"), "{}", describe(&events));
    assert!(events.iter().all(|e| !e.source_code.starts_with("KUR")), "{}", describe(&events));

    let events = code("Bosnian Croats rejected the constitutional proposal.");
    assert!(events.iter().any(|e| country(&e.source_code) == "BIH"), "{}", describe(&events));
}

#[test]
fn an_announced_sanction_or_curfew_is_a_threat() {
    let events = code("The government of Kenya announced that it will impose a curfew in Mombasa.");
    assert!(events.iter().any(|e| e.event_code == "1323" && country(&e.target_code) == "KEN"), "{}", describe(&events));

    let events = code("Ghana said it would withdraw its peacekeepers from Lebanon unless the attacks stopped.");
    assert!(
        events.iter().any(|e| e.event_code.starts_with("13") && country(&e.target_code) == "LBN"),
        "{}",
        describe(&events)
    );
    // Carried out, it is the act itself.
    let events = code("Ghana withdrew its peacekeepers from Lebanon.");
    assert!(
        events.iter().any(|e| e.event_code.starts_with("166") && country(&e.target_code) == "LBN"),
        "{}",
        describe(&events)
    );
}

#[test]
fn easing_a_state_of_emergency_falls_on_the_own_country() {
    let events = code("The Peruvian government lifted the state of emergency on Tuesday.");
    assert!(
        events
            .iter()
            .any(|e| e.event_code == "0814" && e.source_code.starts_with("PER") && e.target_code.starts_with("PER")),
        "{}",
        describe(&events)
    );
}

#[test]
fn an_intention_is_the_speakers_alone() {
    let events = code("Colombian rebel commanders said they would meet the Norwegian envoy next week.");
    assert!(events.iter().any(|e| e.event_code == "036" && e.source_code.starts_with("COL")), "{}", describe(&events));
    assert!(events.iter().all(|e| !e.source_code.starts_with("NOR")), "{}", describe(&events));
}

#[test]
fn a_document_demands_in_its_own_words() {
    let events = code("Egypt issued a statement demanding that Ethiopia halt the filling of the dam.");
    assert!(
        events.iter().any(|e| e.event_code.starts_with("10") && e.source_code == "EGY" && e.target_code == "ETH"),
        "{}",
        describe(&events)
    );
}

#[test]
fn an_appositive_describes_the_subject() {
    let events = code("Norway, a longtime NATO member, has refused to join the blockade of Venezuela.");
    assert!(events.iter().any(|e| e.source_code == "NOR"), "{}", describe(&events));
    assert!(events.iter().all(|e| !e.source_code.starts_with("IGO")), "{}", describe(&events));
}

#[test]
fn places_keep_the_borders_of_the_day() {
    let before = code_on("Ugandan troops attacked rebel positions near Juba.", "2005-05-01");
    let after = code_on("Ugandan troops attacked rebel positions near Juba.", "2015-05-01");
    let places = |events: &[Event]| {
        events.iter().filter_map(|e| e.location.as_ref()).map(|l| l.place.country.clone()).collect::<Vec<_>>()
    };
    assert_eq!(places(&before).first().map(String::as_str), Some("SDN"), "{}", describe(&before));
    assert_eq!(places(&after).first().map(String::as_str), Some("SSD"), "{}", describe(&after));
}

#[test]
fn a_country_name_misspelled_by_one_letter_is_still_the_country() {
    let events = code("Venezuala recalled its ambassador from Colombia.");
    assert!(events.iter().any(|e| e.source_code.starts_with("VEN")), "{}", describe(&events));
    // A surname one letter from a country inside a run of names is not the country.
    let events = code("Graham Greene visited Moscow.");
    assert!(
        events.iter().all(|e| !e.source_code.starts_with("GRC") && !e.target_code.starts_with("GRC")),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_participle_after_a_comma_is_the_main_subjects_act() {
    let events = code("Sudanese rebels shelled the town of Kadugli on Monday, killing twelve civilians.");
    assert!(
        events.iter().any(|e| e.event_code.starts_with(['1', '2'])
            && e.matched.verb_text == "killing"
            && e.source_code.starts_with("SDN")),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_country_that_locates_a_city_is_a_place() {
    let events = code("Armenia and Azerbaijan met in Georgia's capital Tbilisi on Monday.");
    assert!(events.iter().all(|e| !e.target_code.starts_with("GEO")), "{}", describe(&events));
    assert!(
        events.iter().any(|e| e.location.as_ref().is_some_and(|l| l.place.country == "GEO")),
        "{}",
        describe(&events)
    );
}

#[test]
fn people_a_foreign_force_strikes_are_of_the_place() {
    let events = code("Russian troops killed two farmers in Kherson on Sunday.");
    assert!(
        events.iter().any(|e| e.source_code.starts_with("RUS") && e.target_code.starts_with("UKR")),
        "{}",
        describe(&events)
    );
    // At home, the same words keep the source's own people.
    let events = code("Egyptian police arrested dozens of protesters in Alexandria.");
    assert!(
        events.iter().any(|e| e.source_code.starts_with("EGY") && e.target_code.starts_with("EGY")),
        "{}",
        describe(&events)
    );
}

#[test]
fn country_names_ending_like_adjectives_are_still_subjects() {
    for (text, a, b) in [
        ("Armenia and Azerbaijan met on Monday.", "ARM", "AZE"),
        ("Jordan met Iran in Amman.", "JOR", "IRN"),
        ("Burundi signed an agreement with Rwanda.", "BDI", "RWA"),
    ] {
        let events = code(text);
        assert!(events.iter().any(|e| e.source_code == a && e.target_code == b), "{text}: {}", describe(&events));
    }
}

#[test]
fn roles_in_a_later_sentence_take_the_articles_place() {
    let article = Article {
        id: "t".into(),
        date: NaiveDate::from_ymd_opt(2024, 4, 22),
        text: "Thousands of opposition supporters marched to parliament in Yerevan on Wednesday. Police fired tear gas at the crowd.".into(),
        ..Article::default()
    };
    let events = coder().code_article(&article).expect("codes");
    assert!(
        events.iter().any(|e| e.sentence_index == 1 && e.source_code == "ARMCOP" && e.target_code.starts_with("ARM")),
        "{}",
        describe(&events)
    );
    // With no place anywhere, roles alone make no event.
    let events = code("Police fired tear gas at the crowd.");
    assert!(events.is_empty(), "{}", describe(&events));
}

#[test]
fn irregular_past_tenses_are_verbs_after_a_plural_noun() {
    let events = code("Chinese and Indian diplomats met in Beijing on Monday.");
    assert!(
        events.iter().any(|e| e.source_code.starts_with("CHN") && e.target_code.starts_with("IND")),
        "{}",
        describe(&events)
    );
}

#[test]
fn a_with_phrase_describing_the_scene_is_no_partner() {
    let events = code(
        "Serbian and Kosovar negotiators held talks in Brussels, with the EU envoy shuttling between the delegations.",
    );
    assert!(
        events.iter().any(|e| e.source_code.starts_with("SRB") && e.target_code.starts_with("XKX")),
        "{}",
        describe(&events)
    );
    assert!(events.iter().all(|e| !e.target_code.starts_with("IGO")), "{}", describe(&events));
}

#[test]
fn a_fronted_participle_clause_has_the_main_subject() {
    let events =
        code("A day after meeting Chinese officials in Beijing, the Indian foreign minister said the talks went well.");
    assert!(
        events.iter().any(|e| e.source_code.starts_with("IND")
            && e.target_code.starts_with("CHN")
            && e.event_code.starts_with("04")),
        "{}",
        describe(&events)
    );
}

//! The shipped example articles, coded with the shipped dictionaries, give the events a trained
//! coder would write.

use std::path::PathBuf;
use tripwire_coder::{Article, Coder, Event};

fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

fn code_example(coder: &Coder, id: &str) -> Vec<Event> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(format!("{id}.jsonl"));
    let text = std::fs::read_to_string(&path).expect("example exists");
    let article: Article = serde_json::from_str(text.lines().next().expect("one article")).expect("valid article");
    coder.code_article(&article).expect("codes")
}

/// True when some event has this dyad (country prefixes) and an event code under `code_prefix`.
fn has(events: &[Event], source: &str, code_prefix: &str, target: &str) -> bool {
    events.iter().any(|e| {
        e.source_code.starts_with(source) && e.target_code.starts_with(target) && e.event_code.starts_with(code_prefix)
    })
}

fn describe(events: &[Event]) -> String {
    events
        .iter()
        .map(|e| format!("{} {} {} [{}]", e.source_code, e.event_code, e.target_code, e.matched.verb_text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn muscat_talks() {
    let coder = coder();
    let events = code_example(&coder, "muscat-talks");
    let all = describe(&events);
    // Consult/negotiate between the two foreign ministers, placed in Muscat.
    let talks = events
        .iter()
        .find(|e| e.source_code == "IRNGOV" && e.target_code == "USAGOV" && e.event_code.starts_with("04"))
        .unwrap_or_else(|| panic!("no IRNGOV→USAGOV talks in:\n{all}"));
    let place = &talks.location.as_ref().expect("talks have a location").place;
    assert_eq!((place.name.as_str(), place.country.as_str()), ("Muscat", "OMN"));
    assert!(place.lat.is_some());
    // Oman mediates between both.
    assert!(has(&events, "OMN", "045", "IRN"), "no Oman→Iran mediation in:\n{all}");
    assert!(has(&events, "OMN", "045", "USA"), "no Oman→US mediation in:\n{all}");
    // Sanctions, strikes, the demand and its rejection.
    assert!(has(&events, "USA", "16", "IRN"), "no US sanctions on Iran in:\n{all}");
    assert!(has(&events, "ISR", "19", "IRN"), "no Israeli strike on Iran in:\n{all}");
    assert!(has(&events, "USA", "10", "IRN"), "no US demand on Iran in:\n{all}");
    assert!(has(&events, "IRN", "12", "USA"), "no Iranian rejection of the US in:\n{all}");
    // Nothing coded between a country and itself, and every event has a CAMEO code the ontology knows.
    for e in &events {
        assert_ne!(e.source_code, e.target_code, "self-directed event in:\n{all}");
        assert!(e.goldstein.is_some() && e.quad_class.is_some() && e.plover_event.is_some());
    }
}

#[test]
fn kashmir_clash() {
    let events = code_example(&coder(), "kashmir-clash");
    let all = describe(&events);
    assert!(has(&events, "INDMIL", "19", "PAK"), "no Indian fire on Pakistan in:\n{all}");
    assert!(has(&events, "PAK", "112", "IND"), "no accusation in:\n{all}");
    // "urged": an appeal (CAMEO 02), to both sides.
    assert!(has(&events, "IGOUNO", "02", "IND") && has(&events, "IGOUNO", "02", "PAK"), "no UN appeal in:\n{all}");
}

#[test]
fn tbilisi_protest() {
    let events = code_example(&coder(), "tbilisi-protest");
    let all = describe(&events);
    assert!(has(&events, "GEOCOP", "17", ""), "no arrests in:\n{all}");
    // "condemned": criticize or denounce (CAMEO 111).
    assert!(has(&events, "IGO", "111", "GEO"), "no EU condemnation in:\n{all}");
}

#[test]
fn sudan_aid() {
    let events = code_example(&coder(), "sudan-aid");
    let all = describe(&events);
    assert!(
        events.iter().any(|e| e.event_code.starts_with("03") && e.target_code.starts_with("SDN")),
        "no aid pledge in:\n{all}"
    );
}

#[test]
fn caucasus_peace_and_negation() {
    let events = code_example(&coder(), "caucasus-peace");
    let all = describe(&events);
    assert!(
        has(&events, "ARM", "057", "AZE") && has(&events, "AZE", "057", "ARM"),
        "no agreement both ways in:\n{all}"
    );
    // "Russia did not attack the deal": negated, so no attack is coded.
    assert!(
        !events.iter().any(|e| e.source_code.starts_with("RUS") && e.event_code.starts_with("19")),
        "negation ignored in:\n{all}"
    );
    assert!(has(&events, "RUS", "111", "USA"), "no criticism in:\n{all}");
}

#[test]
fn kyiv_grid_passive() {
    let events = code_example(&coder(), "kyiv-grid");
    let all = describe(&events);
    assert!(has(&events, "RUS", "19", "UKR"), "passive 'struck by Russian missiles' not coded in:\n{all}");
}

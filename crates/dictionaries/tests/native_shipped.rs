//! The shipped dictionaries load, and the names a news coder relies on code as expected.

use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use tripwire_dictionaries::{native, ActorEntry, AgentPlacement, Dictionaries, Phrase, Word};

fn shipped() -> Dictionaries {
    match native::shipped() {
        Ok(dictionaries) => dictionaries,
        Err(error) => panic!("{error}"),
    }
}

fn words(text: &str) -> Phrase {
    match native::parse_str(&format!("agent GOV\n  word {text}\n"), "probe") {
        Ok(d) => d.agents[0].phrases[0].clone(),
        Err(error) => panic!("{error}"),
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

/// The entries whose phrases include `name`.
fn actors_named<'d>(d: &'d Dictionaries, name: &str) -> Vec<&'d ActorEntry> {
    let phrase = words(name);
    d.actors.iter().filter(|actor| actor.phrases.contains(&phrase)).collect()
}

/// The code `name` carries on `day`, and whether it is a place.
fn actor_code(d: &Dictionaries, name: &str, day: NaiveDate) -> (String, bool) {
    match actors_named(d, name).as_slice() {
        [actor] => (actor.code_on(day).unwrap_or("-").to_string(), actor.is_place),
        [] => panic!("no actor is named {name:?}"),
        many => panic!("{name:?} names {} actors", many.len()),
    }
}

fn agent_code(d: &Dictionaries, name: &str) -> (String, AgentPlacement) {
    let phrase = words(name);
    let found: Vec<_> = d.agents.iter().filter(|agent| agent.phrases.contains(&phrase)).collect();
    match found.as_slice() {
        [agent] => (agent.code.to_string(), agent.placement),
        other => panic!("{name:?} is in {} agent entries", other.len()),
    }
}

#[test]
fn shipped_dictionaries_load() {
    let d = shipped();
    assert!(d.actors.len() > 400, "{} actors", d.actors.len());
    assert!(d.agents.len() >= 25, "{} agents", d.agents.len());
    for actor in &d.actors {
        assert!(!actor.phrases.is_empty() && !actor.codes.is_empty(), "{}", actor.origin);
        assert!(actor.origin.file.starts_with("data/dictionaries/"), "{}", actor.origin);
    }
}

#[test]
fn every_state_and_territory_of_the_ontology_is_named() {
    let d = shipped();
    let coded: BTreeSet<&str> = d.actors.iter().flat_map(|a| a.codes.iter().map(|c| &*c.code)).collect();
    let missing: Vec<&str> = tripwire_ontology::countries()
        .iter()
        .map(|country| country.iso3)
        .filter(|iso3| !coded.contains(iso3))
        .collect();
    assert!(missing.is_empty(), "no entry for {missing:?}");
}

#[test]
fn states_code_under_their_names_adjectives_and_capitals() {
    let d = shipped();
    let day = today();
    for (name, code) in [
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Americans", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Great Britain", "GBR"),
        ("Britons", "GBR"),
        ("British", "GBR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("South Korea", "KOR"),
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Türkiye", "TUR"),
        ("Taiwan", "TWN"),
        ("Hong Kong", "HKG"),
        ("Kosovo", "XKX"),
        ("Western Sahara", "ESH"),
        ("Greenland", "GRL"),
        ("Puerto Rico", "PRI"),
        ("Palestinians", "PSE"),
        ("Soviet Union", "USR"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of the Congo", "COG"),
        ("Guinea-Bissau", "GNB"),
        ("Middle East", "MEA"),
    ] {
        assert_eq!(actor_code(&d, name, day), (code.to_string(), false), "{name}");
    }
    for (name, code) in [
        ("Tehran", "IRN"),
        ("Washington", "USA"),
        ("Muscat", "OMN"),
        ("Moscow", "RUS"),
        ("Beijing", "CHN"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Taipei", "TWN"),
        ("Port-au-Prince", "HTI"),
        ("N'Djamena", "TCD"),
        ("Gaza", "PSE"),
    ] {
        assert_eq!(actor_code(&d, name, day), (code.to_string(), true), "{name}");
    }
}

#[test]
fn institutions_known_by_name() {
    let d = shipped();
    let day = today();
    for (name, code) in [
        ("White House", "USAGOV"),
        ("State Department", "USAGOV"),
        ("Foggy Bottom", "USAGOV"),
        ("Pentagon", "USAMIL"),
        ("Kremlin", "RUSGOV"),
        ("Downing Street", "GBRGOV"),
        ("Elysee", "FRAGOV"),
        ("Élysée", "FRAGOV"),
        ("Knesset", "ISRLEG"),
        ("IRGC", "IRNMIL"),
    ] {
        assert_eq!(actor_code(&d, name, day).0, code, "{name}");
    }
}

#[test]
fn international_and_armed_groups() {
    let d = shipped();
    let day = today();
    for (name, code) in [
        ("United Nations", "IGOUNO"),
        ("UN Security Council", "IGOUNO"),
        ("IAEA", "IGOUNOIAE"),
        ("European Union", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("OPEC", "IGOOPC"),
        ("African Union", "IGOAFRAFU"),
        ("Gulf Cooperation Council", "IGOPGSGCC"),
        ("Arab League", "IGOARBARL"),
        ("ASEAN", "IGOSEAASN"),
        ("World Health Organization", "IGOUNOWHO"),
        ("International Criminal Court", "IGOICC"),
        ("Red Cross", "NGOIRC"),
        ("Amnesty International", "NGOAMN"),
        ("Human Rights Watch", "NGOHRW"),
        ("Doctors Without Borders", "NGOMSF"),
        ("G7", "IGO"),
        ("Hamas", "PSEREB"),
        ("Hezbollah", "LBNREB"),
        ("Houthis", "YEMREB"),
        ("Ansar Allah", "YEMREB"),
        ("Islamic State", "IMGMOSISI"),
        ("ISIS", "IMGMOSISI"),
        ("al-Qaeda", "IMGMOSALQ"),
        ("PKK", "TURREB"),
        ("al-Shabaab", "SOMREB"),
        ("Boko Haram", "NGAREB"),
    ] {
        assert_eq!(actor_code(&d, name, day).0, code, "{name}");
    }
    let before = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert_eq!(actor_code(&d, "Taliban", before).0, "AFGREB");
    assert_eq!(actor_code(&d, "Taliban", day).0, "AFGGOV");
    assert_eq!(actor_code(&d, "Rapid Support Forces", before).0, "SDNMIL");
    assert_eq!(actor_code(&d, "Rapid Support Forces", day).0, "SDNREB");
}

#[test]
fn agents_code_roles() {
    let d = shipped();
    for (name, code) in [
        ("government", "GOV"),
        ("foreign minister", "GOV"),
        ("ministers", "GOV"),
        ("spokeswoman", "GOV"),
        ("former president", "GOVFRM"),
        ("troops", "MIL"),
        ("armed forces", "MIL"),
        ("defence ministry", "MIL"),
        ("police", "COP"),
        ("security forces", "COP"),
        ("intelligence officials", "SPY"),
        ("lawmakers", "LEG"),
        ("prosecutor", "JUD"),
        ("rebels", "REB"),
        ("insurgents", "INS"),
        ("opposition", "OPP"),
        ("protesters", "CVL"),
        ("journalists", "MED"),
        ("students", "EDU"),
        ("refugees", "REF"),
        ("workers", "LAB"),
        ("doctors", "HLH"),
        ("smugglers", "CRM"),
        ("clerics", "REL"),
    ] {
        assert_eq!(agent_code(&d, name), (code.to_string(), AgentPlacement::Suffix), "{name}");
    }
    assert_eq!(agent_code(&d, "aid group"), ("NGO".to_string(), AgentPlacement::Prefix));
}

/// Short forms that are everyday English words would code half of every article.
#[test]
fn no_pronouns_or_common_words_as_names() {
    let d = shipped();
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for phrase in d.actors.iter().flat_map(|a| &a.phrases).chain(d.agents.iter().flat_map(|a| &a.phrases)) {
        // A capitals-only word ("cased US") cannot match the everyday word.
        if let [word @ (Word::Exact(_) | Word::Stem(_))] = phrase.0.as_slice() {
            names.insert(word.text());
        }
    }
    for word in ["US", "WHO", "IS", "CAR", "MALE", "AU", "IT", "AM", "STATE", "JERSEY", "GENERAL", "PARTY", "UNION"] {
        assert!(!names.contains(word), "{word} is shipped as a one-word name");
    }
}

/// One phrase naming two different actors makes the coder's choice arbitrary. The files that
/// name states and organisations must not do it (leaders may share a surname).
#[test]
fn no_phrase_names_two_actors() {
    let d = shipped();
    let mut codes: BTreeMap<&Phrase, BTreeSet<String>> = BTreeMap::new();
    for actor in d.actors.iter().filter(|a| !a.origin.file.ends_with("leaders.twd")) {
        let code: Vec<&str> = actor.codes.iter().map(|c| &*c.code).collect();
        for phrase in &actor.phrases {
            codes.entry(phrase).or_default().insert(code.join("|"));
        }
    }
    let clashes: Vec<String> = codes
        .iter()
        .filter(|(_, codes)| codes.len() > 1)
        .map(|(phrase, codes)| format!("{}: {codes:?}", phrase.0.iter().map(Word::text).collect::<Vec<_>>().join(" ")))
        .collect();
    assert!(clashes.is_empty(), "{clashes:#?}");

    let mut agent_codes: BTreeMap<&Phrase, BTreeSet<&str>> = BTreeMap::new();
    for agent in &d.agents {
        for phrase in &agent.phrases {
            agent_codes.entry(phrase).or_default().insert(&agent.code);
        }
    }
    let clashes: Vec<_> = agent_codes.iter().filter(|(_, codes)| codes.len() > 1).collect();
    assert!(clashes.is_empty(), "{clashes:#?}");
}

use tripwire_ontology::{
    actor_type, actor_types, agent_codes, countries, country, ActorCode, ActorKind, OntologyError, UnStatus,
};

#[test]
fn countries_by_status() {
    let count = |status| countries().iter().filter(|country| country.un_status == status).count();
    assert_eq!(count(UnStatus::Member), 193);
    assert_eq!(count(UnStatus::Observer), 2);
    assert!(count(UnStatus::Territory) >= 20);
    assert_eq!(country("PSE").map(|country| country.un_status), Ok(UnStatus::Observer));
    assert_eq!(country("VAT").map(|country| country.un_status), Ok(UnStatus::Observer));
    assert_eq!(country("TWN").map(|country| country.un_status), Ok(UnStatus::Territory));
    assert_eq!(country("USR").map(|country| country.un_status), Ok(UnStatus::Former));
}

#[test]
fn country_lookup_and_aliases() {
    assert_eq!(country("IRN").map(|country| country.name), Ok("Iran"));
    assert_eq!(country("KSV").map(|country| country.iso3), Ok("XKX"));
    assert_eq!(country("ROM").map(|country| country.iso3), Ok("ROU"));
    assert_eq!(actor_type("KSV").map(|actor| actor.kind), Ok(ActorKind::Country));
    assert_eq!(country("GOV"), Err(OntologyError::UnknownCountry("GOV".to_string())));
    assert_eq!(country("irn"), Err(OntologyError::UnknownCountry("irn".to_string())));
    assert!(country("").is_err());
}

#[test]
fn every_country_is_an_actor_type() {
    for listed in countries() {
        let actor = actor_type(listed.iso3).expect("country segment");
        assert_eq!(actor.kind, ActorKind::Country);
        assert_eq!(actor.name, listed.name);
    }
}

#[test]
fn actor_types_by_kind() {
    let kind = |code| actor_type(code).map(|actor| actor.kind);
    assert_eq!(kind("GOV"), Ok(ActorKind::Sector));
    assert_eq!(kind("MIL"), Ok(ActorKind::Sector));
    assert_eq!(kind("IGO"), Ok(ActorKind::Igo));
    assert_eq!(kind("UNO"), Ok(ActorKind::Igo));
    assert_eq!(kind("NAT"), Ok(ActorKind::Igo));
    assert_eq!(kind("NGO"), Ok(ActorKind::Ngo));
    assert_eq!(kind("MNC"), Ok(ActorKind::Mnc));
    assert_eq!(kind("MEA"), Ok(ActorKind::Region));
    assert_eq!(kind("SHI"), Ok(ActorKind::Religion));
    assert_eq!(kind("KUR"), Ok(ActorKind::Ethnic));
    assert_eq!(
        actor_type("XYZ"),
        Err(OntologyError::UnknownActorCode { code: "XYZ".to_string(), segment: "XYZ".to_string() })
    );
}

#[test]
fn agent_codes_are_the_sectors() {
    let agents: Vec<&str> = agent_codes().map(|actor| actor.code).collect();
    for expected in ["GOV", "MIL", "REB", "OPP", "COP", "JUD", "BUS", "MED", "EDU", "REF", "CVL", "LEG", "SPY"] {
        assert!(agents.contains(&expected), "{expected}");
    }
    assert!(agent_codes().all(|actor| actor.kind == ActorKind::Sector));
    assert_eq!(agents.len(), actor_types().iter().filter(|actor| actor.kind == ActorKind::Sector).count());
}

#[test]
fn parses_compound_codes() {
    let code = ActorCode::parse("USAMILREB").expect("valid");
    assert_eq!(code.as_str(), "USAMILREB");
    assert_eq!(code.to_string(), "USAMILREB");
    assert_eq!(code.segments().collect::<Vec<_>>(), ["USA", "MIL", "REB"]);
    assert_eq!(code.country().map(|country| country.iso3), Some("USA"));
    assert_eq!(code.kind(), ActorKind::Country);

    let nato: ActorCode = "IGOWSTNAT".parse().expect("valid");
    assert_eq!(nato.country(), None);
    assert_eq!(nato.kind(), ActorKind::Igo);
    assert_eq!(
        nato.actor_types().map(|actor| actor.kind).collect::<Vec<_>>(),
        [ActorKind::Igo, ActorKind::Region, ActorKind::Igo]
    );

    for valid in ["IRN", "IRNGOV", "IGOUNO", "IGOEUREEC", "NGOHRIAMN", "KSVGOV", "PSEREB", "GOV"] {
        assert!(ActorCode::parse(valid).is_ok(), "{valid}");
    }
}

#[test]
fn parse_names_the_unknown_segment() {
    assert_eq!(
        ActorCode::parse("IRNXYZGOV"),
        Err(OntologyError::UnknownActorCode { code: "IRNXYZGOV".to_string(), segment: "XYZ".to_string() })
    );
}

#[test]
fn parse_rejects_malformed_codes() {
    for malformed in ["", "IR", "IRNG", "irngov", "IRN GOV", "IRN-GOV", "ÄÖÜ"] {
        assert!(matches!(ActorCode::parse(malformed), Err(OntologyError::MalformedActorCode { .. })), "{malformed:?}");
    }
}

#[test]
fn every_parsed_segment_is_known() {
    for valid in ["USAGOVMIL", "CHNBUS", "IGOAFRAFU", "MNCUSA", "IMGMOSALQ"] {
        let code = ActorCode::parse(valid).expect("valid");
        for segment in code.segments() {
            assert!(actor_type(segment).is_ok(), "{segment}");
        }
    }
}

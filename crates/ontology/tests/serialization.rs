use tripwire_ontology::{event_type, ActorCode, OntologyError, PloverEvent, QuadClass};

#[test]
fn plover_events_serialise_as_upper_case_names() {
    assert_eq!(serde_json::to_string(&PloverEvent::Agree).ok(), Some("\"AGREE\"".to_string()));
    assert_eq!(serde_json::from_str::<PloverEvent>("\"ASSAULT\"").ok(), Some(PloverEvent::Assault));
}

#[test]
fn quad_class_serialises_as_its_number() {
    assert_eq!(serde_json::to_string(&QuadClass::MaterialConflict).ok(), Some("4".to_string()));
}

#[test]
fn event_type_serialises_with_its_fields() {
    let event = event_type("046").expect("known code");
    let json = serde_json::to_value(event).expect("serialisable");
    assert_eq!(json["code"], "046");
    assert_eq!(json["goldstein"], 7.0);
    assert_eq!(json["quad_class"], 1);
    let mapping = serde_json::to_value(event.plover()).expect("serialisable");
    assert_eq!(mapping["event"], "CONSULT");
}

#[test]
fn actor_codes_round_trip_and_validate() {
    let code = ActorCode::parse("IRNGOV").expect("valid");
    let json = serde_json::to_string(&code).expect("serialisable");
    assert_eq!(json, "\"IRNGOV\"");
    assert_eq!(serde_json::from_str::<ActorCode>(&json).ok(), Some(code));
    assert!(serde_json::from_str::<ActorCode>("\"IRNXYZ\"").is_err());
}

#[test]
fn errors_explain_themselves() {
    let error = ActorCode::parse("IRNXYZ").expect_err("unknown segment");
    assert_eq!(error.to_string(), "unknown segment \"XYZ\" in CAMEO actor code \"IRNXYZ\"");
    assert_eq!(OntologyError::UnknownEventCode("99".into()).to_string(), "unknown CAMEO event code \"99\"");
}

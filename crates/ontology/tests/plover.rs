use std::str::FromStr;
use tripwire_ontology::{cameo_for_plover, event_type, event_types, plover_for, OntologyError, PloverEvent};

#[test]
fn cameo_to_plover() {
    assert_eq!(plover_for("046").map(|mapping| mapping.event), Ok(PloverEvent::Consult));
    assert_eq!(plover_for("0311").map(|mapping| mapping.event), Ok(PloverEvent::Agree));
    assert_eq!(plover_for("0311").map(|mapping| mapping.context), Ok(Some("economic")));
    assert_eq!(plover_for("042").map(|mapping| mapping.mode), Ok(Some("visit")));
    assert_eq!(plover_for("145").map(|mapping| mapping.event), Ok(PloverEvent::Protest));
    assert_eq!(plover_for("173").map(|mapping| mapping.event), Ok(PloverEvent::Coerce));
    assert_eq!(plover_for("190").map(|mapping| mapping.event), Ok(PloverEvent::Assault));
    assert_eq!(plover_for("112").map(|mapping| mapping.event), Ok(PloverEvent::Accuse));
    assert_eq!(plover_for("0871").map(|mapping| mapping.event), Ok(PloverEvent::Retreat));
}

#[test]
fn every_code_maps_and_agrees_with_the_event_type() {
    for event in event_types() {
        assert_eq!(plover_for(event.code), Ok(event.plover()));
    }
}

#[test]
fn plover_to_cameo_is_the_inverse() {
    let mut covered = 0;
    for plover in PloverEvent::ALL {
        let codes = cameo_for_plover(plover);
        assert_eq!(codes.is_empty(), !plover.in_draft_0_8(), "{plover}");
        for code in &codes {
            assert_eq!(code.plover().event, plover);
        }
        covered += codes.len();
    }
    assert_eq!(covered, event_types().len());
    let consult: Vec<&str> = cameo_for_plover(PloverEvent::Consult).iter().map(|event| event.code).collect();
    assert_eq!(consult, ["04", "040", "041", "042", "043", "044", "045", "046"]);
}

#[test]
fn unknown_codes_are_errors() {
    assert_eq!(plover_for("99"), Err(OntologyError::UnknownEventCode("99".to_string())));
    assert_eq!(PloverEvent::from_str("HUG"), Err(OntologyError::UnknownPloverEvent("HUG".to_string())));
    assert!(event_type("").is_err());
}

#[test]
fn names_round_trip() {
    for event in PloverEvent::ALL {
        assert_eq!(event.as_str().parse::<PloverEvent>(), Ok(event));
        assert_eq!(event.as_str().to_lowercase().parse::<PloverEvent>(), Ok(event));
        assert_eq!(event.to_string(), event.as_str());
    }
    assert_eq!(PloverEvent::Agree.as_str(), "AGREE");
}

#[test]
fn modes_and_contexts_are_never_blank() {
    for event in event_types() {
        let mapping = event.plover();
        for refinement in [mapping.mode, mapping.context].into_iter().flatten() {
            assert!(!refinement.trim().is_empty() && refinement.trim() == refinement, "{}", event.code);
        }
    }
}

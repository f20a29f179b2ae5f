use tripwire_ontology::{event_type, event_types, OntologyError, QuadClass};

#[test]
fn looks_up_codes_of_every_depth() {
    let root = event_type("20").expect("root");
    assert!(root.is_root());
    assert_eq!(root.root(), 20);

    let negotiate = event_type("046").expect("category");
    assert_eq!(negotiate.name, "Engage in negotiation");
    assert_eq!(negotiate.goldstein, 7.0);
    assert_eq!(negotiate.quad_class, QuadClass::VerbalCooperation);

    let economic = event_type("0311").expect("subcategory");
    assert_eq!(economic.root(), 3);
    assert_eq!(economic.parent().map(|parent| parent.code), Some("031"));
    assert_eq!(economic.parent().and_then(|parent| parent.parent()).map(|root| root.code), Some("03"));
}

#[test]
fn standard_goldstein_scores() {
    let expected = [
        ("010", 0.0),
        ("036", 4.0),
        ("046", 7.0),
        ("057", 8.0),
        ("0874", 10.0),
        ("163", -8.0),
        ("173", -5.0),
        ("190", -10.0),
        ("195", -10.0),
    ];
    for (code, score) in expected {
        assert_eq!(event_type(code).map(|event| event.goldstein), Ok(score), "{code}");
    }
}

#[test]
fn unknown_codes_are_errors() {
    for code in ["", "0", "00", "21", "099", "0315", "1999", "abc", " 046", "046 ", "04600"] {
        assert_eq!(event_type(code), Err(OntologyError::UnknownEventCode(code.to_string())), "{code:?}");
    }
}

#[test]
fn every_code_has_its_parent_and_shares_its_root() {
    for event in event_types() {
        match event.parent() {
            None => assert!(event.is_root(), "{} has no parent", event.code),
            Some(parent) => {
                assert_eq!(parent.code, &event.code[..event.code.len() - 1]);
                assert_eq!(parent.root(), event.root());
            }
        }
    }
}

#[test]
fn every_root_from_01_to_20_is_present_with_children() {
    let roots: Vec<u8> = event_types().iter().filter(|event| event.is_root()).map(|event| event.root()).collect();
    assert_eq!(roots, (1..=20).collect::<Vec<u8>>());
    for root in event_types().iter().filter(|event| event.is_root()) {
        assert!(root.children().count() >= 5, "{} has too few children", root.code);
    }
}

#[test]
fn goldstein_scores_are_within_the_scale() {
    for event in event_types() {
        assert!((-10.0..=10.0).contains(&event.goldstein), "{}: {}", event.code, event.goldstein);
    }
}

#[test]
fn quad_class_follows_the_root() {
    for event in event_types() {
        let expected = match event.root() {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        };
        assert_eq!(event.quad_class, expected, "{}", event.code);
        assert_eq!(QuadClass::from_root(event.root()), Some(expected));
    }
    assert_eq!(QuadClass::from_root(0), None);
    assert_eq!(QuadClass::from_root(21), None);
}

#[test]
fn quad_class_numbers_and_names() {
    for (number, class) in (1..=4).zip(QuadClass::ALL) {
        assert_eq!(class.number(), number);
        assert_eq!(QuadClass::from_number(number), Some(class));
    }
    assert_eq!(QuadClass::MaterialConflict.name(), "Material Conflict");
    assert_eq!(QuadClass::from_number(5), None);
}

#[test]
fn codebook_size_and_uniqueness() {
    let codes: std::collections::HashSet<&str> = event_types().iter().map(|event| event.code).collect();
    assert_eq!(codes.len(), event_types().len());
    assert!((300..=330).contains(&codes.len()), "{} codes", codes.len());
    for event in event_types() {
        assert!(!event.name.is_empty(), "{} has no name", event.code);
    }
}

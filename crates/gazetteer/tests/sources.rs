//! Building a gazetteer from data files: ranking on small hand-made data, errors that name the bad
//! row, and no panic on any input.

use proptest::prelude::*;
use tripwire_gazetteer::{Gazetteer, GazetteerError, Precision, Sources};

const COUNTRIES: &str = "\
# test data
iso3\tiso2\tgeonameid\tname\tcapital\tcapital_geonameid\tpopulation\tsovereign\taliases
OMN\tOM\t286963\tOman\tMuscat\t10\t4800000\t1\tSultanate of Oman
SYC\tSC\t241170\tSeychelles\tVictoria\t20\t96000\t1\t
CAN\tCA\t6251999\tCanada\tOttawa\t\t37000000\t1\t
";

const CITIES: &str = "\
# test data
geonameid\tname\tascii_name\tcountry\tadmin1\tlat\tlon\tpopulation\tis_capital\talternates
10\tMuscat\tMuscat\tOMN\t06\t23.58413\t58.40778\t797000\t1\tMasqat
11\tSur\tSur\tOMN\t11\t22.56667\t59.52889\t71000\t0\t
20\tVictoria\tVictoria\tSYC\t\t-4.61667\t55.45000\t22881\t1\t
21\tVictoria\tVictoria\tCAN\tBC\t48.43294\t-123.36930\t289625\t0\t
30\tReading\tReading\tCAN\t\t45.00000\t-75.00000\t20000\t0\tRedding
";

fn sources<'a>(countries: &'a str, cities: &'a str, preferred: &'a str, not_places: &'a str) -> Sources<'a> {
    Sources { countries, cities, preferred, not_places }
}

fn small() -> Gazetteer {
    match Gazetteer::from_sources(&sources(COUNTRIES, CITIES, "", "Reading\n")) {
        Ok(gazetteer) => gazetteer,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn small_data_builds_and_matches() {
    let gazetteer = small();
    assert_eq!(gazetteer.city_count(), 5);
    assert_eq!(gazetteer.places().len(), 8);
    let found = gazetteer.match_at(&["MASQAT"], 0).expect("alternate name");
    assert_eq!(found.place.name, "Muscat");
    let oman = gazetteer.match_at(&["SULTANATE", "OF", "OMAN", "."], 0).expect("alias");
    assert_eq!((oman.len, oman.place.precision), (3, Precision::Country));
    assert_eq!(gazetteer.capital_of("CAN"), None);
}

#[test]
fn a_small_capital_gives_way_to_a_far_larger_namesake() {
    let gazetteer = small();
    let victoria = gazetteer.match_at(&["VICTORIA"], 0).expect("Victoria");
    assert_eq!(victoria.place.country, "CAN");
    let all: Vec<&str> = gazetteer.lookup("Victoria").iter().map(|p| p.country.as_str()).collect();
    assert_eq!(all, ["CAN", "SYC"]);
}

#[test]
fn not_places_are_found_by_name_but_not_in_text() {
    let gazetteer = small();
    assert_eq!(gazetteer.match_at(&["READING"], 0), None);
    assert_eq!(gazetteer.lookup("Reading").len(), 1);
}

#[test]
fn a_preferred_reading_goes_first_and_can_add_a_name() {
    let preferred = "name\tgeonameid\tplace\nVictoria\t20\tSeychelles\nSoor\t11\tSur\n";
    let gazetteer = Gazetteer::from_sources(&sources(COUNTRIES, CITIES, preferred, "")).expect("builds");
    assert_eq!(gazetteer.match_at(&["VICTORIA"], 0).map(|m| m.place.country.as_str()), Some("SYC"));
    assert_eq!(gazetteer.match_at(&["SOOR"], 0).map(|m| m.place.name.as_str()), Some("Sur"));
}

fn row_error(result: Result<Gazetteer, GazetteerError>) -> (String, usize, String) {
    match result {
        Err(GazetteerError::Row { file, line, problem }) => (file, line, problem),
        other => panic!("expected a row error, got {other:?}"),
    }
}

#[test]
fn errors_name_the_file_and_line() {
    let bad_latitude = CITIES.replace("23.58413", "123.5");
    let (file, line, problem) = row_error(Gazetteer::from_sources(&sources(COUNTRIES, &bad_latitude, "", "")));
    assert_eq!((file.as_str(), line), ("cities.tsv", 3));
    assert!(problem.contains("lat"), "{problem}");

    let unknown_country = CITIES.replace("\tOMN\t11", "\tXXX\t11");
    let (file, line, _) = row_error(Gazetteer::from_sources(&sources(COUNTRIES, &unknown_country, "", "")));
    assert_eq!((file.as_str(), line), ("cities.tsv", 4));

    let missing_capital = COUNTRIES.replace("\t10\t", "\t99\t");
    let (file, line, _) = row_error(Gazetteer::from_sources(&sources(&missing_capital, CITIES, "", "")));
    assert_eq!((file.as_str(), line), ("countries.tsv", 3));

    let preferred = "name\tgeonameid\tplace\nVictoria\t12345\tnowhere\n";
    let (file, line, _) = row_error(Gazetteer::from_sources(&sources(COUNTRIES, CITIES, preferred, "")));
    assert_eq!((file.as_str(), line), ("preferred.tsv", 2));

    let duplicate = format!("{CITIES}10\tMuscat\tMuscat\tOMN\t06\t1\t1\t1\t0\t\n");
    let (_, line, problem) = row_error(Gazetteer::from_sources(&sources(COUNTRIES, &duplicate, "", "")));
    assert_eq!(line, 8, "{problem}");
}

#[test]
fn from_dir_reads_the_files_and_names_the_path_in_errors() {
    let dir = std::env::temp_dir().join(format!("tripwire-gazetteer-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("countries.tsv"), COUNTRIES).expect("write");
    std::fs::write(dir.join("cities.tsv"), CITIES).expect("write");
    let loaded = Gazetteer::from_dir(&dir).map(|g| g.city_count());

    std::fs::write(dir.join("cities.tsv"), CITIES.replace("797000", "many")).expect("write");
    let broken = Gazetteer::from_dir(&dir);
    std::fs::remove_dir_all(&dir).expect("clean up");

    assert_eq!(loaded, Ok(5));
    let (file, line, problem) = row_error(broken);
    assert!(file.ends_with("cities.tsv") && file.contains("tripwire-gazetteer-test"), "{file}");
    assert_eq!(line, 3);
    assert!(problem.starts_with("population"), "{problem}");

    let missing = Gazetteer::from_dir(dir.join("nowhere"));
    assert!(matches!(missing, Err(GazetteerError::Read { .. })), "{missing:?}");
}

/// Lines that look like the files' rows, so that generated input gets past the header and the
/// field count to the values and the cross-references.
fn row_like() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        Just(String::new()),
        "[0-9]{1,12}",
        "-?[0-9]{1,3}\\.[0-9]{0,6}",
        "[A-Z]{2,3}",
        "[A-Za-z' .,|-]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(field, 0..12).prop_map(|fields| fields.join("\t"))
}

fn file_like(header: &'static str) -> impl Strategy<Value = String> {
    (any::<bool>(), prop::collection::vec(row_like(), 0..6)).prop_map(move |(with_header, rows)| {
        let mut text = if with_header { format!("{header}\n") } else { String::new() };
        for row in rows {
            text.push_str(&row);
            text.push('\n');
        }
        text
    })
}

const COUNTRY_HEADER: &str = "iso3\tiso2\tgeonameid\tname\tcapital\tcapital_geonameid\tpopulation\tsovereign\taliases";
const CITY_HEADER: &str = "geonameid\tname\tascii_name\tcountry\tadmin1\tlat\tlon\tpopulation\tis_capital\talternates";

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        countries in prop::collection::vec(any::<u8>(), 0..400),
        cities in prop::collection::vec(any::<u8>(), 0..400),
        preferred in prop::collection::vec(any::<u8>(), 0..200),
        not_places in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let texts = [&countries, &cities, &preferred, &not_places].map(|bytes| String::from_utf8_lossy(bytes).into_owned());
        let _ = Gazetteer::from_sources(&sources(&texts[0], &texts[1], &texts[2], &texts[3]));
    }

    #[test]
    fn row_shaped_input_never_panics(
        countries in file_like(COUNTRY_HEADER),
        cities in file_like(CITY_HEADER),
        words in prop::collection::vec(prop_oneof![any::<String>(), "[A-Z]{1,8}", Just("THE".to_string())], 0..6),
        start in 0usize..8,
    ) {
        let countries = format!("{COUNTRIES}{countries}");
        if let Ok(gazetteer) = Gazetteer::from_sources(&sources(&countries, &cities, "", "")) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let _ = gazetteer.match_location_phrase(&words, start);
        }
        let _ = Gazetteer::from_sources(&sources(COUNTRIES, &cities, "", ""));
    }

    #[test]
    fn matching_arbitrary_words_never_panics(
        words in prop::collection::vec(prop_oneof![any::<String>(), "[A-Za-z,.'-]{1,10}"], 0..8),
        start in 0usize..10,
    ) {
        let gazetteer = small();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        if let Some(found) = gazetteer.match_location_phrase(&words, start) {
            prop_assert!(found.len >= 1 && start + found.len <= words.len());
        }
        let _ = gazetteer.match_at(&words, start);
        for word in &words {
            let _ = gazetteer.lookup(word);
        }
    }
}

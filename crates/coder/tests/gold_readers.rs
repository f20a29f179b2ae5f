//! The gold-standard readers on the real suites (read from `../shared/data`, skipped with a note
//! when that folder is absent), the scoring arithmetic on hand-made records, and arbitrary input
//! into every reader.

use chrono::NaiveDate;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use tripwire_coder::gold::{
    self, parse_petrarch_xml, parse_petrarch_xml_tolerant, parse_plover_json, parse_plover_json_tolerant,
    read_petrarch_xml, read_plover_json, treebank, EvalReport, Expected, GoldEvent, PloverPrediction, ScoredRecord,
    Scoring,
};

fn shared_data(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(relative);
    if path.is_file() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}

fn event(source: &str, target: &str, code: &str) -> GoldEvent {
    GoldEvent { source: source.into(), target: target.into(), code: code.into() }
}

fn triples(list: &[(&str, &str, &str)]) -> BTreeSet<gold::Triple> {
    list.iter().map(|(s, t, c)| (s.to_string(), t.to_string(), c.to_string())).collect()
}

/// Letters and digits only, lower-cased: what a parse's leaves and its record's text should share
/// once tokenisation, Treebank escapes and spacing are set aside.
fn letters(words: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    words
        .into_iter()
        .flat_map(|w| w.as_ref().chars().collect::<Vec<_>>())
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

#[test]
fn petrarch_unit_tests_read_completely() {
    let Some(path) = shared_data("validation/PETR.UnitTest.records.xml") else { return };
    let (env, records) = read_petrarch_xml(&path).expect("the unit-test records read");

    assert_eq!(env.verbs, ["PETR.Validate.verbs.txt"]);
    assert_eq!(env.actors, ["PETR.Validate.actors.txt"]);
    assert_eq!(env.agents, ["PETR.Validate.agents.txt"]);
    assert_eq!(env.discards, ["PETR.Validate.discards.txt"]);
    assert_eq!(env.error_file.as_deref(), Some("Errors.unit-test.txt"));
    assert_eq!(env.include.len(), 12);
    assert_eq!(env.pause.as_deref(), Some("Stop"));
    assert_eq!(env.options, [("stop_on_error".to_string(), "True".to_string())]);

    assert_eq!(records.len(), 141);
    assert_eq!(records.first().map(|r| r.id.as_str()), Some("DEMO-00"));
    let last = records.last().expect("records");
    assert_eq!((last.id.as_str(), &last.expected), ("FINAL-RECORD", &Expected::NoEvents));
    assert_eq!(last.text, "ALL OF THE UNIT TESTS WERE CODED CORRECTLY.");

    let mut per_category: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut triples, mut no_events, mut errors) = (0, 0, 0);
    for record in &records {
        *per_category.entry(record.category.as_str()).or_default() += 1;
        match &record.expected {
            Expected::Events(events) => triples += events.len(),
            Expected::NoEvents => no_events += 1,
            Expected::Error(_) => errors += 1,
        }
        assert!(!record.text.is_empty(), "{} has text", record.id);
        assert!(!record.text.contains("  ") && !record.text.contains('\n'), "{}: whitespace collapsed", record.id);
    }
    assert_eq!((triples, no_events, errors), (180, 11, 4));
    assert_eq!(per_category.get("SYNSET"), Some(&26));
    assert_eq!(per_category.get("DEMO"), Some(&19));
    assert_eq!(per_category.get("COMPOUND"), Some(&18));
    let switched_off: Vec<&str> =
        records.iter().filter(|r| !env.includes_category(&r.category)).map(|r| r.id.as_str()).collect();
    assert_eq!(switched_off, ["AGENTS-18", "COMPOUND-36"]);
    let not_sentences: Vec<&str> = records.iter().filter(|r| !r.sentence).map(|r| r.id.as_str()).collect();
    assert_eq!(not_sentences, ["DEMO-04", "AGENTS-18"]);

    let find = |id: &str| records.iter().find(|r| r.id == id).expect(id);

    let demo = find("DEMO-00");
    assert_eq!((demo.date, demo.category.as_str(), demo.line), (date(1995, 1, 1), "DEMO", 50));
    // The text itself stays in the shared file: its shape is enough to show it was read whole.
    assert!(demo.text.starts_with("Arnor ") && demo.text.ends_with("embassy."));
    assert_eq!(demo.text.split_whitespace().count(), 18);
    assert_eq!(demo.expected, Expected::Events(vec![event("ARN", "GON", "064")]));
    assert_eq!(demo.notes.len(), 3);
    assert!(demo.parse.as_deref().is_some_and(|p| p.starts_with("(ROOT (S")));

    // Two events, the second with a quoted, uncoded actor.
    let injury = find("DEMO-22");
    assert_eq!(injury.expected.events(), [event("ERI", "OSG", "223"), event("\"INJURY TOLL\"", "OSG", "223")]);

    // Spaces around `=` in the attributes.
    let spaced = find("AFP080801M008-2");
    assert_eq!((spaced.date, spaced.category.as_str()), (date(2008, 8, 1), "PARSING"));
    assert_eq!(spaced.expected, Expected::NoEvents);

    assert_eq!(find("ERROR-01").expected, Expected::Error("dateline".into()));
    assert_eq!(find("DISCARD-02").expected, Expected::Error("storydiscard".into()));
    assert_eq!(find("DISCARD-03").expected, Expected::Error("sentencediscard".into()));
    assert!(find("SYNSET-02").text.contains("full &TIETYPE ties"));
    assert_eq!(find("COMPOUND-07B").expected.events().len(), 12);
    assert_eq!(find("DATE-20").date, date(1978, 12, 23));
}

#[test]
fn petrarch_parses_read_and_match_their_text() {
    let Some(path) = shared_data("validation/PETR.UnitTest.records.xml") else { return };
    let (_, records) = read_petrarch_xml(&path).expect("the unit-test records read");
    let (mut token_for_token, mut same_letters) = (0, 0);
    let mut differing = Vec::new();
    for record in &records {
        let parse = record.parse.as_deref().unwrap_or_else(|| panic!("{} has a parse", record.id));
        let tree = treebank::parse(parse).unwrap_or_else(|e| panic!("{}: {e}", record.id));
        let leaves: Vec<&str> = tree.leaves().map(treebank::unescape_word).collect();
        assert_eq!(leaves.len(), tree.leaf_count());
        assert_eq!(tree.root().span, 0..tree.leaf_count());
        let words: Vec<&str> = record.text.split_whitespace().collect();
        token_for_token += usize::from(leaves == words);
        if letters(&leaves) == letters(&words) {
            same_letters += 1;
        } else {
            differing.push(record.id.as_str());
        }
    }
    println!(
        "{} parses: {token_for_token} match the text word for word (the text attaches punctuation, the parse \
         splits it off), {same_letters} letter for letter; differing: {differing:?}",
        records.len()
    );
    // These two texts were edited after parsing: a clause cut, another rewritten.
    assert_eq!(differing, ["COMPOUND-06", "COMMA-11"]);
}

#[test]
fn petrarch_news_sample_reads_without_codings() {
    let Some(path) = shared_data("news/GigaWord.sample.PETR.xml") else { return };
    let (env, records) = read_petrarch_xml(&path).expect("the GigaWord sample reads");
    assert_eq!(env, gold::PetrarchEnvironment::default());
    assert_eq!(records.len(), 76);
    let first = &records[0];
    assert_eq!((first.id.as_str(), first.date), ("AFP0808020625_4", date(2008, 8, 4)));
    assert!(first.text.starts_with("The stopover came as the US leader prepared"));
    for record in &records {
        assert_eq!(record.expected, Expected::Events(Vec::new()), "{}", record.id);
        assert_eq!(record.category, "");
        let parse = record.parse.as_deref().unwrap_or_else(|| panic!("{} has a parse", record.id));
        let tree = treebank::parse(parse).unwrap_or_else(|e| panic!("{}: {e}", record.id));
        assert!(tree.leaf_count() > 0);
    }
}

#[test]
fn plover_gold_records_read_completely() {
    let Some(path) = shared_data("validation/PLOVER_GSR_CAMEO.json") else { return };
    let records = read_plover_json(&path).expect("the PLOVER gold records read");
    assert_eq!(records.len(), 179);
    assert!(records.iter().all(|r| r.date == date(2000, 1, 1) && r.event != "DOCUMENT"));
    assert!(records.iter().all(|r| !r.sources.is_empty() && !r.text.is_empty()));

    let mut per_event: BTreeMap<&str, usize> = BTreeMap::new();
    for record in &records {
        *per_event.entry(record.event.as_str()).or_default() += 1;
    }
    assert_eq!(per_event.len(), 18);
    assert_eq!(per_event.get("AGREE"), Some(&24));
    assert_eq!(per_event.get("THREATEN"), Some(&19));
    assert_eq!(records.iter().filter(|r| r.targets.is_empty()).count(), 15);
    assert_eq!(records.iter().filter(|r| r.mode.is_some()).count(), 56);
    assert_eq!(records.iter().filter(|r| r.context.is_some()).count(), 178);
    let actors = records.iter().flat_map(|r| r.sources.iter().chain(&r.targets));
    // Codes are three letters; legacy spellings (JAP, ITL, VTN) read as the ISO code.
    assert!(actors.clone().all(|a| a.code.len() == 3));
    assert!(actors.clone().any(|a| a.code == "JAP" && a.country() == "JPN"));
    assert_eq!(actors.filter(|a| a.sector.is_some()).count(), 227);

    let first = &records[0];
    assert!(first.id.ends_with("-AGREE-0003"));
    assert_eq!(first.source_countries().into_iter().collect::<Vec<_>>(), ["JOR", "USA"]);
    assert_eq!(first.sources[0].text, "United States");
    assert!(first.targets.is_empty());
    assert_eq!(first.context.as_deref(), Some("economic"));
    assert_eq!(first.event_text, "agreed free-trade");
    assert!(first.markup.as_deref().is_some_and(|m| m.starts_with("The (SRC/TAR: United States)")));

    let kurds = records.iter().find(|r| r.sources.iter().any(|a| a.sector.as_deref() == Some("REBkur")));
    let kurds = kurds.expect("a record with a REBkur source");
    assert_eq!(kurds.source_countries().into_iter().collect::<Vec<_>>(), ["TUR"]);
}

#[test]
fn petrarch_scoring_counts_sets_of_triples() {
    let record =
        |id: &str, category: &str, expected: &[(&str, &str, &str)], predicted: &[(&str, &str, &str)]| ScoredRecord {
            id: id.into(),
            category: category.into(),
            expected: triples(expected),
            predicted: triples(predicted),
        };
    let report = EvalReport::from_records(vec![
        record("r1", "DEMO", &[("A", "B", "010")], &[("A", "B", "010")]),
        record("r2", "DEMO", &[("A", "B", "010"), ("C", "D", "020")], &[("A", "B", "010"), ("X", "D", "020")]),
        record("r3", "VERB", &[], &[]),
        record("r4", "VERB", &[], &[("A", "B", "190")]),
    ]);
    let t = &report.totals;
    assert_eq!((t.records, t.exact, t.expected, t.predicted, t.true_positives), (4, 2, 3, 4, 2));
    assert_eq!(t.exact_rate, 0.5);
    assert_eq!(t.precision, 0.5);
    assert!((t.recall - 2.0 / 3.0).abs() < 1e-12);
    assert!((t.f1 - 4.0 / 7.0).abs() < 1e-12);

    let demo = &report.categories["DEMO"];
    assert_eq!((demo.records, demo.exact, demo.true_positives), (2, 1, 2));
    assert!((demo.f1 - 2.0 / 3.0).abs() < 1e-12);
    let verb = &report.categories["VERB"];
    assert_eq!((verb.precision, verb.recall, verb.f1), (0.0, 1.0, 0.0));

    assert_eq!(report.failures.len(), 2);
    assert_eq!(report.failures[0].id, "r2");
    assert_eq!(report.failures[0].missing, [event("C", "D", "020")]);
    assert_eq!(report.failures[0].extra, [event("X", "D", "020")]);
    assert_eq!((report.failures[1].id.as_str(), report.failures[1].missing.len()), ("r4", 0));

    let json = serde_json::to_value(&report).expect("the report serializes");
    for key in ["records", "exact", "exact_rate", "precision", "recall", "f1", "categories", "failures"] {
        assert!(json.get(key).is_some(), "JSON has {key}: {json}");
    }
    assert_eq!(json["records"], 4);
    assert_eq!(json["categories"]["VERB"]["exact"], 1);
    assert_eq!(json["scoring"], "triples");

    let table = report.render_table();
    assert!(table.lines().any(|l| l.starts_with("DEMO") && l.contains("50.0%")), "{table}");
    assert!(table.lines().last().is_some_and(|l| l.starts_with("all")), "{table}");
    let failures = report.render_failures();
    assert!(failures.contains("r2 [DEMO] missing: (C D 020); extra: (X D 020)"), "{failures}");
    assert!(failures.contains("r4 [VERB] missing: none"), "{failures}");
}

#[test]
fn plover_scoring_compares_country_sets() {
    let gold = parse_plover_json(
        r#"[
        {"id": "joint", "date": "2000-01-01", "event": "AGREE", "text": "The United States and Jordan agreed.",
         "source": [{"actorText": "United States", "code": "USA"}, {"actorText": "Jordan", "code": "JOR"}], "target": ""},
        {"id": "aimed", "date": "2000-01-01", "event": "ASSAULT", "text": "Iraqi gunmen killed a U.S. soldier.",
         "source": [{"actorText": "Iraqi", "code": "IRQ", "sector": "UAF"}],
         "target": [{"actorText": "U.S. soldier", "code": "USA", "sector": "MIL"}]}
    ]"#,
        "hand-made.json",
    )
    .expect("hand-made records read");
    let (joint, aimed) = (&gold[0], &gold[1]);
    let predict = |event: &str, source: Option<&str>, target: Option<&str>| PloverPrediction {
        event: event.into(),
        source: source.map(String::from),
        target: target.map(String::from),
    };

    // Both directions of a joint act: the source countries are the gold's; the target is not asked.
    let both = [predict("AGREE", Some("USA"), Some("JOR")), predict("AGREE", Some("JOR"), Some("USA"))];
    assert!(gold::plover_record_right(joint, &both));
    assert!(!gold::plover_record_right(joint, &both[..1]));
    assert!(!gold::plover_record_right(joint, &[predict("CONSULT", Some("USA"), None)]));
    assert!(!gold::plover_record_right(joint, &[]));

    // Full actor codes and lower case are reduced to the country and the upper-case type.
    assert!(gold::plover_record_right(aimed, &[predict("assault", Some("IRQREB"), Some("USAMIL"))]));
    assert!(!gold::plover_record_right(aimed, &[predict("ASSAULT", Some("IRQ"), None)]));
    assert!(!gold::plover_record_right(aimed, &[predict("ASSAULT", Some("IRQ"), Some("IRN"))]));
    // Another event type alongside does not make the record wrong.
    assert!(gold::plover_record_right(
        aimed,
        &[predict("ASSAULT", Some("IRQ"), Some("USA")), predict("DISAPPROVE", Some("USA"), Some("IRQ"))]
    ));

    let report = EvalReport::from_plover(vec![
        gold::score_plover(joint, &both),
        gold::score_plover(aimed, &[predict("ASSAULT", Some("IRQ"), None)]),
    ]);
    assert_eq!(report.scoring, Scoring::PloverCountries);
    let t = &report.totals;
    // joint: gold {USA·AGREE, JOR·AGREE} both coded; aimed: gold {IRQ→USA}, coded {IRQ→·}.
    assert_eq!((t.records, t.exact, t.expected, t.predicted, t.true_positives), (2, 1, 3, 3, 2));
    assert_eq!(report.categories.keys().collect::<Vec<_>>(), ["AGREE", "ASSAULT"]);
    assert_eq!(report.failures.len(), 1);
    assert_eq!(report.failures[0].missing, [event("IRQ", "USA", "ASSAULT")]);
    assert_eq!(report.failures[0].extra, [event("IRQ", "", "ASSAULT")]);
    assert!(report.render_failures().contains("(IRQ - ASSAULT)"));
}

#[test]
fn reader_errors_name_file_and_line() {
    let xml = "<Sentences>\n<Sentence date=\"19950101\" id=\"A\">\n<Text>x</Text>\n</Sentence>\n\
               <Sentence date=\"January 1995\" id=\"B\">\n<Text>y</Text>\n</Sentence>\n</Sentences>";
    let err = parse_petrarch_xml(xml, "records.xml").expect_err("a bad date");
    assert_eq!(err.to_string(), "records.xml:5: record B: date \"January 1995\" is not YYYYMMDD");

    let unbalanced = "<Sentences>\n<Sentence date=\"19950101\" id=\"A\">\n<Text>x</Parse>\n</Sentence>";
    let err = parse_petrarch_xml(unbalanced, "records.xml").expect_err("mismatched tags");
    assert_eq!((err.file(), err.line()), ("records.xml", Some(3)));

    let json = "[\n {\"id\": \"A\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": \"x\"},\n {\"id\": \"B\",\n  \"date\": \"January\", \"event\": \"AGREE\", \"text\": \"y\"}\n]";
    let err = parse_plover_json(json, "gsr.json").expect_err("a bad date");
    assert_eq!(err.to_string(), "gsr.json:4: record B: date \"January\" is not YYYY-MM-DD");

    let missing = read_petrarch_xml("/nonexistent/records.xml").expect_err("no such file");
    assert_eq!((missing.file(), missing.line()), ("/nonexistent/records.xml", None));
}

/// A bracketed tree in the layouts PETRARCH files use (labelled or bare outer bracket, line breaks
/// and runs of spaces between brackets), with its words in order.
fn bracketed_tree() -> impl Strategy<Value = (String, Vec<String>)> {
    let space = prop_oneof![Just(" "), Just("  "), Just("\n"), Just(" \n  ")];
    let leaf = ("[A-Z]{1,3}\\$?", "[a-zA-Z0-9.,'-]{1,8}", space.clone())
        .prop_map(|(tag, word, gap)| (format!("({tag}{gap}{word})"), vec![word]));
    let tree = leaf.prop_recursive(6, 48, 4, move |inner| {
        ("[A-Z]{1,4}", proptest::collection::vec((inner, space.clone()), 0..4)).prop_map(|(label, children)| {
            let mut text = format!("({label}");
            let mut words = Vec::new();
            for ((child, child_words), gap) in children {
                text.push_str(gap);
                text.push_str(&child);
                words.extend(child_words);
            }
            text.push_str(" )");
            (text, words)
        })
    });
    (tree, prop_oneof![Just("ROOT "), Just(" "), Just("")]).prop_map(|((text, words), outer)| {
        if outer.is_empty() {
            (text, words)
        } else {
            (format!("({outer}{text}\n)"), words)
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn petrarch_reader_never_panics(text in any::<String>()) {
        let _ = parse_petrarch_xml(&text, "arbitrary.xml");
    }

    #[test]
    fn petrarch_reader_never_panics_on_xmlish_text(
        text in r#"(<Sentence date="19950101" id="x"|<EventCoding|<Text>|</Text>|<Parse>|</Parse>|</Sentence>|<Environment>|<Verbfile>|</Verbfile>|</Environment>|<!--|-->|[ a-z="'&;<>/!\n])*"#
    ) {
        let _ = parse_petrarch_xml(&text, "xmlish.xml");
    }

    #[test]
    fn plover_reader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = parse_plover_json(&String::from_utf8_lossy(&bytes), "arbitrary.json");
    }

    #[test]
    fn plover_reader_never_panics_on_jsonish_text(
        text in r#"(\[|\]|\{|\}|,|:|"id"|"date"|"2000-01-01"|"event"|"AGREE"|"DOCUMENT"|"text"|"source"|"target"|"code"|"actorText"|""|null|1|[ "a-z])*"#
    ) {
        let _ = parse_plover_json(&text, "jsonish.json");
    }

    #[test]
    fn tolerant_readers_never_panic_and_name_lines(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let lines = text.lines().count().max(1);
        let (_, petrarch) = parse_petrarch_xml_tolerant(&text, "arbitrary.xml");
        let plover = parse_plover_json_tolerant(&text, "arbitrary.json");
        for problem in petrarch.problems.iter().chain(plover.problems.iter()) {
            prop_assert!((1..=lines + 1).contains(&problem.line), "{problem:?}");
        }
        let _ = gold::reference_set::parse_reference_set(&text, "arbitrary.jsonl");
        let _ = gold::conllu::parse(&text);
    }

    #[test]
    fn universal_petrarch_layout_never_panics(
        text in r#"(<Sentence date="121108" id="x" source="s" sentence="true"/>|<Sentence/>|<EventCoding sentenceID="x" coding="[['USA', 'CHN', '042']]"/>|<Text>|</Text>|<Parse>|</Parse>|1	Obama	Obama	PROPN	_	_	2	nsubj	_	_
|# sent_id|</Sentence>|[ a-z0-9="'	
])*"#
    ) {
        let _ = parse_petrarch_xml_tolerant(&text, "up.xml");
    }

    #[test]
    fn treebank_never_panics(text in any::<String>()) {
        let _ = treebank::parse(&text);
    }

    #[test]
    fn treebank_reads_generated_trees((text, words) in bracketed_tree()) {
        let tree = treebank::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(tree.leaves().collect::<Vec<_>>(), words.iter().map(String::as_str).collect::<Vec<_>>());
        prop_assert_eq!(tree.root().span.clone(), 0..words.len());
        let again = treebank::parse(&tree.to_bracketed()).expect("a printed tree reads back");
        prop_assert_eq!(again, tree);
    }

    #[test]
    fn treebank_round_trips_what_it_reads(text in r"[() A-Za-z.\n]{0,80}") {
        if let Ok(tree) = treebank::parse(&text) {
            let again = treebank::parse(&tree.to_bracketed()).expect("a printed tree reads back");
            prop_assert_eq!(&again, &tree);
            prop_assert_eq!(tree.leaves().count(), tree.leaf_count());
            for node in tree.nodes() {
                prop_assert!(node.span.start <= node.span.end && node.span.end <= tree.leaf_count());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Cutting a stretch out of the real unit-test file gives records or an error, never a panic.
    #[test]
    fn petrarch_reader_survives_damaged_real_files(start in 0.0f64..1.0, length in 0usize..400) {
        let Some(path) = shared_data("validation/PETR.UnitTest.records.xml") else { return Ok(()) };
        let text = std::fs::read_to_string(path).expect("the unit-test file is text");
        let mut cut = (start * text.len() as f64) as usize;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut end = (cut + length).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{}", &text[..cut], &text[end..]);
        let _ = parse_petrarch_xml(&damaged, "damaged.xml");
    }
}

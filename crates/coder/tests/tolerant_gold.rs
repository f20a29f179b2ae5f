//! Tolerant reading of gold files: each odd case on a small input written here (never a copied
//! record), then the real UniversalPetrarch files and the development/test split by path, skipped
//! with a note when `../shared/data` is absent.

use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::PathBuf;
use tripwire_coder::gold::{
    self, language, parse_petrarch_xml, parse_petrarch_xml_tolerant, parse_plover_json, parse_plover_json_tolerant,
    part_of, read_petrarch_xml_tolerant, read_plover_json_tolerant, Expected, GoldEvent, Handling, Part, MAX_XML_DEPTH,
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

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}

fn event(source: &str, target: &str, code: &str) -> GoldEvent {
    GoldEvent { source: source.into(), target: target.into(), code: code.into() }
}

/// Two records in UniversalPetrarch's layout: self-closed `<Sentence/>` openers that a later
/// `</Sentence>` ends, CoNLL-U parses, a six-digit date, a named event code, `evaluate="false"`.
const UNIVERSAL: &str = "<Validation>\n\
<Environment><Verbfile>v.txt</Verbfile><Include>valid X </Include>stray</Environment>\n\
<Sentences>\n\
<Sentence category=\"X\" date=\"121108\" id=\"U-1\" evaluate=\"true\"/>\n\
<EventText eid=\"E1\" eventtext=\"rebuked\" sourcetext=\"Arnor\" targettext=\"Gondor\" />\n\
<EventCoding eid=\"E1\" eventcode=\"111_criticize_or_denounce\" plover=\"ACCUSE\" sourcecode=\"ARN\" targetcode=\"GON\" />\n\
<Text>\nArnor rebuked\nGondor.\n</Text>\n\
<Parse>\n1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\trebuked\trebuke\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tGondor\tGondor\tPROPN\tNNP\t_\t2\tobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n</Parse></Sentence>\n\
\n\
<Sentence category=\"X\" date=\"20150609\" id=\"U-2\" evaluate=\"false\"/>\n\
<EventCoding noevents=\"True\" />\n\
<Text>Nothing happened.</Text>\n\
</Sentence>\n\
</Sentences>\n</Validation>\n";

#[test]
fn universal_petrarch_layout_reads_every_record() {
    let (environment, gold) = parse_petrarch_xml_tolerant(UNIVERSAL, "up.xml");
    assert_eq!(environment.verbs, ["v.txt"]);
    assert_eq!(environment.include, ["valid", "X"]);
    assert_eq!(gold.skipped().count(), 0, "{:?}", gold.problems);
    assert_eq!(gold.records.len(), 2);

    let first = &gold.records[0];
    assert_eq!((first.id.as_str(), first.line, first.date), ("U-1", 4, day(2012, 11, 8)));
    assert_eq!(first.text, "Arnor rebuked Gondor.");
    assert_eq!(first.expected, Expected::Events(vec![event("ARN", "GON", "111")]));
    assert!(first.evaluate);
    let parse = first.parse.as_deref().expect("a parse");
    assert!(gold::conllu::looks_like_conllu(parse));
    let (tokens, syntax) = gold::syntax::record_input(parse).expect("the CoNLL-U parse reads");
    assert_eq!(tokens.len(), 4);
    assert_eq!(syntax.clauses[0].subject, Some(0..1));

    let second = &gold.records[1];
    assert_eq!((second.expected.clone(), second.evaluate), (Expected::NoEvents, false));

    // The six-digit date is the one thing read leniently, with its line.
    let lenient: Vec<_> = gold.read_leniently().collect();
    assert_eq!(lenient.len(), 1);
    assert_eq!((lenient[0].line, lenient[0].record.as_deref()), (4, Some("U-1")));
    assert!(lenient[0].message.contains("YYMMDD"), "{}", lenient[0]);
    // So the strict reader accepts the file too.
    assert_eq!(parse_petrarch_xml(UNIVERSAL, "up.xml").expect("strict read").1.len(), 2);
}

#[test]
fn a_self_closed_record_without_its_end_tag_ends_at_the_next_record() {
    let xml = "<Sentences>\n<Sentence id=\"A\" date=\"20000101\"/>\n<Text>a</Text>\n\
               <Sentence id=\"B\" date=\"20000102\"/>\n<Text>b</Text>\n</Sentence>\n</Sentences>";
    let (_, gold) = parse_petrarch_xml_tolerant(xml, "f.xml");
    assert_eq!(gold.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["A", "B"]);
    let note = gold.read_leniently().next().expect("a note on A");
    assert_eq!((note.line, note.record.as_deref()), (4, Some("A")));
    assert_eq!(gold.skipped().count(), 0);
}

#[test]
fn one_bad_xml_record_is_skipped_with_its_line_and_the_rest_are_kept() {
    let xml = "<Sentences>\n\
        <Sentence id=\"A\" date=\"20000101\"><Text>a</Text></Sentence>\n\
        <Sentence id=\"B\" date=\"sometime\"><Text>b</Text></Sentence>\n\
        <Sentence id=\"C\" date=\"20000103\">\n<Text>c</Parse>\n</Sentence>\n\
        <Sentence id=\"D\" date=\"20000104\"></Sentence>\n\
        <Sentence id=\"E\" date=\"20000105\"><EventCoding sourcecode=\"X\"/><Text>e</Text></Sentence>\n\
        <Sentence id=\"F\" date=\"20000106\"><Text>f</Text></Sentence>\n\
        </Sentences>";
    let (_, gold) = parse_petrarch_xml_tolerant(xml, "f.xml");
    assert_eq!(gold.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["A", "F"]);
    let skipped: Vec<(usize, Option<&str>)> = gold.skipped().map(|p| (p.line, p.record.as_deref())).collect();
    assert_eq!(skipped, [(3, Some("B")), (5, Some("C")), (7, Some("D")), (8, Some("E"))]);
    let messages: Vec<String> = gold.skipped().map(|p| p.to_string()).collect();
    assert_eq!(messages[0], "f.xml:3: record B: date \"sometime\" is not YYYYMMDD (skipped)");
    assert!(messages[1].contains("</Parse> closes no open element"), "{}", messages[1]);
    assert!(messages[2].contains("no <Text>"), "{}", messages[2]);
    assert!(messages[3].contains("needs sourcecode"), "{}", messages[3]);
    // The strict reader names the first of them.
    let err = parse_petrarch_xml(xml, "f.xml").expect_err("a record is skipped");
    assert_eq!((err.line(), err.to_string().contains("record B")), (Some(3), true));
}

#[test]
fn malformed_xml_keeps_the_records_before_the_break() {
    let xml = "<Sentences>\n<Sentence id=\"A\" date=\"20000101\"><Text>a</Text></Sentence>\n\
               <Sentence id=\"B\" date=\"20000102\"><Text>b</Text>\n<!-- never closed";
    let (_, gold) = parse_petrarch_xml_tolerant(xml, "f.xml");
    assert_eq!(gold.records.len(), 1);
    let skipped: Vec<_> = gold.skipped().collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!((skipped[0].line, skipped[0].record.as_deref()), (3, Some("B")));
    assert!(skipped[1].record.is_none() && skipped[1].message.contains("the rest of the file is not read"));
}

#[test]
fn deeply_nested_xml_is_refused_quickly() {
    // 300,000 levels once took the reader 17.7 s, the work growing with the square of the depth.
    let depth = 300_000;
    let xml = format!(
        "<Sentences>\n<Sentence id=\"A\" date=\"20000101\"><Text>a</Text></Sentence>\n{}{}\n</Sentences>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let err = parse_petrarch_xml(&xml, "deep.xml").expect_err("nesting past the limit is refused");
    assert_eq!(err.line(), Some(3));
    assert!(err.to_string().contains(&format!("deeper than {MAX_XML_DEPTH} levels")), "{err}");
    let (_, gold) = parse_petrarch_xml_tolerant(&xml, "deep.xml");
    assert_eq!(gold.records.len(), 1, "the record before the nesting is kept");
    // Nesting up to the limit is read.
    let inner = MAX_XML_DEPTH - 2;
    let fine = format!(
        "<Sentences><Sentence id=\"A\" date=\"20000101\"><Text>a</Text>{}{}</Sentence></Sentences>",
        "<x>".repeat(inner - 1),
        "</x>".repeat(inner - 1)
    );
    assert_eq!(parse_petrarch_xml(&fine, "fine.xml").expect("within the limit").1.len(), 1);
}

#[test]
fn plover_fields_written_as_plain_strings_are_read_leniently() {
    let json = r#"[
 {"id": "P1", "date": "2000-01-01", "event": "AGREE", "text": "Arnor agreed with Gondor.",
  "source": [{"actorText": "Arnor", "code": "ARN"}], "target": "GON", "textInfo": "(SRC: Arnor) (EVT: agreed)"},
 {"id": 2, "date": "20000102", "event": "AID", "text": "Arnor sent aid.", "context": ["humanitarian", "economic"],
  "source": {"actorText": "Arnor", "code": "ARN"}, "target": ""}
]"#;
    let gold = parse_plover_json_tolerant(json, "gsr.json");
    assert_eq!(gold.skipped().count(), 0, "{:?}", gold.problems);
    let (first, second) = (&gold.records[0], &gold.records[1]);
    assert_eq!(first.target_countries().into_iter().collect::<Vec<_>>(), ["GON"]);
    assert_eq!(first.markup.as_deref(), Some("(SRC: Arnor) (EVT: agreed)"));
    assert_eq!((second.id.as_str(), second.date), ("2", day(2000, 1, 2)));
    assert_eq!(second.context.as_deref(), Some("humanitarian, economic"));
    assert_eq!(second.source_countries().into_iter().collect::<Vec<_>>(), ["ARN"]);
    let notes: Vec<(usize, Option<&str>)> = gold.read_leniently().map(|p| (p.line, p.record.as_deref())).collect();
    // P1: target and textInfo; 2: id, date, context and source. Each note names the record's line.
    assert_eq!(notes.iter().filter(|n| **n == (2, Some("P1"))).count(), 2, "{notes:?}");
    assert_eq!(notes.iter().filter(|n| **n == (4, Some("2"))).count(), 4, "{notes:?}");
}

#[test]
fn one_bad_plover_record_is_skipped_with_its_line_and_the_rest_are_kept() {
    let json = "[\n\
        {\"id\": \"P1\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": \"a\"},\n\
        {\"id\": \"P2\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": \"b\",\n  \"target\": \"Gondor\"},\n\
        {\"id\": \"P3\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": {\"nested\": 1}},\n\
        {\"id\": \"P4\", \"event\": \"AGREE\", \"text\": \"d\"},\n\
        {\"id\": \"P5\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": \"e\"}\n]";
    let gold = parse_plover_json_tolerant(json, "gsr.json");
    assert_eq!(gold.records.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["P1", "P5"]);
    let skipped: Vec<String> = gold.skipped().map(|p| p.to_string()).collect();
    assert_eq!(
        skipped,
        [
            "gsr.json:4: record P2: target is the plain string \"Gondor\", which names no actor code (skipped)",
            "gsr.json:5: record P3: text is an object, not text (skipped)",
            "gsr.json:6: record P4: no date (skipped)",
        ]
    );
    assert!(parse_plover_json(json, "gsr.json").is_err());
}

#[test]
fn malformed_plover_json_keeps_the_records_before_the_break() {
    let json = "[\n{\"id\": \"P1\", \"date\": \"2000-01-01\", \"event\": \"AGREE\", \"text\": \"a\"},\n{\"id\": \"P2\" \"date\"}\n]";
    let gold = parse_plover_json_tolerant(json, "gsr.json");
    assert_eq!(gold.records.len(), 1);
    let skipped: Vec<_> = gold.skipped().collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].line, 3);
    assert!(skipped[0].message.starts_with("malformed JSON"), "{}", skipped[0]);
    for not_an_array in ["", "  ", "{}", "\"text\""] {
        let gold = parse_plover_json_tolerant(not_an_array, "gsr.json");
        assert!(gold.records.is_empty() && gold.problems.len() == 1, "{not_an_array:?}");
        assert_eq!(gold.problems[0].handling, Handling::Skipped);
    }
}

#[test]
fn universal_petrarch_english_gold_reads_completely() {
    let Some(path) = shared_data("news/universalpetrarch_gsr/PETR2_GSR_validation.xml") else { return };
    let (environment, gold) = read_petrarch_xml_tolerant(&path).expect("the file reads");
    assert_eq!(environment.verbs, ["CAMEO.2.0.txt"]);
    assert_eq!(environment.actors.len(), 3);
    assert_eq!(environment.agents, ["Phoenix.agents.txt"]);
    assert_eq!(gold.skipped().count(), 0, "{:?}", gold.problems);
    assert_eq!(gold.records.len(), 41);
    assert!(gold.records.iter().all(|r| r.evaluate && !r.text.is_empty()));
    // One record's date is six digits; a stray `<EventCoding...>` in the header comment is an
    // element never closed. Both are noted, neither costs a record.
    let lenient: Vec<_> = gold.read_leniently().collect();
    assert_eq!(lenient.len(), 2, "{lenient:?}");
    assert!(lenient.iter().any(|p| p.message.contains("read as YYMMDD")));
    let codings: usize = gold.records.iter().map(|r| r.expected.events().len()).sum();
    let no_events = gold.records.iter().filter(|r| r.expected == Expected::NoEvents).count();
    println!("{} records, {codings} codings, {no_events} expecting none", gold.records.len());
    assert_eq!((codings, no_events), (49, 2));
    let categories: BTreeSet<&str> = gold.records.iter().map(|r| r.category.as_str()).collect();
    assert_eq!(categories, BTreeSet::from(["AFP", "GOLD", "OTHER", "PASSIVE", "TEST", "VERB"]));
    // Every parse is CoNLL-U and reads, word for word what the text says, punctuation aside.
    for record in &gold.records {
        let parse = record.parse.as_deref().unwrap_or_else(|| panic!("{} has a parse", record.id));
        assert!(gold::conllu::looks_like_conllu(parse), "{}", record.id);
        let (tokens, syntax) = gold::syntax::record_input(parse).unwrap_or_else(|e| panic!("{}: {e}", record.id));
        assert_eq!(tokens.len(), syntax.pos.len());
        assert!(!syntax.clauses.is_empty(), "{} has a clause", record.id);
    }
    let share = language::english_share(gold.records.iter().map(|r| r.text.as_str()));
    println!("common English function words: {:.1}%", 100.0 * share);
    assert!(share >= language::ENGLISH_SHARE);
    assert_eq!(language::not_english_share(gold.records.iter().map(|r| r.text.as_str())), None);
}

#[test]
fn universal_petrarch_spanish_gold_reads_without_aborting() {
    for (name, records, not_evaluated) in [
        ("news/universalpetrarch_gsr/spanish_protest_plover_validation.xml", 396, 6),
        ("news/universalpetrarch_gsr/spanish_fight_reduced_181227_validation.xml", 147, 0),
    ] {
        let Some(path) = shared_data(name) else { continue };
        let (environment, gold) = read_petrarch_xml_tolerant(&path).expect("the file reads");
        assert!(environment.actors.iter().any(|a| a.starts_with("spanish/")), "{name}: {environment:?}");
        assert_eq!(gold.skipped().count(), 0, "{name}: {:?}", gold.problems);
        assert_eq!(gold.records.len(), records, "{name}");
        assert_eq!(gold.records.iter().filter(|r| !r.evaluate).count(), not_evaluated, "{name}");
        // Named codes (`190_use_conventional_military_force`) are read as their digits; a PLOVER
        // type covering several codes (`18/19/20`, `084-087`) stays as written.
        let codes = gold.records.iter().flat_map(|r| r.expected.events()).map(|e| e.code.as_str());
        let odd: BTreeSet<&str> = codes.filter(|c| !c.bytes().all(|b| b.is_ascii_digit())).collect();
        assert!(odd.iter().all(|c| c.bytes().all(|b| b.is_ascii_digit() || b == b'/' || b == b'-')), "{name}: {odd:?}");
        let share = language::english_share(gold.records.iter().map(|r| r.text.as_str()));
        println!("{name}: {records} records, common English function words {:.1}%", 100.0 * share);
        let texts = gold.records.iter().map(|r| r.text.as_str());
        assert_eq!(language::not_english_share(texts), Some(share), "{name} is not English");
        let unread = gold
            .records
            .iter()
            .filter(|r| r.parse.as_deref().is_some_and(|p| gold::syntax::record_input(p).is_err()))
            .count();
        assert_eq!(unread, 0, "{name}: every CoNLL-U parse reads");
    }
}

#[test]
fn the_split_is_fixed_and_halves_the_shared_files() {
    let Some(petrarch) = shared_data("validation/PETR.UnitTest.records.xml") else { return };
    let Some(plover) = shared_data("validation/PLOVER_GSR_CAMEO.json") else { return };
    let (_, unit_tests) = read_petrarch_xml_tolerant(&petrarch).expect("reads");
    let plover = read_plover_json_tolerant(&plover).expect("reads");
    let count = |ids: Vec<&str>| ids.iter().filter(|id| part_of(id) == Part::Dev).count();
    let unit_dev = count(unit_tests.records.iter().map(|r| r.id.as_str()).collect());
    let plover_dev = count(plover.records.iter().map(|r| r.id.as_str()).collect());
    println!(
        "dev: {unit_dev} of {} unit tests, {plover_dev} of {} PLOVER records",
        unit_tests.records.len(),
        plover.records.len()
    );
    // Fixed by the rule (the parity of the ids' FNV-1a hashes): a change to it moves these.
    assert_eq!((unit_dev, plover_dev), (65, 84));
    for id in unit_tests.records.iter().map(|r| r.id.as_str()) {
        let parts: BTreeSet<Part> = unit_tests.records.iter().filter(|r| r.id == id).map(|r| part_of(&r.id)).collect();
        assert_eq!(parts.len(), 1, "records sharing the id {id} share a part");
    }
}

//! The hand-coded reference sets: the reader on small inputs, text resolution against a news
//! folder made here, the scoring levels, every real-news reference against the shared data, and
//! the shipped coder's floor on the analytic paragraphs.

use std::path::{Path, PathBuf};
use tripwire_coder::gold::reference_set::{
    fnv1a64, parse_reference_set, part_of, read_reference_set, resolve_texts, score_reference_set, score_with_coder,
    CodedEvent, Level, Part, TextSource,
};
use tripwire_coder::Coder;

fn repo_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(relative)
}

fn shared_news() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/news");
    dir.is_dir().then_some(dir)
}

/// A scratch folder of its own for each test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tripwire-refset-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("wikinews")).expect("scratch folder");
        std::fs::create_dir_all(dir.join("reuters21578")).expect("scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A real-news reference line for `sentence`, found in `text`, with the right id, hash and part.
fn news_line(file: &str, key: &str, index: usize, text: &str, sentence: &str, events: &str) -> String {
    let byte_start = text.find(sentence).expect("sentence is in the text");
    let start = text[..byte_start].chars().count();
    let end = start + sentence.chars().count();
    let id = format!("{file}#{key}#{index}");
    let part = part_of(&id).name();
    let hash = format!("{:016x}", fnv1a64(sentence));
    format!(
        r#"{{"id":"{id}","file":"{file}","key":"{key}","date":"2020-01-05","sentence":{index},"start":{start},"end":{end},"hash":"{hash}","part":"{part}","events":[{events}]}}"#
    )
}

const PARAGRAPH: &str = r#"{"id":"p1","region":"Europe","kind":"de-escalating","date":"2025-01-02","sentences":["Norway hosted talks.","Both sides agreed."],"events":[{"sentence":0,"code":"043","source":"NORGOV","target":""},{"sentence":1,"code":"030","source":"SRB","target":"HRV"}]}"#;

#[test]
fn the_reader_takes_both_kinds_of_line_and_skips_bad_ones_by_line() {
    let text = "Police arrested him. Then Iran met Oman.";
    let good = news_line("wikinews/w.csv", "https://x/a", 1, text, "Then Iran met Oman.", "");
    let bad_part =
        good.replace(&format!("\"part\":\"{}\"", part_of("wikinews/w.csv#https://x/a#1").name()), "\"part\":\"nope\"");
    let bad_code = good.replace("\"events\":[]", r#""events":[{"code":"999","source":"IRN","target":"OMN"}]"#);
    let short_hash = news_line("wikinews/w.csv", "https://x/a", 0, text, "Police arrested him.", "")
        .replace(&format!("{:016x}", fnv1a64("Police arrested him.")), "abc");
    let bad_sentence = PARAGRAPH.replace("{\"sentence\":1,", "{\"sentence\":5,");
    let file = ["not json", &good, &bad_part, &bad_code, &short_hash, &good, "", &bad_sentence, PARAGRAPH].join("\n");
    let set = parse_reference_set(&file, "refs.jsonl").expect("some lines are usable");
    let skipped: Vec<(usize, String)> = set.skipped.iter().map(|e| (e.line().unwrap_or(0), e.to_string())).collect();
    let lines: Vec<usize> = skipped.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, vec![1, 3, 4, 5, 6, 8], "{skipped:?}");
    assert!(skipped.iter().all(|(_, message)| message.starts_with("refs.jsonl:")), "{skipped:?}");
    assert!(skipped[3].1.contains("16 hex digits"), "{skipped:?}");
    assert!(skipped[4].1.contains("appears twice"), "{skipped:?}");
    assert!(skipped[5].1.contains("sentence 5 of 2"), "{skipped:?}");
    // The good reference, then the paragraph's two sentences, read after the bad lines.
    assert_eq!(set.sentences.len(), 3);
    assert_eq!(set.articles.len(), 2);
    let paragraph = &set.articles[1];
    assert_eq!(paragraph.source, TextSource::Own);
    assert_eq!(paragraph.text.as_deref(), Some("Norway hosted talks. Both sides agreed."));
    assert_eq!(set.text_of(&set.sentences[2]), Some("Both sides agreed."));
    assert_eq!(set.sentences[2].events.len(), 1);
    assert_eq!(set.sentences[2].events[0].target, "HRV");
    assert!(!set.sentences[0].resolved, "shared text is not read until resolved");
}

#[test]
fn a_file_with_nothing_usable_is_an_error_naming_it() {
    let empty = parse_reference_set("", "empty.jsonl").expect_err("empty file");
    assert!(empty.to_string().starts_with("empty.jsonl:1: no records"), "{empty}");
    let junk = parse_reference_set("{\"x\":1}\n[]\n", "junk.jsonl").expect_err("nothing usable");
    assert!(junk.to_string().contains("no usable records"), "{junk}");
    let scratch = Scratch::new("utf8");
    let path = scratch.0.join("bad.jsonl");
    std::fs::write(&path, b"{}\n\xff\xfe\n").expect("write");
    let error = read_reference_set(&path).expect_err("not UTF-8");
    assert_eq!(error.line(), Some(2), "{error}");
}

#[test]
fn texts_resolve_from_csv_and_sgml_and_drift_is_reported_by_line() {
    let scratch = Scratch::new("resolve");
    let wiki_text = "Friday, January 3, 2020\u{a0}\n\nErdoğan met Putin in Sochi. They agreed.";
    let csv = format!("url,date,title,text\nhttps://w/a,2020-01-03,T,\"{wiki_text}\"\nhttps://w/b,2020-01-03,U,\"Other, \"\"quoted\"\".\"\n");
    std::fs::write(scratch.0.join("wikinews/w.csv"), csv).expect("write csv");
    let body = "Iran and Iraq \u{e9}changed fire.\n Reuter\n&#3;";
    let sgml: Vec<u8> = format!("<REUTERS NEWID=\"12\"><TEXT><BODY>{body}</BODY></TEXT></REUTERS>\n")
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    std::fs::write(scratch.0.join("reuters21578/r.sgm"), sgml).expect("write sgml");
    let lines = [
        news_line("wikinews/w.csv", "https://w/a", 0, wiki_text, "Erdoğan met Putin in Sochi.", ""),
        // The text behind this span has "changed": its stored hash is another sentence's.
        with_hash(&news_line("wikinews/w.csv", "https://w/a", 1, wiki_text, "They agreed.", ""), "ffffffffffffffff"),
        news_line("reuters21578/r.sgm", "12", 0, body, "Iran and Iraq \u{e9}changed fire.", ""),
        news_line("wikinews/w.csv", "https://w/missing", 0, wiki_text, "They agreed.", ""),
        news_line("wikinews/gone.csv", "https://w/a", 0, wiki_text, "They agreed.", ""),
    ];
    let mut set = parse_reference_set(&lines.join("\n"), "refs.jsonl").expect("readable");
    assert!(set.skipped.is_empty(), "{:?}", set.skipped);
    let errors = resolve_texts(&mut set, &scratch.0);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(errors.len(), 4, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("gone.csv")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("refs.jsonl:2:") && m.contains("no longer matches")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("refs.jsonl:4:") && m.contains("not found")), "{messages:?}");
    assert!(messages.iter().any(|m| m.starts_with("refs.jsonl:5:")), "{messages:?}");
    let resolved: Vec<bool> = set.sentences.iter().map(|s| s.resolved).collect();
    assert_eq!(resolved, vec![true, false, true, false, false]);
    assert_eq!(set.text_of(&set.sentences[0]), Some("Erdoğan met Putin in Sochi."));
    assert_eq!(set.text_of(&set.sentences[2]), Some("Iran and Iraq \u{e9}changed fire."));
}

/// The line with its hash field replaced.
fn with_hash(line: &str, hash: &str) -> String {
    let start = line.find("\"hash\":\"").expect("hash field") + 8;
    let end = start + line[start..].find('"').expect("hash ends");
    format!("{}{hash}{}", &line[..start], &line[end..])
}

#[test]
fn scoring_gives_each_event_to_its_sentence_and_counts_three_levels() {
    let file = r#"{"id":"p","region":"x","kind":"y","date":"2025-01-02","sentences":["Iran's minister met the American envoy.","Oman praised both."],"events":[{"sentence":0,"code":"042","source":"IRNGOV","target":"USAGOV"},{"sentence":1,"code":"051","source":"OMNGOV","target":"IRNGOV"}]}"#;
    let set = parse_reference_set(file, "p.jsonl").expect("readable");
    // Sentence 0 spans characters 0..39, sentence 1 40..58.
    let report = score_reference_set(&set, |_| {
        vec![
            // Right root and countries, wrong full code and actor: counts only at the first level.
            CodedEvent { code: "040".into(), source: "IRN".into(), target: "USAGOV".into(), span: [0, 20] },
            // Fully right, in sentence 1 (overlaps it most).
            CodedEvent { code: "051".into(), source: "OMNGOV".into(), target: "IRNGOV".into(), span: [38, 50] },
            // Outside every sentence: not scored.
            CodedEvent { code: "190".into(), source: "ISR".into(), target: "IRN".into(), span: [70, 80] },
        ]
    });
    assert_eq!(report.sentences, 2);
    let root = report.level(Level::RootCountry).expect("level");
    assert_eq!((root.totals.true_positives, root.totals.predicted, root.totals.expected), (2, 2, 2));
    let code = report.level(Level::CodeCountry).expect("level");
    assert_eq!((code.totals.true_positives, code.totals.precision), (1, 0.5));
    let actor = report.level(Level::CodeActor).expect("level");
    assert_eq!(actor.totals.true_positives, 1);
    assert_eq!(actor.failures.len(), 1);
    assert_eq!(actor.failures[0].id, "analytic:p#0");
    let all = report.parts.iter().find(|p| p.part == "all").expect("all");
    assert_eq!((all.gold_events, all.coded_events, all.gold_per_sentence), (2, 2, 1.0));
    let failures = report.render_failures(Level::CodeActor);
    assert!(failures.contains("text: Iran's minister met the American envoy."), "{failures}");
    assert!(
        failures.contains("missed:   IRNGOV 042 USAGOV") && failures.contains("spurious: IRN 040 USAGOV"),
        "{failures}"
    );
    let parts: Vec<&str> = root.categories.keys().map(String::as_str).collect();
    let expected: Vec<&str> = {
        let mut p = vec![part_of("analytic:p#0").name(), part_of("analytic:p#1").name()];
        p.sort();
        p.dedup();
        p
    };
    assert_eq!(parts, expected);
}

#[test]
fn every_real_news_reference_resolves_in_the_shared_data() {
    let Some(news) = shared_news() else {
        eprintln!("skipping: ../shared/data/news is not beside the checkout");
        return;
    };
    let mut set = read_reference_set(&repo_file("data/eval/realnews.jsonl")).expect("the real-news set reads");
    assert!(set.skipped.is_empty(), "{:?}", set.skipped);
    let errors = resolve_texts(&mut set, &news);
    assert!(errors.is_empty(), "{}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"));
    assert!(set.sentences.len() >= 250, "{} sentences", set.sentences.len());
    assert!(set.sentences.iter().all(|s| s.resolved));
    for part in [Part::Dev, Part::Test] {
        let chosen: Vec<_> = set.sentences.iter().filter(|s| s.part == part).collect();
        assert!(chosen.len() >= 100, "{} has {} sentences", part.name(), chosen.len());
        assert!(chosen.iter().any(|s| s.events.is_empty()), "{} has no sentence without events", part.name());
        assert!(
            chosen.iter().filter(|s| !s.events.is_empty()).count() >= 40,
            "{} has few coded sentences",
            part.name()
        );
    }
    let files: std::collections::BTreeSet<String> = set
        .articles
        .iter()
        .filter_map(|a| match &a.source {
            TextSource::Shared { file, .. } => Some(file.clone()),
            TextSource::Own => None,
        })
        .collect();
    assert!(files.iter().any(|f| f.starts_with("wikinews/")) && files.iter().any(|f| f.starts_with("reuters21578/")));
}

fn shipped_coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

/// The bar is that the analytic paragraphs code as written down (precision ≥ 0.80 and recall
/// ≥ 0.60 at root + country dyad, and the full codes close behind). These floors are the shipped
/// coder's figures when the set was written; raise them as the coder improves.
#[test]
fn the_shipped_coder_holds_its_floor_on_the_analytic_paragraphs() {
    let path = repo_file("data/eval/analytic.jsonl");
    let set = read_reference_set(&path).expect("the analytic set reads");
    assert!(set.skipped.is_empty(), "{:?}", set.skipped);
    assert!(set.articles.len() >= 12, "{} paragraphs", set.articles.len());
    assert!(!set.needs_shared_text(), "the analytic paragraphs carry their own text");
    let report = score_with_coder(&set, &shipped_coder());
    let root = &report.level(Level::RootCountry).expect("level").totals;
    let code = &report.level(Level::CodeCountry).expect("level").totals;
    let table = report.render_table();
    assert!(root.precision >= 0.60, "root + country precision fell below its floor:\n{table}");
    assert!(root.recall >= 0.50, "root + country recall fell below its floor:\n{table}");
    assert!(code.f1 >= 0.43, "full code + country F1 fell below its floor:\n{table}");
}

#[test]
fn the_reference_files_in_the_repository_hold_no_shared_text() {
    // The real-news set must be references only: no line may carry a text field.
    let text = std::fs::read_to_string(repo_file("data/eval/realnews.jsonl")).expect("readable");
    assert!(text.lines().all(|line| !line.contains("\"text\"") && !line.contains("\"sentences\"")));
    assert!(Path::new(&repo_file("data/eval/README.md")).is_file());
}

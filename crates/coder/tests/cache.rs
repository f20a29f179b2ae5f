//! The compiled-dictionary cache: a coder started from the cache codes exactly as one that
//! compiled its dictionaries, and a damaged or foreign cache file is passed over.

use std::path::PathBuf;
use tripwire_coder::cache::{LexiconCache, SourceKey, Start};
use tripwire_coder::{evaluate, gold, Article, Coder, Event, Lexicon};
use tripwire_dictionaries::petrarch::{load_set, PetrarchFiles};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped_key() -> SourceKey {
    let mut key = SourceKey::builder();
    for (name, text) in tripwire_dictionaries::native::shipped_files() {
        key = key.file(name, text.as_bytes());
    }
    key.finish()
}

fn compile_shipped() -> Result<Lexicon, tripwire_coder::CoderError> {
    Coder::compile(tripwire_dictionaries::native::shipped().expect("shipped dictionaries load"))
}

fn never_compiled() -> Result<Lexicon, tripwire_coder::CoderError> {
    panic!("the cache should have been read")
}

fn example_articles() -> Vec<Article> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example articles");
    files
        .iter()
        .flat_map(|f| std::fs::read_to_string(f).expect("example reads").lines().map(String::from).collect::<Vec<_>>())
        .map(|line| serde_json::from_str(&line).expect("valid article"))
        .collect()
}

fn code_all(lexicon: Lexicon, articles: &[Article]) -> Vec<Vec<Event>> {
    let coder = Coder::from_lexicon(lexicon, Some(tripwire_gazetteer::Gazetteer::shipped().expect("gazetteer")));
    articles.iter().map(|a| coder.code_article(a).expect("codes")).collect()
}

#[test]
fn cached_start_codes_the_examples_as_a_cold_start() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let cache = LexiconCache::in_dir(folder.path());
    let (cold, start) = cache.lexicon(shipped_key(), compile_shipped).expect("compiles");
    assert_eq!(start, Start::Compiled { stored: true, problem: None });
    assert!(cache.path_for(shipped_key()).is_file());
    let (warm, start) = cache.lexicon(shipped_key(), never_compiled).expect("reads");
    assert_eq!(start, Start::Cached);

    let articles = example_articles();
    let (cold_events, warm_events) = (code_all(cold, &articles), code_all(warm, &articles));
    assert!(cold_events.iter().map(Vec::len).sum::<usize>() > 10, "the examples code to events");
    assert_eq!(cold_events, warm_events);
}

#[test]
fn cached_start_codes_the_petrarch_records_as_a_cold_start() {
    let shared = root().join("../shared/data");
    let records_path = shared.join("validation/PETR.UnitTest.records.xml");
    if !records_path.exists() {
        eprintln!("skipping: {} not found", records_path.display());
        return;
    }
    let (environment, records) = gold::read_petrarch_xml(&records_path).expect("records read");
    let files = PetrarchFiles {
        verbs: environment.verbs.clone(),
        actors: environment.actors.clone(),
        agents: environment.agents.clone(),
        discards: environment.discards.clone(),
        issues: Vec::new(),
    };
    let compile = || Coder::compile(load_set(&shared.join("cameo"), &files).expect("validation dictionaries load"));
    let key = SourceKey::builder().file("validation set", records_path.to_string_lossy().as_bytes()).finish();
    let folder = tempfile::tempdir().expect("temporary folder");
    let cache = LexiconCache::in_dir(folder.path());
    let (cold, _) = cache.lexicon(key, compile).expect("compiles");
    let (warm, start) = cache.lexicon(key, compile).expect("reads");
    assert_eq!(start, Start::Cached);
    let code = |lexicon| {
        let coder = Coder::from_lexicon(lexicon, None).require_dyad(true).read_modality(false);
        (
            evaluate::code_petrarch_records(&coder, &records, false),
            evaluate::code_petrarch_records(&coder, &records, true),
        )
    };
    let (cold_coded, warm_coded) = (code(cold), code(warm));
    assert_eq!(cold_coded.0.scored.len(), records.len());
    assert_eq!(cold_coded, warm_coded);
}

/// Writes a good cache file, damages it with `damage`, and checks the next start compiles.
fn damaged_file_is_passed_over(damage: impl FnOnce(&mut Vec<u8>)) -> Option<String> {
    let folder = tempfile::tempdir().expect("temporary folder");
    let cache = LexiconCache::in_dir(folder.path());
    let key = shipped_key();
    cache.lexicon(key, compile_shipped).expect("compiles");
    let path = cache.path_for(key);
    let mut bytes = std::fs::read(&path).expect("cache file");
    damage(&mut bytes);
    std::fs::write(&path, &bytes).expect("rewrite");
    let mut compiled = false;
    let (lexicon, start) = cache
        .lexicon(key, || {
            compiled = true;
            compile_shipped()
        })
        .expect("compiles instead");
    assert!(compiled, "a damaged cache must not be used");
    let articles = example_articles();
    assert_eq!(code_all(lexicon, &articles), code_all(compile_shipped().expect("compiles"), &articles));
    // The damaged file was replaced by a sound one.
    assert_eq!(cache.lexicon(key, never_compiled).expect("reads").1, Start::Cached);
    match start {
        Start::Compiled { stored: true, problem } => problem,
        other => panic!("unexpected start {other:?}"),
    }
}

#[test]
fn a_flipped_byte_is_passed_over() {
    let problem = damaged_file_is_passed_over(|bytes| {
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x5a;
    });
    assert!(problem.is_some_and(|p| p.contains("checksum")));
}

#[test]
fn a_truncated_file_is_passed_over() {
    for keep in [0usize, 10, 40, 100_000] {
        let problem = damaged_file_is_passed_over(|bytes| bytes.truncate(keep.min(bytes.len() - 1)));
        assert!(problem.is_some_and(|p| p.contains("truncated")), "kept {keep} bytes");
    }
}

#[test]
fn a_file_of_other_dictionaries_is_passed_over() {
    let problem = damaged_file_is_passed_over(|bytes| bytes[20] ^= 1);
    assert!(problem.is_some_and(|p| p.contains("other dictionaries")));
}

#[test]
fn keys_follow_names_and_bytes() {
    let key = |name: &str, bytes: &[u8]| SourceKey::builder().file(name, bytes).finish();
    assert_eq!(key("a.twd", b"x"), key("a.twd", b"x"));
    assert_ne!(key("a.twd", b"x"), key("a.twd", b"y"));
    assert_ne!(key("a.twd", b"x"), key("b.twd", b"x"));
    // Boundaries count: ("ab", "") is not ("a", "b").
    assert_ne!(SourceKey::builder().file("ab", b"").finish(), SourceKey::builder().file("a", b"b").finish());
}

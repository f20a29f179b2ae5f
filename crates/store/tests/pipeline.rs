//! The ingest pipeline as a library: articles from `tripwire_sources` coded and stored in
//! batches on two threads, bad records reported and skipped, re-runs idempotent.

use std::sync::Mutex;
use tripwire_coder::{Article, Coder};
use tripwire_sources::{parse_date, SourceError};
use tripwire_store::pipeline::{ingest_articles, PipelineOptions, Progress};
use tripwire_store::Store;

fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

fn article(id: &str, text: &str) -> Article {
    Article { id: id.into(), date: parse_date("2026-02-06"), text: text.into(), ..Article::default() }
}

/// Seven articles, a bad record, an unreadable input and one article the coder refuses (no date).
fn inputs() -> Vec<Result<Article, SourceError>> {
    let texts = [
        "Iran accused the United States of sabotage.",
        "The United States criticized Iran over its missile tests.",
        "Russia met with China in Beijing.",
        "India threatened Pakistan with sanctions.",
        "Egypt praised Sudan for the ceasefire.",
        "Israel imposed new sanctions on Iran.",
        "Ukraine accused Russia of shelling Kharkiv.",
    ];
    let mut inputs: Vec<Result<Article, SourceError>> =
        texts.iter().enumerate().map(|(i, t)| Ok(article(&format!("a{i}"), t))).collect();
    inputs
        .insert(2, Err(SourceError::Record { name: "in.jsonl".into(), line: 3, message: "not a JSON article".into() }));
    inputs.insert(4, Err(SourceError::Empty { name: "empty.txt".into() }));
    inputs.push(Ok(Article { date: None, ..article("undated", "Iran criticized Israel.") }));
    inputs
}

#[test]
fn the_pipeline_codes_and_stores_in_batches_reports_skips_and_is_idempotent() {
    let dir = std::env::temp_dir().join(format!("tripwire-pipeline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("events.db");
    let coder = coder();
    let options = PipelineOptions { batch_size: 3 };
    let skipped = Mutex::new(Vec::new());
    let commits = Mutex::new(Vec::new());
    let progress = |event: Progress<'_>| match event {
        Progress::Skipped(skip) => skipped.lock().expect("lock").push(skip.to_string()),
        Progress::Committed(totals) => commits.lock().expect("lock").push(totals.articles_stored),
    };

    let mut store = Store::open(&db).expect("store opens");
    let report = ingest_articles(&mut store, &coder, inputs(), &options, &progress).expect("ingests");
    assert_eq!(report.articles_read, 9, "seven good, one bad record, one the coder refuses");
    assert_eq!(report.articles_rejected, 2);
    assert_eq!(report.inputs_skipped, 1);
    assert_eq!(report.usable(), 7);
    assert_eq!(report.stored.articles_stored, 7);
    assert!(report.stored.events_stored >= 5, "{report:?}");
    assert_eq!(*commits.lock().expect("lock"), [3, 6, 7], "batches of three, committed in order");
    let skipped = std::mem::take(&mut *skipped.lock().expect("lock"));
    assert_eq!(skipped.len(), 3);
    assert_eq!(skipped[0], "in.jsonl:3: not a JSON article");
    assert_eq!(skipped[1], "empty.txt: empty input");
    assert!(skipped[2].contains("article undated: no date"), "{}", skipped[2]);
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles, 7);
    assert_eq!(counts.events, report.stored.events_stored);

    // Again: every article is found stored before coding; nothing is stored twice.
    let again = ingest_articles(&mut store, &coder, inputs(), &options, &progress).expect("ingests");
    assert_eq!(again.already_stored, 7);
    assert_eq!(again.stored.articles_stored, 0);
    assert_eq!(store.counts().expect("counts"), counts);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_store_in_memory_skips_duplicates_itself() {
    let coder = coder();
    let mut store = Store::open_in_memory().expect("store");
    let twice = vec![
        Ok(article("x", "Iran accused the United States of sabotage.")),
        Ok(article("y", "Iran  accused the united states of sabotage.")),
    ];
    let report = ingest_articles(&mut store, &coder, twice, &PipelineOptions::default(), &|_| {}).expect("ingests");
    assert_eq!(report.stored.articles_stored, 1);
    assert_eq!(report.duplicates(), 1, "the same text under another id is the same article");
}

//! What goes out of a store comes back in whole: every export format, imported into a fresh
//! store, gives back every event; and imported rows are identified by what they are, not by the
//! name of the file they came in.

use chrono::NaiveDate;
use std::path::Path;
use tripwire_coder::Article;
use tripwire_store::export::gdelt::{self, GdeltOptions};
use tripwire_store::export::jsonl;
use tripwire_store::import::{import_path, import_reader, Format};
use tripwire_store::query::{EventFilter, View};
use tripwire_store::{EventRecord, ImportStats, LocationRecord, Origin, Store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
}

fn coded(article: &Article, sentence: u32, span: [u32; 2], source: &str, target: &str, code: &str) -> EventRecord {
    EventRecord {
        origin: Origin::Tripwire,
        article_id: article.id.clone(),
        sentence_index: Some(sentence),
        span: Some(span),
        sentence: Some(article.text.clone()),
        date: article.date.unwrap(),
        source_code: source.to_string(),
        target_code: target.to_string(),
        source_country: tripwire_store::record::country_of_code(source),
        target_country: tripwire_store::record::country_of_code(target),
        source_text: Some(format!("{source} words")),
        target_text: Some(format!("{target} words")),
        event_code: code.to_string(),
        event_root: code[..2].to_string(),
        goldstein: Some(-2.0),
        quad_class: Some(3),
        plover_event: Some("DEMAND".to_string()),
        location: Some(LocationRecord {
            name: "Srinagar".to_string(),
            country: "IND".to_string(),
            lat: Some(34.08),
            lon: Some(74.8),
            precision: "city".to_string(),
            geonames_id: Some(1_255_634),
        }),
        outlet: Some(article.source.clone()),
        url: Some(article.url.clone()),
        issues: vec!["border".to_string()],
        matched: Some(serde_json::json!({"verb": "URGE"})),
    }
}

fn article(id: &str, d: u32, text: &str) -> Article {
    Article {
        id: id.to_string(),
        date: Some(day(d)),
        source: "wire".to_string(),
        url: format!("https://wire.example/{id}"),
        title: String::new(),
        text: text.to_string(),
    }
}

/// A store whose events include one span coded twice with the actors swapped ("the UN urged
/// India and Pakistan": IGO→IND and IGO→PAK share a span; "A met B" gives A→B and B→A), and
/// imported rows.
fn mixed_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let urged = article("un-urges", 3, "The UN urged India and Pakistan to show restraint.");
    let met = article("envoys-meet", 4, "Indian and Pakistani envoys met in Geneva.");
    let batch = vec![
        (
            urged.clone(),
            vec![
                coded(&urged, 0, [8, 13], "IGOUNO", "IND", "0251"),
                coded(&urged, 0, [8, 13], "IGOUNO", "PAK", "0251"),
            ],
        ),
        (
            met.clone(),
            vec![
                coded(&met, 0, [32, 35], "INDGOV", "PAKGOV", "040"),
                coded(&met, 0, [32, 35], "PAKGOV", "INDGOV", "040"),
            ],
        ),
    ];
    store.ingest(&batch).unwrap();
    let mut imported = coded(&met, 0, [0, 1], "RUSMIL", "UKRMIL", "190");
    imported.origin = Origin::Gdelt2;
    imported.article_id = "1187654321".to_string();
    (imported.sentence_index, imported.span, imported.sentence, imported.matched) = (None, None, None, None);
    imported.issues.clear();
    store.insert_imported([imported]).unwrap();
    store
}

fn mentions(store: &Store) -> Vec<EventRecord> {
    store.events(&EventFilter::default(), View::Mentions).unwrap().into_iter().map(|e| e.record).collect()
}

/// Imports `bytes` (in `format`) into a fresh store through a bulk loader.
fn import_into_fresh(bytes: &[u8], format: Format) -> (Store, ImportStats) {
    let mut store = Store::open_in_memory().unwrap();
    let stats = {
        let mut loader = store.loader().unwrap();
        let mut sink = |record| loader.push(record).map_err(Into::into);
        let report = import_reader(bytes, "export", Some(format), &mut sink).unwrap();
        assert_eq!(report.rejected, 0, "{:?}", report.rejections);
        loader.finish().unwrap()
    };
    (store, stats)
}

fn sorted(mut records: Vec<EventRecord>) -> Vec<EventRecord> {
    records.sort_by(|a, b| {
        (&a.article_id, a.span, &a.source_code, &a.target_code).cmp(&(
            &b.article_id,
            b.span,
            &b.source_code,
            &b.target_code,
        ))
    });
    records
}

#[test]
fn json_lines_export_then_import_keeps_both_events_of_one_span() {
    let store = mixed_store();
    let stored = mentions(&store);
    assert_eq!(stored.len(), 5);
    let mut bytes = Vec::new();
    jsonl::write(&mut bytes, stored.clone()).unwrap();
    let (again, stats) = import_into_fresh(&bytes, Format::Jsonl);
    assert_eq!(stats, ImportStats { inserted: 5, already_present: 0 });
    assert_eq!(sorted(mentions(&again)), sorted(stored));
    // Importing the export into the store it came from adds nothing.
    let mut store = store;
    let mut sink_records = Vec::new();
    import_reader(&bytes[..], "export", Some(Format::Jsonl), &mut |r| {
        sink_records.push(r);
        Ok(())
    })
    .unwrap();
    assert_eq!(store.insert_imported(sink_records).unwrap(), ImportStats { inserted: 0, already_present: 5 });
}

#[test]
fn gdelt_export_then_import_gives_back_every_event() {
    let store = mixed_store();
    let stored = sorted(mentions(&store));
    let mut bytes = Vec::new();
    gdelt::write(&mut bytes, stored.clone(), GdeltOptions { header: true }).unwrap();
    let (again, stats) = import_into_fresh(&bytes, Format::Gdelt2);
    assert_eq!(stats.inserted, 5);
    // What GDELT's columns carry comes back on every event (they have no place for a GeoNames id).
    let carried = |r: &EventRecord| {
        let place = r.location.clone().map(|l| LocationRecord { geonames_id: None, ..l });
        (r.date, r.source_code.clone(), r.target_code.clone(), r.event_code.clone(), r.url.clone(), place)
    };
    let mut want: Vec<_> = stored.iter().map(carried).collect();
    let mut got: Vec<_> = mentions(&again).iter().map(carried).collect();
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    got.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(got, want);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_then_import_gives_back_every_event() {
    use tripwire_store::export::parquet::{read_partitioned, write_partitioned};
    let store = mixed_store();
    let stored = mentions(&store);
    let dir = tempfile::tempdir().unwrap();
    write_partitioned(&dir.path().join("events"), stored.clone()).unwrap();
    let read = read_partitioned(&dir.path().join("events")).unwrap();
    let mut again = Store::open_in_memory().unwrap();
    assert_eq!(again.insert_imported(read).unwrap(), ImportStats { inserted: 5, already_present: 0 });
    assert_eq!(sorted(mentions(&again)), sorted(stored));
}

/// ICEWS rows in the `date source event target` layout, written for these tests.
const ICEWS_A: &str = "date\tsource\tevent\ttarget
2016-02-01\tIran\tConsult\tOman
2016-02-01\tOman\tHost a visit\tIran
2016-02-02\tPolice (India)\tArrest, detain, or charge with legal action\tProtester (India)
";
const ICEWS_B: &str = "date\tsource\tevent\ttarget
2016-03-05\tUkraine\tAccuse\tRussia
2016-03-05\tRussia\tReject\tUkraine
2016-03-06\tUnited Nations\tMake an appeal or request\tUkraine
";

fn import_files(store: &mut Store, files: &[&Path]) -> Vec<ImportStats> {
    let mut loader = store.loader().unwrap();
    let mut per_file = Vec::new();
    for file in files {
        let mut sink = |record| loader.push(record).map_err(Into::into);
        import_path(file, None, &mut sink).unwrap();
        per_file.push(loader.flush().unwrap());
    }
    loader.finish().unwrap();
    per_file
}

#[test]
fn icews_files_with_one_name_in_two_folders_keep_every_row() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [("a", ICEWS_A), ("b", ICEWS_B)] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("events.tsv"), text).unwrap();
    }
    let mut store = Store::open_in_memory().unwrap();
    let stats = import_files(&mut store, &[&dir.path().join("a/events.tsv"), &dir.path().join("b/events.tsv")]);
    assert_eq!(stats[1], ImportStats { inserted: 3, already_present: 0 });
    assert_eq!(store.counts().unwrap().events, 6);
}

#[test]
fn a_renamed_copy_of_an_icews_file_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let (original, copy) = (dir.path().join("icews.tsv"), dir.path().join("copy of icews.tsv"));
    std::fs::write(&original, ICEWS_A).unwrap();
    // The copy lost its header and gained a blank line: still the same rows.
    std::fs::write(&copy, ICEWS_A.replacen("date\tsource\tevent\ttarget\n", "\n", 1)).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let stats = import_files(&mut store, &[&original, &copy]);
    assert_eq!(stats[0].inserted, 3);
    assert_eq!(stats[1], ImportStats { inserted: 0, already_present: 3 });
    assert_eq!(store.counts().unwrap().events, 3);
}

#[test]
fn repeated_rows_of_one_icews_file_are_each_kept_and_found_again() {
    let dir = tempfile::tempdir().unwrap();
    let twice = format!("{ICEWS_A}2016-02-01\tIran\tConsult\tOman\n");
    let path = dir.path().join("twice.tsv");
    std::fs::write(&path, &twice).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let stats = import_files(&mut store, &[&path, &path]);
    assert_eq!(stats[0].inserted, 4, "the same row twice in a file is two events");
    assert_eq!(stats[1].already_present, 4);
    let ids: Vec<String> = mentions(&store).into_iter().map(|r| r.article_id).collect();
    assert!(ids.iter().all(|id| id.starts_with("content:")), "{ids:?}");
    assert_eq!(ids.iter().filter(|id| id.ends_with(":2")).count(), 1, "{ids:?}");
}

/// A GDELT-like imported row with id `n`.
fn gdelt_row(n: u64) -> EventRecord {
    EventRecord {
        origin: Origin::Gdelt2,
        article_id: n.to_string(),
        sentence_index: None,
        span: None,
        sentence: None,
        date: day(1 + (n % 28) as u32),
        source_code: "USAGOV".to_string(),
        target_code: "CHNGOV".to_string(),
        source_country: Some("USA".to_string()),
        target_country: Some("CHN".to_string()),
        source_text: None,
        target_text: None,
        event_code: "042".to_string(),
        event_root: "04".to_string(),
        goldstein: Some(1.9),
        quad_class: Some(1),
        plover_event: None,
        location: None,
        outlet: None,
        url: None,
        issues: Vec::new(),
        matched: None,
    }
}

fn index_names(store: &Store) -> Vec<String> {
    let mut stmt = store
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    let names = stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<Vec<String>, _>>().unwrap();
    names
}

#[test]
fn a_bulk_load_defers_the_query_indexes_and_builds_them_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bulk.db");
    let mut store = Store::open(&path).unwrap();
    let before = index_names(&store);
    let rows = tripwire_store::bulk_load::DEFER_AFTER_ROWS + 20_000;
    let mut loader = store.loader().unwrap();
    for n in 0..rows {
        loader.push(gdelt_row(n)).unwrap();
        // Twice the same dataset id: stored once, deferred indexes or not.
        if n % 1000 == 0 {
            loader.push(gdelt_row(n)).unwrap();
        }
    }
    let mut stats = loader.flush().unwrap();
    assert!(loader.is_deferring());
    stats += loader.finish().unwrap();
    assert_eq!(stats, ImportStats { inserted: rows, already_present: rows.div_ceil(1000) });
    assert_eq!(index_names(&store), before);
    assert_eq!(store.counts().unwrap().events, rows);
    let left: i64 = store.connection().query_row("SELECT COUNT(*) FROM deferred_indexes", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn indexes_a_dead_bulk_load_deferred_are_built_when_the_store_is_next_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dead.db");
    let mut store = Store::open(&path).unwrap();
    let before = index_names(&store);
    let mut loader = store.loader().unwrap();
    for n in 0..tripwire_store::bulk_load::DEFER_AFTER_ROWS + 1 {
        loader.push(gdelt_row(n)).unwrap();
    }
    loader.flush().unwrap();
    assert!(loader.is_deferring());
    // The process dies here: nothing of the loader's own clean-up runs.
    std::mem::forget(loader);
    assert!(index_names(&store).len() < before.len());
    store.connection().execute("UPDATE deferred_indexes SET heartbeat = heartbeat - 3600", []).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(index_names(&store), before);
    let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

//! Several writers on one store at once (threads with their own connections, as separate
//! processes would have): every writer waits its turn, and what they store together is exact —
//! articles, events, and each deduplicated event's mentions and outlets.

use chrono::NaiveDate;
use std::path::Path;
use std::sync::{Arc, Barrier};
use tripwire_coder::Article;
use tripwire_store::{EventRecord, Origin, Store};

fn article(id: String, date: NaiveDate, outlet: &str, text: String) -> Article {
    Article {
        url: format!("https://{outlet}.example/{id}"),
        id,
        date: Some(date),
        source: outlet.to_string(),
        title: String::new(),
        text,
    }
}

/// A coded event of `article` between two countries, its sentence the article's text.
fn event(article: &Article, index: u32, source: &str, target: &str, code: &str) -> EventRecord {
    EventRecord {
        origin: Origin::Tripwire,
        article_id: article.id.clone(),
        sentence_index: Some(index),
        span: Some([0, 40]),
        sentence: Some(article.text.clone()),
        date: article.date.unwrap_or_default(),
        source_code: source.to_string(),
        target_code: target.to_string(),
        source_country: tripwire_store::record::country_of_code(source),
        target_country: tripwire_store::record::country_of_code(target),
        source_text: None,
        target_text: None,
        event_code: code.to_string(),
        event_root: code[..2].to_string(),
        goldstein: Some(1.0),
        quad_class: Some(1),
        plover_event: None,
        location: None,
        outlet: Some(article.source.clone()),
        url: Some(article.url.clone()),
        issues: Vec::new(),
        matched: None,
    }
}

const DYADS: [(&str, &str); 6] = [
    ("IRNGOV", "USAGOV"),
    ("RUSMIL", "UKRMIL"),
    ("CHNGOV", "TWNGOV"),
    ("ISRMIL", "PSEREB"),
    ("INDGOV", "PAKGOV"),
    ("GEOOPP", "GEOGOV"),
];

/// `count` articles by `outlet`, each re-reporting one of a few dozen stories in the outlet's
/// own words: two outlets' articles join the same clusters.
fn reports(outlet: &str, count: usize) -> Vec<(Article, Vec<EventRecord>)> {
    (0..count)
        .map(|n| {
            let story = n % 40;
            let (source, target) = DYADS[story % DYADS.len()];
            let date = NaiveDate::from_ymd_opt(2026, 3, 1 + (story / 8) as u32).unwrap_or_default();
            let text = format!(
                "{outlet} report {n}: officials of {source} and {target} held talks about the crossing number {story} \
                 near the river {story} valley"
            );
            let a = article(format!("{outlet}-{n}"), date, outlet, text);
            let events = vec![event(&a, 0, source, target, "040"), event(&a, 0, target, source, "040")];
            (a, events)
        })
        .collect()
}

fn one(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// What must hold however the writers interleaved: each cluster's mentions are the events that
/// point at it, its outlets those events' outlets, its representative one of them.
fn assert_clusters_exact(store: &Store) {
    let wrong_mentions = one(
        store,
        "SELECT COUNT(*) FROM clusters c
         WHERE c.mentions <> (SELECT COUNT(*) FROM events e WHERE e.cluster_id = c.id)",
    );
    let total = one(store, "SELECT COUNT(*) FROM clusters");
    assert_eq!(wrong_mentions, 0, "{wrong_mentions} of {total} clusters have wrong mentions");
    let wrong_outlets = one(
        store,
        "SELECT COUNT(*) FROM clusters c
         WHERE json_array_length(c.outlets) <>
               (SELECT COUNT(DISTINCT e.outlet) FROM events e WHERE e.cluster_id = c.id)",
    );
    assert_eq!(wrong_outlets, 0, "{wrong_outlets} of {total} clusters have wrong outlets");
    let orphans = one(
        store,
        "SELECT COUNT(*) FROM clusters c
         WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = c.representative AND e.cluster_id = c.id)",
    );
    assert_eq!(orphans, 0, "clusters whose representative is not their own event");
    let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

fn ingest_in_batches(path: &Path, corpus: &[(Article, Vec<EventRecord>)], start: &Barrier) {
    let mut store = Store::open(path).unwrap();
    start.wait();
    for batch in corpus.chunks(10) {
        store.ingest(batch).unwrap();
        // The coder's time between batches: the other writer's transaction runs meanwhile.
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
}

#[test]
fn two_ingests_at_once_give_exact_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    Store::open(&path).unwrap();
    let wire = Arc::new(reports("wire", 300));
    let daily = Arc::new(reports("daily", 300));
    let start = Arc::new(Barrier::new(2));
    let writers: Vec<_> = [wire.clone(), daily.clone()]
        .into_iter()
        .map(|corpus| {
            let (path, start) = (path.clone(), start.clone());
            std::thread::spawn(move || ingest_in_batches(&path, &corpus, &start))
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let store = Store::open(&path).unwrap();
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, 600);
    assert_eq!(counts.events, 1200);
    assert_clusters_exact(&store);
    // Both outlets re-reported every story: the clusters hold mentions of both.
    assert!(one(&store, "SELECT COUNT(*) FROM clusters WHERE json_array_length(outlets) = 2") > 0);
}

#[test]
fn writers_creating_one_store_at_once_all_succeed() {
    for round in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("new-{round}.db"));
        let start = Arc::new(Barrier::new(4));
        let openers: Vec<_> = (0..4)
            .map(|writer| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || -> Result<u64, String> {
                    start.wait();
                    let mut store = Store::open(&path).map_err(|e| e.to_string())?;
                    let corpus = reports(&format!("outlet{writer}"), 6);
                    Ok(store.ingest(&corpus).map_err(|e| e.to_string())?.events_stored)
                })
            })
            .collect();
        for opener in openers {
            assert_eq!(opener.join().unwrap(), Ok(12), "round {round}");
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.counts().unwrap().events, 48);
        assert_eq!(store.schema_version().unwrap(), tripwire_store::schema::CURRENT_VERSION);
    }
}

/// Set in a child process of [`processes_creating_one_store_at_once_all_succeed`]: the store it
/// writes to.
const CHILD_STORE: &str = "TRIPWIRE_TEST_CHILD_STORE";

/// Runs only as a child process: opens the store named by [`CHILD_STORE`] (creating it) and
/// ingests a few articles; a failure is printed and fails the child.
#[test]
fn child_writer() {
    let Some(path) = std::env::var_os(CHILD_STORE) else { return };
    let outlet = std::env::var("TRIPWIRE_TEST_CHILD_OUTLET").unwrap_or_default();
    let mut store = Store::open(&path).unwrap_or_else(|e| panic!("open: {e}"));
    let stats = store.ingest(&reports(&outlet, 6)).unwrap_or_else(|e| panic!("ingest: {e}"));
    assert_eq!(stats.events_stored, 12);
}

#[test]
fn processes_creating_one_store_at_once_all_succeed() {
    if std::env::var_os(CHILD_STORE).is_some() {
        return;
    }
    let exe = std::env::current_exe().unwrap();
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let children: Vec<_> = (0..4)
            .map(|writer| {
                std::process::Command::new(&exe)
                    .args(["--exact", "child_writer", "--nocapture", "--test-threads", "1"])
                    .env(CHILD_STORE, &path)
                    .env("TRIPWIRE_TEST_CHILD_OUTLET", format!("outlet{writer}"))
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: a writer failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.counts().unwrap().events, 48, "round {round}");
    }
}

//! Two `tripwire ingest`s and a `tripwire import` into one new store at once, while `events`
//! and `series` queries run against it: every process succeeds, and the store holds exactly the
//! articles and events each would have stored alone, every deduplicated event's mentions equal
//! to its stored mentions, and passes `PRAGMA integrity_check`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use tripwire_store::Store;

const COUNTRIES: &[&str] = &["Iran", "Israel", "Russia", "Ukraine", "China", "Japan", "India", "Pakistan"];
const ACTS: &[&str] = &[
    "accused {B} of planning attacks",
    "met with {B} in the capital",
    "threatened {B} with sanctions",
    "signed an agreement with {B}",
];

/// `articles` articles by `outlet` as JSON Lines. Both corpora report the same stories (same
/// dyads, acts and days), so their mentions join the same clusters.
fn write_corpus(dir: &Path, outlet: &str, articles: usize) -> PathBuf {
    let mut lines = String::new();
    for n in 0..articles {
        let story = n % 60;
        let a = COUNTRIES[story % COUNTRIES.len()];
        let b = COUNTRIES[(story / COUNTRIES.len() + story + 1) % COUNTRIES.len()];
        let act = ACTS[story % ACTS.len()].replace("{B}", b);
        let text = format!("{a} {act} on day {story}, {outlet} reported. Report {n} of {outlet}.");
        let article = serde_json::json!({
            "id": format!("{outlet}-{n}"), "date": format!("2025-03-{:02}", 1 + story % 20), "source": outlet,
            "url": format!("https://{outlet}.example/{n}"), "text": text,
        });
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    let path = dir.join(format!("{outlet}.jsonl"));
    std::fs::write(&path, lines).unwrap();
    path
}

fn icews_file(dir: &Path, rows: usize) -> PathBuf {
    let mut text = String::from("date\tsource\tevent\ttarget\n");
    for n in 0..rows {
        text.push_str(&format!("2016-{:02}-{:02}\tCitizen (Kenya)\tConsult\tPolice ({n})\n", 1 + n % 12, 1 + n % 28));
    }
    let path = dir.join("history.tsv");
    std::fs::write(&path, text).unwrap();
    path
}

fn spawn(args: &[&str], db: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .arg("--db")
        .arg(db)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tripwire runs")
}

fn finish(child: Child, what: &str) {
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{what} failed: {}", String::from_utf8_lossy(&out.stderr));
}

fn one(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// (articles, events) a corpus stores in a store of its own.
fn alone(corpus: &Path, dir: &Path, name: &str) -> (i64, i64) {
    let db = dir.join(format!("{name}-alone.db"));
    finish(spawn(&["ingest", "--batch", "20", corpus.to_str().unwrap()], &db), "ingest alone");
    let store = Store::open(&db).unwrap();
    (one(&store, "SELECT COUNT(*) FROM articles"), one(&store, "SELECT COUNT(*) FROM events"))
}

#[test]
fn two_ingests_and_an_import_at_once_while_queries_run_store_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let wire = write_corpus(dir.path(), "wire", 400);
    let daily = write_corpus(dir.path(), "daily", 400);
    let history = icews_file(dir.path(), 30_000);
    let (wire_articles, wire_events) = alone(&wire, dir.path(), "wire");
    let (daily_articles, daily_events) = alone(&daily, dir.path(), "daily");
    assert!(wire_events > 0 && daily_events > 0);

    for round in 0..2 {
        let db = dir.path().join(format!("shared-{round}.db"));
        let writers = [
            spawn(&["ingest", "--batch", "20", wire.to_str().unwrap()], &db),
            spawn(&["ingest", "--batch", "20", daily.to_str().unwrap()], &db),
            spawn(&["import", history.to_str().unwrap()], &db),
        ];
        // Queries while they write: each must succeed whatever it finds.
        let mut queries = 0;
        while !db.exists() {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        for _ in 0..6 {
            finish(spawn(&["events", "--dyad", "IRN-ISR", "--both", "--format", "json"], &db), "events");
            finish(spawn(&["series", "IRN-ISR", "--both"], &db), "series");
            queries += 2;
        }
        for (writer, what) in writers.into_iter().zip(["ingest wire", "ingest daily", "import"]) {
            finish(writer, what);
        }
        assert_eq!(queries, 12);

        let store = Store::open(&db).unwrap();
        assert_eq!(one(&store, "SELECT COUNT(*) FROM articles"), wire_articles + daily_articles, "round {round}");
        assert_eq!(one(&store, "SELECT COUNT(*) FROM events WHERE origin = 'tripwire'"), wire_events + daily_events);
        assert_eq!(one(&store, "SELECT COUNT(*) FROM events WHERE origin = 'icews'"), 30_000);
        let wrong = one(
            &store,
            "SELECT COUNT(*) FROM clusters c WHERE c.mentions <> (SELECT COUNT(*) FROM events e WHERE e.cluster_id = c.id)",
        );
        assert_eq!(wrong, 0, "round {round}: clusters with wrong mentions");
        assert_eq!(
            one(&store, "SELECT COALESCE(SUM(mentions), 0) FROM clusters"),
            one(&store, "SELECT COUNT(*) FROM events WHERE cluster_id IS NOT NULL")
        );
        assert!(one(&store, "SELECT COUNT(*) FROM clusters WHERE json_array_length(outlets) = 2") > 0);
        let integrity: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
    }
}

//! `tripwire import` and `export` on bad inputs and bad requests, end to end: exit statuses by
//! docs/exit-codes.md, a truncated file reported with what was kept, an export never written
//! over its own store, the demo's events through a JSON Lines round trip, and causes said once.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output};

fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("run tripwire")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// ICEWS rows (`date source event target`) written for these tests, each distinct.
fn icews_rows(rows: usize) -> String {
    let mut text = String::from("date\tsource\tevent\ttarget\n");
    for n in 0..rows {
        text.push_str(&format!("2016-{:02}-{:02}\tCitizen (Kenya)\tConsult\tPolice ({n})\n", 1 + n % 12, 1 + n % 28));
    }
    text
}

fn events_in(db: &Path) -> i64 {
    let store = tripwire_store::Store::open(db).expect("store opens");
    store.connection().query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0)).expect("count")
}

#[test]
fn import_exit_statuses_follow_the_rule() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let db = db.to_str().unwrap();
    let clean = dir.path().join("clean.tsv");
    std::fs::write(&clean, icews_rows(5)).unwrap();
    let out = tripwire(&["import", clean.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Every row already stored: still complete.
    let out = tripwire(&["import", clean.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let one_bad = dir.path().join("one-bad.tsv");
    std::fs::write(&one_bad, format!("{}2016-13-40\tA\tConsult\tB\n", icews_rows(3))).unwrap();
    let out = tripwire(&["import", one_bad.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("1 rows skipped"), "{}", text(&out.stderr));

    // A file whose layout nothing names, beside a good one: the good one is imported.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "notes on the data\n").unwrap();
    let out = tripwire(&["import", notes.to_str().unwrap(), clean.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("notes.txt:1"), "{}", text(&out.stderr));

    // Nothing usable at all.
    let empty = dir.path().join("empty.tsv");
    std::fs::write(&empty, "").unwrap();
    let out = tripwire(&["import", empty.to_str().unwrap(), notes.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("holds no rows"), "{}", text(&out.stderr));
}

#[test]
fn a_truncated_gz_import_says_how_much_was_stored_and_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(icews_rows(60_000).as_bytes()).unwrap();
    let whole = encoder.finish().unwrap();
    let gz = dir.path().join("history.tsv.gz");
    std::fs::write(&gz, &whole[..whole.len() / 2]).unwrap();
    let db = dir.path().join("s.db");
    let out = tripwire(&["import", gz.to_str().unwrap(), "--db", db.to_str().unwrap(), "--json"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(text(&out.stdout).lines().next().unwrap()).unwrap();
    let stored = report["stored"].as_i64().unwrap();
    assert!(stored > 10_000 && stored < 60_000, "{report}");
    // Every row read before the break is stored, not only whole batches.
    assert_eq!(report["accepted"].as_i64(), Some(stored));
    assert_eq!(events_in(&db), stored);
    let line = report["stopped"]["line"].as_i64().unwrap();
    assert_eq!(line, stored + 2, "{report}");
    assert!(stderr.contains(&format!("reading stopped at line {line}")), "{stderr}");
    assert!(stderr.contains(&format!("{stored} new events stored")), "{stderr}");
}

#[test]
fn export_over_the_store_or_its_wal_is_refused_and_the_store_kept() {
    let dir = tempfile::tempdir().unwrap();
    let rows = dir.path().join("rows.tsv");
    std::fs::write(&rows, icews_rows(20)).unwrap();
    let db = dir.path().join("s.db");
    let out = tripwire(&["import", rows.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let size = std::fs::metadata(&db).unwrap().len();
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    let other_name = dir.path().join("sub/../s.db");
    let wal = dir.path().join("s.db-wal");
    let shm = dir.path().join("s.db-shm");
    for (format, target) in [("gdelt", &db), ("jsonl", &other_name), ("gdelt", &wal), ("jsonl", &shm)] {
        let out =
            tripwire(&["export", "--format", format, "--db", db.to_str().unwrap(), "--out", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("that is the store being exported"), "{}", text(&out.stderr));
    }
    assert!(std::fs::metadata(&db).unwrap().len() >= size);
    assert_eq!(events_in(&db), 20);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let out =
            tripwire(&["export", "--format", "jsonl", "--db", db.to_str().unwrap(), "--out", link.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        assert_eq!(events_in(&db), 20);
    }
}

#[test]
fn the_demo_events_survive_a_json_lines_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (demo, again, jsonl) = (dir.path().join("demo.db"), dir.path().join("again.db"), dir.path().join("demo.jsonl"));
    let out = tripwire(&["demo", "--db", demo.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = tripwire(&[
        "export",
        "--format",
        "jsonl",
        "--mentions",
        "--db",
        demo.to_str().unwrap(),
        "--out",
        jsonl.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = tripwire(&["import", jsonl.to_str().unwrap(), "--db", again.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stored = events_in(&demo);
    assert!(stored >= 20, "the demo stores its events ({stored})");
    assert_eq!(events_in(&again), stored);
    let copy = tripwire_store::Store::open(&again).unwrap();
    // The export of the copy lists the same events as the original's.
    let key = "SELECT article_id, sentence_index, span_start, source_code, target_code, event_code FROM events \
               ORDER BY 1, 2, 3, 4, 5, 6";
    let rows = |store: &tripwire_store::Store| -> Vec<String> {
        let mut stmt = store.connection().prepare(key).unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{:?}",
                    (
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?
                    )
                ))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        rows
    };
    assert_eq!(rows(&copy), rows(&tripwire_store::Store::open(&demo).unwrap()));
}

#[test]
fn a_store_that_cannot_be_opened_names_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("not-a-store.db");
    std::fs::write(&db, vec![b'x'; 8192]).unwrap();
    let rows = dir.path().join("rows.tsv");
    std::fs::write(&rows, icews_rows(2)).unwrap();
    let out = tripwire(&["import", rows.to_str().unwrap(), "--db", db.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not-a-store.db: cannot open the store"), "{stderr}");
    let line = stderr.lines().find(|l| l.contains("error")).unwrap_or_default();
    let parts: Vec<&str> = line.split(": ").collect();
    let mut once = parts.clone();
    once.dedup();
    assert_eq!(parts, once, "a cause repeated: {line}");
}

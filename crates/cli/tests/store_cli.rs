//! The store commands end to end: `ingest` of folders, plain text, JSON Lines and feed files with
//! bad articles among good ones, then `events` and `series` reading the store back, and the demo.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tripwire(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tripwire"));
    command.args(args).current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    command.env_remove("TRIPWIRE_DB");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("tripwire runs")
}

fn ok(out: &Output) -> (String, String) {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "failed:\n{stderr}\n{stdout}");
    (stdout, stderr)
}

/// Exit status 3: the work was done, some inputs or records were skipped (docs/exit-codes.md).
fn partial(out: &Output) -> (String, String) {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(3), "expected status 3:\n{stderr}\n{stdout}");
    (stdout, stderr)
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-store-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("news/feeds")).expect("scratch folder");
    dir
}

/// A folder of inputs: JSON Lines with three good and three bad articles, plain text, and an RSS
/// feed file, plus a file ingest must not read.
fn write_inputs(dir: &Path) -> PathBuf {
    let news = dir.join("news");
    let mut jsonl = Vec::new();
    jsonl.extend_from_slice(
        br#"{"id":"m1","date":"2026-02-06","source":"wire","url":"https://wire.example/m1","text":"Iran accused the United States of sabotage on Tuesday."}
{"id":"m2","date":"06/02/2026","text":"Iran criticized Israel."}
{"id":"m3","date":"2026-02-06","text":"   "}
"#,
    );
    jsonl.extend_from_slice(b"{\"id\":\"m4\",\"date\":\"2026-02-06\",\"text\":\"bad \xff byte\"}\n");
    jsonl.extend_from_slice(
        br#"{"id":"m5","date":"2026-02-07","source":"daily","text":"The United States criticized Iran over its missile tests."}
{"id":"m6","date":"2026-02-07","source":"daily","text":"Russia met with China in Beijing."}
"#,
    );
    std::fs::write(news.join("a.jsonl"), jsonl).expect("write");
    std::fs::write(news.join("b.txt"), "Egypt praised Sudan for the ceasefire.").expect("write");
    std::fs::write(news.join("notes.pdf"), "not an article").expect("write");
    std::fs::write(
        news.join("feeds/world.rss"),
        r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Feed Daily</title>
<item><guid>feed-1</guid><link>https://feed.example/1</link><pubDate>Sat, 07 Feb 2026 09:00:00 GMT</pubDate>
<title>Talks</title><description>India threatened Pakistan with sanctions.</description></item>
</channel></rss>"#,
    )
    .expect("write");
    news
}

#[test]
fn ingest_stores_the_good_articles_reports_the_bad_and_is_idempotent() {
    let dir = scratch("ingest");
    let news = write_inputs(&dir);
    let db = dir.join("store/events.db");
    let db_arg = db.to_str().expect("utf-8 path");
    let news_arg = news.to_str().expect("utf-8 path");

    let (_, stderr) = partial(&tripwire(&["ingest", "--date", "2026-02-08", "--db", db_arg, news_arg], &[]));
    assert!(stderr.contains("created the event store"), "{stderr}");
    // Each bad article is named with its file and line, and skipped.
    assert!(stderr.contains("a.jsonl:2: bad date"), "{stderr}");
    assert!(stderr.contains("a.jsonl:3: missing or empty"), "{stderr}");
    assert!(stderr.contains("a.jsonl:4: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("8 articles read: 5 stored, 0 duplicate, 3 rejected"), "{stderr}");

    let (stdout, _) = ok(&tripwire(&["events", "--mentions", "--format", "json", "--db", db_arg], &[]));
    let events: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    let articles: std::collections::BTreeSet<&str> = events.iter().filter_map(|e| e["article_id"].as_str()).collect();
    assert!(articles.contains("m1") && articles.contains("m5") && articles.contains("b"), "{articles:?}");
    assert!(articles.contains("feed-1"), "the feed item is ingested: {articles:?}");
    assert!(!articles.contains("m2") && !articles.contains("m4"));
    let plain = events.iter().find(|e| e["article_id"] == "b").expect("plain text event");
    assert_eq!(plain["date"], "2026-02-08", "plain text takes --date");
    assert!(events.iter().all(|e| e["mentions"].as_u64().unwrap_or(0) >= 1));

    let (_, stderr) = partial(&tripwire(&["ingest", "--date", "2026-02-08", "--db", db_arg, news_arg], &[]));
    assert!(stderr.contains("3 inputs or articles skipped"), "{stderr}");
    assert!(stderr.contains("8 articles read: 0 stored, 5 duplicate, 3 rejected"), "{stderr}");
    assert!(!stderr.contains("created"), "{stderr}");
    let (again, _) = ok(&tripwire(&["events", "--mentions", "--format", "json", "--db", db_arg], &[]));
    assert_eq!(again.lines().count(), events.len(), "a re-run stores nothing twice");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn events_and_series_read_the_store_with_filters() {
    let dir = scratch("query");
    let news = write_inputs(&dir);
    let db = dir.join("events.db");
    // The store named by TRIPWIRE_DB when --db is absent.
    let env = [("TRIPWIRE_DB", db.as_path())];
    partial(&tripwire(&["ingest", "--date", "2026-02-08", news.to_str().expect("utf-8")], &env));
    assert!(db.exists());

    let (stdout, _) = ok(&tripwire(&["events", "--dyad", "IRN-USA", "--format", "json"], &env));
    let irn_usa: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert!(!irn_usa.is_empty());
    assert!(irn_usa.iter().all(|e| e["source_country"] == "IRN" && e["target_country"] == "USA"));

    let (both, _) = ok(&tripwire(&["events", "--dyad", "irn-usa", "--both", "--format", "json"], &env));
    assert!(both.lines().count() > irn_usa.len(), "both directions add USA→IRN");
    let (rooted, _) = ok(&tripwire(&["events", "--root", "11", "--source", "daily", "--format", "json"], &env));
    for line in rooted.lines() {
        let e: serde_json::Value = serde_json::from_str(line).expect("json");
        assert_eq!(e["event_root"], "11");
    }
    assert!(rooted.lines().count() >= 1);

    let (table, stderr) = ok(&tripwire(&["events", "--from", "2026-02-07", "--to", "2026-02-07"], &env));
    let header = table.lines().next().expect("header");
    assert!(header.starts_with("date") && header.contains("mentions"), "{header}");
    assert!(table.lines().skip(1).all(|l| l.starts_with("2026-02-07")), "{table}");
    assert!(stderr.contains("events"), "{stderr}");

    let (series, _) = ok(&tripwire(&["series", "IRN-USA", "--both", "--format", "json"], &env));
    let days: Vec<serde_json::Value> = series.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let total = |key: &str| -> usize { days.iter().map(|d| d[key].as_u64().expect("count") as usize).sum() };
    assert_eq!(total("events"), both.lines().count(), "the series counts the same deduplicated events");
    let (mentions, _) =
        ok(&tripwire(&["events", "--dyad", "IRN-USA", "--both", "--mentions", "--format", "json"], &env));
    assert_eq!(total("mentions"), mentions.lines().count(), "and the same raw mentions");
    for day in &days {
        let quads: u64 = ["quad1", "quad2", "quad3", "quad4"].iter().map(|q| day[q].as_u64().expect("quad")).sum();
        assert_eq!(quads, day["mentions"].as_u64().expect("mentions"));
    }

    let bad = tripwire(&["series", "IRAN-USA"], &env);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("IRN-USA"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_demo_stores_its_events_and_shows_the_series() {
    let dir = scratch("demo");
    let db = dir.join("demo.db");
    let (stdout, _) = ok(&tripwire(&["demo", "--db", db.to_str().expect("utf-8")], &[]));
    assert!(stdout.contains("events coded from the examples"), "{stdout}");
    let stored = stdout.lines().find(|l| l.starts_with("Stored in")).expect("store line");
    assert!(stored.contains("distinct events after deduplication"), "{stored}");
    assert!(stdout.contains("Daily series IRN-USA"), "{stdout}");
    // The store it wrote holds what it printed.
    let (events, _) =
        ok(&tripwire(&["events", "--mentions", "--format", "json", "--db", db.to_str().expect("utf-8")], &[]));
    let coded: usize = stdout
        .lines()
        .find_map(|l| l.strip_suffix(" events coded from the examples.").and_then(|n| n.trim().parse().ok()))
        .expect("count");
    assert_eq!(events.lines().count(), coded);
    std::fs::remove_dir_all(&dir).ok();
}

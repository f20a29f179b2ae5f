//! `tripwire ingest` end to end: the exit-status rule, a bad line among good ones, feed URLs that
//! redirect where they must not, and `--follow` against a feed server on 127.0.0.1 (bounded: a
//! few rounds a fraction of a second apart; the server stops by itself).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tripwire_sources::testing::{LocalServer, Reply, Request};
use tripwire_store::Store;

fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("TRIPWIRE_DB")
        .output()
        .expect("tripwire runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-ingest-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

fn articles_in(db: &str) -> u64 {
    if !Path::new(db).exists() {
        return 0;
    }
    Store::open(db).expect("store opens").counts().expect("counts").articles
}

const GOOD: &[u8] =
    b"{\"id\":\"g1\",\"date\":\"2026-02-06\",\"text\":\"Iran accused the United States of sabotage.\"}\n";

#[test]
fn ingest_exit_status_follows_the_rule() {
    let dir = scratch("exit");
    let good = write(&dir, "good.jsonl", GOOD);
    let empty = write(&dir, "empty.txt", b"");
    let random = write(&dir, "random.bin", &[0x00, 0x9f, 0x92, 0x96, 0xff, 0x10, 0x80]);
    let db = dir.join("x.db").display().to_string();

    // Some input skipped, the article stored: 3, and the skipped input named.
    let out = tripwire(&["ingest", "--db", &db, &good, &empty]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{empty}: empty input")), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 inputs or articles skipped"), "{}", stderr(&out));
    assert_eq!(articles_in(&db), 1);

    // Nothing usable: 1, nothing stored.
    let other = dir.join("y.db").display().to_string();
    let out = tripwire(&["ingest", "--db", &other, &empty, &random]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{random}:1: invalid UTF-8")), "{}", stderr(&out));
    assert_eq!(articles_in(&other), 0);

    // Everything read: 0, also when a re-run finds everything already stored.
    for _ in 0..2 {
        let out = tripwire(&["ingest", "--db", &db, &good]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert_eq!(articles_in(&db), 1);
    // A name that does not exist is a skipped input like any other.
    let missing = dir.join("missing.jsonl").display().to_string();
    let out = tripwire(&["ingest", "--db", &db, &good, &missing]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{missing}: no such file or folder")), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn invalid_utf8_line_is_skipped_with_file_and_line() {
    let dir = scratch("utf8");
    let mut bytes = GOOD.to_vec();
    bytes.extend_from_slice(b"{\"id\":\"g2\",\"date\":\"2026-02-06\",\"text\":\"Caf\xe9 owners protested.\"}\n");
    bytes
        .extend_from_slice(b"{\"id\":\"g3\",\"date\":\"2026-02-07\",\"text\":\"Russia met with China in Beijing.\"}\n");
    let file = write(&dir, "news.jsonl", &bytes);
    let db = dir.join("x.db").display().to_string();

    let out = tripwire(&["ingest", "--db", &db, &file]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{file}:2: invalid UTF-8 at byte offset")), "{}", stderr(&out));
    assert!(stderr(&out).contains("3 articles read: 2 stored, 0 duplicate, 1 rejected"), "{}", stderr(&out));
    assert_eq!(articles_in(&db), 2);

    // `code` reads the same file line by line too: the lines around the bad one are coded.
    let out = tripwire(&["code", &file]);
    assert!(stderr(&out).contains(&format!("{file}:2: invalid UTF-8")), "{}", stderr(&out));
    let coded = String::from_utf8_lossy(&out.stdout);
    assert!(coded.contains("\"article_id\":\"g1\"") && coded.contains("\"article_id\":\"g3\""), "{coded}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn redirect_to_file_url_is_refused_not_a_panic() {
    let dir = scratch("redirect");
    let db = dir.join("x.db").display().to_string();
    for location in ["file:///etc/passwd", "data:text/plain,x", "mailto:desk@example.org", "javascript:alert(1)"] {
        let server = LocalServer::start(move |_: &Request| Reply::redirect(302, location)).expect("server");
        let url = server.url("/");
        let out = tripwire(&["ingest", "--allow-private", "--db", &db, "examples/kyiv-grid.jsonl", &url]);
        assert_eq!(out.status.code(), Some(3), "{location}: {}", stderr(&out));
        assert!(stderr(&out).contains(&format!("{url}: redirect to {location} refused")), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
    assert_eq!(articles_in(&db), 1, "the article of the earlier input is stored");

    // Without --allow-private the loopback server is not asked at all.
    let server = LocalServer::start(|_: &Request| Reply::new(200, "unused")).expect("server");
    let spelled = server.url("/").replace("127.0.0.1", "0x7f000001").replace("http://", "HTTP://");
    let out = tripwire(&["ingest", "--db", &db, "examples/kyiv-grid.jsonl", &spelled]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("127.0.0.1 is a loopback address"), "{}", stderr(&out));
    assert!(server.requests().is_empty());
    std::fs::remove_dir_all(&dir).ok();
}

fn feed(items: &[(&str, &str)]) -> String {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY desk \"Wire desk\">]>\n<rss version=\"2.0\"><channel><title>Wire</title>\n");
    for (guid, text) in items {
        xml.push_str(&format!(
            "<item><guid>{guid}</guid><pubDate>Sat, 07 Feb 2026 09:00:00 GMT</pubDate><description>{text} &desk;</description></item>\n"
        ));
    }
    xml + "</channel></rss>"
}

#[test]
fn follow_polls_and_ingests_only_new_items() {
    let dir = scratch("follow");
    let db = dir.join("x.db").display().to_string();
    let first = [("w-1", "Iran accused the United States of sabotage."), ("w-2", "Russia met with China.")];
    let second = [first[0], first[1], ("w-3", "India threatened Pakistan with sanctions.")];
    let server = LocalServer::start(move |request: &Request| match (request.number, request.header("If-None-Match")) {
        (0, _) => Reply::new(200, feed(&first)).header("ETag", "\"v1\""),
        (1, Some("\"v1\"")) => Reply::new(304, Vec::new()),
        (2, _) => Reply::new(200, feed(&second)).header("ETag", "\"v2\""),
        (_, Some("\"v2\"")) => Reply::new(304, Vec::new()),
        _ => Reply::new(500, "unexpected"),
    })
    .expect("server");
    let url = server.url("/world.rss");
    let run = |rounds: &str| {
        tripwire(&["ingest", "--follow", &url, "--every", "100ms", "--rounds", rounds, "--allow-private", "--db", &db])
    };

    let out = run("3");
    let log = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{log}");
    assert!(log.contains(&format!("round 1: {url}: 2 items: 2 new articles stored")), "{log}");
    assert!(log.contains(&format!("round 2: {url}: unchanged")), "{log}");
    assert!(log.contains(&format!("round 3: {url}: 3 items: 1 new articles stored")), "{log}");
    assert!(log.contains("2 seen before"), "{log}");
    assert_eq!(articles_in(&db), 3);

    // A restart remembers the ETag.
    let out = run("1");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("round 1: {url}: unchanged")), "{}", stderr(&out));
    assert_eq!(server.requests().len(), 4);
    assert_eq!(articles_in(&db), 3);

    // --follow polls URLs only: anything else is a usage error.
    let out = tripwire(&["ingest", "--follow", "examples/kyiv-grid.jsonl", "--db", &db]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).ok();
}

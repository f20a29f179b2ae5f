//! Following feeds against a feed server on 127.0.0.1 that changes between rounds: new items are
//! ingested, unchanged feeds cost a 304, failures are survived, and the validators outlive a
//! restart. Bounded: a few rounds 50 ms apart, and the server stops by itself.
#![cfg(feature = "http")]

use std::net::TcpListener;
use std::sync::Mutex;
use std::time::Duration;
use tripwire_coder::Coder;
use tripwire_sources::testing::{LocalServer, Reply, Request};
use tripwire_sources::{parse_date, FetchPolicy, ReadOptions};
use tripwire_store::follow::{follow, validators_of, FeedOutcome, FollowOptions};
use tripwire_store::pipeline::PipelineOptions;
use tripwire_store::Store;

fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

const ITEMS: [(&str, &str); 3] = [
    ("w-1", "Iran accused the United States of sabotage."),
    ("w-2", "Russia met with China in Beijing."),
    ("w-3", "India threatened Pakistan with sanctions."),
];

fn feed(items: usize) -> String {
    let mut xml = String::from("<rss version=\"2.0\"><channel><title>Wire</title>\n");
    for (guid, text) in &ITEMS[..items] {
        xml.push_str(&format!(
            "<item><guid>{guid}</guid><pubDate>Sat, 07 Feb 2026 09:00:00 GMT</pubDate><description>{text}</description></item>\n"
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

/// Round by round: two items (ETag v1); unchanged (304 to v1); a server error; three items (v2);
/// and, for any later request, 304 to v2.
fn feed_server() -> LocalServer {
    LocalServer::start(|request: &Request| {
        let etag = request.header("If-None-Match");
        match request.number {
            0 => Reply::new(200, feed(2)).header("ETag", "\"v1\""),
            1 if etag == Some("\"v1\"") => Reply::new(304, Vec::new()),
            2 => Reply::new(503, "try later"),
            3 => Reply::new(200, feed(3)).header("ETag", "\"v2\""),
            _ if etag == Some("\"v2\"") => Reply::new(304, Vec::new()),
            _ => Reply::new(500, format!("unexpected request: {}", request.head)),
        }
    })
    .expect("a local feed server starts")
}

#[derive(Debug, PartialEq)]
enum Seen {
    Stored { new: u64, already: u64 },
    Unchanged,
    Failed(String),
}

#[test]
fn follow_polls_and_ingests_only_new_items() {
    let dir = std::env::temp_dir().join(format!("tripwire-follow-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let db = dir.join("events.db");
    let server = feed_server();
    // A second feed nobody serves: its polls fail every round, and the first is still followed.
    let dead = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port");
    let feeds = vec![server.url("/world.rss"), format!("http://{dead}/gone.rss")];
    let fetch = FetchPolicy { allowed: vec![server.address(), dead], ..FetchPolicy::default() };
    let options = FollowOptions {
        every: Duration::from_millis(50),
        rounds: Some(4),
        read: ReadOptions { date: parse_date("2026-02-08"), fetch, ..ReadOptions::default() },
        pipeline: PipelineOptions::default(),
    };
    let coder = coder();
    let log = Mutex::new(Vec::new());
    let record = |entry: &tripwire_store::follow::RoundLog<'_>| {
        let seen = match entry.outcome {
            FeedOutcome::Unchanged => Seen::Unchanged,
            FeedOutcome::Ingested(r) => Seen::Stored { new: r.stored.articles_stored, already: r.already_stored },
            FeedOutcome::Failed(e) => Seen::Failed(e.to_string()),
        };
        log.lock().expect("lock").push((entry.round, entry.url.to_string(), seen));
    };

    let mut store = Store::open(&db).expect("store opens");
    let report = follow(&mut store, &coder, &feeds, &options, &|_| {}, &record).expect("follows");
    assert_eq!(report.rounds, 4);
    let log = std::mem::take(&mut *log.lock().expect("lock"));
    let world: Vec<&Seen> = log.iter().filter(|(_, url, _)| url == &feeds[0]).map(|(_, _, s)| s).collect();
    assert_eq!(world[0], &Seen::Stored { new: 2, already: 0 });
    assert_eq!(world[1], &Seen::Unchanged);
    assert!(matches!(world[2], Seen::Failed(m) if m.contains("HTTP status 503")), "{:?}", world[2]);
    assert_eq!(world[3], &Seen::Stored { new: 1, already: 2 }, "only the new item is coded and stored");
    let dead_polls: Vec<&Seen> = log.iter().filter(|(_, url, _)| url == &feeds[1]).map(|(_, _, s)| s).collect();
    assert_eq!(dead_polls.len(), 4);
    assert!(dead_polls.iter().all(|s| matches!(s, Seen::Failed(m) if m.starts_with(&feeds[1]))), "{dead_polls:?}");
    assert_eq!(report.polls_failed, 5);
    assert_eq!(store.counts().expect("counts").articles, 3);
    drop(store);

    // A restart remembers the validators: the first poll asks with v2 and gets a 304.
    let mut store = Store::open(&db).expect("store reopens");
    assert_eq!(validators_of(&store, &feeds[0]).expect("state").etag.as_deref(), Some("\"v2\""));
    let once = FollowOptions { rounds: Some(1), ..options };
    let report = follow(&mut store, &coder, &feeds[..1], &once, &|_| {}, &|_| {}).expect("follows");
    assert_eq!((report.polls_answered, report.ingested.stored.articles_stored), (1, 0));
    let requests = server.requests();
    assert_eq!(requests.len(), 5);
    assert_eq!(requests[4].header("If-None-Match"), Some("\"v2\""));
    assert_eq!(store.counts().expect("counts").articles, 3);
    std::fs::remove_dir_all(&dir).ok();
}

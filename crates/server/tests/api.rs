//! The JSON API on real stores: paging walks every event once, an event carries its mentions,
//! series are dense and normalized by the day's volume, the watch answers 503 until fitted and
//! then with explained forecasts, the OpenAPI document lists every endpoint, and a missing or
//! empty store is answered with a message, not a crash.

mod common;

use common::{day, small_store, start};
use serde_json::Value;
use tripwire_server::ServeConfig;
use tripwire_store::Store;
use tripwire_watch::testing::{government_event, Lcg};

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

fn quiet(db: &std::path::Path) -> ServeConfig {
    let mut config = ServeConfig::new(db);
    config.fit_watch = false;
    config
}

#[test]
fn paging_returns_every_event_once_and_events_carry_their_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let rows = small_store(&db);
    let server = start(quiet(&db));
    let mut seen = Vec::new();
    let mut path = "/api/events?dyad=IRN-USA&size=7".to_string();
    loop {
        let (status, body) = server.get(&path);
        assert_eq!(status, 200, "{body}");
        let page = json(&body);
        seen.extend(page["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()));
        match page["next_url"].as_str() {
            Some(next) => path = next.to_string(),
            None => break,
        }
    }
    assert_eq!(seen.len(), rows.len());
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "an event came twice");

    let (_, body) = server.get("/api/events?dyad=IRN-USA&quad=4&newest=true&size=2");
    let page = json(&body);
    let events = page["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e["quad_class"] == 4 && e["event_name"].is_string()));
    assert!(events[0]["date"].as_str() >= events[1]["date"].as_str(), "newest first");

    let id = events[0]["id"].as_i64().unwrap();
    let (status, body) = server.get(&format!("/api/events/{id}"));
    assert_eq!(status, 200);
    let detail = json(&body);
    assert_eq!(detail["event"]["id"], id);
    assert_eq!(detail["mentions"].as_array().unwrap().len(), 1);
}

#[test]
fn series_are_dense_raw_and_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    let rows = small_store(&db);
    let mut store = Store::open(&db).unwrap();
    // Other dyads' events make the day's volume larger than the dyad's own mentions.
    let others: Vec<_> =
        (0..10).map(|n| government_event(1000 + n, day(2015, 1, 1), ("FRA", "DEU"), "040", 1.0, 1)).collect();
    store.insert_imported_batch(&others).unwrap();
    drop(store);
    let server = start(quiet(&db));
    let (status, body) = server.get("/api/dyads/IRN-USA/series?from=2015-01-01&to=2015-01-10");
    assert_eq!(status, 200, "{body}");
    let series = json(&body);
    let days = series["days"].as_array().unwrap();
    assert_eq!(days.len(), 10, "one entry per day, empty days included");
    let first = &days[0];
    // Day one: one material-conflict event of the dyad, ten cooperative events of another.
    assert_eq!(first["quad"], serde_json::json!([0, 0, 0, 1]));
    assert_eq!(first["net_conflict"], 1);
    assert_eq!(first["volume"], 11);
    assert!((first["net_conflict_per_1000"].as_f64().unwrap() - 1000.0 / 11.0).abs() < 1e-9);
    assert_eq!(days[1]["mentions"], 0);
    let total: u64 = json(&server.get("/api/dyads/IRN-USA/series").1)["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, rows.len());
    let (status, body) = server.get("/api/dyads/USA-IRN/series?directed=true");
    assert_eq!(status, 200);
    assert_eq!(json(&body)["days"].as_array().map_or(0, Vec::len), 0, "no USA → IRN events");
    let (status, body) = server.get("/api/dyads/IRN-USA/changes");
    assert_eq!(status, 200, "{body}");
    assert!(json(&body).is_array());
}

/// Five years of four dyads, the first with bursts of material conflict after weeks of threats.
fn watched_store(path: &std::path::Path) {
    let pairs = [("USA", "IRN"), ("IND", "PAK"), ("FRA", "DEU"), ("BRA", "ARG")];
    let mut random = Lcg(5);
    let mut records = Vec::new();
    for offset in 0..5 * 365u64 {
        let date = day(2008, 1, 1) + chrono::Days::new(offset);
        for (pair, &ends) in pairs.iter().enumerate() {
            let phase = offset % 180;
            let (cooperation, threats, fighting) = match (pair, phase) {
                (0, 140..=160) => (0.5, 1.5, 0.0),
                (0, 161..=175) => (0.3, 1.0, 2.0),
                _ => (1.5, 0.1, 0.02),
            };
            for (rate, code, goldstein, quad) in
                [(cooperation, "040", 1.0, 1), (threats, "138", -7.0, 3), (fighting, "190", -10.0, 4)]
            {
                let count = rate as usize + usize::from(random.uniform() < rate - (rate as usize) as f64);
                for _ in 0..count {
                    records.push(government_event(records.len(), date, ends, code, goldstein, quad));
                }
            }
        }
    }
    let mut store = Store::open(path).unwrap();
    store.insert_imported_batch(&records).unwrap();
}

#[test]
fn the_watch_answers_once_fitted_with_explained_forecasts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    watched_store(&db);
    let server = start(ServeConfig::new(&db));
    // Health and events answer at once, while the watch fits.
    let (status, _) = server.get("/api/events?size=1");
    assert_eq!(status, 200);
    let (status, body) = server.get("/api/alarms");
    if status == 503 {
        assert!(body.contains("still fitting"), "{body}");
    }
    server.wait_for_watch();
    let (status, body) = server.get("/api/alarms?all=true");
    assert_eq!(status, 200, "{body}");
    let alarms = json(&body);
    assert_eq!(alarms["watched_dyads"], 4);
    let listed = alarms["alarms"].as_array().unwrap();
    assert_eq!(listed.len(), 4);
    for forecast in listed {
        let horizons = forecast["horizons"].as_array().unwrap();
        assert_eq!(horizons.len(), 3);
        assert!(horizons.iter().all(|h| (0.0..=1.0).contains(&h["probability"].as_f64().unwrap())));
        assert!(!forecast["reason"].as_str().unwrap().is_empty());
    }
    let (status, body) = server.get("/api/dyads/IRN-USA/forecast?days=30");
    assert_eq!(status, 200, "{body}");
    let forecast = json(&body);
    assert_eq!(forecast["history"].as_array().unwrap().len(), 30);
    let (status, _) = server.get("/api/dyads/CHN-JPN/forecast");
    assert_eq!(status, 404);
    let (status, body) = server.get("/api/backtest");
    assert_eq!(status, 503, "no ground truth configured: {body}");
    assert!(body.contains("--conflict"), "{body}");
    for page in ["/", "/dyads/IRN-USA", "/events?dyad=IRN-USA&both=true", "/backtest"] {
        let (status, html) = server.get(page);
        assert_eq!(status, 200, "{page}: {html}");
    }
    let (_, overview) = server.get("/");
    assert!(overview.contains("href=\"/dyads/IRN-USA\""), "the overview links the dyads");
}

#[test]
fn the_openapi_document_lists_every_endpoint() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let server = start(quiet(&db));
    let (status, body) = server.get("/api/openapi.json");
    assert_eq!(status, 200);
    let document = json(&body);
    let paths = document["paths"].as_object().unwrap();
    for path in [
        "/api/health",
        "/api/events",
        "/api/events/{id}",
        "/api/dyads/{dyad}/series",
        "/api/dyads/{dyad}/changes",
        "/api/dyads/{dyad}/forecast",
        "/api/alarms",
        "/api/backtest",
        "/api/ingest",
    ] {
        assert!(paths.contains_key(path), "{path} is not documented");
    }
    let parameters = document["paths"]["/api/events"]["get"]["parameters"].as_array().unwrap();
    let names: Vec<&str> = parameters.iter().filter_map(|p| p["name"].as_str()).collect();
    for name in
        ["dyad", "both", "actor", "code", "root", "quad", "from", "to", "source", "origin", "mentions", "after", "size"]
    {
        assert!(names.contains(&name), "/api/events lacks {name}");
    }
    assert!(document["components"]["schemas"]["EventOut"].is_object());
}

#[test]
fn a_missing_or_empty_store_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.db");
    let server = start(ServeConfig::new(&missing));
    let (status, body) = server.get("/api/health");
    assert_eq!(status, 200);
    assert_eq!(json(&body)["status"], "degraded");
    let (status, body) = server.get("/api/events");
    assert_eq!(status, 503);
    assert!(json(&body)["error"].as_str().unwrap().contains("no store"), "{body}");
    let (status, html) = server.get("/");
    assert_eq!(status, 200);
    assert!(html.contains("no store"), "the overview says so");
    assert!(!missing.exists(), "reading never creates a store");
    drop(server);

    let empty = dir.path().join("empty.db");
    drop(Store::open(&empty).unwrap());
    let server = start(ServeConfig::new(&empty));
    server.wait_for_watch();
    let (status, body) = server.get("/api/alarms");
    assert_eq!(status, 503);
    assert!(body.contains("no events"), "{body}");
    let (status, body) = server.get("/api/events");
    assert_eq!(status, 200);
    assert_eq!(json(&body)["events"].as_array().unwrap().len(), 0);
}

#[test]
fn a_locked_store_is_explained_not_waited_on_forever() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    // A writer that keeps the store to itself: exclusive locking, a write, the connection open.
    let holder = Store::open(&db).unwrap();
    holder.connection().execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;").unwrap();
    let mut config = quiet(&db);
    config.request_timeout = std::time::Duration::from_secs(2);
    let server = start(config);
    let (status, body) = server.get("/api/events");
    assert_eq!(status, 503, "{body}");
    assert!(json(&body)["error"].as_str().unwrap().contains("locked"), "{body}");
    let (status, _) = server.get("/api/health");
    assert_eq!(status, 503, "health reads the store too, and says so");
    drop(holder);
}

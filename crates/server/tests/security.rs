//! The server refuses what it should, and never crashes or leaks a trace doing so: data-changing
//! requests without or with a wrong token, oversized bodies, malformed JSON, bad query
//! parameters and path tricks all get a 4xx; article text is escaped in every page; and the
//! server listens on loopback unless asked otherwise, and then only with a token.

mod common;

use common::{small_store, start, TOKEN};
use tripwire_server::{ConfigError, ServeConfig};

fn config(db: &std::path::Path) -> ServeConfig {
    let mut config = ServeConfig::new(db);
    config.token = Some(TOKEN.to_string());
    config.fit_watch = false;
    config
}

fn no_trace(body: &str) {
    for leak in ["panicked", "RUST_BACKTRACE", "stack backtrace", "src/", "root:x:"] {
        assert!(!body.contains(leak), "the answer leaks {leak:?}: {body}");
    }
}

#[test]
fn data_changing_requests_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let server = start(config(&db));
    let body = r#"{"articles":[{"id":"a","date":"2015-01-01","text":"Iran accused the United States."}]}"#;
    let json = ("content-type", "application/json");
    let (status, answer) = server.post("/api/ingest", &[json], body);
    assert_eq!(status, 401, "{answer}");
    assert!(answer.contains("\"error\""), "{answer}");
    let (status, _) = server.post("/api/ingest", &[json, ("authorization", "Bearer not-the-token-at-all-no")], body);
    assert_eq!(status, 403);
    let (status, _) = server.post("/api/ingest", &[json, ("x-tripwire-token", "wrong")], body);
    assert_eq!(status, 403);
    let (status, _) = server.post("/api/ingest", &[json, ("authorization", TOKEN)], body);
    assert_eq!(status, 401, "a token without the Bearer scheme is not presented");
    // Any other method that could change data is refused the same way, route or not.
    for method in ["PUT", "DELETE", "PATCH"] {
        let (status, _) = server.raw(&format!("{method} /api/events HTTP/1.1"));
        assert_eq!(status, 401, "{method}");
    }
    // A brief stores nothing: it needs no token (this server has no coder, which it says).
    let (status, answer) = server.post("/api/brief", &[json], r#"{"text":"Iran accused the United States."}"#);
    assert_eq!(status, 503, "{answer}");
    let (status, _) = server.post("/api/brief", &[json], r#"{"title":"no text"}"#);
    assert_eq!(status, 400);
    // The right token passes the check (this server has no coder, which it then says).
    let bearer = format!("Bearer {TOKEN}");
    let (status, answer) = server.post("/api/ingest", &[json, ("authorization", &bearer)], body);
    assert_eq!(status, 503, "{answer}");
    assert!(answer.contains("without a coder"), "{answer}");
}

#[test]
fn malformed_requests_get_a_4xx_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let mut config = config(&db);
    config.body_limit = 64 * 1024;
    let server = start(config);
    let bearer = format!("Bearer {TOKEN}");
    let auth = ("authorization", bearer.as_str());
    let json = ("content-type", "application/json");

    // Announced as larger than the limit: refused before a byte of it is read (sending it
    // whole would race the refusal, which closes the connection).
    let (status, answer) = server.raw(&format!(
        "POST /api/ingest HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: {}",
        200 * 1024
    ));
    assert_eq!(status, 413, "{answer}");
    for (body, expected) in [("{not json", 400), (r#"{"articles": 3}"#, 422), ("", 400), ("[]", 422)] {
        let (status, answer) = server.post("/api/ingest", &[json, auth], body);
        assert_eq!(status, expected, "{body:?}: {answer}");
        no_trace(&answer);
    }
    let (status, _) = server.post("/api/ingest", &[("content-type", "text/plain"), auth], "{}");
    assert_eq!(status, 415);

    for path in [
        "/api/events?quad=abc",
        "/api/events?quad=7",
        "/api/events?size=100000",
        "/api/events?size=-1",
        "/api/events?after=garbage",
        "/api/events?from=2015-02-30",
        "/api/events?dyad=IRAN-USA",
        "/api/events?code=04%27%20OR%201=1",
        "/api/events?both=maybe",
        "/api/events/not-a-number",
        "/api/events/99999999999999999999999",
        "/api/dyads/IRN/series",
        "/api/dyads/IRN-USA/series?from=2016-01-01&to=2015-01-01",
        "/api/dyads/IRN-USA/series?from=0001-01-01&to=9999-01-01",
        "/api/dyads/IRN-IRN/changes",
        "/api/dyads/IRN-USA/forecast?days=0",
        "/events?quad=9",
        "/dyads/not-a-dyad",
    ] {
        let (status, answer) = server.get(path);
        assert_eq!(status, 400, "{path}: {answer}");
        no_trace(&answer);
        if path.starts_with("/api") {
            let parsed: serde_json::Value =
                serde_json::from_str(&answer).unwrap_or_else(|_| panic!("{path}: {answer}"));
            assert_eq!(parsed["status"], 400, "{path}");
            assert!(parsed["error"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
        }
    }
    let (status, answer) = server.get("/api/events/987654");
    assert_eq!(status, 404, "{answer}");
}

#[test]
fn path_tricks_find_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let server = start(config(&db));
    for request in [
        "GET /assets/../Cargo.toml HTTP/1.1",
        "GET /assets/%2e%2e/%2e%2e/Cargo.toml HTTP/1.1",
        "GET /assets/..%2f..%2fCargo.toml HTTP/1.1",
        "GET //etc/passwd HTTP/1.1",
        "GET /assets/dashboard.css%00.html HTTP/1.1",
        "GET /api/events/1%00 HTTP/1.1",
        "GET /dyads/..%2f..%2fetc%2fpasswd HTTP/1.1",
        "GET /events/%2e%2e HTTP/1.1",
        "GET /api/../../etc/passwd HTTP/1.1",
    ] {
        let (status, body) = server.raw(request);
        assert!((400..500).contains(&status), "{request}: {status}");
        no_trace(&body);
        assert!(!body.contains("[package]"), "{request} served a file from disk");
    }
    let (status, _) = server.raw("GET /assets/dashboard.css HTTP/1.1");
    assert_eq!(status, 200);
}

#[test]
fn article_text_is_escaped_in_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let server = start(config(&db));
    let (_, listing) = server.get("/api/events?dyad=IRN-USA&quad=3");
    let page: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let id = page["events"][0]["id"].as_i64().expect("the hostile event");
    for path in [format!("/events/{id}"), "/events?dyad=IRN-USA&quad=3".to_string(), "/dyads/IRN-USA".to_string()] {
        let (status, html) = server.get(&path);
        assert_eq!(status, 200, "{path}: {html}");
        for live in ["<script>window", "<img src=x", "<b onmouseover", "<svg onload", "href=\"javascript:"] {
            assert!(!html.contains(live), "{path} has live markup {live:?}");
        }
        assert!(
            html.contains("&lt;script&gt;") || html.contains("&lt;b onmouseover"),
            "{path}: the text is shown escaped"
        );
    }
    let response = ureq::get(&server.url(&format!("/events/{id}"))).call().unwrap();
    let policy = response.header("content-security-policy").unwrap_or_default();
    assert!(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), "{policy}");
}

#[test]
fn loopback_unless_asked_and_then_only_with_a_token() {
    let config = ServeConfig::new("x.db");
    assert!(config.bind.ip().is_loopback());
    let mut open = ServeConfig::new("x.db");
    open.bind = "0.0.0.0:0".parse().unwrap();
    assert!(matches!(open.check(), Err(ConfigError::OpenWithoutToken { .. })));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let refused = runtime.block_on(tripwire_server::Server::bind(&open));
    assert!(refused.is_err(), "an open address without a token must not bind");

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.db");
    small_store(&db);
    let server = start(config_loopback(&db));
    assert!(server.addr.ip().is_loopback());
}

fn config_loopback(db: &std::path::Path) -> ServeConfig {
    let mut config = ServeConfig::new(db);
    config.fit_watch = false;
    config
}

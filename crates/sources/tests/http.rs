//! Fetching feed URLs from a small HTTP server on 127.0.0.1 started by each test: bodies, status
//! errors, size caps, redirects followed and refused, the address policy in every spelling of a
//! private address, and conditional requests.

use std::net::TcpListener;
use tripwire_sources::feed::parse_feed;
use tripwire_sources::http::{fetch, fetch_if_changed, Validators};
use tripwire_sources::testing::{LocalServer, Reply};
use tripwire_sources::{FetchPolicy, SourceError};

const FEED: &str = r#"<rss version="2.0"><channel><title>Wire</title>
<item><guid>w-1</guid><pubDate>Sat, 07 Feb 2026 09:00:00 GMT</pubDate><title>Talks</title>
<description>India threatened Pakistan with sanctions.</description></item></channel></rss>"#;

fn server(handler: impl Fn(&tripwire_sources::testing::Request) -> Reply + Send + Sync + 'static) -> LocalServer {
    LocalServer::start(handler).expect("a local test server starts")
}

/// The default policy, plus the test server itself.
fn policy_for(server: &LocalServer) -> FetchPolicy {
    FetchPolicy::allowing(server.address())
}

#[test]
fn a_feed_is_fetched_from_a_local_server_and_parsed() {
    let feeds = server(|_| Reply::new(200, FEED).header("ETag", "\"v1\""));
    let url = feeds.url("/feeds/world.rss");
    let fetched = fetch(&url, &policy_for(&feeds)).expect("the local server answers");
    let requests = feeds.requests();
    assert_eq!(requests.len(), 1);
    assert!(requests[0].head.starts_with("GET /feeds/world.rss HTTP/1.1"), "{}", requests[0].head);
    assert_eq!(fetched.bytes, FEED.as_bytes());
    assert_eq!(fetched.validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(parse_feed(&fetched.bytes, &url).expect("parses").len(), 1);
}

#[test]
fn an_upper_case_scheme_is_accepted() {
    let feeds = server(|_| Reply::new(200, FEED));
    let url = feeds.url("/feed").replace("http://", "HTTP://");
    assert!(fetch(&url, &policy_for(&feeds)).is_ok(), "{url}");
}

#[test]
fn http_errors_name_the_url_and_status() {
    let feeds = server(|_| Reply::new(404, "no such feed"));
    let url = feeds.url("/missing.rss");
    let error = fetch(&url, &policy_for(&feeds)).expect_err("404 is an error");
    assert!(matches!(error, SourceError::Status { status: 404, .. }), "{error}");
    assert!(error.to_string().contains(&url), "{error}");
}

#[test]
fn responses_over_the_size_cap_are_refused() {
    let feeds = server(|_| Reply::new(200, vec![b' '; 4096]));
    let policy = FetchPolicy { max_bytes: 1000, ..policy_for(&feeds) };
    let error = fetch(&feeds.url("/big"), &policy).expect_err("too large");
    assert!(matches!(error, SourceError::TooLarge { limit: 1000, .. }), "{error}");
}

#[test]
fn unreachable_hosts_and_other_schemes_are_clear_errors() {
    // Bind and drop a listener so the port is very likely closed.
    let address = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a port");
    let url = format!("http://{address}/feed.xml");
    let error = fetch(&url, &FetchPolicy::allowing(address)).expect_err("nothing listens there");
    assert!(error.to_string().starts_with(&url), "{error}");
    for other in ["file:///etc/passwd", "ftp://example.org/feed", "http://:8080/feed"] {
        let error = fetch(other, &FetchPolicy::default()).expect_err("only http(s) with a host");
        assert!(matches!(error, SourceError::UnsupportedUrl { .. }), "{other}: {error}");
    }
}

#[test]
fn redirect_to_file_url_is_refused_not_a_panic() {
    for location in ["file:///etc/passwd", "data:text/plain,hello", "mailto:editor@example.org", "javascript:alert(1)"]
    {
        let feeds = server(move |_| Reply::redirect(302, location));
        let url = feeds.url("/");
        let error = fetch(&url, &policy_for(&feeds)).expect_err("the redirect is refused");
        match &error {
            SourceError::RedirectRefused { url: from, location: to, reason } => {
                assert_eq!(from, &url);
                assert_eq!(to, location);
                assert!(reason.contains("only http and https"), "{reason}");
            }
            other => panic!("{location}: expected a refused redirect, got {other}"),
        }
        assert_eq!(feeds.requests().len(), 1);
    }
}

#[test]
fn redirects_to_http_urls_are_followed_relative_or_absolute() {
    let feeds = server(|request| match request.path() {
        "/old" => Reply::redirect(301, "/moved"),
        "/moved" => Reply::redirect(307, "moved-again"),
        _ => Reply::new(200, FEED),
    });
    let fetched = fetch(&feeds.url("/old"), &policy_for(&feeds)).expect("followed");
    assert_eq!(fetched.url, feeds.url("/moved-again"));
    let paths: Vec<String> = feeds.requests().iter().map(|r| r.path().to_string()).collect();
    assert_eq!(paths, ["/old", "/moved", "/moved-again"]);
}

#[test]
fn redirect_loops_stop_at_the_limit() {
    let feeds = server(|_| Reply::redirect(302, "/again"));
    let policy = FetchPolicy { max_redirects: 3, ..policy_for(&feeds) };
    let error = fetch(&feeds.url("/"), &policy).expect_err("a loop");
    assert!(matches!(error, SourceError::TooManyRedirects { limit: 3, .. }), "{error}");
    assert_eq!(feeds.requests().len(), 4, "the first request and three redirects");
}

#[test]
fn private_addresses_refused_in_every_spelling() {
    let feeds = server(|_| Reply::new(200, FEED));
    let port = feeds.address().port();
    let spellings = [
        format!("http://127.0.0.1:{port}/"),
        format!("http://0x7f000001:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://0177.0.0.1:{port}/"),
        format!("http://127.1:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://[::ffff:7f00:1]:{port}/"),
        format!("http://localhost:{port}/"),
        format!("HTTP://LOCALHOST:{port}/"),
        "http://[::ffff:169.254.169.254]/latest/meta-data/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.1/".to_string(),
        "http://[fd00::1]/".to_string(),
    ];
    // Directly, under the default policy: refused before any connection.
    for url in &spellings {
        let error = fetch(url, &FetchPolicy::default()).expect_err("refused");
        assert!(matches!(error, SourceError::Refused { .. }), "{url}: {error}");
        assert!(error.to_string().contains("--allow-private"), "{url}: {error}");
    }
    assert!(feeds.requests().is_empty(), "nothing reached the server");

    // After a redirect from the one allowed address: refused at the hop.
    let target = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let shared = target.clone();
    let redirecting = server(move |_| Reply::redirect(302, &shared.lock().map(|t| t.clone()).unwrap_or_default()));
    for url in spellings.iter().filter(|u| !u.starts_with(&format!("http://127.0.0.1:{port}"))) {
        *target.lock().expect("lock") = url.clone();
        let error = fetch(&redirecting.url("/feed"), &policy_for(&redirecting)).expect_err("refused after redirect");
        assert!(matches!(error, SourceError::RedirectRefused { .. }), "{url}: {error}");
        assert!(error.to_string().contains("not a public internet address"), "{url}: {error}");
    }
    assert!(feeds.requests().is_empty(), "no redirect reached the other server");

    // Asked for: --allow-private fetches from loopback in any spelling.
    let allow = FetchPolicy { allow_private: true, ..FetchPolicy::default() };
    assert!(fetch(&format!("http://0x7f000001:{port}/"), &allow).is_ok());
}

#[test]
fn conditional_requests_send_the_validators_and_read_304() {
    let feeds = server(|request| {
        if request.header("If-None-Match") == Some("\"v1\"") {
            Reply::new(304, Vec::new())
        } else {
            Reply::new(200, FEED).header("ETag", "\"v1\"").header("Last-Modified", "Sat, 07 Feb 2026 09:00:00 GMT")
        }
    });
    let url = feeds.url("/feed.rss");
    let policy = policy_for(&feeds);
    let first = fetch_if_changed(&url, &policy, &Validators::default()).expect("fetched").expect("a body");
    assert_eq!(first.validators.last_modified.as_deref(), Some("Sat, 07 Feb 2026 09:00:00 GMT"));
    let again = fetch_if_changed(&url, &policy, &first.validators).expect("fetched");
    assert!(again.is_none(), "304: unchanged");
    let requests = feeds.requests();
    assert_eq!(requests[1].header("If-Modified-Since"), Some("Sat, 07 Feb 2026 09:00:00 GMT"));
}

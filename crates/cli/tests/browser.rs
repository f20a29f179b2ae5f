//! The dashboard in a real browser: a store filled with the example articles and the shared
//! ICEWS history, `tripwire serve` on it, and `crates/server/browser-tests/dashboard.mjs`
//! driving headless Chromium through every page (clicks, a brief, axe-core, screenshots at
//! desktop and phone sizes into the target folder).
//!
//! Needs node, Debian's chromium and the test's npm packages (`npm ci` in that folder), all of
//! which `.ci/run` installs. Without them the test says so and skips, except in CI
//! (`CI=true`), where a missing browser is a failure.
#![cfg(feature = "server")]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const ICEWS: &str = "../shared/data/events/icews05-15-sample.tsv";
const TOKEN: &str = "browser-test-token-0123456789";

fn tripwire() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tripwire"));
    command.current_dir(REPO);
    command
}

fn skip_or_fail(why: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{why} (CI must run the browser tests; .ci/run installs what they need)");
    }
    eprintln!("skipped: {why}");
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn health(base: &str) -> String {
    ureq::get(&format!("{base}/api/health"))
        .timeout(Duration::from_secs(10))
        .call()
        .ok()
        .and_then(|r| r.into_string().ok())
        .unwrap_or_default()
}

#[test]
fn the_dashboard_works_in_a_browser() {
    let tests = Path::new(REPO).join("crates/server/browser-tests");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string());
    if !runs("node", "--version") || !Path::new(&chromium).exists() {
        return skip_or_fail("node or chromium is not installed here");
    }
    if !tests.join("node_modules/playwright-core").is_dir() || !tests.join("node_modules/axe-core").is_dir() {
        return skip_or_fail(
            "the browser test's npm packages are not installed (npm ci in crates/server/browser-tests)",
        );
    }
    if !Path::new(REPO).join(ICEWS).is_file() {
        return skip_or_fail("the shared ICEWS history is absent");
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("browser.db");
    let db_arg = db.to_str().unwrap();
    // The example articles (JSON Lines; the plain-text briefs beside them carry no date).
    let mut articles: Vec<PathBuf> = std::fs::read_dir(Path::new(REPO).join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    articles.sort();
    assert!(tripwire().arg("ingest").args(&articles).args(["--db", db_arg]).status().unwrap().success());
    assert!(tripwire().args(["import", ICEWS, "--db", db_arg]).stdout(Stdio::null()).status().unwrap().success());

    let mut child = tripwire()
        .args(["serve", "--db", db_arg, "--bind", "127.0.0.1:0", "--date", "2015-12-31"])
        .env("TRIPWIRE_TOKEN", TOKEN)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .map(|w| w.trim_end_matches('/').to_string())
        .unwrap_or_else(|| panic!("no address in {first:?}"));

    // The watch and the backtest fit in the background; the pages that show them wait for it.
    let started = Instant::now();
    loop {
        let status = health(&base);
        if status.contains("\"watch\":\"ready\"") && status.contains("\"backtest\":\"ready\"") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(600), "the watch was not ready in ten minutes: {status}");
        std::thread::sleep(Duration::from_millis(500));
    }

    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    let output = Command::new("node")
        .arg(tests.join("dashboard.mjs"))
        .env("TRIPWIRE_URL", &base)
        .env("TRIPWIRE_TOKEN", TOKEN)
        .env("SCREENSHOTS", &shots)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    drop(server);
    assert!(output.status.success(), "the browser test failed:\n{report}");
    assert!(report.contains(", 0 failed"), "{report}");
}

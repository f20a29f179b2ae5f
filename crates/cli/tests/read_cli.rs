//! The read commands end to end: `events`, `series` and `export` open the store read-only (they
//! work in a folder nobody may write to, and never create a store), and every table and report
//! for people escapes control characters while JSON stays JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_tripwire")
}

fn tripwire(args: &[&str]) -> Output {
    Command::new(binary())
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env_remove("TRIPWIRE_DB")
        .output()
        .expect("tripwire runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> (String, String) {
    assert!(out.status.success(), "failed ({:?}):\n{}\n{}", out.status, text(&out.stderr), text(&out.stdout));
    (text(&out.stdout), text(&out.stderr))
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-read-cli-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// A store holding the demo's events.
fn demo_store(dir: &Path) -> PathBuf {
    let db = dir.join("store/demo.db");
    ok(&tripwire(&["demo", "--db", db.to_str().expect("utf-8 path")]));
    db
}

/// The effective user id, from /proc (Linux); `None` elsewhere.
fn effective_uid() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// How to run tripwire as someone who cannot write to a read-only folder. Root writes anywhere,
/// so as root the command runs as `nobody` through `setpriv`; `None` when that is not possible.
fn unprivileged() -> Option<Vec<String>> {
    if effective_uid() != Some(0) {
        return Some(vec![binary().to_string()]);
    }
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].into_iter().find(|p| Path::new(p).exists())?;
    let runner: Vec<String> =
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", binary()].map(String::from).to_vec();
    let probe = Command::new(&runner[0]).args(&runner[1..]).arg("--version").output().ok()?;
    probe.status.success().then_some(runner)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(unix)]
#[test]
fn read_commands_open_read_only_folders() {
    let Some(runner) = unprivileged() else {
        eprintln!("skipped: running as root without setpriv, so no folder is read-only to this test");
        return;
    };
    let dir = scratch("read-only");
    let db = demo_store(&dir);
    let folder = db.parent().expect("folder").to_path_buf();
    let db_arg = db.to_str().expect("utf-8");
    let (expected, _) = ok(&tripwire(&["events", "--mentions", "--format", "json", "--db", db_arg]));
    let (deduplicated, _) = ok(&tripwire(&["events", "--format", "json", "--db", db_arg]));
    // Readable by anyone, writable by no one.
    set_mode(&dir, 0o755);
    set_mode(&db, 0o444);
    set_mode(&folder, 0o555);
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(&folder)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing();
    let run = |args: &[&str]| -> Output {
        Command::new(&runner[0]).args(&runner[1..]).args(args).output().expect("tripwire runs")
    };
    let events = run(&["events", "--mentions", "--format", "json", "--db", db_arg]);
    let (got, _) = ok(&events);
    assert_eq!(got, expected, "the same events as a writable store gives");
    let (table, _) = ok(&run(&["events", "--db", db_arg]));
    assert!(table.lines().count() > 1, "{table}");
    let (series, _) = ok(&run(&["series", "IRN-USA", "--both", "--db", db_arg]));
    assert!(series.lines().count() > 1, "{series}");
    let (tsv, _) = ok(&run(&["export", "--format", "gdelt", "--db", db_arg]));
    assert_eq!(tsv.lines().count(), deduplicated.lines().count(), "the deduplicated events: {tsv}");
    assert_eq!(listing(), before, "reading wrote nothing beside the store");
    set_mode(&folder, 0o755);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn read_command_never_creates_a_store() {
    let dir = scratch("never-creates");
    let typo = dir.join("typo/store.db");
    let typo_arg = typo.to_str().expect("utf-8");
    for args in [
        vec!["events", "--db", typo_arg],
        vec!["events", "--format", "json", "--db", typo_arg],
        vec!["series", "IRN-USA", "--db", typo_arg],
        vec!["export", "--format", "jsonl", "--db", typo_arg],
    ] {
        let out = tripwire(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("store.db") && stderr.contains("does not exist"), "{args:?}: {stderr}");
        assert!(!stderr.contains("0 events"), "{stderr}");
        assert!(text(&out.stdout).is_empty(), "{args:?}");
        assert!(!dir.join("typo").exists(), "{args:?} created a folder");
    }
    // Through $TRIPWIRE_DB too.
    let out = Command::new(binary()).args(["events"]).env("TRIPWIRE_DB", &typo).output().expect("runs");
    assert!(!out.status.success() && text(&out.stderr).contains("does not exist"));
    assert!(!dir.join("typo").exists());
    std::fs::remove_dir_all(&dir).ok();
}

const HOSTILE: &str = "\u{1b}[2J\r\u{8}";

fn has_raw_controls(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn control_characters_are_escaped_in_tables() {
    let dir = scratch("escapes");
    let article = serde_json::json!({
        "id": format!("evil{HOSTILE}"),
        "date": "2026-02-06",
        "source": format!("wire{HOSTILE}"),
        "title": format!("Title{HOSTILE}"),
        "text": format!("Iran accused the United States of sabotage {HOSTILE} on Tuesday."),
    });
    let input = dir.join("articles.jsonl");
    std::fs::write(&input, format!("{article}\n")).expect("write");
    let db = dir.join("s.db");
    let db_arg = db.to_str().expect("utf-8");
    ok(&tripwire(&["ingest", "--db", db_arg, input.to_str().expect("utf-8")]));

    // The events table: visible escapes, no raw control character.
    let (table, _) = ok(&tripwire(&["events", "--db", db_arg]));
    assert!(!has_raw_controls(&table), "{table:?}");
    assert!(table.contains("sabotage \\e[2J\\r\\u{8} on Tuesday"), "{table}");
    assert!(table.contains("wire\\e[2J"), "{table}");
    // JSON stays JSON, with the text exactly as stored.
    let (json, _) = ok(&tripwire(&["events", "--format", "json", "--db", db_arg]));
    let event: serde_json::Value = serde_json::from_str(json.lines().next().expect("an event")).expect("json");
    assert!(event["sentence"].as_str().expect("sentence").contains(HOSTILE));
    assert!(!json.contains('\u{1b}'), "serde escapes it: {json:?}");

    // The demo prints article ids, titles and snippets.
    let (demo, _) = ok(&tripwire(&["demo", "--examples", dir.to_str().expect("utf-8")]));
    assert!(!has_raw_controls(&demo), "{demo:?}");
    assert!(demo.contains("evil\\e[2J") && demo.contains("Title\\e[2J"), "{demo}");

    // The import report names the file, whatever its name holds.
    let mut row = vec![String::new(); 61];
    for (i, v) in [(0, "1"), (1, "20260206"), (2, "202602"), (3, "2026"), (4, "2026.1"), (5, "IRNGOV"), (7, "IRN")]
        .into_iter()
        .chain([(15, "USAGOV"), (17, "USA"), (25, "1"), (26, "112"), (27, "112"), (28, "11"), (29, "3"), (30, "-2.0")])
        .chain([(59, "20260206000000"), (60, "https://example.test/1")])
    {
        row[i] = v.to_string();
    }
    let named = dir.join(format!("gdelt{HOSTILE}.tsv"));
    std::fs::write(&named, format!("{}\n", row.join("\t"))).expect("write");
    let report = tripwire(&["import", "--dry-run", "--format", "gdelt2", named.to_str().expect("utf-8")]);
    let (stdout, _) = ok(&report);
    assert!(!has_raw_controls(&stdout), "{stdout:?}");
    assert!(stdout.contains("gdelt\\e[2J\\r\\u{8}.tsv"), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

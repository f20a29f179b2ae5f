//! The `tripwire` binary end to end: coding files and standard input, output formats, and the
//! errors a user sees for bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn tripwire(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tripwire runs");
    // The process may exit before reading (a bad argument): a closed pipe is not a failure here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("tripwire finishes")
}

fn scratch(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("scratch file");
    path
}

#[test]
fn codes_plain_text_from_stdin_as_json_lines() {
    let out = tripwire(&["code", "--date", "2026-02-06"], b"Iran imposed new sanctions on Israel in Muscat.");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let event: serde_json::Value = serde_json::from_str(stdout.lines().next().expect("one event")).expect("json");
    assert_eq!(event["source_code"], "IRN");
    assert_eq!(event["target_code"], "ISR");
    assert_eq!(event["event_code"].as_str().map(|c| &c[..2]), Some("16"));
    assert_eq!(event["location"]["name"], "Muscat");
    for key in ["article_id", "sentence_index", "span", "date", "goldstein", "quad_class", "plover_event", "matched"] {
        assert!(event.get(key).is_some(), "missing {key}");
    }
    // The span points at the words in the input.
    let span = event["span"].as_array().expect("span");
    let (start, end) = (span[0].as_u64().expect("start") as usize, span[1].as_u64().expect("end") as usize);
    assert_eq!(&"Iran imposed new sanctions on Israel in Muscat."[start..end], "Iran imposed new sanctions on Israel");
}

#[test]
fn gdelt_rows_have_61_columns() {
    let out = tripwire(
        &["code", "--date", "2026-02-06", "--format", "gdelt", "--header"],
        b"Iran imposed new sanctions on Israel.",
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 2, "{stdout}");
    for line in lines {
        assert_eq!(line.split('\t').count(), 61, "{line}");
    }
}

#[test]
fn json_lines_articles_bad_lines_are_reported_and_skipped() {
    let input = concat!(
        r#"{"id":"ok","date":"2026-02-06","text":"Iran imposed new sanctions on Israel."}"#,
        "\n",
        r#"{"id":"bad-date","date":"06/02/2026","text":"Iran imposed new sanctions on Israel."}"#,
        "\n",
        "not json\n"
    );
    let path = scratch("articles.jsonl", input.as_bytes());
    let out = tripwire(&["code", path.to_str().expect("path")], b"");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("articles.jsonl:2: bad date"), "{stderr}");
    assert!(stderr.contains("articles.jsonl:3: not a JSON article"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.lines().all(|l| l.contains("\"article_id\":\"ok\"")));
    assert!(!stdout.is_empty());
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_lossy_reads_on() {
    let path = scratch("bad.txt", b"Iran imposed new sanctions on Israel. \xff\xfe");
    let out = tripwire(&["code", "--date", "2026-02-06", path.to_str().expect("path")], b"");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid UTF-8 at byte offset 38"), "{stderr}");
    let out = tripwire(&["code", "--lossy", "--date", "2026-02-06", path.to_str().expect("path")], b"");
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
}

#[test]
fn empty_input_bad_date_and_missing_file_are_clear_errors() {
    let out = tripwire(&["code", "--date", "2026-02-06"], b"   \n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty input"));

    let out = tripwire(&["code", "--date", "06/02/2026"], b"Iran imposed sanctions on Israel.");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected YYYY-MM-DD"));

    let out = tripwire(&["code"], b"Iran imposed sanctions on Israel.");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));

    let out = tripwire(&["code", "--date", "2026-02-06", "/nonexistent/file.txt"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.txt"));
}

#[test]
fn a_malformed_dictionary_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("tripwire-cli-dict-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("broken.twd"), "country IRN Iran\nverb hit hits\n  code 999\n").expect("write");
    let out =
        tripwire(&["code", "--date", "2026-02-06", "--dictionaries", dir.to_str().expect("dir")], b"Iran hits Iraq.");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.twd:3"), "{stderr}");
}

#[test]
fn demo_codes_the_examples() {
    let out = tripwire(&["demo"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert!(stdout.contains("muscat-talks"));
    assert!(stdout.contains("IRNGOV"));
}

#[test]
fn eval_prints_json_with_the_required_keys() {
    let records = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/validation/PETR.UnitTest.records.xml");
    if !std::path::Path::new(records).exists() {
        eprintln!("skipping: {records} not found");
        return;
    }
    let dictionaries = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/cameo");
    let out = tripwire(&["eval", records, "--dictionaries", dictionaries, "--mode", "parse", "--json"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in ["records", "exact", "exact_rate", "precision", "recall", "f1"] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    assert_eq!(report["records"], 141);
}

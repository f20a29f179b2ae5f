//! `tripwire code` on several threads and from the compiled-dictionary cache writes exactly what
//! one thread with a cold start writes; an over-long sentence is cut and still codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn code(cache: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .arg("code")
        .args(args)
        .env("TRIPWIRE_CACHE_DIR", cache)
        .current_dir(root())
        .output()
        .expect("tripwire runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Every example article, three times over, as one JSON Lines file.
fn examples_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut text = String::new();
    for round in 0..3 {
        for file in &files {
            for line in std::fs::read_to_string(file).expect("example reads").lines() {
                let mut article: serde_json::Value = serde_json::from_str(line).expect("article");
                article["id"] = format!("{}-{round}", article["id"].as_str().unwrap_or("")).into();
                text.push_str(&article.to_string());
                text.push('\n');
            }
        }
    }
    let path = dir.join("examples.jsonl");
    std::fs::write(&path, text).expect("write examples");
    path
}

#[test]
fn any_number_of_jobs_writes_the_same_output() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = examples_file(dir.path());
    let input = input.to_str().expect("utf-8 path");
    let cache = dir.path().join("cache");
    for format in ["json", "gdelt", "record"] {
        let one = code(&cache, &["--jobs", "1", "--format", format, input]).stdout;
        assert!(one.iter().filter(|&&b| b == b'\n').count() > 30, "the examples code to events");
        for jobs in ["2", "3", "0"] {
            let many = code(&cache, &["--jobs", jobs, "--format", format, input]).stdout;
            assert!(one == many, "--jobs {jobs} --format {format} differs from --jobs 1");
        }
    }
}

#[test]
fn cached_and_corrupt_cache_starts_write_the_cold_output() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = examples_file(dir.path());
    let input = input.to_str().expect("utf-8 path");
    let cold = Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(["code", "--jobs", "1", input])
        .env("TRIPWIRE_CACHE_DIR", "off")
        .current_dir(root())
        .output()
        .expect("tripwire runs");
    assert!(cold.status.success());

    let cache = dir.path().join("cache");
    let first = code(&cache, &[input]).stdout;
    let files: Vec<PathBuf> = std::fs::read_dir(&cache).expect("cache written").flatten().map(|e| e.path()).collect();
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    let second = code(&cache, &[input]).stdout;
    assert!(cold.stdout == first && first == second, "cached output differs from the cold start");

    // Damage the file: the next start compiles, writes the same, and repairs the cache.
    let mut bytes = std::fs::read(&files[0]).expect("cache file");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    bytes.truncate(bytes.len() - 100);
    std::fs::write(&files[0], &bytes).expect("damage");
    let repaired = code(&cache, &[input]).stdout;
    assert!(repaired == cold.stdout, "a corrupt cache changed the output");
    assert_ne!(std::fs::read(&files[0]).expect("cache file"), bytes, "the corrupt file was replaced");
}

#[test]
fn an_over_long_sentence_is_cut_and_still_codes() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let filler = "and then some more words came after that ".repeat(200);
    let text = format!("{filler} Iran imposed new sanctions on Israel {filler}");
    let article = serde_json::json!({"id": "long", "date": "2024-03-01", "text": text});
    let path = dir.path().join("long.jsonl");
    std::fs::write(&path, format!("{article}\n")).expect("write");
    let out = code(&dir.path().join("cache"), &["--format", "json", path.to_str().expect("utf-8 path")]);
    let events: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).expect("utf-8").lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    let sanction = events
        .iter()
        .find(|e| e["source_code"] == "IRN" && e["target_code"] == "ISR")
        .unwrap_or_else(|| panic!("no IRN→ISR event in {events:?}"));
    // Cut into pieces: the event's sentence is not the first, and is far shorter than the text.
    assert!(sanction["sentence_index"].as_u64().is_some_and(|i| i > 0), "{sanction}");
}

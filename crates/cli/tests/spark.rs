//! The Spark scale-out job (scripts/spark/tripwire_spark.py) in Spark local mode gives the same
//! events and the same daily dyad series as the embedded path on the same articles.
//!
//! Needs Java and pyspark. The Python is `$TRIPWIRE_SPARK_PYTHON`, else the virtualenv `.ci/run`
//! makes (`~/.cache/tripwire/spark-venv`), else `python3`. Without them the test says so and
//! skips, except in CI (`CI=true`), where a missing Spark is a failure.
#![cfg(feature = "parquet")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use tripwire_store::export::parquet::{read_partitioned, write_partitioned};
use tripwire_store::EventRecord;

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn spark_python() -> PathBuf {
    if let Some(python) = std::env::var_os("TRIPWIRE_SPARK_PYTHON").filter(|p| !p.is_empty()) {
        return PathBuf::from(python);
    }
    let venv = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/tripwire/spark-venv/bin/python"));
    venv.filter(|p| p.exists()).unwrap_or_else(|| PathBuf::from("python3"))
}

fn runs(command: &mut Command) -> bool {
    command.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// The Python that has pyspark, when Java and pyspark are both here.
fn spark_available() -> Option<PathBuf> {
    let python = spark_python();
    let java = runs(Command::new("java").arg("-version"));
    let pyspark = runs(Command::new(&python).args(["-c", "import pyspark"]));
    if java && pyspark {
        return Some(python);
    }
    let missing = format!(
        "Spark is not installed here (java: {java}, pyspark in {}: {pyspark}); .ci/run installs both",
        python.display()
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{missing}");
    }
    eprintln!("skipping the Spark test: {missing}");
    None
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tripwire-spark-test-{}", std::process::id())).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn example_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(REPO).join("examples"))
        .expect("examples folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no example articles");
    files
}

fn checked(output: Output, what: &str) -> String {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

/// A private copy of the binary under test: the shared build folder's copy may be rebuilt by
/// another cargo command while this test runs, and every path must run the same coder.
fn binary_copy(work: &Path) -> PathBuf {
    let copy = work.join("tripwire");
    std::fs::copy(env!("CARGO_BIN_EXE_tripwire"), &copy).expect("copying the tripwire binary");
    copy
}

fn run_job(python: &Path, binary: &Path, args: &[&str]) -> String {
    let output = Command::new(python)
        .arg(Path::new(REPO).join("scripts/spark/tripwire_spark.py"))
        .args(["--master", "local[2]", "--tripwire", binary.to_str().expect("utf-8 path")])
        .args(args)
        .output()
        .expect("the Spark job starts");
    checked(output, "the Spark job")
}

fn tripwire(binary: &Path, args: &[&str]) -> String {
    let output = Command::new(binary).args(args).output().expect("tripwire runs");
    checked(output, &format!("tripwire {}", args.join(" ")))
}

/// Records in a canonical order, so that outputs written in different orders compare equal.
fn canonical(mut records: Vec<EventRecord>) -> Vec<EventRecord> {
    records.sort_by_cached_key(|r| serde_json::to_string(r).expect("record serialises"));
    records
}

#[derive(Debug, Default, Clone, PartialEq)]
struct Day {
    events: u64,
    goldstein_sum: f64,
    goldstein_mean: Option<f64>,
    quads: [u64; 4],
}

type Series = BTreeMap<(String, String, NaiveDate), Day>;

/// The daily dyad series by its definition, straight from the records.
fn series_of(records: &[EventRecord]) -> Series {
    let mut series = Series::new();
    let mut scored: BTreeMap<(String, String, NaiveDate), u64> = BTreeMap::new();
    for r in records {
        let (Some(source), Some(target)) = (&r.source_country, &r.target_country) else { continue };
        let key = (source.clone(), target.clone(), r.date);
        let day = series.entry(key.clone()).or_default();
        day.events += 1;
        if let Some(g) = r.goldstein {
            day.goldstein_sum += f64::from(g);
            *scored.entry(key).or_default() += 1;
        }
        if let Some(q @ 1..=4) = r.quad_class {
            day.quads[usize::from(q) - 1] += 1;
        }
    }
    for (key, day) in series.iter_mut() {
        day.goldstein_mean = scored.get(key).map(|&n| day.goldstein_sum / n as f64);
    }
    series
}

fn day_of_json(row: &serde_json::Value) -> Day {
    let count = |k: &str| row[k].as_u64().unwrap_or_else(|| panic!("{k} in {row}"));
    Day {
        events: count("events"),
        goldstein_sum: row["goldstein_sum"].as_f64().unwrap_or_else(|| panic!("goldstein_sum in {row}")),
        goldstein_mean: row["goldstein_mean"].as_f64(),
        quads: [count("quad1"), count("quad2"), count("quad3"), count("quad4")],
    }
}

/// The series the Spark job wrote as JSON (one or more part files).
fn read_spark_series(dir: &Path) -> Series {
    let mut series = Series::new();
    let mut parts: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("series folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("part-")))
        .collect();
    parts.sort();
    for part in parts {
        for line in std::fs::read_to_string(&part).expect("series part").lines().filter(|l| !l.trim().is_empty()) {
            let row: serde_json::Value = serde_json::from_str(line).expect("series JSON");
            let text = |k: &str| row[k].as_str().unwrap_or_else(|| panic!("{k} in {row}")).to_string();
            let date = NaiveDate::parse_from_str(&text("date"), "%Y-%m-%d").expect("series date");
            let previous = series.insert((text("source_country"), text("target_country"), date), day_of_json(&row));
            assert!(previous.is_none(), "day listed twice: {row}");
        }
    }
    series
}

fn assert_same_series(got: &Series, expected: &Series, what: &str) {
    let keys = |s: &Series| s.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(got), keys(expected), "{what}: dyad-days differ");
    for (key, want) in expected {
        let have = &got[key];
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert_eq!((have.events, have.quads), (want.events, want.quads), "{what}: {key:?}");
        assert!(close(have.goldstein_sum, want.goldstein_sum), "{what}: {key:?}: {have:?} vs {want:?}");
        match (have.goldstein_mean, want.goldstein_mean) {
            (Some(a), Some(b)) => assert!(close(a, b), "{what}: {key:?}: {have:?} vs {want:?}"),
            (a, b) => assert_eq!(a, b, "{what}: {key:?}"),
        }
    }
}

#[test]
fn spark_job_codes_the_same_events_and_series_as_the_embedded_path() {
    let Some(python) = spark_available() else { return };
    let files = example_files();
    let file_args: Vec<&str> = files.iter().map(|f| f.to_str().expect("utf-8 path")).collect();
    let work = scratch("job");
    let binary = binary_copy(&work);

    // The embedded path: the same binary codes the same articles into stored-event records.
    let mut code_args = vec!["code", "--format", "record"];
    code_args.extend(&file_args);
    let coded: Vec<EventRecord> =
        tripwire(&binary, &code_args).lines().map(|l| serde_json::from_str(l).expect("an EventRecord line")).collect();
    assert!(coded.len() >= 10, "the examples give too few events ({}) for a meaningful comparison", coded.len());
    let expected_series = series_of(&coded);
    assert!(expected_series.len() >= 5, "too few dyad-days: {expected_series:?}");

    // The Spark job on the same articles.
    let (events_out, series_out) = (work.join("events"), work.join("series"));
    let glob = format!("{REPO}/examples/*.jsonl");
    let summary = run_job(
        &python,
        &binary,
        &[
            "--input",
            &glob,
            "--events-out",
            events_out.to_str().expect("path"),
            "--series-out",
            series_out.to_str().expect("path"),
            "--series-format",
            "json",
        ],
    );
    assert!(summary.contains(&format!("\"events\": {}", coded.len())), "job summary: {summary}");

    // Same events: Spark's Parquet, read back through the store's reader, field for field.
    let spark_events = read_partitioned(&events_out).expect("Spark's Parquet reads as events");
    assert_eq!(canonical(spark_events), canonical(coded.clone()));

    // Same daily series: Spark SQL against the definition, and against the embedded store.
    let spark_series = read_spark_series(&series_out);
    assert_same_series(&spark_series, &expected_series, "Spark SQL series vs the definition");

    let db = work.join("store.db");
    let db_arg = db.to_str().expect("path");
    let mut ingest_args = vec!["ingest", "--db", db_arg];
    ingest_args.extend(&file_args);
    tripwire(&binary, &ingest_args);
    let mut store_series = Series::new();
    let dyads: std::collections::BTreeSet<(String, String)> =
        expected_series.keys().map(|(s, t, _)| (s.clone(), t.clone())).collect();
    for (source, target) in dyads {
        let dyad = format!("{source}-{target}");
        for line in tripwire(&binary, &["series", &dyad, "--format", "json", "--db", db_arg]).lines() {
            let row: serde_json::Value = serde_json::from_str(line).expect("series JSON");
            // The store's series is dense and counts raw rows as `mentions`; Spark's lists the
            // days with events and calls the same count `events`.
            if row["mentions"].as_u64() == Some(0) {
                continue;
            }
            let mut row = row;
            row["events"] = row["mentions"].clone();
            let date = NaiveDate::parse_from_str(row["date"].as_str().expect("date"), "%Y-%m-%d").expect("date");
            store_series.insert((source.clone(), target.clone(), date), day_of_json(&row));
        }
    }
    assert_same_series(&spark_series, &store_series, "Spark SQL series vs the embedded store");

    // The embedded store's own Parquet export of the raw mentions holds the same events.
    let store_export = work.join("store-export");
    tripwire(
        &binary,
        &["export", "--format", "parquet", "--mentions", "--out", store_export.to_str().expect("path"), "--db", db_arg],
    );
    let stored = read_partitioned(&store_export).expect("the store's export reads as events");
    assert_eq!(canonical(stored), canonical(coded.clone()), "the embedded store's export vs the coder's records");

    // Spark reads the store's own Parquet export, and its SQL gives the same series from it.
    let export = work.join("export");
    write_partitioned(&export, coded).expect("export");
    let from_export = work.join("series-from-export");
    run_job(
        &python,
        &binary,
        &[
            "--from-parquet",
            export.to_str().expect("path"),
            "--series-out",
            from_export.to_str().expect("path"),
            "--series-format",
            "json",
        ],
    );
    assert_same_series(&read_spark_series(&from_export), &expected_series, "Spark SQL over the Rust export");

    let _ = std::fs::remove_dir_all(work.parent().expect("scratch root"));
}

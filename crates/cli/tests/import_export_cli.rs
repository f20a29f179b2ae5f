//! `tripwire import` and `tripwire export` end to end: hand-written GDELT 2.0 rows into a fresh
//! store with a malformed row reported by line, idempotent re-import, filtered exports, and a
//! round trip through GDELT TSV into a second store that exports the same rows.

use std::path::Path;
use std::process::{Command, Output};

fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire")).args(args).output().expect("run tripwire")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const COLUMNS: usize = 61;

/// A GDELT 2.0 row: id, date, dyad, code, quad class and Goldstein at their codebook columns
/// (0, 1, 5/7, 15/17, 26-30), an action place (51-58) and the URL (60).
fn gdelt_row(id: u64, date: &str, source: &str, target: &str, code: &str, quad: u8, goldstein: &str) -> String {
    let mut fields = vec![String::new(); COLUMNS];
    fields[0] = id.to_string();
    fields[1] = date.to_string();
    fields[2] = date[..6].to_string();
    fields[3] = date[..4].to_string();
    fields[4] = format!("{}.5000", &date[..4]);
    fields[5] = format!("{source}GOV");
    fields[6] = format!("{source} GOVERNMENT");
    fields[7] = source.to_string();
    fields[12] = "GOV".to_string();
    fields[15] = format!("{target}GOV");
    fields[16] = format!("{target} GOVERNMENT");
    fields[17] = target.to_string();
    fields[22] = "GOV".to_string();
    fields[25] = "1".to_string();
    fields[26] = code.to_string();
    fields[27] = code[..3.min(code.len())].to_string();
    fields[28] = code[..2].to_string();
    fields[29] = quad.to_string();
    fields[30] = goldstein.to_string();
    fields[31] = "4".to_string();
    fields[32] = "2".to_string();
    fields[33] = "4".to_string();
    fields[34] = "-1.5".to_string();
    fields[35] = "0".to_string();
    fields[43] = "0".to_string();
    fields[51] = "4".to_string();
    fields[52] = "Vienna, Wien, Austria".to_string();
    fields[53] = "AU".to_string();
    fields[54] = "AU09".to_string();
    fields[56] = "48.2".to_string();
    fields[57] = "16.3667".to_string();
    fields[58] = "-1995499".to_string();
    fields[59] = format!("{date}101500");
    fields[60] = format!("https://news.example.test/{id}");
    fields.join("\t")
}

fn write_fixture(dir: &Path) -> std::path::PathBuf {
    let rows = [
        gdelt_row(900001, "20150714", "IRN", "USA", "057", 1, "8.0"),
        gdelt_row(900002, "20150714", "USA", "IRN", "036", 1, "4.0"),
        "900003\t20150714\ttoo few columns".to_string(),
        gdelt_row(900004, "20150715", "RUS", "UKR", "190", 4, "-10.0"),
    ];
    let path = dir.join("20150715.export.CSV");
    std::fs::write(&path, rows.join("\n") + "\n").unwrap();
    path
}

#[test]
fn import_reports_rejections_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let db = dir.path().join("events.db");
    let (file, db) = (file.to_str().unwrap(), db.to_str().unwrap());

    let first = tripwire(&["import", file, "--db", db]);
    // A rejected row makes the run partial: status 3 (docs/exit-codes.md).
    assert_eq!(first.status.code(), Some(3), "{}", text(&first.stderr));
    let report = text(&first.stdout);
    assert!(report.contains("(gdelt2): 4 rows, 3 accepted, 1 rejected"), "{report}");
    assert!(report.contains("rejected line 3: 3 columns"), "{report}");
    assert!(report.contains("stored 3 new events"), "{report}");

    let again = tripwire(&["import", "--format", "gdelt2", file, "--db", db, "--json"]);
    assert_eq!(again.status.code(), Some(3), "{}", text(&again.stderr));
    let value: serde_json::Value = serde_json::from_str(text(&again.stdout).trim()).unwrap();
    assert_eq!(value["stored"], 0);
    assert_eq!(value["already_present"], 3);
    assert_eq!(value["rejections"][0]["line"], 3);
}

#[test]
fn export_filters_and_round_trips_through_gdelt_into_a_second_store() {
    let dir = tempfile::tempdir().unwrap();
    let file = write_fixture(dir.path());
    let db = dir.path().join("one.db");
    let second = dir.path().join("two.db");
    let tsv = dir.path().join("out.tsv");
    let (file, db, second, tsv) =
        (file.to_str().unwrap(), db.to_str().unwrap(), second.to_str().unwrap(), tsv.to_str().unwrap());
    assert_eq!(tripwire(&["import", file, "--db", db]).status.code(), Some(3));

    let dyad = tripwire(&["export", "--format", "jsonl", "--dyad", "IRN-USA", "--both", "--db", db]);
    assert!(dyad.status.success(), "{}", text(&dyad.stderr));
    let lines: Vec<serde_json::Value> = text(&dyad.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["source_country"] == "IRN" || l["source_country"] == "USA"));
    assert_eq!(lines[0]["location"]["country"], "AUT", "FIPS AU is Austria");

    let exported = tripwire(&["export", "--format", "gdelt", "--header", "--out", tsv, "--db", db]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let written = std::fs::read_to_string(tsv).unwrap();
    assert_eq!(written.lines().count(), 4, "header and three events");
    assert!(written.lines().all(|l| l.split('\t').count() == COLUMNS));

    let reimported = tripwire(&["import", tsv, "--db", second]);
    assert!(reimported.status.success(), "{}", text(&reimported.stderr));
    assert!(text(&reimported.stdout).contains("3 accepted, 0 rejected"), "{}", text(&reimported.stdout));
    let from_first = tripwire(&["export", "--format", "gdelt", "--db", db]);
    let from_second = tripwire(&["export", "--format", "gdelt", "--db", second]);
    assert!(!from_first.stdout.is_empty());
    assert_eq!(text(&from_first.stdout), text(&from_second.stdout));
}

#[test]
fn bad_arguments_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let missing = tripwire(&["import", "/no/such/file.tsv", "--db", db]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("/no/such/file.tsv"), "{}", text(&missing.stderr));
    let dyad = tripwire(&["export", "--format", "jsonl", "--dyad", "IRAN", "--db", db]);
    assert!(!dyad.status.success());
    assert!(text(&dyad.stderr).contains("IRAN"), "{}", text(&dyad.stderr));
    let parquet = tripwire(&["export", "--format", "parquet", "--db", db]);
    assert!(!parquet.status.success());
    assert!(text(&parquet.stderr).contains("--out"), "{}", text(&parquet.stderr));
}

#[test]
fn real_icews_file_imports_whole_and_exports_every_event() {
    let path =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/events/icews18/icews18-aug-oct.tsv"));
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {} is not present", path.display());
        return;
    };
    let data_lines = data.lines().skip(1).filter(|l| !l.trim().is_empty()).count();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("icews.db");
    let db = db.to_str().unwrap();
    let imported = tripwire(&["import", path.to_str().unwrap(), "--db", db, "--json"]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let report: serde_json::Value = serde_json::from_str(text(&imported.stdout).trim()).unwrap();
    println!("{report}");
    assert_eq!(report["rows"], data_lines);
    assert_eq!(report["rejected"], 0);
    assert_eq!(report["stored"], data_lines);
    let exported = tripwire(&["export", "--format", "jsonl", "--mentions", "--db", db]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    assert_eq!(text(&exported.stdout).lines().count(), data_lines);
}

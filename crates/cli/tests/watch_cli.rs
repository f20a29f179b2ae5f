//! `tripwire changes`, `watch`, `alarms`, `backtest` and `bench watch` on a small synthetic
//! store with planted escalations (always), and on the shared ICEWS sample (when present).

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
mod common;

use common::{ok, tripwire};
use tripwire_store::Store;
use tripwire_watch::testing::{government_event, Lcg};

fn scratch(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("tripwire-watch-cli-{test}-")).tempdir().unwrap()
}

const PAIRS: [(&str, &str); 4] = [("USA", "IRN"), ("IND", "PAK"), ("FRA", "DEU"), ("BRA", "ARG")];
const DAYS: u64 = 7 * 365;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 1, 1).unwrap()
}

/// USA–IRN escalates every 200 days (three weeks of verbal conflict, then two of material
/// conflict); the other pairs stay calm. Returns the store and the burst days.
fn synthetic_store(dir: &Path) -> (PathBuf, Vec<NaiveDate>) {
    let path = dir.join("synthetic.db");
    let mut random = Lcg(11);
    let bursts: Vec<u64> = (0..).map(|i| 420 + 200 * i).take_while(|&d| d + 60 < DAYS).collect();
    let mut records = Vec::new();
    for day in 0..DAYS {
        let date = start() + chrono::Days::new(day);
        for (pair, &(a, b)) in PAIRS.iter().enumerate() {
            let phase =
                bursts.iter().find(|&&s| pair == 0 && day + 21 >= s && day < s + 14).map(|&s| day as i64 - s as i64);
            let rates: (f64, f64, f64) = match phase {
                Some(offset) if offset < 0 => (0.5, 1.5, 0.0),
                Some(_) => (0.3, 1.0, 2.0),
                None => (1.5, 0.1, 0.01),
            };
            for (rate, code, goldstein, quad) in
                [(rates.0, "040", 1.0, 1), (rates.1, "111", -2.0, 3), (rates.2, "190", -10.0, 4)]
            {
                let count = rate.floor() as usize + usize::from(random.uniform() < rate.fract());
                for _ in 0..count {
                    records.push(government_event(records.len(), date, (a, b), code, goldstein, quad));
                }
            }
        }
    }
    Store::open(&path).unwrap().insert_imported(records).unwrap();
    (path, bursts.iter().map(|&d| start() + chrono::Days::new(d)).collect())
}

/// A conflict folder in the ground truth's layout, with MID onsets on the planted bursts and
/// one bad row.
fn conflict_folder(dir: &Path, bursts: &[NaiveDate]) -> PathBuf {
    use chrono::Datelike;
    let folder = dir.join("conflict");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("cow_states.csv"),
        "stateabb,ccode,statenme\nAAA,901,United States of America\nBBB,902,Iran\n",
    )
    .unwrap();
    let mut part = String::from("dispnum,ccode,styear,stmon,stday,endyear,endmon,endday,sidea\n");
    for (i, day) in bursts.iter().enumerate() {
        for (ccode, side) in [(901, 1), (902, 0)] {
            part.push_str(&format!(
                "{i},{ccode},{},{},{},{},{},{},{side}\n",
                day.year(),
                day.month(),
                day.day(),
                day.year(),
                day.month(),
                day.day()
            ));
        }
    }
    part.push_str("99,2,2007\n");
    std::fs::write(folder.join("gml_part.csv"), part).unwrap();
    folder
}

#[test]
fn the_watch_commands_on_a_synthetic_store() {
    let dir = scratch("synthetic");
    let (db, bursts) = synthetic_store(dir.path());
    let db = db.to_str().unwrap();

    let changes = ok(&tripwire(&["changes", "IRN-USA", "--db", db]));
    assert!(changes.contains("toward coercion"), "{changes}");
    let calm = ok(&tripwire(&["changes", "FRA-DEU", "--db", db, "--format", "json"]));
    assert!(calm.lines().count() <= 2, "{calm}");

    // Three days into the precursor of a late burst.
    let precursor = (bursts[bursts.len() - 2] - chrono::Days::new(18)).to_string();
    let watch = ok(&tripwire(&["watch", "--date", &precursor, "--db", db]));
    assert!(watch.contains("4 active dyads"), "{watch}");
    assert!(watch.contains("! = above the alarm threshold (7 d "), "{watch}");
    let first_row = watch.lines().skip_while(|l| !l.starts_with("dyad")).nth(1).unwrap_or("");
    assert!(first_row.starts_with("IRN-USA"), "the escalating pair ranks first:\n{watch}");

    let alarms = ok(&tripwire(&["alarms", "--date", &precursor, "--explain", "--db", db]));
    assert!(alarms.contains("IRN-USA"), "{alarms}");
    assert!(alarms.contains("recent conflict events") && alarms.contains('#'), "{alarms}");

    let report = dir.path().join("report");
    let conflict = conflict_folder(dir.path(), &bursts);
    let out = tripwire(&[
        "backtest",
        "--db",
        db,
        "--conflict",
        conflict.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
    ]);
    let table = ok(&out);
    assert_eq!(
        table.lines().filter(|l| l.starts_with("| MID onset") || l.starts_with("| surge")).count(),
        6,
        "{table}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("gml_part.csv:"), "the bad row is reported by line");
    let markdown = std::fs::read_to_string(report.join("backtest.md")).unwrap();
    assert!(markdown.contains("| forecasts from–to | count |"), "{markdown}");
    assert!(report.join("backtest.json").exists());
    #[cfg(feature = "plots")]
    for svg in ["reliability-mid_onset.svg", "reliability-surge.svg", "timeline-mid_onset.svg", "timeline-surge.svg"] {
        let text = std::fs::read_to_string(report.join(svg)).unwrap_or_else(|e| panic!("{svg}: {e}"));
        assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"), "{svg}");
        assert!(markdown.contains(&format!("]({svg})")), "the report links {svg}");
    }

    let bench = ok(&tripwire(&["bench", "watch", "--db", db, "--shared", dir.path().to_str().unwrap()]));
    for line in bench.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["bench"], "watch", "{line}");
    }
    assert!(bench.contains("\"signals_and_changes_ms\""), "{bench}");
}

#[test]
fn bad_arguments_are_refused_clearly() {
    let dir = scratch("refused");
    let missing = dir.path().join("none.db");
    let out = tripwire(&["changes", "USA-USA", "--db", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("two different ISO-3 countries"));
    let out = tripwire(&["watch", "--db", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
    assert!(!missing.exists(), "reading never creates a store");
}

#[test]
fn the_shared_icews_sample_backtests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let sample = root.join("shared/data/events/icews05-15-sample.tsv");
    let conflict = root.join("shared/data/conflict");
    if !sample.exists() || !conflict.join("gml_part.csv").exists() {
        eprintln!("skipped: {} or {} absent", sample.display(), conflict.display());
        return;
    }
    let dir = scratch("icews");
    let db = dir.path().join("icews.db");
    let db = db.to_str().unwrap();
    ok(&tripwire(&["import", sample.to_str().unwrap(), "--db", db]));
    let changes = ok(&tripwire(&["changes", "CHN-JPN", "--db", db]));
    assert!(changes.contains("2012-") && changes.contains("toward coercion"), "{changes}");
    let table = ok(&tripwire(&["backtest", "--db", db, "--conflict", conflict.to_str().unwrap()]));
    assert_eq!(
        table.lines().filter(|l| l.starts_with("| MID onset") || l.starts_with("| surge")).count(),
        6,
        "{table}"
    );
}

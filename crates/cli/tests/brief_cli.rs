//! `tripwire brief` on the written test articles in `examples/briefs/`: the verdict of each, and
//! that the evidence names the events that decided it; then with a synthetic store behind it.

use chrono::NaiveDate;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tripwire_store::Store;
use tripwire_watch::testing::{government_event, Lcg};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(args)
        .current_dir(repository())
        .env_remove("TRIPWIRE_DB")
        .output()
        .expect("tripwire runs")
}

fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}

/// The brief of one example article, as JSON.
fn brief(file: &str, extra: &[&str]) -> Value {
    let path = format!("examples/briefs/{file}");
    let mut args = vec!["brief", "--json", "--date", "2026-03-10", path.as_str()];
    args.extend_from_slice(extra);
    let stdout = ok(&tripwire(&args));
    serde_json::from_str(stdout.lines().next().expect("one brief")).expect("the brief is JSON")
}

/// Every event of the evidence, with its sentence.
fn events(brief: &Value) -> Vec<(&str, &Value)> {
    brief["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["events"].as_array().unwrap().iter().map(move |e| (s["text"].as_str().unwrap(), e)))
        .collect()
}

/// The push on the brief's dyad of the events with `code`'s prefix.
fn pushes(brief: &Value, code: &str) -> Vec<f64> {
    events(brief)
        .iter()
        .filter(|(_, e)| e["event_code"].as_str().unwrap().starts_with(code))
        .filter_map(|(_, e)| e["weight"]["push"].as_f64())
        .collect()
}

#[test]
fn talks_under_a_mediator_after_years_of_pressure_are_a_false_alarm() {
    let b = brief("doha-talks.txt", &[]);
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    assert_eq!(b["dyad"]["a"], "IRN");
    assert_eq!(b["dyad"]["b"], "USA");
    let summary = b["summary"].as_str().unwrap();
    assert!(summary.contains("Mediate (045)") && summary.contains("Qatar"), "{summary}");
    // The talks themselves push toward negotiation; the sanctions of 2019 are background.
    let talks = events(&b).into_iter().find(|(text, _)| text.contains("direct talks")).expect("the talks are coded");
    assert!(talks.1["weight"]["push"].as_f64().unwrap() < 0.0);
    let sanctions = events(&b).into_iter().find(|(_, e)| e["event_code"] == "163").expect("sanctions coded");
    let factors = sanctions.1["weight"]["factors"].to_string();
    assert!(factors.contains("background"), "{factors}");
    // The demand is a position at the table, and weighs less than the mediation.
    assert!(pushes(&b, "105").iter().all(|&p| p > 0.0 && p < 2.0), "{:?}", pushes(&b, "105"));
}

#[test]
fn shelling_mobilization_and_an_ultimatum_are_a_countdown() {
    let b = brief("kashmir-shelling.txt", &[]);
    assert_eq!(b["verdict"], "countdown", "{}", b["summary"]);
    assert_eq!((b["dyad"]["a"].as_str(), b["dyad"]["b"].as_str()), (Some("IND"), Some("PAK")));
    let summary = b["summary"].as_str().unwrap();
    for decisive in ["Fight with artillery and tanks (194)", "Give ultimatum (139)", "Mobilize"] {
        assert!(summary.contains(decisive), "{decisive} missing from {summary}");
    }
    assert!(pushes(&b, "194").iter().all(|&p| p == 10.0));
}

#[test]
fn troops_massing_and_threats_against_a_neighbour_are_a_countdown() {
    let b = brief("estonia-border.txt", &[]);
    assert_eq!(b["verdict"], "countdown", "{}", b["summary"]);
    assert_eq!((b["dyad"]["a"].as_str(), b["dyad"]["b"].as_str()), (Some("EST"), Some("RUS")));
    let summary = b["summary"].as_str().unwrap();
    assert!(summary.contains("Mobilize") && summary.contains("Threaten with military force"), "{summary}");
}

#[test]
fn an_accord_with_concessions_after_old_clashes_is_a_false_alarm() {
    let b = brief("caucasus-accord.jsonl", &[]);
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    assert_eq!(b["article"]["date"], "2026-05-20", "the JSON article's own date");
    let summary = b["summary"].as_str().unwrap();
    assert!(summary.contains("Sign formal agreement (057)") && summary.contains("Kazakhstan"), "{summary}");
    assert!(pushes(&b, "190").iter().all(|&p| p == 2.5), "the clashes of 2022 are background");
}

#[test]
fn negated_and_hypothetical_attacks_do_not_count_as_fact() {
    let b = brief("korea-denial.jsonl", &[]);
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    let codes: Vec<&str> = events(&b).iter().map(|(_, e)| e["event_code"].as_str().unwrap()).collect();
    assert!(!codes.iter().any(|c| c.starts_with("19") || c.starts_with("18")), "no use of force coded: {codes:?}");
    // "would attack … if" is a threat: words, not a deed.
    let threat = events(&b).into_iter().find(|(text, _)| text.contains("would attack")).expect("the threat is coded");
    assert!(threat.1["event_code"].as_str().unwrap().starts_with("13"));
    assert!(threat.1["weight"]["factors"].to_string().contains("words"));
    assert!(b["summary"].as_str().unwrap().contains("Sweden"));
}

#[test]
fn mutual_accusations_beside_consultations_are_unclear() {
    let b = brief("nile-dam.txt", &[]);
    assert_eq!(b["verdict"], "unclear", "{}", b["summary"]);
    assert_eq!((b["dyad"]["a"].as_str(), b["dyad"]["b"].as_str()), (Some("EGY"), Some("ETH")));
    assert!(!pushes(&b, "13").is_empty() && !pushes(&b, "04").is_empty(), "both sides are in the evidence");
}

#[test]
fn standard_input_and_text_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tripwire"))
        .args(["brief", "-", "--date", "2026-03-10"])
        .current_dir(repository())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(repository().join("examples/briefs/kashmir-shelling.txt")).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let stdout = ok(&child.wait_with_output().unwrap());
    assert!(stdout.contains("Verdict: countdown for IND-PAK"), "{stdout}");
    assert!(stdout.contains("Evidence, sentence by sentence"), "{stdout}");
    assert!(stdout.contains("139 Give ultimatum"), "{stdout}");
    assert!(stdout.contains("store: no history"), "no store was given: {stdout}");
}

#[test]
fn bad_input_is_an_error_naming_it() {
    let out = tripwire(&["brief", "examples/briefs/no-such-article.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-article.txt"));
    let out = tripwire(&["brief", "--date", "10/03/2026", "examples/briefs/nile-dam.txt"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date"));
    // A broken record among good ones: reported by line, the others briefed, status 3.
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.jsonl");
    let good = std::fs::read_to_string(repository().join("examples/briefs/korea-denial.jsonl")).unwrap();
    std::fs::write(&mixed, format!("{{\"id\": \"broken\n{good}")).unwrap();
    let out = tripwire(&["brief", "--json", mixed.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mixed.jsonl:1"));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1, "the good article is briefed");
}

/// Events a day, CAMEO code, Goldstein score and QuadClass.
type Rate = (f64, &'static str, f32, u8);

/// Three years of IND–PAK relations, calm with monthly consultations until a spell of shelling
/// in the last five weeks; EGY–ETH trading accusations beside consultations until a run of
/// agreements in the last six weeks; and a calm IRN–USA pair beside them.
fn synthetic_store(dir: &Path) -> PathBuf {
    let path = dir.join("history.db");
    let start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let days = 3 * 365;
    let mut random = Lcg(5);
    let mut records = Vec::new();
    for day in 0..days {
        let date = start + chrono::Days::new(day);
        let (shelling, accord) = (day >= days - 35, day >= days - 42);
        let pairs: [((&str, &str), [Rate; 2]); 3] = [
            (
                ("IND", "PAK"),
                [
                    (if shelling { 0.2 } else { 1.0 }, "040", 1.0, 1),
                    (if shelling { 3.0 } else { 0.02 }, "194", -10.0, 4),
                ],
            ),
            (
                ("EGY", "ETH"),
                if accord {
                    [(1.5, "057", 8.0, 1), (0.1, "112", -2.0, 3)]
                } else {
                    [(0.5, "040", 1.0, 1), (0.5, "112", -2.0, 3)]
                },
            ),
            (("IRN", "USA"), [(1.0, "040", 1.0, 1), (0.02, "194", -10.0, 4)]),
        ];
        for (pair, kinds) in pairs {
            for (rate, code, goldstein, quad) in kinds {
                let count = rate.floor() as usize + usize::from(random.uniform() < rate.fract());
                for _ in 0..count {
                    records.push(government_event(records.len(), date, pair, code, goldstein, quad));
                }
            }
        }
    }
    Store::open(&path).unwrap().insert_imported(records).unwrap();
    path
}

#[test]
fn the_store_adds_the_dyads_trend_change_points_and_forecasts() {
    let dir = tempfile::tempdir().unwrap();
    let db = synthetic_store(dir.path());
    let db = db.to_str().unwrap();
    // A balanced article on a dyad whose relations have just improved: the history tips it.
    let text = ok(&tripwire(&["brief", "--json", "--date", "2025-12-31", "examples/briefs/nile-dam.txt", "--db", db]));
    let b: Value = serde_json::from_str(text.trim()).unwrap();
    let history = &b["dyads"][0]["history"];
    assert!(history["push"].as_f64().unwrap() < -2.0, "a change toward cooperation and a better month: {history}");
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    assert!(b["summary"].as_str().unwrap().contains("history -"), "{}", b["summary"]);
    assert_eq!(brief("nile-dam.txt", &[])["verdict"], "unclear", "the article alone stays unclear");
    let estonia = brief("estonia-border.txt", &["--db", db]);
    assert!(estonia["dyads"][0]["history"].is_null(), "the store knows nothing of EST-RUS");
    let text =
        ok(&tripwire(&["brief", "--json", "--date", "2025-12-31", "examples/briefs/kashmir-shelling.txt", "--db", db]));
    let b: Value = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(b["verdict"], "countdown");
    let history = &b["dyads"][0]["history"];
    assert_eq!(history["stale"], false, "{history}");
    assert!(history["material_conflict_30_days"].as_f64().unwrap() > 30.0, "{history}");
    let changes = history["changes"].as_array().unwrap();
    assert!(changes.iter().any(|c| c["direction"] == "toward_coercion"), "the shelling is a change point: {history}");
    assert_eq!(history["probabilities"].as_array().unwrap().len(), 3, "7-, 30- and 90-day forecasts: {history}");
    assert!(history["push"].as_f64().unwrap() > 0.0, "a worsening history pushes toward coercion: {history}");
    // An article years after the store ends: the history is shown, not weighed.
    let text =
        ok(&tripwire(&["brief", "--json", "--date", "2029-06-01", "examples/briefs/kashmir-shelling.txt", "--db", db]));
    let b: Value = serde_json::from_str(text.trim()).unwrap();
    let history = &b["dyads"][0]["history"];
    assert_eq!((history["stale"].as_bool(), history["push"].as_f64()), (Some(true), Some(0.0)), "{history}");
}

#[test]
fn the_shipped_muscat_example_is_a_false_alarm_naming_the_talks_and_the_mediator() {
    let stdout = ok(&tripwire(&["brief", "--json", "examples/muscat-talks.jsonl"]));
    let b: Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    let summary = b["summary"].as_str().unwrap();
    assert!(summary.contains("Engage in negotiation (046)") && summary.contains("Omani"), "{summary}");
    // "last year" and "in June" (before a February article) make the sanctions background.
    assert!(pushes(&b, "163").iter().all(|&p| p == 2.0), "{:?}", pushes(&b, "163"));
}

#[test]
fn possible_conditional_and_denied_deeds_count_nothing() {
    let b = brief("strait-speculation.txt", &[]);
    assert_eq!(b["verdict"], "false alarm", "{}", b["summary"]);
    assert_eq!((b["dyad"]["a"].as_str(), b["dyad"]["b"].as_str()), (Some("CHN"), Some("TWN")));
    let mut readings: Vec<String> = events(&b)
        .iter()
        .filter(|(_, e)| e["quad_class"] == 4)
        .map(|(_, e)| {
            assert_eq!(e["weight"]["push"].as_f64(), Some(0.0), "{e}");
            e["weight"]["factors"][0].as_str().unwrap().to_string()
        })
        .collect();
    readings.sort();
    assert_eq!(readings, ["conditional, not fact", "denied, not fact", "told as possible, not as fact"]);
    assert!(b["summary"].as_str().unwrap().contains("Singapore"), "{}", b["summary"]);
}

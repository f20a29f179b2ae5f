//! The watch end to end on a store it reads only through the store's read API: a synthetic
//! store whose escalations are planted (verbal conflict building for three weeks, then a burst
//! of material conflict), and the shared ICEWS sample when it is present.

use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};
use tripwire_store::{Reader, Store};
use tripwire_watch::alarms::{forecasts, Watch};
use tripwire_watch::backtest::{self, load_histories, Kind, MIN_MENTIONS};
use tripwire_watch::changes::Direction;
use tripwire_watch::load::Dyad;
use tripwire_watch::testing::{government_event, Lcg};
use tripwire_watch::truth::{MidHistory, MidOnset};

const PAIRS: [(&str, &str); 8] = [
    ("USA", "IRN"),
    ("ISR", "SYR"),
    ("IND", "PAK"),
    ("CHN", "JPN"),
    ("RUS", "GEO"),
    ("FRA", "DEU"),
    ("GBR", "IRL"),
    ("BRA", "ARG"),
];

/// The first two pairs escalate; the others stay calm.
const ESCALATING: usize = 2;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 1, 1).unwrap()
}

const DAYS: u64 = 9 * 365;

/// The day offsets at which an escalating pair's bursts begin: about every 200 days, jittered.
fn burst_starts(pair: usize) -> Vec<u64> {
    let mut random = Lcg(97 + pair as u64);
    let mut starts = Vec::new();
    let mut day = 400 + (random.uniform() * 100.0) as u64;
    while day + 60 < DAYS {
        starts.push(day);
        day += 170 + (random.uniform() * 80.0) as u64;
    }
    starts
}

/// Builds the synthetic store; returns its path and each escalating pair's burst days.
fn synthetic_store(dir: &Path) -> (PathBuf, Vec<Vec<NaiveDate>>) {
    let path = dir.join("synthetic.db");
    let mut random = Lcg(7);
    let mut records = Vec::new();
    let bursts: Vec<Vec<u64>> = (0..ESCALATING).map(burst_starts).collect();
    for day in 0..DAYS {
        let date = start() + chrono::Days::new(day);
        for (pair, &(a, b)) in PAIRS.iter().enumerate() {
            let ends = if random.uniform() < 0.5 { (a, b) } else { (b, a) };
            let phase = bursts
                .get(pair)
                .and_then(|list| list.iter().find(|&&s| day + 21 >= s && day < s + 14).map(|&s| day as i64 - s as i64));
            let (cooperation, verbal_conflict, material_conflict): (f64, f64, f64) = match phase {
                Some(offset) if offset < 0 => (0.5, 1.5, 0.0),
                Some(_) => (0.3, 1.0, 2.0),
                None => (1.5, 0.1, 0.01),
            };
            for (rate, code, goldstein, quad) in
                [(cooperation, "040", 1.0, 1), (verbal_conflict, "111", -2.0, 3), (material_conflict, "190", -10.0, 4)]
            {
                let mut count = rate.floor() as usize;
                if random.uniform() < rate.fract() {
                    count += 1;
                }
                for _ in 0..count {
                    records.push(government_event(records.len(), date, ends, code, goldstein, quad));
                }
            }
        }
    }
    let mut store = Store::open(&path).unwrap();
    store.insert_imported(records).unwrap();
    let dates = bursts.iter().map(|list| list.iter().map(|&d| start() + chrono::Days::new(d)).collect()).collect();
    (path, dates)
}

fn scratch(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("tripwire-watch-{test}-")).tempdir().unwrap()
}

#[test]
fn planted_escalations_are_found_forecast_and_scored() {
    let dir = scratch("synthetic");
    let (path, bursts) = synthetic_store(dir.path());
    let reader = Reader::open(&path).unwrap();

    let histories = load_histories(&reader, None, MIN_MENTIONS).unwrap();
    assert_eq!(histories.len(), PAIRS.len(), "every pair is an active undirected dyad");
    let first = histories.iter().find(|h| h.dyad == Dyad::new("USA", "IRN")).unwrap();
    let toward_coercion: Vec<NaiveDate> =
        first.changes.iter().filter(|c| c.direction == Direction::TowardCoercion).map(|c| c.date).collect();
    let found =
        bursts[0].iter().filter(|&&burst| toward_coercion.iter().any(|&c| (c - burst).num_days().abs() <= 35)).count();
    assert!(found * 2 >= bursts[0].len(), "{found} of {} planted bursts found: {toward_coercion:?}", bursts[0].len());
    let calm = histories.iter().find(|h| h.dyad == Dyad::new("FRA", "DEU")).unwrap();
    assert!(calm.changes.len() <= 2, "a calm dyad has few change points: {:?}", calm.changes);

    // MID onsets planted on the first pair's bursts: the MID split has onsets to fit and score.
    let mids = MidHistory::from_onsets(
        bursts[0]
            .iter()
            .map(|&day| MidOnset {
                dyad: Dyad::new("USA", "IRN"),
                dispute: i64::from(day.num_days_from_ce()),
                start: day,
                end: day + chrono::Days::new(14),
            })
            .collect(),
    );
    let scores = backtest::run(&reader, &mids).unwrap();
    assert_eq!(scores.len(), 6, "two kinds × three horizons");
    for score in &scores {
        assert!(score.test_examples > 0 && score.fit_examples > 0, "{:?} {}", score.kind, score.horizon);
        assert!(score.brier >= 0.0 && score.brier <= 1.0);
        assert_eq!(score.versus.len(), 4);
        let binned: usize = score.reliability.iter().map(|b| b.count).sum();
        assert_eq!(binned, score.test_examples);
    }
    // The planted precursor (three weeks of verbal conflict) forecasts the 30-day surges.
    let surge30 = scores.iter().find(|s| s.kind == Kind::Surge && s.horizon == 30).unwrap();
    assert!(surge30.test_onsets > 0);
    let auc = surge30.auc.unwrap();
    assert!(auc > 0.8, "AUC {auc}");
    let over_base = surge30.versus[0].skill.unwrap();
    assert!(over_base > 0.0, "skill over the base rate {over_base}");

    // The watch on a day inside a precursor of the first pair ranks it first.
    let precursor = *bursts[0].iter().rev().nth(1).unwrap() - chrono::Days::new(3);
    let watch = Watch::fit(&reader, precursor).unwrap();
    let list = forecasts(&watch, &reader, true).unwrap();
    assert_eq!(list.len(), PAIRS.len());
    for f in &list {
        assert_eq!(f.horizons.len(), 3);
        assert!(f.horizons.iter().all(|h| (0.0..=1.0).contains(&h.probability)));
    }
    let top = &list[0];
    assert!(top.dyad == Dyad::new("USA", "IRN") || top.dyad == Dyad::new("ISR", "SYR"), "top: {}", top.dyad);
    assert!(!top.drivers.is_empty() && !top.conflict_events.is_empty(), "explained with events");
    for &id in &top.conflict_events {
        let event = reader.event(id).unwrap().expect("the driving events are in the store");
        assert_eq!(event.event.record.quad_class.map(|q| q >= 3), Some(true));
    }
}

#[test]
fn the_shared_icews_sample_runs_through_the_watch() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..");
    let sample = root.join("shared/data/events/icews05-15-sample.tsv");
    let conflict = root.join("shared/data/conflict");
    if !sample.exists() || !conflict.join("gml_part.csv").exists() {
        eprintln!("skipped: {} or {} absent", sample.display(), conflict.display());
        return;
    }
    let dir = scratch("icews");
    let path = dir.path().join("icews.db");
    let mut store = Store::open(&path).unwrap();
    let mut records = Vec::new();
    tripwire_store::import::import_path(&sample, None, &mut |record| {
        records.push(record);
        Ok(())
    })
    .unwrap();
    store.insert_imported(records).unwrap();
    drop(store);
    let reader = Reader::open(&path).unwrap();

    let (codes, _) = tripwire_watch::countries::CowCodes::read(&conflict.join("cow_states.csv")).unwrap();
    let (mids, _) =
        MidHistory::read(&conflict.join("gml_part.csv"), &codes, NaiveDate::from_ymd_opt(2005, 1, 1).unwrap()).unwrap();
    assert!(mids.onsets().count() > 100, "MID onsets since 2005 among states with ISO-3 codes");
    let histories = load_histories(&reader, None, MIN_MENTIONS).unwrap();
    assert!(histories.len() > 100, "{} active dyads", histories.len());
    // The 2012 island dispute between China and Japan shows as a turn toward coercion.
    let china_japan = histories.iter().find(|h| h.dyad == Dyad::new("CHN", "JPN")).unwrap();
    assert!(
        china_japan.changes.iter().any(|c| c.direction == tripwire_watch::changes::Direction::TowardCoercion
            && c.date.format("%Y").to_string() == "2012"),
        "{:#?}",
        china_japan.changes
    );

    let scores = backtest::run(&reader, &mids).unwrap();
    assert_eq!(scores.len(), 6);
    assert!(scores.iter().all(|s| s.test_onsets > 0 && s.auc.is_some()));
}

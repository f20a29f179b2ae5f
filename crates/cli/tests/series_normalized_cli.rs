//! `tripwire series --normalized`: the dyad's shares of the media volume and of its countries'
//! coverage, as JSON lines and as a table.

use chrono::NaiveDate;
mod common;

use common::{ok, tripwire};
use tripwire_store::Store;
use tripwire_watch::testing::government_event;

#[test]
fn shares_windows_and_z_scores_per_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("normalized.db");
    let day = |n: u64| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(n);
    let mut records = Vec::new();
    for n in 0..400u64 {
        records.push(government_event(records.len(), day(n), ("IND", "USA"), "040", 1.0, 1));
        records.push(government_event(records.len(), day(n), ("CHN", "RUS"), "040", 1.0, 1));
        if n % 10 == 0 || n >= 395 {
            records.push(government_event(records.len(), day(n), ("PAK", "IND"), "194", -10.0, 4));
        }
    }
    Store::open(&db).unwrap().insert_imported(records).unwrap();
    let db = db.to_str().unwrap();
    let json = ok(&tripwire(&["series", "IND-PAK", "--both", "--normalized", "--format", "json", "--db", db]));
    let days: Vec<serde_json::Value> = json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(days.len(), 400);
    let last = &days[399];
    assert_eq!(
        (last["mentions"].as_u64(), last["volume"].as_u64(), last["coverage"].as_u64()),
        (Some(1), Some(3), Some(2))
    );
    assert_eq!(last["share_of_coverage"].as_f64(), Some(0.5));
    let week = &last["windows"][0];
    assert_eq!((week["days"].as_u64(), week["mentions"].as_f64()), (Some(7), Some(5.0)));
    assert!(week["z"].as_f64().unwrap() > 3.0, "a week of daily shelling against a year of one in ten: {week}");
    assert!(days[0]["windows"][2]["z"].is_null(), "no year before the store's first day");

    let table = ok(&tripwire(&["series", "IND-PAK", "--both", "--normalized", "--from", "2019-06-01", "--db", db]));
    assert!(table.lines().next().unwrap().contains("of_cov"), "{table}");
    assert_eq!(table.lines().count(), 1 + 400 + 214, "days before the store are shown as zeros");
}

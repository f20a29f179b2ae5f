//! `normalized_series` on random stores: the dyad's series adds up to the events stored for it,
//! every share stays in [0, 1], and a dyad's coverage never falls below its own mentions.

use chrono::NaiveDate;
use proptest::prelude::*;
use tripwire_store::{Reader, Store};
use tripwire_watch::normalized::{normalized_series, WINDOWS};
use tripwire_watch::testing::government_event;

const COUNTRIES: [&str; 4] = ["IND", "PAK", "CHN", "USA"];

fn day(offset: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(u64::from(offset))
}

/// Events as (day offset, source, target, quad); a target equal to the source stands for an
/// event with no target country.
fn events() -> impl Strategy<Value = Vec<(u16, usize, usize, u8)>> {
    prop::collection::vec((0u16..600, 0..COUNTRIES.len(), 0..COUNTRIES.len(), 1u8..=4), 1..150)
}

fn in_unit(share: Option<f64>) -> bool {
    share.is_none_or(|s| (0.0..=1.0).contains(&s))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn series_add_up_and_shares_stay_in_the_unit_interval(events in events(), directed in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("random.db");
        let records: Vec<_> = events
            .iter()
            .enumerate()
            .map(|(n, &(offset, s, t, quad))| {
                let mut record = government_event(n, day(offset), (COUNTRIES[s], COUNTRIES[t]), "040", 1.0, quad);
                if s == t {
                    record.target_country = None;
                    record.target_code = String::new();
                }
                record
            })
            .collect();
        Store::open(&path).unwrap().insert_imported(records).unwrap();
        let reader = Reader::open(&path).unwrap();
        let stored = events
            .iter()
            .filter(|&&(_, s, t, _)| (s, t) == (0, 1) || (!directed && (s, t) == (1, 0)))
            .count() as u64;
        let days = normalized_series(&reader, ("IND", "PAK"), !directed, None, None).unwrap();
        prop_assert_eq!(days.iter().map(|d| d.counts.mentions).sum::<u64>(), stored);
        prop_assert_eq!(days.is_empty(), stored == 0);
        for d in &days {
            prop_assert!(d.counts.mentions <= d.coverage && d.coverage <= d.volume, "{:?}", d);
            prop_assert!(in_unit(d.share_of_volume) && in_unit(d.share_of_coverage), "{:?}", d);
            prop_assert_eq!(d.share_of_volume.is_some(), d.volume > 0);
            prop_assert_eq!(d.windows.len(), WINDOWS.len());
            for w in &d.windows {
                prop_assert!(in_unit(w.share_of_volume) && in_unit(w.share_of_coverage), "{:?}", w);
                prop_assert!(w.mentions >= d.counts.mentions as f64);
                prop_assert!(w.z.is_none_or(|z| z.is_finite()));
            }
        }
        // The 90-day window on the last day holds every mention of the last 90 days.
        if let Some(last) = days.last() {
            let since = (last.date - day(0)).num_days() - 89;
            let recent = events
                .iter()
                .filter(|&&(offset, s, t, _)| {
                    i64::from(offset) >= since && ((s, t) == (0, 1) || (!directed && (s, t) == (1, 0)))
                })
                .count();
            prop_assert_eq!(last.windows[2].mentions, recent as f64);
        }
    }
}

#[test]
fn coverage_counts_either_country_with_anyone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coverage.db");
    let records = vec![
        government_event(0, day(0), ("IND", "PAK"), "040", 1.0, 1),
        government_event(1, day(0), ("IND", "USA"), "040", 1.0, 1),
        government_event(2, day(0), ("CHN", "PAK"), "040", 1.0, 1),
        government_event(3, day(0), ("CHN", "USA"), "040", 1.0, 1),
    ];
    Store::open(&path).unwrap().insert_imported(records).unwrap();
    let reader = Reader::open(&path).unwrap();
    let days = normalized_series(&reader, ("pak", "IND"), true, None, None).unwrap();
    assert_eq!(days.len(), 1);
    let d = &days[0];
    assert_eq!((d.counts.mentions, d.coverage, d.volume), (1, 3, 4));
    assert_eq!((d.share_of_coverage, d.share_of_volume), (Some(1.0 / 3.0), Some(0.25)));
    assert_eq!(d.windows[0].z, None, "no trailing year before the first day");
}

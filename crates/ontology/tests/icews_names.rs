//! ICEWS names its events with the CAMEO codebook names; checks that ours match them (shared
//! research data, read when present).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use tripwire_ontology::event_types;

const SAMPLES: [&str; 3] = ["icews05-15-sample.tsv", "icews14.tsv", "icews18/icews18-aug-oct.tsv"];

/// Spelling variation that does not make a different name: case, quote style, hyphens, and the
/// codebook's "not specified below" suffix, which ICEWS drops.
fn normalise(name: &str) -> String {
    name.to_lowercase()
        .replace(", not specified below", "")
        .replace(" (not specified below)", "")
        .replace(['\'', '"'], "")
        .replace('-', " ")
}

#[test]
fn icews_event_names_are_codebook_names() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/events");
    let ours: HashSet<String> = event_types().iter().map(|event| normalise(event.name)).collect();
    let mut rows = 0usize;
    let mut unmatched: BTreeMap<String, usize> = BTreeMap::new();
    for name in SAMPLES {
        let path = folder.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipping: ICEWS sample {} not found", path.display());
            continue;
        };
        let mut lines = text.lines();
        let event_at = lines.next().and_then(|header| header.split('\t').position(|column| column == "event"));
        let Some(event_at) = event_at else {
            panic!("{} has no event column", path.display());
        };
        for line in lines {
            let Some(event) = line.split('\t').nth(event_at) else {
                continue;
            };
            rows += 1;
            if !ours.contains(&normalise(event)) {
                *unmatched.entry(event.to_string()).or_default() += 1;
            }
        }
    }
    if rows == 0 {
        return;
    }
    let unmatched_rows: usize = unmatched.values().sum();
    println!("{rows} ICEWS rows; {unmatched_rows} carry a name not in our codebook: {unmatched:?}");
    // ICEWS rewords a few rare codes; everything common must match.
    assert!(unmatched_rows * 1000 < rows, "{unmatched_rows} of {rows} rows unmatched: {unmatched:?}");
}

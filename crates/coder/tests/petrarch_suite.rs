//! The PETRARCH unit-test records, coded with the dictionaries they name, both from raw text and
//! with their Penn Treebank parses. The thresholds are regression floors just under what the coder
//! reaches today; the figures themselves come from `tripwire eval`.

use std::path::PathBuf;
use tripwire_coder::{evaluate, gold, Coder};
use tripwire_dictionaries::petrarch::{load_set, PetrarchFiles};

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

#[test]
fn unit_test_records_are_mostly_exactly_right() {
    let records_path = shared().join("validation/PETR.UnitTest.records.xml");
    if !records_path.exists() {
        eprintln!("skipping: {} not found", records_path.display());
        return;
    }
    let (environment, records) = gold::read_petrarch_xml(&records_path).expect("records read");
    let files = PetrarchFiles {
        verbs: environment.verbs.clone(),
        actors: environment.actors.clone(),
        agents: environment.agents.clone(),
        discards: environment.discards.clone(),
        issues: Vec::new(),
    };
    let dictionaries = load_set(&shared().join("cameo"), &files).expect("validation dictionaries load");
    // PETRARCH's default configuration, which the records are written for, requires a dyad.
    let coder = Coder::new(dictionaries, None).expect("coder builds").require_dyad(true).read_modality(false);

    let raw = evaluate::petrarch_records(&coder, &records, false);
    let parsed = evaluate::petrarch_records(&coder, &records, true);
    eprintln!("raw:\n{}\nparse:\n{}", raw.render_table(), parsed.render_table());
    assert_eq!(raw.totals.records, 141);
    assert!(raw.totals.exact_rate >= 0.85, "raw mode fell to {:.3}", raw.totals.exact_rate);
    assert!(parsed.totals.exact_rate >= 0.89, "parse mode fell to {:.3}", parsed.totals.exact_rate);
}

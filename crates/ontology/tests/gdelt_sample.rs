//! Checks Goldstein scores, quad classes and actor codes against real GDELT rows (shared research
//! data, read when present).

use std::path::PathBuf;
use tripwire_ontology::{event_type, ActorCode};

const SAMPLES: [&str; 2] = ["gdelt1_events_sample.tsv", "gdelt2_events_sample.tsv"];

#[test]
fn gdelt_rows_agree_with_codebook() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/events/gdelt");
    let mut failures = Vec::new();
    let mut unparsed_actor_codes = Vec::new();
    let mut rows_checked = 0;
    for name in SAMPLES {
        let path = folder.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("skipping: GDELT sample {} not found", path.display());
            continue;
        };
        let mut lines = text.lines();
        let Some(header) = lines.next() else {
            continue;
        };
        let columns: Vec<&str> = header.split('\t').collect();
        let column = |name: &str| columns.iter().position(|column| *column == name);
        let (Some(code_at), Some(quad_at), Some(goldstein_at), Some(actor1_at), Some(actor2_at)) = (
            column("EventCode"),
            column("QuadClass"),
            column("GoldsteinScale"),
            column("Actor1Code"),
            column("Actor2Code"),
        ) else {
            panic!("{} lacks the expected columns", path.display());
        };
        for (index, line) in lines.enumerate() {
            let fields: Vec<&str> = line.split('\t').collect();
            let field = |at: usize| fields.get(at).copied().unwrap_or_default();
            let place = format!("{name}:{}", index + 2);
            rows_checked += 1;
            let code = field(code_at);
            let Ok(event) = event_type(code) else {
                failures.push(format!("{place}: event code {code:?} unknown"));
                continue;
            };
            if field(quad_at) != event.quad_class.number().to_string() {
                failures.push(format!(
                    "{place}: {code} quad class {} there, {} here",
                    field(quad_at),
                    event.quad_class.number()
                ));
            }
            match field(goldstein_at).parse::<f32>() {
                Ok(score) if (score - event.goldstein).abs() < 0.05 => {}
                _ => failures.push(format!(
                    "{place}: {code} Goldstein {} there, {} here",
                    field(goldstein_at),
                    event.goldstein
                )),
            }
            for actor in [field(actor1_at), field(actor2_at)] {
                if !actor.is_empty() && ActorCode::parse(actor).is_err() {
                    unparsed_actor_codes.push(format!("{place}: {actor}"));
                }
            }
        }
    }
    if rows_checked == 0 {
        return;
    }
    println!("{rows_checked} rows checked; actor codes we cannot parse: {unparsed_actor_codes:?}");
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

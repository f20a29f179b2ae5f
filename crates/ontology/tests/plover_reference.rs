//! Checks the crosswalk against the published CAMEO→PLOVER table, read from the shared research
//! data when it is present.

use std::collections::BTreeMap;
use std::path::PathBuf;
use tripwire_ontology::{event_types, plover_for, PloverEvent};

fn reference_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/plover/CAMEO2PLOVER-2021.txt")
}

struct ReferenceRow {
    line: usize,
    code: String,
    event: String,
    mode: Option<String>,
    context: Option<String>,
}

/// Parses `CODE: EVENT, MODE, CONTEXT # CAMEO name`; root lines may carry the event alone.
fn parse_reference(text: &str) -> Vec<ReferenceRow> {
    let field = |raw: Option<&str>| raw.map(str::trim).filter(|value| !value.is_empty()).map(str::to_string);
    let mut rows = Vec::new();
    for (index, raw_line) in text.lines().enumerate() {
        let without_comment = raw_line.split('#').next().unwrap_or_default().trim();
        let Some((code, fields)) = without_comment.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|byte| byte.is_ascii_digit()) {
            continue;
        }
        let mut parts = fields.split(',');
        let Some(event) = field(parts.next()) else {
            continue;
        };
        rows.push(ReferenceRow {
            line: index + 1,
            code: code.to_string(),
            event,
            mode: field(parts.next()),
            context: field(parts.next()),
        });
    }
    rows
}

#[test]
fn crosswalk_agrees_with_published_table() {
    let path = reference_path();
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipping: PLOVER reference table {} not found", path.display());
        return;
    };
    let rows = parse_reference(&text);
    assert!(rows.len() > 200, "only {} rows parsed from {}", rows.len(), path.display());

    // A code may be listed more than once (root 08 is split between CONCEDE and RETREAT); ours
    // must be one of the listed events.
    let mut listed_events: BTreeMap<&str, Vec<&ReferenceRow>> = BTreeMap::new();
    for row in &rows {
        listed_events.entry(row.code.as_str()).or_default().push(row);
    }

    let mut failures = Vec::new();
    let mut refinement_differences = Vec::new();
    for (code, listings) in &listed_events {
        let Ok(ours) = plover_for(code) else {
            failures.push(format!("line {}: code {code} is not in our codebook", listings[0].line));
            continue;
        };
        let mut expected = Vec::new();
        for row in listings {
            match row.event.parse::<PloverEvent>() {
                Ok(event) => expected.push(event),
                Err(_) => failures.push(format!("line {}: unknown PLOVER event {:?}", row.line, row.event)),
            }
        }
        if !expected.is_empty() && !expected.contains(&ours.event) {
            let theirs: Vec<&str> = expected.iter().map(|event| event.as_str()).collect();
            failures.push(format!(
                "line {}: {code} is {} there, {} here",
                listings[0].line,
                theirs.join("/"),
                ours.event
            ));
        }
        let same_refinement =
            listings.iter().any(|row| row.mode.as_deref() == ours.mode && row.context.as_deref() == ours.context);
        if !same_refinement {
            let row = listings[0];
            refinement_differences.push(format!(
                "{code}: reference mode/context {:?}/{:?}, ours {:?}/{:?}",
                row.mode, row.context, ours.mode, ours.context
            ));
        }
    }

    let unlisted: Vec<&str> =
        event_types().iter().map(|event| event.code).filter(|code| !listed_events.contains_key(code)).collect();
    println!("codes in our codebook that the reference table lacks ({}): {}", unlisted.len(), unlisted.join(" "));
    println!("mode/context differences ({}):", refinement_differences.len());
    for difference in &refinement_differences {
        println!("  {difference}");
    }

    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}

//! Parses every actor and agent code in the Phoenix CAMEO dictionaries (shared research data,
//! read when present) and reports the segments this crate does not know.

use std::collections::BTreeMap;
use std::path::PathBuf;
use tripwire_ontology::{ActorCode, OntologyError};

const DICTIONARIES: [&str; 4] = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
];

/// Codes inside `[...]`, without the agent `~` and any date restriction (`[IRNGOV >120101]`).
fn bracketed_codes(line: &str) -> Vec<String> {
    let content = line.split('#').next().unwrap_or_default();
    let mut codes = Vec::new();
    for piece in content.split('[').skip(1) {
        let Some((inside, _)) = piece.split_once(']') else {
            continue;
        };
        let code = inside.split_whitespace().next().unwrap_or_default().replace('~', "");
        if !code.is_empty() && code.bytes().all(|byte| byte.is_ascii_alphabetic()) {
            codes.push(code);
        }
    }
    codes
}

#[test]
fn phoenix_dictionary_codes_parse() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cameo");
    let mut total = 0usize;
    let mut unknown_segments: BTreeMap<String, usize> = BTreeMap::new();
    let mut malformed: BTreeMap<String, usize> = BTreeMap::new();
    for name in DICTIONARIES {
        let path = folder.join(name);
        let Ok(bytes) = std::fs::read(&path) else {
            println!("skipping: Phoenix dictionary {} not found", path.display());
            continue;
        };
        for line in String::from_utf8_lossy(&bytes).lines() {
            for code in bracketed_codes(line) {
                total += 1;
                match ActorCode::parse(&code) {
                    Ok(_) => {}
                    Err(OntologyError::UnknownActorCode { segment, .. }) => {
                        *unknown_segments.entry(segment).or_default() += 1
                    }
                    Err(_) => *malformed.entry(code).or_default() += 1,
                }
            }
        }
    }
    if total == 0 {
        return;
    }
    let unknown_uses: usize = unknown_segments.values().sum();
    println!("{total} codes read; {unknown_uses} use a segment we do not know");
    let mut by_frequency: Vec<_> = unknown_segments.iter().collect();
    by_frequency.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (segment, uses) in by_frequency {
        println!("  unknown segment {segment}: {uses}");
    }
    for (code, uses) in &malformed {
        println!("  malformed code {code}: {uses}");
    }
    // The dictionaries carry a long tail of one-off and mistyped codes; the common vocabulary
    // must all be known.
    assert!(unknown_uses * 100 < total, "{unknown_uses} of {total} codes use unknown segments");
}

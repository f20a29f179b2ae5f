//! Why PLOVER gold records are missed, by cause: the gold's event words coded as another PLOVER
//! type, not coded at all, or coded with the right type but other source or target countries.
//! Dictionary choices show up in the first two; the coder's actor handling in the last two.
//!
//! ```text
//! cargo run --release -p tripwire-coder --example plover_causes -- GOLD.json [DICTIONARY_DIR] [--list]
//! ```
//! Without a dictionary folder the shipped dictionaries are used.

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::path::PathBuf;
use tripwire_coder::evaluate::gsr_event_type;
use tripwire_coder::{Article, Coder, Event};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let list = args.iter().any(|a| a == "--list");
    let mut paths = args.iter().filter(|a| !a.starts_with("--")).map(PathBuf::from);
    let gold = paths.next().ok_or("usage: plover_causes GOLD.json [DICTIONARY_DIR] [--list]")?;
    let dictionaries = match paths.next() {
        Some(dir) => tripwire_dictionaries::petrarch::load_dir(&dir)?,
        None => tripwire_dictionaries::native::shipped()?,
    };
    let coder = Coder::new(dictionaries, tripwire_gazetteer::Gazetteer::shipped().ok())?;
    let records = tripwire_coder::gold::read_plover_json(&gold)?;
    let country = |code: &str| code.get(..3).map(str::to_string);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for record in &records {
        let article =
            Article { id: record.id.clone(), date: Some(record.date), text: record.text.clone(), ..Article::default() };
        let events = coder.code_article(&article)?;
        let typed: Vec<&Event> =
            events.iter().filter(|e| gsr_event_type(&e.event_code) == Some(record.event.as_str())).collect();
        let gold_words: BTreeSet<String> = record.event_text.split_whitespace().map(str::to_lowercase).collect();
        let on_gold_words = events
            .iter()
            .any(|e| e.matched.verb_text.split_whitespace().any(|w| gold_words.contains(&w.to_lowercase())));
        let cause = if typed.is_empty() {
            if on_gold_words {
                "gold event words coded as another type"
            } else {
                "gold event words not coded"
            }
        } else {
            let sources: BTreeSet<String> = typed.iter().filter_map(|e| country(&e.source_code)).collect();
            let targets: BTreeSet<String> = typed.iter().filter_map(|e| country(&e.target_code)).collect();
            if !record.source_countries().iter().all(|c| sources.contains(c)) {
                "right type, other source"
            } else if !record.target_countries().iter().all(|c| targets.contains(c)) {
                "right type, other target"
            } else {
                "right type and countries (extra events aside)"
            }
        };
        *counts.entry(cause).or_default() += 1;
        if list && !cause.starts_with("right type and") {
            println!("{} [{}] {cause}", record.id, record.event);
        }
    }
    for (cause, n) in &counts {
        println!("{n:4}  {cause}");
    }
    Ok(())
}

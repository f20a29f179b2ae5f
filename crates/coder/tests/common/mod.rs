//! What the sentence-level tests share: the shipped coder, one article coded from a sentence,
//! and the events described and looked up. Each test file uses some of it.
#![allow(dead_code)]

use tripwire_coder::{Article, Coder, Event};

pub fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

/// `text` coded as one article dated 2024-05-01.
pub fn coded(text: &str) -> Vec<Event> {
    let article = Article {
        id: "test".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
        text: text.into(),
        ..Article::default()
    };
    coder().code_article(&article).expect("codes")
}

/// Whether an event's source, code and target start with these.
pub fn has(events: &[Event], source: &str, code_prefix: &str, target: &str) -> bool {
    events.iter().any(|e| {
        e.source_code.starts_with(source) && e.event_code.starts_with(code_prefix) && e.target_code.starts_with(target)
    })
}

/// Whether an event has exactly this source and target, and a code starting with `code_prefix`.
pub fn has_exactly(events: &[Event], source: &str, code_prefix: &str, target: &str) -> bool {
    events.iter().any(|e| e.source_code == source && e.event_code.starts_with(code_prefix) && e.target_code == target)
}

pub fn describe(events: &[Event]) -> String {
    events.iter().map(|e| format!("{} {} {}; ", e.source_code, e.event_code, e.target_code)).collect()
}

/// The codes of the events whose source starts with `source`.
pub fn codes_with_source(events: &[Event], source: &str) -> Vec<String> {
    events.iter().filter(|e| e.source_code.starts_with(source)).map(|e| e.event_code.clone()).collect()
}

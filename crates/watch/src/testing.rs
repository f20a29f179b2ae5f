//! Building blocks for synthetic event histories with planted escalations, shared by the watch's
//! own tests and the command-line tests (feature `testing`): a deterministic generator and an
//! interstate event between two governments.

use chrono::NaiveDate;
use tripwire_store::{EventRecord, Origin};

/// A small linear congruential generator, so every run plants the same history.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next number in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Event number `n` of a synthetic history: `source`'s government to `target`'s on `date`, as an
/// ICEWS row would be imported (no sentence, no article).
pub fn government_event(
    n: usize,
    date: NaiveDate,
    (source, target): (&str, &str),
    code: &str,
    goldstein: f32,
    quad: u8,
) -> EventRecord {
    EventRecord {
        origin: Origin::Icews,
        article_id: format!("synthetic:{n}"),
        sentence_index: None,
        span: None,
        sentence: None,
        date,
        source_code: format!("{source}GOV"),
        target_code: format!("{target}GOV"),
        source_country: Some(source.to_string()),
        target_country: Some(target.to_string()),
        source_text: Some(format!("{source} government")),
        target_text: Some(format!("{target} government")),
        event_code: code.to_string(),
        event_root: code.get(..2).unwrap_or(code).to_string(),
        goldstein: Some(goldstein),
        quad_class: Some(quad),
        plover_event: None,
        location: None,
        outlet: None,
        url: None,
        issues: Vec::new(),
        matched: None,
    }
}

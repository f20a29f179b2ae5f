//! One event by id, with every mention behind it: for each, the sentence it was coded from, the
//! article, outlet and URL, and the dictionary entries that matched — what an analyst opens to
//! check why an event is there.

use crate::db::StoreError;
use crate::query::{event_in, mentions_in, StoredEvent};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// A real-world event and its mentions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventDetail {
    /// The event as the deduplicated view shows it: its cluster's representative (first mention)
    /// with the cluster's figures, or an unclustered (imported) event.
    pub event: StoredEvent,
    /// Every stored mention, in the order they were stored; an unclustered event is its own one.
    pub mentions: Vec<Mention>,
}

/// One stored mention of an event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    /// The mention's own event id (the row).
    pub id: i64,
    pub article_id: String,
    pub date: NaiveDate,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub sentence_index: Option<u32>,
    /// Character offsets `[start, end)` of the event's words in the article.
    pub span: Option<[u32; 2]>,
    pub sentence: Option<String>,
    /// The actors' words as written, and the codes given to them.
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    pub source_code: String,
    pub target_code: String,
    pub event_code: String,
    /// The dictionary entries (`file:line`) that matched: verb, pattern, then source and target
    /// actor entries, as the coder's provenance names them; empty for imported events.
    pub entries: Vec<String>,
    /// The coder's full provenance, as stored.
    pub matched: Option<serde_json::Value>,
}

impl Mention {
    fn of(stored: StoredEvent) -> Mention {
        let record = stored.record;
        Mention {
            id: stored.id,
            entries: record.matched.as_ref().map(entries_of).unwrap_or_default(),
            article_id: record.article_id,
            date: record.date,
            outlet: record.outlet,
            url: record.url,
            sentence_index: record.sentence_index,
            span: record.span,
            sentence: record.sentence,
            source_text: record.source_text,
            target_text: record.target_text,
            source_code: record.source_code,
            target_code: record.target_code,
            event_code: record.event_code,
            matched: record.matched,
        }
    }
}

/// The `file:line` entries named in a stored provenance. Read leniently: provenance written by
/// another version may lack some fields, and what is there is still worth showing.
fn entries_of(matched: &serde_json::Value) -> Vec<String> {
    let mut entries = Vec::new();
    for field in ["verb", "pattern"] {
        if let Some(entry) = matched.get(field).and_then(|v| v.as_str()).filter(|e| !e.is_empty()) {
            entries.push(entry.to_string());
        }
    }
    for field in ["source_entries", "target_entries"] {
        if let Some(list) = matched.get(field).and_then(|v| v.as_array()) {
            entries.extend(list.iter().filter_map(|e| e.as_str()).map(str::to_string));
        }
    }
    entries
}

/// The event with id `id` — a representative or any of its mentions — with all its mentions;
/// `None` when no event has that id.
pub(crate) fn event_detail_in(conn: &Connection, id: i64) -> Result<Option<EventDetail>, StoreError> {
    let Some(stored) = event_in(conn, id)? else { return Ok(None) };
    let Some(cluster_id) = stored.cluster_id else {
        return Ok(Some(EventDetail { mentions: vec![Mention::of(stored.clone())], event: stored }));
    };
    let mentions = mentions_in(conn, cluster_id)?;
    let representative: Option<i64> =
        conn.query_row("SELECT representative FROM clusters WHERE id = ?1", [cluster_id], |r| r.get(0)).optional()?;
    let event = match representative.and_then(|r| mentions.iter().find(|m| m.id == r)) {
        Some(first) => first.clone(),
        // A cluster row missing (a store damaged by hand): the event stands for itself.
        None => stored,
    };
    Ok(Some(EventDetail { event, mentions: mentions.into_iter().map(Mention::of).collect() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_from_whatever_provenance_holds() {
        let full = serde_json::json!({"verb": "verbs.twd:12", "verb_text": "met", "pattern": "verbs.twd:14",
                                      "source_entries": ["countries.twd:3"], "target_entries": ["countries.twd:9"]});
        assert_eq!(entries_of(&full), ["verbs.twd:12", "verbs.twd:14", "countries.twd:3", "countries.twd:9"]);
        let sparse = serde_json::json!({"verb": 7, "pattern": null, "target_entries": ["a:1", 2]});
        assert_eq!(entries_of(&sparse), ["a:1"]);
        assert!(entries_of(&serde_json::json!("not an object")).is_empty());
    }
}

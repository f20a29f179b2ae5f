//! Exporters: stored events written back out as JSON Lines, GDELT 2.0 TSV and Parquet.
//!
//! Every exporter is an [`EventSink`]: it is handed one [`Exported`] event at a time and finished
//! once, so millions of rows stream from the store (`read::Reader::export`) to the file without
//! being held in memory: [`jsonl::JsonLinesSink`], [`gdelt::GdeltSink`] and, with the `parquet`
//! feature, `parquet::ParquetSink`. The `write` functions of each module feed a sink from any
//! iterator of records.

pub mod gdelt;
pub mod jsonl;
#[cfg(feature = "parquet")]
pub mod parquet;

use crate::query::StoredEvent;
use crate::{EventRecord, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What deduplication knows about the real-world event a record stands for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterFields {
    pub cluster_id: i64,
    /// How many stored mentions (articles' events) the cluster groups.
    pub mentions: u32,
    /// The outlets that reported it, and the URLs of its first articles (at most
    /// [`crate::ingest::MAX_LISTED_URLS`]).
    pub sources: Vec<String>,
    pub urls: Vec<String>,
    /// Distinct articles that reported it (GDELT's NumArticles).
    #[serde(default)]
    pub articles: u64,
    pub first_seen: Option<NaiveDate>,
    pub last_seen: Option<NaiveDate>,
}

/// One record to export, with its cluster when the export is of deduplicated events.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub record: EventRecord,
    pub cluster: Option<ClusterFields>,
}

impl From<EventRecord> for Exported {
    fn from(record: EventRecord) -> Exported {
        Exported { record, cluster: None }
    }
}

/// A stored event as exported: its record, and its cluster's figures when it belongs to one.
impl From<StoredEvent> for Exported {
    fn from(event: StoredEvent) -> Exported {
        let cluster = event.cluster_id.map(|cluster_id| ClusterFields {
            cluster_id,
            mentions: u32::try_from(event.mentions).unwrap_or(u32::MAX),
            sources: event.outlets,
            urls: event.urls,
            articles: event.articles,
            first_seen: Some(event.first_seen),
            last_seen: Some(event.last_seen),
        });
        Exported { record: event.record, cluster }
    }
}

/// Where exported events go. A sink writes each event handed to it, in order; `finish` completes
/// the output (flushes a stream, closes and publishes files) and says what was written. A sink
/// dropped without `finish` leaves no partial file that readers would take for a complete one.
pub trait EventSink {
    fn accept(&mut self, event: &Exported) -> Result<(), ExportError>;
    fn finish(&mut self) -> Result<ExportSummary, ExportError>;
}

/// Errors while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    // The causes are the errors' sources, which reports print after the message.
    #[error("writing the export")]
    Io(#[from] std::io::Error),
    #[error("serialising event {article_id}")]
    Json { article_id: String, source: serde_json::Error },
    #[cfg(feature = "parquet")]
    #[error(transparent)]
    Parquet(#[from] parquet::ParquetError),
    /// Reading the events to export failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an export wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub records: u64,
    /// Files written (Parquet part files); 0 for an export to one stream.
    pub files: u64,
}

//! Exporters: stored events written back out as JSON Lines, GDELT 2.0 TSV and Parquet.
//!
//! Writers take any iterator of records (or of [`Exported`] records with their cluster), so
//! millions of rows stream from the store to the file without being held in memory.

pub mod gdelt;
pub mod jsonl;
#[cfg(feature = "parquet")]
pub mod parquet;

use crate::EventRecord;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What deduplication knows about the real-world event a record stands for.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterFields {
    pub cluster_id: i64,
    /// How many stored mentions (articles' events) the cluster groups.
    pub mentions: u32,
    /// The outlets and article URLs that reported it.
    pub sources: Vec<String>,
    pub urls: Vec<String>,
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

/// Errors while writing an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("serialising event {article_id}: {source}")]
    Json { article_id: String, source: serde_json::Error },
}

/// How many records an export wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub records: u64,
}

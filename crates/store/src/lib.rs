//! The event store: where coded and imported events accumulate.
//!
//! An [`EventRecord`] is one event as stored, whatever produced it. The store keeps articles and
//! events in an embedded SQLite database; importers turn GDELT, ICEWS and Phoenix files into
//! records; exporters write them back out as JSON Lines, GDELT TSV and Parquet; deduplication
//! groups the mentions of one real-world event across articles. [`pipeline::ingest_articles`] is
//! the write path for articles from any source (`tripwire_sources`): coded and stored in
//! batches; [`follow::follow`] polls feed URLs and feeds it what is new (feature `http`).
//! The read API in [`read`] (a read-only, thread-shared [`Reader`] with active dyads, dense
//! daily series, events with their mentions, cursor paging and exports into an
//! [`export::EventSink`]) is what the watch, the server and the read commands use.

pub mod bulk_load;
pub mod db;
pub mod dedup;
pub mod export;
#[cfg(feature = "http")]
pub mod follow;
pub mod import;
pub mod ingest;
pub mod pipeline;
pub mod query;
pub mod read;
pub mod record;
pub mod schema;
pub mod series;

pub use db::{Counts, ImportStats, Store, StoreError};
pub use ingest::IngestStats;
pub use pipeline::{ingest_articles, IngestReport, PipelineOptions};
pub use query::{EventFilter, StoredEvent, View};
pub use read::Reader;
pub use record::{EventRecord, LocationRecord, Origin};
pub use series::{SeriesDay, SeriesQuery};

//! The ingest pipeline, as one function the CLI, the watch and the server share: articles from
//! any source (`tripwire_sources`) are coded and stored in batches by [`ingest_articles`].
//!
//! Coding and storing run on two threads, so the coder never waits for a commit: the caller's
//! thread reads and codes, a second thread commits each batch through [`Store::ingest`] (one
//! transaction per batch, so a killed process keeps every committed batch). Before coding, an
//! article already in the store (same id, or the same normalised text) is skipped, which makes a
//! re-run after a crash code only what is missing. A record that cannot be read or coded is
//! reported through the progress callback and skipped; only a store failure stops the run.

use crate::ingest::IngestStats;
use crate::{EventRecord, Store, StoreError};
use std::sync::mpsc::sync_channel;
use tripwire_coder::coder::Workspace;
use tripwire_coder::{Article, Coder, CoderError};
use tripwire_sources::SourceError;

/// How the pipeline batches its work.
#[derive(Clone, Copy, Debug)]
pub struct PipelineOptions {
    /// Articles per transaction.
    pub batch_size: usize,
}

impl Default for PipelineOptions {
    fn default() -> PipelineOptions {
        PipelineOptions { batch_size: 500 }
    }
}

/// Why an input or an article was skipped; the message names the file and line (or article).
#[derive(Debug, thiserror::Error)]
pub enum Skip {
    #[error(transparent)]
    Source(SourceError),
    #[error("{0}")]
    Coder(CoderError),
}

impl Skip {
    /// Whether a whole input was skipped, rather than one article of it.
    pub fn is_whole_input(&self) -> bool {
        matches!(self, Skip::Source(e) if !e.is_record())
    }
}

/// What the pipeline tells its caller as it goes (a progress bar, a log).
#[derive(Debug)]
pub enum Progress<'a> {
    /// An input or an article was skipped.
    Skipped(&'a Skip),
    /// A batch was committed; the totals so far.
    Committed(&'a IngestStats),
}

/// What one run of the pipeline did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Articles met in the inputs, rejected ones included.
    pub articles_read: u64,
    /// Articles that could not be read or coded.
    pub articles_rejected: u64,
    /// Inputs that could not be read at all.
    pub inputs_skipped: u64,
    /// Articles found in the store before coding (not coded again).
    pub already_stored: u64,
    /// What the store did with the rest.
    pub stored: IngestStats,
}

impl IngestReport {
    /// Inputs and articles skipped, each reported as it was met.
    pub fn skipped(&self) -> u64 {
        self.articles_rejected + self.inputs_skipped
    }

    /// Articles read and used: stored now, or found already stored.
    pub fn usable(&self) -> u64 {
        self.articles_read - self.articles_rejected
    }

    /// Articles found already stored, before coding or by the store itself.
    pub fn duplicates(&self) -> u64 {
        self.already_stored + self.stored.articles_duplicate
    }
}

impl std::ops::AddAssign for IngestReport {
    fn add_assign(&mut self, other: IngestReport) {
        self.articles_read += other.articles_read;
        self.articles_rejected += other.articles_rejected;
        self.inputs_skipped += other.inputs_skipped;
        self.already_stored += other.already_stored;
        self.stored += other.stored;
    }
}

/// What the coding thread hands the storing thread.
type CodedBatch = Vec<(Article, Vec<EventRecord>)>;

/// Codes `articles` with `coder` and stores them in `store`, reporting to `progress` (called
/// from both threads). Returns what was done; `Err` only when the store fails, and then every
/// batch committed before the failure stays stored.
pub fn ingest_articles<I>(
    store: &mut Store,
    coder: &Coder,
    articles: I,
    options: &PipelineOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<IngestReport, StoreError>
where
    I: IntoIterator<Item = Result<Article, SourceError>>,
{
    // A second connection lets the coding thread skip articles already stored while the storing
    // thread writes. A store in memory has no second connection: its own ingest skips them.
    let lookup = store.path().map(Store::open).transpose()?;
    let batch_size = options.batch_size.max(1);
    let (send, receive) = sync_channel::<CodedBatch>(2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> Result<IngestStats, StoreError> {
            let mut total = IngestStats::default();
            for batch in receive {
                total += store.ingest(&batch)?;
                progress(Progress::Committed(&total));
            }
            Ok(total)
        });
        let coded = code_into_batches(coder, articles, lookup.as_ref(), batch_size, progress, |batch| {
            // A failed send means the writer stopped; its error is returned below.
            send.send(batch).is_ok()
        });
        drop(send);
        let stored = match writer.join() {
            Ok(stored) => stored,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let mut report = coded?;
        report.stored = stored?;
        Ok(report)
    })
}

/// The coding half: reads, skips what is stored, codes, and hands over full batches (`hand_over`
/// returns false when the storing half has stopped).
fn code_into_batches<I>(
    coder: &Coder,
    articles: I,
    lookup: Option<&Store>,
    batch_size: usize,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    mut hand_over: impl FnMut(CodedBatch) -> bool,
) -> Result<IngestReport, StoreError>
where
    I: IntoIterator<Item = Result<Article, SourceError>>,
{
    let mut report = IngestReport::default();
    let mut batch: CodedBatch = Vec::with_capacity(batch_size);
    let mut workspace = Workspace::default();
    let skip = |report: &mut IngestReport, reason: Skip| {
        if reason.is_whole_input() {
            report.inputs_skipped += 1;
        } else {
            report.articles_read += 1;
            report.articles_rejected += 1;
        }
        progress(Progress::Skipped(&reason));
    };
    for article in articles {
        let article = match article {
            Ok(article) => article,
            Err(e) => {
                skip(&mut report, Skip::Source(e));
                continue;
            }
        };
        if let Some(lookup) = lookup {
            if lookup.contains_article(&article.id, &article.text)? {
                report.articles_read += 1;
                report.already_stored += 1;
                continue;
            }
        }
        let events = match coder.code_article_with(&article, &mut workspace) {
            Ok(events) => events,
            Err(e) => {
                skip(&mut report, Skip::Coder(e));
                continue;
            }
        };
        report.articles_read += 1;
        let records = events.iter().map(|e| EventRecord::from_coded(e, &article)).collect();
        batch.push((article, records));
        if batch.len() >= batch_size && !hand_over(std::mem::replace(&mut batch, Vec::with_capacity(batch_size))) {
            return Ok(report);
        }
    }
    if !batch.is_empty() {
        hand_over(batch);
    }
    Ok(report)
}

//! Following feeds: [`follow`] polls feed URLs round after round and ingests what is new.
//!
//! Each poll sends the `ETag` and `Last-Modified` the server gave last time, so an unchanged feed
//! costs one `304`; a changed one goes through [`ingest_articles`], whose look-up of stored
//! articles (by id and normalised text) skips the items seen before. The validators are kept in
//! the store (table `feed_state`) once the feed's articles are committed, so a restart, or a
//! crash between the two, asks again and stores nothing twice. A failed poll (network down, a
//! server error, a malformed feed) is logged and retried at the next round.

use crate::pipeline::{ingest_articles, IngestReport, PipelineOptions, Progress};
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use std::time::{Duration, Instant};
use tripwire_coder::Coder;
use tripwire_sources::follow::{poll, Poll};
use tripwire_sources::http::Validators;
use tripwire_sources::{ReadOptions, SourceError};

/// How to follow.
#[derive(Clone, Debug)]
pub struct FollowOptions {
    /// Time from the start of one round to the start of the next.
    pub every: Duration,
    /// Stop after this many rounds; `None` follows until the process is stopped.
    pub rounds: Option<u64>,
    /// How feed items are read and feed URLs fetched.
    pub read: ReadOptions,
    pub pipeline: PipelineOptions,
}

/// What one poll of one feed came to.
#[derive(Debug)]
pub enum FeedOutcome {
    /// The server said the feed has not changed.
    Unchanged,
    /// The feed was read and its new articles stored.
    Ingested(IngestReport),
    /// The poll failed; the next round tries again.
    Failed(SourceError),
}

/// One line of the follow log: a feed polled in a round.
#[derive(Debug)]
pub struct RoundLog<'a> {
    /// 1-based round number.
    pub round: u64,
    pub url: &'a str,
    pub outcome: &'a FeedOutcome,
}

/// What a whole follow run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FollowReport {
    pub rounds: u64,
    /// Polls that answered (changed or not).
    pub polls_answered: u64,
    pub polls_failed: u64,
    /// Everything ingested, over all rounds.
    pub ingested: IngestReport,
}

const FEED_STATE_TABLE: &str = "CREATE TABLE IF NOT EXISTS feed_state (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    -- Unix seconds of the last poll whose articles were committed.
    polled         INTEGER NOT NULL
)";

/// Polls `feeds` every `options.every` for `options.rounds` rounds (or for ever), coding and
/// storing new items; `log` hears about every poll, `progress` about every skipped item and
/// committed batch. `Err` only when the store fails.
pub fn follow(
    store: &mut Store,
    coder: &Coder,
    feeds: &[String],
    options: &FollowOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
    log: &dyn Fn(&RoundLog<'_>),
) -> Result<FollowReport, StoreError> {
    store.connection().execute_batch(FEED_STATE_TABLE)?;
    let mut report = FollowReport::default();
    loop {
        let started = Instant::now();
        report.rounds += 1;
        for url in feeds {
            let outcome = poll_once(store, coder, url, options, progress)?;
            match &outcome {
                FeedOutcome::Unchanged => report.polls_answered += 1,
                FeedOutcome::Ingested(ingested) => {
                    report.polls_answered += 1;
                    report.ingested += *ingested;
                }
                FeedOutcome::Failed(_) => report.polls_failed += 1,
            }
            log(&RoundLog { round: report.rounds, url, outcome: &outcome });
        }
        if options.rounds.is_some_and(|rounds| report.rounds >= rounds) {
            return Ok(report);
        }
        std::thread::sleep(options.every.saturating_sub(started.elapsed()));
    }
}

/// One conditional poll of `url`, its new articles ingested and its validators then saved.
fn poll_once(
    store: &mut Store,
    coder: &Coder,
    url: &str,
    options: &FollowOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<FeedOutcome, StoreError> {
    let known = validators_of(store, url)?;
    let (articles, validators) = match poll(url, &known, &options.read) {
        Ok(Poll::Unchanged) => return Ok(FeedOutcome::Unchanged),
        Ok(Poll::Changed { articles, validators }) => (articles, validators),
        Err(e) => return Ok(FeedOutcome::Failed(e)),
    };
    let ingested = ingest_articles(store, coder, articles, &options.pipeline, progress)?;
    save_validators(store, url, &validators)?;
    Ok(FeedOutcome::Ingested(ingested))
}

/// The validators saved for `url` (none the first time).
pub fn validators_of(store: &Store, url: &str) -> Result<Validators, StoreError> {
    store.connection().execute_batch(FEED_STATE_TABLE)?;
    let found = store
        .connection()
        .query_row("SELECT etag, last_modified FROM feed_state WHERE url = ?1", [url], |row| {
            Ok(Validators { etag: row.get(0)?, last_modified: row.get(1)? })
        })
        .optional()?;
    Ok(found.unwrap_or_default())
}

fn save_validators(store: &Store, url: &str, validators: &Validators) -> Result<(), StoreError> {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    store.connection().execute(
        "INSERT INTO feed_state (url, etag, last_modified, polled) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (url) DO UPDATE SET etag = ?2, last_modified = ?3, polled = ?4",
        params![url, validators.etag, validators.last_modified, now],
    )?;
    Ok(())
}

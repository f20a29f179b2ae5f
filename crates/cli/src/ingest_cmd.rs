//! `tripwire ingest`: the command line, a progress bar and the exit rule (docs/exit-codes.md)
//! around the library's ingest pipeline (`tripwire_store::pipeline`) and feed following
//! (`tripwire_store::follow`). Articles come from `tripwire_sources`.

use crate::exit::Skipped;
use crate::store_cmds::DbArgs;
use anyhow::{bail, Context, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tripwire_sources::{parse_date, Articles, FetchPolicy, ReadOptions};
use tripwire_store::follow::{follow, FeedOutcome, FollowOptions, FollowReport, RoundLog};
use tripwire_store::pipeline::{ingest_articles, IngestReport, PipelineOptions, Progress};

#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively) and http(s) feed URLs: plain text, JSON Lines articles,
    /// RSS or Atom feeds. `-` reads standard input. With --follow: the feed URLs to poll.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Date of plain-text articles, and of JSON Lines articles and feed items without one
    /// (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Use this dictionary folder instead of the shipped one.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Replace invalid UTF-8 instead of skipping the line or file.
    #[arg(long)]
    pub lossy: bool,
    /// Keep polling the feed URLs, ingesting what is new each round (asking with ETag and
    /// Last-Modified, so an unchanged feed is not downloaded again).
    #[arg(long)]
    pub follow: bool,
    /// With --follow: time between rounds, such as 90s, 15m or 1h.
    #[arg(long, default_value = "15m", value_parser = humantime::parse_duration, requires = "follow")]
    pub every: Duration,
    /// With --follow: stop after this many rounds [default: follow until stopped].
    #[arg(long, requires = "follow")]
    pub rounds: Option<u64>,
    /// Fetch feed URLs from loopback, private and link-local addresses too (refused by default,
    /// also after a redirect).
    #[arg(long)]
    pub allow_private: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn ingest(args: IngestArgs) -> Result<()> {
    let date = match &args.date {
        Some(d) => Some(parse_date(d).with_context(|| format!("--date {d:?}: expected YYYY-MM-DD"))?),
        None => None,
    };
    let fetch = FetchPolicy { allow_private: args.allow_private, ..FetchPolicy::default() };
    let read = ReadOptions { date, lossy: args.lossy, json_lines: None, fetch };
    let pipeline = PipelineOptions { batch_size: args.batch.max(1) };
    if args.follow {
        if let Some(name) = args.inputs.iter().find(|name| !tripwire_sources::input::is_url(name)) {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                format!("--follow polls feed URLs (http:// or https://); {name:?} is not one\n"),
            )
            .exit();
        }
        let options = FollowOptions { every: args.every, rounds: args.rounds, read, pipeline };
        return follow_feeds(&args, &options);
    }
    let mut store = args.db.open()?;
    let coder = crate::commands::build_coder(args.dictionaries.as_deref())?;
    let bar = progress_bar();
    let started = Instant::now();
    let on_progress = progress_reporter(&bar, started);
    let articles = Articles::new(&args.inputs, read);
    let report = ingest_articles(&mut store, &coder, articles, &pipeline, &on_progress)?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let counts = store.counts()?;
    eprintln!(
        "tripwire: {}; the store now holds {} events, {} after deduplication",
        summary(&report, secs),
        counts.events,
        counts.distinct_events
    );
    exit_rule(&report)
}

/// The exit rule for a run: 1 when nothing usable was read, 3 when something was skipped.
fn exit_rule(report: &IngestReport) -> Result<()> {
    if report.usable() == 0 {
        if report.skipped() > 0 {
            bail!("nothing could be read: every input and article was skipped");
        }
        bail!("no articles found in the inputs");
    }
    if report.skipped() > 0 {
        return Err(Skipped { count: report.skipped() as usize, what: "inputs or articles" }.into());
    }
    Ok(())
}

fn summary(report: &IngestReport, secs: f64) -> String {
    format!("{} in {secs:.1}s ({:.0} events/s)", counts_line(report), report.stored.events_stored as f64 / secs)
}

/// What was read and stored, in one line.
fn counts_line(report: &IngestReport) -> String {
    let stored = &report.stored;
    let inputs = match report.inputs_skipped {
        0 => String::new(),
        1 => "; 1 input skipped".to_string(),
        n => format!("; {n} inputs skipped"),
    };
    format!(
        "{} articles read: {} stored, {} duplicate, {} rejected{inputs}; {} events stored ({} new events, {} further mentions)",
        report.articles_read,
        stored.articles_stored,
        report.duplicates(),
        report.articles_rejected,
        stored.events_stored,
        stored.clusters_opened,
        stored.mentions_joined,
    )
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Reports each skip on standard error (with its file and line) and each commit on the bar.
fn progress_reporter(bar: &ProgressBar, started: Instant) -> impl Fn(Progress<'_>) + Sync + '_ {
    move |event| match event {
        Progress::Skipped(skip) => bar.suspend(|| eprintln!("tripwire: skipped: {skip}")),
        Progress::Committed(total) => {
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{} articles stored ({:.0}/s), {} events ({:.0}/s)",
                total.articles_stored,
                total.articles_stored as f64 / secs,
                total.events_stored,
                total.events_stored as f64 / secs
            ));
        }
    }
}

/// `--follow`: rounds of polls, one log line per feed per round.
fn follow_feeds(args: &IngestArgs, options: &FollowOptions) -> Result<()> {
    let mut store = args.db.open()?;
    let coder = crate::commands::build_coder(args.dictionaries.as_deref())?;
    let bar = ProgressBar::hidden();
    let on_progress = progress_reporter(&bar, Instant::now());
    let log =
        |entry: &RoundLog<'_>| eprintln!("tripwire: round {}: {}: {}", entry.round, entry.url, outcome_line(entry));
    let report = follow(&mut store, &coder, &args.inputs, options, &on_progress, &log)?;
    let counts = store.counts()?;
    eprintln!(
        "tripwire: {} rounds, {} polls answered, {} failed; {}; the store now holds {} events, {} after deduplication",
        report.rounds,
        report.polls_answered,
        report.polls_failed,
        counts_line(&report.ingested),
        counts.events,
        counts.distinct_events
    );
    follow_exit_rule(&report)
}

fn outcome_line(entry: &RoundLog<'_>) -> String {
    match entry.outcome {
        FeedOutcome::Unchanged => "unchanged".to_string(),
        FeedOutcome::Failed(error) => format!("failed, will retry: {error}"),
        FeedOutcome::Ingested(r) => format!(
            "{} items: {} new articles stored ({} events), {} seen before, {} rejected",
            r.articles_read,
            r.stored.articles_stored,
            r.stored.events_stored,
            r.duplicates(),
            r.articles_rejected
        ),
    }
}

/// Following ends 1 when no poll was ever answered, 3 when polls failed or items were skipped.
fn follow_exit_rule(report: &FollowReport) -> Result<()> {
    if report.polls_answered == 0 {
        bail!("no feed could be polled");
    }
    let skipped = report.polls_failed + report.ingested.skipped();
    if skipped > 0 {
        return Err(Skipped { count: skipped as usize, what: "polls or items" }.into());
    }
    Ok(())
}

//! `tripwire ingest`, `tripwire events` and `tripwire series`: filling the event store from
//! articles and reading it back. Coding and storing run on two threads, so the coder never waits
//! for a commit; the read commands open the store read-only through `tripwire_store::Reader`.

use crate::display::{escape, shortened};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripwire_coder::input::{parse_date, read_articles, ReadOptions};
use tripwire_coder::Article;
use tripwire_store::query::{EventFilter, StoredEvent, View};
use tripwire_store::read::{DailyCounts, DailySeries, DailySeriesQuery, SeriesScope};
use tripwire_store::{EventRecord, IngestStats, Origin, Reader, Store, StoreError};

/// Where the store is.
#[derive(Args, Clone, Debug, Default)]
pub struct DbArgs {
    /// The store's database file [default: $TRIPWIRE_DB, else tripwire/tripwire.db in the user's
    /// data folder].
    #[arg(long)]
    pub db: Option<PathBuf>,
}

impl DbArgs {
    pub fn path(&self) -> Result<PathBuf> {
        if let Some(path) = &self.db {
            return Ok(path.clone());
        }
        if let Some(path) = std::env::var_os("TRIPWIRE_DB").filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        let data = dirs::data_dir().context("no user data folder known here: pass --db PATH or set TRIPWIRE_DB")?;
        Ok(data.join("tripwire").join("tripwire.db"))
    }

    /// Opens the store, saying where when this creates it.
    pub fn open(&self) -> Result<Store> {
        let path = self.path()?;
        let store = Store::open(&path)?;
        if store.was_created() {
            eprintln!("tripwire: created the event store at {}", path.display());
        }
        Ok(store)
    }

    /// Opens the store read-only, for a command that only reads: it never creates the file or
    /// its folder, and works in a folder the user cannot write to.
    pub fn open_read(&self) -> Result<Reader> {
        let path = self.path()?;
        match Reader::open(&path) {
            Ok(reader) => Ok(reader),
            Err(StoreError::NotFound { .. }) => bail!(
                "{}: the store does not exist (reading never creates one): check --db or TRIPWIRE_DB, or fill a store with `tripwire ingest` or `tripwire import`",
                path.display()
            ),
            Err(error) => Err(error.into()),
        }
    }
}

#[derive(Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively) and http(s) feed URLs: plain text, JSON Lines articles,
    /// RSS or Atom feeds. `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// Date of plain-text articles (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    /// Use this dictionary folder instead of the shipped one.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Articles per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
    /// Replace invalid UTF-8 instead of rejecting the input.
    #[arg(long)]
    pub lossy: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// File extensions a folder is searched for.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson", "json", "xml", "rss", "atom"];

/// One input to read: a file, standard input, or a feed URL.
#[derive(Clone, Debug, PartialEq)]
enum Input {
    File(PathBuf),
    Stdin,
    Url(String),
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Url(u) => u.clone(),
        }
    }
}

/// The inputs named on the command line, folders expanded recursively in sorted order.
fn expand_inputs(names: &[String]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for name in names {
        if name == "-" {
            inputs.push(Input::Stdin);
        } else if name.starts_with("http://") || name.starts_with("https://") {
            inputs.push(Input::Url(name.clone()));
        } else {
            let path = PathBuf::from(name);
            if path.is_dir() {
                walk(&path, &mut inputs)?;
            } else if path.exists() {
                inputs.push(Input::File(path));
            } else {
                bail!("{name}: no such file or folder");
            }
        }
    }
    Ok(inputs)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, inputs)?;
        } else if path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| ARTICLE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            inputs.push(Input::File(path));
        }
    }
    Ok(())
}

/// The articles in one input, each an article or the reason it was rejected (naming the input
/// and line). `Err` when the input as a whole cannot be read.
fn articles_of(input: &Input, options: ReadOptions) -> Result<Vec<Result<Article, String>>> {
    let name = input.name();
    let bytes = match input {
        Input::File(path) => std::fs::read(path).with_context(|| format!("{name}: cannot read"))?,
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
            bytes
        }
        Input::Url(url) => fetch_feed(url)?,
    };
    if let Some(feed) = feed_articles(&bytes, &name) {
        return feed;
    }
    let (bytes, mut rejected) = blank_invalid_lines(bytes, &name, options);
    let articles = read_articles(&bytes, &name, options)?;
    let mut articles: Vec<Result<Article, String>> =
        articles.into_iter().map(|a| a.map_err(|e| e.to_string())).collect();
    articles.append(&mut rejected);
    Ok(articles)
}

/// In JSON Lines, one line of invalid UTF-8 is one bad article, not a bad file: such lines are
/// blanked (keeping the line numbers of the others) and reported. Other inputs are returned as
/// they are, for the reader to judge whole.
fn blank_invalid_lines(bytes: Vec<u8>, name: &str, options: ReadOptions) -> (Vec<u8>, Vec<Result<Article, String>>) {
    let json_lines =
        options.json_lines.unwrap_or_else(|| bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
    if options.lossy || !json_lines || std::str::from_utf8(&bytes).is_ok() {
        return (bytes, Vec::new());
    }
    let mut clean = Vec::with_capacity(bytes.len());
    let mut rejected = Vec::new();
    let mut offset = 0;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            clean.push(b'\n');
        }
        match std::str::from_utf8(line) {
            Ok(_) => clean.extend_from_slice(line),
            Err(e) => rejected.push(Err(format!(
                "{name}:{}: invalid UTF-8 at byte offset {}; use --lossy to replace bad bytes",
                index + 1,
                offset + e.valid_up_to()
            ))),
        }
        offset += line.len() + 1;
    }
    (clean, rejected)
}

/// The articles of an RSS/Atom feed; `None` when the bytes are not a feed.
fn feed_articles(bytes: &[u8], name: &str) -> Option<Result<Vec<Result<Article, String>>>> {
    if !tripwire_store::feeds::looks_like_feed(bytes) {
        return None;
    }
    Some(tripwire_store::feeds::parse_feed(bytes, name).map(|a| a.into_iter().map(Ok).collect()).map_err(Into::into))
}

fn fetch_feed(url: &str) -> Result<Vec<u8>> {
    Ok(tripwire_store::feeds::fetch(url)?)
}

/// What the coding thread hands the storing thread.
type CodedBatch = Vec<(Article, Vec<EventRecord>)>;

#[derive(Default)]
struct ReadTally {
    read: u64,
    rejected: u64,
    already_stored: u64,
}

pub fn ingest(args: IngestArgs) -> Result<()> {
    let date = match &args.date {
        Some(d) => Some(parse_date(d).with_context(|| format!("--date {d:?}: expected YYYY-MM-DD"))?),
        None => None,
    };
    let options = ReadOptions { date, lossy: args.lossy, json_lines: None };
    let inputs = expand_inputs(&args.inputs)?;
    let batch_size = args.batch.max(1);
    let path = args.db.path()?;
    let mut store = args.db.open()?;
    // A second connection lets the coding thread skip articles already stored (a re-run after an
    // interruption codes only what is missing) while the storing thread writes.
    let lookup = Store::open(&path)?;
    let coder = crate::commands::build_coder(args.dictionaries.as_deref())?;

    let progress = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    let started = Instant::now();
    let (send, receive) = std::sync::mpsc::sync_channel::<CodedBatch>(2);

    let (tally, stored) = std::thread::scope(|scope| -> Result<(ReadTally, IngestStats)> {
        let progress_w = progress.clone();
        let writer = scope.spawn(move || -> Result<IngestStats> {
            let mut total = IngestStats::default();
            for batch in receive {
                total += store.ingest(&batch).context("storing a batch")?;
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                progress_w.set_message(format!(
                    "{} articles stored ({:.0}/s), {} events ({:.0}/s)",
                    total.articles_stored,
                    total.articles_stored as f64 / secs,
                    total.events_stored,
                    total.events_stored as f64 / secs
                ));
            }
            Ok(total)
        });
        let mut tally = ReadTally::default();
        let mut batch: CodedBatch = Vec::with_capacity(batch_size);
        let mut workspace = tripwire_coder::coder::Workspace::default();
        let mut send_failed = false;
        'inputs: for input in &inputs {
            let articles = match articles_of(input, options) {
                Ok(a) => a,
                Err(e) => {
                    progress.suspend(|| eprintln!("tripwire: skipped: {e:#}"));
                    tally.rejected += 1;
                    continue;
                }
            };
            for article in articles {
                tally.read += 1;
                let article = match article {
                    Ok(a) => a,
                    Err(reason) => {
                        progress.suspend(|| eprintln!("tripwire: skipped: {reason}"));
                        tally.rejected += 1;
                        continue;
                    }
                };
                if lookup.contains_article(&article.id, &article.text)? {
                    tally.already_stored += 1;
                    continue;
                }
                let events = match coder.code_article_with(&article, &mut workspace) {
                    Ok(events) => events,
                    Err(e) => {
                        progress.suspend(|| eprintln!("tripwire: skipped: {}: {e}", input.name()));
                        tally.rejected += 1;
                        continue;
                    }
                };
                let records = events.iter().map(|e| EventRecord::from_coded(e, &article)).collect();
                batch.push((article, records));
                if batch.len() >= batch_size && send.send(std::mem::take(&mut batch)).is_err() {
                    send_failed = true;
                    break 'inputs;
                }
            }
        }
        if !batch.is_empty() && !send_failed {
            // A failed send means the writer stopped; its error is reported below.
            let _ = send.send(batch);
        }
        drop(send);
        let stored = writer.join().map_err(|_| anyhow::anyhow!("the storing thread panicked"))??;
        Ok((tally, stored))
    })?;
    progress.finish_and_clear();
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    let counts = lookup.counts()?;
    eprintln!(
        "tripwire: {} articles read: {} stored, {} duplicate, {} rejected; {} events stored ({} new events, {} further mentions) in {:.1}s ({:.0} events/s); the store now holds {} events, {} after deduplication",
        tally.read,
        stored.articles_stored,
        stored.articles_duplicate + tally.already_stored,
        tally.rejected,
        stored.events_stored,
        stored.clusters_opened,
        stored.mentions_joined,
        secs,
        stored.events_stored as f64 / secs,
        counts.events,
        counts.distinct_events,
    );
    if tally.read > 0 && tally.read == tally.rejected {
        bail!("no article could be read");
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableOrJson {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Json,
}

/// The filters `events` and `export` share.
#[derive(Args)]
pub struct FilterArgs {
    /// Directed dyad of ISO-3 countries, source-target (IRN-USA).
    #[arg(long)]
    pub dyad: Option<String>,
    /// With --dyad, both directions.
    #[arg(long)]
    pub both: bool,
    /// Actor code prefix on either side (IRN, IRNGOV, IGOUNO).
    #[arg(long)]
    pub actor: Option<String>,
    /// CAMEO event code prefix (046).
    #[arg(long, conflicts_with = "root")]
    pub code: Option<String>,
    /// CAMEO root code (04).
    #[arg(long)]
    pub root: Option<String>,
    /// QuadClass, 1-4.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Option<u8>,
    /// First event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Last event date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Outlet that reported it.
    #[arg(long)]
    pub source: Option<String>,
    /// Where events came from: tripwire, gdelt1, gdelt2, icews, phoenix.
    #[arg(long)]
    pub origin: Option<String>,
    /// Every raw mention instead of one row per deduplicated event.
    #[arg(long)]
    pub mentions: bool,
    #[arg(long)]
    pub limit: Option<u64>,
}

impl FilterArgs {
    pub fn filter(&self) -> Result<EventFilter> {
        let origin = match self.origin.as_deref() {
            Some(o) => Some(
                Origin::parse(o)
                    .with_context(|| format!("--origin {o:?}: one of tripwire, gdelt1, gdelt2, icews, phoenix"))?,
            ),
            None => None,
        };
        Ok(EventFilter {
            dyad: self.dyad.as_deref().map(parse_dyad).transpose()?,
            both_directions: self.both,
            actor: self.actor.clone(),
            event_code: self.code.clone(),
            event_root: self.root.clone(),
            quad_class: self.quad,
            from: date_arg("--from", &self.from)?,
            to: date_arg("--to", &self.to)?,
            outlet: self.source.clone(),
            origin,
            limit: self.limit,
        })
    }

    pub fn view(&self) -> View {
        if self.mentions {
            View::Mentions
        } else {
            View::Deduplicated
        }
    }
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

/// `IRN-USA` → (`IRN`, `USA`).
pub fn parse_dyad(text: &str) -> Result<(String, String)> {
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [a, b] if is_country(a) && is_country(b) => Ok((a.to_ascii_uppercase(), b.to_ascii_uppercase())),
        _ => bail!("dyad {text:?}: expected two ISO-3 country codes joined by '-', such as IRN-USA"),
    }
}

fn is_country(code: &str) -> bool {
    code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic())
}

fn date_arg(flag: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    value.as_deref().map(|d| parse_date(d).with_context(|| format!("{flag} {d:?}: expected YYYY-MM-DD"))).transpose()
}

pub fn events(args: EventsArgs) -> Result<()> {
    let filter = args.filter.filter()?;
    let view = args.filter.view();
    let reader = args.db.open_read()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if matches!(args.format, TableOrJson::Table) {
        writeln!(
            out,
            "{:<10}  {:<12} {:<5} {:<12} {:>6} {:>1} {:>8}  {:<24} sentence",
            "date", "source", "code", "target", "gold", "q", "mentions", "outlets"
        )?;
    }
    let count = reader.for_each(&filter, view, |event| -> Result<()> {
        match args.format {
            TableOrJson::Json => {
                serde_json::to_writer(&mut out, &event)?;
                out.write_all(b"\n")?;
            }
            TableOrJson::Table => writeln!(out, "{}", table_row(&event))?,
        }
        Ok(())
    })?;
    out.flush()?;
    if matches!(args.format, TableOrJson::Table) {
        eprintln!("{count} {}", if args.filter.mentions { "mentions" } else { "events" });
    }
    Ok(())
}

/// One line of the `events` table; every stored text is escaped for the terminal.
fn table_row(event: &StoredEvent) -> String {
    let r = &event.record;
    let text = r.sentence.as_deref().or(r.source_text.as_deref()).unwrap_or("");
    format!(
        "{:<10}  {:<12} {:<5} {:<12} {:>6} {:>1} {:>8}  {:<24} {}",
        r.date,
        escape(&r.source_code),
        escape(&r.event_code),
        escape(&r.target_code),
        r.goldstein.map(|g| format!("{g:+.1}")).unwrap_or_default(),
        r.quad_class.map(|q| q.to_string()).unwrap_or_default(),
        event.mentions,
        shortened(&event.outlets.join(","), 23),
        shortened(text, 80)
    )
}

#[derive(Args)]
pub struct SeriesArgs {
    /// Directed dyad of ISO-3 countries, source-target (IRN-USA).
    pub dyad: String,
    /// Count both directions.
    #[arg(long)]
    pub both: bool,
    /// First day (YYYY-MM-DD) [default: the dyad's first event].
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: the dyad's last event].
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

/// `tripwire series`: the dense daily series of a dyad, every day of the range.
pub fn series(args: SeriesArgs) -> Result<()> {
    let (source, target) = parse_dyad(&args.dyad)?;
    let scope = if args.both {
        SeriesScope::Undirected { a: source, b: target }
    } else {
        SeriesScope::Directed { source, target }
    };
    let query = DailySeriesQuery { scope, from: date_arg("--from", &args.from)?, to: date_arg("--to", &args.to)? };
    let series = args.db.open_read()?.daily_series(&query)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    print_series(&mut out, &series, args.format)?;
    out.flush()?;
    Ok(())
}

/// A series day as a JSON line: its counts and the Goldstein mean.
#[derive(Serialize)]
struct DayLine<'a> {
    #[serde(flatten)]
    day: &'a DailyCounts,
    goldstein_mean: Option<f64>,
}

pub fn print_series(out: &mut impl Write, series: &DailySeries, format: TableOrJson) -> Result<()> {
    match format {
        TableOrJson::Json => {
            for day in &series.days {
                serde_json::to_writer(&mut *out, &DayLine { day, goldstein_mean: day.goldstein_mean() })?;
                out.write_all(b"\n")?;
            }
        }
        TableOrJson::Table => {
            writeln!(
                out,
                "{:<10} {:>8} {:>6} {:>9} {:>7} {:>5} {:>5} {:>5} {:>5}",
                "date", "mentions", "events", "gold_sum", "gold_avg", "q1", "q2", "q3", "q4"
            )?;
            for d in &series.days {
                writeln!(
                    out,
                    "{:<10} {:>8} {:>6} {:>9.1} {:>7} {:>5} {:>5} {:>5} {:>5}",
                    d.date,
                    d.mentions,
                    d.events,
                    d.goldstein_sum,
                    d.goldstein_mean().map(|m| format!("{m:+.2}")).unwrap_or_default(),
                    d.quad1,
                    d.quad2,
                    d.quad3,
                    d.quad4
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dyads_parse_and_bad_ones_are_explained() {
        assert_eq!(parse_dyad("irn-USA").unwrap(), ("IRN".to_string(), "USA".to_string()));
        for bad in ["IRN", "IRN-US", "IRN-USA-ISR", "IR1-USA", ""] {
            let error = parse_dyad(bad).unwrap_err().to_string();
            assert!(error.contains("IRN-USA"), "{bad}: {error}");
        }
    }

    #[test]
    fn folders_expand_recursively_in_order_keeping_article_files_only() {
        let dir = std::env::temp_dir().join(format!("tripwire-walk-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("b/inner")).unwrap();
        for name in ["b/inner/z.jsonl", "b/a.txt", "a.rss", "notes.pdf", "c.JSON"] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let found: Vec<String> = expand_inputs(&[dir.display().to_string()])
            .unwrap()
            .into_iter()
            .map(|i| i.name().trim_start_matches(&dir.display().to_string()).to_string())
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(found, ["/a.rss", "/b/a.txt", "/b/inner/z.jsonl", "/c.JSON"]);
        assert!(expand_inputs(&["/no/such/thing".into()]).is_err());
        assert_eq!(
            expand_inputs(&["https://example.org/feed".into()]).unwrap(),
            [Input::Url("https://example.org/feed".into())]
        );
    }
}

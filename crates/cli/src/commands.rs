//! `tripwire code` and `tripwire demo`.

use crate::display::{escape, shortened};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::Cell;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use tripwire_coder::{Article, Coder, Event, Workspace};
use tripwire_sources::{parse_date, Input, ReadOptions};
use tripwire_watch::brief::History;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    /// One JSON object per event.
    Json,
    /// GDELT 2.0 event-table rows, tab-separated.
    Gdelt,
    /// One stored-event record per line: the event store's schema (what `ingest` keeps).
    Record,
}

#[derive(Args)]
pub struct CodeArgs {
    /// Plain-text or JSON Lines files; none or `-` reads standard input.
    pub files: Vec<PathBuf>,
    /// Date of plain-text articles (YYYY-MM-DD).
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Use this dictionary folder (PETRARCH/Phoenix format, or .twd files) instead of the shipped one.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Replace invalid UTF-8 instead of stopping at it.
    #[arg(long)]
    pub lossy: bool,
    /// Print a GDELT header line first (with --format gdelt).
    #[arg(long)]
    pub header: bool,
    /// Articles coded at once, one thread each (0: one per core). The output is the same for any
    /// number, in input order.
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
}

/// The coder on the chosen dictionaries (compiled, or read from the cache) and the shipped
/// gazetteer, which is built on a second thread meanwhile.
pub fn build_coder(dictionaries: Option<&Path>) -> Result<Coder> {
    std::thread::scope(|scope| {
        let gazetteer = scope.spawn(tripwire_gazetteer::Gazetteer::shipped);
        let (lexicon, _start) = crate::dictionaries::compiled(dictionaries)?;
        let gazetteer = gazetteer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            .context("loading the shipped gazetteer")?;
        Ok(Coder::from_lexicon(lexicon, Some(gazetteer)))
    })
}

pub fn code(args: CodeArgs) -> Result<()> {
    let date = match &args.date {
        Some(d) => Some(parse_date(d).with_context(|| format!("--date {d:?}: expected YYYY-MM-DD"))?),
        None => None,
    };
    let options = ReadOptions { date, lossy: args.lossy, ..ReadOptions::default() };
    let coder = build_coder(args.dictionaries.as_deref())?;
    // Unlocked: the pool writes from its own thread.
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    if args.header && matches!(args.format, Format::Gdelt) {
        writeln!(out, "{}", tripwire_store::export::gdelt::GDELT_COLUMNS.join("\t"))?;
    }
    let inputs: Vec<Input> = if args.files.is_empty() {
        vec![Input::Stdin]
    } else {
        args.files
            .iter()
            .map(|path| if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path.clone()) })
            .collect()
    };
    let progress = if inputs.len() > 1 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files  {per_sec}  {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut next_id: u64 = 1;
    let problems = Cell::new(0usize);
    let articles = read_articles(&inputs, &options, &progress, &problems);
    let format = args.format;
    // JSON and records are written on the workers too; GDELT rows number events across the whole
    // output, so they are written in order by the sink.
    let code_one = |workspace: &mut Workspace, (name, article): (String, Article)| -> Result<Coded> {
        let events = coder
            .code_article_with(&article, workspace)
            .map_err(|e| anyhow::Error::new(e).context(format!("{name}: article {}", article.id)))?;
        if matches!(format, Format::Gdelt) {
            return Ok(Coded::Events(article, events));
        }
        let mut bytes = Vec::new();
        write_events(&mut bytes, &events, &article, format, &mut 0)?;
        Ok(Coded::Written(bytes))
    };
    // Coded on the pool's workers, written by its sink in input order: the same bytes for any
    // number of jobs.
    tripwire_coder::ordered::Pool::new(args.jobs).run(articles, code_one, |coded: Result<Coded>| match coded? {
        Coded::Written(bytes) => Ok(out.write_all(&bytes)?),
        Coded::Events(article, events) => write_events(&mut out, &events, &article, format, &mut next_id),
    })?;
    progress.finish_and_clear();
    out.flush()?;
    if problems.get() > 0 && problems.get() == inputs.len() {
        bail!("no input could be read");
    }
    Ok(())
}

/// One article's output as a worker hands it to the sink.
enum Coded {
    /// Already written out.
    Written(Vec<u8>),
    /// To be written by the sink, which numbers the rows.
    Events(Article, Vec<Event>),
}

/// Every article of every input, with the input's name, read lazily. An input or record that
/// cannot be read is reported as it is met, counted in `problems`, and passed over; events
/// already written stay written.
fn read_articles<'a>(
    inputs: &'a [Input],
    options: &'a ReadOptions,
    progress: &'a ProgressBar,
    problems: &'a Cell<usize>,
) -> impl Iterator<Item = (String, Article)> + 'a {
    inputs.iter().flat_map(move |input| {
        let name = input.name();
        progress.set_message(name.clone());
        let articles = match tripwire_sources::open(input, options) {
            Ok(articles) => Some(articles),
            Err(e) => {
                progress.suspend(|| eprintln!("tripwire: {e}"));
                problems.set(problems.get() + 1);
                None
            }
        };
        let read = articles.into_iter().flatten().filter_map(move |article| match article {
            Ok(article) => Some((name.clone(), article)),
            Err(e) => {
                progress.suspend(|| eprintln!("tripwire: skipped: {e}"));
                problems.set(problems.get() + 1);
                None
            }
        });
        // The bar counts a file once all its articles have been read.
        read.chain(std::iter::once_with(move || progress.inc(1)).filter_map(|()| None))
    })
}

fn write_events(
    out: &mut impl Write,
    events: &[Event],
    article: &Article,
    format: Format,
    next_id: &mut u64,
) -> Result<()> {
    for event in events {
        match format {
            Format::Json => {
                serde_json::to_writer(&mut *out, event)?;
                out.write_all(b"\n")?;
            }
            Format::Record => {
                serde_json::to_writer(&mut *out, &tripwire_store::EventRecord::from_coded(event, article))?;
                out.write_all(b"\n")?;
            }
            Format::Gdelt => {
                let mut row = String::new();
                let record = tripwire_store::EventRecord::from_coded(event, article);
                tripwire_store::export::gdelt::push_row(&mut row, &record, *next_id, (1, 1, 1));
                writeln!(out, "{row}")?;
                *next_id += 1;
            }
        }
    }
    Ok(())
}

/// Codes every example article and prints its events, one block per article; then stores them
/// (in memory, or in `db`) and shows what the store makes of them: the events after
/// deduplication and the Iran–United States daily series; then the watch over the shared ICEWS
/// history with its alarms, and the brief of one example article against that history. With
/// `serve`, it ends with the dashboard on the demo's ICEWS store, the example articles added.
pub fn demo(examples: &Path, db: Option<&Path>, serve: Option<std::net::SocketAddr>) -> Result<()> {
    let coder = build_coder(None)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples)
        .with_context(|| {
            format!("{}: cannot read the examples folder (run from the repository root)", examples.display())
        })?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("{}: no .jsonl example articles", examples.display());
    }
    let mut total = 0;
    let mut coded: Vec<(Article, Vec<tripwire_store::EventRecord>)> = Vec::new();
    for file in files {
        for article in tripwire_sources::open(&Input::File(file), &ReadOptions::default())? {
            let article = article?;
            let events = coder.code_article(&article)?;
            println!(
                "\n== {} ({}) {}",
                escape(&article.id),
                article.date.map(|d| d.to_string()).unwrap_or_default(),
                escape(&article.title)
            );
            for e in &events {
                let place = e
                    .location
                    .as_ref()
                    .map(|l| {
                        format!("  @ {} ({}, {:?})", escape(&l.place.name), escape(&l.place.country), l.place.precision)
                    })
                    .unwrap_or_default();
                println!(
                    "  {:<10} {:<4} {:<10} {:>5}  {:<12} {}{}",
                    escape(&e.source_code),
                    escape(&e.event_code),
                    escape(&e.target_code),
                    e.goldstein.map(|g| format!("{g:+.1}")).unwrap_or_default(),
                    e.plover_event.unwrap_or(""),
                    e.event_name.unwrap_or(""),
                    place
                );
                println!("  {:>28} \"{}\"", "", snippet(&article.text, e.span));
            }
            total += events.len();
            let records = events.iter().map(|e| tripwire_store::EventRecord::from_coded(e, &article)).collect();
            coded.push((article, records));
        }
    }
    println!("\n{total} events coded from the examples.");
    demo_store(&coded, db)?;
    // Named by schema version: a scratch store left by a build with another schema (a newer
    // checkout beside this one) must not stop the demo.
    let scratch =
        std::env::temp_dir().join(format!("tripwire-demo-icews-v{}.db", tripwire_store::schema::CURRENT_VERSION));
    let watched = crate::watch_cmds::demo_watch(Path::new(DEMO_HISTORY), &scratch)?;
    let article = examples.join(DEMO_BRIEF);
    if article.is_file() {
        println!("\nThe brief of {} (tripwire brief {0} --db STORE):", escape(&article.display().to_string()));
        let history = watched.as_ref().map(|(reader, watch)| History { reader, watch: Some(watch) });
        crate::brief_cmd::demo_brief(&coder, &article, history.as_ref())?;
    } else {
        println!("\nBrief: skipped, {} is absent.", escape(&article.display().to_string()));
    }
    drop(watched);
    match serve {
        None => Ok(()),
        Some(bind) => demo_serve(&coded, &scratch, bind),
    }
}

#[cfg(feature = "server")]
fn demo_serve(
    coded: &[(Article, Vec<tripwire_store::EventRecord>)],
    store: &Path,
    bind: std::net::SocketAddr,
) -> Result<()> {
    // The watch forecasts from the history's last day, as the demo's watch did: the examples
    // are dated years later and would leave it watching an empty stretch.
    let history_end = match tripwire_store::Reader::open(store) {
        Ok(reader) => tripwire_watch::load::Volume::read(&reader, None)?.map(|v| v.to),
        Err(_) => None,
    };
    tripwire_store::Store::open(store)?.ingest(coded)?;
    println!("\nThe examples are in {} too; serving it.", escape(&store.display().to_string()));
    crate::serve_cmd::serve_store(store, bind, history_end)
}

#[cfg(not(feature = "server"))]
fn demo_serve(_: &[(Article, Vec<tripwire_store::EventRecord>)], _: &Path, _: std::net::SocketAddr) -> Result<()> {
    bail!("this tripwire was built without the `server` feature")
}

/// The example article the demo briefs: talks under a mediator after years of pressure.
const DEMO_BRIEF: &str = "muscat-talks.jsonl";

/// The real event history the demo watches, beside the checkout as CI and the README have it.
const DEMO_HISTORY: &str = "../shared/data/events/icews05-15-sample.tsv";

/// The store half of the demo.
fn demo_store(coded: &[(Article, Vec<tripwire_store::EventRecord>)], db: Option<&Path>) -> Result<()> {
    let mut store = match db {
        Some(path) => tripwire_store::Store::open(path)?,
        None => tripwire_store::Store::open_in_memory()?,
    };
    let stats = store.ingest(coded)?;
    let counts = store.counts()?;
    let place =
        db.map(|p| escape(&p.display().to_string()).into_owned()).unwrap_or_else(|| "a store in memory".to_string());
    println!(
        "\nStored in {place}: {} articles, {} events ({} already there), {} distinct events after deduplication.",
        stats.articles_stored, stats.events_stored, stats.articles_duplicate, counts.distinct_events
    );
    let query = tripwire_store::read::DailySeriesQuery {
        scope: tripwire_store::read::SeriesScope::Undirected { a: "IRN".into(), b: "USA".into() },
        from: None,
        to: None,
    };
    println!("\nDaily series IRN-USA, both directions (tripwire series IRN-USA --both):");
    crate::store_cmds::print_series(
        &mut std::io::stdout().lock(),
        &store.daily_series(&query)?,
        crate::store_cmds::TableOrJson::Table,
    )?;
    Ok(())
}

/// The article text at a character span, shortened and escaped for a terminal.
fn snippet(text: &str, span: [usize; 2]) -> String {
    let s: String = text.chars().skip(span[0]).take(span[1].saturating_sub(span[0])).collect();
    shortened(&s, 110)
}

//! `tripwire bench <area>`: throughput and memory, one JSON object per line
//! (`bench`, `metric`, `value`, `unit`), with the floor and the peer measured in the same run.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use tripwire_coder::coder::Workspace;
use tripwire_coder::text::{split_sentences, tokenize};

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Area {
    /// Sentences per second and memory of the coder, beside an Aho-Corasick floor and TABARI.
    Coder,
    /// Ingest rate and memory of the event store, and the daily dyad series over a large store.
    Store,
    /// Signals, change points, forecasts and the backtest over every active dyad of a store.
    Watch,
    /// Latency and throughput of the JSON API and the dashboard over a 10,000,000-event store.
    #[cfg(feature = "server")]
    Server,
}

#[derive(Args)]
pub struct BenchArgs {
    #[arg(value_enum)]
    pub area: Area,
    /// The shared research folder (dictionaries, news, the TABARI peer).
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Minimum number of sentences to code (the real-news set is repeated to reach it).
    #[arg(long, default_value_t = 50_000)]
    pub sentences: usize,
    /// Skip building and running TABARI.
    #[arg(long)]
    pub no_peer: bool,
    /// Store: coded events to ingest.
    #[arg(long, default_value_t = 1_000_000)]
    pub store_events: u64,
    /// Store: events in the store the series query runs over.
    #[arg(long, default_value_t = 10_000_000)]
    pub query_events: u64,
    /// Store: articles per ingest transaction.
    #[arg(long, default_value_t = 2_000)]
    pub batch_articles: usize,
    /// Store: run only this part (repeatable; all parts when not given).
    #[arg(long = "part", value_enum)]
    pub parts: Vec<crate::bench_store::StorePart>,
    /// Watch: the store to measure [default: one built from the shared ICEWS sample].
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Server: concurrent clients.
    #[arg(long, default_value_t = 64)]
    pub clients: usize,
    /// Server: requests per endpoint, at most.
    #[arg(long, default_value_t = 5_000)]
    pub requests: usize,
    /// Server: seconds per endpoint, at most.
    #[arg(long, default_value_t = 30)]
    pub seconds: u64,
    /// Scratch folder for generated inputs and the peer's build.
    #[arg(long, default_value = "/tmp/tripwire-bench")]
    pub work: PathBuf,
}

pub(crate) fn emit(metric: &str, value: f64, unit: &str) {
    println!(
        "{}",
        json!({"bench": "coder", "metric": metric, "value": (value * 1000.0).round() / 1000.0, "unit": unit})
    );
}

fn note(text: &str) {
    println!("{}", json!({"bench": "coder", "note": text}));
}

pub fn run(args: BenchArgs) -> Result<()> {
    match args.area {
        Area::Coder => coder(&args),
        Area::Watch => crate::bench_watch::run(&crate::bench_watch::WatchBench {
            db: args.db.clone(),
            shared: args.shared.clone(),
            work: args.work.clone(),
        }),
        #[cfg(feature = "server")]
        Area::Server => crate::bench_server::run(&crate::bench_server::ServerBench {
            events: args.query_events,
            work: args.work.clone(),
            clients: args.clients,
            requests: args.requests,
            seconds: args.seconds,
        }),
        Area::Store => crate::bench_store::run(&crate::bench_store::StoreBench {
            ingest_events: args.store_events,
            query_events: args.query_events,
            batch_articles: args.batch_articles,
            work: args.work.clone(),
            parts: args.parts.clone(),
        }),
    }
}

/// Peak resident memory of this process so far, from /proc (Linux), in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    Some(status_kib(&status, "VmHWM:")? as f64 / 1024.0)
}

/// A memory figure, in KiB, from the text of a `/proc/PID/status` file (`VmHWM:`, `RssAnon:` …).
pub fn status_kib(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn coder(args: &BenchArgs) -> Result<()> {
    std::fs::create_dir_all(&args.work).with_context(|| format!("{}: cannot create", args.work.display()))?;
    let tabari = args.shared.join("peers/tabari");
    let cameo = args.shared.join("data/cameo");
    if !cameo.is_dir() {
        bail!("{}: the Phoenix dictionaries are needed for this benchmark", cameo.display());
    }
    // The same real-news sentences TABARI codes (Wikinews 2019-2020, repeated).
    let news_dir = args.work.join("news");
    let tsv = news_dir.join("bench.sentences.tsv");
    if !tsv.exists() {
        let status = Command::new("bash")
            .arg(tabari.join("make-bench-news.sh"))
            .arg(&news_dir)
            .arg(args.sentences.to_string())
            .stdout(Stdio::null())
            .status()
            .with_context(|| format!("running {}", tabari.join("make-bench-news.sh").display()))?;
        if !status.success() {
            bail!("make-bench-news.sh failed");
        }
    }
    let sentences = read_sentences(&tsv)?;
    emit("sentences", sentences.len() as f64, "sentences");

    // Dictionary load and compile.
    let started = Instant::now();
    let dictionaries = tripwire_dictionaries::petrarch::load_dir(&cameo)?;
    let load_s = started.elapsed().as_secs_f64();
    emit("phoenix_load_ms", load_s * 1000.0, "ms");
    let started = Instant::now();
    let coder = tripwire_coder::Coder::new(dictionaries, None)?;
    emit("compile_ms", started.elapsed().as_secs_f64() * 1000.0, "ms");
    let lexicon = coder.lexicon();
    crate::bench_coder_speed::automata(lexicon, &sentences)?;

    // Coding only, one thread: segment, tokenize, match, assemble.
    let mut ws = Workspace::default();
    let mut events = 0usize;
    let started = Instant::now();
    for (date, text) in &sentences {
        for range in split_sentences(text) {
            let tokens = tokenize(text, range);
            events += coder.code_sentence(&tokens, *date, &mut ws).events.len();
        }
    }
    let coding_s = started.elapsed().as_secs_f64();
    let coding_rate = sentences.len() as f64 / coding_s;
    emit("coding_sentences_per_s", coding_rate, "sentences/s");
    emit("events_per_sentence", events as f64 / sentences.len() as f64, "events/sentence");

    // The floor: the same phrases found by a plain Aho-Corasick scan of the raw text.
    let floor = floor_automaton(lexicon)?;
    let mut floor_hits = 0usize;
    let started = Instant::now();
    for (_, text) in &sentences {
        floor_hits += floor.find_overlapping_iter(text.as_str()).count();
    }
    let floor_rate = sentences.len() as f64 / started.elapsed().as_secs_f64();
    emit("floor_aho_corasick_sentences_per_s", floor_rate, "sentences/s");
    emit("coding_vs_floor", coding_rate / floor_rate, "ratio");
    emit("floor_matches_per_sentence", floor_hits as f64 / sentences.len() as f64, "matches/sentence");
    if let Some(mib) = peak_rss_mib() {
        emit("bench_process_peak_rss", mib, "MiB");
    }
    crate::bench_coder_speed::long_article(&coder, &sentences)?;
    crate::bench_coder_speed::startup(&cameo, &args.work)?;

    // The whole process: `tripwire code` on the same sentences, one article per line.
    let jsonl = news_dir.join("bench.articles.jsonl");
    if !jsonl.exists() {
        write_articles(&sentences, &jsonl, 1)?;
    }
    // From the compiled-dictionary cache the start-up measurement left, as a second run would.
    let exe = std::env::current_exe().context("locating the tripwire binary")?;
    let whole_on = |jobs: &str, input: &Path| {
        time_process(
            Command::new(&exe)
                .env(tripwire_coder::cache::CACHE_DIR_ENV, args.work.join("process-cache"))
                .args(["code", "--jobs", jobs, "--dictionaries"])
                .arg(&cameo)
                .arg(input),
        )
    };
    let whole = |jobs: &str| whole_on(jobs, &jsonl);
    // Scaling where the coding, not reading one-line articles, is the work: the same sentences
    // in articles of twenty.
    let grouped = news_dir.join("bench.articles-of-20.jsonl");
    if !grouped.exists() {
        write_articles(&sentences, &grouped, 20)?;
    }
    let (wall_grouped_1, _, grouped_events_1) = whole_on("1", &grouped)?;
    let (wall_grouped_2, _, grouped_events_2) = whole_on("2", &grouped)?;
    if grouped_events_1 != grouped_events_2 {
        bail!("articles of 20: --jobs 2 wrote {grouped_events_2} events, --jobs 1 wrote {grouped_events_1}");
    }
    emit("whole_process_articles_of_20_sentences_per_s", sentences.len() as f64 / wall_grouped_1, "sentences/s");
    emit("whole_process_articles_of_20_jobs2_vs_jobs1", wall_grouped_1 / wall_grouped_2, "ratio");
    let (wall, peak, tripwire_events) = whole("1")?;
    let whole_rate = sentences.len() as f64 / wall;
    emit("whole_process_sentences_per_s", whole_rate, "sentences/s");
    emit("whole_process_wall_s", wall, "s");
    if let Some(peak) = peak {
        emit("whole_process_peak_rss", peak, "MiB");
    }
    emit("whole_process_events", tripwire_events as f64, "events");
    let (wall_2, peak_2, events_2) = whole("2")?;
    if events_2 != tripwire_events {
        bail!("--jobs 2 wrote {events_2} events, --jobs 1 wrote {tripwire_events}");
    }
    let whole_rate_2 = sentences.len() as f64 / wall_2;
    emit("whole_process_jobs2_sentences_per_s", whole_rate_2, "sentences/s");
    emit("whole_process_jobs2_vs_jobs1", whole_rate_2 / whole_rate, "ratio");
    if let Some(peak) = peak_2 {
        emit("whole_process_jobs2_peak_rss", peak, "MiB");
    }

    if args.no_peer {
        note("TABARI skipped (--no-peer)");
        return Ok(());
    }
    match run_tabari(&tabari, &news_dir, &args.work) {
        Ok(peer) => {
            emit("tabari_whole_process_sentences_per_s", peer.records / peer.wall_s, "sentences/s");
            if let Some(cpu) = peer.coding_s {
                emit("tabari_coding_sentences_per_s", peer.records / cpu, "sentences/s");
                emit("coding_vs_tabari", coding_rate / (peer.records / cpu), "ratio");
            }
            emit("whole_process_vs_tabari", whole_rate / (peer.records / peer.wall_s), "ratio");
            emit("whole_process_jobs2_vs_tabari", whole_rate_2 / (peer.records / peer.wall_s), "ratio");
            emit("tabari_events_per_sentence", peer.events / peer.records, "events/sentence");
            if let Some(peak) = peer.peak_mib {
                emit("tabari_peak_rss", peak, "MiB");
            }
        }
        Err(e) => note(&format!("TABARI not measured: {e:#}")),
    }
    Ok(())
}

fn read_sentences(tsv: &Path) -> Result<Vec<(chrono::NaiveDate, String)>> {
    let text = std::fs::read_to_string(tsv).with_context(|| format!("{}: cannot read", tsv.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut cols = line.splitn(3, '\t');
        let (_, Some(day), Some(sentence)) = (cols.next(), cols.next(), cols.next()) else {
            bail!("{}:{}: expected id, YYMMDD, sentence", tsv.display(), n + 1);
        };
        let date = chrono::NaiveDate::parse_from_str(&format!("20{day}"), "%Y%m%d")
            .with_context(|| format!("{}:{}: bad date {day:?}", tsv.display(), n + 1))?;
        out.push((date, sentence.to_string()));
    }
    Ok(out)
}

/// The sentences as JSON Lines articles of `per_article` consecutive sentences each, dated by
/// their first.
fn write_articles(sentences: &[(chrono::NaiveDate, String)], path: &Path, per_article: usize) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for (i, group) in sentences.chunks(per_article.max(1)).enumerate() {
        let text = group.iter().map(|(_, text)| text.as_str()).collect::<Vec<_>>().join(" ");
        writeln!(out, "{}", json!({"id": format!("s{i}"), "date": group[0].0.to_string(), "text": text}))?;
    }
    Ok(())
}

fn floor_automaton(lexicon: &tripwire_coder::Lexicon) -> Result<aho_corasick::AhoCorasick> {
    let d = &lexicon.dictionaries;
    let phrases = d
        .actors
        .iter()
        .flat_map(|a| a.phrases.iter())
        .chain(d.agents.iter().flat_map(|a| a.phrases.iter()))
        .chain(d.verbs.iter().flat_map(|v| v.forms.iter()))
        .map(|p| p.0.iter().map(|w| w.text()).collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty());
    Ok(aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(phrases)?)
}

/// Runs a command with stdout counted and discarded; wall seconds, peak RSS in MiB, output lines.
fn time_process(command: &mut Command) -> Result<(f64, Option<f64>, usize)> {
    use std::io::{BufRead, BufReader};
    let started = Instant::now();
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().context("starting process")?;
    let pid = child.id();
    let mut lines = 0usize;
    let mut peak: Option<f64> = None;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            line?;
            lines += 1;
            if lines.is_multiple_of(64) {
                peak = larger(peak, rss_of(pid));
            }
        }
    }
    peak = larger(peak, rss_of(pid));
    let status = child.wait()?;
    let wall = started.elapsed().as_secs_f64();
    if !status.success() {
        bail!("process failed: {status}");
    }
    Ok((wall, peak, lines))
}

fn larger(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// High-water resident memory of a running process, in MiB.
fn rss_of(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

struct PeerFigures {
    records: f64,
    events: f64,
    wall_s: f64,
    coding_s: Option<f64>,
    peak_mib: Option<f64>,
}

fn run_tabari(tabari: &Path, news_dir: &Path, work: &Path) -> Result<PeerFigures> {
    let build_dir = work.join("tabari-build");
    let status = Command::new("bash").arg(tabari.join("build.sh")).arg(&build_dir).stdout(Stdio::null()).status()?;
    if !status.success() {
        bail!("build.sh failed");
    }
    let out = work.join("tabari.events");
    let output = Command::new("bash")
        .arg(tabari.join("run.sh"))
        .arg("--bin")
        .arg(build_dir.join("TABARI"))
        .arg("--timeout")
        .arg("900")
        .arg(news_dir.join("bench.project"))
        .arg(&out)
        .output()?;
    if !output.status.success() {
        bail!("run.sh failed: {}", String::from_utf8_lossy(&output.stdout));
    }
    let summary = String::from_utf8_lossy(&output.stdout);
    let field = |key: &str| -> Option<f64> {
        summary
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split(':').nth(1))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    let records = field("records").context("no record count in TABARI's summary")?;
    let events = field("events").unwrap_or(0.0);
    let wall_s = field("wall_s").context("no wall time in TABARI's summary")?;
    Ok(PeerFigures { records, events, wall_s, coding_s: field("tabari_cpu_s"), peak_mib: None })
}

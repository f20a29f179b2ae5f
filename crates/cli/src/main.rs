//! `tripwire`: the command-line front end. It parses arguments, reads and writes files and draws
//! progress bars; the coding, evaluation and benchmarking logic lives in the library crates.

mod backtest_plots;
mod bench;
mod bench_coder_speed;
mod bench_corpus;
mod bench_ingest;
#[cfg(feature = "server")]
mod bench_server;
mod bench_spark;
mod bench_store;
mod bench_watch;
mod brief_cmd;
mod commands;
mod dictionaries;
mod display;
mod eval;
mod exit;
mod import_export;
mod ingest_cmd;
mod series_normalized;
#[cfg(feature = "server")]
mod serve_cmd;
mod store_cmds;
mod watch_cmds;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "tripwire", version, about = "Political events from news text: code, store, watch.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code news articles into CAMEO events (JSON Lines or GDELT 2.0 rows on stdout).
    Code(commands::CodeArgs),
    /// Score the coder against a gold-standard file (PETRARCH XML records or PLOVER JSON).
    Eval(eval::EvalArgs),
    /// Measure throughput and memory; prints one JSON object per line.
    Bench(bench::BenchArgs),
    /// Code the shipped example articles and show the events.
    Demo {
        /// Folder of example articles (JSON Lines).
        #[arg(long, default_value = "examples")]
        examples: PathBuf,
        /// Also keep the demo's events in this store (default: a store in memory).
        #[arg(long)]
        db: Option<PathBuf>,
        /// End with the dashboard running on the demo's store, at this address.
        #[cfg(feature = "server")]
        #[arg(long, num_args = 0..=1, default_missing_value = "127.0.0.1:8080")]
        serve: Option<std::net::SocketAddr>,
    },
    /// Code articles (files, folders, feed URLs) and add their events to the store.
    Ingest(ingest_cmd::IngestArgs),
    /// List stored events, deduplicated or as raw mentions, with filters.
    Events(store_cmds::EventsArgs),
    /// The daily series of a dyad from the store.
    Series(store_cmds::SeriesArgs),
    /// Add published event data (GDELT 1.0/2.0, ICEWS, Phoenix, POLECAT, tripwire JSON Lines) to the store.
    Import(import_export::ImportArgs),
    /// Write stored events as JSON Lines, GDELT 2.0 TSV or partitioned Parquet.
    Export(import_export::ExportArgs),
    /// Change points in a dyad's weekly Goldstein mean (CUSUM), toward coercion or cooperation.
    Changes(watch_cmds::ChangesArgs),
    /// The probability of a surge of material conflict for every active dyad.
    Watch(watch_cmds::WatchArgs),
    /// The dyads at their alarm threshold, and those de-escalating, with what drove them.
    Alarms(watch_cmds::AlarmsArgs),
    /// One article's events weighed into a verdict (countdown, false alarm, unclear), with the
    /// store's history of its dyads when --db is given.
    Brief(brief_cmd::BriefArgs),
    /// Rolling-origin backtest of the forecasts against MID onsets and surges, with baselines.
    Backtest(watch_cmds::BacktestArgs),
    /// The dashboard and JSON API on the store (loopback unless --bind says otherwise).
    #[cfg(feature = "server")]
    Serve(serve_cmd::ServeArgs),
}

fn main() {
    let cli = Cli::parse();
    let outcome: Result<()> = match cli.command {
        Command::Code(args) => commands::code(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        #[cfg(feature = "server")]
        Command::Demo { examples, db, serve } => commands::demo(&examples, db.as_deref(), serve),
        #[cfg(not(feature = "server"))]
        Command::Demo { examples, db } => commands::demo(&examples, db.as_deref(), None),
        Command::Ingest(args) => ingest_cmd::ingest(args),
        Command::Events(args) => store_cmds::events(args),
        Command::Series(args) => store_cmds::series(args),
        Command::Import(args) => import_export::import(args),
        Command::Export(args) => import_export::export(args),
        Command::Changes(args) => watch_cmds::changes(args),
        Command::Watch(args) => watch_cmds::watch(args),
        Command::Alarms(args) => watch_cmds::alarms(args),
        Command::Backtest(args) => watch_cmds::backtest(args),
        Command::Brief(args) => brief_cmd::run(args),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve_cmd::serve(args),
    };
    if let Err(error) = &outcome {
        // A closed pipe (`tripwire code … | head`) is not an error worth reporting.
        if error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            std::process::exit(exit::COMPLETE);
        }
        if let Some(skipped) = error.downcast_ref::<exit::Skipped>() {
            eprintln!("tripwire: {skipped}");
        } else {
            eprintln!("tripwire: error: {error:#}");
        }
    }
    std::process::exit(exit::status_of(&outcome));
}

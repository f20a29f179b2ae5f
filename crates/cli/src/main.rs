//! `tripwire`: the command-line front end. It parses arguments, reads and writes files and draws
//! progress bars; the coding, evaluation and benchmarking logic lives in the library crates.

mod bench;
mod commands;
mod dictionaries;
mod eval;

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
    },
}

fn main() {
    let cli = Cli::parse();
    let outcome: Result<()> = match cli.command {
        Command::Code(args) => commands::code(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Demo { examples } => commands::demo(&examples),
    };
    if let Err(error) = outcome {
        // A closed pipe (`tripwire code … | head`) is not an error worth reporting.
        if error.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) {
            std::process::exit(0);
        }
        eprintln!("tripwire: error: {error:#}");
        std::process::exit(1);
    }
}

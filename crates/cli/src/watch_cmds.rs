//! `tripwire changes`, `watch`, `alarms` and `backtest`: the dyad watch from the command line.
//! The work is `tripwire_watch`'s; this file reads arguments and prints.

use crate::display::escape;
use crate::store_cmds::{DbArgs, TableOrJson};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tripwire_sources::parse_date;
use tripwire_store::Reader;
use tripwire_watch::alarms::{forecasts, DyadForecast, Watch};
use tripwire_watch::backtest;
use tripwire_watch::countries::CowCodes;
use tripwire_watch::load::{dyad_signals, Dyad, Volume};
use tripwire_watch::truth::MidHistory;

#[derive(Args)]
pub struct ChangesArgs {
    /// The dyad, two ISO-3 countries (IRN-USA; both directions are read).
    pub dyad: String,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args)]
pub struct WatchArgs {
    /// The day to forecast from (YYYY-MM-DD) [default: the store's last day].
    #[arg(long)]
    pub date: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args)]
pub struct AlarmsArgs {
    /// The day to forecast from (YYYY-MM-DD) [default: the store's last day].
    #[arg(long)]
    pub date: Option<String>,
    /// Show the features that moved each forecast and the events behind it.
    #[arg(long)]
    pub explain: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args)]
pub struct BacktestArgs {
    /// Write backtest.md and backtest.json into this folder.
    #[arg(long)]
    pub report: Option<PathBuf>,
    /// The conflict ground-truth folder (cow_states.csv, gml_part.csv).
    #[arg(long, default_value = "../shared/data/conflict")]
    pub conflict: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

fn dyad_arg(text: &str) -> Result<Dyad> {
    Dyad::parse(text).with_context(|| {
        format!("dyad {text:?}: expected two different ISO-3 countries joined by '-', such as IRN-USA")
    })
}

/// The forecast date: the one asked for, else the store's last day.
fn watch_date(reader: &Reader, date: &Option<String>) -> Result<NaiveDate> {
    if let Some(text) = date {
        return parse_date(text).with_context(|| format!("--date {text:?}: expected YYYY-MM-DD"));
    }
    match Volume::read(reader, None)? {
        Some(volume) => Ok(volume.to),
        None => bail!("the store holds no events: import or ingest some first"),
    }
}

pub fn changes(args: ChangesArgs) -> Result<()> {
    let dyad = dyad_arg(&args.dyad)?;
    let reader = args.db.open_read()?;
    let Some(volume) = Volume::read(&reader, None)? else { bail!("the store holds no events") };
    let signals = dyad_signals(&reader, &dyad, &volume)?;
    let changes = tripwire_watch::changes::detect(&signals.weekly(), &Default::default());
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        TableOrJson::Json => {
            for change in &changes {
                serde_json::to_writer(&mut out, change)?;
                out.write_all(b"\n")?;
            }
        }
        TableOrJson::Table => {
            writeln!(
                out,
                "{:<10}  {:<10}  {:<18}  {:>6}  {:>6}  {:>6}",
                "from", "detected", "direction", "size", "before", "after"
            )?;
            for c in &changes {
                writeln!(
                    out,
                    "{:<10}  {:<10}  {:<18}  {:>+6.2}  {:>+6.2}  {:>+6.2}",
                    c.date,
                    c.detected,
                    c.direction.describe(),
                    c.size,
                    c.level_before,
                    c.level_after
                )?;
            }
            writeln!(out, "{} change points in the weekly Goldstein mean of {dyad} (both directions).", changes.len())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn probability_cells(forecast: &DyadForecast) -> String {
    forecast
        .horizons
        .iter()
        .map(|h| {
            // In percent: onset probabilities are mostly below one in a hundred.
            let change =
                h.week_before.map_or_else(|| "      ".to_string(), |b| format!("{:+6.2}", 100.0 * (h.probability - b)));
            format!("{:>6.2}% {change}{}", 100.0 * h.probability, if h.alarm { "!" } else { " " })
        })
        .collect::<Vec<_>>()
        .join("  ")
}

fn header(out: &mut impl Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<8}  {:<15}  {:<15}  {:<15}  state",
        "dyad", "7 d % (Δ week)", "30 d % (Δ week)", "90 d % (Δ week)"
    )
}

/// What `!` means, horizon by horizon.
fn thresholds(watch: &Watch) -> String {
    let each: Vec<String> =
        watch.models.iter().map(|(h, fitted)| format!("{h} d {:.2}%", 100.0 * fitted.alarm_threshold)).collect();
    format!("! = above the alarm threshold ({}: the top 5% of forecasts while fitting)", each.join(", "))
}

fn state(forecast: &DyadForecast) -> &'static str {
    if forecast.ongoing {
        "ongoing"
    } else {
        "quiet"
    }
}

pub fn watch(args: WatchArgs) -> Result<()> {
    let reader = args.db.open_read()?;
    let date = watch_date(&reader, &args.date)?;
    let watch = Watch::fit(&reader, date)?;
    let forecasts = forecasts(&watch, &reader, false)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        TableOrJson::Json => {
            for forecast in &forecasts {
                serde_json::to_writer(&mut out, forecast)?;
                out.write_all(b"\n")?;
            }
        }
        TableOrJson::Table => {
            writeln!(out, "Probability of a surge of material conflict, as of {date}.")?;
            writeln!(out, "{}", thresholds(&watch))?;
            header(&mut out)?;
            for f in &forecasts {
                writeln!(out, "{:<8}  {}  {}", f.dyad.to_string(), probability_cells(f), state(f))?;
            }
            writeln!(out, "{} active dyads.", forecasts.len())?;
        }
    }
    out.flush()?;
    Ok(())
}

pub fn alarms(args: AlarmsArgs) -> Result<()> {
    let reader = args.db.open_read()?;
    let date = watch_date(&reader, &args.date)?;
    let watch = Watch::fit(&reader, date)?;
    let alarms = alarmed(forecasts(&watch, &reader, true)?);
    let mut out = BufWriter::new(std::io::stdout().lock());
    if matches!(args.format, TableOrJson::Json) {
        for alarm in &alarms {
            serde_json::to_writer(&mut out, alarm)?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        return Ok(());
    }
    writeln!(out, "Alarms as of {date}.")?;
    writeln!(out, "{}", thresholds(&watch))?;
    print_alarms(&mut out, &alarms, &reader, args.explain)?;
    writeln!(out, "{} alarms among {} watched dyads.", alarms.len(), watch.histories.len())?;
    out.flush()?;
    Ok(())
}

/// The forecasts at an alarm threshold, and those the verdict calls a false alarm.
pub fn alarmed(forecasts: Vec<DyadForecast>) -> Vec<DyadForecast> {
    forecasts
        .into_iter()
        .filter(|f| {
            f.horizons.iter().any(|h| h.alarm) || f.verdict.as_deref().is_some_and(|v| v.starts_with("false alarm"))
        })
        .collect()
}

/// The alarms table: each alarm's probabilities, its verdict and, with `explain`, its evidence.
pub fn print_alarms(out: &mut impl Write, alarms: &[DyadForecast], reader: &Reader, explain_each: bool) -> Result<()> {
    header(out)?;
    for f in alarms {
        writeln!(out, "{:<8}  {}  {}", f.dyad.to_string(), probability_cells(f), state(f))?;
        if let Some(verdict) = &f.verdict {
            writeln!(out, "          {}", escape(verdict))?;
        }
        if explain_each {
            explain(out, reader, f)?;
        }
    }
    Ok(())
}

fn explain(out: &mut impl Write, reader: &Reader, forecast: &DyadForecast) -> Result<()> {
    writeln!(out, "          what moved the 30-day forecast (contribution in logits, change since a week before):")?;
    for d in &forecast.drivers {
        writeln!(
            out,
            "            {:<34} value {:>7.3}  contribution {:>+7.3}  change {:>+7.3}",
            d.feature, d.value, d.contribution, d.change
        )?;
    }
    for (label, ids) in [("conflict", &forecast.conflict_events), ("cooperation", &forecast.cooperative_events)] {
        if ids.is_empty() {
            continue;
        }
        writeln!(out, "          recent {label} events:")?;
        for &id in ids {
            let Some(detail) = reader.event(id)? else { continue };
            let record = &detail.event.record;
            writeln!(
                out,
                "            #{id} {} {} {} {} ({}) {}",
                record.date,
                escape(record.source_text.as_deref().unwrap_or(&record.source_code)),
                escape(&record.event_code),
                escape(record.target_text.as_deref().unwrap_or(&record.target_code)),
                record.goldstein.map_or_else(String::new, |g| format!("{g:+.1}")),
                escape(record.sentence.as_deref().unwrap_or("")),
            )?;
        }
    }
    Ok(())
}

/// Reads the MID participants, reporting bad rows and unmatched states on standard error.
pub fn read_mids(conflict: &Path) -> Result<MidHistory> {
    let (codes, problems) = CowCodes::read(&conflict.join("cow_states.csv"))?;
    // Ten years before the event history begins: the dispute-history feature and the quiet
    // window of the first origins read disputes that began before 2005.
    let since = NaiveDate::from_ymd_opt(1995, 1, 1).context("date")?;
    let (mids, more) = MidHistory::read(&conflict.join("gml_part.csv"), &codes, since)?;
    for problem in problems.iter().chain(&more).take(10) {
        eprintln!("tripwire: skipped: {problem}");
    }
    if problems.len() + more.len() > 10 {
        eprintln!("tripwire: … {} bad rows skipped in all", problems.len() + more.len());
    }
    if mids.participants_without_code > 0 || mids.pairs_without_day > 0 {
        eprintln!(
            "tripwire: MID onsets: {} participant rows without an ISO-3 code, {} pairs without a start day, left out",
            mids.participants_without_code, mids.pairs_without_day
        );
    }
    Ok(mids)
}

pub fn backtest(args: BacktestArgs) -> Result<()> {
    let reader = args.db.open_read()?;
    let mids = read_mids(&args.conflict)?;
    let (scores, timelines) = backtest::run_with_timelines(&reader, &mids)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    write!(out, "{}", tripwire_watch::report::summary_table(&scores))?;
    out.flush()?;
    if let Some(dir) = &args.report {
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
        let plots = crate::backtest_plots::write(dir, &scores, &timelines)?;
        let command = format!("tripwire backtest --db {}", args.db.path()?.display());
        let markdown = tripwire_watch::report::markdown(&scores, &command, &plots);
        std::fs::write(dir.join("backtest.md"), markdown)
            .with_context(|| format!("{}: cannot write", dir.display()))?;
        let json = serde_json::to_string_pretty(&scores)?;
        std::fs::write(dir.join("backtest.json"), json).with_context(|| format!("{}: cannot write", dir.display()))?;
        eprintln!("tripwire: report written to {}", dir.join("backtest.md").display());
    }
    Ok(())
}

/// The watch half of the demo: the shared ICEWS history imported into a scratch store (once;
/// importing again finds every row already there), the watch fitted on it, the dyads with the
/// highest 30-day probability shown with their verdicts, then the current alarms. Returns the
/// store and the watch for the brief that follows; `None` when the history is absent.
pub fn demo_watch(history: &Path, scratch: &Path) -> Result<Option<(Reader, Watch)>> {
    if !history.is_file() {
        println!("\nWatch: skipped, the ICEWS history {} is absent.", escape(&history.display().to_string()));
        return Ok(None);
    }
    println!(
        "\nWatch over the ICEWS history {} (tripwire import, then tripwire watch):",
        escape(&history.display().to_string())
    );
    {
        let mut store = tripwire_store::Store::open(scratch)?;
        let mut loader = store.loader()?;
        let report =
            tripwire_store::import::import_path(history, None, &mut |record| loader.push(record).map_err(Into::into))?;
        let stored = loader.finish()?;
        println!(
            "  {} rows read into {}: {} new, {} already there.",
            report.rows,
            escape(&scratch.display().to_string()),
            stored.inserted,
            stored.already_present
        );
    }
    let reader = Reader::open(scratch)?;
    let date = watch_date(&reader, &None)?;
    let watch = Watch::fit(&reader, date)?;
    let forecasts = forecasts(&watch, &reader, true)?;
    println!("  Probability of a surge of material conflict, as of {date}, the eight highest at 30 days:");
    let mut out = std::io::stdout().lock();
    header(&mut out)?;
    for f in forecasts.iter().take(8) {
        writeln!(out, "{:<8}  {}  {}", f.dyad.to_string(), probability_cells(f), state(f))?;
        if let Some(verdict) = &f.verdict {
            writeln!(out, "          {}", escape(verdict))?;
        }
    }
    let active = forecasts.len();
    let alarms = alarmed(forecasts);
    writeln!(out, "\nAlarms as of {date} (tripwire alarms; --explain adds the evidence).")?;
    writeln!(out, "  {}", thresholds(&watch))?;
    print_alarms(&mut out, &alarms, &reader, false)?;
    writeln!(out, "  {} alarms among {active} active dyads.", alarms.len())?;
    drop(out);
    Ok(Some((reader, watch)))
}

//! `tripwire import` and `tripwire export`: published event datasets into the store, and stored
//! events out as JSON Lines, GDELT 2.0 TSV or partitioned Parquet. The parsing and writing live
//! in `tripwire_store::{import, export}`; this module wires files, the store and the report.

use crate::display::escape;
use crate::exit::Skipped;
use crate::store_cmds::{DbArgs, FilterArgs};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use tripwire_store::bulk_load::Loader;
use tripwire_store::export::{gdelt, jsonl, EventSink, ExportError};
use tripwire_store::import::{import_path, Format, ImportError, ImportReport};
use tripwire_store::{EventRecord, ImportStats, Store};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Recognise each file's layout from its first line.
    Auto,
    Gdelt1,
    Gdelt2,
    Icews,
    IcewsNames,
    Phoenix,
    Polecat,
    Jsonl,
}

impl ImportFormat {
    fn format(self) -> Option<Format> {
        match self {
            ImportFormat::Auto => None,
            ImportFormat::Gdelt1 => Some(Format::Gdelt1),
            ImportFormat::Gdelt2 => Some(Format::Gdelt2),
            ImportFormat::Icews => Some(Format::Icews),
            ImportFormat::IcewsNames => Some(Format::IcewsNames),
            ImportFormat::Phoenix => Some(Format::Phoenix),
            ImportFormat::Polecat => Some(Format::Polecat),
            ImportFormat::Jsonl => Some(Format::Jsonl),
        }
    }
}

#[derive(Args)]
pub struct ImportArgs {
    /// Event files (plain, .zip or .gz) or folders of them.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The files' layout (docs/import.md lists the columns of each).
    #[arg(long, value_enum, default_value = "auto")]
    pub format: ImportFormat,
    /// Read and report only; store nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as one JSON object per file and one for the total.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

/// Files named, folders walked recursively in name order; each with whether a folder gave it.
fn expand(paths: &[PathBuf]) -> Result<Vec<(PathBuf, bool)>> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, bool)>) -> Result<()> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .with_context(|| format!("{}: cannot list the folder", dir.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<std::io::Result<_>>()
            .with_context(|| format!("{}: cannot list the folder", dir.display()))?;
        entries.sort();
        for path in entries {
            let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
            if hidden || path.file_name().is_some_and(|n| n == "README.md") {
                continue;
            }
            if path.is_dir() {
                walk(&path, found)?;
            } else {
                found.push((path, true));
            }
        }
        Ok(())
    }
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut found)?;
        } else if path.exists() {
            found.push((path.clone(), false));
        } else {
            bail!("{}: no such file or folder", path.display());
        }
    }
    Ok(found)
}

/// What an import run has done so far, over all its files.
struct Totals {
    report: ImportReport,
    stored: ImportStats,
    /// Files not read to their end or not at all (each reported as it was met).
    inputs_skipped: usize,
}

pub fn import(args: ImportArgs) -> Result<()> {
    let files = expand(&args.files)?;
    if files.is_empty() {
        bail!(
            "no files to import in {}",
            args.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    let mut store = if args.dry_run { None } else { Some(args.db.open()?) };
    let mut loader = store.as_mut().map(Store::loader).transpose()?;
    let progress = if std::io::stderr().is_terminal() { ProgressBar::new_spinner() } else { ProgressBar::hidden() };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {msg}").unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let started = Instant::now();
    let mut totals = Totals {
        report: ImportReport { file: "total".to_string(), ..ImportReport::default() },
        stored: ImportStats::default(),
        inputs_skipped: 0,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (file, in_folder) in &files {
        let outcome = import_file(file, args.format.format(), loader.as_mut(), &progress, started, &totals);
        let (report, stored) = match outcome {
            Ok(done) => done,
            Err(error @ (ImportError::Sink { .. } | ImportError::Dictionaries(_))) => {
                // The store or the shipped dictionaries failed: nothing further can be stored.
                // What was committed stays; say how much that is.
                progress.finish_and_clear();
                let kept = totals.stored.inserted;
                return Err(anyhow::Error::new(error).context(format!(
                    "import stopped; what was committed stays in the store ({kept} new events from the files before this one)"
                )));
            }
            Err(error) => {
                let why = if *in_folder { "skipped" } else { "skipped the file" };
                progress.suspend(|| eprintln!("tripwire: {why}: {error}"));
                totals.inputs_skipped += 1;
                continue;
            }
        };
        if let Some(stop) = &report.stopped {
            progress.suspend(|| {
                eprintln!(
                    "tripwire: {}: reading stopped at line {}: {}; the {} rows before it were read{}",
                    report.file,
                    stop.line,
                    stop.message,
                    report.accepted,
                    stored.map(|s| format!(" and {} new events stored", s.inserted)).unwrap_or_default()
                )
            });
            totals.inputs_skipped += 1;
        } else if report.rows == 0 {
            progress.suspend(|| eprintln!("tripwire: skipped: {}: the file holds no rows", report.file));
            totals.inputs_skipped += 1;
        }
        progress.suspend(|| print_report(&mut out, &report, stored, args.json))?;
        totals.report.absorb(&report);
        totals.stored += stored.unwrap_or_default();
    }
    if let Some(loader) = loader {
        progress.set_message("building the store's indexes");
        totals.stored += loader.finish()?;
    }
    progress.finish_and_clear();
    if files.len() - totals.inputs_skipped != 1 {
        print_report(&mut out, &totals.report, (!args.dry_run).then_some(totals.stored), args.json)?;
    }
    out.flush()?;
    summarise(&totals, started.elapsed().as_secs_f64(), args.dry_run)
}

/// Imports one file through the loader (none for a dry run): its report, and what was stored.
fn import_file(
    file: &Path,
    format: Option<Format>,
    mut loader: Option<&mut Loader<'_>>,
    progress: &ProgressBar,
    started: Instant,
    totals: &Totals,
) -> Result<(ImportReport, Option<ImportStats>), ImportError> {
    let mut seen = 0u64;
    let mut sink = |record: EventRecord| -> Result<(), tripwire_store::import::SinkError> {
        seen += 1;
        if let Some(loader) = loader.as_deref_mut() {
            loader.push(record)?;
        }
        if seen.is_multiple_of(50_000) {
            let rate = (totals.report.accepted + seen) as f64 / started.elapsed().as_secs_f64().max(1e-9);
            progress.set_message(format!("{}: {seen} events ({rate:.0} events/s)", file.display()));
            progress.tick();
        }
        Ok(())
    };
    let imported = import_path(file, format, &mut sink);
    // Rows handed on before an error are the store's to keep: commit them whatever happened.
    let stored = loader.map(|loader| loader.flush()).transpose();
    let report = imported?;
    let stored =
        stored.map_err(|cause| ImportError::Sink { file: report.file.clone(), line: 0, cause: cause.into() })?;
    Ok((report, stored))
}

/// The closing line on standard error, and the exit status it stands for (docs/exit-codes.md):
/// nothing imported is a failure; skipped files or rejected rows are a partial run.
fn summarise(totals: &Totals, seconds: f64, dry_run: bool) -> Result<()> {
    let report = &totals.report;
    let stored = if dry_run {
        String::new()
    } else {
        format!(
            ", {} new events stored ({} already in the store)",
            totals.stored.inserted, totals.stored.already_present
        )
    };
    eprintln!(
        "tripwire: {} events read{stored}, {} rows rejected, {} files skipped, in {seconds:.1} s ({:.0} events/s)",
        report.accepted,
        report.rejected,
        totals.inputs_skipped,
        report.accepted as f64 / seconds.max(1e-9)
    );
    if report.accepted == 0 {
        bail!("nothing was imported: no file held a row that could be read");
    }
    if totals.inputs_skipped > 0 {
        return Err(Skipped { count: totals.inputs_skipped, what: "files" }.into());
    }
    if report.rejected > 0 {
        return Err(Skipped { count: usize::try_from(report.rejected).unwrap_or(usize::MAX), what: "rows" }.into());
    }
    Ok(())
}

fn percent(share: Option<f64>) -> String {
    share.map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "-".to_string())
}

fn print_report(out: &mut impl Write, report: &ImportReport, stored: Option<ImportStats>, json: bool) -> Result<()> {
    if json {
        let value = serde_json::json!({
            "file": report.file,
            "format": report.format.map(|f| f.name()),
            "rows": report.rows,
            "accepted": report.accepted,
            "rejected": report.rejected,
            "rejections": report.rejections.iter().map(|r| serde_json::json!({"line": r.line, "message": r.message})).collect::<Vec<_>>(),
            "stopped": report.stopped.as_ref().map(|s| serde_json::json!({"line": s.line, "message": s.message})),
            "stored": stored.map(|s| s.inserted),
            "already_present": stored.map(|s| s.already_present),
            "actor_mentions": report.actor_mentions,
            "actors_coded": report.share_actors_coded(),
            "actors_with_country": report.share_actors_with_country(),
            "sector_places_resolved": report.share_sector_places_resolved(),
            "event_names_resolved": report.share_event_names_resolved(),
        });
        writeln!(out, "{value}")?;
        return Ok(());
    }
    let format = report.format.map(|f| f.name()).unwrap_or("-");
    writeln!(
        out,
        "{} ({format}): {} rows, {} accepted, {} rejected",
        escape(&report.file),
        report.rows,
        report.accepted,
        report.rejected
    )?;
    if let Some(stats) = stored {
        writeln!(out, "  stored {} new events, {} already in the store", stats.inserted, stats.already_present)?;
    }
    if report.actor_mentions > 0 {
        writeln!(
            out,
            "  actor mentions {}: coded {}, with a country {}; places in \"Sector (Place)\" resolved {}",
            report.actor_mentions,
            percent(report.share_actors_coded()),
            percent(report.share_actors_with_country()),
            percent(report.share_sector_places_resolved())
        )?;
    }
    if report.event_names > 0 {
        writeln!(
            out,
            "  event names {}: resolved {}",
            report.event_names,
            percent(report.share_event_names_resolved())
        )?;
    }
    if let Some(stop) = &report.stopped {
        writeln!(out, "  reading stopped at line {}: {} (the rows before it were kept)", stop.line, stop.message)?;
    }
    for rejection in &report.rejections {
        writeln!(out, "  rejected line {}: {}", rejection.line, escape(&rejection.message))?;
    }
    if report.rejected > report.rejections.len() as u64 {
        writeln!(out, "  … and {} more rejected rows", report.rejected - report.rejections.len() as u64)?;
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per event (every stored field, plus the cluster's when deduplicated).
    Jsonl,
    /// GDELT 2.0 event-table rows (61 tab-separated columns).
    Gdelt,
    /// Partitioned Parquet (hive style, date=YYYY-MM-DD); needs --out FOLDER.
    Parquet,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (or folder for parquet); `-` or nothing for standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// With --format gdelt: write the column names as a first line.
    #[arg(long)]
    pub header: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub db: DbArgs,
}

pub fn export(args: ExportArgs) -> Result<()> {
    let filter = args.filter.filter()?;
    let view = args.filter.view();
    let to_stdout = args.out.as_deref().is_none_or(|p| p == Path::new("-"));
    if let Some(out) = args.out.as_deref().filter(|_| !to_stdout) {
        let store = args.db.path()?;
        if tripwire_store::db::is_store_file(&store, out) {
            bail!(
                "--out {}: that is the store being exported ({} or its -wal/-shm file); writing there would destroy it",
                out.display(),
                store.display()
            );
        }
    }
    let what = if args.filter.mentions { "mentions" } else { "events" };
    if args.format == ExportFormat::Parquet {
        let Some(dir) = args.out.as_deref().filter(|_| !to_stdout) else {
            bail!("--format parquet writes a folder of partitions: give it with --out FOLDER");
        };
        let reader = args.db.open_read()?;
        let mut sink = parquet_sink(dir)?;
        let summary = reader.export(&filter, view, sink.as_mut()).map_err(export_error)?;
        eprintln!("tripwire: exported {} {what} to {} ({} files)", summary.records, dir.display(), summary.files);
        return Ok(());
    }
    let reader = args.db.open_read()?;
    let out: Box<dyn Write> = if to_stdout {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        let path = args.out.as_deref().unwrap_or(Path::new("-"));
        Box::new(BufWriter::new(File::create(path).with_context(|| format!("{}: cannot create", path.display()))?))
    };
    let mut sink: Box<dyn EventSink> = match args.format {
        ExportFormat::Gdelt => Box::new(gdelt::GdeltSink::new(out, gdelt::GdeltOptions { header: args.header })),
        _ => Box::new(jsonl::JsonLinesSink::new(out)),
    };
    let summary = reader.export(&filter, view, sink.as_mut()).map_err(export_error)?;
    eprintln!("tripwire: exported {} {what}", summary.records);
    Ok(())
}

/// An export error for the report; a write error stays an I/O error, so that a closed pipe
/// (`export … | head`) ends the command quietly.
fn export_error(error: ExportError) -> anyhow::Error {
    match error {
        ExportError::Io(io) => io.into(),
        other => other.into(),
    }
}

#[cfg(feature = "parquet")]
fn parquet_sink(dir: &Path) -> Result<Box<dyn EventSink>> {
    use tripwire_store::export::parquet::{ParquetOptions, ParquetSink};
    let sink = ParquetSink::create(dir, ParquetOptions::default())
        .with_context(|| format!("{}: writing Parquet", dir.display()))?;
    Ok(Box::new(sink))
}

#[cfg(not(feature = "parquet"))]
fn parquet_sink(_: &Path) -> Result<Box<dyn EventSink>> {
    bail!("this tripwire was built without Parquet support: rebuild with `cargo build --release --features parquet`")
}

//! `tripwire events` and `tripwire series`: reading the event store back, and where the store
//! is (`--db`). Filling it is `ingest_cmd.rs`. The read commands open the store read-only through
//! `tripwire_store::Reader`.

use crate::display::{escape, shortened};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use tripwire_sources::parse_date;
use tripwire_store::query::{EventFilter, StoredEvent, View};
use tripwire_store::read::{DailyCounts, DailySeries, DailySeriesQuery, SeriesScope};
use tripwire_store::{Origin, Reader, Store, StoreError};

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
    /// Also the dyad's mentions over every mention that day and over its two countries' own
    /// coverage, in 7-, 30- and 90-day trailing windows, with z-scores against the trailing year.
    #[arg(long)]
    pub normalized: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: TableOrJson,
    #[command(flatten)]
    pub db: DbArgs,
}

/// `tripwire series`: the dense daily series of a dyad, every day of the range.
pub fn series(args: SeriesArgs) -> Result<()> {
    let (source, target) = parse_dyad(&args.dyad)?;
    let (from, to) = (date_arg("--from", &args.from)?, date_arg("--to", &args.to)?);
    let reader = args.db.open_read()?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.normalized {
        let days = tripwire_watch::normalized::normalized_series(&reader, (&source, &target), args.both, from, to)?;
        crate::series_normalized::print(&mut out, &days, args.format)?;
    } else {
        let scope = if args.both {
            SeriesScope::Undirected { a: source, b: target }
        } else {
            SeriesScope::Directed { source, target }
        };
        print_series(&mut out, &reader.daily_series(&DailySeriesQuery { scope, from, to })?, args.format)?;
    }
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
}

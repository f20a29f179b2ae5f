//! `tripwire brief FILE`: one article coded by the shipped coder, weighed by the watch into a
//! verdict — countdown, false alarm or unclear — with the store's history of its dyads when a
//! store is given. The weighing is `tripwire_watch::brief`'s; this file reads, codes and prints.

use crate::display::escape;
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::Args;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tripwire_coder::{Article, Coder};
use tripwire_sources::{parse_date, Input, ReadOptions};
use tripwire_store::{EventRecord, Reader};
use tripwire_watch::alarms::Watch;
use tripwire_watch::brief::{brief, ArticleInfo, Brief, History};
use tripwire_watch::load::Volume;

#[derive(Args)]
pub struct BriefArgs {
    /// A plain-text article, or JSON Lines articles (each is briefed); `-` reads standard input.
    pub file: PathBuf,
    /// Date of a plain-text article (YYYY-MM-DD) [default: today].
    #[arg(long)]
    pub date: Option<String>,
    /// A store whose history of the article's dyads (trend, change points, forecasts) is
    /// combined with the article; without one the verdict is the article's alone.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// One JSON object per article instead of text.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BriefArgs) -> Result<()> {
    let date = match &args.date {
        Some(d) => parse_date(d).with_context(|| format!("--date {d:?}: expected YYYY-MM-DD"))?,
        None => today(),
    };
    let input = if args.file.as_os_str() == "-" { Input::Stdin } else { Input::File(args.file.clone()) };
    let coder = crate::commands::build_coder(None)?;
    let reader = match &args.db {
        Some(path) => Some(Reader::open(path).with_context(|| format!("{}: cannot open the store", path.display()))?),
        None => None,
    };
    let options = ReadOptions { date: Some(date), ..ReadOptions::default() };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut briefed = 0;
    // Fitting the watch takes seconds: articles of the same day share one fit.
    let mut watches: Vec<(NaiveDate, Option<Watch>)> = Vec::new();
    let mut skipped = 0;
    for article in tripwire_sources::open(&input, &options)? {
        // A bad record is reported with its line and passed over; the briefs around it stand.
        let article = match article {
            Ok(article) => article,
            Err(error) => {
                out.flush()?;
                eprintln!("tripwire: skipped: {error}");
                skipped += 1;
                continue;
            }
        };
        let events = code(&coder, &article)?;
        let info = article_info(&article, date);
        if let Some(reader) = &reader {
            if !watches.iter().any(|(day, _)| *day == info.date) {
                watches.push((info.date, fit_watch(reader, info.date)?));
            }
        }
        let watch = watches.iter().find(|(day, _)| *day == info.date).and_then(|(_, w)| w.as_ref());
        let history = reader.as_ref().map(|reader| History { reader, watch });
        let brief = brief(&info, &events, history.as_ref())?;
        if args.json {
            serde_json::to_writer(&mut out, &brief)?;
            out.write_all(b"\n")?;
        } else {
            print_brief(&mut out, &brief)?;
        }
        briefed += 1;
    }
    out.flush()?;
    if briefed == 0 {
        bail!("{}: no article to brief", input.name());
    }
    if skipped > 0 {
        return Err(crate::exit::Skipped { count: skipped, what: "records" }.into());
    }
    Ok(())
}

/// The article's events as store records, as `tripwire code --format record` writes them.
pub fn code(coder: &Coder, article: &Article) -> Result<Vec<EventRecord>> {
    let events = coder.code_article(article).with_context(|| format!("article {}", article.id))?;
    Ok(events.iter().map(|e| EventRecord::from_coded(e, article)).collect())
}

pub fn article_info(article: &Article, default_date: NaiveDate) -> ArticleInfo {
    ArticleInfo { id: article.id.clone(), title: article.title.clone(), date: article.date.unwrap_or(default_date) }
}

/// The watch fitted as of the article's day (or the store's last day before it), when the store
/// reaches within the history's freshness of the article; `None` when the store is too old,
/// empty, or too short to fit (said on standard error).
pub fn fit_watch(reader: &Reader, article_date: NaiveDate) -> Result<Option<Watch>> {
    let Some(volume) = Volume::read(reader, None)? else { return Ok(None) };
    if (article_date - volume.to).num_days() > tripwire_watch::brief::history::STALE_DAYS || article_date < volume.from
    {
        return Ok(None);
    }
    match Watch::fit(reader, article_date.min(volume.to)) {
        Ok(watch) => Ok(Some(watch)),
        Err(error) => {
            eprintln!("tripwire: brief without forecasts: {error}");
            Ok(None)
        }
    }
}

/// Today in UTC, from the system clock.
fn today() -> NaiveDate {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(seconds as i64, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

fn fmt_opt(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:+.2}"))
}

/// The brief as text for a terminal.
pub fn print_brief(out: &mut impl Write, brief: &Brief) -> Result<()> {
    let a = &brief.article;
    if a.title.is_empty() {
        writeln!(out, "Brief: {} ({})", escape(&a.id), a.date)?;
    } else {
        writeln!(out, "Brief: {} ({}, {})", escape(&a.title), escape(&a.id), a.date)?;
    }
    writeln!(out, "Verdict: {}", escape(&brief.summary))?;
    if brief.dyads.is_empty() {
        writeln!(out, "Dyads: none (no two countries act on each other in the article)")?;
    }
    for d in &brief.dyads {
        writeln!(
            out,
            "Dyad {}: {} events, coercion {:.2}, negotiation {:.2}, net {:+.2} → {}",
            d.dyad,
            d.events,
            d.coercion,
            d.negotiation,
            d.net,
            d.verdict.as_str()
        )?;
        match &d.history {
            None => writeln!(out, "  store: no history of {}", d.dyad)?,
            Some(t) => {
                writeln!(
                    out,
                    "  store as of {}{}: {:.0} mentions in a year; Goldstein mean 30 d {} (year {}); material conflict 30 d {:.0} (z {})",
                    t.as_of,
                    if t.stale { " (stale)" } else { "" },
                    t.mentions_365_days,
                    fmt_opt(t.goldstein_mean_30_days),
                    fmt_opt(t.goldstein_mean_365_days),
                    t.material_conflict_30_days,
                    fmt_opt(t.material_conflict_z),
                )?;
                for c in &t.changes {
                    writeln!(
                        out,
                        "  change point {} from {} (detected {}), {:+.2}",
                        c.direction.describe(),
                        c.date,
                        c.detected,
                        c.size
                    )?;
                }
                if !t.probabilities.is_empty() {
                    let cells: Vec<String> = t
                        .probabilities
                        .iter()
                        .map(|h| {
                            format!("{} d {:.3}{}", h.horizon, h.probability, if h.alarm { " (alarm)" } else { "" })
                        })
                        .collect();
                    writeln!(out, "  surge probability: {}", cells.join(", "))?;
                }
                for reason in &t.reasons {
                    writeln!(out, "  history: {}", escape(reason))?;
                }
            }
        }
    }
    let subject = brief.dyad.as_ref().map_or_else(|| "no dyad".to_string(), |d| d.to_string());
    writeln!(out, "Evidence, sentence by sentence (push on {subject}; + toward coercion, − toward negotiation):")?;
    for s in &brief.evidence {
        let index = s.index.map_or_else(String::new, |i| format!("[{i}] "));
        let background = if s.background { " (background)" } else { "" };
        writeln!(out, "  {index}{}{background}", escape(&s.text))?;
        for e in &s.events {
            let weight = match &e.weight {
                Some(w) => format!("{:+.2} {} ({})", w.push, w.lean.describe(), w.factors.join(", ")),
                None => format!(
                    "not on {subject}: {}",
                    e.dyads.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
                ),
            };
            writeln!(
                out,
                "      {} {}: {} → {}  [{}]  {weight}",
                escape(&e.event_code),
                escape(&e.event_name),
                escape(&e.source),
                escape(&e.target),
                e.goldstein.map_or_else(String::new, |g| format!(
                    "Goldstein {g:+.1}, QuadClass {}",
                    e.quad_class.unwrap_or(0)
                )),
            )?;
        }
    }
    Ok(())
}

/// The brief of the first article in `file`, printed (for the demo).
pub fn demo_brief(coder: &Coder, file: &Path, history: Option<&History>) -> Result<()> {
    let options = ReadOptions::default();
    let Some(article) = tripwire_sources::open(&Input::File(file.to_path_buf()), &options)?.next() else {
        bail!("{}: no article", file.display());
    };
    let article = article?;
    let events = code(coder, &article)?;
    let info = article_info(&article, today());
    let brief = brief(&info, &events, history)?;
    print_brief(&mut std::io::stdout().lock(), &brief)
}

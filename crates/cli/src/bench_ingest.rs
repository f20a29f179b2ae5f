//! The part of `tripwire bench store` that checks memory does not grow with the input:
//! `tripwire ingest` and `tripwire code` run as separate processes on JSON Lines files of 20 MB
//! and 200 MB, and their peak resident memory and rate are reported side by side.
//!
//! The articles are the shipped examples, recombined and numbered so that no two texts are the
//! same (ingest skips an article whose normalised text it has stored), with dates spread over
//! three years as a real archive's are.

use crate::bench::status_kib;
use crate::bench_store::emit;
use anyhow::{bail, Context, Result};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tripwire_coder::Article;

const MIB: u64 = 1 << 20;

/// The input sizes measured: memory must not grow between them.
pub const SIZES_MIB: [u64; 2] = [20, 200];

pub fn run(work: &Path, examples: &Path) -> Result<()> {
    let texts = example_texts(examples)?;
    let mut peaks = Vec::new();
    for size in SIZES_MIB {
        let input = work.join(format!("articles-{size}mib.jsonl"));
        let articles = write_articles(&input, size * MIB, &texts)?;
        let db = work.join(format!("ingest-{size}mib.db"));
        remove_store(&db);
        let ingest = measure(Command::new(std::env::current_exe()?).arg("ingest").arg("--db").arg(&db).arg(&input))?;
        remove_store(&db);
        let code = measure(Command::new(std::env::current_exe()?).arg("code").arg(&input))?;
        for (command, run) in [("ingest", &ingest), ("code", &code)] {
            let extra =
                json!({"input_mib": size, "articles": articles, "seconds": (run.seconds * 100.0).round() / 100.0});
            emit(&format!("{command}_{size}mib_peak_rss"), run.peak_mib, "MiB", extra.clone());
            emit(&format!("{command}_{size}mib_peak_anonymous"), run.peak_anon_mib, "MiB", extra.clone());
            emit(&format!("{command}_{size}mib_articles_per_s"), articles as f64 / run.seconds, "articles/s", extra);
        }
        peaks.push([ingest.peak_mib, ingest.peak_anon_mib, code.peak_mib, code.peak_anon_mib]);
    }
    if let [small, large] = &peaks[..] {
        let growth = json!({"from_mib": SIZES_MIB[0], "to_mib": SIZES_MIB[1]});
        let names = ["ingest_peak_rss", "ingest_peak_anonymous", "code_peak_rss", "code_peak_anonymous"];
        for (index, name) in names.iter().enumerate() {
            emit(&format!("{name}_growth"), large[index] / small[index], "ratio", growth.clone());
        }
    }
    Ok(())
}

/// The example articles' texts, which the shipped dictionaries code into events.
fn example_texts(folder: &Path) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .with_context(|| format!("{}: cannot read the example articles", folder.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    for file in files {
        let body = std::fs::read_to_string(&file).with_context(|| format!("{}: cannot read", file.display()))?;
        for (index, line) in body.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let article: Article = serde_json::from_str(line)
                .with_context(|| format!("{}:{}: not an article", file.display(), index + 1))?;
            texts.push(article.text);
        }
    }
    if texts.is_empty() {
        bail!("{}: no example articles to build the input from", folder.display());
    }
    Ok(texts)
}

/// Writes articles until the file holds `bytes`; returns how many. Reuses a complete file.
fn write_articles(path: &Path, bytes: u64, texts: &[String]) -> Result<u64> {
    let count_path = path.with_extension("count");
    if let (Ok(meta), Ok(count)) = (std::fs::metadata(path), std::fs::read_to_string(&count_path)) {
        if let (true, Ok(count)) = (meta.len() >= bytes, count.trim().parse()) {
            return Ok(count);
        }
    }
    let partial = path.with_extension("partial");
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(&partial).with_context(|| format!("{}: cannot create", partial.display()))?,
    );
    let start = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default();
    let (mut written, mut n) = (0u64, 0u64);
    while written < bytes {
        let pick = |k: u64| texts[((n * 7 + k * 3) % texts.len() as u64) as usize].as_str();
        let text = format!("{} {} {} The report was filed as dispatch {n}.", pick(0), pick(1), pick(2));
        let article = json!({
            "id": format!("bench-{n}"),
            // In publication order over three years, as an archive is read.
            "date": (start + chrono::Days::new(written * 1095 / bytes)).to_string(),
            "source": format!("outlet-{}", n % 40),
            "url": format!("https://news.example/{n}"),
            "title": format!("Dispatch {n}"),
            "text": text,
        });
        let line = format!("{article}\n");
        out.write_all(line.as_bytes())?;
        written += line.len() as u64;
        n += 1;
    }
    out.flush()?;
    drop(out);
    std::fs::rename(&partial, path)?;
    std::fs::write(&count_path, n.to_string())?;
    Ok(n)
}

struct Run {
    seconds: f64,
    /// All resident pages at the high-water mark, the store's memory-mapped file included.
    peak_mib: f64,
    /// Anonymous pages (heap, stacks, SQLite's page cache) at their highest sample: what grows
    /// if the program holds its input.
    peak_anon_mib: f64,
}

/// Runs the command to its end with output discarded, sampling the child's high-water mark of
/// resident memory (`VmHWM`, which only grows) until it exits.
fn measure(command: &mut Command) -> Result<Run> {
    let started = Instant::now();
    let log = tempfile_path("stderr");
    let stderr = std::fs::File::create(&log).with_context(|| format!("{}: cannot create", log.display()))?;
    let mut child = command.stdout(Stdio::null()).stderr(stderr).spawn().context("cannot start tripwire")?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let (mut peak_kib, mut peak_anon_kib) = (0u64, 0u64);
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_file) {
            peak_kib = peak_kib.max(status_kib(&status, "VmHWM:").unwrap_or(0));
            peak_anon_kib = peak_anon_kib.max(status_kib(&status, "RssAnon:").unwrap_or(0));
        }
        if let Some(status) = child.try_wait()? {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let seconds = started.elapsed().as_secs_f64();
    if !status.success() {
        let stderr = std::fs::read_to_string(&log).unwrap_or_default();
        bail!("{command:?} failed ({status}): {}", stderr.lines().last().unwrap_or(""));
    }
    Ok(Run { seconds, peak_mib: peak_kib as f64 / 1024.0, peak_anon_mib: peak_anon_kib as f64 / 1024.0 })
}

fn tempfile_path(what: &str) -> PathBuf {
    std::env::temp_dir().join(format!("tripwire-bench-{}-{what}.log", std::process::id()))
}

fn remove_store(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", path.display())).ok();
    }
}

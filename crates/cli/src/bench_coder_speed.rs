//! The parts of `tripwire bench coder` about where the time goes outside the coding loop: the
//! phrase automaton (daachorse against aho-corasick), start-up from the compiled-dictionary cache
//! against a cold compile, and one very long article with no sentence breaks.

use anyhow::{Context, Result};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use tripwire_coder::cache::{LexiconCache, SourceKey, CACHE_DIR_ENV};
use tripwire_coder::text::{split_sentences, tokenize};
use tripwire_coder::{Article, Coder, Lexicon};

use crate::bench::emit;

/// Builds both automata over the lexicon's keys and scans the same normalized sentences
/// (` T1 T2 … `, what [`Lexicon::find`] scans) with each, counting overlapping matches.
pub fn automata(lexicon: &Lexicon, sentences: &[(chrono::NaiveDate, String)]) -> Result<()> {
    let keys = lexicon.phrase_keys();
    let buffers: Vec<String> = sentences
        .iter()
        .flat_map(|(_, text)| split_sentences(text).into_iter().map(move |range| (text, range)))
        .map(|(text, range)| {
            let mut buffer = String::from(" ");
            for token in tokenize(text, range) {
                buffer.push_str(&token.norm);
                buffer.push(' ');
            }
            buffer
        })
        .collect();

    let started = Instant::now();
    let daachorse = daachorse::DoubleArrayAhoCorasick::<u32>::with_values(keys.iter().zip(0u32..))
        .map_err(|e| anyhow::anyhow!("daachorse: {e}"))?;
    emit("automaton_build_ms_daachorse", started.elapsed().as_secs_f64() * 1000.0, "ms");
    let started = Instant::now();
    let aho =
        aho_corasick::AhoCorasick::builder().kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA)).build(&keys)?;
    emit("automaton_build_ms_aho_corasick_nfa", started.elapsed().as_secs_f64() * 1000.0, "ms");

    // Three rounds each, alternating, best round kept: the machine is shared.
    let (mut best_daachorse, mut best_aho) = (f64::INFINITY, f64::INFINITY);
    let (mut daachorse_hits, mut aho_hits) = (0usize, 0usize);
    for _ in 0..3 {
        let started = Instant::now();
        daachorse_hits = buffers.iter().map(|b| daachorse.find_overlapping_iter(b.as_bytes()).count()).sum();
        best_daachorse = best_daachorse.min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        aho_hits = buffers.iter().map(|b| aho.find_overlapping_iter(b.as_str()).count()).sum();
        best_aho = best_aho.min(started.elapsed().as_secs_f64());
    }
    if daachorse_hits != aho_hits {
        anyhow::bail!("the automata disagree: daachorse {daachorse_hits} matches, aho-corasick {aho_hits}");
    }
    let n = sentences.len() as f64;
    emit("phrase_scan_daachorse_sentences_per_s", n / best_daachorse, "sentences/s");
    emit("phrase_scan_aho_corasick_nfa_sentences_per_s", n / best_aho, "sentences/s");
    emit("phrase_scan_daachorse_vs_aho_corasick", best_aho / best_daachorse, "ratio");
    Ok(())
}

/// In-process: compiling the Phoenix set against reading it back from a cache file; and the
/// whole `tripwire code` process on one short article, with an empty cache folder (cold) and
/// with the file the cold run wrote (cached). Median of five runs each.
pub fn startup(cameo: &Path, work: &Path) -> Result<()> {
    let folder = work.join("startup-cache");
    let _ = std::fs::remove_dir_all(&folder);
    let cache = LexiconCache::in_dir(&folder);
    let key = SourceKey::builder().file("bench", cameo.to_string_lossy().as_bytes()).finish();
    let compile = || -> Result<Lexicon> { Ok(Coder::compile(tripwire_dictionaries::petrarch::load_dir(cameo)?)?) };
    let started = Instant::now();
    let (lexicon, _) = cache.lexicon(key, compile)?;
    emit("startup_in_process_cold_ms", started.elapsed().as_secs_f64() * 1000.0, "ms");
    drop(lexicon);
    let started = Instant::now();
    let (_, start) = cache.lexicon(key, compile)?;
    emit("startup_in_process_cached_ms", started.elapsed().as_secs_f64() * 1000.0, "ms");
    if start != tripwire_coder::cache::Start::Cached {
        anyhow::bail!("the cache was not read back: {start:?}");
    }
    if let Ok(meta) = std::fs::metadata(cache.path_for(key)) {
        emit("cache_file_size", meta.len() as f64 / (1024.0 * 1024.0), "MiB");
    }

    let one = work.join("one-article.jsonl");
    std::fs::write(&one, "{\"id\":\"a\",\"date\":\"2024-01-02\",\"text\":\"Iran condemned Israel on Monday.\"}\n")?;
    let exe = std::env::current_exe().context("locating the tripwire binary")?;
    let folder = work.join("process-cache");
    let run = |cold: bool| -> Result<f64> {
        if cold {
            let _ = std::fs::remove_dir_all(&folder);
        }
        let started = Instant::now();
        let status = Command::new(&exe)
            .env(CACHE_DIR_ENV, &folder)
            .args(["code", "--jobs", "1", "--dictionaries"])
            .arg(cameo)
            .arg(&one)
            .stdout(Stdio::null())
            .status()?;
        if !status.success() {
            anyhow::bail!("tripwire code failed: {status}");
        }
        Ok(started.elapsed().as_secs_f64() * 1000.0)
    };
    let median = |cold: bool| -> Result<f64> {
        let mut times = (0..5).map(|_| run(cold)).collect::<Result<Vec<f64>>>()?;
        times.sort_by(f64::total_cmp);
        Ok(times[2])
    };
    let cold = median(true)?;
    run(true)?;
    let cached = median(false)?;
    emit("startup_process_cold_ms", cold, "ms");
    emit("startup_process_cached_ms", cached, "ms");
    emit("startup_cold_vs_cached", cold / cached, "ratio");
    Ok(())
}

/// A 10 MB article with no sentence breaks (the bench sentences that no discard phrase voids,
/// their `.!?` and line breaks taken out, run together) coded in one call: the coder cuts it into bounded pieces, so the time
/// stays linear in its length.
pub fn long_article(coder: &Coder, sentences: &[(chrono::NaiveDate, String)]) -> Result<()> {
    const SIZE: usize = 10 * 1024 * 1024;
    // Without the sentences a discard phrase voids: one story-level discard would void the whole
    // article and end its coding early.
    let mut workspace = tripwire_coder::Workspace::default();
    let kept: Vec<&String> = sentences
        .iter()
        .filter(|(date, text)| {
            split_sentences(text)
                .into_iter()
                .all(|range| coder.code_sentence(&tokenize(text, range), *date, &mut workspace).discard.is_none())
        })
        .map(|(_, text)| text)
        .collect();
    let mut text = String::with_capacity(SIZE + 1024);
    'fill: loop {
        for sentence in &kept {
            text.extend(sentence.chars().map(|c| if matches!(c, '.' | '!' | '?' | '\n' | '\r') { ' ' } else { c }));
            text.push(' ');
            if text.len() >= SIZE {
                break 'fill;
            }
        }
        if kept.is_empty() {
            break;
        }
    }
    let date = sentences.first().map(|(d, _)| *d).unwrap_or_default();
    let article = Article { id: "long".into(), date: Some(date), text, ..Article::default() };
    let started = Instant::now();
    let events = coder.code_article(&article)?;
    let seconds = started.elapsed().as_secs_f64();
    emit("no_break_article_mib", article.text.len() as f64 / (1024.0 * 1024.0), "MiB");
    emit("no_break_article_s", seconds, "s");
    emit("no_break_article_events", events.len() as f64, "events");
    let pieces = tripwire_coder::text::sentences(&article.text).count();
    emit("no_break_article_pieces", pieces as f64, "sentences");
    Ok(())
}

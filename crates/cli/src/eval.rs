//! `tripwire eval PATH…`: score the coder on gold-standard files, one or many (a folder stands for
//! the gold files directly in it), by development part, test part and all records.
//!
//! Each file is read tolerantly: records that cannot be read are skipped and reported on standard
//! error with their line, and the run ends with status 3 (docs/exit-codes.md). A file that can be
//! read but not scored by this coder (its text is not English, or the dictionaries it was coded
//! with are not at hand) gets a row saying why.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use tripwire_coder::gold::{self, language, FileEvaluation, PartChoice, PartReports};
use tripwire_coder::{evaluate, Coder};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Code the raw text only.
    Raw,
    /// Use the record's own parse (Penn Treebank or CoNLL-U) where it has one.
    Parse,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Part {
    /// Records whose id hashes even (docs in crates/coder/src/gold/split.rs).
    Dev,
    /// Records whose id hashes odd.
    Test,
    /// Every record; tables show dev, test and all.
    All,
}

impl From<Part> for PartChoice {
    fn from(part: Part) -> PartChoice {
        match part {
            Part::Dev => PartChoice::Dev,
            Part::Test => PartChoice::Test,
            Part::All => PartChoice::All,
        }
    }
}

#[derive(Args)]
pub struct EvalArgs {
    /// Gold files, or folders of them: PETRARCH or UniversalPetrarch records (.xml), PLOVER gold
    /// records (.json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "raw")]
    pub mode: Mode,
    /// The part of each file to report on.
    #[arg(long, value_enum, default_value = "all")]
    pub part: Part,
    /// Dictionary folder: for PETRARCH records, where the files named by <Environment> are looked
    /// up (default: the record file's folder, then ../shared/data/cameo); for PLOVER, a PETRARCH or
    /// .twd set to use instead of the shipped dictionaries.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print JSON (one object per file, one per line) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// List each wrong or missing event with its record id.
    #[arg(long)]
    pub show_failures: bool,
}

/// The kinds of gold file `eval` reads, told apart by extension. A new kind of gold file is one
/// more variant here and one more arm in [`evaluate_file`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GoldKind {
    /// PETRARCH and UniversalPetrarch record XML.
    PetrarchXml,
    /// PLOVER gold-standard JSON.
    PloverJson,
}

impl GoldKind {
    fn of(path: &Path) -> Option<GoldKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xml" => Some(GoldKind::PetrarchXml),
            "json" => Some(GoldKind::PloverJson),
            _ => None,
        }
    }
}

/// Scores one gold file of a known kind.
fn evaluate_file(path: &Path, kind: GoldKind, args: &EvalArgs) -> Result<FileEvaluation> {
    match kind {
        GoldKind::PetrarchXml => petrarch(path, args),
        GoldKind::PloverJson => plover(path, args),
    }
}

pub fn run(args: EvalArgs) -> Result<()> {
    if let [path] = args.paths.as_slice() {
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("jsonl")) {
            return reference_set(path, &args);
        }
    }
    let single = args.paths.len() == 1 && args.paths[0].is_file();
    let files = gold_files(&args.paths)?;
    if single && args.mode == Mode::Parse && files.first().is_some_and(|(_, kind)| *kind == GoldKind::PloverJson) {
        bail!("{}: PLOVER records carry no parse; use --mode raw", args.paths[0].display());
    }
    let mut evaluations = Vec::new();
    for (path, kind) in &files {
        match evaluate_file(path, *kind, &args) {
            Ok(evaluation) => evaluations.push(evaluation),
            Err(error) if !single => evaluations.push(unread(path, *kind, &chain(&error))),
            Err(error) => return Err(error),
        }
    }
    for problem in evaluations.iter().flat_map(|e| e.read_leniently.iter().chain(&e.skipped)) {
        eprintln!("tripwire: {problem}");
    }
    let part = PartChoice::from(args.part);
    if args.json {
        for evaluation in &evaluations {
            println!("{}", serde_json::to_string(&evaluation.to_json(part))?);
        }
    } else if single {
        print!(
            "{}",
            crate::display::escape_keeping_lines(&evaluations.iter().map(|e| e.render(part)).collect::<String>())
        );
    } else {
        print!("{}", crate::display::escape_keeping_lines(&gold::summary::render_files(&evaluations, part)));
    }
    if args.show_failures {
        for (evaluation, report) in evaluations.iter().filter_map(|e| e.report(part).map(|r| (e, r))) {
            if !single {
                eprintln!("{}:", evaluation.file);
            }
            eprint!("{}", crate::display::escape_keeping_lines(&report.render_failures()));
        }
    }
    outcome(&evaluations, single)
}

/// The run's exit: an error when nothing was scored, [`crate::exit::Skipped`] when records were
/// skipped or files could not be scored, else success.
fn outcome(evaluations: &[FileEvaluation], single: bool) -> Result<()> {
    let unscored: Vec<&FileEvaluation> = evaluations.iter().filter(|e| e.scores.is_none()).collect();
    if unscored.len() == evaluations.len() {
        if single {
            if let Some(e) = unscored.first() {
                bail!("{}: not scored: {}", e.file, e.not_scorable.as_deref().unwrap_or("no reason given"));
            }
        }
        bail!("no gold file could be scored");
    }
    let skipped: usize = evaluations.iter().map(|e| e.skipped.len()).sum();
    let what = match (skipped > 0, !unscored.is_empty()) {
        (false, false) => return Ok(()),
        (true, false) => "records",
        (false, true) => "gold files",
        (true, true) => "records and gold files",
    };
    Err(crate::exit::Skipped { count: skipped + unscored.len(), what }.into())
}

/// The gold files the paths name: files as given, folders as the gold files directly in them
/// (by name order); anything else is an error.
fn gold_files(paths: &[PathBuf]) -> Result<Vec<(PathBuf, GoldKind)>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            bail!("{}: no such file or folder", path.display());
        }
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("{}: cannot read the folder", path.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            entries.sort();
            files.extend(entries.into_iter().filter_map(|p| GoldKind::of(&p).map(|kind| (p, kind))));
        } else if let Some(kind) = GoldKind::of(path) {
            files.push((path.clone(), kind));
        } else {
            bail!("{}: expected PETRARCH records (.xml) or PLOVER gold records (.json)", path.display());
        }
    }
    if files.is_empty() {
        bail!(
            "no gold files (.xml, .json) in {}",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(files)
}

/// An error and its causes on one line, leaving out a cause its parent's message already ends with
/// (a file error that quotes the I/O error under it).
fn chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain().map(|c| c.to_string()) {
        if !text.ends_with(&cause) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&cause);
        }
    }
    text
}

fn kind_name(kind: GoldKind) -> &'static str {
    match kind {
        GoldKind::PetrarchXml => "PETRARCH records",
        GoldKind::PloverJson => "PLOVER records",
    }
}

/// A file that could not be read at all.
fn unread(path: &Path, kind: GoldKind, why: &str) -> FileEvaluation {
    FileEvaluation {
        file: path.display().to_string(),
        kind: kind_name(kind).to_string(),
        mode: "-".to_string(),
        records_read: 0,
        not_evaluated: 0,
        skipped: Vec::new(),
        read_leniently: Vec::new(),
        parse_unread: Vec::new(),
        scores: None,
        not_scorable: Some(why.to_string()),
    }
}

/// A file's evaluation before scoring: what was read.
fn read_part<R>(path: &Path, kind: GoldKind, mode: Mode, gold: &gold::GoldFile<R>) -> FileEvaluation {
    let mut evaluation = unread(path, kind, "");
    evaluation.mode = if mode == Mode::Parse { "parse" } else { "raw" }.to_string();
    evaluation.records_read = gold.records.len();
    evaluation.skipped = gold.skipped().cloned().collect();
    evaluation.read_leniently = gold.read_leniently().cloned().collect();
    evaluation.not_scorable = None;
    evaluation
}

/// Why records cannot be scored by this coder, if they cannot: none read, or not English.
fn unscorable_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut texts = texts.into_iter().peekable();
    if texts.peek().is_none() {
        return Some("no record could be read".to_string());
    }
    language::not_english_share(texts).map(|share| {
        format!(
            "the records are not English text ({:.1}% common English function words, under {:.0}%); \
             the coder's sentence rules are English",
            100.0 * share,
            100.0 * language::ENGLISH_SHARE
        )
    })
}

fn petrarch(path: &Path, args: &EvalArgs) -> Result<FileEvaluation> {
    let (environment, gold) = gold::read_petrarch_xml_tolerant(path)?;
    let mut evaluation = read_part(path, GoldKind::PetrarchXml, args.mode, &gold);
    let evaluated: Vec<&gold::PetrarchRecord> = gold.records.iter().filter(|r| r.evaluate).collect();
    evaluation.not_evaluated = gold.records.len() - evaluated.len();
    evaluation.not_scorable = unscorable_text(gold.records.iter().map(|r| r.text.as_str()));
    if evaluation.not_scorable.is_none()
        && gold.records.iter().all(|r| r.expected == gold::Expected::Events(Vec::new()))
    {
        evaluation.not_scorable = Some("no record carries a coding: a news sample, not a gold file".to_string());
    }
    if evaluation.not_scorable.is_some() {
        return Ok(evaluation);
    }
    let dir = match dictionary_dir(args, path, &environment) {
        Ok(dir) => dir,
        Err(missing) => {
            evaluation.not_scorable = Some(missing);
            return Ok(evaluation);
        }
    };
    let files = tripwire_dictionaries::petrarch::PetrarchFiles {
        verbs: environment.verbs.clone(),
        actors: environment.actors.clone(),
        agents: environment.agents.clone(),
        discards: environment.discards.clone(),
        issues: Vec::new(),
    };
    let dictionaries = tripwire_dictionaries::petrarch::load_set(&dir, &files)
        .with_context(|| format!("loading the dictionaries named in {}", path.display()))?;
    // PETRARCH codes a record only with both actors unless its configuration says otherwise;
    // the unit-test records are written for that default.
    let require_dyad = environment
        .options
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("require_dyad"))
        .is_none_or(|(_, value)| value.eq_ignore_ascii_case("true"));
    let coder = Coder::new(dictionaries, None)?.require_dyad(require_dyad).read_modality(false);
    let coded = evaluate::code_petrarch_records(&coder, evaluated, args.mode == Mode::Parse);
    evaluation.parse_unread = coded.parse_unread;
    evaluation.scores = Some(PartReports::tally(coded.scored, gold::EvalReport::from_records));
    Ok(evaluation)
}

/// The folder holding every dictionary a PETRARCH record file names; the error lists what is
/// missing.
fn dictionary_dir(
    args: &EvalArgs,
    path: &Path,
    environment: &gold::PetrarchEnvironment,
) -> std::result::Result<PathBuf, String> {
    let named: Vec<&String> = environment
        .verbs
        .iter()
        .chain(&environment.actors)
        .chain(&environment.agents)
        .chain(&environment.discards)
        .collect();
    if environment.verbs.is_empty() {
        return Err("the record file names no verb dictionary".to_string());
    }
    let mut candidates: Vec<PathBuf> = Vec::new();
    candidates.extend(args.dictionaries.clone());
    candidates.extend(path.parent().map(Path::to_path_buf));
    candidates.push(PathBuf::from("../shared/data/cameo"));
    let missing_in = |dir: &Path| -> Vec<&str> {
        named.iter().filter(|name| !dir.join(name.as_str()).is_file()).map(|name| name.as_str()).collect()
    };
    if let Some(dir) = candidates.iter().find(|dir| missing_in(dir).is_empty()) {
        return Ok(dir.clone());
    }
    // Name what is missing where the most of the set was found.
    let best = candidates.iter().min_by_key(|dir| missing_in(dir).len()).cloned().unwrap_or_default();
    Err(format!(
        "the dictionaries it was coded with are not at hand: {} not in {} (give --dictionaries DIR)",
        missing_in(&best).join(", "),
        best.display()
    ))
}

fn plover(path: &Path, args: &EvalArgs) -> Result<FileEvaluation> {
    let gold = gold::read_plover_json_tolerant(path)?;
    let mut evaluation = read_part(path, GoldKind::PloverJson, Mode::Raw, &gold);
    evaluation.not_scorable = unscorable_text(gold.records.iter().map(|r| r.text.as_str()));
    if evaluation.not_scorable.is_some() {
        return Ok(evaluation);
    }
    let dictionaries = crate::dictionaries::load(args.dictionaries.as_deref())?;
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().ok();
    let coder = Coder::new(dictionaries, gazetteer)?;
    let scored = evaluate::code_plover_records(&coder, &gold.records);
    evaluation.scores = Some(PartReports::tally(scored, gold::EvalReport::from_plover));
    Ok(evaluation)
}

/// A hand-coded reference set (`data/eval/*.jsonl`): real-news references, whose text is read
/// from the shared news folder, or our own analytic paragraphs. Failures are listed at the
/// root + country-dyad level.
fn reference_set(file: &Path, args: &EvalArgs) -> Result<()> {
    use tripwire_coder::gold::reference_set as reference;
    if args.mode == Mode::Parse {
        bail!("{}: reference sets carry no parse; use --mode raw", file.display());
    }
    let mut set = reference::read_reference_set(file)?;
    set.skipped.iter().for_each(|error| eprintln!("{error}"));
    let mut skipped = set.skipped.len();
    if set.needs_shared_text() {
        let candidates = [
            Some(PathBuf::from("../shared/data/news")),
            file.ancestors().nth(3).map(|root| root.join("../shared/data/news")),
        ];
        let root = candidates.into_iter().flatten().find(|dir| dir.is_dir()).with_context(|| {
            format!("{}: its sentences are read from ../shared/data/news, which is not here", file.display())
        })?;
        let errors = reference::resolve_texts(&mut set, &root);
        errors.iter().for_each(|error| eprintln!("{error}"));
        skipped += errors.len();
    }
    let dictionaries = crate::dictionaries::load(args.dictionaries.as_deref())?;
    let coder = tripwire_coder::Coder::new(dictionaries, tripwire_gazetteer::Gazetteer::shipped().ok())?;
    let report = reference::score_with_coder(&set, &coder);
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        print!("{}", crate::display::escape_keeping_lines(&report.render_table()));
    }
    if args.show_failures {
        eprint!("{}", crate::display::escape_keeping_lines(&report.render_failures(reference::Level::RootCountry)));
    }
    if skipped > 0 {
        return Err(crate::exit::Skipped { count: skipped, what: "reference lines" }.into());
    }
    Ok(())
}

//! `tripwire eval FILE`: score the coder on a gold-standard file.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use tripwire_coder::gold;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Code the raw text only.
    Raw,
    /// Use the record's Penn Treebank parse (PETRARCH records).
    Parse,
}

#[derive(Args)]
pub struct EvalArgs {
    /// PETRARCH XML records (.xml) or PLOVER gold-standard JSON (.json).
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "raw")]
    pub mode: Mode,
    /// Dictionary folder: for PETRARCH records, where the files named by <Environment> are looked
    /// up (default: the record file's folder, then ../shared/data/cameo); for PLOVER, a PETRARCH or
    /// .twd set to use instead of the shipped dictionaries.
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// List each wrong or missing event with its record id.
    #[arg(long)]
    pub show_failures: bool,
}

pub fn run(args: EvalArgs) -> Result<()> {
    let is_xml = args.file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    let is_json = args.file.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let report = if is_xml {
        petrarch(&args)?
    } else if is_json {
        if args.mode == Mode::Parse {
            bail!("{}: PLOVER records carry no parse; use --mode raw", args.file.display());
        }
        plover(&args)?
    } else {
        bail!("{}: expected PETRARCH records (.xml) or PLOVER gold records (.json)", args.file.display());
    };
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        // Record ids and sentences come from the gold file: escaped for the terminal.
        print!("{}", crate::display::escape_keeping_lines(&report.render_table()));
    }
    if args.show_failures {
        eprint!("{}", crate::display::escape_keeping_lines(&report.render_failures()));
    }
    Ok(())
}

fn petrarch(args: &EvalArgs) -> Result<gold::EvalReport> {
    let (environment, records) = gold::read_petrarch_xml(&args.file)?;
    let dir = dictionary_dir(args, &environment)?;
    let files = tripwire_dictionaries::petrarch::PetrarchFiles {
        verbs: environment.verbs.clone(),
        actors: environment.actors.clone(),
        agents: environment.agents.clone(),
        discards: environment.discards.clone(),
        issues: Vec::new(),
    };
    let dictionaries = tripwire_dictionaries::petrarch::load_set(&dir, &files)
        .with_context(|| format!("loading the dictionaries named in {}", args.file.display()))?;
    // PETRARCH codes a record only with both actors unless its configuration says otherwise;
    // the unit-test records are written for that default.
    let require_dyad = environment
        .options
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("require_dyad"))
        .is_none_or(|(_, value)| value.eq_ignore_ascii_case("true"));
    let coder = tripwire_coder::Coder::new(dictionaries, None)?.require_dyad(require_dyad).read_modality(false);
    let use_parse = args.mode == Mode::Parse;
    Ok(tripwire_coder::evaluate::petrarch_records(&coder, &records, use_parse))
}

/// The folder holding the dictionaries a PETRARCH record file names.
fn dictionary_dir(args: &EvalArgs, environment: &gold::PetrarchEnvironment) -> Result<PathBuf> {
    let first = environment.verbs.first().context("the record file names no verb dictionary")?;
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = &args.dictionaries {
        candidates.push(dir.clone());
    }
    if let Some(parent) = args.file.parent() {
        candidates.push(parent.to_path_buf());
    }
    candidates.push(PathBuf::from("../shared/data/cameo"));
    candidates
        .into_iter()
        .find(|dir| dir.join(first).is_file())
        .with_context(|| format!("cannot find {first}: give --dictionaries DIR"))
}

fn plover(args: &EvalArgs) -> Result<gold::EvalReport> {
    let records = gold::read_plover_json(&args.file)?;
    let dictionaries = crate::dictionaries::load(args.dictionaries.as_deref())?;
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().ok();
    let coder = tripwire_coder::Coder::new(dictionaries, gazetteer)?;
    Ok(tripwire_coder::evaluate::plover_records(&coder, &records))
}

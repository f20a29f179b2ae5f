//! Readers for the PETRARCH2 / TABARI dictionary formats: the Phoenix set (`CAMEO.2.0.txt`,
//! `Phoenix.*.txt`) and the `PETR.Validate.*` dictionaries of PETRARCH's unit-test suite, or any
//! user set written the same way.
//!
//! Each file kind has its own small grammar (see the module of each reader); what they share:
//! `#` comments, `<!-- -->` comment blocks, words joined by `_` or blanks, everything
//! upper-cased, codes kept as written (the validation files use fictional and non-CAMEO codes).
//! Readers are strict — a line they cannot read is a [`DictionaryError::Syntax`] naming file and
//! line — except for the few irregularities the published files contain, which are read the way
//! PETRARCH reads them and listed in the [`LoadReport`].

mod actors;
mod agents;
mod discards;
mod inflect;
mod issues;
mod lines;
mod phrase;
mod verbs;

use crate::error::{DictionaryError, Result};
use crate::model::{Dictionaries, Origin};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which grammar a file is read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    Verbs,
    Actors,
    Agents,
    Discards,
    Issues,
}

/// How the last word of an actor phrase is matched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StemRule {
    /// Every word matches a whole token. This is what PETRARCH2 does: it dropped TABARI's stems
    /// (its unit-test records say so, and `ACTOR-05` expects `THE_KU` not to match "the
    /// Kuwaiti"), so the Phoenix set and the validation records are meant to be read this way.
    #[default]
    WholeWords,
    /// TABARI: the last word of an actor phrase written without a trailing `_` is a stem
    /// (`ARGENTIN` matches ARGENTINA), one written with it (`ARNOR_`) is exact.
    Tabari,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub stems: StemRule,
}

/// What a reader read and what it passed over.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub dictionaries: Dictionaries,
    pub report: LoadReport,
}

/// Lines read leniently or skipped because the model has no place for them. Nothing here is an
/// error: each kind is an irregularity of the published files or a feature outside the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub notes: Vec<LoadNote>,
}

impl LoadReport {
    /// Lines whose content was dropped entirely.
    pub fn skipped_lines(&self) -> usize {
        self.notes.iter().filter(|n| n.kind.is_skip()).count()
    }

    pub fn count(&self, kind: NoteKind) -> usize {
        self.notes.iter().filter(|n| n.kind == kind).count()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadNote {
    pub origin: Origin,
    pub kind: NoteKind,
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.kind)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// `~ a (a b ATTACK) SAY = a b 015`: PETRARCH2's event transformations; skipped.
    TransformationSkipped,
    /// `~phrase` / `~~phrase` in an issue file: issue exclusions; skipped.
    IssueExclusionSkipped,
    /// An agent line without a `[code]`; PETRARCH skips it too.
    AgentWithoutCodeSkipped,
    /// A second `[code]` on a verb block header (`--- DELAY [120] [031:031] ---`); the first
    /// one applies.
    ExtraHeaderCodeIgnored,
    /// Text after the codes of an issue (`[A] [A]`, `*******`, a second entry run on) or an
    /// actor (a company's sector and revenue); ignored, as PETRARCH does.
    TrailingTextIgnored,
    /// `[~ENV}`: a code closed with `}`, read as if closed with `]`.
    CodeClosedWithBrace,
    /// `[USAGOV 19820101]`: a date with no `<`, `>` or second date, read as "from that day".
    LoneDateReadAsFrom,
    /// An actor with no code at all; kept, but it never codes.
    ActorWithoutCode,
    /// A verb block with patterns but no verb to carry them; its patterns are dropped.
    BlockWithoutVerbs,
    /// A pattern whose `(...)`/`{...}` do not pair up; the brackets only group words, so it is
    /// read as if they were not there.
    UnbalancedPatternBrackets,
    /// A pattern naming a synset the file never defines; PETRARCH skips it with a warning.
    PatternWithUndefinedSynsetSkipped,
}

impl NoteKind {
    fn is_skip(self) -> bool {
        matches!(
            self,
            NoteKind::TransformationSkipped
                | NoteKind::IssueExclusionSkipped
                | NoteKind::AgentWithoutCodeSkipped
                | NoteKind::BlockWithoutVerbs
                | NoteKind::PatternWithUndefinedSynsetSkipped
        )
    }
}

impl fmt::Display for NoteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoteKind::TransformationSkipped => "event transformation skipped",
            NoteKind::IssueExclusionSkipped => "issue exclusion skipped",
            NoteKind::AgentWithoutCodeSkipped => "agent without a code skipped",
            NoteKind::ExtraHeaderCodeIgnored => "second code on a block header ignored",
            NoteKind::TrailingTextIgnored => "text after the code ignored",
            NoteKind::CodeClosedWithBrace => "code closed with `}` instead of `]`",
            NoteKind::LoneDateReadAsFrom => "single date read as a start date",
            NoteKind::ActorWithoutCode => "actor without any code",
            NoteKind::BlockWithoutVerbs => "verb block without verbs skipped",
            NoteKind::UnbalancedPatternBrackets => "unbalanced brackets in a pattern",
            NoteKind::PatternWithUndefinedSynsetSkipped => "pattern with an undefined synset skipped",
        })
    }
}

/// The file being read: names errors and origins, collects notes.
pub(crate) struct Context {
    file: Arc<str>,
    options: ReadOptions,
    report: LoadReport,
}

impl Context {
    #[cfg(test)]
    pub(crate) fn new(file: &str) -> Context {
        Context::with_options(file, ReadOptions::default())
    }

    fn with_options(file: &str, options: ReadOptions) -> Context {
        Context { file: Arc::from(file), options, report: LoadReport::default() }
    }

    pub(crate) fn origin(&self, line: u32) -> Origin {
        Origin { file: self.file.clone(), line }
    }

    pub(crate) fn error(&self, line: u32, message: impl Into<String>) -> DictionaryError {
        DictionaryError::syntax(PathBuf::from(&*self.file), line, message)
    }

    pub(crate) fn note(&mut self, line: u32, kind: NoteKind) {
        let origin = self.origin(line);
        self.report.notes.push(LoadNote { origin, kind });
    }

    pub(crate) fn options(&self) -> ReadOptions {
        self.options
    }
}

/// Reads `text` as a dictionary of `kind`; `file` names it in errors and origins.
pub fn parse(kind: FileKind, text: &str, file: &str, options: &ReadOptions) -> Result<Loaded> {
    let mut cx = Context::with_options(file, *options);
    let dictionaries = match kind {
        FileKind::Verbs => verbs::parse(text, &mut cx)?,
        FileKind::Actors => actors::parse(text, &mut cx)?,
        FileKind::Agents => agents::parse(text, &mut cx)?,
        FileKind::Discards => discards::parse(text, &mut cx)?,
        FileKind::Issues => issues::parse(text, &mut cx)?,
    };
    Ok(Loaded { dictionaries, report: cx.report })
}

/// As [`parse`], from bytes that must be UTF-8 (the published files are).
pub fn parse_bytes(kind: FileKind, bytes: &[u8], file: &str, options: &ReadOptions) -> Result<Loaded> {
    parse(kind, decode(bytes, file)?, file, options)
}

/// Reads the file at `path` as a dictionary of `kind`.
pub fn read(kind: FileKind, path: &Path, options: &ReadOptions) -> Result<Loaded> {
    let bytes = std::fs::read(path).map_err(|source| DictionaryError::Io { file: path.to_path_buf(), source })?;
    parse_bytes(kind, &bytes, &path.display().to_string(), options)
}

fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let newlines = bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        DictionaryError::InvalidUtf8 { file: PathBuf::from(file), line: lines::line_number(newlines), offset }
    })
}

fn read_default(kind: FileKind, path: &Path) -> Result<Dictionaries> {
    read(kind, path, &ReadOptions::default()).map(|loaded| loaded.dictionaries)
}

fn parse_default(kind: FileKind, text: &str, file: &str) -> Result<Dictionaries> {
    parse(kind, text, file, &ReadOptions::default()).map(|loaded| loaded.dictionaries)
}

/// A verb dictionary (`CAMEO.2.0.txt`): synsets, verb blocks, patterns.
pub fn read_verbs(path: &Path) -> Result<Dictionaries> {
    read_default(FileKind::Verbs, path)
}

pub fn read_actors(path: &Path) -> Result<Dictionaries> {
    read_default(FileKind::Actors, path)
}

pub fn read_agents(path: &Path) -> Result<Dictionaries> {
    read_default(FileKind::Agents, path)
}

pub fn read_discards(path: &Path) -> Result<Dictionaries> {
    read_default(FileKind::Discards, path)
}

pub fn read_issues(path: &Path) -> Result<Dictionaries> {
    read_default(FileKind::Issues, path)
}

pub fn parse_verbs(text: &str, file: &str) -> Result<Dictionaries> {
    parse_default(FileKind::Verbs, text, file)
}

pub fn parse_actors(text: &str, file: &str) -> Result<Dictionaries> {
    parse_default(FileKind::Actors, text, file)
}

pub fn parse_agents(text: &str, file: &str) -> Result<Dictionaries> {
    parse_default(FileKind::Agents, text, file)
}

pub fn parse_discards(text: &str, file: &str) -> Result<Dictionaries> {
    parse_default(FileKind::Discards, text, file)
}

pub fn parse_issues(text: &str, file: &str) -> Result<Dictionaries> {
    parse_default(FileKind::Issues, text, file)
}

/// The files of one dictionary set, by kind, as names relative to the set's folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetrarchFiles {
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    pub issues: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl PetrarchFiles {
    /// The Phoenix set that ships with PETRARCH2.
    pub fn phoenix() -> PetrarchFiles {
        PetrarchFiles {
            verbs: names(&["CAMEO.2.0.txt"]),
            actors: names(&[
                "Phoenix.Countries.actors.txt",
                "Phoenix.International.actors.txt",
                "Phoenix.MilNonState.actors.txt",
            ]),
            agents: names(&["Phoenix.agents.txt"]),
            discards: names(&["Phoenix.discards.txt"]),
            issues: names(&["Phoenix.IssueCoding.txt"]),
        }
    }

    /// The dictionaries PETRARCH's unit-test records are coded with (no issue file).
    pub fn validate() -> PetrarchFiles {
        PetrarchFiles {
            verbs: names(&["PETR.Validate.verbs.txt"]),
            actors: names(&["PETR.Validate.actors.txt"]),
            agents: names(&["PETR.Validate.agents.txt"]),
            discards: names(&["PETR.Validate.discards.txt"]),
            issues: Vec::new(),
        }
    }

    fn by_kind(&self) -> [(FileKind, &[String]); 5] {
        [
            (FileKind::Verbs, &self.verbs),
            (FileKind::Actors, &self.actors),
            (FileKind::Agents, &self.agents),
            (FileKind::Discards, &self.discards),
            (FileKind::Issues, &self.issues),
        ]
    }

    fn missing_in(&self, dir: &Path) -> Vec<&str> {
        self.by_kind()
            .into_iter()
            .flat_map(|(_, names)| names)
            .filter(|n| !dir.join(n).is_file())
            .map(String::as_str)
            .collect()
    }
}

/// Reads every file of `files` from `dir` into one set.
pub fn load_set(dir: &Path, files: &PetrarchFiles) -> Result<Dictionaries> {
    load_set_with(dir, files, &ReadOptions::default()).map(|loaded| loaded.dictionaries)
}

pub fn load_set_with(dir: &Path, files: &PetrarchFiles, options: &ReadOptions) -> Result<Loaded> {
    let mut all = Loaded::default();
    for (kind, names) in files.by_kind() {
        for name in names {
            let loaded = read(kind, &dir.join(name), options)?;
            all.dictionaries.extend(loaded.dictionaries);
            all.report.notes.extend(loaded.report.notes);
        }
    }
    Ok(all)
}

/// Loads the set `dir` holds: the Phoenix set, else the PETRARCH validation set.
pub fn load_dir(dir: &Path) -> Result<Dictionaries> {
    let phoenix = PetrarchFiles::phoenix();
    let missing = phoenix.missing_in(dir);
    if missing.is_empty() {
        return load_set(dir, &phoenix);
    }
    let validate = PetrarchFiles::validate();
    if validate.missing_in(dir).is_empty() {
        return load_set(dir, &validate);
    }
    Err(DictionaryError::Set {
        file: dir.to_path_buf(),
        message: format!("not a PETRARCH dictionary set: missing {}", missing.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_offset() {
        let err = parse_bytes(FileKind::Discards, b"A\nB\n\xffC", "d.txt", &ReadOptions::default()).unwrap_err();
        match err {
            DictionaryError::InvalidUtf8 { line, offset, .. } => assert_eq!((line, offset), (3, 4)),
            other => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn missing_file_is_an_io_error() {
        let err = read_verbs(Path::new("/nonexistent/verbs.txt")).unwrap_err();
        assert!(matches!(err, DictionaryError::Io { .. }), "{err}");
    }

    #[test]
    fn load_dir_names_what_is_missing() {
        let err = load_dir(Path::new("/nonexistent")).unwrap_err();
        assert!(err.to_string().contains("CAMEO.2.0.txt"), "{err}");
    }

    #[test]
    fn set_names() {
        assert_eq!(PetrarchFiles::phoenix().actors.len(), 3);
        assert!(PetrarchFiles::validate().issues.is_empty());
    }
}

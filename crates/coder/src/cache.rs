//! The compiled-dictionary cache: a [`Lexicon`] written to disk once and read back at the next
//! start instead of parsing the dictionaries and building the automaton again.
//!
//! A cache file is named for its [`SourceKey`], a hash of the dictionary files' bytes and of the
//! program that compiled them, so an edited dictionary or a rebuilt binary never reads an old
//! file. The file carries the key again and a checksum of everything after it; a file that is
//! truncated, corrupt, of another layout or another key is passed over and the dictionaries are
//! compiled as if there were no cache. Files are written to a temporary name and renamed, so a
//! reader never sees half a file.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

use crate::lexicon::{Entry, Lexicon, SynsetIndex, WordSets};
use rustc_hash::FxHashMap as HashMap;
use tripwire_dictionaries::Dictionaries;

/// Names the cache folder; empty or `off` turns the cache off.
pub const CACHE_DIR_ENV: &str = "TRIPWIRE_CACHE_DIR";

/// The first bytes of every cache file; the last digits change with the layout of the tables.
const MAGIC: &[u8; 16] = b"tripwire-lex-v01";
const HEADER_LEN: usize = MAGIC.len() + 16 + 16 + 8;
/// Cache files kept in the folder: the newest few, so switching dictionary sets stays cached but
/// rebuilt binaries do not fill the disk.
const FILES_KEPT: usize = 4;

/// What identifies a compiled lexicon: the bytes and names of the dictionary files it was compiled
/// from and the program that compiled it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceKey(u128);

/// Builds a [`SourceKey`] from the dictionary files, in the order the loader reads them.
pub struct SourceKeyBuilder(Xxh3);

impl Default for SourceKeyBuilder {
    fn default() -> Self {
        let mut hasher = Xxh3::new();
        hasher.update(MAGIC);
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        // The version does not change between builds of one release: the binary's size and time
        // do, so a rebuilt program never reads what an older one compiled.
        if let Some(meta) = std::env::current_exe().ok().and_then(|exe| std::fs::metadata(exe).ok()) {
            hasher.update(&meta.len().to_le_bytes());
            if let Ok(since) = meta.modified().map(|m| m.duration_since(std::time::UNIX_EPOCH)) {
                hasher.update(&since.unwrap_or_default().as_nanos().to_le_bytes());
            }
        }
        SourceKeyBuilder(hasher)
    }
}

impl SourceKeyBuilder {
    /// Adds one file: its name (which ends up in every entry's origin) and its bytes.
    pub fn file(mut self, name: &str, bytes: &[u8]) -> Self {
        for part in [name.as_bytes(), bytes] {
            self.0.update(&(part.len() as u64).to_le_bytes());
            self.0.update(part);
        }
        self
    }

    pub fn finish(self) -> SourceKey {
        SourceKey(self.0.digest128())
    }
}

impl SourceKey {
    /// Starts a key.
    pub fn builder() -> SourceKeyBuilder {
        SourceKeyBuilder::default()
    }
}

/// How a lexicon was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// Read from the cache file.
    Cached,
    /// Compiled; `stored` says whether it was written to the cache, and `problem` why not, or
    /// why an existing file was passed over.
    Compiled { stored: bool, problem: Option<String> },
}

/// A folder of compiled lexicons.
#[derive(Clone, Debug)]
pub struct LexiconCache {
    dir: PathBuf,
}

impl LexiconCache {
    pub fn in_dir(dir: impl Into<PathBuf>) -> LexiconCache {
        LexiconCache { dir: dir.into() }
    }

    /// The folder from [`CACHE_DIR_ENV`], else `$XDG_CACHE_HOME/tripwire`, else the platform's
    /// cache folder; `None` when the variable turns the cache off or there is no such folder.
    pub fn from_env() -> Option<LexiconCache> {
        match std::env::var_os(CACHE_DIR_ENV) {
            Some(dir) if dir.is_empty() || dir == "off" => None,
            Some(dir) => Some(LexiconCache::in_dir(dir)),
            None => std::env::var_os("XDG_CACHE_HOME")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(dirs::cache_dir)
                .map(|base| LexiconCache::in_dir(base.join("tripwire"))),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The cache file for `key`.
    pub fn path_for(&self, key: SourceKey) -> PathBuf {
        self.dir.join(format!("lexicon-{:032x}.bin", key.0))
    }

    /// The lexicon for `key`: read from the cache when a sound file is there, otherwise made by
    /// `compile` and written to the cache for next time. Cache problems never fail the call.
    pub fn lexicon<E>(
        &self,
        key: SourceKey,
        compile: impl FnOnce() -> Result<Lexicon, E>,
    ) -> Result<(Lexicon, Start), E> {
        let path = self.path_for(key);
        let passed_over = match std::fs::read(&path) {
            Ok(bytes) => match decode(&bytes, key) {
                Ok(lexicon) => return Ok((lexicon, Start::Cached)),
                Err(reason) => Some(format!("{}: {reason}; compiled instead", path.display())),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => Some(format!("{}: {e}; compiled instead", path.display())),
        };
        let lexicon = compile()?;
        let start = match self.store(key, &lexicon) {
            Ok(()) => Start::Compiled { stored: true, problem: passed_over },
            Err(e) => Start::Compiled {
                stored: false,
                problem: Some(format!("{}: cannot write the cache: {e}", path.display())),
            },
        };
        Ok((lexicon, start))
    }

    /// Writes `lexicon` as the cache file for `key`, atomically, and drops the oldest files
    /// beyond the few kept.
    pub fn store(&self, key: SourceKey, lexicon: &Lexicon) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path_for(key);
        let bytes = encode(lexicon, key).map_err(std::io::Error::other)?;
        let unique = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        let temporary = self.dir.join(format!(".lexicon-{}-{unique}.tmp", std::process::id()));
        let written = std::fs::File::create(&temporary).and_then(|mut file| file.write_all(&bytes));
        if let Err(e) = written.and_then(|()| std::fs::rename(&temporary, &path)) {
            let _ = std::fs::remove_file(&temporary);
            return Err(e);
        }
        self.prune();
        Ok(())
    }

    /// Removes all but the newest cache files; a file another process is reading stays readable
    /// (it is only unlinked).
    fn prune(&self) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else { return };
        let mut files: Vec<(std::time::SystemTime, PathBuf)> = listing
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with("lexicon-") && n.ends_with(".bin")))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        files.sort_by_key(|file| std::cmp::Reverse(file.0));
        for (_, old) in files.into_iter().skip(FILES_KEPT) {
            let _ = std::fs::remove_file(old);
        }
    }
}

/// Everything of a [`Lexicon`] but the automaton, borrowed for writing. Field order is the file
/// layout and must match [`Tables`].
#[derive(Serialize)]
struct TablesRef<'a> {
    dictionaries: &'a Dictionaries,
    keyed: &'a [Box<[u32]>],
    entries: &'a [Vec<Entry>],
    cased: &'a [Box<[u8]>],
    synsets: &'a HashMap<Box<str>, SynsetIndex>,
    vocabulary: &'a HashMap<Box<str>, u32>,
    required: &'a [Vec<Box<[u32]>>],
    synset_required: &'a [Vec<WordSets>],
    misspellings: &'a HashMap<Box<str>, Vec<(Box<str>, u32)>>,
}

#[derive(Deserialize)]
struct Tables {
    dictionaries: Dictionaries,
    keyed: Vec<Box<[u32]>>,
    entries: Vec<Vec<Entry>>,
    cased: Vec<Box<[u8]>>,
    synsets: HashMap<Box<str>, SynsetIndex>,
    vocabulary: HashMap<Box<str>, u32>,
    required: Vec<Vec<Box<[u32]>>>,
    synset_required: Vec<Vec<WordSets>>,
    misspellings: HashMap<Box<str>, Vec<(Box<str>, u32)>>,
}

impl Tables {
    /// Every number the matcher follows points inside its table, so a file that passed the
    /// checksum but was written wrong still cannot make the coder index out of bounds.
    fn consistent(&self) -> bool {
        let d = &self.dictionaries;
        let entry_ok = |e: &Entry| match *e {
            Entry::Actor(i) => (i as usize) < d.actors.len(),
            Entry::Agent(i) => (i as usize) < d.agents.len(),
            Entry::Verb(i) => (i as usize) < d.verbs.len(),
            Entry::Noun(i) => (i as usize) < d.nouns.len(),
            Entry::Discard(i) => (i as usize) < d.discards.len(),
            Entry::Issue(i) => (i as usize) < d.issues.len(),
        };
        self.cased.len() == self.entries.len()
            && self.keyed.iter().flatten().all(|&id| (id as usize) < self.entries.len())
            && self.entries.iter().flatten().all(entry_ok)
            && self.required.len() == d.verbs.len()
            && self.synset_required.len() == d.verbs.len()
            && self.misspellings.values().flatten().all(|(_, actor)| (*actor as usize) < d.actors.len())
    }
}

/// The file: magic, key, checksum of the rest, automaton length, automaton, tables.
fn encode(lexicon: &Lexicon, key: SourceKey) -> Result<Vec<u8>, postcard::Error> {
    let tables = TablesRef {
        dictionaries: &lexicon.dictionaries,
        keyed: &lexicon.keyed,
        entries: &lexicon.entries,
        cased: &lexicon.cased,
        synsets: &lexicon.synsets,
        vocabulary: &lexicon.vocabulary,
        required: &lexicon.required,
        synset_required: &lexicon.synset_required,
        misspellings: &lexicon.misspellings,
    };
    let automaton = lexicon.automaton.serialize();
    let mut body = Vec::with_capacity(8 + automaton.len());
    body.extend_from_slice(&(automaton.len() as u64).to_le_bytes());
    body.extend_from_slice(&automaton);
    let body = postcard::to_extend(&tables, body)?;
    let mut file = Vec::with_capacity(HEADER_LEN + body.len());
    file.extend_from_slice(MAGIC);
    file.extend_from_slice(&key.0.to_le_bytes());
    file.extend_from_slice(&xxh3_128(&body).to_le_bytes());
    file.extend_from_slice(&body);
    Ok(file)
}

/// Reads a cache file back, or says why it cannot be used.
fn decode(file: &[u8], key: SourceKey) -> Result<Lexicon, String> {
    let (magic, rest) = file.split_at_checked(MAGIC.len()).ok_or("truncated")?;
    if magic != MAGIC {
        return Err("not a cache file of this version".into());
    }
    let (stored_key, rest) = rest.split_first_chunk::<16>().ok_or("truncated")?;
    if u128::from_le_bytes(*stored_key) != key.0 {
        return Err("written for other dictionaries".into());
    }
    let (checksum, body) = rest.split_first_chunk::<16>().ok_or("truncated")?;
    if u128::from_le_bytes(*checksum) != xxh3_128(body) {
        return Err("corrupt or truncated (checksum differs)".into());
    }
    let (length, rest) = body.split_first_chunk::<8>().ok_or("truncated")?;
    let length = usize::try_from(u64::from_le_bytes(*length)).map_err(|_| "bad automaton length")?;
    let (automaton_bytes, tables) = rest.split_at_checked(length).ok_or("truncated automaton")?;
    let (automaton, left) =
        daachorse::DoubleArrayAhoCorasick::<u32>::deserialize(automaton_bytes).map_err(|e| e.to_string())?;
    if !left.is_empty() {
        return Err("automaton length disagrees with its contents".into());
    }
    let tables: Tables = postcard::from_bytes(tables).map_err(|e| format!("tables: {e}"))?;
    if !tables.consistent() {
        return Err("tables refer past their own ends".into());
    }
    Ok(Lexicon {
        dictionaries: tables.dictionaries,
        automaton,
        keyed: tables.keyed,
        entries: tables.entries,
        cased: tables.cased,
        synsets: tables.synsets,
        vocabulary: tables.vocabulary,
        required: tables.required,
        synset_required: tables.synset_required,
        misspellings: tables.misspellings,
    })
}

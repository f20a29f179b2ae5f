//! Choosing the dictionary set (the shipped one, or a folder the user names) and compiling it,
//! through the compiled-dictionary cache when there is one.

use anyhow::{Context, Result};
use std::path::Path;
use tripwire_coder::cache::{LexiconCache, SourceKey, Start};
use tripwire_coder::{Coder, Lexicon};
use tripwire_dictionaries::{native, petrarch, Dictionaries};

/// The shipped dictionaries, or the set in `dir`: our own `.twd` files, or a PETRARCH/Phoenix set.
pub fn load(dir: Option<&Path>) -> Result<Dictionaries> {
    match dir {
        None => native::shipped().context("loading the shipped dictionaries"),
        Some(dir) => {
            let has_native = std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot read dictionary folder", dir.display()))?
                .flatten()
                .any(|e| e.path().extension().is_some_and(|x| x == "twd"));
            if has_native {
                native::read_dir(dir).with_context(|| format!("loading dictionaries from {}", dir.display()))
            } else {
                petrarch::load_dir(dir).with_context(|| format!("loading PETRARCH dictionaries from {}", dir.display()))
            }
        }
    }
}

/// The compiled set: read from the cache when it holds this set, else loaded and compiled (and
/// cached for next time). `None` for the start: no cache folder.
pub fn compiled(dir: Option<&Path>) -> Result<(Lexicon, Option<Start>)> {
    let compile = || -> Result<Lexicon> { Ok(Coder::compile(load(dir)?)?) };
    let Some(cache) = LexiconCache::from_env() else { return Ok((compile()?, None)) };
    let (lexicon, start) = cache.lexicon(source_key(dir)?, compile)?;
    Ok((lexicon, Some(start)))
}

/// The cache key of a set: every file of the folder (the loaders read a subset, but a file they
/// skip only costs a recompile), by name and bytes, and the folder as written, since entries name
/// their files by it.
fn source_key(dir: Option<&Path>) -> Result<SourceKey> {
    let mut key = SourceKey::builder();
    let Some(dir) = dir else {
        for (name, text) in native::shipped_files() {
            key = key.file(name, text.as_bytes());
        }
        return Ok(key.finish());
    };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read dictionary folder", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    key = key.file(&dir.display().to_string(), &[]);
    for path in files {
        let bytes = std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        key = key.file(&path.display().to_string(), &bytes);
    }
    Ok(key.finish())
}

//! Choosing the dictionary set: the shipped one, or a folder the user names.

use anyhow::{Context, Result};
use std::path::Path;
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

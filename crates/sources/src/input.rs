//! [`Input`]: one place articles are read from, and the expansion of command-line names (files,
//! folders searched recursively, `-` for standard input, feed URLs) into inputs.

use crate::SourceError;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// File extensions a folder is searched for. A file named explicitly is read whatever its name.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson", "json", "xml", "rss", "atom"];

/// One input to read: a file, standard input, or a feed URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    Url(String),
}

impl Input {
    /// The input a command-line name stands for, without touching the file system: `-` is
    /// standard input, a name starting with `http://` or `https://` (in any case) a URL, anything
    /// else a path.
    pub fn from_name(name: &str) -> Input {
        if name == "-" {
            Input::Stdin
        } else if is_url(name) {
            Input::Url(name.to_string())
        } else {
            Input::File(PathBuf::from(name))
        }
    }

    /// How errors and reports name this input.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Url(u) => u.clone(),
        }
    }
}

/// Whether a command-line name is an http(s) URL; the scheme is matched in any case (`HTTP://`).
pub fn is_url(name: &str) -> bool {
    let scheme = |prefix: &str| name.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
    scheme("http://") || scheme("https://")
}

/// The inputs the command-line names stand for, in order, folders expanded recursively (entries
/// sorted by name, only files with an [`ARTICLE_EXTENSIONS`] extension, each folder visited once
/// even through symbolic-link loops). A name that does not exist, or a folder that cannot be
/// listed, is an `Err` in its place: the other inputs are still read.
pub fn expand(names: &[String]) -> Vec<Result<Input, SourceError>> {
    let mut inputs = Vec::new();
    for name in names {
        match Input::from_name(name) {
            Input::File(path) if path.is_dir() => walk(&path, &mut HashSet::new(), &mut inputs),
            Input::File(path) if !path.exists() => inputs.push(Err(SourceError::NotFound { name: name.clone() })),
            input => inputs.push(Ok(input)),
        }
    }
    inputs
}

fn walk(dir: &Path, visited: &mut HashSet<PathBuf>, inputs: &mut Vec<Result<Input, SourceError>>) {
    // A symbolic link back up the tree would otherwise recurse for ever.
    if let Ok(canonical) = dir.canonicalize() {
        if !visited.insert(canonical) {
            return;
        }
    }
    let listed = std::fs::read_dir(dir).and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect());
    let mut entries: Vec<PathBuf> = match listed {
        Ok(entries) => entries,
        Err(error) => {
            inputs.push(Err(SourceError::Io { name: dir.display().to_string(), error }));
            return;
        }
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, visited, inputs);
        } else if path
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| ARTICLE_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            inputs.push(Ok(Input::File(path)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_in_any_case_and_other_names_are_paths() {
        assert_eq!(Input::from_name("HTTP://example.org/feed"), Input::Url("HTTP://example.org/feed".into()));
        assert_eq!(Input::from_name("hTtPs://example.org/"), Input::Url("hTtPs://example.org/".into()));
        assert_eq!(Input::from_name("-"), Input::Stdin);
        assert_eq!(Input::from_name("file:///etc/passwd"), Input::File("file:///etc/passwd".into()));
        assert_eq!(Input::from_name("http"), Input::File("http".into()));
    }
}

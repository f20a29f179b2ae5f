//! Reading the article texts a real-news reference set points into: Wikinews CSV files (the
//! `url` and `text` columns) and the Reuters-21578 SGML file (the raw `<BODY>` of each
//! `<REUTERS … NEWID="…">` story, read as Latin-1).

use super::{char_slice, fnv1a64, ReferenceSet, TextSource};
use crate::gold::GoldError;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// Reads, from the news folder, the text of every article the set points into, and checks every
/// sentence's span and hash. Sentences that check out are marked resolved; each that does not
/// (its file, article or span is missing, or its text has changed) gives an error naming the
/// reference line, and is left out of scoring. A news file that cannot be read gives one error
/// naming it.
pub fn resolve_texts(set: &mut ReferenceSet, news_root: &Path) -> Vec<GoldError> {
    let mut wanted: BTreeMap<String, HashSet<String>> = BTreeMap::new();
    for article in &set.articles {
        if let TextSource::Shared { file, key } = &article.source {
            wanted.entry(file.clone()).or_default().insert(key.clone());
        }
    }
    let mut errors = Vec::new();
    let mut texts: HashMap<(String, String), String> = HashMap::new();
    for (file, keys) in &wanted {
        let path = news_root.join(file);
        let read = if file.ends_with(".csv") {
            read_csv_texts(&path, keys)
        } else if file.ends_with(".sgm") {
            read_sgml_texts(&path, keys)
        } else {
            Err(GoldError::invalid(&path.display().to_string(), 1, "expected a Wikinews .csv or a Reuters .sgm file"))
        };
        match read {
            Ok(found) => texts.extend(found.into_iter().map(|(key, text)| ((file.clone(), key), text))),
            Err(error) => errors.push(error),
        }
    }
    for article in &mut set.articles {
        if let TextSource::Shared { file, key } = &article.source {
            article.text = texts.remove(&(file.clone(), key.clone()));
        }
    }
    for index in 0..set.sentences.len() {
        let problem = {
            let sentence = &set.sentences[index];
            let article = &set.articles[sentence.article];
            match (&article.source, article.text.as_deref()) {
                (TextSource::Own, _) => None,
                (TextSource::Shared { file, key }, None) => Some(format!("article {key} not found in {file}")),
                (TextSource::Shared { .. }, Some(text)) => match char_slice(text, sentence.span) {
                    None => Some(format!("span {:?} lies outside the article", sentence.span)),
                    Some(found) if Some(fnv1a64(found)) != sentence.hash => {
                        Some(format!("the text at span {:?} no longer matches its hash", sentence.span))
                    }
                    Some(_) => None,
                },
            }
        };
        let sentence = &mut set.sentences[index];
        sentence.resolved = problem.is_none();
        if let Some(message) = problem {
            errors.push(GoldError::invalid(&set.file, sentence.line, message));
        }
    }
    errors
}

/// The `text` of each Wikinews row whose `url` is wanted.
fn read_csv_texts(path: &Path, keys: &HashSet<String>) -> Result<HashMap<String, String>, GoldError> {
    let name = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .from_path(path)
        .map_err(|e| GoldError::Io { file: name.clone(), source: std::io::Error::other(e) })?;
    let headers = reader.headers().map_err(|e| csv_error(&name, &e))?.clone();
    let column = |wanted: &str| {
        headers
            .iter()
            .position(|h| h == wanted)
            .ok_or_else(|| GoldError::invalid(&name, 1, format!("no `{wanted}` column")))
    };
    let (url, text) = (column("url")?, column("text")?);
    let mut found = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&name, &e))?;
        if let (Some(key), Some(body)) = (record.get(url), record.get(text)) {
            if keys.contains(key) {
                found.insert(key.to_string(), body.to_string());
            }
        }
    }
    Ok(found)
}

fn csv_error(file: &str, error: &csv::Error) -> GoldError {
    let line = error.position().map_or(1, |p| p.line() as usize);
    GoldError::invalid(file, line, error.to_string())
}

/// The raw `<BODY>` content of each wanted Reuters story, the file read as Latin-1 (every byte one
/// character), as the collection's README asks.
fn read_sgml_texts(path: &Path, keys: &HashSet<String>) -> Result<HashMap<String, String>, GoldError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| GoldError::Io { file: name.clone(), source })?;
    let text: String = bytes.iter().map(|&b| char::from(b)).collect();
    let mut found = HashMap::new();
    let mut rest = text.as_str();
    while let Some(open) = rest.find("<REUTERS") {
        let story = &rest[open..];
        let close = story.find("</REUTERS>").unwrap_or(story.len());
        let (head_end, inner) = match story.find('>') {
            Some(end) if end < close => (end, &story[end + 1..close]),
            _ => break,
        };
        let newid = attribute(&story[..head_end], "NEWID");
        if let Some(newid) = newid.filter(|id| keys.contains(*id)) {
            if let Some(body) = between(inner, "<BODY>", "</BODY>") {
                found.insert(newid.to_string(), body.to_string());
            }
        }
        rest = &story[close.min(story.len())..];
        if close == story.len() {
            break;
        }
        rest = &rest["</REUTERS>".len()..];
    }
    Ok(found)
}

fn attribute<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let start = head.find(&format!("{name}=\""))? + name.len() + 2;
    let len = head[start..].find('"')?;
    Some(&head[start..start + len])
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = text.find(open)? + open.len();
    let len = text[start..].find(close)?;
    Some(&text[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgml_bodies_are_found_by_newid() {
        let dir = std::env::temp_dir().join(format!("tripwire-sgml-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sample.sgm");
        let sgml = b"<REUTERS TOPICS=\"NO\" NEWID=\"7\">\n<TEXT><TITLE>T</TITLE><BODY>Seven \xe9t\xe9.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"8\"><TEXT><BODY>Eight.</BODY></TEXT></REUTERS>";
        std::fs::write(&path, sgml).unwrap();
        let keys: HashSet<String> = ["8".to_string(), "7".to_string(), "9".to_string()].into();
        let found = read_sgml_texts(&path, &keys).unwrap();
        assert_eq!(found.get("7").map(String::as_str), Some("Seven \u{e9}t\u{e9}.\n Reuter\n&#3;"));
        assert_eq!(found.get("8").map(String::as_str), Some("Eight."));
        assert!(!found.contains_key("9"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

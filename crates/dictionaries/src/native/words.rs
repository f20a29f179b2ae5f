//! Words and phrases as written in a native file, turned into the tokens the coder matches.
//!
//! A written word is split the way the coder tokenizes article text (punctuation apart, `'s` and
//! `n't` split off, hyphens, inner periods and apostrophes kept), so `Democratic People's
//! Republic of Korea` and `(Keeling)` are written as they appear in print and still match.

use crate::model::{Phrase, Word};

/// Clitics the tokenizer splits from the end of a word (compared in lower case, with a plain
/// apostrophe).
const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// A phrase of whitespace-separated written words.
pub(super) fn phrase(written: &[&str]) -> Result<Phrase, String> {
    if written.is_empty() {
        return Err("missing phrase".to_string());
    }
    let mut words = Vec::with_capacity(written.len());
    for raw in written {
        words.extend(word(raw)?);
    }
    Ok(Phrase(words))
}

/// A verb form: words joined by `_` (`cracked_down`).
pub(super) fn verb_form(raw: &str) -> Result<Phrase, String> {
    let mut words = Vec::new();
    for piece in raw.split('_') {
        if piece.is_empty() {
            return Err(format!("`{raw}`: empty word around `_`"));
        }
        words.extend(word(piece)?);
    }
    Ok(Phrase(words))
}

/// One written word as the tokens it stands for; a trailing `*` makes the last token a stem.
pub(super) fn word(raw: &str) -> Result<Vec<Word>, String> {
    let (body, stem) = match raw.strip_suffix('*') {
        Some(body) => (body, true),
        None => (raw, false),
    };
    if body.contains('*') {
        return Err(format!("`{raw}`: `*` marks a stem and may only end a word"));
    }
    if body.is_empty() {
        return Err(format!("`{raw}`: a stem needs letters before the `*`"));
    }
    let tokens = tokens(body);
    let count = tokens.len();
    Ok(tokens
        .into_iter()
        .enumerate()
        .map(|(index, token)| if stem && index + 1 == count { Word::Stem(token) } else { Word::Exact(token) })
        .collect())
}

/// The normalized tokens of `text`, a run of non-white-space characters.
fn tokens(text: &str) -> Vec<Box<str>> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let end = if is_word_char(chars[start]) { word_end(&chars, start) } else { punctuation_end(&chars, start) };
        let token = &chars[start..end];
        match clitic_split(token) {
            Some(cut) => {
                tokens.push(normalize(&token[..cut]));
                tokens.push(normalize(&token[cut..]));
            }
            None => tokens.push(normalize(token)),
        }
        start = end;
    }
    tokens
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the word starting at `start` ends: word characters, inner joiners (`al-Qaeda`, `U.S`,
/// `O'Brien`, `AT&T`, `1,000`), and a final period, which the writer put there because it
/// belongs to the word (`U.S.`, `Inc.`).
fn word_end(chars: &[char], start: usize) -> usize {
    let mut end = start + 1;
    while let Some(&c) = chars.get(end) {
        if is_word_char(c) || joins_words(chars, start, end) {
            end += 1;
        } else {
            break;
        }
    }
    if chars.get(end) == Some(&'.') {
        end += 1;
    }
    end
}

/// Whether the mark at `at` joins the word that started at `start` to the word after it.
fn joins_words(chars: &[char], start: usize, at: usize) -> bool {
    let Some(&next) = chars.get(at + 1) else {
        return false;
    };
    match chars[at] {
        '-' | '.' | '\'' | '\u{2019}' | '&' | '/' => is_word_char(next),
        // Only a thousands separator: "1,000" is one token, "Bonaire," two.
        ',' => next.is_ascii_digit() && chars[start..at].iter().all(|d| d.is_ascii_digit() || *d == ','),
        _ => false,
    }
}

/// A punctuation token: one character, or a run of `.` or `-`.
fn punctuation_end(chars: &[char], start: usize) -> usize {
    let first = chars[start];
    let mut end = start + 1;
    if matches!(first, '.' | '-') {
        while chars.get(end) == Some(&first) {
            end += 1;
        }
    }
    end
}

/// Where a clitic starts in `token`, if it ends with one and has something before it.
fn clitic_split(token: &[char]) -> Option<usize> {
    CLITICS.iter().find_map(|clitic| {
        let length = clitic.chars().count();
        if token.len() <= length {
            return None;
        }
        let cut = token.len() - length;
        let matches = token[cut..]
            .iter()
            .map(|&c| if c == '\u{2019}' { '\'' } else { c.to_ascii_lowercase() })
            .eq(clitic.chars());
        matches.then_some(cut)
    })
}

/// The matching form of a token: upper case, typographic apostrophes, quotes and dashes plain.
fn normalize(token: &[char]) -> Box<str> {
    let mut out = String::with_capacity(token.len());
    for &c in token {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            c => out.extend(c.to_uppercase()),
        }
    }
    out.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(phrase: &Phrase) -> Vec<&str> {
        phrase.0.iter().map(Word::text).collect()
    }

    #[test]
    fn words_are_upper_cased_including_non_ascii() {
        let phrase = phrase(&["Côte", "d'Ivoire", "straße"]).unwrap();
        assert_eq!(texts(&phrase), ["CÔTE", "D'IVOIRE", "STRASSE"]);
    }

    #[test]
    fn punctuation_splits_like_article_text() {
        assert_eq!(
            texts(&phrase(&["Democratic", "People's", "Republic"]).unwrap()),
            ["DEMOCRATIC", "PEOPLE", "'S", "REPUBLIC"]
        );
        assert_eq!(
            texts(&phrase(&["Cocos", "(Keeling)", "Islands"]).unwrap()),
            ["COCOS", "(", "KEELING", ")", "ISLANDS"]
        );
        assert_eq!(texts(&phrase(&["Workers'", "Party"]).unwrap()), ["WORKERS", "'", "PARTY"]);
        assert_eq!(
            texts(&phrase(&["U.S.", "al-Qaeda", "AT&T", "1,000"]).unwrap()),
            ["U.S.", "AL-QAEDA", "AT&T", "1,000"]
        );
        assert_eq!(texts(&phrase(&["Bonaire,"]).unwrap()), ["BONAIRE", ","]);
    }

    #[test]
    fn typographic_marks_become_plain() {
        assert_eq!(texts(&phrase(&["People\u{2019}s"]).unwrap()), ["PEOPLE", "'S"]);
        assert_eq!(texts(&phrase(&["Guinea\u{2013}Bissau"]).unwrap()), ["GUINEA", "-", "BISSAU"]);
    }

    #[test]
    fn a_trailing_star_makes_a_stem() {
        assert_eq!(phrase(&["Argentin*"]).unwrap().0, [Word::Stem("ARGENTIN".into())]);
        assert_eq!(phrase(&["South", "Sudan*"]).unwrap().0, [Word::Exact("SOUTH".into()), Word::Stem("SUDAN".into())]);
        assert!(word("*").is_err());
        assert!(word("Ar*gentina").is_err());
        assert!(word("Argentin**").is_err());
    }

    #[test]
    fn verb_forms_join_words_with_underscores() {
        assert_eq!(texts(&verb_form("cracked_down").unwrap()), ["CRACKED", "DOWN"]);
        assert!(verb_form("crack__down").is_err());
        assert!(verb_form("_down").is_err());
    }

    #[test]
    fn an_empty_phrase_is_an_error() {
        assert!(phrase(&[]).is_err());
    }
}

//! Words and phrases as written in a native file, turned into the tokens the coder matches.
//!
//! A written word is split by the tokenizer the coder uses on article text ([`crate::tokens`]:
//! punctuation apart, `'s` and `n't` split off, hyphens, inner periods and apostrophes kept, a
//! relation suffix cut off), so `Democratic People's Republic of Korea`, `(Keeling)` and
//! `state-run media` are written as they appear in print and still match.

use crate::model::{Phrase, Word};
use crate::tokens::normalize;

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

/// The normalized tokens of `text`, a run of non-white-space characters, cut by the tokenizer
/// article text goes through. A final period is the writer's, so it belongs to the word.
fn tokens(text: &str) -> Vec<Box<str>> {
    let mut tokens = Vec::new();
    crate::tokens::split(text, 0..text.len(), |_, _| true, |span| tokens.push(normalize(&text[span]).as_str().into()));
    tokens
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
        assert_eq!(
            texts(&phrase(&["state-run", "Non-Aligned"]).unwrap()),
            ["STATE", "-", "RUN", "NON", "-", "ALIGNED"]
        );
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

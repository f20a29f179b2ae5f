//! Segmenting and tokenizing: an article's text cut into sentences, and a sentence into
//! [`Token`]s by the one tokenizer ([`tripwire_dictionaries::tokens`]). Byte offsets into the
//! article are made here, once, and every later stage points back at the text through them.

use compact_str::CompactString;
use std::ops::{ControlFlow, Range};
use tripwire_dictionaries::tokens;

use crate::english::{is_abbreviation, SENTENCE_STARTERS};

/// One token: where it is in the article and its upper-cased matching form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Range<usize>,
    pub norm: CompactString,
    /// The word starts with an upper-case letter in the text (a name, or a sentence start).
    pub capitalized: bool,
    /// Every letter is a capital ("US", "WHO"), and there are at least two.
    pub all_caps: bool,
}

impl Token {
    pub fn new(span: Range<usize>, original: &str) -> Token {
        let capitalized = original.chars().next().is_some_and(char::is_uppercase);
        // Only a capitalised word can be all capitals; most are ASCII and need no Unicode tables.
        let all_caps = capitalized
            && if original.is_ascii() {
                let bytes = original.as_bytes();
                bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2
                    && !bytes.iter().any(u8::is_ascii_lowercase)
            } else {
                let letters = original.chars().filter(|c| c.is_alphabetic());
                letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
            };
        Token { span, norm: tokens::normalize(original), capitalized, all_caps }
    }
}

/// A sentence of the article and its tokens; `index` counts sentences from 0 in the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub span: Range<usize>,
    pub tokens: Vec<Token>,
}

/// Splits `text` into sentence byte ranges. A sentence ends at `.`, `!` or `?` (and any closing
/// quotes or brackets) followed by white space and an upper-case letter, digit or opening quote,
/// unless the period belongs to an abbreviation; a blank line always ends one.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // Blank line: paragraph break.
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push_trimmed(text, start..i, &mut sentences);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            // Closing curly quotes (U+201D, U+2019) are three bytes each.
            while text[end..].starts_with('\u{201D}') || text[end..].starts_with('\u{2019}') {
                end += 3;
            }
            if end >= bytes.len() {
                break;
            }
            if !bytes[end].is_ascii_whitespace() {
                i = end;
                continue;
            }
            let mut next = end;
            while next < bytes.len() && bytes[next].is_ascii_whitespace() {
                next += 1;
            }
            let next_word = word_at(text, next);
            let starts_like_sentence = next_word.chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201C}' | '\'' | '(' | '[')
            });
            let word_before = word_before(text, i + 1);
            let abbreviation = b == b'.' && is_abbreviation(word_before);
            let acronym_then_starter = abbreviation
                && word_before.contains('.')
                && word_before.trim_end_matches('.').contains('.')
                && SENTENCE_STARTERS.contains(&next_word.to_uppercase().as_str());
            if starts_like_sentence && (!abbreviation || acronym_then_starter) {
                push_trimmed(text, start..end, &mut sentences);
                start = next;
                i = next;
                continue;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// The run of non-space characters starting at `at`, without leading quotes.
fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].trim_start_matches(['"', '\'', '(', '[', '\u{201C}', '\u{2018}'])
}

/// The run of non-space characters that ends at `end` (exclusive), without leading quotes.
fn word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(p, c)| p + c.len_utf8());
    head[start..].trim_start_matches(['"', '\'', '(', '[', '\u{201C}', '\u{2018}'])
}

/// Past this many tokens a sentence is cut after the next clause mark (`,` `;` `:` `--`): real
/// sentences stay whole (in the Wikinews sample one in 400 runs longer, nearly all untranslated
/// transcripts), and text without sentence breaks is coded in pieces of bounded work.
pub const SOFT_SENTENCE_TOKENS: usize = 150;

/// No sentence is longer than this many tokens: without a clause mark it is cut here.
pub const MAX_SENTENCE_TOKENS: usize = 300;

/// The sentences of a text, tokenized, in order: [`split_sentences`] and [`tokenize`], with
/// over-long sentences cut into pieces of at most [`MAX_SENTENCE_TOKENS`] tokens, each its own
/// [`Sentence`]. Tokens are made one piece at a time, so memory and work stay bounded per piece
/// and linear in the text however it is punctuated.
pub struct Sentences<'t> {
    text: &'t str,
    ranges: std::vec::IntoIter<Range<usize>>,
    /// What is left of a sentence cut so far: where to resume, and the sentence's end.
    rest: Option<Range<usize>>,
    index: usize,
}

/// See [`Sentences`].
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences { text, ranges: split_sentences(text).into_iter(), rest: None, index: 0 }
}

impl Iterator for Sentences<'_> {
    type Item = Sentence;

    fn next(&mut self) -> Option<Sentence> {
        loop {
            let (range, whole) = match self.rest.take() {
                Some(rest) => (rest, false),
                None => (self.ranges.next()?, true),
            };
            let text = self.text;
            let mut tokens: Vec<Token> = Vec::new();
            let stopped = tokens::split_until(text, range.clone(), keeps_period, |span| {
                tokens.push(Token::new(span.clone(), &text[span]));
                let mark = matches!(&text[tokens[tokens.len() - 1].span.clone()], "," | ";" | ":" | "--");
                let full = tokens.len() >= MAX_SENTENCE_TOKENS || (tokens.len() >= SOFT_SENTENCE_TOKENS && mark);
                if full {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else { continue };
            let cut = stopped.filter(|&at| !text[at..range.end].trim().is_empty());
            let span = if whole && cut.is_none() { range.clone() } else { first.span.start..last.span.end };
            self.rest = cut.map(|at| at..range.end);
            self.index += 1;
            return Some(Sentence { index: self.index - 1, span, tokens });
        }
    }
}

/// Tokenizes `text[range]` Treebank-style: punctuation apart, `'s` and `n't` split off, hyphenated
/// words and dotted abbreviations kept whole. Offsets are byte offsets into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    tokens::split(text, range, keeps_period, |span| out.push(Token::new(span.clone(), &text[span])));
    out
}

/// A period after a word in article text is the word's when the word is an abbreviation ("U.S.",
/// "Gen."), unless it ends the sentence after a short undotted word ("in the U.K." keeps it,
/// "talks with Rep." does not).
fn keeps_period(word: &str, ends_sentence: bool) -> bool {
    is_abbreviation(word) && !(ends_sentence && !word[..word.len() - 1].contains('.') && word.len() > 2)
}

/// Byte → character offset conversion for one text; free for ASCII.
pub struct CharOffsets {
    /// For non-ASCII text: the byte offset of every character boundary, in order.
    boundaries: Option<Vec<usize>>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            CharOffsets { boundaries: None }
        } else {
            let mut b: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            b.push(text.len());
            CharOffsets { boundaries: Some(b) }
        }
    }

    /// The character offset of byte offset `byte`.
    pub fn at(&self, byte: usize) -> usize {
        match &self.boundaries {
            None => byte,
            Some(b) => b.partition_point(|&x| x < byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len()).into_iter().map(|t| text[t.span].to_string()).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Gen. Smith met U.S. officials on Feb. 6 in Muscat. The talks ended. Then what?";
        assert_eq!(
            sentences(text),
            vec!["Gen. Smith met U.S. officials on Feb. 6 in Muscat.", "The talks ended.", "Then what?"]
        );
    }

    #[test]
    fn acronym_can_close_a_sentence() {
        let text = "Iran imposed sanctions on the U.S. The ministry said so.";
        assert_eq!(sentences(text), vec!["Iran imposed sanctions on the U.S.", "The ministry said so."]);
    }

    #[test]
    fn initials_stay_inside() {
        assert_eq!(sentences("George W. Bush spoke. He left.").len(), 2);
    }

    #[test]
    fn relation_suffixes_split_off() {
        assert_eq!(
            words("US-led forces, Iran-backed militias, al-Qaeda"),
            vec!["US", "-", "led", "forces", ",", "Iran", "-", "backed", "militias", ",", "al-Qaeda"]
        );
    }

    #[test]
    fn tokens_split_clitics_and_keep_offsets() {
        let text = "Iran's minister didn't say \"no\", al-Qaeda (U.S.) said 1,000.";
        assert_eq!(
            words(text),
            vec![
                "Iran", "'s", "minister", "did", "n't", "say", "\"", "no", "\"", ",", "al-Qaeda", "(", "U.S.", ")",
                "said", "1,000", "."
            ]
        );
    }

    #[test]
    fn blank_line_breaks() {
        assert_eq!(
            sentences("Headline without period\n\nBody starts here."),
            vec!["Headline without period", "Body starts here."]
        );
    }
}

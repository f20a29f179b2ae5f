//! Sentence splitting and tokenization. Both work on byte offsets into the article, which the
//! coder turns into character offsets only when it writes an event; every token keeps the exact
//! bytes it came from.

use compact_str::CompactString;
use std::ops::Range;

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
        Token { span, norm: normalize(original), capitalized, all_caps }
    }
}

/// A sentence of the article and its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub index: usize,
    pub span: Range<usize>,
    pub tokens: Vec<Token>,
}

/// Abbreviations whose period does not end a sentence (compared upper-case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "MR", "MRS", "MS", "DR", "GEN", "LT", "COL", "MAJ", "CAPT", "SGT", "CPL", "ADM", "CMDR", "GOV", "SEN", "REP",
    "REV", "PROF", "ST", "JR", "SR", "MT", "FT", "GENS", "LT.GEN", "BRIG", "AMB", "PRES", "JAN", "FEB", "MAR", "APR",
    "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "NO", "NOS", "VS", "CF", "APPROX", "DEPT", "CORP", "INC",
    "LTD", "CO", "BROS", "EST", "FIG", "VOL", "ARTS", "ART", "SEC", "GOVT", "E.G", "I.E", "U.S", "U.N", "U.K", "E.U",
    "P.M", "A.M",
];

/// Second halves of hyphenated words that relate an actor to something else ("US-led").
const RELATION_SUFFIXES: &[&str] = &[
    "led",
    "backed",
    "based",
    "owned",
    "run",
    "controlled",
    "sponsored",
    "funded",
    "allied",
    "armed",
    "trained",
    "brokered",
    "supported",
    "born",
    "dominated",
    "held",
    "occupied",
    "aligned",
    "friendly",
    "linked",
    "made",
];

/// Whether an upper-cased word is one of [`RELATION_SUFFIXES`].
pub fn is_relation_suffix(norm: &str) -> bool {
    RELATION_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(norm))
}

/// Words that often start a sentence after a dotted acronym ("... sanctions on the U.S. The
/// ministry said"), where the acronym's period also closes the sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "THE",
    "A",
    "AN",
    "HE",
    "SHE",
    "IT",
    "THEY",
    "WE",
    "I",
    "IN",
    "ON",
    "AT",
    "BUT",
    "AND",
    "THIS",
    "THAT",
    "THESE",
    "THOSE",
    "THERE",
    "HIS",
    "HER",
    "ITS",
    "THEIR",
    "AFTER",
    "BEFORE",
    "WHEN",
    "WHILE",
    "ALSO",
    "HOWEVER",
    "MEANWHILE",
    "EARLIER",
    "LATER",
    "SINCE",
    "AS",
    "IF",
    "OFFICIALS",
];

fn is_abbreviation(word: &str) -> bool {
    let upper = word.trim_end_matches('.').to_uppercase();
    if ABBREVIATIONS.contains(&upper.as_str()) {
        return true;
    }
    // Single initials ("George W. Bush") and dotted acronyms ("U.S.", "U.A.E.").
    let letters: Vec<char> = upper.chars().collect();
    (letters.len() == 1 && letters[0].is_alphabetic())
        || (upper.contains('.') && upper.split('.').all(|p| p.chars().count() <= 2 && !p.is_empty()))
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

/// Tokenizes `text[range]` Treebank-style: punctuation apart, `'s` and `n't` split off, hyphenated
/// words and dotted abbreviations kept whole. Offsets are byte offsets into `text`.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let start = range.start + offset;
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            chars.next();
            while let Some(&(o, c2)) = chars.peek() {
                let here = range.start + o;
                if is_word_char(c2) {
                    end = here + c2.len_utf8();
                    chars.next();
                } else if matches!(c2, '-' | '.' | '\'' | '\u{2019}' | '&' | ',' | '/')
                    && next_is_word_char(text, here + c2.len_utf8(), range.end)
                {
                    // Internal joiners: al-Qaeda, U.S, O'Brien, AT&T, 1,000, 24/7.
                    if c2 == ','
                        && !(text[start..here].bytes().all(|b| b.is_ascii_digit() || b == b',')
                            && text[here + 1..].starts_with(|d: char| d.is_ascii_digit()))
                    {
                        break;
                    }
                    end = here + c2.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            // A final period belongs to the word when it is an abbreviation ("U.S.", "Gen.").
            if text[end..range.end].starts_with('.') {
                let candidate = &text[start..end + 1];
                let next_char = text[end + 1..range.end].chars().next();
                let sentence_final = next_char.is_none();
                if is_abbreviation(candidate)
                    && !(sentence_final && !candidate[..candidate.len() - 1].contains('.') && candidate.len() > 2)
                {
                    end += 1;
                    chars.next();
                }
            }
            push_word(text, start..end, &mut tokens);
        } else {
            // Punctuation: one character a token, except runs of the same mark ("...", "--").
            let mut end = start + c.len_utf8();
            chars.next();
            while let Some(&(o, c2)) = chars.peek() {
                if c2 == c && matches!(c, '.' | '-') {
                    end = range.start + o + c2.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::new(start..end, &text[start..end]));
        }
    }
    tokens
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_is_word_char(text: &str, at: usize, limit: usize) -> bool {
    at < limit && text[at..].chars().next().is_some_and(is_word_char)
}

/// Pushes a word, splitting off Treebank clitics: possessive `'s`/`'`, and `n't`.
fn push_word(text: &str, span: Range<usize>, tokens: &mut Vec<Token>) {
    let word = &text[span.clone()];
    // "US-led", "Iranian-backed", "Saudi-owned": the actor is the first part, and the rest
    // describes the relation, so they are tokens apart.
    if let Some(hyphen) = word.rfind('-') {
        let tail = &word[hyphen + 1..];
        if hyphen > 0 && RELATION_SUFFIXES.iter().any(|s| tail.eq_ignore_ascii_case(s)) {
            let cut = span.start + hyphen;
            push_word(text, span.start..cut, tokens);
            tokens.push(Token::new(cut..cut + 1, "-"));
            tokens.push(Token::new(cut + 1..span.end, tail));
            return;
        }
    }
    if !word.contains(['\'', '\u{2019}']) {
        tokens.push(Token::new(span, word));
        return;
    }
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    for suffix in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.len() > suffix.len() && lower.ends_with(suffix) {
            // Byte length of the suffix in the original (curly apostrophe is 3 bytes).
            let original_suffix_len = suffix.len() + if word.contains('\u{2019}') { 2 } else { 0 };
            if word.len() > original_suffix_len && word.is_char_boundary(word.len() - original_suffix_len) {
                let cut = span.end - original_suffix_len;
                tokens.push(Token::new(span.start..cut, &text[span.start..cut]));
                tokens.push(Token::new(cut..span.end, &text[cut..span.end]));
                return;
            }
        }
    }
    tokens.push(Token::new(span.clone(), word));
}

/// The matching form of a token: upper case, typographic apostrophes and dashes made plain.
pub fn normalize(word: &str) -> CompactString {
    // Most words are plain ASCII: upper-case them in place.
    if word.bytes().all(|b| b.is_ascii() && b != b'`') {
        let mut out = CompactString::from(word);
        out.make_ascii_uppercase();
        return out;
    }
    let mut out = CompactString::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            '\u{201C}' | '\u{201D}' => out.push('"'),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
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

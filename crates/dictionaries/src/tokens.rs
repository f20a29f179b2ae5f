//! The one tokenizer: how article text and dictionary phrases are cut into tokens, and the
//! matching form of a token. Both go through here, so a name written in a dictionary the way it
//! appears in print is made of the same tokens as the printed name.
//!
//! Treebank style: punctuation apart, clitics (`'s`, `n't`, …) split off, hyphenated words, inner
//! periods and apostrophes kept whole (`al-Qaeda`, `U.S`, `O'Brien`, `AT&T`, `1,000`), except that
//! a relation suffix is cut from its actor (`US-led` → `US`, `-`, `led`). Whether a period right
//! after a word belongs to it (`U.S.`, `Gen.`) is the caller's to say: in a dictionary it always
//! does, in article text only after an abbreviation.

use compact_str::CompactString;
use std::ops::{ControlFlow, Range};

/// Clitics split from the end of a word, in lower case with a plain apostrophe.
pub const CLITICS: [&str; 7] = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Second halves of hyphenated words that relate an actor to something else ("US-led").
pub const RELATION_SUFFIXES: &[&str] = &[
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

/// Whether a word (in any case) is one of [`RELATION_SUFFIXES`].
pub fn is_relation_suffix(word: &str) -> bool {
    RELATION_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Cuts `text[range]` into tokens and hands each one's byte range (into `text`) to `emit`, in
/// order. `keeps_period(word_and_period, ends_range)` decides whether a period right after a word
/// is part of it. Linear in the length of the range.
pub fn split(
    text: &str,
    range: Range<usize>,
    keeps_period: impl FnMut(&str, bool) -> bool,
    mut emit: impl FnMut(Range<usize>),
) {
    split_until(text, range, keeps_period, |span| {
        emit(span);
        ControlFlow::Continue(())
    });
}

/// As [`split`], but `emit` may stop the cut: the tokens of the word it is in are still emitted,
/// and the byte offset where the next token would start is returned, so a caller can resume with
/// `split_until(text, offset..range.end, …)` and get the tokens a whole cut would have.
pub fn split_until(
    text: &str,
    range: Range<usize>,
    mut keeps_period: impl FnMut(&str, bool) -> bool,
    mut emit: impl FnMut(Range<usize>) -> ControlFlow<()>,
) -> Option<usize> {
    // Set once `emit` asks to stop; the word being emitted is finished first.
    let stop = std::cell::Cell::new(false);
    let mut emit = |span: Range<usize>| {
        if emit(span).is_break() {
            stop.set(true);
        }
    };
    let slice = &text[range.clone()];
    let mut chars = slice.char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let start = range.start + offset;
        chars.next();
        if !is_word_char(c) {
            // Punctuation: one character a token, except runs of the same mark ("...", "--").
            let mut end = start + c.len_utf8();
            while let Some(&(o, next)) = chars.peek() {
                if next != c || !matches!(c, '.' | '-') {
                    break;
                }
                end = range.start + o + next.len_utf8();
                chars.next();
            }
            emit(start..end);
            if stop.get() {
                return Some(end);
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        // Digits and thousands separators only so far: a comma may still join ("1,000").
        let mut numeric = c.is_ascii_digit();
        while let Some(&(o, next)) = chars.peek() {
            let here = range.start + o;
            if is_word_char(next) {
                numeric &= next.is_ascii_digit();
            } else if matches!(next, '-' | '.' | '\'' | '\u{2019}' | '&' | ',' | '/')
                && next_is_word_char(text, here + next.len_utf8(), range.end)
            {
                // Internal joiners: al-Qaeda, U.S, O'Brien, AT&T, 1,000, 24/7.
                let thousands = numeric && text[here + next.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
                if next == ',' && !thousands {
                    break;
                }
                numeric &= next == ',';
            } else {
                break;
            }
            end = here + next.len_utf8();
            chars.next();
        }
        if text[end..range.end].starts_with('.') && keeps_period(&text[start..end + 1], end + 1 == range.end) {
            end += 1;
            chars.next();
        }
        emit_word(text, start..end, &mut emit);
        if stop.get() {
            return Some(end);
        }
    }
    None
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn next_is_word_char(text: &str, at: usize, limit: usize) -> bool {
    at < limit && text[at..].chars().next().is_some_and(is_word_char)
}

/// Emits a word, cutting off relation suffixes ("Iranian-backed", "US-led") and a clitic ("Iran's").
fn emit_word(text: &str, span: Range<usize>, emit: &mut impl FnMut(Range<usize>)) {
    // "US-led", "Iranian-backed", "Saudi-owned": the actor is the first part, and the rest
    // describes the relation, so they are tokens apart. Cut from the right, one suffix at a time.
    let mut head = span.clone();
    let mut suffixes = Vec::new();
    while let Some(hyphen) = text[head.clone()].rfind('-') {
        let cut = head.start + hyphen;
        if hyphen == 0 || !is_relation_suffix(&text[cut + 1..head.end]) {
            break;
        }
        suffixes.push(cut..head.end);
        head.end = cut;
    }
    match clitic_start(&text[head.clone()]) {
        Some(cut) => {
            emit(head.start..head.start + cut);
            emit(head.start + cut..head.end);
        }
        None => emit(head),
    }
    for suffix in suffixes.into_iter().rev() {
        emit(suffix.start..suffix.start + 1);
        emit(suffix.start + 1..suffix.end);
    }
}

/// Where a clitic starts in `word` (a byte offset), if the word ends with one and has something
/// before it.
fn clitic_start(word: &str) -> Option<usize> {
    if !word.contains(['\'', '\u{2019}']) {
        return None;
    }
    CLITICS.iter().find_map(|clitic| {
        let length = clitic.len();
        let (cut, _) = word.char_indices().rev().nth(length - 1)?;
        let matches = cut > 0
            && word[cut..]
                .chars()
                .map(|c| if c == '\u{2019}' { '\'' } else { c.to_ascii_lowercase() })
                .eq(clitic.chars());
        matches.then_some(cut)
    })
}

/// The matching form of a token: upper case, typographic apostrophes, quotes and dashes plain.
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

    fn words(text: &str, keeps_period: impl FnMut(&str, bool) -> bool) -> Vec<&str> {
        let mut out = Vec::new();
        split(text, 0..text.len(), keeps_period, |span| out.push(&text[span]));
        out
    }

    #[test]
    fn clitics_relation_suffixes_and_joiners() {
        assert_eq!(
            words("Iran's US-led O’Brien’s didn't al-Qaeda 1,000, AT&T", |_, _| false),
            ["Iran", "'s", "US", "-", "led", "O’Brien", "’s", "did", "n't", "al-Qaeda", "1,000", ",", "AT&T"]
        );
    }

    #[test]
    fn the_caller_decides_the_final_period() {
        assert_eq!(words("U.S. Inc.", |_, _| true), ["U.S.", "Inc."]);
        assert_eq!(words("U.S. Inc.", |w, _| w == "U.S."), ["U.S.", "Inc", "."]);
        // Only the last period of the range is at its end.
        let mut at_end = Vec::new();
        words("Gen. Smith.", |w, end| {
            at_end.push((w.to_string(), end));
            false
        });
        assert_eq!(at_end, [("Gen.".to_string(), false), ("Smith.".to_string(), true)]);
    }

    #[test]
    fn a_typographic_apostrophe_after_a_digit_joins_without_splitting_a_character() {
        assert_eq!(words("0\u{2019}A", |_, _| false), ["0\u{2019}A"]);
        assert_eq!(words("1990\u{2019}s", |_, _| false), ["1990", "\u{2019}s"], "a clitic is still its own word");
    }

    #[test]
    fn punctuation_runs_and_commas_between_words() {
        assert_eq!(words("wait... -- Bonaire,Aruba", |_, _| false), ["wait", "...", "--", "Bonaire", ",", "Aruba"]);
        assert_eq!(words("1,2,3,4,5", |_, _| false), ["1,2,3,4,5"]);
        assert_eq!(words("a1,000", |_, _| false), ["a1", ",", "000"]);
    }

    #[test]
    fn stacked_relation_suffixes_are_cut_one_by_one() {
        assert_eq!(words("US-backed-led", |_, _| false), ["US", "-", "backed", "-", "led"]);
        // A very long chain is cut without deep recursion.
        let chain = format!("Iran{}", "-led".repeat(200_000));
        let mut count = 0;
        split(&chain, 0..chain.len(), |_, _| false, |_| count += 1);
        assert_eq!(count, 1 + 2 * 200_000);
    }

    #[test]
    fn a_stopped_cut_resumes_where_it_stopped() {
        let text = "Iran's US-led talks, said Gen. Smith.";
        let whole = words(text, |w, _| w == "Gen.");
        let mut pieces: Vec<&str> = Vec::new();
        let mut from = 0;
        loop {
            let mut taken = 0;
            let stop = split_until(
                text,
                from..text.len(),
                |w, _| w == "Gen.",
                |span| {
                    pieces.push(&text[span]);
                    taken += 1;
                    if taken >= 2 {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                },
            );
            match stop {
                Some(at) => from = at,
                None => break,
            }
        }
        assert_eq!(pieces, whole);
    }

    #[test]
    fn a_lone_apostrophe_is_no_clitic() {
        assert_eq!(words("'s Workers' n't", |_, _| false), ["'", "s", "Workers", "'", "n't"]);
    }

    #[test]
    fn normalizing_plain_and_typographic() {
        assert_eq!(normalize("straße"), "STRASSE");
        assert_eq!(normalize("People\u{2019}s"), "PEOPLE'S");
        assert_eq!(normalize("\u{201C}x\u{2013}"), "\"X-");
        assert_eq!(normalize("`a"), "'A");
    }
}

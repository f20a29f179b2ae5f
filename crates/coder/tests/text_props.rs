//! No input makes the sentence splitter or the tokenizer panic (the article readers are fuzzed in
//! `tripwire-sources`), offsets
//! always fall on character boundaries inside the input, and over-long sentences are cut into
//! bounded pieces without losing a token.

use proptest::prelude::*;
use tripwire_coder::sentence::tokens::{sentences, MAX_SENTENCE_TOKENS};
use tripwire_coder::text::{split_sentences, tokenize};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn splitting_and_tokenizing_any_text(text in "\\PC{0,300}") {
        for range in split_sentences(&text) {
            prop_assert!(range.start <= range.end && range.end <= text.len());
            prop_assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
            for token in tokenize(&text, range.clone()) {
                prop_assert!(range.start <= token.span.start && token.span.end <= range.end);
                prop_assert!(text.is_char_boundary(token.span.start) && text.is_char_boundary(token.span.end));
                prop_assert!(!token.norm.is_empty());
            }
        }
    }

    #[test]
    fn newsy_text(text in "([A-Z][a-z]{0,8}|U\\.S\\.|Gen\\.|n't|'s|[,.;:!?\"'()\u{2019}\u{201C}\u{201D}-]| |\n){0,80}") {
        for range in split_sentences(&text) {
            let _ = tokenize(&text, range);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Cutting over-long sentences into pieces keeps every token, in order, and no piece is
    /// longer than the bound.
    #[test]
    fn pieces_keep_every_token(words in proptest::collection::vec("([A-Za-z]{1,6}|U\\.S\\.|Gen\\.|[,;:.]|--|'s)", 0..1200), breaks in any::<bool>()) {
        let joiner = if breaks { " " } else { " x " };
        let text = words.join(joiner);
        let whole: Vec<_> = split_sentences(&text).into_iter().flat_map(|r| tokenize(&text, r)).collect();
        let pieces: Vec<_> = sentences(&text).collect();
        prop_assert!(pieces.iter().all(|s| !s.tokens.is_empty() && s.tokens.len() <= MAX_SENTENCE_TOKENS));
        prop_assert!(pieces.iter().enumerate().all(|(i, s)| s.index == i));
        let cut: Vec<_> = pieces.into_iter().flat_map(|s| s.tokens).collect();
        prop_assert_eq!(cut, whole);
    }
}

#[test]
fn sentences_of_ordinary_length_are_not_cut() {
    // 140 tokens, far longer than news sentences run, with a comma every few words.
    let sentence = format!("Officials {} met.", vec!["met, talked and officials"; 28].join(" "));
    let text = format!("{sentence} {sentence}");
    let pieces: Vec<_> = sentences(&text).collect();
    assert_eq!(pieces.len(), 2);
    assert_eq!(pieces.iter().map(|s| s.span.clone()).collect::<Vec<_>>(), split_sentences(&text));
}

#[test]
fn a_megabyte_without_breaks_or_marks_is_cut_at_the_hard_bound() {
    let text = "rebels attacked the town and ".repeat(40_000);
    let pieces: Vec<_> = sentences(&text).collect();
    let tokens: usize = 5 * 40_000;
    assert_eq!(pieces.len(), tokens.div_ceil(MAX_SENTENCE_TOKENS));
    assert!(pieces.iter().all(|s| s.span.end - s.span.start < 2 * MAX_SENTENCE_TOKENS * 8));
}

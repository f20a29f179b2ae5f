//! No input makes the sentence splitter or the tokenizer panic, and offsets always fall on
//! character boundaries inside the input. (The article readers' own fuzzing is in
//! `tripwire-sources`.)

use proptest::prelude::*;
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

//! No input makes the sentence splitter, the tokenizer or the article reader panic, and offsets
//! always fall on character boundaries inside the input.

use proptest::prelude::*;
use tripwire_coder::input::{read_articles, ReadOptions};
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

    #[test]
    fn reading_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400), lossy in any::<bool>(), json in proptest::option::of(any::<bool>())) {
        let options = ReadOptions { date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1), lossy, json_lines: json };
        let _ = read_articles(&bytes, "fuzz", options);
    }

    #[test]
    fn reading_json_lines_like_input(lines in proptest::collection::vec("\\{(\"(id|date|text|title)\": ?(\"[^\"]{0,20}\"|[0-9]{1,5}|null)(, )?){0,4}\\}?", 0..6)) {
        let input = lines.join("\n");
        if let Ok(articles) = read_articles(input.as_bytes(), "fuzz.jsonl", ReadOptions::default()) {
            for article in articles.into_iter().flatten() {
                prop_assert!(!article.text.trim().is_empty());
                prop_assert!(article.date.is_some());
            }
        }
    }
}

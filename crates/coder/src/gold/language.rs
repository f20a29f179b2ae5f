//! Whether a gold file's sentences are English, the only language the coder's sentence rules
//! (passives, reported speech, modality) are written for.
//!
//! The test is the share of words that are among thirty common English function words (below).
//! In the English UniversalPetrarch gold it is 29.7% of all words; in both its Spanish files it is
//! 0.0% (none of the 13,042 words of the protest set), since Spanish function words are other
//! ones ("de", "la", "que"). Text is taken as not English only when it has at least
//! [`MIN_WORDS`] words (a headline may hold no function word at all) and the share is under
//! [`ENGLISH_SHARE`].

/// The share of common English function words above which text is taken as English.
pub const ENGLISH_SHARE: f64 = 0.10;

/// The fewest words on which text is judged not to be English.
pub const MIN_WORDS: usize = 100;

/// Function words that are frequent in English and rare as words in the other languages of the
/// gold files (so not "a", "no" or "de").
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "was", "for", "on", "that", "with", "said", "by", "at", "from", "as", "has",
    "have", "were", "will", "it", "its", "his", "their", "after", "are", "be", "been", "which", "who",
];

/// The share of words in the texts that are common English function words (0 when there are no
/// words).
pub fn english_share<'a>(texts: impl IntoIterator<Item = &'a str>) -> f64 {
    let (words, function) = counts(texts);
    if words == 0 {
        0.0
    } else {
        function as f64 / words as f64
    }
}

/// The share of common English function words when the texts are clearly not English (enough
/// words, too few of them English function words); `None` when they are English or too short to
/// tell.
pub fn not_english_share<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<f64> {
    let (words, function) = counts(texts);
    let share = function as f64 / words.max(1) as f64;
    (words >= MIN_WORDS && share < ENGLISH_SHARE).then_some(share)
}

/// Words, and common English function words among them.
fn counts<'a>(texts: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let (mut words, mut function) = (0usize, 0usize);
    for text in texts {
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            words += 1;
            if FUNCTION_WORDS.iter().any(|f| f.eq_ignore_ascii_case(word)) {
                function += 1;
            }
        }
    }
    (words, function)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_text_scores_high_and_spanish_low() {
        let english = ["The envoy of Arnor said on Monday that talks with Gondor were at an end."];
        let spanish = ["El enviado de Arnor dijo el lunes que las conversaciones con Gondor habían terminado."];
        assert!(english_share(english) >= 0.3, "{}", english_share(english));
        assert!(english_share(spanish) < ENGLISH_SHARE, "{}", english_share(spanish));
        assert_eq!(english_share(["", "  123 "]), 0.0);
        // Too few words to tell, then enough.
        assert_eq!(not_english_share(spanish), None);
        assert_eq!(not_english_share(["Arnor agreed."]), None);
        let long = spanish[0].repeat(10);
        assert_eq!(not_english_share([long.as_str()]), Some(0.0));
        assert_eq!(not_english_share([english[0].repeat(10).as_str()]), None);
    }
}

//! A sentence cut into pieces for display, with the source actor, the target actor and the verb
//! marked — found by their words, since the stored offsets are the article's, not the
//! sentence's. The pieces are plain text: the template escapes them.

use serde::Serialize;

/// A run of the sentence and what it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    /// "source", "target", "verb", or empty for the words between.
    pub role: &'static str,
}

/// `sentence` with the first non-overlapping occurrence of each of the words marked.
pub fn pieces(sentence: &str, source: Option<&str>, target: Option<&str>, verb: Option<&str>) -> Vec<Piece> {
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    for (words, role) in [(source, "source"), (target, "target"), (verb, "verb")] {
        let Some(words) = words.map(str::trim).filter(|w| !w.is_empty()) else { continue };
        if let Some((start, end)) = find_free(sentence, words, &marks) {
            marks.push((start, end, role));
        }
    }
    marks.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end, role) in marks {
        if start > at {
            out.push(Piece { text: sentence[at..start].to_string(), role: "" });
        }
        out.push(Piece { text: sentence[start..end].to_string(), role });
        at = end;
    }
    if at < sentence.len() {
        out.push(Piece { text: sentence[at..].to_string(), role: "" });
    }
    out
}

/// The first occurrence of `words` (ASCII case ignored) that overlaps no mark already made.
fn find_free(sentence: &str, words: &str, marks: &[(usize, usize, &str)]) -> Option<(usize, usize)> {
    let haystack = sentence.to_ascii_lowercase();
    let needle = words.to_ascii_lowercase();
    let mut from = 0;
    while let Some(offset) = haystack.get(from..)?.find(&needle) {
        let start = from + offset;
        let end = start + needle.len();
        let free = marks.iter().all(|&(s, e, _)| end <= s || start >= e);
        if free && sentence.is_char_boundary(start) && sentence.is_char_boundary(end) {
            return Some((start, end));
        }
        from = start + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_and_verb_are_marked_and_the_rest_kept() {
        let p =
            pieces("Iran's foreign minister met US envoys in Muscat.", Some("Iran"), Some("US envoys"), Some("met"));
        let roles: Vec<(&str, &str)> = p.iter().map(|x| (x.text.as_str(), x.role)).collect();
        assert_eq!(
            roles,
            [
                ("Iran", "source"),
                ("'s foreign minister ", ""),
                ("met", "verb"),
                (" ", ""),
                ("US envoys", "target"),
                (" in Muscat.", "")
            ]
        );
        let text: String = p.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(text, "Iran's foreign minister met US envoys in Muscat.");
    }

    #[test]
    fn missing_words_and_overlaps_leave_the_sentence_whole() {
        let p = pieces("Ünïcode <b>text</b>", Some("absent"), Some("<b>"), Some("b"));
        let text: String = p.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(text, "Ünïcode <b>text</b>");
        assert_eq!(p.iter().filter(|x| !x.role.is_empty()).count(), 2);
    }
}

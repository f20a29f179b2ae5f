//! Discard lists (`Phoenix.discards.txt`, `PETR.Validate.discards.txt`): one phrase a line,
//! `+PHRASE` voids the whole story, a bare phrase only its sentence.

use super::lines::{content_lines, Line};
use super::phrase::{exact, words};
use super::Context;
use crate::error::Result;
use crate::model::{Dictionaries, Discard};

pub(crate) fn parse(text: &str, cx: &mut Context) -> Result<Dictionaries> {
    let mut discards = Vec::new();
    for Line { number, text } in content_lines(text, cx)? {
        let (story, phrase) = match text.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if phrase.contains(['[', ']', '{', '}']) {
            return Err(cx.error(number, format!("a discard is a plain phrase, not `{text}`")));
        }
        let phrase_words = words(phrase);
        if phrase_words.is_empty() {
            return Err(cx.error(number, "empty discard phrase"));
        }
        discards.push(Discard { phrase: exact(phrase_words), story, origin: cx.origin(number) });
    }
    Ok(Dictionaries { discards, ..Dictionaries::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DictionaryError;

    #[test]
    fn sentence_and_story_discards() {
        let mut cx = Context::new("d.txt");
        let d = parse("# story-level with +\nMONTHS LATER\n+ World Golf Championships   # pas\n+ESPN2 \n1914\nACCIDENT KILLED\t\n", &mut cx).unwrap();
        let read: Vec<_> = d.discards.iter().map(|x| (x.story, x.phrase.0.len(), x.origin.line)).collect();
        assert_eq!(read, [(false, 2, 2), (true, 3, 3), (true, 1, 4), (false, 1, 5), (false, 2, 6)]);
        assert_eq!(d.discards[1].phrase.0[0].text(), "WORLD");
    }

    #[test]
    fn malformed_lines_name_their_line() {
        for (text, line) in [("A\n+\n", 2), ("A [X]\n", 1), ("A\n\n+  _ \n", 3)] {
            let mut cx = Context::new("d.txt");
            match parse(text, &mut cx) {
                Err(DictionaryError::Syntax { line: at, .. }) => assert_eq!(at, line, "{text:?}"),
                other => panic!("expected a syntax error, got {other:?}"),
            }
        }
    }
}

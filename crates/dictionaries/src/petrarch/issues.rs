//! Issue lists (`Phoenix.IssueCoding.txt`).
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">   a block; its category is the code of lines without one
//! n:teacher [TEACHERS]           `n:` adds the noun's plural
//! v:arrest n:journalist [X]      `v:` adds the verb's -S, -ED and -ING forms
//! pre+n:school [X]               `+` is written both as a blank and as a hyphen
//! eurozone                       no code: the block's category
//! ~a head start                  an exclusion (`~~` for the whole story): skipped, the model
//!                                has no place for it
//! </ISSUE>
//! ```
//!
//! A line carries one entry; text after its `[code]` (a repeated code, stray `*******`, a second
//! entry run onto the same line in the Phoenix file) is ignored and noted.

use super::inflect::{noun_plural, verb_forms};
use super::lines::{content_lines, Line};
use super::phrase::{exact, words, MAX_EXPANDED_BYTES, MAX_VARIANTS};
use super::{Context, NoteKind};
use crate::error::Result;
use crate::model::{Dictionaries, IssueEntry, Phrase};
use std::collections::HashSet;

pub(crate) fn parse(text: &str, cx: &mut Context) -> Result<Dictionaries> {
    let mut issues = Vec::new();
    let mut category: Option<Box<str>> = None;
    for Line { number, text } in content_lines(text, cx)? {
        if text.starts_with('<') {
            category = block_tag(text).map_err(|message| cx.error(number, message))?;
            continue;
        }
        if text.starts_with('~') {
            cx.note(number, NoteKind::IssueExclusionSkipped);
            continue;
        }
        let (phrase, code) = match text.find('[') {
            None => {
                let code = category
                    .clone()
                    .ok_or_else(|| cx.error(number, "issue phrase without a `[code]` outside an <ISSUE> block"))?;
                (text, code)
            }
            Some(open) => {
                let close = text[open..].find(']').ok_or_else(|| cx.error(number, "`[` without `]`"))? + open;
                let code = text[open + 1..close].trim();
                if code.is_empty() || code.contains(char::is_whitespace) {
                    return Err(cx.error(number, format!("bad issue code `[{code}]`")));
                }
                if !text[close + 1..].trim().is_empty() {
                    cx.note(number, NoteKind::TrailingTextIgnored);
                }
                (&text[..open], Box::from(code))
            }
        };
        for phrase in variants(phrase).map_err(|message| cx.error(number, message))? {
            issues.push(IssueEntry { phrase, code: code.clone(), origin: cx.origin(number) });
        }
    }
    Ok(Dictionaries { issues, ..Dictionaries::default() })
}

/// `<ISSUE CATEGORY="X" ...>` opens a block, `</ISSUE>` closes it; the result is the category
/// in force afterwards.
fn block_tag(tag: &str) -> std::result::Result<Option<Box<str>>, String> {
    if !tag.ends_with('>') {
        return Err(format!("unclosed tag `{tag}`"));
    }
    if tag.eq_ignore_ascii_case("</ISSUE>") {
        return Ok(None);
    }
    let is_open = tag.get(..6).is_some_and(|start| start.eq_ignore_ascii_case("<ISSUE"));
    if !is_open {
        return Err(format!("unexpected tag `{tag}`"));
    }
    let category = tag
        .split_once("CATEGORY=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(value, _)| value.trim())
        .filter(|value| !value.is_empty() && !value.contains(char::is_whitespace));
    match category {
        Some(value) => Ok(Some(value.into())),
        None => Err(format!("`{tag}` has no CATEGORY=\"...\"")),
    }
}

/// Every spelling a line stands for.
fn variants(text: &str) -> std::result::Result<Vec<Phrase>, String> {
    let spaced = text.replace('_', " ");
    let mut token_spellings: Vec<Vec<String>> = Vec::new();
    for token in spaced.split_whitespace() {
        token_spellings.push(token_forms(token)?);
    }
    if token_spellings.is_empty() {
        return Err("empty issue phrase".to_string());
    }
    let joiners: &[char] = if text.contains('+') { &[' ', '-'] } else { &[' '] };
    let count = token_spellings.iter().fold(joiners.len(), |n, s| n.saturating_mul(s.len()));
    if count > MAX_VARIANTS || count.saturating_mul(spaced.len()) > MAX_EXPANDED_BYTES {
        return Err(format!("line stands for more than {MAX_VARIANTS} spellings"));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for &joiner in joiners {
        for spelling in product(&token_spellings)? {
            let phrase_words = words(&spelling.join(" ").replace('+', &joiner.to_string()));
            if phrase_words.is_empty() {
                return Err(format!("no words in `{}`", text.trim()));
            }
            let phrase = exact(phrase_words);
            if seen.insert(phrase.clone()) {
                out.push(phrase);
            }
        }
    }
    Ok(out)
}

/// The spellings of one blank-separated token. `n:` and `v:` (at its start or after a `+`)
/// apply to the rest of the token: `n:pick+pocket` → `PICK+POCKET`, `PICK+POCKETS`.
fn token_forms(token: &str) -> std::result::Result<Vec<String>, String> {
    let marker = token.char_indices().map(|(at, _)| at).find(|&at| {
        (at == 0 || token[..at].ends_with('+'))
            && token.get(at..at + 2).is_some_and(|m| m.eq_ignore_ascii_case("n:") || m.eq_ignore_ascii_case("v:"))
    });
    let Some(at) = marker else {
        return Ok(vec![token.to_uppercase()]);
    };
    let prefix = token[..at].to_uppercase();
    let word = token[at + 2..].to_uppercase();
    if word.is_empty() {
        return Err(format!("`{token}` has no word after `{}`", &token[at..at + 2]));
    }
    let forms = if token[at..].starts_with(['n', 'N']) {
        let plural = noun_plural(&word);
        vec![word, plural]
    } else {
        let [third, past, participle] = verb_forms(&word);
        vec![word, third, past, participle]
    };
    Ok(forms.into_iter().map(|form| format!("{prefix}{form}")).collect())
}

/// Every choice of one item from each list, in order; refuses to grow past [`MAX_VARIANTS`].
fn product(lists: &[Vec<String>]) -> std::result::Result<Vec<Vec<String>>, String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for list in lists {
        if out.len().saturating_mul(list.len()) > MAX_VARIANTS {
            return Err(format!("line stands for more than {MAX_VARIANTS} spellings"));
        }
        out = out
            .iter()
            .flat_map(|prefix| {
                list.iter().map(move |item| {
                    let mut next = prefix.clone();
                    next.push(item.clone());
                    next
                })
            })
            .collect();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DictionaryError;

    fn read(text: &str) -> (Dictionaries, Context) {
        let mut cx = Context::new("i.txt");
        let d = parse(text, &mut cx).unwrap_or_else(|e| panic!("{e}"));
        (d, cx)
    }

    fn spellings(d: &Dictionaries) -> Vec<(String, String)> {
        d.issues
            .iter()
            .map(|i| (i.phrase.0.iter().map(|w| w.text()).collect::<Vec<_>>().join(" "), i.code.to_string()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn codes_noun_and_verb_expansions() {
        let (d, _) = read("n:teacher [TEACHERS]\nliteracy [LITERACY]\nv:arrest n:journalist [MEDIA]\n");
        let got = spellings(&d);
        assert_eq!(got[..3], pairs(&[("TEACHER", "TEACHERS"), ("TEACHERS", "TEACHERS"), ("LITERACY", "LITERACY")]));
        assert_eq!(got.len(), 3 + 8);
        assert!(got.contains(&("ARRESTED JOURNALISTS".to_string(), "MEDIA".to_string())));
    }

    #[test]
    fn plus_is_a_blank_or_a_hyphen() {
        let (d, _) = read("pre+n:school [EARLY]\n");
        assert_eq!(
            spellings(&d),
            pairs(&[
                ("PRE SCHOOL", "EARLY"),
                ("PRE SCHOOLS", "EARLY"),
                ("PRE-SCHOOL", "EARLY"),
                ("PRE-SCHOOLS", "EARLY")
            ])
        );
    }

    #[test]
    fn markers_apply_to_the_rest_of_the_token() {
        let (d, _) = read("n:pick+pocket [ROBBERY]\nsolar+v:power [RENEWABLE]\n");
        let got: Vec<String> = spellings(&d).into_iter().map(|(s, _)| s).collect();
        for spelling in ["PICK POCKETS", "PICK-POCKETS", "SOLAR POWERED", "SOLAR-POWERING"] {
            assert!(got.contains(&spelling.to_string()), "{spelling}: {got:?}");
        }
        assert!(!got.contains(&"PICKS POCKET".to_string()));
        assert_eq!(got.len(), 4 + 8);
    }

    #[test]
    fn blocks_give_missing_codes_and_exclusions_are_noted() {
        let (d, cx) = read(
            "<ISSUE CATEGORY=\"KIDNAP\" TYPE=\"COUNTEVENT\">\nabduction\neu [EUROPEAN_UNION]\n~a head start\n~~oil\n</ISSUE>\n",
        );
        assert_eq!(spellings(&d), pairs(&[("ABDUCTION", "KIDNAP"), ("EU", "EUROPEAN_UNION")]));
        assert_eq!(d.issues[0].origin.line, 2);
        assert_eq!(cx.report.count(NoteKind::IssueExclusionSkipped), 2);
    }

    #[test]
    fn trailing_text_after_the_code_is_ignored() {
        let (d, cx) = read(
            "aqim [TERROR] [TERROR]\nintimidation of press [M]intimidation of the media [M]\ntouristry[TOURISM]\n",
        );
        assert_eq!(d.issues.len(), 3);
        assert_eq!(cx.report.count(NoteKind::TrailingTextIgnored), 2);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        for (text, line) in [
            ("eec\n", 1),
            ("a [X]\nb [\n", 2),
            ("a []\n", 1),
            ("<ISSUE TYPE=\"ALL\">\n", 1),
            ("<OTHER>\n", 1),
            ("<ISSUE CATEGORY=\"A\"\n", 1),
            ("n: [X]\n", 1),
            ("+ [X]\n", 1),
        ] {
            let mut cx = Context::new("i.txt");
            match parse(text, &mut cx) {
                Err(DictionaryError::Syntax { line: at, .. }) => assert_eq!(at, line, "{text:?}"),
                other => panic!("expected a syntax error for {text:?}, got {other:?}"),
            }
        }
    }

    #[test]
    fn expansion_is_bounded() {
        let line = format!("{} [X]\n", vec!["v:a"; 20].join(" "));
        let mut cx = Context::new("i.txt");
        assert!(parse(&line, &mut cx).is_err());
    }
}

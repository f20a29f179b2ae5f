//! Agent dictionaries (`Phoenix.agents.txt`, `PETR.Validate.agents.txt`).
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON   a substitution set
//! MINISTER [~GOV]                 an agent: the code goes after the actor's (IRN + GOV)
//! HUMAN_RIGHTS_BODY  [NGO~]       ...or before it (NGO + IRN)
//! THIEF {THIEVES} [~CRM]          an irregular plural
//! POLICE {} [~COP]                no plural
//! CONGRESS!PERSON! [~LEG]         one agent phrase per alternative, no plurals added
//! ```
//!
//! As in PETRARCH, a regular plural is added to every other phrase (on its last word: -S, -ES
//! after sibilants, -IES after consonant + Y), and a line without a `[code]` is skipped.

use super::inflect::noun_plural;
use super::lines::{content_lines, Line};
use super::phrase::{exact, leftover_marker, words, Substitutions};
use super::{Context, NoteKind};
use crate::error::Result;
use crate::model::{AgentEntry, AgentPlacement, Dictionaries, Phrase};

pub(crate) fn parse(text: &str, cx: &mut Context) -> Result<Dictionaries> {
    let mut agents = Vec::new();
    let mut substitutions = Substitutions::default();
    for Line { number, text } in content_lines(text, cx)? {
        if let Some(defined) = substitutions.define(text) {
            defined.map_err(|message| cx.error(number, message))?;
            continue;
        }
        let Some(open) = text.find('[') else {
            cx.note(number, NoteKind::AgentWithoutCodeSkipped);
            continue;
        };
        let (head, code) = text.split_at(open);
        let (code, closed_by_brace) = code_text(&code[1..]).map_err(|message| cx.error(number, message))?;
        if closed_by_brace {
            cx.note(number, NoteKind::CodeClosedWithBrace);
        }
        let (code, placement) = agent_code(code).map_err(|message| cx.error(number, message))?;
        let phrases = agent_phrases(head, &substitutions).map_err(|message| cx.error(number, message))?;
        agents.push(AgentEntry { phrases, code: code.into(), placement, origin: cx.origin(number) });
    }
    Ok(Dictionaries { agents, ..Dictionaries::default() })
}

/// The inside of `[...]` given what follows the `[`; a final `}` is accepted for `]`
/// (`[~ENV}` in the Phoenix file).
fn code_text(after_open: &str) -> std::result::Result<(&str, bool), String> {
    if let Some(close) = after_open.find(']') {
        let rest = after_open[close + 1..].trim();
        if !rest.is_empty() {
            return Err(format!("unexpected `{rest}` after the agent code"));
        }
        return Ok((&after_open[..close], false));
    }
    match after_open.trim_end().strip_suffix('}') {
        Some(code) if !code.contains(['{', '}']) => Ok((code, true)),
        _ => Err("`[` without `]`".to_string()),
    }
}

/// `~GOV` (after the actor code) or `NGO~` (before it).
fn agent_code(text: &str) -> std::result::Result<(&str, AgentPlacement), String> {
    let text = text.trim();
    let (code, placement) = if let Some(code) = text.strip_prefix('~') {
        (code, AgentPlacement::Suffix)
    } else if let Some(code) = text.strip_suffix('~') {
        (code, AgentPlacement::Prefix)
    } else {
        return Err(format!("agent code `[{text}]` needs a `~` before or after it"));
    };
    if code.is_empty() || code.contains(|c: char| c.is_whitespace() || c == '~') {
        return Err(format!("bad agent code `[{text}]`"));
    }
    Ok((code, placement))
}

fn agent_phrases(head: &str, substitutions: &Substitutions) -> std::result::Result<Vec<Phrase>, String> {
    let (singular, plural) = match head.find('{') {
        None => (head.trim(), None),
        Some(open) => {
            let close = head[open..].find('}').ok_or("`{` without `}`")? + open;
            let after = head[close + 1..].trim();
            if !after.is_empty() {
                return Err(format!("unexpected `{after}` after the plural"));
            }
            (head[..open].trim(), Some(&head[open + 1..close]))
        }
    };
    let spellings = substitutions.expand(singular)?;
    let substituted = spellings.len() != 1 || spellings.first().is_some_and(|s| s != singular);
    let mut phrases = Vec::with_capacity(spellings.len() + 1);
    for spelling in &spellings {
        if let Some(marker) = leftover_marker(spelling) {
            return Err(format!("substitution `{marker}` is not defined"));
        }
        let phrase_words = words(spelling);
        if phrase_words.is_empty() {
            return Err("agent line without a phrase".to_string());
        }
        if plural.is_none() && !substituted {
            let mut plural_words = phrase_words.clone();
            if let Some(last) = plural_words.last_mut() {
                *last = noun_plural(last);
            }
            phrases.push(exact(phrase_words));
            phrases.push(exact(plural_words));
        } else {
            phrases.push(exact(phrase_words));
        }
    }
    if let Some(plural) = plural {
        let plural_words = words(plural);
        if plural_words.iter().any(|w| w.contains(['{', '}', '['])) {
            return Err(format!("bad plural `{{{plural}}}`"));
        }
        if !plural_words.is_empty() {
            phrases.push(exact(plural_words));
        }
    }
    Ok(phrases)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DictionaryError;

    fn read(text: &str) -> (Dictionaries, Context) {
        let mut cx = Context::new("g.txt");
        let d = parse(text, &mut cx).unwrap_or_else(|e| panic!("{e}"));
        (d, cx)
    }

    fn error_line(text: &str) -> u32 {
        let mut cx = Context::new("g.txt");
        match parse(text, &mut cx) {
            Err(DictionaryError::Syntax { line, .. }) => line,
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    fn phrase(text: &str) -> Phrase {
        exact(words(text))
    }

    #[test]
    fn codes_and_placement() {
        let (d, _) = read(
            "MINISTER [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~] # x\nPOLICE {} [ ~COP]\nHUMAN_RIGHTS_ORGANIZATION  [  NGO~]\n",
        );
        assert_eq!(d.agents.len(), 4);
        assert_eq!((&*d.agents[0].code, d.agents[0].placement), ("GOV", AgentPlacement::Suffix));
        assert_eq!((&*d.agents[1].code, d.agents[1].placement), ("NGO", AgentPlacement::Prefix));
        assert_eq!((&*d.agents[2].code, d.agents[2].placement), ("COP", AgentPlacement::Suffix));
        assert_eq!(d.agents[3].placement, AgentPlacement::Prefix);
        assert_eq!(d.agents[1].origin.line, 2);
    }

    #[test]
    fn plurals_regular_irregular_and_none() {
        let (d, _) = read("MINISTER [~GOV]\nAUTHORITY [~GOV]\nCONGRESS [~LEG]\nTHIEF {THIEVES} [~CRM]\nPOLICE {} [~COP]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCHAMBER_OF_COMMERCE [~BUS]\n");
        assert_eq!(d.agents[0].phrases, [phrase("MINISTER"), phrase("MINISTERS")]);
        assert_eq!(d.agents[1].phrases, [phrase("AUTHORITY"), phrase("AUTHORITIES")]);
        assert_eq!(d.agents[2].phrases, [phrase("CONGRESS"), phrase("CONGRESSES")]);
        assert_eq!(d.agents[3].phrases, [phrase("THIEF"), phrase("THIEVES")]);
        assert_eq!(d.agents[4].phrases, [phrase("POLICE")]);
        assert_eq!(d.agents[5].phrases, [phrase("ATTORNEY GENERAL"), phrase("ATTORNEYS GENERAL")]);
        assert_eq!(d.agents[6].phrases[1], phrase("CHAMBER OF COMMERCES"));
    }

    #[test]
    fn substitutions_expand_without_plurals() {
        let (d, _) = read("!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n!MINST! = MINISTER, MINISTRY\nCONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\nHUSBAND!PERSON![~AGR]\n");
        assert_eq!(d.agents.len(), 3);
        assert_eq!(d.agents[0].phrases.len(), 5);
        assert_eq!(d.agents[0].phrases[4], phrase("CONGRESSPERSON"));
        assert_eq!(d.agents[1].phrases, [phrase("MINISTER OF SILLY WALKS"), phrase("MINISTRY OF SILLY WALKS")]);
        assert_eq!(d.agents[2].phrases[0], phrase("HUSBANDMAN"));
    }

    #[test]
    fn published_irregularities() {
        let (d, cx) = read("DEPARMENT_OF_ENVIRONMENT [~ENV}\nISLAMIC_EXTREMIST\nSEMI-OFFICIAL[~GOV]\n!MINIST! = MINISTER\n!MINIST! FOR_ YOUTH [~GOV]\n");
        assert_eq!(d.agents.len(), 3);
        assert_eq!(&*d.agents[0].code, "ENV");
        assert_eq!(d.agents[1].phrases[0], phrase("SEMI-OFFICIAL"));
        assert_eq!(d.agents[2].phrases, [phrase("MINISTER FOR YOUTH")]);
        assert_eq!(cx.report.count(NoteKind::CodeClosedWithBrace), 1);
        assert_eq!(cx.report.count(NoteKind::AgentWithoutCodeSkipped), 1);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(error_line("A [~GOV]\nB [GOV]\n"), 2);
        assert_eq!(error_line("B [~]\n"), 1);
        assert_eq!(error_line("B [~GOV\n"), 1);
        assert_eq!(error_line("B [~GOV] C\n"), 1);
        assert_eq!(error_line("B {C [~GOV]\n"), 1);
        assert_eq!(error_line("B {C} D [~GOV]\n"), 1);
        assert_eq!(error_line("X!NOPE! [~GOV]\n"), 1);
        assert_eq!(error_line("[~GOV]\n"), 1);
        assert_eq!(error_line("!A! = \n"), 1);
    }
}

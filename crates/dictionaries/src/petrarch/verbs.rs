//! Verb dictionaries (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`).
//!
//! ```text
//! &CURRENCY                      a synset; `+` lines are its members, `&NAME_` means "no plurals"
//! +DOLLAR                        a member: its plural (DOLLARS) is added unless it ends in `_`
//! +&TIETYPES                     a member may be another synset
//! --- ADMIT  [013:012] ---       a block: its name and default code (`---` = codes only by pattern)
//! ADMIT                          a verb of the block: regular forms are derived...
//! HURRY {HURRIES HURRYING}       ...unless `{...}` lists the other forms (`{}`: none)
//! +SHUT_DOWN {+SHUTS_DOWN}       multi-word verb; `+` marks the word that inflects
//! KLM_NOP_+RST [002]             a verb line may carry its own code
//! - SAID * TO_ATTEND [082]       a pattern: `*` the verb, `$` source, `+` target, `%` compound,
//!                                `&NAME` synset, `_` adjacency, `^` any word between
//! ~ a (a b ATTACK) SAY = a b 015 an event transformation (skipped: not in the model)
//! ```
//!
//! The block's patterns apply to every verb of the block; a verb line with its own code becomes
//! its own [`VerbEntry`] carrying the same patterns. CAMEO's phrase-structure brackets — `(TO
//! BORDER)` for a prepositional phrase, `{ARMS SHIPMENT}` for a noun phrase — have no counterpart
//! in the model, so their words become ordinary pattern words in the same order. `^` stands for
//! at least one word and becomes a gap: it only cancels the adjacency of the word before it.
//! A code written `[:173]` (only the reverse event) keeps an empty primary code.

use super::inflect::{noun_plural, verb_forms};
use super::lines::{content_lines, Line};
use super::phrase::{exact, words};
use super::{Context, NoteKind};
use crate::error::Result;
use crate::model::{Dictionaries, EventCodeSpec, PatternItem, Phrase, VerbEntry, VerbPattern, Word};
use std::collections::{BTreeMap, HashSet};

pub(crate) fn parse(text: &str, cx: &mut Context) -> Result<Dictionaries> {
    let mut reader = Reader::default();
    for line in content_lines(text, cx)? {
        reader.line(line, cx)?;
    }
    reader.finish(cx)
}

#[derive(Default)]
struct Reader<'a> {
    synsets: Vec<SynsetDraft>,
    blocks: Vec<BlockDraft<'a>>,
    /// The synset whose members are being read; any line but a `+` line ends it.
    open_synset: Option<usize>,
}

struct SynsetDraft {
    name: Box<str>,
    pluralise: bool,
    members: Vec<(Member, u32)>,
}

enum Member {
    Phrase { words: Vec<String>, plural: bool },
    Synset(Box<str>),
}

struct BlockDraft<'a> {
    name: Box<str>,
    code: Option<EventCodeSpec>,
    line: u32,
    forms: Vec<Phrase>,
    coded: Vec<CodedVerb>,
    patterns: Vec<PatternDraft<'a>>,
}

/// A verb line with a code of its own.
struct CodedVerb {
    code: Option<EventCodeSpec>,
    forms: Vec<Phrase>,
    line: u32,
}

/// Patterns are read once the whole file is, so that every synset name is known.
struct PatternDraft<'a> {
    text: &'a str,
    code: EventCodeSpec,
    line: u32,
}

impl<'a> Reader<'a> {
    fn line(&mut self, line: Line<'a>, cx: &mut Context) -> Result<()> {
        let Line { number, text } = line;
        let at = |message: String| cx.error(number, message);
        if let (Some(index), Some(member)) = (self.open_synset, text.strip_prefix('+')) {
            let member = parse_member(member).map_err(at)?;
            self.synsets[index].members.push((member, number));
            return Ok(());
        }
        self.open_synset = None;
        if text.starts_with("---") {
            let header = parse_header(text).map_err(at)?;
            if header.extra_code {
                cx.note(number, NoteKind::ExtraHeaderCodeIgnored);
            }
            self.blocks.push(BlockDraft {
                name: header.name,
                code: header.code,
                line: number,
                forms: Vec::new(),
                coded: Vec::new(),
                patterns: Vec::new(),
            });
        } else if let Some(pattern) = text.strip_prefix('-') {
            let (text, code) = split_pattern_code(pattern).map_err(at)?;
            let block = self
                .blocks
                .last_mut()
                .ok_or_else(|| cx.error(number, "pattern before any `--- VERB [code] ---` block"))?;
            block.patterns.push(PatternDraft { text, code, line: number });
        } else if let Some(name) = text.strip_prefix('&') {
            let (name, pluralise) = synset_name(name).map_err(at)?;
            self.open_synset = Some(self.synsets.len());
            self.synsets.push(SynsetDraft { name, pluralise, members: Vec::new() });
        } else if text.starts_with('~') {
            cx.note(number, NoteKind::TransformationSkipped);
        } else {
            let verb = parse_verb_line(text).map_err(at)?;
            let block = self
                .blocks
                .last_mut()
                .ok_or_else(|| cx.error(number, "verb before any `--- VERB [code] ---` block"))?;
            match verb.code {
                None => block.forms.extend(verb.forms),
                Some(code) => block.coded.push(CodedVerb { code, forms: verb.forms, line: number }),
            }
        }
        Ok(())
    }

    fn finish(self, cx: &mut Context) -> Result<Dictionaries> {
        let synsets = resolve_synsets(self.synsets, cx)?;
        let mut verbs = Vec::new();
        for block in self.blocks {
            let mut patterns = Vec::with_capacity(block.patterns.len());
            for draft in block.patterns {
                if !brackets_balance(draft.text) {
                    cx.note(draft.line, NoteKind::UnbalancedPatternBrackets);
                }
                match parse_pattern(draft.text, &synsets) {
                    Ok((before, after, verb_joined)) => patterns.push(VerbPattern {
                        before,
                        after,
                        verb_joined,
                        code: draft.code,
                        origin: cx.origin(draft.line),
                    }),
                    Err(PatternError::UndefinedSynset) => {
                        cx.note(draft.line, NoteKind::PatternWithUndefinedSynsetSkipped)
                    }
                    Err(PatternError::Malformed(message)) => return Err(cx.error(draft.line, message)),
                }
            }
            let mut groups = Vec::new();
            if !block.forms.is_empty() {
                groups.push((block.code, block.forms, block.line));
            }
            groups.extend(block.coded.into_iter().map(|c| (c.code, c.forms, c.line)));
            if groups.is_empty() {
                cx.note(block.line, NoteKind::BlockWithoutVerbs);
            }
            if groups.len().saturating_mul(patterns.len()) > MAX_PATTERN_COPIES {
                return Err(cx.error(block.line, "block too large: too many coded verbs times patterns"));
            }
            for (code, forms, line) in groups {
                verbs.push(VerbEntry {
                    block: block.name.clone(),
                    forms: dedup(forms),
                    code,
                    patterns: patterns.clone(),
                    origin: cx.origin(line),
                });
            }
        }
        Ok(Dictionaries { verbs, synsets, ..Dictionaries::default() })
    }
}

fn dedup(phrases: Vec<Phrase>) -> Vec<Phrase> {
    let mut seen = HashSet::with_capacity(phrases.len());
    phrases.into_iter().filter(|p| seen.insert(p.clone())).collect()
}

/// `&NAME` or `&NAME_`; the name is kept without `&` and the trailing `_`.
fn synset_name(text: &str) -> std::result::Result<(Box<str>, bool), String> {
    let text = text.trim();
    let name = text.trim_end_matches('_');
    if name.is_empty() || name.contains(char::is_whitespace) || name.contains('&') {
        return Err(format!("bad synset name `&{text}`"));
    }
    Ok((name.to_uppercase().into_boxed_str(), !text.ends_with('_')))
}

fn parse_member(text: &str) -> std::result::Result<Member, String> {
    let text = text.trim();
    if let Some(name) = text.strip_prefix('&') {
        return Ok(Member::Synset(synset_name(name)?.0));
    }
    let member_words = words(text);
    if member_words.is_empty() {
        return Err("empty synset member".to_string());
    }
    Ok(Member::Phrase { words: member_words, plural: !text.ends_with('_') })
}

fn with_plural(mut phrase_words: Vec<String>) -> [Phrase; 2] {
    let singular = exact(phrase_words.clone());
    if let Some(last) = phrase_words.last_mut() {
        *last = noun_plural(last);
    }
    [singular, exact(phrase_words)]
}

/// Flattens members that name other synsets, and adds plurals.
fn resolve_synsets(drafts: Vec<SynsetDraft>, cx: &Context) -> Result<BTreeMap<Box<str>, Vec<Phrase>>> {
    // A name defined twice gets the members of both definitions.
    let mut merged: BTreeMap<Box<str>, Vec<(Member, u32, bool)>> = BTreeMap::new();
    for draft in drafts {
        let entry = merged.entry(draft.name).or_default();
        entry.extend(draft.members.into_iter().map(|(m, line)| (m, line, draft.pluralise)));
    }
    let mut resolved: BTreeMap<Box<str>, Vec<Phrase>> = BTreeMap::new();
    for name in merged.keys() {
        let mut stack = Vec::new();
        resolve_one(name, &merged, &mut resolved, &mut stack, cx)?;
    }
    Ok(resolved)
}

/// Keeps the recursion shallow whatever the input; real files nest one level.
const MAX_SYNSET_NESTING: usize = 64;

/// Each verb line with its own code carries a copy of the block's patterns; this bounds the
/// copies a hostile file can ask for (CAMEO's largest block needs a few hundred).
const MAX_PATTERN_COPIES: usize = 1 << 20;

fn resolve_one(
    name: &str,
    merged: &BTreeMap<Box<str>, Vec<(Member, u32, bool)>>,
    resolved: &mut BTreeMap<Box<str>, Vec<Phrase>>,
    stack: &mut Vec<Box<str>>,
    cx: &Context,
) -> Result<()> {
    if resolved.contains_key(name) {
        return Ok(());
    }
    let Some(members) = merged.get(name) else {
        return Ok(());
    };
    stack.push(name.into());
    let mut phrases = Vec::new();
    for (member, line, pluralise) in members {
        match member {
            Member::Phrase { words, plural } => {
                if *plural && *pluralise {
                    phrases.extend(with_plural(words.clone()));
                } else {
                    phrases.push(exact(words.clone()));
                }
            }
            Member::Synset(inner) => {
                if stack.iter().any(|s| s == inner) {
                    return Err(cx.error(*line, format!("synset `&{inner}` contains itself")));
                }
                if !merged.contains_key(inner) {
                    return Err(cx.error(*line, format!("synset `&{inner}` is not defined")));
                }
                if stack.len() >= MAX_SYNSET_NESTING {
                    return Err(cx.error(*line, format!("synsets nested more than {MAX_SYNSET_NESTING} deep")));
                }
                resolve_one(inner, merged, resolved, stack, cx)?;
                phrases.extend(resolved.get(inner).into_iter().flatten().cloned());
            }
        }
    }
    stack.pop();
    resolved.insert(name.into(), dedup(phrases));
    Ok(())
}

struct Header {
    name: Box<str>,
    code: Option<EventCodeSpec>,
    extra_code: bool,
}

/// `--- NAME [code] ---`. The default code `[---]` means "no code without a pattern".
fn parse_header(text: &str) -> std::result::Result<Header, String> {
    let body = text.trim_start_matches('-');
    let open = body.find('[').ok_or("block header needs a `[code]`")?;
    let name = body[..open].trim();
    if name.is_empty() {
        return Err("block header needs a name".to_string());
    }
    let (code, mut rest) = bracketed(&body[open..])?;
    let code = match parse_event_code(code)? {
        EventCodeSpec::Null => None,
        code => Some(code),
    };
    let mut extra_code = false;
    while rest.trim_start().starts_with('[') {
        rest = bracketed(rest.trim_start())?.1;
        extra_code = true;
    }
    if !rest.trim().trim_matches('-').trim().is_empty() {
        return Err(format!("unexpected `{}` after the block code", rest.trim()));
    }
    Ok(Header { name: name.to_uppercase().into_boxed_str(), code, extra_code })
}

/// The inside of the `[...]` that `text` starts with, and what follows it.
fn bracketed(text: &str) -> std::result::Result<(&str, &str), String> {
    let close = text.find(']').ok_or("`[` without `]`")?;
    Ok((&text[1..close], &text[close + 1..]))
}

/// `042`, `---`, `042:043` (paired: the second code goes target → source), `:173`.
fn parse_event_code(inner: &str) -> std::result::Result<EventCodeSpec, String> {
    let code = inner.trim();
    if code.is_empty() {
        return Err("empty code `[]`".to_string());
    }
    if code.contains(char::is_whitespace) || code.contains('[') {
        return Err(format!("bad code `[{code}]`"));
    }
    if code == "---" {
        return Ok(EventCodeSpec::Null);
    }
    let (primary, paired) = match code.split_once(':') {
        None => (code, None),
        Some((primary, paired)) => {
            if paired.is_empty() || paired.contains(':') {
                return Err(format!("bad paired code `[{code}]`"));
            }
            (primary, Some(paired.into()))
        }
    };
    Ok(EventCodeSpec::Code { primary: primary.into(), paired })
}

fn split_pattern_code(text: &str) -> std::result::Result<(&str, EventCodeSpec), String> {
    let open = text.find('[').ok_or("pattern needs a `[code]`")?;
    let (code, rest) = bracketed(&text[open..])?;
    if !rest.trim().is_empty() {
        return Err(format!("unexpected `{}` after the pattern code", rest.trim()));
    }
    Ok((&text[..open], parse_event_code(code)?))
}

struct VerbLine {
    forms: Vec<Phrase>,
    /// `Some` when the line has its own `[code]`; `Some(None)` for `[---]`.
    code: Option<Option<EventCodeSpec>>,
}

/// `WORD`, `WORD {FORMS}`, `A_+B {A_+BS} [code]`; a `;` starts a TABARI-style comment.
fn parse_verb_line(text: &str) -> std::result::Result<VerbLine, String> {
    let head_end = text.find(['{', '[', ';']).unwrap_or(text.len());
    let (head, verb_at) = marked_words(&text[..head_end]);
    if head.is_empty() {
        return Err(format!("no verb in `{text}`"));
    }
    let mut irregular = None;
    let mut code = None;
    let mut rest = &text[head_end..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() || rest.starts_with(';') {
            break;
        } else if rest.starts_with('{') {
            let close = rest.find('}').ok_or("`{` without `}`")?;
            let inner = &rest[1..close];
            if irregular.is_some() || inner.contains('{') {
                return Err("more than one `{...}` list".to_string());
            }
            irregular = Some(inner);
            rest = &rest[close + 1..];
        } else if rest.starts_with('[') {
            if code.is_some() {
                return Err("more than one code on a verb line".to_string());
            }
            let (inner, after) = bracketed(rest)?;
            code = Some(match parse_event_code(inner)? {
                EventCodeSpec::Null => None,
                code => Some(code),
            });
            rest = after;
        } else {
            return Err(format!("unexpected `{rest}` after the verb"));
        }
    }
    let mut forms = vec![exact(head.clone())];
    match irregular {
        Some(list) => {
            for item in list.split(|c: char| c.is_whitespace() || c == ',') {
                let (form, _) = marked_words(item);
                if !form.is_empty() {
                    forms.push(exact(form));
                }
            }
        }
        None => {
            for inflected in verb_forms(&head[verb_at]) {
                let mut form = head.clone();
                form[verb_at] = inflected;
                forms.push(exact(form));
            }
        }
    }
    Ok(VerbLine { forms, code })
}

/// The words of a verb phrase and the index of the one that inflects: the word marked with `+`
/// (`KLM_NOP_+RST`), else the first.
fn marked_words(text: &str) -> (Vec<String>, usize) {
    let mut out = Vec::new();
    let mut marked = None;
    let mut mark_next = false;
    for token in text.split(|c: char| c.is_whitespace() || c == '_').filter(|t| !t.is_empty()) {
        let word = token.trim_start_matches('+');
        if word.is_empty() {
            mark_next = true;
            continue;
        }
        if (mark_next || word.len() != token.len()) && marked.is_none() {
            marked = Some(out.len());
        }
        mark_next = false;
        out.push(word.to_uppercase());
    }
    (out, marked.unwrap_or(0))
}

enum Element {
    Item(PatternItem),
    Verb,
}

/// Splits a pattern into the items before and after `*` and whether `*` is joined to the next.
type SplitPattern = (Vec<PatternItem>, Vec<PatternItem>, bool);

enum PatternError {
    /// PETRARCH skips such a pattern with a warning; CAMEO has two (`&WEATHER`).
    UndefinedSynset,
    Malformed(String),
}

fn parse_pattern(
    text: &str,
    synsets: &BTreeMap<Box<str>, Vec<Phrase>>,
) -> std::result::Result<SplitPattern, PatternError> {
    // Brackets only group; `*` is cut out of any word it touches, as PETRARCH splits patterns
    // at `*` (CAMEO has `- *SCEPTICAL`). Adjacency survives: `IN_*` becomes `IN_ * `.
    //
    // A parenthesised prepositional phrase with nothing but its preposition, `* (TO)`, stands for
    // "to" and the noun phrase after it, which PETRARCH's parse makes the target: it is read as
    // `* TO +`, so a raw-text coder does not take any "to" in the sentence for it.
    let mut flat = String::with_capacity(text.len() + 8);
    let mut group_start: Option<usize> = None;
    for c in text.chars() {
        match c {
            '(' => {
                flat.push(' ');
                group_start = Some(flat.len());
            }
            ')' => {
                if let Some(start) = group_start.take() {
                    let inner = flat[start..].trim();
                    let single_word = !inner.is_empty()
                        && !inner.contains(char::is_whitespace)
                        && inner.chars().all(|ch| ch.is_ascii_alphabetic());
                    if single_word {
                        flat.push_str(" +");
                    }
                }
                flat.push(' ');
            }
            '{' | '}' => flat.push(' '),
            '*' => flat.push_str(" * "),
            c => flat.push(c),
        }
    }
    // Each element with whether the next one must follow it directly.
    let mut elements: Vec<(Element, bool)> = Vec::new();
    for token in flat.split_whitespace() {
        let parts: Vec<&str> = token.split('_').collect();
        let mut i = 0;
        while i < parts.len() {
            let part = parts[i];
            let mut consumed = 1;
            let element = match part {
                "" => {
                    if i == 0 && parts.len() > 1 {
                        if let Some(last) = elements.last_mut() {
                            last.1 = true;
                        }
                    }
                    None
                }
                "*" => Some(Element::Verb),
                "$" => Some(Element::Item(PatternItem::Source)),
                "+" => Some(Element::Item(PatternItem::Target)),
                "%" => Some(Element::Item(PatternItem::Compound)),
                "^" => {
                    if let Some(last) = elements.last_mut() {
                        last.1 = false;
                    }
                    Some(Element::Item(PatternItem::SkipPhrase))
                }
                _ if part.starts_with('&') => {
                    let (name, used) = synset_reference(&parts[i..], synsets)?;
                    consumed = used;
                    Some(Element::Item(PatternItem::Synset { name, joined: false }))
                }
                _ => Some(Element::Item(PatternItem::Word {
                    word: Word::Exact(part.to_uppercase().into_boxed_str()),
                    joined: false,
                })),
            };
            i += consumed;
            if let Some(element) = element {
                elements.push((element, i < parts.len()));
            }
        }
    }
    let verbs = elements.iter().filter(|(e, _)| matches!(e, Element::Verb)).count();
    if verbs != 1 {
        return Err(PatternError::Malformed(format!("a pattern needs exactly one `*`, this one has {verbs}")));
    }
    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut verb_joined = false;
    let mut seen_verb = false;
    for (element, joined_next) in elements {
        match element {
            Element::Verb => {
                seen_verb = true;
                verb_joined = joined_next;
            }
            Element::Item(item) => {
                let item = set_joined(item, joined_next);
                if seen_verb {
                    after.push(item);
                } else {
                    before.push(item);
                }
            }
        }
    }
    if let Some(last) = after.pop() {
        after.push(set_joined(last, false));
    } else {
        verb_joined = false;
    }
    Ok((before, after, verb_joined))
}

fn set_joined(item: PatternItem, value: bool) -> PatternItem {
    match item {
        PatternItem::Word { word, .. } => PatternItem::Word { word, joined: value },
        PatternItem::Synset { name, .. } => PatternItem::Synset { name, joined: value },
        other => other,
    }
}

/// `&NAME` at the start of `parts` (a `_`-split token). Synset names may themselves contain `_`
/// (`&FIGHT_OF_WORDS`) while `_` also joins a synset to the next word (`&TIETYPES_RELATIONS`):
/// the longest defined name wins. Returns the name and how many parts it took.
fn synset_reference(
    parts: &[&str],
    synsets: &BTreeMap<Box<str>, Vec<Phrase>>,
) -> std::result::Result<(Box<str>, usize), PatternError> {
    let first = parts.first().map(|p| p.trim_start_matches('&')).unwrap_or_default();
    if first.is_empty() {
        return Err(PatternError::Malformed("`&` without a synset name".to_string()));
    }
    let usable = parts.iter().take_while(|p| !p.is_empty()).count().max(1);
    let mut candidate = first.to_uppercase();
    let mut longest = synsets.contains_key(candidate.as_str()).then_some(1);
    for (n, part) in parts.iter().enumerate().take(usable).skip(1) {
        candidate.push('_');
        candidate.push_str(&part.to_uppercase());
        if synsets.contains_key(candidate.as_str()) {
            longest = Some(n + 1);
        }
    }
    let used = longest.ok_or(PatternError::UndefinedSynset)?;
    let name = parts[..used].iter().map(|p| p.trim_start_matches('&').to_uppercase()).collect::<Vec<_>>().join("_");
    Ok((name.into_boxed_str(), used))
}

/// Whether `(...)` and `{...}` nest properly. Two CAMEO patterns have a stray `)`
/// (`(WITH VISIT)   VISIT)`); since brackets only group, they read the same either way.
fn brackets_balance(text: &str) -> bool {
    let mut open = Vec::new();
    for c in text.chars() {
        match c {
            '(' | '{' => open.push(c),
            ')' | '}' => {
                let expected = if c == ')' { '(' } else { '{' };
                if open.pop() != Some(expected) {
                    return false;
                }
            }
            _ => {}
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DictionaryError;

    fn read(text: &str) -> Dictionaries {
        let mut cx = Context::new("v.txt");
        parse(text, &mut cx).unwrap_or_else(|e| panic!("{e}"))
    }

    fn error(text: &str) -> (u32, String) {
        let mut cx = Context::new("v.txt");
        match parse(text, &mut cx) {
            Err(DictionaryError::Syntax { line, message, .. }) => (line, message),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    fn phrase(text: &str) -> Phrase {
        exact(words(text))
    }

    fn word(w: &str, joined: bool) -> PatternItem {
        PatternItem::Word { word: Word::Exact(w.into()), joined }
    }

    fn code(primary: &str, paired: Option<&str>) -> EventCodeSpec {
        EventCodeSpec::Code { primary: primary.into(), paired: paired.map(Into::into) }
    }

    #[test]
    fn block_with_regular_and_irregular_verbs() {
        let d = read("--- BREAK [1717] ---\nBREAK { BROKE BROKEN  }\nSMASH\n");
        assert_eq!(d.verbs.len(), 1);
        let verb = &d.verbs[0];
        assert_eq!(&*verb.block, "BREAK");
        assert_eq!(verb.code, Some(code("1717", None)));
        let forms: Vec<_> =
            verb.forms.iter().map(|p| p.0.iter().map(Word::text).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(forms, ["BREAK", "BROKE", "BROKEN", "SMASH", "SMASHES", "SMASHED", "SMASHING"]);
        assert_eq!(verb.origin.line, 1);
    }

    #[test]
    fn empty_braces_mean_no_other_forms() {
        let d = read("--- ANGER [---] ---\n+ANGERED_BY {}\n");
        assert_eq!(d.verbs[0].forms, [phrase("ANGERED BY")]);
        assert_eq!(d.verbs[0].code, None);
    }

    #[test]
    fn multi_word_verbs_inflect_the_marked_word() {
        let d = read("--- ABANDON [345] ---\nABANDON\n+ABC_DEF_GHI\nKLM_NOP_+RST [002]\nWIRE_+TAP {WIRE_+TAPPED , WIRE_+TAPPING}\nLASH OUT\n");
        assert_eq!(d.verbs.len(), 2);
        let block = &d.verbs[0];
        assert!(block.forms.contains(&phrase("ABCS DEF GHI")));
        assert!(block.forms.contains(&phrase("ABCING DEF GHI")));
        assert!(block.forms.contains(&phrase("WIRE TAPPED")));
        assert!(!block.forms.contains(&phrase("WIRE TAPS")));
        assert!(block.forms.contains(&phrase("LASHED OUT")));
        let own = &d.verbs[1];
        assert_eq!(own.code, Some(code("002", None)));
        assert_eq!(
            own.forms,
            [phrase("KLM NOP RST"), phrase("KLM NOP RSTS"), phrase("KLM NOP RSTED"), phrase("KLM NOP RSTING")]
        );
        assert_eq!(own.origin.line, 4);
    }

    #[test]
    fn coded_verbs_share_the_block_patterns() {
        let d = read("--- TARGET [190] ---\nAIM [030]\nTARGET\n- * &X [1832]\n&X\n+CAR\n");
        assert_eq!(d.verbs.len(), 2);
        assert_eq!(d.verbs[0].forms[0], phrase("TARGET"));
        assert_eq!(d.verbs[1].forms[0], phrase("AIM"));
        assert_eq!(d.verbs[1].code, Some(code("030", None)));
        assert_eq!(d.verbs[0].patterns, d.verbs[1].patterns);
        assert_eq!(d.verbs[0].patterns.len(), 1);
    }

    #[test]
    fn codes_null_paired_and_reverse_only() {
        let d = read("--- ADMIT [013:012] ---\nADMIT\n- * X [---]\n- * Y [:173]\n- * Z [080!]\n");
        let verb = &d.verbs[0];
        assert_eq!(verb.code, Some(code("013", Some("012"))));
        assert_eq!(verb.patterns[0].code, EventCodeSpec::Null);
        assert_eq!(verb.patterns[1].code, code("", Some("173")));
        assert_eq!(verb.patterns[2].code, code("080!", None));
    }

    #[test]
    fn pattern_items_and_adjacency() {
        let d = read(
            "&TIETYPES\n+MILITARY\n--- A [1] ---\nA\n- SO IN_AND_*_OUT_AGAIN NOW [074]\n- + KNOWN_ * IN_ $ [076]\n- * NEW_&TIETYPES_RELATIONS [903]\n- % * [030:030]\n- IN_ * [075A]\n- * OFF_ [195]\n- *SCEPTICAL [012]\n- SPY_*_DEAL [---]\n",
        );
        let p = &d.verbs[0].patterns;
        assert_eq!(p[0].before, [word("SO", false), word("IN", true), word("AND", true)]);
        assert_eq!(p[0].after, [word("OUT", true), word("AGAIN", false), word("NOW", false)]);
        assert!(p[0].verb_joined);
        assert_eq!(p[1].before, [PatternItem::Target, word("KNOWN", true)]);
        assert_eq!(p[1].after, [word("IN", true), PatternItem::Source]);
        assert!(!p[1].verb_joined);
        assert_eq!(
            p[2].after,
            [
                word("NEW", true),
                PatternItem::Synset { name: "TIETYPES".into(), joined: true },
                word("RELATIONS", false)
            ]
        );
        assert_eq!(p[3].before, [PatternItem::Compound]);
        assert_eq!(p[3].code, code("030", Some("030")));
        assert_eq!(p[4].before, [word("IN", true)]);
        assert_eq!(p[5].after, [word("OFF", false)]);
        assert_eq!(p[6].after, [word("SCEPTICAL", false)]);
        assert!(p[7].verb_joined);
        assert_eq!(p[7].before, [word("SPY", true)]);
    }

    #[test]
    fn phrase_brackets_flatten_and_caret_is_a_gap() {
        let d = read("&WEAPON\n+GUN\n--- A [1] ---\nA\n- * (TO {BANNED PARTIES}) $ [1722]\n- + WAS_ * TO_ ^ FROM $ [174]\n- * (OVER {&WEAPON ATTACK}) [151]\n");
        let p = &d.verbs[0].patterns;
        assert_eq!(p[0].after, [word("TO", false), word("BANNED", false), word("PARTIES", false), PatternItem::Source]);
        assert_eq!(p[1].before, [PatternItem::Target, word("WAS", true)]);
        assert_eq!(p[1].after, [word("TO", false), PatternItem::SkipPhrase, word("FROM", false), PatternItem::Source]);
        assert_eq!(p[2].after[1], PatternItem::Synset { name: "WEAPON".into(), joined: false });
    }

    #[test]
    fn synsets_plurals_nesting_and_underscored_names() {
        let d = read(
            "&AUX_\n+WAS\n+IS_TO\n&CURRENCY\n+DOLLAR\n+CASH_\n+YUM YENNYEN\n&FIGHT\n+WAR\n&FIGHT_OF_WORDS\n+DEBATE\n&ALL\n+&CURRENCY\n+CLOSER\n--- A [1] ---\nA\n- * (IN &FIGHT_OF_WORDS) [111]\n- * &FIGHT_CRIM [1124]\n- * &ALL [2]\n",
        );
        assert_eq!(d.synsets["AUX"], [phrase("WAS"), phrase("IS TO")]);
        assert_eq!(
            d.synsets["CURRENCY"],
            [phrase("DOLLAR"), phrase("DOLLARS"), phrase("CASH"), phrase("YUM YENNYEN"), phrase("YUM YENNYENS")]
        );
        assert_eq!(d.synsets["ALL"].len(), 7);
        let p = &d.verbs[0].patterns;
        assert_eq!(p[0].after[1], PatternItem::Synset { name: "FIGHT_OF_WORDS".into(), joined: false });
        assert_eq!(p[1].after, [PatternItem::Synset { name: "FIGHT".into(), joined: true }, word("CRIM", false)]);
    }

    #[test]
    fn header_variants() {
        let d = read("--- DELAY  [120]  [031:031]  ---\nDELAY\n--- TROUBLED [---] # NOUN ---\nTROUBLED\n---  DISGRACE   [110]---  ---\nDISGRACE\n");
        assert_eq!(d.verbs.len(), 3);
        assert_eq!(d.verbs[0].code, Some(code("120", None)));
        assert_eq!(d.verbs[1].code, None);
        assert_eq!(&*d.verbs[2].block, "DISGRACE");
        let mut cx = Context::new("v.txt");
        parse("--- DELAY  [120]  [031:031]  ---\nDELAY\n", &mut cx).unwrap();
        assert_eq!(cx.report.count(NoteKind::ExtraHeaderCodeIgnored), 1);
    }

    #[test]
    fn transformations_and_tabari_comments() {
        let mut cx = Context::new("v.txt");
        let d = parse(
            "--- SCRAP [1] ---\nSCRAP {SCRAPS SCRAPPED };shan   8/30/93\n~ a (a b ATTACK) SAY = a b 015\n",
            &mut cx,
        )
        .unwrap();
        assert_eq!(d.verbs[0].forms.len(), 3);
        assert_eq!(cx.report.count(NoteKind::TransformationSkipped), 1);
        assert_eq!(cx.report.skipped_lines(), 1);
    }

    #[test]
    fn malformed_lines_name_their_line() {
        assert_eq!(error("A\n").0, 1);
        assert_eq!(error("--- A [1] ---\nA\n- * B\n").0, 3);
        assert_eq!(error("--- A [1] ---\nA\n- B [1]\n").0, 3);
        assert_eq!(error("--- A [1] ---\nA\n- * * [1]\n").0, 3);
        assert_eq!(error("--- A [1] ---\nA\n- * & [1]\n").0, 3);
        assert_eq!(error("--- A [] ---\n").0, 1);
        assert_eq!(error("--- A ---\n").0, 1);
        assert_eq!(error("--- [1] ---\n").0, 1);
        assert_eq!(error("--- A [1] ---\nA {B\n").0, 2);
        assert_eq!(error("--- A [1] ---\nA [1] [2]\n").0, 2);
        assert_eq!(error("--- A [1] ---\nA {B} junk\n").0, 2);
        assert_eq!(error("--- A [1:] ---\n").0, 1);
        assert_eq!(error("&S\n+&T\n").0, 2);
        assert_eq!(error("&S\n+&S\n").0, 2);
        assert_eq!(error("&\n").0, 1);
        assert_eq!(error("+X\n").0, 1);
        assert_eq!(error("- * [1]\n").0, 1);
    }

    #[test]
    fn unbalanced_pattern_brackets_are_read_and_noted() {
        let mut cx = Context::new("v.txt");
        let d = parse("--- A [1] ---\nA\n- * VENTURE (WITH VISIT)   VISIT)[042:043]\n- * (B [1]\n", &mut cx).unwrap();
        assert_eq!(
            d.verbs[0].patterns[0].after,
            [word("VENTURE", false), word("WITH", false), word("VISIT", false), word("VISIT", false)]
        );
        assert_eq!(cx.report.count(NoteKind::UnbalancedPatternBrackets), 2);
    }

    #[test]
    fn pattern_with_undefined_synset_is_skipped_and_noted() {
        let mut cx = Context::new("v.txt");
        let d = parse("--- A [1] ---\nA\n- * (IN &WEATHER) [---]\n- * B [2]\n", &mut cx).unwrap();
        assert_eq!(d.verbs[0].patterns.len(), 1);
        assert_eq!(cx.report.count(NoteKind::PatternWithUndefinedSynsetSkipped), 1);
        assert_eq!(cx.report.notes[0].origin.line, 3);
    }

    #[test]
    fn block_without_verbs_is_noted() {
        let mut cx = Context::new("v.txt");
        let d = parse("--- A [1] ---\n- * B [2]\n", &mut cx).unwrap();
        assert!(d.verbs.is_empty());
        assert_eq!(cx.report.count(NoteKind::BlockWithoutVerbs), 1);
    }
}

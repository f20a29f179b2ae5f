//! The event assembler: for each verb in a sentence, the pattern that fits, the source and target
//! actors around it, and the events they make.

use chrono::NaiveDate;
use std::ops::Range;
use tripwire_dictionaries::{EventCodeSpec, PatternItem, VerbEntry, VerbPattern, Word};

use crate::actors::{find_mentions, is_boundary, Mention};
use crate::lexicon::{Entry, Hit, Lexicon, Scratch};
use crate::text::Token;

/// An event found in one sentence, in token positions; the caller turns it into an [`crate::Event`].
#[derive(Clone, Debug, PartialEq)]
pub struct SentenceEvent {
    pub source: Option<Mention>,
    pub target: Option<Mention>,
    pub code: String,
    pub verb: Range<usize>,
    /// Every token the event rests on: source, verb, pattern words, target.
    pub cover: Range<usize>,
    pub verb_entry: String,
    pub pattern: Option<String>,
    pub rules: Vec<&'static str>,
}

/// What a sentence yields: its events, or the reason it was not coded.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SentenceResult {
    pub events: Vec<SentenceEvent>,
    pub mentions: Vec<Mention>,
    pub issues: Vec<String>,
    pub discard: Option<Discarded>,
    /// Where a closing attribution starts (", officials said on Monday"), when the sentence has one.
    pub attribution: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Discarded {
    Sentence,
    Story,
}

const BE_FORMS: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "'S", "GET", "GOT", "GETS"];
const NEGATIONS: &[&str] = &["NOT", "N'T", "NEVER", "NO"];
const DETERMINERS: &[&str] = &[
    "A", "AN", "THE", "THIS", "THAT", "THESE", "THOSE", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR", "'S", "ANY",
    "EACH", "EVERY", "SUCH", "NO",
];
const LOCATIVES: &[&str] = &["IN", "AT", "NEAR", "OUTSIDE", "INSIDE", "ACROSS", "ALONG", "AROUND"];
/// Words that open a new clause: the subject of a verb after them is inside the clause.
const CLAUSE_OPENERS: &[&str] = &[
    "THAT", "WHICH", "WHO", "WHOM", "WHILE", "WHEREAS", "BECAUSE", "ALTHOUGH", "AFTER", "BEFORE", "WHEN", "SINCE",
    "IF", "UNLESS", "AS",
];
/// How far (in tokens) a pattern word may sit from the previous one.
const MAX_PATTERN_GAP: usize = 8;

/// Syntax from a parser, when the input has one (PETRARCH records carry a Penn Treebank parse):
/// part-of-speech tags per token and the clauses (subject and predicate token ranges). With it,
/// verbs are only words tagged as verbs, the subject is the clause's subject noun phrase and the
/// object lies inside the verb phrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Syntax {
    pub pos: Vec<String>,
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub subject: Option<Range<usize>>,
    pub predicate: Range<usize>,
}

impl Syntax {
    /// The innermost clause whose predicate holds `token` and that has a subject.
    fn clause_of(&self, token: usize) -> Option<&Clause> {
        self.clauses
            .iter()
            .filter(|c| c.predicate.contains(&token) && c.subject.is_some())
            .min_by_key(|c| c.predicate.len())
    }

    /// The smallest clause with a subject whose predicate strictly contains `inner`'s.
    fn enclosing_clause(&self, inner: &Clause) -> Option<&Clause> {
        let span = inner.subject.as_ref().map_or(inner.predicate.start, |s| s.start)..inner.predicate.end;
        self.clauses
            .iter()
            .filter(|c| {
                c.subject.is_some()
                    && c.predicate.start <= span.start
                    && span.end <= c.predicate.end
                    && c.predicate != inner.predicate
            })
            .min_by_key(|c| c.predicate.len())
    }

    /// The clause part a mention belongs to: the subject noun phrase holding it, or else the verb
    /// phrase of the verb at `verb`.
    fn constituent_of(&self, mention: &Mention, verb: usize) -> Option<Range<usize>> {
        let start = mention.tokens.start;
        self.clauses
            .iter()
            .filter_map(|c| c.subject.clone())
            .filter(|np| np.contains(&start))
            .min_by_key(|np| np.len())
            .or_else(|| self.predicate_of(verb).cloned())
    }

    /// The innermost verb phrase (predicate) holding `token`, subject or not.
    fn predicate_of(&self, token: usize) -> Option<&Range<usize>> {
        self.clauses.iter().filter(|c| c.predicate.contains(&token)).map(|c| &c.predicate).min_by_key(|p| p.len())
    }

    fn is_verb(&self, token: usize) -> bool {
        self.pos.get(token).is_some_and(|p| p.starts_with("VB"))
    }
}

/// Reusable per-thread buffers.
#[derive(Default, Debug)]
pub struct Workspace {
    scratch: Scratch,
    hits: Vec<Hit>,
    pattern_words: Vec<u32>,
}

impl Lexicon {
    /// Codes one tokenized sentence on `date`.
    pub fn code_sentence(&self, tokens: &[Token], date: NaiveDate, ws: &mut Workspace) -> SentenceResult {
        self.code_sentence_with_syntax(tokens, None, date, ws)
    }

    /// As [`Lexicon::code_sentence`], guided by a parse when there is one.
    pub fn code_sentence_with_syntax(
        &self,
        tokens: &[Token],
        syntax: Option<&Syntax>,
        date: NaiveDate,
        ws: &mut Workspace,
    ) -> SentenceResult {
        let mut result = SentenceResult::default();
        self.find(tokens, &mut ws.scratch, &mut ws.hits);
        self.pattern_words_in(tokens, &mut ws.pattern_words);
        let present = &ws.pattern_words;
        let hits = &ws.hits;
        let dictionaries = &self.dictionaries;
        for hit in hits {
            match hit.entry {
                Entry::Discard(i) => {
                    let story = dictionaries.discards[i as usize].story;
                    result.discard = Some(if story { Discarded::Story } else { Discarded::Sentence });
                    if story {
                        return result;
                    }
                }
                Entry::Issue(i) => {
                    let code = dictionaries.issues[i as usize].code.to_string();
                    if !result.issues.contains(&code) {
                        result.issues.push(code);
                    }
                }
                _ => {}
            }
        }
        if result.discard.is_some() {
            return result;
        }
        let mut mentions = find_mentions(tokens, hits, dictionaries, date);
        let attribution = attribution_start(tokens);
        result.attribution = attribution;
        for mention in mentions.iter_mut().filter(|m| m.is_place) {
            let earlier = mention.code.get(..3).and_then(|country| crate::actors::country_on(country, date));
            if let Some(earlier) = earlier {
                mention.code = compact_str::format_compact!("{earlier}{}", &mention.code[3..]);
            }
        }
        merge_nationality_with_people(tokens, &mut mentions);
        resolve_possessives(tokens, &mut mentions);
        resolve_named_officials(tokens, &mut mentions);
        resolve_ethnic_groups(tokens, &mut mentions);
        let mut verbs = choose_verbs(tokens, hits, &mentions, syntax.is_some());
        if let Some(syntax) = syntax {
            verbs.retain(|(span, _)| span.clone().any(|t| syntax.is_verb(t)));
        }
        let norm = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());

        let mut coded_verbs: Vec<usize> = Vec::new();
        // Words a pattern used, per verb: another verb among them is part of that pattern
        // ("indicated it should have acted" is one event, coded by ACT's pattern).
        let mut pattern_covers: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
        let mut last_source: Option<Mention> = None;
        for (verb_index, (span, entry_index)) in verbs.iter().enumerate() {
            let (span, entry_index) = (span.clone(), *entry_index);
            let entry = &dictionaries.verbs[entry_index as usize];
            // An infinitive complement of a verb already coded ("urged Eriador to respond") is
            // part of that event, not a second one.
            if span.start > 0 && norm(span.start - 1) == "TO" {
                if let Some(&prev) = coded_verbs.last() {
                    let prev_span = &verbs[prev].0;
                    if same_clause(tokens, prev_span.end, span.start) {
                        continue;
                    }
                }
            }
            // Verbs before a closing attribution look for their actors before it.
            let pool: &[Mention] = match attribution {
                Some(comma) if span.end <= comma => &mentions[..mentions.partition_point(|m| m.tokens.start < comma)],
                _ => &mentions,
            };
            let Some(coded) = self.code_verb(tokens, pool, span.clone(), entry_index as usize, present, syntax) else {
                continue;
            };
            let (code_spec, pattern, pattern_cover, slots) = coded;
            if pattern.is_some() {
                pattern_covers.push((span.clone(), slots.literals.clone()));
            }
            let EventCodeSpec::Code { primary, paired } = code_spec else {
                coded_verbs.push(verb_index);
                continue;
            };
            // "will sign", "is ready to send troops", "China must drop barriers": unless the pattern
            // itself spells the modal ("would_*"), the mood is read here.
            let modality = if self.read_modality && !pattern.is_some_and(pattern_mentions_modal) {
                match modality_before(tokens, span.start) {
                    // "announced that he will extend the curfew": a pattern that reaches into a
                    // complement clause takes that clause's mood.
                    Modality::Factual if pattern.is_some() => slots
                        .literals
                        .iter()
                        .filter(|word| word.start > span.end)
                        .map(|word| word.start)
                        .min()
                        .map_or(Modality::Factual, |at| complement_modality(tokens, span.end, at)),
                    modality => modality,
                }
            } else {
                Modality::Factual
            };
            let (primary, paired): (&str, Option<&str>) = match modality {
                Modality::Factual => (primary, paired.as_deref()),
                Modality::Intent => match intent_code(primary) {
                    Some(code) => (code, paired.as_deref().filter(|p| *p == &**primary).map(|_| code)),
                    None => (primary, paired.as_deref()),
                },
                Modality::Obligation => {
                    // The demand is the speaker's, made of the one who must act.
                    if let Some((speaker, addressee)) = demand_parties(tokens, &mentions, span.start) {
                        let code = demand_code(primary);
                        coded_verbs.push(verb_index);
                        // "US and British forces must …": the demand is made of each of them.
                        for member in group_of(&mentions, addressee) {
                            let cover = speaker.tokens.start.min(span.start)..span.end.max(member.tokens.end);
                            result.events.push(SentenceEvent {
                                source: Some(speaker.clone()),
                                target: Some(member),
                                code: code.to_string(),
                                verb: span.clone(),
                                cover,
                                verb_entry: entry.origin.to_string(),
                                pattern: None,
                                rules: vec!["obligation"],
                            });
                        }
                    }
                    continue;
                }
            };
            // "did not attack": not the event. A pattern that spells out its own negation
            // ("* not_to +", `&NEGATION *`) has already decided what the negated verb means.
            let negated = is_negated(tokens, span.start) && !pattern.is_some_and(pattern_mentions_negation);
            // "will not accept refugees": a refused cooperation is a rejection; other negated acts
            // are no event at all.
            let refusal = if negated && modality == Modality::Intent { reject_code(primary) } else { None };
            let (primary, paired) = match refusal {
                Some(code) => (code, None),
                None => (primary, paired),
            };
            if negated && refusal.is_none() {
                coded_verbs.push(verb_index);
                continue;
            }
            let mut rules: Vec<&'static str> = Vec::new();
            // A pattern that places the actors itself ("+ * FROM $") has already read the voice.
            let passive = slots.source.is_none() && slots.target.is_none() && is_passive(tokens, span.clone());
            let after_start = pattern_cover.end.max(span.end);
            let (sources, targets) = if passive {
                rules.push("passive");
                let by_agent = find_by_agent(tokens, &mentions, span.end);
                let passive_target = slots.source.as_ref().or_else(|| subject(tokens, &mentions, span.start, syntax));
                (
                    by_agent.map(|m| group_of(pool, m)).unwrap_or_default(),
                    passive_target.map(|m| group_of(pool, m)).unwrap_or_default(),
                )
            } else {
                // "Pakistan accused India … and summoned the envoy": a verb coordinated with an
                // earlier one shares its subject.
                // "…struck Kharkiv, killing seven people": a participle clause after a comma is
                // the main clause's subject at work too.
                let participle = span.start > 0
                    && tokens[span.start - 1].norm == ","
                    && tokens[span.start].norm.ends_with("ING")
                    && !matches!(tokens[span.start].norm.as_str(), "ACCORDING" | "INCLUDING" | "FOLLOWING" | "DURING");
                let coordinated = syntax.is_none() && (participle || coordinated_with_previous(tokens, span.start));
                let shared = coordinated.then(|| last_source.clone()).flatten();
                let mut source = slots
                    .source
                    .as_ref()
                    .or(shared.as_ref())
                    .or_else(|| subject(tokens, &mentions, span.start, syntax))
                    .or_else(|| {
                        syntax.is_none().then(|| fronted_participle_subject(tokens, &mentions, span.start)).flatten()
                    });
                // "noted that Cirith Ungol regretted": when the pattern puts the target where the
                // subject would be, the source is the subject before it.
                if let (Some(target), Some(found)) = (slots.target.as_ref(), source) {
                    if slots.source.is_none() && found.tokens == target.tokens {
                        source = subject(tokens, &mentions, target.tokens.start, syntax)
                            .or_else(|| subject_of(tokens, &mentions, target.tokens.start))
                            .filter(|m| m.tokens != target.tokens);
                    }
                }
                // "will withdraw its peacekeepers from Chad": a withdrawal is from somewhere.
                let withdrawal = ["166", "136", "0874", "0356"].iter().any(|c| primary.starts_with(c));
                let target = slots
                    .target
                    .as_ref()
                    .or_else(|| withdrawal.then(|| withdrawn_from(tokens, pool, after_start)).flatten())
                    .or_else(|| {
                        let first = object(tokens, pool, after_start, span.end, syntax)?;
                        Some(prefer_named_object(tokens, pool, first, source))
                    });
                let within = |m: &Mention, verb_side: usize| syntax.and_then(|s| s.constituent_of(m, verb_side));
                (
                    source.map(|m| group_within(pool, m, within(m, span.start))).unwrap_or_default(),
                    target.map(|m| group_within(pool, m, within(m, span.start))).unwrap_or_default(),
                )
            };
            // "threatened to halt talks if the United States goes ahead": a threat is aimed at the
            // one its condition names.
            let targets = if targets.is_empty() && primary.starts_with("13") {
                conditional_party(tokens, pool, span.end).map(|m| group_of(pool, m)).unwrap_or_default()
            } else {
                targets
            };
            if sources.is_empty() && targets.is_empty() {
                continue;
            }
            // The grammatical subject is shared by a coordinated verb: the actor, or in the
            // passive the one acted on ("was indicted … and will resign").
            last_source = if passive { targets.first().cloned() } else { sources.first().cloned() };
            coded_verbs.push(verb_index);
            let pattern_name = pattern.map(|p| p.origin.to_string());
            let mut push =
                |source: Option<&Mention>, target: Option<&Mention>, code: &str, extra: Option<&'static str>| {
                    // An event needs a source, and at least one side that is more than a bare role.
                    // Force against a named target by someone the text does not name ("a roadside
                    // bomb killed a U.S. soldier") is kept for the caller to place or drop.
                    let Some(source_mention) = source else {
                        let force = code.get(..2).is_some_and(|root| root >= "14");
                        if force && !self.require_dyad {
                            if let Some(t) = target.filter(|t| !t.code.starts_with(crate::actors::NO_COUNTRY)) {
                                result.events.push(SentenceEvent {
                                    source: None,
                                    target: Some(t.clone()),
                                    code: code.to_string(),
                                    verb: span.clone(),
                                    cover: span.start.min(t.tokens.start)..span.end.max(t.tokens.end),
                                    verb_entry: entry.origin.to_string(),
                                    pattern: pattern_name.clone(),
                                    rules: vec!["unnamed source"],
                                });
                            }
                        }
                        return;
                    };
                    // "Georgian police arrested demonstrators": a bare role acted on by a country's
                    // actor is that country's own.
                    let domestic;
                    // Only for concessions and conflictual acts: in "contribute troops" or "aid to
                    // refugees" the bare role is what is given or whom it helps, not the giver's own
                    // people.
                    let conflictual = code.get(..2).is_some_and(|root| root >= "08");
                    let mut made_domestic = false;
                    let target = match (target, country_of_mention(source_mention)) {
                        (Some(t), Some(country))
                            if conflictual
                                && t.code.starts_with(crate::actors::NO_COUNTRY)
                                && source_mention.code.get(3..) != t.code.get(crate::actors::NO_COUNTRY.len()..) =>
                        {
                            let role = &t.code[crate::actors::NO_COUNTRY.len()..];
                            domestic = Mention { code: compact_str::format_compact!("{country}{role}"), ..t.clone() };
                            made_domestic = true;
                            Some(&domestic)
                        }
                        (t, _) => t,
                    };
                    let anonymous =
                        |m: Option<&Mention>| m.is_none_or(|m| m.code.starts_with(crate::actors::NO_COUNTRY));
                    // "Police fired tear gas at the crowd": only the place can say whose; the
                    // caller drops the event when no place is known.
                    let unplaced = anonymous(Some(source_mention)) && anonymous(target);
                    if unplaced && (self.require_dyad || target.is_none()) {
                        return;
                    }
                    if self.require_dyad && target.is_none() {
                        return;
                    }
                    let mut cover = span.start.min(pattern_cover.start)..span.end.max(pattern_cover.end);
                    for m in [source, target].into_iter().flatten() {
                        cover.start = cover.start.min(m.tokens.start);
                        cover.end = cover.end.max(m.tokens.end);
                    }
                    let mut rules = rules.clone();
                    rules.extend(extra);
                    if made_domestic {
                        rules.push("domestic target");
                    }
                    if unplaced {
                        rules.push(NEEDS_PLACE);
                    }
                    result.events.push(SentenceEvent {
                        source: source.cloned(),
                        target: target.cloned(),
                        code: code.to_string(),
                        verb: span.clone(),
                        cover,
                        verb_entry: entry.origin.to_string(),
                        pattern: pattern_name.clone(),
                        rules,
                    });
                };
            // "Gondor and Osgiliath renewed ties": with a symmetric code (`[064:064]`) or a `%`
            // compound slot, each member acts on each other member. Other verbs ("A and B said")
            // are each member's own act.
            let symmetric = slots.compound || paired.is_some_and(|p| p == primary);
            if targets.is_empty() && sources.len() > 1 && symmetric {
                for a in &sources {
                    for b in &sources {
                        if a.code != b.code && !primary.is_empty() {
                            push(Some(a), Some(b), primary, Some("compound"));
                        }
                    }
                }
                continue;
            }
            let source_list: Vec<Option<&Mention>> =
                if sources.is_empty() { vec![None] } else { sources.iter().map(Some).collect() };
            let target_list: Vec<Option<&Mention>> =
                if targets.is_empty() { vec![None] } else { targets.iter().map(Some).collect() };
            for source in &source_list {
                for target in &target_list {
                    if let (Some(s), Some(t)) = (source, target) {
                        // The same words cannot act on themselves; two people with the same
                        // code can ("Aoun met Hariri": both LBNGOV).
                        if s.tokens == t.tokens {
                            continue;
                        }
                        // "Iraqi Kurds demonstrated … for independence from Iraq": a country does
                        // not act on itself; the act stands without that target.
                        if s.code == t.code && s.code.len() <= 3 {
                            if target_list.len() == 1 && !primary.is_empty() {
                                push(*source, None, primary, None);
                            }
                            continue;
                        }
                    }
                    // `[:173]` codes only the reverse event.
                    if !primary.is_empty() {
                        push(*source, *target, primary, None);
                    }
                    // "Rebels would meet the mediator": an intention is the speaker's alone.
                    if let Some(paired) = paired.filter(|_| modality != Modality::Intent) {
                        push(*target, *source, paired, Some("paired"));
                    }
                }
            }
        }
        // "… said Y must …" with a verb the dictionaries do not code is still a demand made of Y.
        if self.read_modality {
            for (at, token) in tokens.iter().enumerate() {
                if !matches!(token.norm.as_str(), "MUST" | "SHOULD") {
                    continue;
                }
                let already = result
                    .events
                    .iter()
                    .any(|e| e.rules.contains(&"obligation") && e.verb.start > at && e.verb.start <= at + 4);
                if already {
                    continue;
                }
                if let Some((speaker, addressee)) = demand_parties(tokens, &mentions, at) {
                    for member in group_of(&mentions, addressee) {
                        let cover = speaker.tokens.start..(at + 1).max(member.tokens.end);
                        result.events.push(SentenceEvent {
                            source: Some(speaker.clone()),
                            target: Some(member),
                            code: "100".to_string(),
                            verb: at..at + 1,
                            cover,
                            verb_entry: String::new(),
                            pattern: None,
                            rules: vec!["obligation"],
                        });
                    }
                }
            }
        }
        result.events.retain(|event| {
            !pattern_covers.iter().any(|(verb, literals)| {
                *verb != event.verb
                    && literals.iter().any(|word| word.start <= event.verb.start && event.verb.end <= word.end)
            })
        });
        // One event is coded once, however many rules reach it.
        if result.events.len() > 1 {
            let mut seen = rustc_hash::FxHashSet::default();
            result.events.retain(|e| {
                let code = |m: &Option<Mention>| m.as_ref().map(|m| m.code.clone());
                seen.insert((code(&e.source), code(&e.target), e.code.clone(), e.verb.start))
            });
        }
        // A plain statement ("X said …", CAMEO 01) only stands when the sentence says nothing more
        // specific: otherwise the reported event is the news and the statement is its frame.
        let specific = result.events.iter().any(|e| !e.code.starts_with("01"));
        if specific {
            result.events.retain(|e| !e.code.starts_with("01"));
        }
        result.mentions = mentions;
        result
    }

    /// The code a verb occurrence takes: the most specific matching pattern, else the verb's own
    /// code. Returns the pattern used, the tokens its words covered, and any actor slots it filled.
    fn code_verb<'a>(
        &'a self,
        tokens: &[Token],
        mentions: &[Mention],
        verb: Range<usize>,
        entry_index: usize,
        present: &[u32],
        syntax: Option<&Syntax>,
    ) -> Option<(&'a EventCodeSpec, Option<&'a VerbPattern>, Range<usize>, Slots)> {
        let entry: &VerbEntry = &self.dictionaries.verbs[entry_index];
        let mut best: Option<(usize, &VerbPattern, Range<usize>, Slots)> = None;
        for (pattern_index, pattern) in entry.patterns.iter().enumerate() {
            if !self.pattern_possible(entry_index, pattern_index, present) {
                continue;
            }
            // TABARI's "+++" (complex) and "###" markers are notes to a human coder, not codes.
            if let EventCodeSpec::Code { primary, .. } = &pattern.code {
                if !primary.is_empty() && !primary.chars().any(|c| c.is_ascii_alphanumeric()) {
                    continue;
                }
            }
            if let Some((cover, slots)) = self.match_pattern(tokens, mentions, verb.clone(), pattern, syntax) {
                let weight = pattern_weight(pattern);
                if best.as_ref().is_none_or(|(w, ..)| weight > *w) {
                    best = Some((weight, pattern, cover, slots));
                }
            }
        }
        match best {
            Some((_, pattern, cover, slots)) => Some((&pattern.code, Some(pattern), cover, slots)),
            None => entry.code.as_ref().map(|code| (code, None, verb.clone(), Slots::default())),
        }
    }

    fn match_pattern(
        &self,
        tokens: &[Token],
        mentions: &[Mention],
        verb: Range<usize>,
        pattern: &VerbPattern,
        syntax: Option<&Syntax>,
    ) -> Option<(Range<usize>, Slots)> {
        let mut slots = Slots::default();
        let mut cover = verb.clone();
        // After the verb, left to right.
        let mut position = verb.end;
        let mut adjacent = pattern.verb_joined;
        for item in &pattern.after {
            let (found, joined) =
                self.match_item(tokens, mentions, item, position, adjacent, Direction::Forward, &mut slots, None)?;
            if item_is_literal(item) {
                slots.literals.push(found.clone());
            }
            cover.end = cover.end.max(found.end);
            position = found.end;
            adjacent = joined;
        }
        // Before the verb, right to left.
        let mut position = verb.start;
        let mut adjacent_to_next = false;
        for item in pattern.before.iter().rev() {
            let joined = item_joined(item);
            let found = self
                .match_item(
                    tokens,
                    mentions,
                    item,
                    position,
                    joined || adjacent_to_next,
                    Direction::Backward,
                    &mut slots,
                    syntax.and_then(|s| s.clause_of(verb.start)).and_then(|c| c.subject.clone()),
                )?
                .0;
            if item_is_literal(item) {
                slots.literals.push(found.clone());
            }
            cover.start = cover.start.min(found.start);
            position = found.start;
            adjacent_to_next = false;
        }
        Some((cover, slots))
    }

    /// Finds `item` starting at `from` (forward) or ending at `from` (backward). `adjacent` forbids
    /// any gap. Returns the tokens it took and whether the next item must be adjacent.
    #[allow(clippy::too_many_arguments)]
    fn match_item(
        &self,
        tokens: &[Token],
        mentions: &[Mention],
        item: &PatternItem,
        from: usize,
        adjacent: bool,
        direction: Direction,
        slots: &mut Slots,
        subject_phrase: Option<Range<usize>>,
    ) -> Option<(Range<usize>, bool)> {
        let max_gap = if adjacent { 0 } else { MAX_PATTERN_GAP };
        match item {
            PatternItem::Word { word, joined } => {
                let found = scan(tokens, from, max_gap, direction, |i| {
                    word_matches(word, &tokens[i].norm).then_some(i..i + 1)
                })?;
                Some((found, *joined))
            }
            PatternItem::Synset { name, joined } => {
                let members = self.synsets.get(name)?;
                let found = scan(tokens, from, max_gap, direction, |i| match direction {
                    Direction::Forward => members
                        .candidates(&tokens[i].norm)
                        .find_map(|words| phrase_at(tokens, i, words).map(|len| i..i + len)),
                    // Backward, a member ends at `i`: try each length that could start there.
                    Direction::Backward => (0..=i.min(8)).find_map(|back| {
                        let start = i - back;
                        members
                            .candidates(&tokens[start].norm)
                            .filter(|words| words.len() == back + 1)
                            .find_map(|words| phrase_at(tokens, start, words).map(|len| start..start + len))
                    }),
                })?;
                Some((found, *joined))
            }
            PatternItem::SkipPhrase => {
                let skipped = match direction {
                    Direction::Forward => {
                        mentions.iter().find(|m| m.tokens.start >= from && m.tokens.start - from <= max_gap.max(3))
                    }
                    Direction::Backward => {
                        mentions.iter().rev().find(|m| m.tokens.end <= from && from - m.tokens.end <= max_gap.max(3))
                    }
                }?;
                Some((skipped.tokens.clone(), false))
            }
            PatternItem::Source | PatternItem::Target | PatternItem::Compound => {
                // An actor slot takes the nearest mention in that direction, within the gap.
                let mut mention = match direction {
                    Direction::Forward => mentions.iter().find(|m| {
                        m.tokens.start >= from && m.tokens.start - from <= max_gap.max(3) && !absolute_with(tokens, m)
                    }),
                    Direction::Backward => {
                        mentions.iter().rev().find(|m| m.tokens.end <= from && from - m.tokens.end <= max_gap.max(3))
                    }
                }?;
                // With a parse, an actor slot before the verb inside the subject noun phrase is
                // that phrase's head actor, not whatever its modifiers name last.
                if let Some(np) = subject_phrase.filter(|np| np.contains(&mention.tokens.start)) {
                    if let Some(head) = mentions.iter().find(|m| np.contains(&m.tokens.start)) {
                        mention = head;
                    }
                }
                match item {
                    PatternItem::Source => slots.source = Some(mention.clone()),
                    PatternItem::Target => slots.target = Some(mention.clone()),
                    _ => slots.compound = true,
                }
                Some((mention.tokens.clone(), false))
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

/// Actor slots a pattern filled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slots {
    source: Option<Mention>,
    target: Option<Mention>,
    compound: bool,
    /// Tokens the pattern's literal words and synsets took.
    literals: Vec<Range<usize>>,
}

fn pattern_mentions_modal(pattern: &VerbPattern) -> bool {
    pattern.before.iter().chain(&pattern.after).any(|item| match item {
        PatternItem::Word { word, .. } => matches!(word.text(), "WILL" | "WOULD" | "'LL" | "SHALL" | "MUST" | "SHOULD"),
        _ => false,
    })
}

/// The CAMEO rejection code for a cooperation announced as refused ("will not accept refugees"),
/// from the intention it negates.
fn reject_code(intent: &str) -> Option<&'static str> {
    Some(match intent.get(..3)? {
        "036" => "125",
        "031" => "121",
        "033" => "122",
        "035" => "124",
        "038" => "126",
        c if c.starts_with("03") => "120",
        _ => return None,
    })
}

fn pattern_mentions_negation(pattern: &VerbPattern) -> bool {
    pattern.before.iter().chain(&pattern.after).any(|item| match item {
        PatternItem::Word { word, .. } => NEGATIONS.contains(&word.text()),
        // A synset before the verb is how PETRARCH dictionaries write negated auxiliaries.
        PatternItem::Synset { name, .. } => name.contains("NEG"),
        _ => false,
    })
}

fn item_is_literal(item: &PatternItem) -> bool {
    matches!(item, PatternItem::Word { .. } | PatternItem::Synset { .. })
}

fn item_joined(item: &PatternItem) -> bool {
    matches!(item, PatternItem::Word { joined: true, .. } | PatternItem::Synset { joined: true, .. })
}

/// More literal words make a more specific pattern; actor slots count a little.
fn pattern_weight(pattern: &VerbPattern) -> usize {
    pattern
        .before
        .iter()
        .chain(&pattern.after)
        .map(|item| match item {
            PatternItem::Word { .. } | PatternItem::Synset { .. } => 4,
            _ => 1,
        })
        .sum::<usize>()
        + 1
}

/// Looks for the first position within `max_gap` tokens of `from` where `test` succeeds, never
/// crossing a clause boundary.
fn scan(
    tokens: &[Token],
    from: usize,
    max_gap: usize,
    direction: Direction,
    mut test: impl FnMut(usize) -> Option<Range<usize>>,
) -> Option<Range<usize>> {
    match direction {
        Direction::Forward => {
            for (i, token) in tokens.iter().enumerate().take(from + max_gap + 1).skip(from) {
                if let Some(found) = test(i) {
                    return Some(found);
                }
                if matches!(token.norm.as_str(), ";" | "." | ":") {
                    return None;
                }
            }
            None
        }
        Direction::Backward => {
            let lowest = from.saturating_sub(max_gap + 1);
            for i in (lowest..from).rev() {
                if let Some(found) = test(i) {
                    return Some(found);
                }
                if matches!(tokens[i].norm.as_str(), ";" | "." | ":") {
                    return None;
                }
            }
            None
        }
    }
}

fn word_matches(word: &Word, norm: &str) -> bool {
    match word {
        Word::Exact(w) | Word::Cased(w) => &**w == norm,
        Word::Stem(w) => norm.starts_with(&**w),
    }
}

/// Length of `words` if they match tokens from `at` on.
fn phrase_at(tokens: &[Token], at: usize, words: &[Word]) -> Option<usize> {
    if words.is_empty() || at + words.len() > tokens.len() {
        return None;
    }
    words.iter().enumerate().all(|(k, w)| word_matches(w, &tokens[at + k].norm)).then_some(words.len())
}

/// Verb occurrences: non-overlapping verb hits (longest first), minus those inside actor names and
/// those used as nouns after a determiner ("an attack by").
fn choose_verbs(tokens: &[Token], hits: &[Hit], mentions: &[Mention], tagged: bool) -> Vec<(Range<usize>, u32)> {
    let mut candidates: Vec<(Range<usize>, u32)> = hits
        .iter()
        .filter_map(|h| match h.entry {
            Entry::Verb(i) => Some((h.start..h.end, i)),
            _ => None,
        })
        .collect();
    candidates.sort_by_key(|(span, _)| (span.start, std::cmp::Reverse(span.end)));
    let mut chosen: Vec<(Range<usize>, u32)> = Vec::new();
    let mut until = 0;
    for (span, entry) in candidates {
        if span.start < until {
            continue;
        }
        if mentions.iter().any(|m| m.tokens.start < span.end && span.start < m.tokens.end) {
            continue;
        }
        // "accused India of violating the ceasefire": a gerund after a preposition is the content
        // of the verb that governs it, not an act of its own.
        let governed_gerund = span.start > 0
            && tokens[span.start].norm.ends_with("ING")
            && matches!(tokens[span.start - 1].norm.as_str(), "OF" | "FOR" | "ABOUT" | "FROM" | "AGAINST");
        if governed_gerund {
            continue;
        }
        if !tagged
            && (used_as_noun(tokens, span.start, mentions)
                || proper_noun(tokens, span.start)
                || noun_by_position(tokens, span.clone(), mentions, &chosen))
        {
            continue;
        }
        until = span.end;
        chosen.push((span, entry));
    }
    chosen
}

/// Words that may stand between a subject and its verb without making the verb a noun.
const BEFORE_VERB: &[&str] = &[
    "TO",
    "WILL",
    "WOULD",
    "CAN",
    "COULD",
    "MAY",
    "MIGHT",
    "SHOULD",
    "MUST",
    "SHALL",
    "HAS",
    "HAVE",
    "HAD",
    "DID",
    "DO",
    "DOES",
    "IS",
    "ARE",
    "WAS",
    "WERE",
    "BE",
    "BEEN",
    "BEING",
    "NOT",
    "N'T",
    "NEVER",
    "ALSO",
    "STILL",
    "AGAIN",
    "NOW",
    "THEN",
    "LATER",
    "ONCE",
    "ALREADY",
    "EVER",
    "JUST",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "HE",
    "SHE",
    "IT",
    "THEY",
    "WE",
    "I",
    "YOU",
    "WHO",
    "WHICH",
    "THAT",
    "AND",
    "OR",
    "BUT",
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "REPORTEDLY",
    "JOINTLY",
    "FORMALLY",
    "EARLIER",
    "FINALLY",
];

const PREPOSITIONS: &[&str] = &[
    "IN", "BY", "OF", "FOR", "WITH", "ON", "AT", "FROM", "INTO", "OVER", "ABOUT", "AGAINST", "UNDER", "DURING",
    "WITHOUT", "WITHIN", "AMID", "AMONG", "BETWEEN", "THROUGH", "VIA", "PER",
];

/// Without a parse, where a word stands tells a noun from a verb for the forms that can be
/// either ("measures", "trade", "plans", "control"): after a preposition ("by phone"), right after
/// another verb ("accepted demands"), or after a modifier ("emergency measures", "British
/// forces"). Past forms ("-ed") are left alone: they are verbs in news prose.
/// Marks an event whose parties are roles only ("police", "protesters"): it stands only where
/// a place gives them a country.
pub const NEEDS_PLACE: &str = "needs place";

/// Nouns that introduce a place name ("the port of Odesa", "Oman's capital Muscat").
pub(crate) const PLACE_NOUNS: &[&str] = &[
    "CAPITAL",
    "CITY",
    "TOWN",
    "PORT",
    "VILLAGE",
    "PROVINCE",
    "REGION",
    "DISTRICT",
    "AREA",
    "OUTSKIRTS",
    "SUBURBS",
    "SUBURB",
    "CENTRE",
    "CENTER",
    "CAMP",
];

/// Past tenses that are hardly ever nouns: "experts met", "rebels fought", "troops seized".
const IRREGULAR_PAST: &[&str] = &[
    "MET",
    "HELD",
    "STRUCK",
    "FOUGHT",
    "SENT",
    "GAVE",
    "TOOK",
    "WON",
    "THREW",
    "BROKE",
    "BEGAN",
    "BROUGHT",
    "CAUGHT",
    "FLED",
    "KEPT",
    "SOUGHT",
    "SOLD",
    "SPOKE",
    "STOOD",
    "STOLE",
    "SWORE",
    "TOLD",
    "WROTE",
    "WITHDREW",
    "OVERRAN",
    "OVERTHREW",
    "UPHELD",
    "FORBADE",
    "SHOOK",
    "BOUGHT",
    "FORGAVE",
    "FLEW",
    "DREW",
    "SHOT",
    "LED",
];

/// "Azerbaijan", "Burundi": names that end like adjectives ("Iranian", "Iraqi") but are nouns.
fn is_country_name(word: &str) -> bool {
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<String>> = std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            tripwire_ontology::countries()
                .iter()
                .flat_map(|c| c.name.split([',', '(']).next())
                .map(|name| name.trim().to_uppercase())
                .collect()
        })
        .contains(word)
}

/// Things issued or passed that can demand, urge or condemn in their own words.
const DOCUMENT_NOUNS: &[&str] = &[
    "STATEMENT",
    "DECLARATION",
    "RESOLUTION",
    "LETTER",
    "COMMUNIQUE",
    "MESSAGE",
    "PETITION",
    "MOTION",
    "DECREE",
    "NOTE",
    "APPEAL",
    "ULTIMATUM",
    "REPORT",
    "VIDEO",
    "TELEGRAM",
    "BILL",
    "LAW",
];

fn noun_by_position(
    tokens: &[Token],
    verb: Range<usize>,
    mentions: &[Mention],
    earlier_verbs: &[(Range<usize>, u32)],
) -> bool {
    let head = tokens[verb.start].norm.as_str();
    if head.ends_with("ED")
        || head.ends_with("EN")
        || head.ends_with("ING")
        || verb.start == 0
        || IRREGULAR_PAST.contains(&head)
    {
        return false;
    }
    let prev = verb.start - 1;
    let word = tokens[prev].norm.as_str();
    if PREPOSITIONS.contains(&word) {
        return true;
    }
    if !BEFORE_VERB.contains(&word) && earlier_verbs.iter().any(|(span, _)| span.end == verb.start) {
        return true;
    }
    if let Some(mention) = mentions.iter().find(|m| m.tokens.end == verb.start) {
        // "British forces", "Iranian demands": a nationality adjective modifies a noun.
        let last = tokens[mention.tokens.end - 1].norm.as_str();
        return mention.code.len() == 3
            && ["AN", "ESE", "ISH", "I", "IC"].iter().any(|suffix| last.ends_with(suffix))
            && last.len() > 4
            && !is_country_name(last);
    }
    let content_word = word.chars().all(|c| c.is_alphabetic() || c == '-')
        && !tokens[prev].capitalized
        && !word.ends_with("LY")
        && !BEFORE_VERB.contains(&word)
        && !DETERMINERS.contains(&word);
    content_word
}

/// "an attack", "a brief private visit": a determiner before the word, with at most two
/// modifiers between, makes a verb form a noun.
fn used_as_noun(tokens: &[Token], start: usize, mentions: &[Mention]) -> bool {
    // "issued a statement demanding …", "a resolution calling for …": a participle after a
    // document says what the document does.
    let participle_of_document =
        start > 0 && tokens[start].norm.ends_with("ING") && DOCUMENT_NOUNS.contains(&tokens[start - 1].norm.as_str());
    if participle_of_document {
        return false;
    }
    for back in 1..=3 {
        let Some(i) = start.checked_sub(back) else { return false };
        let word = tokens[i].norm.as_str();
        // "a day after meeting", "while visiting": a conjunction takes a participle, not a noun.
        if back == 1 && matches!(word, "AFTER" | "BEFORE" | "WHILE" | "SINCE" | "WHEN" | "UPON") {
            return false;
        }
        if DETERMINERS.contains(&word) {
            return true;
        }
        let modifier = !is_boundary(word)
            && !mentions.iter().any(|m| m.tokens.contains(&i))
            && !BE_FORMS.contains(&word)
            && !matches!(
                word,
                "TO" | "WILL"
                    | "WOULD"
                    | "CAN"
                    | "COULD"
                    | "MAY"
                    | "MIGHT"
                    | "SHOULD"
                    | "MUST"
                    | "HAS"
                    | "HAVE"
                    | "HAD"
                    | "DID"
                    | "DO"
                    | "DOES"
                    | "AND"
                    | "OR"
            )
            && !NEGATIONS.contains(&word);
        if !modifier {
            return false;
        }
    }
    false
}

/// A capitalised word inside a sentence ("in March", "the Free Trade Agreement") is a name, not
/// a verb, unless the whole sentence is capitalised like a headline.
fn proper_noun(tokens: &[Token], at: usize) -> bool {
    if at == 0 {
        return false;
    }
    if at == 0 || !tokens[at].capitalized || matches!(tokens[at - 1].norm.as_str(), "\"" | ":" | "(" | "-" | "--") {
        return false;
    }
    let words: Vec<&Token> = tokens.iter().filter(|t| t.norm.chars().next().is_some_and(char::is_alphabetic)).collect();
    let capitalised = words.iter().filter(|t| t.capitalized).count();
    capitalised * 2 < words.len()
}

/// "its troops", "their government": a role named with a possessive pronoun belongs to the
/// nearest named country before it.
fn resolve_possessives(tokens: &[Token], mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.code.starts_with(crate::actors::NO_COUNTRY) || m.tokens.start == 0 {
            continue;
        }
        if !matches!(tokens[m.tokens.start - 1].norm.as_str(), "ITS" | "THEIR" | "HIS" | "HER") {
            continue;
        }
        let owner = mentions[..i].iter().rev().find_map(country_of_mention);
        if let Some(country) = owner {
            let role = mentions[i].code[crate::actors::NO_COUNTRY.len()..].to_string();
            mentions[i].code = compact_str::format_compact!("{country}{role}");
        }
    }
}

fn country_of_mention(mention: &Mention) -> Option<String> {
    let country = mention.code.get(..3)?;
    tripwire_ontology::country(country).is_ok().then(|| country.to_string())
}

/// "ethnic Albanians in Serbia": a people named by its nationality is not that state. It becomes a
/// bare civilian role, which the sentence's context then places.
/// "Bosnian Serbs", "Iraqi Kurds", "Turkish Kurd refugees": a people named with the adjective of
/// the state they live in are that state's. One mention, of the adjective's country and the
/// people's role.
fn merge_nationality_with_people(tokens: &[Token], mentions: &mut Vec<Mention>) {
    let mut i = 0;
    while i + 1 < mentions.len() {
        let (first, second) = (&mentions[i], &mentions[i + 1]);
        let adjective = first.tokens.len() == 1 && first.code.len() == 3 && {
            let word = tokens[first.tokens.start].norm.as_str();
            ["AN", "ISH", "I", "ESE", "IC", "CH"].iter().any(|suffix| word.ends_with(suffix)) && !is_country_name(word)
        };
        let people = second.tokens.start == first.tokens.end
            && tokens[second.tokens.start].capitalized
            && second.code.get(..3).is_some_and(|c| c != first.code.as_str())
            && (second.tokens.len() > 1 || tokens[second.tokens.start].norm.ends_with('S'));
        if adjective && people && tripwire_ontology::country(&first.code).is_ok() {
            let merged = Mention {
                tokens: first.tokens.start..second.tokens.end,
                code: compact_str::format_compact!("{}{}", first.code, second.code.get(3..).unwrap_or("")),
                entries: first.entries.iter().chain(&second.entries).copied().collect(),
                is_place: false,
                group: first.group,
            };
            mentions[i] = merged;
            mentions.remove(i + 1);
        }
        i += 1;
    }
}

fn resolve_ethnic_groups(tokens: &[Token], mentions: &mut [Mention]) {
    for mention in mentions.iter_mut() {
        let start = mention.tokens.start;
        if start == 0 || tokens[start - 1].norm != "ETHNIC" {
            continue;
        }
        let role = mention.code.get(3..).filter(|r| !r.is_empty()).unwrap_or("CVL").to_string();
        mention.code = compact_str::format_compact!("{}{role}", crate::actors::NO_COUNTRY);
    }
}

/// "President Yoweri Museveni", "Judge Alejandro Rivera": a title followed by a name the
/// dictionaries do not know is an official of the country the sentence is about, the first
/// country it names.
fn resolve_named_officials(tokens: &[Token], mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.code.starts_with(crate::actors::NO_COUNTRY) {
            continue;
        }
        let name_follows = tokens
            .get(m.tokens.end)
            .is_some_and(|t| t.capitalized && t.norm.chars().all(|c| c.is_alphabetic() || c == '-'))
            && !mentions.iter().any(|o| o.tokens.contains(&m.tokens.end));
        if !name_follows {
            continue;
        }
        let country = mentions.iter().enumerate().filter(|(j, _)| *j != i).find_map(|(_, o)| country_of_mention(o));
        if let Some(country) = country {
            let role = mentions[i].code[crate::actors::NO_COUNTRY.len()..].to_string();
            mentions[i].code = compact_str::format_compact!("{country}{role}");
        }
    }
}

/// The actor right after "if" or "unless" following a verb.
fn conditional_party<'m>(tokens: &[Token], mentions: &'m [Mention], verb_end: usize) -> Option<&'m Mention> {
    let condition = (verb_end..tokens.len()).find(|&i| matches!(tokens[i].norm.as_str(), "IF" | "UNLESS"))?;
    mentions
        .iter()
        .find(|m| m.tokens.start > condition && m.tokens.start - condition <= 3 && !m.is_place_after_locative(tokens))
}

/// The mood of a verb as the words before it set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Modality {
    Factual,
    /// "will", "would", "is ready to", "plans to": an intention, not yet an act.
    Intent,
    /// "must", "should": a demand made of the subject.
    Obligation,
}

/// Words before "to" that make the verb after it an intention ("prepared to withdraw").
const INTENT_BEFORE_TO: &[&str] = &[
    "PREPARED", "READY", "WILLING", "PLANS", "PLANNED", "PLAN", "PLANNING", "INTENDS", "INTENDED", "INTEND", "AIMS",
    "SET", "GOING", "PROMISED", "PLEDGED", "VOWED", "OFFERED", "DECIDED", "EXPECTED", "DUE", "HOPES", "WANTS",
];

fn modality_before(tokens: &[Token], verb_start: usize) -> Modality {
    let mut i = verb_start;
    for _ in 0..4 {
        let Some(prev) = i.checked_sub(1) else { return Modality::Factual };
        let word = tokens[prev].norm.as_str();
        match word {
            "WILL" | "WOULD" | "'LL" | "SHALL" => return Modality::Intent,
            "MUST" | "SHOULD" => return Modality::Obligation,
            "TO" => {
                // "has to"/"have to" oblige; "ready to" intends; "BE" between ("ready to be") is fine.
                let before = prev.checked_sub(1).map(|k| tokens[k].norm.as_str()).unwrap_or("");
                return match before {
                    "HAS" | "HAVE" => Modality::Obligation,
                    w if INTENT_BEFORE_TO.contains(&w) => Modality::Intent,
                    _ => Modality::Factual,
                };
            }
            w if w.ends_with("LY")
                || NEGATIONS.contains(&w)
                || matches!(w, "BE" | "NOW" | "SOON" | "ALSO" | "STILL" | "THEN" | "EVENTUALLY" | "EVER") => {}
            _ => return Modality::Factual,
        }
        i = prev;
    }
    Modality::Factual
}

/// "… that it will", "… that it is prepared to": an intent stated between a verb and the words
/// of its pattern further on, within one clause.
fn complement_modality(tokens: &[Token], from: usize, to: usize) -> Modality {
    for i in from..to.min(tokens.len()) {
        match tokens[i].norm.as_str() {
            "WILL" | "WOULD" | "'LL" | "SHALL" => return Modality::Intent,
            "TO" if i > 0 && INTENT_BEFORE_TO.contains(&tokens[i - 1].norm.as_str()) => return Modality::Intent,
            ";" | ":" | "." => break,
            _ => {}
        }
    }
    Modality::Factual
}

/// The CAMEO "express intent" code for an act announced for the future; `None` keeps the act's
/// own code (statements, appeals, demands and rejections are already verbal).
fn intent_code(code: &str) -> Option<&'static str> {
    let three = code.get(..3).unwrap_or(code);
    Some(match code.get(..2)? {
        "04" => "036",
        "05" => "032",
        "06" => match three {
            "061" => "0311",
            "062" => "0312",
            "063" => "0313",
            "064" => "0314",
            _ => "031",
        },
        "07" => match three {
            "071" => "0331",
            "072" => "0332",
            "073" => "0333",
            "074" => "0334",
            _ => "033",
        },
        "08" => match three {
            "081" => "0351",
            "082" => "0352",
            "084" => "0353",
            "085" => "0354",
            "086" => "0355",
            "087" => "0356",
            _ => "035",
        },
        "14" => "133",
        "16" => match three {
            "161" => "1313",
            "162" => "1311",
            "163" => "1312",
            "164" => "134",
            "165" => "135",
            "166" => "136",
            _ => "131",
        },
        "17" => match code {
            "1721" => "1321",
            "1722" => "1322",
            "1723" => "1323",
            "1724" => "1324",
            _ if three == "172" => "132",
            _ => "137",
        },
        "18" => "1383",
        "19" => match three {
            "191" => "1381",
            "192" => "1382",
            _ => "1384",
        },
        "20" => match three {
            "204" => "1385",
            _ => "138",
        },
        _ => return None,
    })
}

/// The CAMEO demand code for "X must <act>": what is demanded, as far as the act tells.
fn demand_code(code: &str) -> &'static str {
    match code.get(..3).unwrap_or(code) {
        "081" => "1051",
        "082" => "1052",
        "084" => "1053",
        "085" => "1054",
        "086" => "1055",
        "087" => "1056",
        c if c.starts_with("08") => "105",
        c if c.starts_with("04") || c.starts_with("03") => "106",
        c if c.starts_with("07") => "103",
        c if c.starts_with("05") || c.starts_with("06") => "102",
        _ => "100",
    }
}

/// "Washington demanded … ; Washington said that Tehran must limit …": the one who must act is
/// the subject of the modal verb, the one who demands it the actor named before it.
fn demand_parties<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    verb_start: usize,
) -> Option<(&'m Mention, &'m Mention)> {
    let addressee = subject_of(tokens, mentions, verb_start)
        .or_else(|| mentions.iter().rev().find(|m| m.tokens.end <= verb_start))?;
    let speaker = mentions
        .iter()
        .filter(|m| m.tokens.end <= addressee.tokens.start && m.group != addressee.group)
        .find(|m| !m.is_place_after_locative(tokens))?;
    (speaker.code != addressee.code).then_some((speaker, addressee))
}

/// Words that may stand between a subject and its verb.
const AUXILIARIES: &[&str] =
    &["HAS", "HAVE", "HAD", "WILL", "WOULD", "IS", "ARE", "WAS", "WERE", "ALSO", "ALREADY", "NOW"];

/// "… and summoned", "…, and then expelled": the verb follows a coordinating conjunction, perhaps
/// with an adverb between.
fn coordinated_with_previous(tokens: &[Token], verb_start: usize) -> bool {
    let mut i = verb_start;
    for _ in 0..3 {
        let Some(prev) = i.checked_sub(1) else { return false };
        let word = tokens[prev].norm.as_str();
        if matches!(word, "AND" | "BUT") {
            return true;
        }
        if !(word.ends_with("LY") || matches!(word, "THEN" | "ALSO" | "LATER") || AUXILIARIES.contains(&word)) {
            return false;
        }
        i = prev;
    }
    false
}

const REPORTING_VERBS: &[&str] =
    &["SAID", "SAYS", "SAY", "REPORTED", "REPORTS", "REPORT", "TOLD", "ADDED", "STATED", "CONFIRMED", "QUOTED"];

/// Words that may close an attribution after its verb: when, where and how it was said.
const ATTRIBUTION_TAIL: &[&str] = &[
    "ON",
    "IN",
    "AT",
    "A",
    "AN",
    "THE",
    "LAST",
    "THIS",
    "LATE",
    "EARLY",
    "LATER",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "OVERNIGHT",
    "STATEMENT",
    "INTERVIEW",
    "WEEK",
    "MONTH",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "NIGHT",
    "REPORTERS",
    "TELEVISION",
    "BRIEFING",
    "CONFERENCE",
    "NEWS",
    "PRESS",
    "BY",
    "PHONE",
    "TELEPHONE",
    "ALSO",
    "WEDNESDAY",
];

/// Where a closing attribution starts: the comma of ", Defence Minister Joxe said on Monday",
/// ", a Saudi-owned weekly reports", ", said a spokesman", or the "according to" of a trailing
/// "according to a media report". Who reports an event is neither its source nor its target,
/// and the place the reporter speaks from is not where it happened.
pub(crate) fn attribution_start(tokens: &[Token]) -> Option<usize> {
    let mut end = tokens.len();
    while end > 0 && matches!(tokens[end - 1].norm.as_str(), "." | "!" | "?" | "\"" | "''") {
        end -= 1;
    }
    for comma in (2..end).rev().filter(|&i| tokens[i].norm == ",") {
        let tail = &tokens[comma + 1..end];
        if tail.is_empty() || tail.len() > 16 {
            return None;
        }
        if tail.len() >= 2 && tail[0].norm == "ACCORDING" && tail[1].norm == "TO" {
            return Some(comma);
        }
        let Some(verb) = tail.iter().position(|t| REPORTING_VERBS.contains(&t.norm.as_str())) else {
            // A comma inside the attribution itself (", Joxe, the defence minister, said").
            continue;
        };
        let after = &tail[verb + 1..];
        // Only when and how it was said may follow ("on Monday", "in a statement"); "said the
        // talks went well" is a main clause.
        let closes = after.len() <= 5
            && after.iter().all(|t| {
                t.capitalized
                    || ATTRIBUTION_TAIL.contains(&t.norm.as_str())
                    || !t.norm.chars().any(|c| c.is_alphanumeric())
            });
        // ", said a spokesman": the verb first, the reporter after it.
        let inverted = verb == 0 && after.len() <= 8;
        return (closes || inverted).then_some(comma);
    }
    None
}

/// ", with Oman's foreign minister shuttling between them": "with", a name and a participle
/// describe the scene; the name is no partner of the verb.
fn absolute_with(tokens: &[Token], mention: &Mention) -> bool {
    let start = mention.tokens.start;
    let Some(with) = (start.saturating_sub(12)..start)
        .rev()
        .take_while(|&i| !matches!(tokens[i].norm.as_str(), ";" | ":" | "."))
        .find(|&i| tokens[i].norm == "WITH" && i >= 1 && tokens[i - 1].norm == ",")
    else {
        return false;
    };
    // The participle follows the name ("with Oman's minister shuttling") or stands before a later
    // name in the same phrase ("… shuttling between the two delegations").
    let participle = |i: usize| tokens.get(i).is_some_and(|t| t.norm.ends_with("ING") && t.norm.len() > 4);
    participle(mention.tokens.end) || (with + 1..start).any(participle)
}

/// "After meeting U.S. officials in Muscat, Iran's foreign minister said …": a participle
/// clause opening the sentence has the main clause's subject, the first actor after its comma.
fn fronted_participle_subject<'m>(tokens: &[Token], mentions: &'m [Mention], verb_start: usize) -> Option<&'m Mention> {
    let opener = (0..verb_start)
        .rev()
        .take(3)
        .find(|&i| matches!(tokens[i].norm.as_str(), "AFTER" | "BEFORE" | "WHILE" | "SINCE" | "WHEN" | "UPON"))?;
    let fronted = tokens[verb_start].norm.ends_with("ING")
        && !mentions.iter().any(|m| m.tokens.end <= opener)
        && (0..opener).all(|i| !is_boundary(&tokens[i].norm));
    if !fronted {
        return None;
    }
    let comma = (verb_start..tokens.len()).find(|&i| tokens[i].norm == ",")?;
    mentions.iter().find(|m| m.tokens.start > comma && m.tokens.start <= comma + 4)
}

/// The actor named after "from" later in the verb's clause.
fn withdrawn_from<'m>(tokens: &[Token], mentions: &'m [Mention], verb_end: usize) -> Option<&'m Mention> {
    let from = (verb_end..tokens.len())
        .take_while(|&i| {
            let word = tokens[i].norm.as_str();
            !matches!(word, ";" | ":" | ".") && !CLAUSE_OPENERS.contains(&word)
        })
        .find(|&i| tokens[i].norm == "FROM")?;
    mentions.iter().find(|m| m.tokens.end > from + 1 && m.tokens.start <= from + 3)
}

/// True when no clause boundary lies between two token positions.
fn same_clause(tokens: &[Token], from: usize, to: usize) -> bool {
    (from..to.min(tokens.len())).all(|i| !matches!(tokens[i].norm.as_str(), ";" | ":" | "."))
}

fn is_negated(tokens: &[Token], verb_start: usize) -> bool {
    let lowest = verb_start.saturating_sub(3);
    (lowest..verb_start).any(|i| NEGATIONS.contains(&tokens[i].norm.as_str()))
}

/// "was sanctioned by", "had been attacked": a form of *be* just before the verb (adverbs allowed).
fn is_passive(tokens: &[Token], verb: Range<usize>) -> bool {
    let verb_word = tokens[verb.end - 1].norm.as_str();
    // Regular participles by their ending; irregular ones ("struck", "hit", "shot") when an agent
    // follows with "by".
    let by_follows = (verb.end..tokens.len().min(verb.end + 3)).any(|i| tokens[i].norm == "BY");
    let participle =
        verb_word.ends_with("ED") || verb_word.ends_with("EN") || verb_word.ends_with('T') || verb_word.ends_with("WN");
    if verb_word.ends_with("ING") || !(participle || by_follows) {
        return false;
    }
    // Reduced passive: "Rebuked by Eriador, ...", "talks mediated by Oman".
    let reduced = tokens.get(verb.end).is_some_and(|t| t.norm == "BY");
    let mut i = verb.start;
    let mut skipped = 0;
    while i > 0 && skipped <= 2 {
        i -= 1;
        let word = tokens[i].norm.as_str();
        if BE_FORMS.contains(&word) {
            return word != "'S" || skipped == 0;
        }
        if !word.ends_with("LY") && !NEGATIONS.contains(&word) {
            return reduced;
        }
        skipped += 1;
    }
    reduced
}

/// The actor after "by" following a passive verb.
fn find_by_agent<'m>(tokens: &[Token], mentions: &'m [Mention], from: usize) -> Option<&'m Mention> {
    let by = (from..tokens.len().min(from + MAX_PATTERN_GAP)).find(|&i| tokens[i].norm == "BY")?;
    mentions.iter().find(|m| m.tokens.start > by && m.tokens.start - by <= 3)
}

/// The source when no pattern names it: with a parse, the first actor in the clause's subject noun
/// phrase; without, the nearest actor before the verb.
fn subject<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    verb_start: usize,
    syntax: Option<&Syntax>,
) -> Option<&'m Mention> {
    let Some(syntax) = syntax else { return subject_of(tokens, mentions, verb_start) };
    let mut clause = syntax.clause_of(verb_start)?;
    loop {
        let np = clause.subject.as_ref()?;
        if let Some(m) = mentions.iter().find(|m| np.contains(&m.tokens.start) && !m.is_place_after_locative(tokens)) {
            return Some(m);
        }
        // "Ethiopia indicated it should have acted": a pronoun subject stands for the subject of
        // the clause around it.
        let pronoun = np.len() == 1 && syntax.pos.get(np.start).is_some_and(|p| p == "PRP");
        if !pronoun {
            return None;
        }
        clause = syntax.enclosing_clause(clause)?;
    }
}

/// The target when no pattern names it: with a parse, the first actor inside the verb phrase after
/// the verb; without, the first actor after the verb in the same clause.
fn object<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    after: usize,
    verb_end: usize,
    syntax: Option<&Syntax>,
) -> Option<&'m Mention> {
    match syntax.and_then(|s| s.predicate_of(verb_end - 1)) {
        Some(vp) => mentions
            .iter()
            .find(|m| {
                m.tokens.start >= verb_end
                    && m.tokens.start < vp.end
                    && !m.is_place_after_locative(tokens)
                    && !crosses_clause(tokens, verb_end, m.tokens.start)
            })
            // A pattern whose words run past the verb phrase (a misparse, or a nominal phrase the
            // parser split off) is followed in the text, as without a parse.
            .or_else(|| (after > vp.end).then(|| object_of(tokens, mentions, after, after)).flatten()),
        None => object_of(tokens, mentions, after, verb_end),
    }
}

/// The subject: the nearest actor before the verb in the same clause, preferring the first member
/// of its compound. Reported speech works out because "X said Y attacked Z" has Y nearest.
fn subject_of<'m>(tokens: &[Token], mentions: &'m [Mention], verb_start: usize) -> Option<&'m Mention> {
    let mut candidate =
        mentions.iter().rev().find(|m| m.tokens.end <= verb_start && !m.is_place_after_locative(tokens))?;
    // "Iran rejected the demand, saying only its nuclear programme was negotiable": what the
    // participle reports is said by the subject of the main clause.
    let reporting = (candidate.tokens.end..verb_start).find(|&i| {
        i > 0
            && tokens[i - 1].norm == ","
            && matches!(
                tokens[i].norm.as_str(),
                "SAYING" | "ADDING" | "INSISTING" | "ARGUING" | "STRESSING" | "NOTING" | "CLAIMING" | "WARNING"
            )
    });
    if let Some(comma) = reporting {
        if let Some(main) = mentions.iter().find(|m| m.tokens.end < comma && !m.is_place_after_locative(tokens)) {
            return Some(main);
        }
    }
    // "Iran, backed by Russia, attacked", "Pakistan, a U.S. ally, has refused": the verb right
    // after an aside set off by commas belongs to the actor before the aside.
    let mut head_start = verb_start;
    while head_start > 0 && AUXILIARIES.contains(&tokens[head_start - 1].norm.as_str()) {
        head_start -= 1;
    }
    if head_start >= 1 && tokens[head_start - 1].norm == "," {
        if let Some(open) =
            (candidate.tokens.start.saturating_sub(8)..candidate.tokens.start).rev().find(|&i| tokens[i].norm == ",")
        {
            if let Some(head) = mentions.iter().rev().find(|m| m.tokens.end == open) {
                candidate = head;
            }
        }
    }
    // A clause boundary between subject and verb only counts if it is not an appositive
    // ("Osgiliath, the state's fiercest foe, said").
    let between = candidate.tokens.end..verb_start;
    let opener = between
        .clone()
        .any(|i| CLAUSE_OPENERS.contains(&tokens[i].norm.as_str()) || matches!(tokens[i].norm.as_str(), ";" | ":"));
    if opener {
        return None;
    }
    Some(candidate)
}

/// The object: the first actor after the verb (and its pattern words) in the same clause that is not
/// a place after a locative preposition.
fn object_of<'m>(tokens: &[Token], mentions: &'m [Mention], after: usize, verb_end: usize) -> Option<&'m Mention> {
    // "launched a drone attack on Odesa": a bare role naming the weapon of an attack is no party.
    let modifies_attack = |m: &Mention| {
        m.code.starts_with(crate::actors::NO_COUNTRY)
            && tokens.get(m.tokens.end).is_some_and(|t| {
                matches!(t.norm.as_str(), "ATTACK" | "ATTACKS" | "STRIKE" | "STRIKES" | "RAID" | "RAIDS" | "ASSAULT")
            })
    };
    let mention = mentions.iter().find(|m| {
        m.tokens.start >= after.min(verb_end)
            && m.tokens.start >= verb_end
            && !m.is_place_after_locative(tokens)
            && !modifies_attack(m)
            && !absolute_with(tokens, m)
    })?;
    let between = verb_end..mention.tokens.start;
    let crosses =
        crosses_clause(tokens, verb_end, mention.tokens.start) || between.clone().any(|i| is_boundary(&tokens[i].norm));
    (!crosses && between.len() <= 15).then_some(mention)
}

/// "offered its troops to Lebanon", "military aid for Bosnia": when the first actor after the verb
/// is a bare role or the source's own people, a named actor of another country closely after it
/// in the same clause is the one acted on.
fn prefer_named_object<'m>(
    tokens: &[Token],
    mentions: &'m [Mention],
    first: &'m Mention,
    source: Option<&Mention>,
) -> &'m Mention {
    let country = |m: &Mention| m.code.get(..3).filter(|c| *c != crate::actors::NO_COUNTRY).map(str::to_string);
    let source_country = source.and_then(country);
    let weak = country(first).is_none() || (source_country.is_some() && country(first) == source_country);
    if !weak {
        return first;
    }
    mentions
        .iter()
        .filter(|m| m.tokens.start >= first.tokens.end && m.tokens.start - first.tokens.end <= 10)
        .filter(|m| !m.is_place_after_locative(tokens))
        .filter(|m| !crosses_clause(tokens, first.tokens.end, m.tokens.start))
        .filter(|m| !(first.tokens.end..m.tokens.start).any(|i| is_boundary(&tokens[i].norm)))
        .find(|m| country(m).is_some() && country(m) != source_country)
        .unwrap_or(first)
}

/// True when a new clause opens between a verb and a candidate object. The subject of a
/// complement clause right after "that" ("allowed that Mordor …") still counts as the object.
fn crosses_clause(tokens: &[Token], verb_end: usize, object_start: usize) -> bool {
    let that_subject = (object_start >= 1 && tokens[object_start - 1].norm == "THAT")
        || (object_start >= 2 && tokens[object_start - 2].norm == "THAT" && tokens[object_start - 1].norm == "THE");
    (verb_end..object_start).any(|i| {
        let w = tokens[i].norm.as_str();
        matches!(w, ";" | ":" | ".") || (CLAUSE_OPENERS.contains(&w) && !(that_subject && w == "THAT"))
    })
}

/// The members of a mention's compound that lie inside `span` (a noun phrase from the parse),
/// or all of them when there is no parse.
fn group_within(mentions: &[Mention], mention: &Mention, span: Option<Range<usize>>) -> Vec<Mention> {
    match span {
        Some(span) if span.contains(&mention.tokens.start) => {
            mentions.iter().filter(|m| m.group == mention.group && span.contains(&m.tokens.start)).cloned().collect()
        }
        _ => group_of(mentions, mention),
    }
}

/// All members of the compound a mention belongs to.
fn group_of(mentions: &[Mention], mention: &Mention) -> Vec<Mention> {
    mentions.iter().filter(|m| m.group == mention.group).cloned().collect()
}

impl Mention {
    /// A capital or city named right after "in", "at", "near": the event's place, not an actor.
    pub fn is_place_after_locative(&self, tokens: &[Token]) -> bool {
        // "in Oman's capital Muscat": a country that names where a place is, is a place too.
        let locates_a_place = tokens.get(self.tokens.end).is_some_and(|t| t.norm == "'S")
            && tokens.get(self.tokens.end + 1).is_some_and(|t| PLACE_NOUNS.contains(&t.norm.as_str()));
        if !(self.is_place || locates_a_place) || self.tokens.start == 0 {
            return false;
        }
        // "in the northern city of Kirkuk", "in Oman's capital Muscat": descriptive words may
        // stand between the preposition and the name.
        let mut i = self.tokens.start;
        let lowest = self.tokens.start.saturating_sub(6);
        while i > lowest {
            i -= 1;
            let word = tokens[i].norm.as_str();
            if LOCATIVES.contains(&word) {
                return true;
            }
            let descriptive = matches!(word, "THE" | "'S" | "OF")
                || PLACE_NOUNS.contains(&word)
                || word.ends_with("ERN")
                || (tokens[i].capitalized && i + 2 < self.tokens.start);
            if !descriptive {
                return false;
            }
        }
        false
    }
}

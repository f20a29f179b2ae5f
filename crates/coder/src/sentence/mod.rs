//! The sentence coder, as named stages run in order:
//!
//! 1. [`tokens`] — the article cut into sentences, each sentence into tokens with byte offsets;
//! 2. matching — every dictionary phrase found in one pass of the compiled [`Lexicon`];
//! 3. [`actors`] — actor and agent hits made into coded mentions and compounds, then
//!    [`resolve`]d in context (possessives, nationalities, titles), and references to two parties
//!    named before ("the two sides") made into mentions of them ([`dyad`]); the countries named
//!    are counted for the article ([`context`]); places ([`location`]) and names describing a
//!    noun ([`topics`]: "Libya–Turkey relations") are marked as no party;
//! 4. [`verbs`] — which verb-form hits are verbs, and [`patterns`] — the code each one takes;
//! 5. [`modality`] — intent, demand, refusal and negation read from the words around the verb;
//! 6. [`roles`] — who acts and who is acted on (passives, coordination, attributions);
//! 7. [`nominal`] — events named by nouns ("talks between", "sanctions on");
//! 8. [`events`] — source–target pairs made into events and tidied; [`location`] places them,
//!    and a role no place speaks for takes the article's country ([`context`]).
//!
//! [`code_sentence`] runs steps 2–7 on one tokenized sentence; [`crate::Coder`] runs them over an
//! article and places each event.

pub mod actors;
pub mod context;
pub mod dyad;
pub mod events;
pub mod location;
pub mod modality;
pub mod nominal;
pub mod patterns;
pub mod resolve;
pub mod roles;
pub mod syntax;
pub mod tokens;
pub mod topics;
pub mod verbs;

pub use actors::{Mention, NO_COUNTRY};
pub use dyad::Discourse;
pub use events::NEEDS_PLACE;
pub use syntax::{Clause, Syntax};
pub use tokens::{split_sentences, tokenize, Sentence, Token};

use chrono::NaiveDate;
use std::ops::Range;
use tripwire_dictionaries::EventCodeSpec;

use crate::lexicon::{Entry, Hit, Lexicon, Scratch};
use crate::policy::Policy;
use events::{CodedVerb, Participants};
use modality::{Modality, Polarity};
use verbs::VerbHit;

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

/// Reusable per-thread buffers.
#[derive(Default, Debug)]
pub struct Workspace {
    scratch: Scratch,
    hits: Vec<Hit>,
    pattern_words: Vec<u32>,
}

/// What the per-verb stages read: the sentence, its actors, and the parse when there is one.
struct Context<'a> {
    lexicon: &'a Lexicon,
    policy: &'a Policy,
    tokens: &'a [Token],
    syntax: Option<&'a Syntax>,
    mentions: &'a [Mention],
    /// The pattern words present in the sentence, for ruling patterns out quickly.
    present: &'a [u32],
    attribution: Option<usize>,
    /// The sentence's verbs, in text order.
    verbs: &'a [VerbHit],
}

/// What the verbs of a sentence have produced so far.
#[derive(Default)]
struct Progress {
    events: Vec<SentenceEvent>,
    /// Indexes of the verbs that were coded (or deliberately not).
    coded_verbs: Vec<usize>,
    /// Per verb whose pattern matched: the tokens its words took.
    pattern_covers: Vec<(Range<usize>, Vec<Range<usize>>)>,
    /// The grammatical subject of the last coded verb, which a coordinated verb shares.
    last_source: Option<Mention>,
}

/// Codes one tokenized sentence on `date`, guided by a parse when there is one, as a sentence on
/// its own.
pub fn code_sentence(
    lexicon: &Lexicon,
    policy: &Policy,
    tokens: &[Token],
    syntax: Option<&Syntax>,
    date: NaiveDate,
    ws: &mut Workspace,
) -> SentenceResult {
    code_sentence_in(lexicon, policy, tokens, syntax, date, &mut Discourse::default(), ws)
}

/// As [`code_sentence`], for a sentence of an article whose earlier sentences have left
/// `discourse`; the sentence adds what it names to it.
pub fn code_sentence_in(
    lexicon: &Lexicon,
    policy: &Policy,
    tokens: &[Token],
    syntax: Option<&Syntax>,
    date: NaiveDate,
    discourse: &mut Discourse,
    ws: &mut Workspace,
) -> SentenceResult {
    let mut result = SentenceResult::default();
    lexicon.find(tokens, &mut ws.scratch, &mut ws.hits);
    lexicon.pattern_words_in(tokens, &mut ws.pattern_words);
    read_discards_and_issues(lexicon, &ws.hits, &mut result);
    if result.discard.is_some() {
        return result;
    }
    let mut mentions = actors::find_mentions(tokens, &ws.hits, &lexicon.dictionaries, date);
    resolve::resolve(tokens, &mut mentions, date);
    dyad::resolve_references(tokens, &mut mentions, discourse);
    location::mark_locations(tokens, &mut mentions);
    topics::mark_topics(tokens, &mut mentions);
    location::capitals_as_governments(tokens, &mut mentions);
    context::place_roles_of_a_countryless_sentence(&mut mentions, discourse.coverage.home());
    discourse.coverage.observe(&mentions);
    result.attribution = roles::attribution_start(tokens);
    let verbs = verbs::choose_verbs(tokens, &ws.hits, &mentions, syntax);
    let context = Context {
        lexicon,
        policy,
        tokens,
        syntax,
        mentions: &mentions,
        present: &ws.pattern_words,
        attribution: result.attribution,
        verbs: &verbs,
    };
    let mut progress = Progress::default();
    for index in 0..verbs.len() {
        code_verb(&context, &verbs, index, &mut progress);
    }
    if policy.read_modality {
        modality::demands_without_verb(tokens, &mentions, &mut progress.events);
    }
    nominal::code_nouns(&context, &ws.hits, &mut progress);
    events::tidy(&mut progress.events, &progress.pattern_covers);
    discourse.observe(tokens, &mentions, &progress.events);
    result.events = progress.events;
    result.mentions = mentions;
    result
}

/// Discard phrases void the sentence (or the story); issue phrases tag it.
fn read_discards_and_issues(lexicon: &Lexicon, hits: &[Hit], result: &mut SentenceResult) {
    let dictionaries = &lexicon.dictionaries;
    for hit in hits {
        match hit.entry {
            Entry::Discard(i) => {
                let story = dictionaries.discards[i as usize].story;
                result.discard = Some(if story { Discarded::Story } else { Discarded::Sentence });
                if story {
                    return;
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
}

/// The stages after the actors, for verb `index`: its pattern and code, its mood and polarity,
/// its roles, and the events they make.
fn code_verb(context: &Context, verbs: &[VerbHit], index: usize, progress: &mut Progress) {
    let tokens = context.tokens;
    let (span, entry_index) = (verbs[index].0.clone(), verbs[index].1 as usize);
    let entry = &context.lexicon.dictionaries.verbs[entry_index];
    if is_infinitive_complement(tokens, verbs, &progress.coded_verbs, &span) {
        return;
    }
    // "a bill that would have allowed X to extradite": supposed, never done.
    if context.policy.read_modality && modality::is_hypothetical(tokens, span.start) {
        progress.coded_verbs.push(index);
        return;
    }
    // Verbs before a closing attribution look for their actors before it.
    let pool: &[Mention] = match context.attribution {
        Some(comma) if span.end <= comma => {
            &context.mentions[..context.mentions.partition_point(|m| m.tokens.start < comma)]
        }
        _ => context.mentions,
    };
    let Some((code_spec, pattern, pattern_cover, slots)) =
        patterns::code_verb(context.lexicon, tokens, pool, span.clone(), entry_index, context.present, context.syntax)
    else {
        return;
    };
    if pattern.is_some() {
        progress.pattern_covers.push((span.clone(), slots.literals.clone()));
    }
    let EventCodeSpec::Code { primary, paired } = code_spec else {
        progress.coded_verbs.push(index);
        return;
    };
    // "will sign", "is ready to send troops", "China must drop barriers".
    let mood =
        if context.policy.read_modality { modality::mood(tokens, &span, pattern, &slots) } else { Modality::Factual };
    let (primary, paired) = match mood {
        Modality::Factual => (&**primary, paired.as_deref()),
        Modality::Intent => modality::intended(primary, paired.as_deref()),
        Modality::Obligation => {
            // The demand is the speaker's, made of the one who must act.
            let code = modality::demand_code(primary);
            if let Some(demands) =
                modality::demands(tokens, context.mentions, span.clone(), code, &entry.origin.to_string())
            {
                progress.coded_verbs.push(index);
                progress.events.extend(demands);
            }
            return;
        }
    };
    let (primary, paired) = match modality::polarity(tokens, span.start, pattern, mood, primary) {
        Polarity::Affirmed => (primary, paired),
        Polarity::Refused(code) => (code, None),
        Polarity::Negated => {
            progress.coded_verbs.push(index);
            return;
        }
    };
    let found = roles::find(context, &span, primary, &slots, &pattern_cover, pool, progress.last_source.as_ref());
    if found.sources.is_empty() && found.targets.is_empty() {
        // "At least 71 people were arrested": no one named, but an arrest is the authorities'.
        if found.passive && primary.starts_with("173") && mood == Modality::Factual {
            progress.coded_verbs.push(index);
            progress.events.push(SentenceEvent {
                source: None,
                target: None,
                code: primary.to_string(),
                verb: span.clone(),
                cover: span,
                verb_entry: entry.origin.to_string(),
                pattern: pattern.map(|p| p.origin.to_string()),
                rules: vec!["passive", events::ARREST_BY_AUTHORITIES],
            });
        }
        return;
    }
    // The grammatical subject is shared by a coordinated verb: the actor, or in the passive the
    // one acted on ("was indicted … and will resign").
    progress.last_source = if found.passive { found.targets.first().cloned() } else { found.sources.first().cloned() };
    progress.coded_verbs.push(index);
    let verb = CodedVerb {
        span,
        entry: &entry.origin,
        pattern: pattern.map(|p| p.origin.to_string()),
        pattern_cover,
        rules: if found.passive { vec!["passive"] } else { Vec::new() },
    };
    let participants = Participants {
        primary,
        paired,
        modality: mood,
        compound: slots.compound,
        sources: &found.sources,
        targets: &found.targets,
    };
    events::assemble(context.policy, &verb, &participants, &mut progress.events);
}

/// An infinitive complement of a verb already coded ("urged Eriador to respond") is part of that
/// event, not a second one.
fn is_infinitive_complement(tokens: &[Token], verbs: &[VerbHit], coded: &[usize], span: &Range<usize>) -> bool {
    if span.start == 0 || tokens[span.start - 1].norm != "TO" {
        return false;
    }
    coded.last().is_some_and(|&prev| roles::same_clause(tokens, verbs[prev].0.end, span.start))
}

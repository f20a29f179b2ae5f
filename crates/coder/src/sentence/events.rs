//! Stage 6, events: a coded verb and its roles made into [`SentenceEvent`]s — one per source and
//! target pair, both ways for a symmetric code, each member of a compound on each other for a
//! `%` slot — then tidied within the sentence: verbs a pattern already used, the same event
//! reached twice, and plain statements when something more specific was said. [`to_event`]
//! finally makes each an article [`Event`].

use chrono::NaiveDate;
use std::ops::Range;

use super::actors::Mention;
use super::location::{lacks_country, place_roles};
use super::modality::Modality;
use super::tokens::{CharOffsets, Token};
use super::SentenceEvent;
use crate::policy::Policy;
use crate::{ActorRef, Article, Event, Lexicon, Location, Provenance};
use tripwire_dictionaries::Origin;

/// Marks an event whose parties are roles only ("police", "protesters"): it stands only where
/// a place gives them a country.
pub const NEEDS_PLACE: &str = "needs place";

/// Marks an arrest in the passive with no one named at all ("71 people were arrested"): made by
/// the police of the country where it happened (or the article is about), of its people.
pub const ARREST_BY_AUTHORITIES: &str = "arrest by the authorities";

/// A coded verb occurrence, as the events it makes will describe it.
pub struct CodedVerb<'a> {
    pub span: Range<usize>,
    /// Where the verb entry was read.
    pub entry: &'a Origin,
    /// The pattern that decided the code, as `file:line`.
    pub pattern: Option<String>,
    /// The tokens the pattern's words covered.
    pub pattern_cover: Range<usize>,
    /// Rules already applied ("passive").
    pub rules: Vec<&'static str>,
}

/// What a verb was coded as, and who takes part.
pub struct Participants<'m> {
    pub primary: &'m str,
    /// The reverse event's code (`[064:064]`, `[:173]`).
    pub paired: Option<&'m str>,
    pub modality: Modality,
    /// A `%` slot: the members of the source compound act on each other.
    pub compound: bool,
    pub sources: &'m [Mention],
    pub targets: &'m [Mention],
}

/// The events of one coded verb, added to `out`.
pub fn assemble(policy: &Policy, verb: &CodedVerb, parts: &Participants, out: &mut Vec<SentenceEvent>) {
    let primary = parts.primary;
    // "Gondor and Osgiliath renewed ties": with a symmetric code (`[064:064]`) or a `%` compound
    // slot, each member acts on each other member. Other verbs ("A and B said") are each member's
    // own act.
    // "The two sides agreed to set up a hotline": a cooperative act of the two parties a
    // reference points back at, with no one else named, is between them.
    let between_dyad = parts.sources.len() == 2
        && parts.sources.iter().all(|m| m.refers_to_dyad)
        && primary.get(..2).is_some_and(|root| ("03"..="08").contains(&root));
    let symmetric = parts.compound || between_dyad || parts.paired.is_some_and(|p| p == primary);
    if parts.targets.is_empty() && parts.sources.len() > 1 && symmetric {
        for a in parts.sources {
            for b in parts.sources {
                if a.code != b.code && !primary.is_empty() {
                    push(policy, verb, Some(a), Some(b), primary, Some("compound"), out);
                }
            }
        }
        return;
    }
    fn sides(list: &[Mention]) -> Vec<Option<&Mention>> {
        if list.is_empty() {
            vec![None]
        } else {
            list.iter().map(Some).collect()
        }
    }
    let (sources, targets) = (sides(parts.sources), sides(parts.targets));
    for &source in &sources {
        for &target in &targets {
            if let (Some(s), Some(t)) = (source, target) {
                // The same words cannot act on themselves; two people with the same code can
                // ("Aoun met Hariri": both LBNGOV).
                // Nor do members of one list act on each other unless the act is shared ("flights
                // to Peru, Chile and Bolivia").
                if s.tokens == t.tokens || s.group == t.group {
                    continue;
                }
                // "Iraqi Kurds demonstrated … for independence from Iraq": a country does not act
                // on itself; the act stands without that target.
                // Nor does a government act on itself through its capital ("the two governments
                // … flights between Bogota and Caracas").
                let standing_for_state = |m: &Mention| m.is_place || m.refers_to_dyad;
                if s.code == t.code && (s.code.len() <= 3 || standing_for_state(s) || standing_for_state(t)) {
                    if targets.len() == 1 && !primary.is_empty() {
                        push(policy, verb, source, None, primary, None, out);
                    }
                    continue;
                }
            }
            // `[:173]` codes only the reverse event.
            if !primary.is_empty() {
                push(policy, verb, source, target, primary, None, out);
            }
            // "Rebels would meet the mediator": an intention is the speaker's alone. A country
            // one travels to is where the visit goes, not a host who acts ("travelling to China").
            let place_gone_to = target.is_some_and(|t| t.is_location);
            if let Some(paired) = parts.paired.filter(|_| parts.modality != Modality::Intent && !place_gone_to) {
                push(policy, verb, target, source, paired, Some("paired"), out);
            }
        }
    }
}

/// One event of `verb` from `source` to `target`, if it can stand: an event needs a source, and
/// at least one side that is more than a bare role. Whose a bare role is, is decided when the
/// place is known ([`super::location::place_roles`]).
fn push(
    policy: &Policy,
    verb: &CodedVerb,
    source: Option<&Mention>,
    target: Option<&Mention>,
    code: &str,
    extra: Option<&'static str>,
    out: &mut Vec<SentenceEvent>,
) {
    let event = |source: Option<&Mention>, target: Option<&Mention>, cover: Range<usize>, rules| SentenceEvent {
        source: source.cloned(),
        target: target.cloned(),
        code: code.to_string(),
        verb: verb.span.clone(),
        cover,
        verb_entry: verb.entry.to_string(),
        pattern: verb.pattern.clone(),
        rules,
    };
    let Some(source_mention) = source else {
        // Force against a named target by someone the text does not name ("a roadside bomb
        // killed a U.S. soldier") is kept for the caller to place or drop.
        let force = code.get(..2).is_some_and(|root| root >= "14");
        if let Some(t) = target.filter(|t| force && !policy.require_dyad && !t.is_bare_role()) {
            let cover = verb.span.start.min(t.tokens.start)..verb.span.end.max(t.tokens.end);
            out.push(event(None, Some(t), cover, vec!["unnamed source"]));
        }
        return;
    };
    let anonymous = |m: Option<&Mention>| m.is_none_or(Mention::is_bare_role);
    // "Police fired tear gas at the crowd": only the place can say whose; the caller drops the
    // event when no place is known.
    let unplaced = anonymous(Some(source_mention)) && anonymous(target);
    if (unplaced && (policy.require_dyad || target.is_none())) || (policy.require_dyad && target.is_none()) {
        return;
    }
    let mut cover = verb.span.start.min(verb.pattern_cover.start)..verb.span.end.max(verb.pattern_cover.end);
    for m in [source, target].into_iter().flatten() {
        cover.start = cover.start.min(m.tokens.start);
        cover.end = cover.end.max(m.tokens.end);
    }
    let mut rules = verb.rules.clone();
    rules.extend(extra);
    if unplaced {
        rules.push(NEEDS_PLACE);
    }
    out.push(event(source, target, cover, rules));
}

/// Tidies a sentence's events. `pattern_covers` holds, per verb whose pattern matched, the tokens
/// its words took: another verb among them is part of that pattern ("indicated it should have
/// acted" is one event, coded by ACT's pattern).
pub fn tidy(events: &mut Vec<SentenceEvent>, pattern_covers: &[(Range<usize>, Vec<Range<usize>>)]) {
    events.retain(|event| {
        !pattern_covers.iter().any(|(verb, literals)| {
            *verb != event.verb
                && literals.iter().any(|word| word.start <= event.verb.start && event.verb.end <= word.end)
        })
    });
    // One event is coded once, however many rules reach it.
    if events.len() > 1 {
        let mut seen = rustc_hash::FxHashSet::default();
        events.retain(|e| {
            let code = |m: &Option<Mention>| m.as_ref().map(|m| m.code.clone());
            seen.insert((code(&e.source), code(&e.target), e.code.clone(), e.verb.start))
        });
    }
    // A plain statement ("X said …", CAMEO 01) only stands when the sentence says nothing more
    // specific: otherwise the reported event is the news and the statement is its frame.
    if events.iter().any(|e| !e.code.starts_with("01")) {
        events.retain(|e| !e.code.starts_with("01"));
    }
}

/// The sentence an event was found in, as the finished [`Event`] points back at it.
pub struct Frame<'a> {
    pub article: &'a Article,
    pub date: NaiveDate,
    pub index: usize,
    /// Byte range of the sentence in the article.
    pub span: Range<usize>,
    pub tokens: &'a [Token],
    pub chars: &'a CharOffsets,
    pub issues: &'a [String],
    /// The country the article's earlier sentences are about, for roles named without one.
    pub home: Option<&'a str>,
}

/// The events of one coded sentence made article events: roles placed (a role the sentence gives
/// no country takes the place where the article last said things happened, `last_location`, when
/// the sentence names none), and each event once, however many rules reach it.
pub fn place_events(
    lexicon: &Lexicon,
    frame: &Frame,
    found: Vec<SentenceEvent>,
    location: Option<&Location>,
    last_location: Option<&Location>,
) -> Vec<Event> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut events = Vec::with_capacity(found.len());
    for mut raw in found {
        // "Protesters rallied in Tbilisi. Police fired water cannon."
        let inherited = location.is_none() && last_location.is_some() && lacks_country(&raw);
        let place = if inherited { last_location } else { location };
        let mut rules: Vec<&'static str> = raw.rules.iter().copied().filter(|r| *r != NEEDS_PLACE).collect();
        if inherited {
            rules.push("place from an earlier sentence");
        }
        if raw.rules.contains(&ARREST_BY_AUTHORITIES) {
            let country = place.map(|l| l.place.country.as_str()).or(frame.home);
            let Some(country) = country else { continue };
            let placed = Placed {
                source_code: format!("{country}COP"),
                target_code: format!("{country}CVL"),
                location: place.cloned(),
                rules,
            };
            events.push(to_event(lexicon, frame, raw, placed));
            continue;
        }
        // "Police director Rebic said 71 people were arrested", in an article about Serbia.
        if place.is_none() && frame.home.is_some_and(|home| super::context::give_home_country(&mut raw, home)) {
            rules.push("country of the article");
        }
        let Some((source_code, target_code)) = place_roles(&raw, place, &mut rules) else { continue };
        if seen.insert((source_code.clone(), target_code.clone(), raw.code.clone(), raw.verb.start)) {
            let placed = Placed { source_code, target_code, location: place.cloned(), rules };
            events.push(to_event(lexicon, frame, raw, placed));
        }
    }
    events
}

/// An event's roles and place, decided.
struct Placed {
    source_code: String,
    target_code: String,
    location: Option<Location>,
    rules: Vec<&'static str>,
}

/// A placed sentence event as an article event: offsets in characters, the CAMEO type's
/// Goldstein score, QuadClass and PLOVER mapping, and the dictionary entries behind it.
fn to_event(lexicon: &Lexicon, frame: &Frame, raw: SentenceEvent, placed: Placed) -> Event {
    let text = frame.article.text.as_str();
    let tokens = frame.tokens;
    let byte_span = |r: &Range<usize>| tokens[r.start].span.start..tokens[r.end - 1].span.end;
    let char_span = |r: Range<usize>| [frame.chars.at(r.start), frame.chars.at(r.end)];
    let actor_ref = |m: &Mention| {
        let span = byte_span(&m.tokens);
        ActorRef { text: text[span.clone()].to_string(), span: char_span(span) }
    };
    let origins = |m: Option<&Mention>| -> Vec<String> {
        m.map(|m| m.entries.iter().map(|&e| lexicon.origin(e).to_string()).collect()).unwrap_or_default()
    };
    let Placed { source_code, target_code, location, rules } = placed;
    let info = tripwire_ontology::event_type(&raw.code).ok();
    let plover = info.map(|t| t.plover());
    Event {
        article_id: frame.article.id.clone(),
        sentence_index: frame.index,
        span: char_span(byte_span(&raw.cover)),
        sentence_span: char_span(frame.span.clone()),
        date: frame.date,
        source_code,
        target_code,
        source: raw.source.as_ref().map(actor_ref),
        target: raw.target.as_ref().map(actor_ref),
        event_name: info.map(|t| t.name),
        goldstein: info.map(|t| t.goldstein),
        quad_class: info.map(|t| t.quad_class.number()),
        plover_event: plover.map(|p| p.event.as_str()),
        plover_mode: plover.and_then(|p| p.mode),
        plover_context: plover.and_then(|p| p.context),
        issues: frame.issues.to_vec(),
        location,
        matched: Provenance {
            verb: raw.verb_entry,
            verb_text: text[byte_span(&raw.verb)].to_string(),
            pattern: raw.pattern,
            source_entries: origins(raw.source.as_ref()),
            target_entries: origins(raw.target.as_ref()),
            rules,
        },
        event_code: raw.code,
    }
}

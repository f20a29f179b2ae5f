//! Stage 4, roles: who acts and who is acted on. Without a parse, word order decides: the
//! nearest actor before the verb in its clause is the subject, the first after it the object;
//! passives swap them ("was attacked by"), coordinated verbs and participle clauses share the
//! subject, and a closing attribution (", officials said") is neither. With a parse, the clause's
//! subject noun phrase and verb phrase decide.

use std::ops::Range;

use super::actors::{Mention, NO_COUNTRY};
use super::patterns::{Slots, MAX_PATTERN_GAP};
use super::syntax::Syntax;
use super::tokens::Token;
use super::Context;
use crate::english::{
    ends_clause, is_boundary, is_calendar_word, is_clause_opener, is_closing_mark, is_negation, is_passive_auxiliary,
    is_preposition, is_reporting_verb, is_subject_verb_filler, is_temporal_conjunction, ATTACK_NOUNS, ATTRIBUTION_TAIL,
    CONDITIONALS, PREPOSITIONAL_PARTICIPLES, REPORTING_PARTICIPLES, SEQUENCE_ADVERBS, VERB_COORDINATORS,
};

/// The sources and targets of one verb (each a compound's members), and whether it was read as
/// passive.
pub struct Roles {
    pub sources: Vec<Mention>,
    pub targets: Vec<Mention>,
    pub passive: bool,
}

/// The roles of the verb at `verb`, coded `primary`, whose pattern filled `slots` and covered
/// `pattern_cover`. Targets come from `pool` (the mentions before a closing attribution, for a
/// verb before it); `last_source` is the subject of the previous coded verb.
pub(super) fn find(
    context: &Context,
    verb: &Range<usize>,
    primary: &str,
    slots: &Slots,
    pattern_cover: &Range<usize>,
    pool: &[Mention],
    last_source: Option<&Mention>,
) -> Roles {
    let (tokens, mentions, syntax) = (context.tokens, context.mentions, context.syntax);
    // A pattern that places the actors itself ("+ * FROM $") has already read the voice.
    let passive = slots.source.is_none() && slots.target.is_none() && is_passive(tokens, verb.clone());
    let (sources, targets) = if passive {
        let by_agent = find_by_agent(tokens, mentions, verb.end);
        let passive_target = slots.source.as_ref().or_else(|| subject(tokens, mentions, verb.start, syntax));
        (
            by_agent.map(|m| group_of(pool, m)).unwrap_or_default(),
            passive_target.map(|m| group_of(pool, m)).unwrap_or_default(),
        )
    } else {
        active_roles(context, verb, primary, slots, pattern_cover.end.max(verb.end), pool, last_source)
    };
    // "threatened to halt talks if the United States goes ahead": a threat is aimed at the one
    // its condition names.
    let targets = if targets.is_empty() && primary.starts_with("13") {
        conditional_party(tokens, pool, verb.end).map(|m| group_of(pool, m)).unwrap_or_default()
    } else {
        targets
    };
    Roles { sources, targets, passive }
}

/// Subject and object of an active verb; the object is looked for from `after` on, past the
/// pattern's words.
fn active_roles(
    context: &Context,
    verb: &Range<usize>,
    primary: &str,
    slots: &Slots,
    after: usize,
    pool: &[Mention],
    last_source: Option<&Mention>,
) -> (Vec<Mention>, Vec<Mention>) {
    let (tokens, mentions, syntax) = (context.tokens, context.mentions, context.syntax);
    // "Pakistan accused India … and summoned the envoy": a verb coordinated with an earlier one
    // shares its subject, and so does a participle clause after a comma ("…struck Kharkiv,
    // killing seven people").
    let coordinated = syntax.is_none()
        && (is_participle_after_comma(tokens, verb.start) || coordinated_with_previous(tokens, verb.start));
    let shared = last_source.filter(|_| coordinated);
    let mut source = slots
        .source
        .as_ref()
        .or(shared)
        .or_else(|| subject(tokens, mentions, verb.start, syntax))
        .or_else(|| syntax.is_none().then(|| fronted_participle_subject(tokens, mentions, verb.start)).flatten());
    // "noted that Cirith Ungol regretted": when the pattern puts the target where the subject
    // would be, the source is the subject before it.
    if let (Some(target), Some(found)) = (slots.target.as_ref(), source) {
        if slots.source.is_none() && found.tokens == target.tokens {
            source = subject(tokens, mentions, target.tokens.start, syntax)
                .or_else(|| subject_of(tokens, mentions, target.tokens.start))
                .filter(|m| m.tokens != target.tokens);
        }
    }
    // "condemned the attack and demanded that Peru …": what follows a verb coordinated with
    // this one is that verb's, not this one's object — unless this verb has nothing of its own
    // before the conjunction ("donated and delivered aid to Iraq" share it).
    let own_words = |limit: usize| {
        (verb.end..limit).any(|i| {
            !(VERB_COORDINATORS.contains(&tokens[i].norm.as_str())
                || tokens[i].norm.ends_with("LY")
                || tokens[i].norm == ",")
        })
    };
    let next_coordinated = syntax
        .is_none()
        .then(|| {
            context
                .verbs
                .iter()
                .map(|v| v.0.start)
                .filter(|&s| s >= after && coordinated_with_previous(tokens, s))
                .min()
        })
        .flatten()
        .filter(|&limit| own_words(limit));
    let objects = match next_coordinated {
        Some(limit) => &pool[..pool.partition_point(|m| m.tokens.start < limit)],
        None => pool,
    };
    // "struck the camp with missiles from Iran": force is not aimed at its instrument.
    let force = primary.get(..2).is_some_and(|root| root >= "18");
    let objects: std::borrow::Cow<[Mention]> = if force && objects.iter().any(|m| is_instrument(tokens, m, verb.end)) {
        objects.iter().filter(|m| !is_instrument(tokens, m, verb.end)).cloned().collect::<Vec<_>>().into()
    } else {
        objects.into()
    };
    let objects = &*objects;
    // "will withdraw its peacekeepers from Chad": a withdrawal is from somewhere.
    let withdrawal = ["166", "136", "0874", "0356"].iter().any(|c| primary.starts_with(c));
    let target =
        slots.target.as_ref().or_else(|| withdrawal.then(|| withdrawn_from(tokens, pool, after)).flatten()).or_else(
            || {
                let first = object(tokens, objects, after, verb.end, syntax)?;
                Some(prefer_named_object(tokens, objects, first, source))
            },
        );
    let within = |m: &Mention| syntax.and_then(|s| s.constituent_of(m, verb.start));
    (
        source.map(|m| group_within(pool, m, within(m))).unwrap_or_default(),
        target.map(|m| group_within(pool, m, within(m))).unwrap_or_default(),
    )
}

/// "attacked the base using drones", "struck the camp with missiles from Iran": an actor after
/// "using", or named by the means after "with" once the verb has its object, is the means, not
/// the one attacked ("exchanged fire with Iran" keeps its partner).
fn is_instrument(tokens: &[Token], mention: &Mention, verb_end: usize) -> bool {
    let start = mention.tokens.start;
    let lowest = start.saturating_sub(4).max(verb_end);
    (lowest..start).any(|i| match tokens[i].norm.as_str() {
        "USING" | "EMPLOYING" => true,
        "WITH" => i > verb_end && i + 1 < start,
        _ => false,
    })
}

/// "…struck Kharkiv, killing seven people": a participle clause after a comma.
fn is_participle_after_comma(tokens: &[Token], verb_start: usize) -> bool {
    verb_start > 0
        && tokens[verb_start - 1].norm == ","
        && tokens[verb_start].norm.ends_with("ING")
        && !PREPOSITIONAL_PARTICIPLES.contains(&tokens[verb_start].norm.as_str())
}

/// Where a closing attribution starts: the comma of ", Defence Minister Joxe said on Monday",
/// ", a Saudi-owned weekly reports", ", said a spokesman", or the "according to" of a trailing
/// "according to a media report". Who reports an event is neither its source nor its target,
/// and the place the reporter speaks from is not where it happened.
pub fn attribution_start(tokens: &[Token]) -> Option<usize> {
    let mut end = tokens.len();
    while end > 0 && is_closing_mark(&tokens[end - 1].norm) {
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
        let Some(verb) = tail.iter().position(|t| is_reporting_verb(&t.norm)) else {
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
pub fn absolute_with(tokens: &[Token], mention: &Mention) -> bool {
    let start = mention.tokens.start;
    let Some(with) = (start.saturating_sub(12)..start)
        .rev()
        .take_while(|&i| !ends_clause(&tokens[i].norm))
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
    let opener = (0..verb_start).rev().take(3).find(|&i| is_temporal_conjunction(&tokens[i].norm))?;
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
            !ends_clause(word) && !is_clause_opener(word)
        })
        .find(|&i| tokens[i].norm == "FROM")?;
    mentions.iter().find(|m| m.tokens.end > from + 1 && m.tokens.start <= from + 3)
}

/// True when no clause boundary lies between two token positions.
pub fn same_clause(tokens: &[Token], from: usize, to: usize) -> bool {
    (from..to.min(tokens.len())).all(|i| !ends_clause(&tokens[i].norm))
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
        if is_passive_auxiliary(word) {
            return word != "'S" || skipped == 0;
        }
        if !word.ends_with("LY") && !is_negation(word) {
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
        if let Some(m) = mentions.iter().find(|m| np.contains(&m.tokens.start) && !m.is_no_party(tokens)) {
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
                    && !m.is_no_party(tokens)
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
pub fn subject_of<'m>(tokens: &[Token], mentions: &'m [Mention], verb_start: usize) -> Option<&'m Mention> {
    let mut candidate = mentions.iter().rev().find(|m| m.tokens.end <= verb_start && !m.is_no_party(tokens))?;
    match subject_word_before(tokens, mentions, verb_start) {
        SubjectWord::Actor => {}
        // "… but declared he would not resign": a person is no country named in passing.
        SubjectWord::Person(pronoun) => {
            candidate = mentions.iter().rev().find(|m| m.tokens.end <= pronoun && m.code.len() > 3)?;
        }
        // "Typhoon Phanfone made landfall": someone the dictionaries do not know did it.
        SubjectWord::UnknownName => return None,
    }
    // "Iran rejected the demand, saying only its nuclear programme was negotiable": what the
    // participle reports is said by the subject of the main clause.
    let reporting = (candidate.tokens.end..verb_start)
        .find(|&i| i > 0 && tokens[i - 1].norm == "," && REPORTING_PARTICIPLES.contains(&tokens[i].norm.as_str()));
    if let Some(comma) = reporting {
        if let Some(main) = mentions.iter().find(|m| m.tokens.end < comma && !m.is_no_party(tokens)) {
            return Some(main);
        }
    }
    // "Iran, backed by Russia, attacked", "Pakistan, a U.S. ally, has refused": the verb right
    // after an aside set off by commas belongs to the actor before the aside.
    let mut head_start = verb_start;
    while head_start > 0 && is_subject_verb_filler(&tokens[head_start - 1].norm) {
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
    let opener =
        between.clone().any(|i| is_clause_opener(&tokens[i].norm) || matches!(tokens[i].norm.as_str(), ";" | ":"));
    if opener {
        return None;
    }
    Some(candidate)
}

/// What stands right before a verb as its subject, past auxiliaries and adverbs.
enum SubjectWord {
    /// An actor mention, or words that say nothing against the nearest actor being the subject.
    Actor,
    /// "he" or "she", at this token.
    Person(usize),
    /// A capitalised name no mention covers and no title before it introduces.
    UnknownName,
}

fn subject_word_before(tokens: &[Token], mentions: &[Mention], verb_start: usize) -> SubjectWord {
    let covered = |i: usize| mentions.iter().any(|m| m.tokens.contains(&i));
    let mut i = verb_start;
    while i > 0 && (is_subject_verb_filler(&tokens[i - 1].norm) || is_negation(&tokens[i - 1].norm)) {
        i -= 1;
    }
    let Some(word_at) = i.checked_sub(1) else { return SubjectWord::Actor };
    let word = &tokens[word_at];
    if matches!(word.norm.as_str(), "HE" | "SHE") {
        return SubjectWord::Person(word_at);
    }
    let is_name = |t: &Token| {
        t.capitalized && !is_calendar_word(&t.norm) && t.norm.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    if !is_name(word) || covered(word_at) {
        return SubjectWord::Actor;
    }
    // Walk back over the whole name: a title right before it ("Foreign Minister Araghchi") is
    // the actor it names; the first word of a sentence may be capitalised for that alone.
    let mut start = word_at;
    while start > 0 && is_name(&tokens[start - 1]) && !covered(start - 1) {
        start -= 1;
    }
    // "on Monday", "in Darfur": a name after a preposition is no subject.
    let introduced = start > 0 && (covered(start - 1) || is_preposition(&tokens[start - 1].norm));
    if introduced || (start == 0 && start == word_at) {
        SubjectWord::Actor
    } else {
        SubjectWord::UnknownName
    }
}

/// The object: the first actor after the verb (and its pattern words) in the same clause that is not
/// a place after a locative preposition.
fn object_of<'m>(tokens: &[Token], mentions: &'m [Mention], after: usize, verb_end: usize) -> Option<&'m Mention> {
    // "launched a drone attack on Odesa": a bare role naming the weapon of an attack is no party.
    let modifies_attack = |m: &Mention| {
        m.is_bare_role() && tokens.get(m.tokens.end).is_some_and(|t| ATTACK_NOUNS.contains(&t.norm.as_str()))
    };
    let mention = mentions.iter().find(|m| {
        m.tokens.start >= after.min(verb_end)
            && m.tokens.start >= verb_end
            && !m.is_no_party(tokens)
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
    let country = |m: &Mention| m.code.get(..3).filter(|c| *c != NO_COUNTRY).map(str::to_string);
    let source_country = source.and_then(country);
    let weak = country(first).is_none() || (source_country.is_some() && country(first) == source_country);
    if !weak {
        return first;
    }
    mentions
        .iter()
        .filter(|m| m.tokens.start >= first.tokens.end && m.tokens.start - first.tokens.end <= 10)
        .filter(|m| !m.is_no_party(tokens))
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
        ends_clause(w) || (is_clause_opener(w) && !(that_subject && w == "THAT"))
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
pub fn group_of(mentions: &[Mention], mention: &Mention) -> Vec<Mention> {
    mentions.iter().filter(|m| m.group == mention.group).cloned().collect()
}

/// The actor right after "if" or "unless" following a verb.
fn conditional_party<'m>(tokens: &[Token], mentions: &'m [Mention], verb_end: usize) -> Option<&'m Mention> {
    let condition = (verb_end..tokens.len()).find(|&i| CONDITIONALS.contains(&tokens[i].norm.as_str()))?;
    mentions.iter().find(|m| m.tokens.start > condition && m.tokens.start - condition <= 3 && !m.is_no_party(tokens))
}

/// "… and summoned", "…, and then expelled": the verb follows a coordinating conjunction, perhaps
/// with an adverb between.
fn coordinated_with_previous(tokens: &[Token], verb_start: usize) -> bool {
    let mut i = verb_start;
    for _ in 0..3 {
        let Some(prev) = i.checked_sub(1) else { return false };
        let word = tokens[prev].norm.as_str();
        if VERB_COORDINATORS.contains(&word) {
            return true;
        }
        if !(word.ends_with("LY") || SEQUENCE_ADVERBS.contains(&word) || is_subject_verb_filler(word)) {
            return false;
        }
        i = prev;
    }
    false
}

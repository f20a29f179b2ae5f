//! Stage 2, actors: dictionary hits for actors and agents turned into coded [`Mention`]s, with
//! agents attached to their actor ("Iranian Foreign Minister" → IRNGOV, "police of Gondor" →
//! GONCOP) and lists joined into compounds ("Gondor, Rohan and Bree" → three members acting
//! together). [`resolve`] then reads what the words around a mention say about it: possessives,
//! titles, nationalities, ethnic groups, and the borders of the day.

use chrono::NaiveDate;
use compact_str::CompactString;
use std::ops::Range;
use tripwire_dictionaries::{AgentPlacement, Dictionaries};

use super::tokens::Token;
use crate::english::{
    is_boundary, is_locative, is_place_noun, is_relation_suffix, is_reporting_verb, is_verb_like,
    AGENT_OWNER_PREPOSITIONS, LEADER_NOUNS, LIST_JOINERS, NOUN_PHRASE_FILLER, PHRASE_BREAKERS,
};
use crate::lexicon::{Entry, Hit};

pub use super::resolve::country_on;

/// The code given to an agent named without any country ("a senior official" → `---GOV`), as
/// PETRARCH and TABARI write it.
pub const NO_COUNTRY: &str = "---";

/// One coded actor in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Tokens covered, agents included.
    pub tokens: Range<usize>,
    pub code: CompactString,
    /// The dictionary entries used (their `file:line` is in the lexicon).
    pub entries: Vec<Entry>,
    /// A capital or city used as a metonym: also a place, so "talks in Muscat" is a location.
    pub is_place: bool,
    /// Index of the compound this mention belongs to (mentions joined by "and" or commas).
    pub group: usize,
    /// A country named as where something happens or where someone goes ("in Georgia",
    /// "travelling to France"): a party only when a verb pattern names it.
    pub is_location: bool,
    /// Stands for one of two parties named before ("the two sides", "each other"): the pair acts
    /// as one side of a relation between them.
    pub refers_to_dyad: bool,
    /// A name that only describes the noun after it ("Libya–Turkey relations"): no party.
    pub is_topic: bool,
}

impl Mention {
    /// A mention of `code` over `tokens`, in no compound yet.
    fn new(tokens: Range<usize>, code: CompactString, entries: Vec<Entry>) -> Mention {
        Mention {
            tokens,
            code,
            entries,
            is_place: false,
            group: 0,
            is_location: false,
            refers_to_dyad: false,
            is_topic: false,
        }
    }

    /// Whether the code names no country ("---GOV").
    pub fn is_bare_role(&self) -> bool {
        self.code.starts_with(NO_COUNTRY)
    }

    /// A mention no rule takes as a party: a place ([`Mention::is_place_after_locative`]) or a
    /// name describing a noun ("Libya–Turkey relations").
    pub fn is_no_party(&self, tokens: &[Token]) -> bool {
        self.is_topic || self.is_place_after_locative(tokens)
    }

    /// A capital or city named right after "in", "at", "near": the event's place, not an actor.
    pub fn is_place_after_locative(&self, tokens: &[Token]) -> bool {
        // "in Oman's capital Muscat": a country that names where a place is, is a place too.
        if self.is_location {
            return true;
        }
        let locates_a_place = tokens.get(self.tokens.end).is_some_and(|t| t.norm == "'S")
            && tokens.get(self.tokens.end + 1).is_some_and(|t| is_place_noun(&t.norm));
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
            if is_locative(word) {
                return true;
            }
            let descriptive = matches!(word, "THE" | "'S" | "OF")
                || is_place_noun(word)
                || word.ends_with("ERN")
                || (tokens[i].capitalized && i + 2 < self.tokens.start);
            if !descriptive {
                return false;
            }
        }
        false
    }
}

/// An actor or agent phrase, in text order, before agents are glued to actors.
enum Piece {
    Actor { tokens: Range<usize>, code: CompactString, entry: Entry, is_place: bool },
    Agent { tokens: Range<usize>, code: CompactString, placement: AgentPlacement, entry: Entry },
}

/// What the gluing rules read: the sentence, its pieces, and which tokens a verb form covers.
struct Phrases<'a> {
    tokens: &'a [Token],
    pieces: &'a [Piece],
    /// Tokens that a verb form covers: never part of a noun phrase gap.
    verb_token: Vec<bool>,
}

/// Finds the actor mentions of a sentence from its dictionary hits.
pub fn find_mentions(tokens: &[Token], hits: &[Hit], dictionaries: &Dictionaries, date: NaiveDate) -> Vec<Mention> {
    let pieces = pieces(hits, dictionaries, date);
    let mut verb_token = vec![false; tokens.len()];
    for hit in hits.iter().filter(|h| matches!(h.entry, Entry::Verb(_))) {
        for flag in verb_token.iter_mut().take(hit.end).skip(hit.start) {
            *flag = true;
        }
    }
    let phrases = Phrases { tokens, pieces: &pieces, verb_token };
    let mut mentions: Vec<Mention> = Vec::new();
    let mut used = vec![false; pieces.len()];
    for i in 0..pieces.len() {
        if used[i] {
            continue;
        }
        used[i] = true;
        match &pieces[i] {
            Piece::Actor { .. } => phrases.actor_and_agents(i, &mut used, &mut mentions),
            Piece::Agent { .. } => phrases.agents_first(i, &mut used, &mut mentions),
        }
    }
    phrases.group_compounds(&mut mentions);
    mentions
}

/// Longest-leftmost choice among actor and agent phrases (an actor beats an agent of equal
/// length), as pieces. A person or actor whose code does not apply on `date` is not an actor here.
fn pieces(hits: &[Hit], dictionaries: &Dictionaries, date: NaiveDate) -> Vec<Piece> {
    let mut candidates: Vec<&Hit> =
        hits.iter().filter(|h| matches!(h.entry, Entry::Actor(_) | Entry::Agent(_))).collect();
    candidates.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), matches!(h.entry, Entry::Agent(_))));
    let mut pieces = Vec::new();
    let mut covered_until = 0;
    for hit in candidates {
        if hit.start < covered_until {
            continue;
        }
        let piece = match hit.entry {
            Entry::Actor(i) => {
                let actor = &dictionaries.actors[i as usize];
                let Some(code) = actor.code_on(date) else { continue };
                Piece::Actor {
                    tokens: hit.start..hit.end,
                    code: CompactString::from(code),
                    entry: hit.entry,
                    is_place: actor.is_place,
                }
            }
            Entry::Agent(i) => {
                let agent = &dictionaries.agents[i as usize];
                Piece::Agent {
                    tokens: hit.start..hit.end,
                    code: CompactString::from(&*agent.code),
                    placement: agent.placement,
                    entry: hit.entry,
                }
            }
            _ => continue,
        };
        covered_until = hit.end;
        pieces.push(piece);
    }
    pieces
}

impl Phrases<'_> {
    fn norm(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.norm.as_str())
    }

    /// Whether every token in `from..to` is one of `allowed`.
    fn gap_is(&self, from: usize, to: usize, allowed: &[&str]) -> bool {
        (from..to).all(|i| allowed.contains(&self.norm(i)))
    }

    /// An actor, then the agents that belong to it: "Iranian foreign minister", "Iran's army",
    /// "Gondor border police", and a name right after the agent ("Prime Minister Romendacil").
    fn actor_and_agents(&self, i: usize, used: &mut [bool], mentions: &mut Vec<Mention>) {
        let Piece::Actor { tokens: span, code, entry, is_place } = &self.pieces[i] else { return };
        let mut mention = Mention { is_place: *is_place, ..Mention::new(span.clone(), code.clone(), vec![*entry]) };
        let mut j = i + 1;
        // "Foreign Minister Araghchi": a person right after the agent words wins; any other piece
        // ends the phrase.
        while let Some(Piece::Agent { tokens: agent_span, code: agent_code, placement, entry }) = self.pieces.get(j) {
            if !self.agent_may_follow(mention.tokens.end..agent_span.start) {
                break;
            }
            attach_agent(&mut mention.code, agent_code, *placement);
            mention.tokens.end = agent_span.end;
            mention.entries.push(*entry);
            mention.is_place = false;
            used[j] = true;
            j += 1;
            // Agent then name: the name is the same actor, and a person's own code, when it has
            // a role, is more precise.
            if let Some(Piece::Actor { tokens: person, code: person_code, entry, .. }) = self.pieces.get(j) {
                if person.start == mention.tokens.end {
                    if person_code.len() > 3 {
                        mention.code = person_code.clone();
                    }
                    mention.tokens.end = person.end;
                    mention.entries.push(*entry);
                    used[j] = true;
                    j += 1;
                }
            }
        }
        // "FRO/BIL/SAM": one name standing for several actors.
        for code in split_codes(&mention.code).collect::<Vec<_>>() {
            mentions.push(Mention { code, ..mention.clone() });
        }
    }

    /// Whether the words between an actor and an agent keep them one phrase: nothing, a
    /// possessive ("Iran's army"), one plain word ("Gondor border police"), a few after a
    /// possessive ("Ithilen's awful and evil minister"), or the relation suffix the tokenizer
    /// split off ("Vietnamese-led forces", "Iran-backed militias").
    fn agent_may_follow(&self, gap: Range<usize>) -> bool {
        let plain_gap = gap.clone().all(|k| {
            let word = self.norm(k);
            !is_boundary(word) && !PHRASE_BREAKERS.contains(&word) && !self.verb_token[k] && !is_verb_like(word)
        });
        let relation = gap.len() == 2 && self.norm(gap.start) == "-" && is_relation_suffix(self.norm(gap.start + 1));
        gap.is_empty()
            || relation
            || self.gap_is(gap.start, gap.end, &["'S", "'"])
            || (gap.len() == 1 && plain_gap)
            || (gap.len() <= 4 && plain_gap && matches!(self.norm(gap.start), "'S" | "'"))
    }

    /// Agent words first: "security officials", then a name ("Foreign Minister Araghchi" keeps
    /// the person's code when it has a role, "MSF Arnor" applies the agent to the actor), or a
    /// list of owners ("police of Gondor"), or no country at all ("police" → `---COP`).
    fn agents_first(&self, i: usize, used: &mut [bool], mentions: &mut Vec<Mention>) {
        let Piece::Agent { tokens: agent_span, code, placement, entry } = &self.pieces[i] else { return };
        let mut agent_tokens = agent_span.clone();
        let mut entries = vec![*entry];
        let mut agents = vec![(code.clone(), *placement)];
        let mut j = i + 1;
        while let Some(Piece::Agent { tokens: next, code, placement, entry }) = self.pieces.get(j) {
            if next.start != agent_tokens.end {
                break;
            }
            agent_tokens.end = next.end;
            agents.push((code.clone(), *placement));
            entries.push(*entry);
            used[j] = true;
            j += 1;
        }
        let with_agents = |code: &CompactString| {
            let mut full = code.clone();
            for (agent_code, placement) in &agents {
                attach_agent(&mut full, agent_code, *placement);
            }
            full
        };
        if let Some(Piece::Actor { tokens: person, code, entry, .. }) = self.pieces.get(j) {
            if person.start == agent_tokens.end {
                used[j] = true;
                entries.push(*entry);
                let full = if code.len() <= 3 { with_agents(code) } else { code.clone() };
                let tokens = agent_tokens.start..person.end;
                mentions.extend(split_codes(&full).map(|code| Mention::new(tokens.clone(), code, entries.clone())));
                return;
            }
        }
        let owners = self.owners_after(agent_tokens.end, j);
        if owners.is_empty() {
            mentions.push(Mention::new(agent_tokens, with_agents(&CompactString::from(NO_COUNTRY)), entries));
            return;
        }
        // Members of one "agent of A and B" phrase form one compound.
        for owner in owners {
            used[owner] = true;
            if let Piece::Actor { tokens: actor_span, code, entry, .. } = &self.pieces[owner] {
                let mut owner_entries = entries.clone();
                owner_entries.push(*entry);
                let tokens = agent_tokens.start.min(actor_span.start)..actor_span.end;
                mentions.push(Mention::new(tokens, with_agents(code), owner_entries));
            }
        }
    }

    /// "police of Gondor", "soldiers from Gondor", "lawmakers in Fornost and Gondor": the actor
    /// pieces (from piece `first` on) of the list after an agent that ends at token `agent_end`.
    fn owners_after(&self, agent_end: usize, first: usize) -> Vec<usize> {
        let mut owners = Vec::new();
        if agent_end >= self.tokens.len() || !AGENT_OWNER_PREPOSITIONS.contains(&self.norm(agent_end)) {
            return owners;
        }
        let mut cursor = agent_end + 1;
        let mut k = first;
        while let Some(Piece::Actor { tokens: actor_span, .. }) = self.pieces.get(k) {
            if !self.gap_is(cursor, actor_span.start, NOUN_PHRASE_FILLER) {
                break;
            }
            owners.push(k);
            cursor = actor_span.end;
            k += 1;
            // Continue through "A, B and C".
            let mut next_start = cursor;
            while next_start < self.tokens.len()
                && (LIST_JOINERS.contains(&self.norm(next_start))
                    || NOUN_PHRASE_FILLER.contains(&self.norm(next_start)))
            {
                next_start += 1;
            }
            match self.pieces.get(k) {
                Some(Piece::Actor { tokens: s, .. })
                    if s.start == next_start
                        && next_start > cursor
                        && (cursor..next_start).any(|t| LIST_JOINERS.contains(&self.norm(t))) =>
                {
                    cursor = next_start;
                }
                _ => break,
            }
        }
        owners
    }

    /// Compounds: consecutive mentions separated only by joiners and fillers share a group.
    /// Overlapping mentions come from one "agent of A and B" phrase.
    fn group_compounds(&self, mentions: &mut [Mention]) {
        let mut group = 0;
        for m in 0..mentions.len() {
            if m > 0 {
                let (prev_end, start) = (mentions[m - 1].tokens.end, mentions[m].tokens.start);
                if !(start < prev_end || self.joins_previous(prev_end, &mentions[m])) {
                    group += 1;
                }
            }
            mentions[m].group = group;
        }
    }

    /// "A, B and C", "Evil Mordor, the awful Fornost, and good Gondor": whether `mention` continues
    /// the list whose previous member ends at `prev_end` — a joiner between, and nothing that
    /// would start a new phrase.
    fn joins_previous(&self, prev_end: usize, mention: &Mention) -> bool {
        let start = mention.tokens.start;
        let gap = prev_end..start.max(prev_end);
        // Nothing may follow the previous name before the joiner ("Iran last year, and Israel" is
        // two clauses); modifiers of the next name may come after it. A name and title the
        // dictionaries do not know may close the previous phrase ("Libyan leader Muammar Gaddafi
        // and Bulgarian President Todor Zhivkov").
        let first_joiner = gap.clone().find(|&t| LIST_JOINERS.contains(&self.norm(t)));
        let nothing_before_joiner = first_joiner.is_some_and(|j| {
            (prev_end..j).all(|t| {
                NOUN_PHRASE_FILLER.contains(&self.norm(t))
                    || (self.tokens[t].capitalized && !self.verb_token[t])
                    || LEADER_NOUNS.contains(&self.norm(t))
            })
        });
        // ", the World Food Program said": a name that a reporting verb follows opens a new
        // clause (a parenthesised acronym may stand between).
        let mut after = mention.tokens.end;
        if self.norm(after) == "(" {
            while after < self.tokens.len() && self.norm(after) != ")" {
                after += 1;
            }
            after += 1;
        }
        let reporter = is_reporting_verb(self.norm(after));
        // "Pakistan, a key U.S. ally, …": an indefinite article after the comma describes the
        // name before it.
        let appositive = gap.clone().any(|t| self.norm(t) == "," && matches!(self.norm(t + 1), "A" | "AN"));
        start >= prev_end
            && !appositive
            && !(reporter && gap.clone().any(|t| self.norm(t) == ","))
            && (start == prev_end
                || (gap.len() <= 5
                    && nothing_before_joiner
                    && gap.clone().all(|t| {
                        let w = self.norm(t);
                        LIST_JOINERS.contains(&w)
                            || NOUN_PHRASE_FILLER.contains(&w)
                            || (!PHRASE_BREAKERS.contains(&w)
                                && !is_boundary(w)
                                && !is_verb_like(w)
                                && !self.verb_token[t])
                    })))
    }
}

/// Codes written `A/B/C` in a dictionary name several actors at once.
fn split_codes(code: &str) -> impl Iterator<Item = CompactString> + '_ {
    code.split('/').filter(|c| !c.is_empty()).map(CompactString::from)
}

/// Adds an agent code to an actor code unless the code already carries it.
fn attach_agent(code: &mut CompactString, agent: &str, placement: AgentPlacement) {
    if agent.is_empty() || code.ends_with(agent) || code.starts_with(agent) {
        return;
    }
    match placement {
        AgentPlacement::Suffix => code.push_str(agent),
        AgentPlacement::Prefix => {
            let rest = CompactString::from(code.strip_prefix(NO_COUNTRY).unwrap_or(code));
            *code = compact_str::format_compact!("{agent}{rest}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agents_attach_once() {
        let mut code = CompactString::from("USAGOV");
        attach_agent(&mut code, "GOV", AgentPlacement::Suffix);
        assert_eq!(code, "USAGOV");
        let mut code = CompactString::from("ARN");
        attach_agent(&mut code, "NGO", AgentPlacement::Prefix);
        assert_eq!(code, "NGOARN");
        let mut code = CompactString::from(NO_COUNTRY);
        attach_agent(&mut code, "GOV", AgentPlacement::Suffix);
        assert_eq!(code, "---GOV");
    }
}
